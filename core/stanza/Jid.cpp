// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/Jid.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Error texts are shown to the user (the account dialog, the add-contact dialog): translatable, context "Jid".
struct JidText
{
    Q_DECLARE_TR_FUNCTIONS(Jid)
};

constexpr qsizetype MaxPartBytes = 1023;   // RFC 7622 §3.1, for each of the three parts

bool reject(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}

/// How a character is named in an error: itself when it is visible, else its code point.
QString describe(char32_t ucs)
{
    const QString hex = u"U+%1"_s.arg(uint(ucs), 4, 16, QLatin1Char('0')).toUpper();
    if (ucs < 0x21 || QChar::category(ucs) == QChar::Other_Control || QChar::category(ucs) == QChar::Other_Format
        || QChar::isSpace(ucs)) {
        return hex;
    }
    return u"'%1' (%2)"_s.arg(QString::fromUcs4(&ucs, 1), hex);
}

/// The code points of @p text; false (with @p partName in the reason) on an unpaired surrogate, which is no
/// character at all.
bool toCodePoints(QStringView text, const QString &partName, QList<char32_t> *out, QString *error)
{
    out->reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out->append(QChar::surrogateToUcs4(c, text.at(i + 1)));
            ++i;
        } else if (c.isSurrogate()) {
            return reject(error, JidText::tr("the %1 contains an unpaired UTF-16 surrogate").arg(partName));
        } else {
            out->append(c.unicode());
        }
    }
    return true;
}

bool isControl(char32_t ucs)
{
    return QChar::category(ucs) == QChar::Other_Control;
}

bool checkLength(const QString &part, const QString &partName, QString *error)
{
    if (part.isEmpty())
        return reject(error, JidText::tr("the %1 is empty").arg(partName));
    if (part.toUtf8().size() > MaxPartBytes)
        return reject(error, JidText::tr("the %1 is longer than %2 bytes").arg(partName).arg(MaxPartBytes));
    return true;
}

/// Input far beyond the limit is refused before normalisation does any work on it. Normalisation can shrink
/// a part (composing a Hangul syllable from three jamo), so the bound is generous.
bool checkRawLength(QStringView part, const QString &partName, QString *error)
{
    if (part.size() > 4 * MaxPartBytes)
        return reject(error, JidText::tr("the %1 is longer than %2 bytes").arg(partName).arg(MaxPartBytes));
    return true;
}

/// RFC 7622 §3.3: the localpart, case-folded and NFKC-normalised (the UsernameCaseMapped profile's width
/// and case mapping; NFKC again after folding because folding can leave a compatibility character behind).
std::optional<QString> normaliseLocal(QStringView text, QString *error)
{
    const QString partName = JidText::tr("localpart");
    if (!checkRawLength(text, partName, error))
        return std::nullopt;
    QString local = text.toString()
                        .normalized(QString::NormalizationForm_KC)
                        .toCaseFolded()
                        .normalized(QString::NormalizationForm_KC);
    QList<char32_t> codePoints;
    if (!toCodePoints(local, partName, &codePoints, error))
        return std::nullopt;
    for (const char32_t ucs : codePoints) {
        // RFC 7622 §3.3.1 names these; the other spaces, controls and invisible format characters are
        // disallowed by the PRECIS IdentifierClass (RFC 8264 §4.2) and make look-alike addresses.
        if (ucs < 0x80 && u"\"&'/:<>@"_s.contains(QChar(ucs))) {
            reject(error, JidText::tr("the localpart contains a forbidden character '%1'").arg(QChar(ucs)));
            return std::nullopt;
        }
        if (QChar::isSpace(ucs)) {   // NFKC has turned most spaces into U+0020 already
            reject(error, JidText::tr("the localpart contains a space"));
            return std::nullopt;
        }
        if (isControl(ucs) || QChar::category(ucs) == QChar::Other_Format || QChar::isNonCharacter(ucs)) {
            reject(error,
                   JidText::tr("the localpart contains a control or invisible character (%1)").arg(describe(ucs)));
            return std::nullopt;
        }
    }
    if (!checkLength(local, partName, error))
        return std::nullopt;
    return local;
}

