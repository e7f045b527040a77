// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "crypto/ChannelBinding.h"

#include "crypto/QcaInit.h"

#include <QByteArrayView>
#include <QtCrypto>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

// The signature algorithm is read from the certificate's DER here rather than through
// QCA::Certificate::signatureAlgorithm(): QCA's enumeration has no ECDSA (nor RSASSA-PSS) entries, and
// ECDSA certificates are common on XMPP servers.

/// One DER element (X.690 §8.1): its tag, its contents, and what follows it.
struct DerElement
{
    quint8 tag = 0;
    QByteArrayView contents;
    QByteArrayView rest;
};

/// Reads the element at the start of data; std::nullopt if it is truncated or not DER-shaped. Only
/// single-byte tags, which is all an X.509 certificate's outer structure uses.
std::optional<DerElement> readElement(QByteArrayView data)
{
    if (data.size() < 2)
        return std::nullopt;
    const auto tag = quint8(data.at(0));
    if ((tag & 0x1F) == 0x1F)
        return std::nullopt;   // high tag number form
    qsizetype pos = 1;
    quint64 length = quint8(data.at(pos++));
    if (length & 0x80) {
        // X.690 §8.1.3.5, long form: the low bits count the length bytes that follow; 0x80 (indefinite)
        // is not DER.
        const int count = int(length & 0x7F);
        if (count == 0 || count > 4 || data.size() < pos + count)
            return std::nullopt;
        length = 0;
        for (int i = 0; i < count; ++i)
            length = (length << 8) | quint8(data.at(pos++));
    }
    if (length > quint64(data.size() - pos))
        return std::nullopt;
    DerElement element;
    element.tag = tag;
    element.contents = data.sliced(pos, qsizetype(length));
    element.rest = data.sliced(pos + qsizetype(length));
    return element;
}

constexpr quint8 TagSequence = 0x30;
constexpr quint8 TagOid = 0x06;
constexpr quint8 TagContext0 = 0xA0;   // [0], constructed

enum class BindingHash { Unknown, Sha224, Sha256, Sha384, Sha512 };

// RFC 5929 §4.1: the hash of the signature algorithm, except that MD5 and SHA-1 become SHA-256.
// DER contents of the object identifiers involved (X.690 §8.19). Signature algorithms:
constexpr unsigned char RsaPkcs1Prefix[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01};   // 1.2.840.113549.1.1
constexpr unsigned char EcdsaSha1[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01};              // 1.2.840.10045.4.1
constexpr unsigned char EcdsaSha2Prefix[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03};        // 1.2.840.10045.4.3
constexpr unsigned char DsaSha1[] = {0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x03};                // 1.2.840.10040.4.3
constexpr unsigned char NistSigPrefix[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03};   // 2.16.840.1.101.3.4.3
// Hash algorithms (in RSASSA-PSS parameters):
constexpr unsigned char Md5[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x05};   // 1.2.840.113549.2.5
constexpr unsigned char Sha1[] = {0x2B, 0x0E, 0x03, 0x02, 0x1A};   // 1.3.14.3.2.26
constexpr unsigned char NistHashPrefix[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02};   // 2.16.840.1.101.3.4.2

template <std::size_t N>
QByteArrayView view(const unsigned char (&oid)[N])
{
    return QByteArrayView(reinterpret_cast<const char *>(oid), qsizetype(N));
}

/// Splits oid into prefix + one final arc below 128; -1 if it is not of that form.
template <std::size_t N>
int lastArcAfter(QByteArrayView oid, const unsigned char (&prefix)[N])
{
    if (oid.size() != qsizetype(N) + 1 || !oid.startsWith(view(prefix)))
        return -1;
    const auto arc = quint8(oid.back());
    return arc < 0x80 ? arc : -1;
}

/// A hash algorithm's OID (RFC 8017 Appendix A.2.1, RFC 5754 §2) as the channel binding hash.
BindingHash bindingHashForHashOid(QByteArrayView oid)
{
    if (oid == view(Md5) || oid == view(Sha1))
        return BindingHash::Sha256;
    switch (lastArcAfter(oid, NistHashPrefix)) {
    case 1:
        return BindingHash::Sha256;
    case 2:
        return BindingHash::Sha384;
    case 3:
        return BindingHash::Sha512;
    case 4:
        return BindingHash::Sha224;
    default:
        return BindingHash::Unknown;
    }
}

