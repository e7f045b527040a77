// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "crypto/ScramClient.h"

#include "crypto/QcaInit.h"
#include "crypto/SaslPrep.h"

#include <QRandomGenerator>
#include <QtCrypto>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

// RFC 5802 §5.1 sets no bound on i=; RFC 7677 §4 recommends at least 4096 and a client can insist on it,
// so that an attacker in the middle cannot lower the work needed to brute-force the password from what
// it sees. The upper bound only keeps a hostile server from making us compute for hours.
constexpr quint32 MinIterations = 4096;
constexpr quint32 MaxIterations = 10'000'000;

// Client nonce: 24 random bytes, base64 (32 printable characters, none of them ',').
constexpr int NonceBytes = 24;

QString qcaHashName(ScramClient::Hash hash)
{
    switch (hash) {
    case ScramClient::Hash::Sha1:
        return u"sha1"_s;
    case ScramClient::Hash::Sha256:
        return u"sha256"_s;
    case ScramClient::Hash::Sha512:
        return u"sha512"_s;
    }
    return {};
}

int hashLength(ScramClient::Hash hash)
{
    switch (hash) {
    case ScramClient::Hash::Sha1:
        return 20;
    case ScramClient::Hash::Sha256:
        return 32;
    case ScramClient::Hash::Sha512:
        return 64;
    }
    return 0;
}

QString hmacName(ScramClient::Hash hash)
{
    return u"hmac(%1)"_s.arg(qcaHashName(hash));
}

QString pbkdf2Name(ScramClient::Hash hash)
{
    return u"pbkdf2(%1)"_s.arg(qcaHashName(hash));
}

void wipe(QByteArray &secret)
{
    if (!secret.isEmpty())
        std::memset(secret.data(), 0, size_t(secret.size()));
    secret.clear();
}

void wipe(QString &secret)
{
    secret.fill(QChar(u'\0'));
    secret.clear();
}

void wipe(QCA::SecureArray &secret)
{
    // SecureArray zeroes its (locked) memory when freed; fill first in case the buffer is shared.
    if (!secret.isEmpty())
        secret.fill(0);
    secret.clear();
}

// RFC 5802 §5.1, printable = %x21-2B / %x2D-7E: visible ASCII except ','.
bool isPrintable(QByteArrayView s)
{
    for (char c : s) {
        if (c < 0x21 || c > 0x7E || c == ',')
            return false;
    }
    return true;
}