/// RFC 7622 §3.4: the resourcepart is an OpaqueString (RFC 8265 §4.2): non-ASCII spaces become U+0020, then
/// NFC; anything but controls is allowed, '@' and '/' included.
std::optional<QString> normaliseResource(QStringView text, QString *error)
{
    const QString partName = JidText::tr("resourcepart");
    if (!checkRawLength(text, partName, error))
        return std::nullopt;
    QList<char32_t> codePoints;
    if (!toCodePoints(text, partName, &codePoints, error))
        return std::nullopt;
    for (char32_t &ucs : codePoints) {
        if (isControl(ucs)) {
            reject(error, JidText::tr("the resourcepart contains a control character (%1)").arg(describe(ucs)));
            return std::nullopt;
        }
        if (ucs != u' ' && QChar::category(ucs) == QChar::Separator_Space)
            ucs = u' ';
    }
    // Not QString::fromUcs4: it takes a leading U+FEFF for a byte order mark and drops it, so each parse of
    // the string form would lose one more (found by fuzz_jid).
    QString joined;
    joined.reserve(codePoints.size());
    for (const char32_t ucs : codePoints)
        joined.append(QStringView(QChar::fromUcs4(ucs)));
    const QString resource = joined.normalized(QString::NormalizationForm_C);
    if (!checkLength(resource, partName, error))
        return std::nullopt;
    return resource;
}

/// RFC 7622 §3.2 allows an IPv4 address as the domainpart. All-digit labels are nothing else: no top-level
/// domain is numeric, so "1.2.3.999" is a mistyped address, not a name.
bool isIpv4Literal(QStringView domain, bool *valid)
{
    for (const QChar c : domain) {
        if (!c.isDigit() && c != u'.')
            return false;
    }
    const auto parts = domain.split(u'.');
    *valid = parts.size() == 4;
    for (const QStringView part : parts) {
        bool ok = false;
        const int value = part.toInt(&ok);
        if (!ok || part.isEmpty() || part.size() > 3 || value > 255 || (part.size() > 1 && part.startsWith(u'0')))
            *valid = false;
    }
    return true;
}

std::optional<QString> normaliseIpLiteral(QStringView domain, QString *error)
{
    // RFC 7622 §3.2: an IPv6 address in brackets (the IP-literal of RFC 3986 §3.2.2), stored in its
    // canonical text form so that [0:0::1] and [::1] are the same JID.
    const QStringView inner = domain.size() >= 2 ? domain.sliced(1, domain.size() - 2) : QStringView();
    QHostAddress address;
    if (!domain.endsWith(u']') || inner.isEmpty() || inner.contains(u'%') || !address.setAddress(inner.toString())
        || address.protocol() != QAbstractSocket::IPv6Protocol) {
        reject(error, JidText::tr("the domainpart %1 is not a valid IPv6 address in brackets").arg(domain));
        return std::nullopt;
    }
    return u"["_s + address.toString().toLower() + u"]"_s;
}

bool checkAceLabels(const QByteArray &ace, QString *error)
{
    for (const QByteArray &label : ace.split('.')) {
        if (label.size() > 63)   // RFC 1035 §2.3.4
            return reject(error, JidText::tr("a label of the domainpart is longer than 63 bytes"));
        // IDNA2008 (RFC 5890 §2.3.1): an ASCII label is letters, digits and inner hyphens. Qt's IDNA
        // processing lets '_' through.
        for (const char c : label) {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                return reject(error,
                              JidText::tr("the domainpart contains a forbidden character '%1'").arg(QLatin1Char(c)));
        }
    }
    return true;
}

/// RFC 7622 §3.2, before IDNA: no empty label, no ASCII character a domain name cannot hold, no control
/// character.
bool checkDomainCharacters(const QString &domain, QString *error)
{
    for (const QStringView label : QStringView(domain).split(u'.')) {
        if (label.isEmpty()) {
            reject(error, JidText::tr("the domainpart contains an empty label"));
            return false;
        }
    }
    for (const QChar c : domain) {
        if (c.unicode() < 0x80 && !c.isLetterOrNumber() && c != u'-' && c != u'.') {
            reject(error, JidText::tr("the domainpart contains a forbidden character %1").arg(describe(c.unicode())));
            return false;
        }
        if (isControl(c.unicode())) {
            reject(error, JidText::tr("the domainpart contains a control character (%1)").arg(describe(c.unicode())));
            return false;
        }
    }
    return true;
}