/// RSASSA-PSS-params (RFC 8017 Appendix A.2.3): SEQUENCE { hashAlgorithm [0] HashAlgorithm DEFAULT sha1, ...}
BindingHash bindingHashForPssParameters(QByteArrayView parameters)
{
    const auto params = readElement(parameters);
    if (!params || params->tag != TagSequence)
        return BindingHash::Unknown;
    const auto first = readElement(params->contents);
    if (!first || first->tag != TagContext0)
        return BindingHash::Sha256;   // hashAlgorithm absent: SHA-1, hence SHA-256 (RFC 5929 §4.1)
    const auto algorithm = readElement(first->contents);   // AlgorithmIdentifier
    if (!algorithm || algorithm->tag != TagSequence)
        return BindingHash::Unknown;
    const auto oid = readElement(algorithm->contents);
    if (!oid || oid->tag != TagOid)
        return BindingHash::Unknown;
    return bindingHashForHashOid(oid->contents);
}

/// SHA-224, -256, -384, -512 for the last arc 1 to 4 of an ECDSA or DSA with SHA-2 signature OID (RFC 5758 §3);
/// Unknown otherwise.
BindingHash sha2ForArc(int arc)
{
    switch (arc) {
    case 1:
        return BindingHash::Sha224;
    case 2:
        return BindingHash::Sha256;
    case 3:
        return BindingHash::Sha384;
    case 4:
        return BindingHash::Sha512;
    default:
        return BindingHash::Unknown;
    }
}

/// The channel binding hash for the certificate's signatureAlgorithm (an AlgorithmIdentifier's contents).
BindingHash bindingHashForSignature(QByteArrayView algorithmIdentifier)
{
    const auto oidElement = readElement(algorithmIdentifier);
    if (!oidElement || oidElement->tag != TagOid)
        return BindingHash::Unknown;
    const QByteArrayView oid = oidElement->contents;

    // PKCS #1 (RFC 8017 Appendix C): 4 md5WithRSA, 5 sha1WithRSA, 10 RSASSA-PSS, 11 sha256WithRSA,
    // 12 sha384WithRSA, 13 sha512WithRSA, 14 sha224WithRSA.
    switch (lastArcAfter(oid, RsaPkcs1Prefix)) {
    case 4:
    case 5:
        return BindingHash::Sha256;
    case 10:
        return bindingHashForPssParameters(oidElement->rest);
    case 11:
        return BindingHash::Sha256;
    case 12:
        return BindingHash::Sha384;
    case 13:
        return BindingHash::Sha512;
    case 14:
        return BindingHash::Sha224;
    default:
        break;
    }
    // ECDSA (RFC 5758 §3.2): ecdsa-with-SHA1, and ecdsa-with-SHA224/256/384/512 as 4.3.1 to 4.3.4.
    if (oid == view(EcdsaSha1) || oid == view(DsaSha1))
        return BindingHash::Sha256;
    if (const BindingHash hash = sha2ForArc(lastArcAfter(oid, EcdsaSha2Prefix)); hash != BindingHash::Unknown)
        return hash;
    // DSA with SHA-2 (RFC 5758 §3.1; NIST CSOR): id-dsa-with-sha224, -sha256, -sha384, -sha512 as .1 to .4.
    if (const BindingHash hash = sha2ForArc(lastArcAfter(oid, NistSigPrefix)); hash != BindingHash::Unknown)
        return hash;
    // Anything else (Ed25519 and Ed448 have no single hash function, RFC 5929 §4.1 leaves them undefined;
    // SHA-3 based ones are rare): unknown.
    return BindingHash::Unknown;
}

QString qcaHashName(BindingHash hash)
{
    switch (hash) {
    case BindingHash::Sha224:
        return u"sha224"_s;
    case BindingHash::Sha256:
        return u"sha256"_s;
    case BindingHash::Sha384:
        return u"sha384"_s;
    case BindingHash::Sha512:
        return u"sha512"_s;
    case BindingHash::Unknown:
        break;
    }
    return {};
}

}   // namespace

namespace ChannelBinding {

QByteArray tlsServerEndPoint(const QSslCertificate &serverCertificate)
{
    if (serverCertificate.isNull())
        return {};
    const QByteArray der = serverCertificate.toDer();

    // RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier,
    // signatureValue BIT STRING }; AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY }.
    const auto certificate = readElement(der);
    if (!certificate || certificate->tag != TagSequence)
        return {};
    const auto tbs = readElement(certificate->contents);
    if (!tbs || tbs->tag != TagSequence)
        return {};
    const auto signatureAlgorithm = readElement(tbs->rest);
    if (!signatureAlgorithm || signatureAlgorithm->tag != TagSequence)
        return {};

    const QString hashName = qcaHashName(bindingHashForSignature(signatureAlgorithm->contents));
    if (hashName.isEmpty())
        return {};

    // RFC 5929 §4.1: the hash of the DER-encoded certificate (as sent in the TLS Certificate message).
    QcaInit::ensure();
    if (!QCA::isSupported(QStringList{hashName}))
        return {};
    return QCA::Hash(hashName).hash(der).toByteArray();
}

}   // namespace ChannelBinding
