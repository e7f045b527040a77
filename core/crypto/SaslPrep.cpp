// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "crypto/SaslPrep.h"

#include <QChar>

using namespace Qt::StringLiterals;

namespace {

struct Range
{
    char32_t first;
    char32_t last;
};

template <std::size_t N>
bool inTable(char32_t cp, const Range (&table)[N])
{
    for (const Range &r : table) {
        if (cp >= r.first && cp <= r.last)
            return true;
    }
    return false;
}

// RFC 3454 Appendix C.1.2, non-ASCII space characters: mapped to SPACE (RFC 4013 §2.1), and prohibited
// in the output (RFC 4013 §2.3; after the mapping none can remain).
constexpr Range NonAsciiSpace[] = {
    {0x00A0, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200B}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
};

// RFC 3454 Appendix B.1, "commonly mapped to nothing" (RFC 4013 §2.1).
constexpr Range MappedToNothing[] = {
    {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x1806, 0x1806}, {0x180B, 0x180D},
    {0x200B, 0x200D}, {0x2060, 0x2060}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF},
};

// RFC 3454 Appendix C.2.1 and C.2.2, ASCII and non-ASCII control characters.
constexpr Range Controls[] = {
    {0x0000, 0x001F}, {0x007F, 0x009F}, {0x06DD, 0x06DD}, {0x070F, 0x070F}, {0x180E, 0x180E}, {0x200C, 0x200D},
    {0x2028, 0x2029}, {0x2060, 0x2063}, {0x206A, 0x206F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFC}, {0x1D173, 0x1D17A},
};

// RFC 3454 Appendix C.3, private use.
constexpr Range PrivateUse[] = {
    {0xE000, 0xF8FF},
    {0xF0000, 0xFFFFD},
    {0x100000, 0x10FFFD},
};

// RFC 3454 Appendix C.6 (inappropriate for plain text), C.7 (inappropriate for canonical representation),
// C.8 (change display properties or deprecated) and C.9 (tagging characters).
constexpr Range Inappropriate[] = {
    {0xFFF9, 0xFFFD}, {0x2FF0, 0x2FFB}, {0x0340, 0x0341},   {0x200E, 0x200F},
    {0x202A, 0x202E}, {0x206A, 0x206F}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
};

// RFC 3454 Appendix C.4, non-character code points: U+FDD0..U+FDEF and the last two of every plane.
bool isNonCharacter(char32_t cp)
{
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

void appendCodePoint(QString &out, char32_t cp)
{
    if (QChar::requiresSurrogates(cp)) {
        out.append(QChar(QChar::highSurrogate(cp)));
        out.append(QChar(QChar::lowSurrogate(cp)));
    } else {
        out.append(QChar(char16_t(cp)));
    }
}

/// Calls f(codePoint) for each code point of s; false at the first lone surrogate (RFC 3454 C.5).
template <typename F>
bool forEachCodePoint(const QString &s, F f)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        char32_t cp = c.unicode();
        if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(c, s.at(i + 1));
            ++i;
        } else if (c.isSurrogate()) {
            return false;
        }
        f(cp);
    }
    return true;
}

bool fail(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}

/// RFC 4013 §2.3: the prohibited output, by kind.
bool checkProhibited(char32_t cp, QString *error)
{
    if (inTable(cp, NonAsciiSpace))
        return fail(error, u"contains a non-ASCII space character"_s);
    if (inTable(cp, Controls))
        return fail(error, u"contains a control character"_s);
    if (inTable(cp, PrivateUse))
        return fail(error, u"contains a private use character"_s);
    if (isNonCharacter(cp))
        return fail(error, u"contains a non-character code point"_s);
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return fail(error, u"contains a surrogate code point"_s);
    if (inTable(cp, Inappropriate))
        return fail(error, u"contains a character that is not allowed (display control, tag or similar)"_s);
    return true;
}

bool isRandALCat(char32_t cp)
{
    const auto dir = QChar::direction(cp);
    return dir == QChar::DirR || dir == QChar::DirAL;
}

bool isLCat(char32_t cp)
{
    return QChar::direction(cp) == QChar::DirL;
}

} // namespace

namespace SaslPrep {

std::optional<QString> prepare(const QString &input, QString *error)
{
    // RFC 4013 §2.1, mapping.
    QString mapped;
    mapped.reserve(input.size());
    const bool wellFormed = forEachCodePoint(input, [&mapped](char32_t cp) {
        if (inTable(cp, MappedToNothing))
            return;
        appendCodePoint(mapped, inTable(cp, NonAsciiSpace) ? U' ' : cp);
    });
    if (!wellFormed) {
        mapped.fill(QChar(u'\0'));
        fail(error, u"contains a lone surrogate"_s);
        return std::nullopt;
    }

    // RFC 4013 §2.2, normalisation: Unicode form KC, with the Unicode 3.2 data stringprep is defined on.
    QString output = mapped.normalized(QString::NormalizationForm_KC, QChar::Unicode_3_2);
    mapped.fill(QChar(u'\0'));   // the input may be a password: wipe the intermediate copy

    // RFC 4013 §2.3 (prohibited output) and §2.4 (bidirectional characters, RFC 3454 §6).
    bool ok = true;
    bool hasRandAL = false;
    bool hasL = false;
    char32_t firstCp = 0;
    char32_t lastCp = 0;
    bool first = true;
    forEachCodePoint(output, [&](char32_t cp) {
        if (!ok)
            return;
        ok = checkProhibited(cp, error);
        hasRandAL = hasRandAL || isRandALCat(cp);
        hasL = hasL || isLCat(cp);
        if (first)
            firstCp = cp;
        first = false;
        lastCp = cp;
    });
    if (ok && hasRandAL) {
        if (hasL)
            ok = fail(error, u"mixes right-to-left and left-to-right characters"_s);
        else if (!isRandALCat(firstCp) || !isRandALCat(lastCp))
            ok = fail(error,
                      u"contains right-to-left text that does not start and end with a right-to-left character"_s);
    }
    if (!ok) {
        output.fill(QChar(u'\0'));
        return std::nullopt;
    }
    return output;
}

} // namespace SaslPrep