/// @p domain in its Unicode form after UTS #46 processing (RFC 7622 §3.2: IDNA2008), checked to be a valid
/// domain name whose form is stable.
std::optional<QString> idnaUnicode(const QString &domain, QString *error)
{
    // UTS #46 processing, non-transitional (IDNA2008: 'ß' stays 'ß'); it lower-cases and maps width.
    const QByteArray ace = QUrl::toAce(domain);
    if (ace.isEmpty()) {
        const auto labels = QStringView(domain).split(u'.');
        const bool tooLong = std::any_of(labels.cbegin(), labels.cend(), [](QStringView l) { return l.size() > 63; });
        reject(error, tooLong ? JidText::tr("a label of the domainpart is longer than 63 bytes")
                              : JidText::tr("the domainpart %1 is not a valid domain name").arg(domain));
        return std::nullopt;
    }
    if (!checkAceLabels(ace, error))
        return std::nullopt;
    // Every TLD is decoded, not only those on Qt's display whitelist: this is the canonical form, not a
    // display decision. A label still in xn-- form after decoding is not valid Punycode.
    const QString unicode = QUrl::fromAce(ace, QUrl::IgnoreIDNWhitelist);
    for (const QStringView label : QStringView(unicode).split(u'.')) {
        if (label.startsWith(u"xn--")) {
            reject(error, JidText::tr("the domainpart contains an invalid A-label '%1'").arg(label));
            return std::nullopt;
        }
    }
    if (QUrl::toAce(unicode) != ace) {
        reject(error, JidText::tr("the domainpart %1 is not a valid domain name").arg(domain));
        return std::nullopt;
    }
    return unicode;
}

/// RFC 7622 §3.2: the domainpart, without a trailing dot, lower-cased and checked as an internationalised
/// domain name; stored in its Unicode form (U-labels) so "xn--fiqs8s" and "中国" compare equal.
std::optional<QString> normaliseDomain(QStringView text, QString *error, bool secondPass = false)
{
    const QString partName = JidText::tr("domainpart");
    if (!checkRawLength(text, partName, error))
        return std::nullopt;
    QString domain = text.toString();
    // The ideographic and full-width full stops separate labels too (RFC 3490 §3.1), as typed with a Chinese
    // input method.
    for (QChar &c : domain) {
        if (c == QChar(0x3002) || c == QChar(0xFF0E) || c == QChar(0xFF61))
            c = u'.';
    }
    // RFC 7622 §3.2: one trailing dot is stripped before any other step.
    if (domain.endsWith(u'.'))
        domain.chop(1);
    if (!checkLength(domain, partName, error))
        return std::nullopt;
    if (domain.startsWith(u'['))
        return normaliseIpLiteral(domain, error);
    if (bool valid = false; isIpv4Literal(domain, &valid)) {
        if (!valid) {
            reject(error, JidText::tr("the domainpart %1 is not a valid IPv4 address").arg(domain));
            return std::nullopt;
        }
        return domain;
    }
    if (!checkDomainCharacters(domain, error))
        return std::nullopt;
    const std::optional<QString> idna = idnaUnicode(domain, error);
    if (!idna)
        return std::nullopt;
    const QString &unicode = *idna;
    if (!checkLength(unicode, partName, error))
        return std::nullopt;
    // UTS #46 drops ignored characters and maps others: "\u200B1" becomes "1", "example.com.\uFEFF" becomes
    // "example.com.". The result goes through these steps once more, so that it is judged as what it now is
    // (an IPv4 literal, a name with a trailing dot; RFC 7622 §3.2) and a JID's string form always parses to
    // the same JID. A second pass that still changes the name means no stable form: refused.
    if (unicode != domain) {
        if (secondPass) {
            reject(error, JidText::tr("the domainpart %1 is not a valid domain name").arg(domain));
            return std::nullopt;
        }
        return normaliseDomain(unicode, error, true);
    }
    return unicode;
}

/// The common case, checked without normalisation: printable ASCII whose normalised form is known. Every
/// presence and message carries JIDs, and a login with thousands of contacts parses tens of thousands; the
/// full path (NFKC, case folding, UTS #46 through QUrl) costs about a hundred times more. Anything this does
/// not accept for certain goes to the full path, which gives the same result for what this accepts:
/// NFKC and NFC leave ASCII unchanged, case folding of ASCII is lower-casing, and UTS #46 leaves a
/// lower-case LDH name (no leading/trailing hyphen, no "--" at positions 3-4, labels of 1-63) as it is.
struct JidParts
{
    QString local, domain, resource;
};