// RFC 5802 §7, cb-name = 1*(ALPHA / DIGIT / "." / "-").
bool isChannelBindingName(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                     || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

// RFC 5802 §5.1, saslname: "=" as "=3D" and "," as "=2C".
QByteArray escapeSaslName(const QByteArray &utf8)
{
    QByteArray out;
    out.reserve(utf8.size());
    for (char c : utf8) {
        if (c == '=')
            out += "=3D";
        else if (c == ',')
            out += "=2C";
        else
            out += c;
    }
    return out;
}

std::optional<QByteArray> decodeBase64(QByteArrayView encoded)
{
    auto result = QByteArray::fromBase64Encoding(encoded.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return std::move(*result);
}

/// Compares in time independent of where the inputs differ (the lengths are public).
bool constantTimeEquals(const QCA::MemoryRegion &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    const char *pa = a.constData();
    const char *pb = b.constData();
    unsigned char diff = 0;
    for (int i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(pa[i] ^ pb[i]);
    return diff == 0;
}

QCA::SecureArray hmac(ScramClient::Hash hash, const QCA::SecureArray &key, const QCA::MemoryRegion &data)
{
    QCA::MessageAuthenticationCode mac(hmacName(hash), QCA::SymmetricKey(key));
    mac.update(data);
    return mac.final();
}

QCA::SecureArray hmac(ScramClient::Hash hash, const QCA::SecureArray &key, const QByteArray &data)
{
    return hmac(hash, key, QCA::MemoryRegion(data));
}

QCA::SecureArray hashOf(ScramClient::Hash hash, const QCA::SecureArray &data)
{
    return QCA::Hash(qcaHashName(hash)).hash(data);
}

/// Hi() of RFC 5802 §2.2, which is PBKDF2 (RFC 8018 §5.2) with HMAC-H as the PRF and dkLen the hash
/// length. QCA's own PBKDF2 is used where a provider offers it for this hash (qca-ossl: SHA-1 only);
/// otherwise it is computed here from QCA's HMAC, as the RFC defines it:
///   U1 = HMAC(str, salt + INT(1)), Ui = HMAC(str, Ui-1), Hi = U1 XOR U2 XOR ... XOR Ui
QCA::SecureArray hi(ScramClient::Hash hash, const QCA::SecureArray &password, const QByteArray &salt,
                    quint32 iterations)
{
    const int length = hashLength(hash);
    if (QCA::isSupported(QStringList{pbkdf2Name(hash)})) {
        QCA::PBKDF2 pbkdf2(qcaHashName(hash));
        return pbkdf2.makeKey(password, QCA::InitializationVector(salt), uint(length), iterations);
    }

    QCA::MessageAuthenticationCode mac(hmacName(hash), QCA::SymmetricKey(password));
    QByteArray firstBlock = salt;
    firstBlock.append("\0\0\0\1", 4);   // INT(1), big-endian
    mac.update(QCA::MemoryRegion(firstBlock));
    QCA::SecureArray u = mac.final();
    QCA::SecureArray result = u;
    for (quint32 i = 1; i < iterations; ++i) {
        mac.clear();   // keeps the key
        mac.update(u);
        u = mac.final();
        char *r = result.data();
        const char *ui = u.constData();
        for (int k = 0; k < length; ++k)
            r[k] = char(r[k] ^ ui[k]);
    }
    wipe(u);
    return result;
}

/// Splits a SCRAM message into its attributes (RFC 5802 §5.1: attr-val *("," attr-val), attr-val =
/// ALPHA "=" value). std::nullopt if one is not of that form.
std::optional<QList<std::pair<char, QByteArrayView>>> parseAttributes(QByteArrayView message)
{
    QList<std::pair<char, QByteArrayView>> attributes;
    qsizetype start = 0;
    while (start <= message.size()) {
        qsizetype end = message.indexOf(',', start);
        if (end < 0)
            end = message.size();
        const QByteArrayView part = message.sliced(start, end - start);
        if (part.size() < 2 || part.at(1) != '=')
            return std::nullopt;
        const char name = part.at(0);
        if (!((name >= 'a' && name <= 'z') || (name >= 'A' && name <= 'Z')))
            return std::nullopt;
        attributes.append({name, part.sliced(2)});
        start = end + 1;
    }
    return attributes;
}

using Attributes = QList<std::pair<char, QByteArrayView>>;

/// What server-first-message says, once checked (RFC 5802 §5.1).
struct ServerFirst
{
    QByteArrayView nonce;   // ours, then the server's part; into the message
    QByteArray salt;
    quint32 iterations = 0;
};

// QCA must be initialised before any of the Private's QCA members exist: a base is built before them.
struct QcaUser
{
    QcaUser() { QcaInit::ensure(); }
};

} // namespace

class ScramClient::Private : private QcaUser
{
public:
    enum class State { Initial, FirstSent, FinalSent, Failed };

    Hash hash = Hash::Sha256;
    ChannelBindingUse cbUse = ChannelBindingUse::NotSupported;
    QByteArray cbType;
    QByteArray cbData;

    QByteArray username;          // SASLprep'd, UTF-8, escaped (saslname)
    QCA::SecureArray password;    // SASLprep'd, UTF-8; wiped once the salted password is computed
    QString setupError;           // set if the credentials or binding parameters cannot be used

    QByteArray clientNonce;
    QByteArray clientFirst;       // the whole client-first-message, as sent
    QByteArray clientFirstBare;   // without the GS2 header (part of AuthMessage, RFC 5802 §3)
    QCA::SecureArray serverSignature;   // expected in server-final's v=
    std::optional<QByteArray> advertised;   // XEP-0474 hash input; unset: lists unknown
    bool downgradeVerified = false;

    State state = State::Initial;
    QString failure;   // why the exchange failed (for the calls after the failing one)

    QByteArray gs2Header() const;
    bool fail(QString *error, const QString &reason);
    bool checkDowngradeHash(const QList<std::pair<char, QByteArrayView>> &attributes, QString *error);
    // The steps of clientFinalMessage(); each fails the exchange when it returns std::nullopt.
    std::optional<ServerFirst> readServerFirst(const Attributes &attributes, QString *error);
    std::optional<quint32> readIterations(QByteArrayView value, QString *error);
    std::optional<QByteArray> clientProof(const ServerFirst &first, const QByteArray &authMessage, QString *error);
};

bool ScramClient::Private::checkDowngradeHash(const QList<std::pair<char, QByteArrayView>> &attributes, QString *error)
{
    // XEP-0474 §3.2: the optional "h" attribute (RFC 5802 §5.1 allows extensions after i=) is the hash of the
    // lists the server advertised. A mismatch means someone edited them on the way: fail before we send a
    // proof. A match is covered by the AuthMessage and so by the server's signature.
    for (qsizetype i = 3; i < attributes.size(); ++i) {
        if (attributes.at(i).first != 'h')
            continue;
        if (!advertised)
            return true;   // nothing to compare with (a caller that did not give the lists)
        const QByteArray expected =
            QCA::Hash(qcaHashName(hash)).hash(QCA::MemoryRegion(*advertised)).toByteArray().toBase64();
        if (attributes.at(i).second != QByteArrayView(expected)) {
            fail(error, u"SCRAM: the server's list of sign-in methods was changed on the way (XEP-0474 hash "
                        "mismatch): someone is tampering with the connection"_s);
            return false;
        }
        downgradeVerified = true;
        return true;
    }
    return true;
}

QByteArray ScramClient::Private::gs2Header() const
{
    // RFC 5802 §7: gs2-header = gs2-cbind-flag "," [ authzid ] ","; we never send an authzid.
    switch (cbUse) {
    case ChannelBindingUse::NotSupported:
        return "n,,"_ba;
    case ChannelBindingUse::SupportedNotUsed:
        return "y,,"_ba;
    case ChannelBindingUse::Used:
        return "p=" + cbType + ",,";
    }
    return {};
}

bool ScramClient::Private::fail(QString *error, const QString &reason)
{
    state = State::Failed;
    failure = reason;
    wipe(password);
    if (error)
        *error = reason;
    return false;
}

ScramClient::ScramClient(Hash hash, const QString &username, const QString &password, ChannelBindingUse cbUse,
                         const QByteArray &cbType, const QByteArray &cbData)
    : d(std::make_unique<Private>())
{
    d->hash = hash;
    d->cbUse = cbUse;
    d->cbType = cbType;
    d->cbData = cbData;

    // RFC 5802 §5.1: the user name and (§2.2 Normalize()) the password go through SASLprep; if that fails
    // or gives an empty string the client should not authenticate.
    QString reason;
    if (auto preparedUser = SaslPrep::prepare(username, &reason); !preparedUser) {
        d->setupError = u"the user name cannot be used for SCRAM: it %1"_s.arg(reason);
    } else if (preparedUser->isEmpty()) {
        d->setupError = u"the user name is empty"_s;
    } else {
        d->username = escapeSaslName(preparedUser->toUtf8());
    }

    if (auto preparedPassword = SaslPrep::prepare(password, &reason); !preparedPassword) {
        if (d->setupError.isEmpty())
            d->setupError = u"the password cannot be used for SCRAM: it %1"_s.arg(reason);
    } else {
        if (preparedPassword->isEmpty() && d->setupError.isEmpty())
            d->setupError = u"the password is empty"_s;
        QByteArray utf8 = preparedPassword->toUtf8();
        d->password = QCA::SecureArray(utf8);
        wipe(utf8);
        wipe(*preparedPassword);
    }

    if (cbUse == ChannelBindingUse::Used && d->setupError.isEmpty()) {
        if (!isChannelBindingName(cbType))
            d->setupError = u"invalid channel binding type for SCRAM"_s;
        else if (cbData.isEmpty())
            d->setupError = u"no channel binding data for %1"_s.arg(QString::fromLatin1(cbType));
    }
    if (d->setupError.isEmpty() && !isSupported(hash))
        d->setupError = u"%1 is not available: the QCA provider (qca-ossl) lacks %2"_s.arg(mechanismName(hash, false),
                                                                                           hmacName(hash));
}

ScramClient::~ScramClient()
{
    wipe(d->password);
    wipe(d->serverSignature);
}

QString ScramClient::mechanismName(Hash hash, bool plus)
{
    QString name;
    switch (hash) {
    case Hash::Sha1:
        name = u"SCRAM-SHA-1"_s;
        break;
    case Hash::Sha256:
        name = u"SCRAM-SHA-256"_s;
        break;
    case Hash::Sha512:
        name = u"SCRAM-SHA-512"_s;
        break;
    }
    return plus ? name + u"-PLUS"_s : name;
}

bool ScramClient::isSupported(Hash hash)
{
    QcaInit::ensure();
    // Hi() needs only HMAC: PBKDF2 from QCA is used where available, computed from the HMAC otherwise.
    return QCA::isSupported(QStringList{qcaHashName(hash), hmacName(hash)});
}

void ScramClient::setClientNonce(const QByteArray &nonce)
{
    if (d->state != Private::State::Initial || nonce.isEmpty() || !isPrintable(nonce)) {
        qWarning("ScramClient::setClientNonce: ignored (nonce not printable, or client-first already made)");
        return;
    }
    d->clientNonce = nonce;
}

QByteArray ScramClient::clientFirstMessage()
{
    if (d->state != Private::State::Initial)
        return d->clientFirst;   // the same message again; empty if the exchange could not start
    if (!d->setupError.isEmpty()) {
        d->fail(nullptr, d->setupError);
        return {};
    }

    if (d->clientNonce.isEmpty()) {
        QByteArray random;
        if (QCA::haveSecureRandom()) {
            random = QCA::Random::randomArray(NonceBytes).toByteArray();
        } else {
            random.resize(NonceBytes);
            QRandomGenerator::system()->generate(random.begin(), random.end());
        }
        d->clientNonce = random.toBase64();
    }

    // RFC 5802 §7: client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]
    d->clientFirstBare = "n=" + d->username + ",r=" + d->clientNonce;
    d->clientFirst = d->gs2Header() + d->clientFirstBare;
    d->state = Private::State::FirstSent;
    return d->clientFirst;
}

std::optional<QByteArray> ScramClient::clientFinalMessage(const QByteArray &serverFirst, QString *error)
{
    if (d->state == Private::State::Failed) {
        d->fail(error, d->failure);
        return std::nullopt;
    }
    if (d->state != Private::State::FirstSent) {
        d->fail(error, u"SCRAM: server-first-message out of order"_s);
        return std::nullopt;
    }

    // RFC 5802 §7: server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count
    //                                     ["," extensions]
    const auto attributes = parseAttributes(serverFirst);
    if (!attributes || attributes->size() < 3) {
        d->fail(error, u"SCRAM: malformed server-first-message"_s);
        return std::nullopt;
    }
    const std::optional<ServerFirst> first = d->readServerFirst(*attributes, error);
    if (!first || !d->checkDowngradeHash(*attributes, error))
        return std::nullopt;

    // §7: channel-binding = "c=" base64(cbind-input), cbind-input = gs2-header [ cbind-data ]; the data
    // only with "p=".
    QByteArray cbindInput = d->gs2Header();
    if (d->cbUse == ChannelBindingUse::Used)
        cbindInput += d->cbData;
    const QByteArray withoutProof = "c=" + cbindInput.toBase64() + ",r=" + first->nonce.toByteArray();
    const QByteArray authMessage = d->clientFirstBare + ',' + serverFirst + ',' + withoutProof;
    const std::optional<QByteArray> proof = d->clientProof(*first, authMessage, error);
    if (!proof)
        return std::nullopt;
    d->state = Private::State::FinalSent;
    return QByteArray(withoutProof + ",p=" + proof->toBase64());
}

std::optional<ServerFirst> ScramClient::Private::readServerFirst(const Attributes &attributes, QString *error)
{
    if (attributes.at(0).first == 'm') {
        // RFC 5802 §5.1: m= is reserved for a future, incompatible extension, which we do not implement.
        fail(error, u"SCRAM: the server requires an extension (m=) this client does not support"_s);
        return std::nullopt;
    }
    const auto &[rName, serverNonce] = attributes.at(0);
    const auto &[sName, saltValue] = attributes.at(1);
    const auto &[iName, iterationsValue] = attributes.at(2);
    if (rName != 'r' || sName != 's' || iName != 'i') {
        fail(error, u"SCRAM: malformed server-first-message (expected r=, s= and i=)"_s);
        return std::nullopt;
    }

    // §5.1: the server's nonce must begin with ours and add its own part.
    if (!serverNonce.startsWith(clientNonce) || serverNonce.size() <= clientNonce.size() || !isPrintable(serverNonce)) {
        fail(error, u"SCRAM: the server's nonce does not extend ours (possible replay or tampering)"_s);
        return std::nullopt;
    }

    const auto salt = decodeBase64(saltValue);
    if (saltValue.isEmpty() || !salt || salt->isEmpty()) {
        fail(error, u"SCRAM: the salt in server-first-message is not valid base64"_s);
        return std::nullopt;
    }
    const std::optional<quint32> iterations = readIterations(iterationsValue, error);
    if (!iterations)
        return std::nullopt;
    return ServerFirst{serverNonce, *salt, *iterations};
}

std::optional<quint32> ScramClient::Private::readIterations(QByteArrayView value, QString *error)
{
    bool digitsOnly = !value.isEmpty() && value.size() <= 10;
    for (char c : value)
        digitsOnly = digitsOnly && c >= '0' && c <= '9';
    const qulonglong iterations = digitsOnly ? value.toULongLong() : 0;
    if (!digitsOnly || iterations == 0) {
        fail(error, u"SCRAM: the iteration count in server-first-message is not a positive number"_s);
        return std::nullopt;
    }
    if (iterations < MinIterations) {
        fail(error, u"SCRAM: the server asks for only %1 iterations; at least %2 are required, fewer would "
                    "make the password easier to crack from an intercepted exchange"_s.arg(iterations)
                        .arg(MinIterations));
        return std::nullopt;
    }
    if (iterations > MaxIterations) {
        fail(error, u"SCRAM: the server asks for %1 iterations, more than the %2 this client allows"_s.arg(iterations)
                        .arg(MaxIterations));
        return std::nullopt;
    }
    return quint32(iterations);
}

std::optional<QByteArray> ScramClient::Private::clientProof(const ServerFirst &first, const QByteArray &authMessage,
                                                            QString *error)
{
    // RFC 5802 §3:
    //   SaltedPassword  := Hi(Normalize(password), salt, i)
    //   ClientKey       := HMAC(SaltedPassword, "Client Key")
    //   StoredKey       := H(ClientKey)
    //   AuthMessage     := client-first-message-bare + "," + server-first-message + "," +
    //                      client-final-message-without-proof
    //   ClientSignature := HMAC(StoredKey, AuthMessage)
    //   ClientProof     := ClientKey XOR ClientSignature
    //   ServerKey       := HMAC(SaltedPassword, "Server Key")
    //   ServerSignature := HMAC(ServerKey, AuthMessage)
    QCA::SecureArray saltedPassword = hi(hash, password, first.salt, first.iterations);
    wipe(password);
    if (saltedPassword.size() != hashLength(hash)) {
        wipe(saltedPassword);
        fail(error, u"SCRAM: the key derivation failed (QCA)"_s);
        return std::nullopt;
    }

    QCA::SecureArray clientKey = hmac(hash, saltedPassword, "Client Key"_ba);
    QCA::SecureArray storedKey = hashOf(hash, clientKey);
    QCA::SecureArray clientSignature = hmac(hash, storedKey, authMessage);
    QCA::SecureArray serverKey = hmac(hash, saltedPassword, "Server Key"_ba);
    serverSignature = hmac(hash, serverKey, authMessage);

    QByteArray proof(clientKey.size(), Qt::Uninitialized);
    const char *ck = clientKey.constData();
    const char *cs = clientSignature.constData();
    for (int k = 0; k < clientKey.size(); ++k)
        proof[k] = char(ck[k] ^ cs[k]);

    wipe(saltedPassword);
    wipe(clientKey);
    wipe(storedKey);
    wipe(clientSignature);
    wipe(serverKey);
    return proof;
}

bool ScramClient::verifyServerFinal(const QByteArray &serverFinal, QString *error)
{
    if (d->state == Private::State::Failed)
        return d->fail(error, d->failure);

    // RFC 5802 §7: server-final-message = (server-error / verifier) ["," extensions]
    const auto attributes = parseAttributes(serverFinal);
    if (attributes && !attributes->isEmpty() && attributes->constFirst().first == 'e') {
        // §7, server-error-value, e.g. "invalid-proof" or "unknown-user". Reported whenever it comes, so
        // that a server answering client-first with an error is understood too.
        return d->fail(error, u"SCRAM: the server refused the authentication: %1"_s.arg(
                                  QString::fromUtf8(attributes->constFirst().second)));
    }
    if (d->state != Private::State::FinalSent)
        return d->fail(error, u"SCRAM: server-final-message out of order"_s);
    if (!attributes || attributes->isEmpty())
        return d->fail(error, u"SCRAM: malformed server-final-message"_s);
    const auto &[name, value] = attributes->constFirst();
    if (name != 'v')
        return d->fail(error, u"SCRAM: malformed server-final-message (expected v= or e=)"_s);

    const auto signature = decodeBase64(value);
    // §3: the client verifies ServerSignature, which proves the server knows the salted password; compared
    // in constant time so that the comparison leaks nothing through timing.
    if (!signature || !constantTimeEquals(d->serverSignature, *signature)) {
        return d->fail(error, u"SCRAM: the server's signature is wrong; it does not know the password, or "
                              "someone is in between"_s);
    }
    // Stays in FinalSent: the same server-final may be checked again (sent as a challenge and in <success/>).
    return true;
}

void ScramClient::setAdvertisedLists(const QStringList &mechanisms, const std::optional<QStringList> &channelBindings)
{
    d->advertised = downgradeProtectionInput(mechanisms, channelBindings);
}

QByteArray ScramClient::downgradeProtectionInput(const QStringList &mechanisms,
                                                 const std::optional<QStringList> &channelBindings)
{
    // XEP-0474 §3.1: sorting by "i;octet" (RFC 4790 §9.3) is a plain byte-wise sort of the UTF-8 names.
    const auto sortedJoined = [](const QStringList &names) {
        QList<QByteArray> bytes;
        for (const QString &name : names)
            bytes << name.toUtf8();
        std::sort(bytes.begin(), bytes.end());
        return bytes.join('\x1e');
    };
    QByteArray input = sortedJoined(mechanisms);
    if (channelBindings)
        input += '\x1f' + sortedJoined(*channelBindings);
    return input;
}

bool ScramClient::downgradeProtectionVerified() const
{
    return d->downgradeVerified;
}