std::optional<JidParts> parseAscii(QStringView text)
{
    if (text.size() > 1000)
        return std::nullopt;
    const qsizetype slash = text.indexOf(u'/');
    const QStringView head = slash < 0 ? text : text.first(slash);
    const qsizetype at = head.indexOf(u'@');
    const QStringView local = at < 0 ? QStringView() : head.first(at);
    const QStringView domain = head.sliced(at + 1);
    if (at == 0 || domain.isEmpty() || domain.size() > 253 || slash == text.size() - 1)
        return std::nullopt;
    for (const QChar c : local) {
        const char16_t u = c.unicode();
        if (u <= 0x20 || u >= 0x7f || QStringView(u"\"&'/:<>@").contains(c))
            return std::nullopt;
    }
    bool hasLetter = false;
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= domain.size(); ++i) {
        if (i == domain.size() || domain.at(i) == u'.') {
            const QStringView label = domain.sliced(labelStart, i - labelStart);
            if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-')
                || (label.size() >= 4 && label.at(2) == u'-' && label.at(3) == u'-'))
                return std::nullopt;
            labelStart = i + 1;
            continue;
        }
        const char16_t u = domain.at(i).unicode();
        if (u >= u'a' && u <= u'z')
            hasLetter = true;
        else if (!(u >= u'0' && u <= u'9') && u != u'-')
            return std::nullopt;
    }
    if (!hasLetter)
        return std::nullopt;   // an IPv4 literal, or not a name: the full path decides
    const QStringView resource = slash < 0 ? QStringView() : text.sliced(slash + 1);
    for (const QChar c : resource) {
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
            return std::nullopt;
    }
    return JidParts{local.toString().toLower(), domain.toString(), resource.toString()};
}

} // namespace

std::optional<Jid> Jid::parse(QStringView text, QString *error)
{
    if (auto ascii = parseAscii(text)) {
        Jid jid;
        jid.m_local = std::move(ascii->local);
        jid.m_domain = std::move(ascii->domain);
        jid.m_resource = std::move(ascii->resource);
        return jid;
    }
    if (text.isEmpty()) {
        reject(error, JidText::tr("the address is empty"));
        return std::nullopt;
    }
    // RFC 7622 §3.1: the resourcepart follows the first '/', and may itself contain '/' and '@'; the
    // localpart precedes the first '@' before that.
    const qsizetype slash = text.indexOf(u'/');
    const QStringView head = slash < 0 ? text : text.first(slash);
    const qsizetype at = head.indexOf(u'@');

    Jid jid;
    if (at >= 0) {
        if (at == 0) {
            reject(error, JidText::tr("the localpart before '@' is empty"));
            return std::nullopt;
        }
        const auto local = normaliseLocal(head.first(at), error);
        if (!local)
            return std::nullopt;
        jid.m_local = *local;
    }
    const auto domain = normaliseDomain(head.sliced(at + 1), error);
    if (!domain)
        return std::nullopt;
    jid.m_domain = *domain;
    if (slash >= 0) {
        if (slash == text.size() - 1) {
            reject(error, JidText::tr("the resourcepart after '/' is empty"));
            return std::nullopt;
        }
        const auto resource = normaliseResource(text.sliced(slash + 1), error);
        if (!resource)
            return std::nullopt;
        jid.m_resource = *resource;
    }
    return jid;
}

Jid Jid::fromString(QStringView text)
{
    return parse(text).value_or(Jid());
}

Jid Jid::bare() const
{
    Jid jid;
    jid.m_local = m_local;
    jid.m_domain = m_domain;
    return jid;
}

Jid Jid::domainJid() const
{
    Jid jid;
    jid.m_domain = m_domain;
    return jid;
}

Jid Jid::withResource(QStringView resource) const
{
    if (isNull())
        return {};
    const auto normalised = normaliseResource(resource, nullptr);
    if (!normalised)
        return {};
    Jid jid = bare();
    jid.m_resource = *normalised;
    return jid;
}

QString Jid::toString() const
{
    if (m_resource.isEmpty())
        return bareString();
    return bareString() + u'/' + m_resource;
}

QString Jid::bareString() const
{
    if (m_local.isEmpty())
        return m_domain;
    return m_local + u'@' + m_domain;
}
