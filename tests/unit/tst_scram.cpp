// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// SCRAM client (RFC 5802, RFC 7677) and SASLprep (RFC 4013).
//
// The expected values come from the RFCs' examples, or from an independent server-side computation
// with Qt's own primitives (QPasswordDigestor for PBKDF2, QMessageAuthenticationCode, QCryptographicHash)
// rather than QCA, which the client uses.

#include "crypto/SaslPrep.h"
#include "crypto/ScramClient.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QCryptographicHash::Algorithm qtAlgorithm(ScramClient::Hash hash)
{
    switch (hash) {
    case ScramClient::Hash::Sha1:
        return QCryptographicHash::Sha1;
    case ScramClient::Hash::Sha256:
        return QCryptographicHash::Sha256;
    case ScramClient::Hash::Sha512:
        return QCryptographicHash::Sha512;
    }
    return QCryptographicHash::Sha256;
}

QByteArray xorBytes(const QByteArray &a, const QByteArray &b)
{
    QByteArray out(a.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < a.size(); ++i)
        out[i] = char(a[i] ^ b[i]);
    return out;
}

/// The server side of SCRAM, written from RFC 5802 §3 with Qt's primitives.
class TestServer
{
public:
    TestServer(ScramClient::Hash hash, const QByteArray &password, const QByteArray &salt, int iterations)
        : m_algorithm(qtAlgorithm(hash))
        , m_salt(salt)
        , m_iterations(iterations)
    {
        const int length = QCryptographicHash::hashLength(m_algorithm);
        const QByteArray salted = QPasswordDigestor::deriveKeyPbkdf2(m_algorithm, password, salt, iterations,
                                                                     quint64(length));
        const QByteArray clientKey = hmac(salted, "Client Key"_ba);
        m_storedKey = QCryptographicHash::hash(clientKey, m_algorithm);
        m_serverKey = hmac(salted, "Server Key"_ba);
    }

    /// Expects "<gs2-header>n=...,r=...", answers server-first.
    QByteArray first(const QByteArray &clientFirst, const QByteArray &expectedGs2, const QByteArray &serverPart)
    {
        if (!clientFirst.startsWith(expectedGs2))
            return {};
        m_gs2 = expectedGs2;
        m_clientFirstBare = clientFirst.mid(expectedGs2.size());
        const qsizetype r = m_clientFirstBare.indexOf(",r=");
        if (r < 0)
            return {};
        m_nonce = m_clientFirstBare.mid(r + 3) + serverPart;
        m_serverFirst = "r=" + m_nonce + ",s=" + m_salt.toBase64() + ",i=" + QByteArray::number(m_iterations);
        return m_serverFirst;
    }

    /// Checks client-final (binding and proof); answers server-final, or empty if the client is wrong.
    QByteArray final(const QByteArray &clientFinal, const QByteArray &cbData = {})
    {
        const qsizetype p = clientFinal.lastIndexOf(",p=");
        if (p < 0)
            return {};
        const QByteArray withoutProof = clientFinal.left(p);
        const QByteArray expectedWithoutProof = "c=" + QByteArray(m_gs2 + cbData).toBase64() + ",r=" + m_nonce;
        if (withoutProof != expectedWithoutProof)
            return {};
        const QByteArray proof = QByteArray::fromBase64(clientFinal.mid(p + 3));
        const QByteArray authMessage = m_clientFirstBare + ',' + m_serverFirst + ',' + withoutProof;
        const QByteArray clientSignature = hmac(m_storedKey, authMessage);
        if (proof.size() != clientSignature.size())
            return {};
        const QByteArray clientKey = xorBytes(proof, clientSignature);
        if (QCryptographicHash::hash(clientKey, m_algorithm) != m_storedKey)
            return {};
        return "v=" + hmac(m_serverKey, authMessage).toBase64();
    }

private:
    QByteArray hmac(const QByteArray &key, const QByteArray &data) const
    {
        return QMessageAuthenticationCode::hash(data, key, m_algorithm);
    }

    QCryptographicHash::Algorithm m_algorithm;
    QByteArray m_salt;
    int m_iterations;
    QByteArray m_storedKey;
    QByteArray m_serverKey;
    QByteArray m_gs2;
    QByteArray m_clientFirstBare;
    QByteArray m_serverFirst;
    QByteArray m_nonce;
};

} // namespace

class TestScram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mechanismNames();
    void supportedHashes();

    void rfc5802Example();
    void rfc7677Example();
    void sha512Exchange();
    void channelBindingPlus();
    void channelBindingSupportedNotUsed();

    void wrongServerSignature();
    void serverError();
    void nonceMustExtendOurs_data();
    void nonceMustExtendOurs();
    void iterationCountTooLow();
    void malformedServerFirst_data();
    void malformedServerFirst();
    void serverFirstExtensionsIgnored();
    void downgradeProtectionInput();
    void downgradeProtectionHash_data();
    void downgradeProtectionHash();
    void outOfOrder();
    void verifyTwice();

    void usernameEscaping();
    void usernameSaslPrep();
    void prohibitedCredentials_data();
    void prohibitedCredentials();
    void invalidChannelBindingSetup();
    void randomNonce();

    void saslPrep_data();
    void saslPrep();
};

void TestScram::mechanismNames()
{
    QCOMPARE(ScramClient::mechanismName(ScramClient::Hash::Sha1, false), u"SCRAM-SHA-1"_s);
    QCOMPARE(ScramClient::mechanismName(ScramClient::Hash::Sha256, false), u"SCRAM-SHA-256"_s);
    QCOMPARE(ScramClient::mechanismName(ScramClient::Hash::Sha512, false), u"SCRAM-SHA-512"_s);
    QCOMPARE(ScramClient::mechanismName(ScramClient::Hash::Sha1, true), u"SCRAM-SHA-1-PLUS"_s);
    QCOMPARE(ScramClient::mechanismName(ScramClient::Hash::Sha256, true), u"SCRAM-SHA-256-PLUS"_s);
    QCOMPARE(ScramClient::mechanismName(ScramClient::Hash::Sha512, true), u"SCRAM-SHA-512-PLUS"_s);
}

void TestScram::supportedHashes()
{
    // The reference environment ships qca-ossl, which has all three HMACs.
    QVERIFY(ScramClient::isSupported(ScramClient::Hash::Sha1));
    QVERIFY(ScramClient::isSupported(ScramClient::Hash::Sha256));
    QVERIFY(ScramClient::isSupported(ScramClient::Hash::Sha512));
}

void TestScram::rfc5802Example()
{
    // RFC 5802 §5.
    ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
    client.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
    QCOMPARE(client.clientFirstMessage(), "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"_ba);

    QString error;
    const auto final =
        client.clientFinalMessage("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"_ba, &error);
    QVERIFY2(final, qPrintable(error));
    QCOMPARE(*final, "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="_ba);

    QVERIFY2(client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="_ba, &error), qPrintable(error));
}

void TestScram::downgradeProtectionInput()
{
    // XEP-0474 §4 example: sorted by octet, %x1E between names, %x1F before the channel-binding types.
    const QByteArray input = ScramClient::downgradeProtectionInput({u"SCRAM-SHA-1-PLUS"_s, u"SCRAM-SHA-1"_s},
                                                                   QStringList{u"tls-server-end-point"_s,
                                                                               u"tls-exporter"_s});
    QCOMPARE(input, "SCRAM-SHA-1\x1eSCRAM-SHA-1-PLUS\x1ftls-exporter\x1etls-server-end-point"_ba);
    QCOMPARE(QCryptographicHash::hash(input, QCryptographicHash::Sha1).toBase64(), "G6k/rBLDqgOhRRaCuuatSDFkJ08="_ba);
    // Without XEP-0440 there is no %x1F part at all (§3.1 steps 3 and 4).
    QCOMPARE(ScramClient::downgradeProtectionInput({u"SCRAM-SHA-1"_s, u"PLAIN"_s}, std::nullopt),
             "PLAIN\x1eSCRAM-SHA-1"_ba);
}

void TestScram::downgradeProtectionHash_data()
{
    QTest::addColumn<QByteArray>("extension");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("verified");
    // SHA-1 of "PLAIN\x1eSCRAM-SHA-1", as the server would send it for the lists the client saw.
    QTest::newRow("matching h") << ",h=Y+xk2TW25vKwG9yWicfQlsuiFQs="_ba << true << true;
    QTest::newRow("no h") << QByteArray() << true << false;
    // SHA-1 of "SCRAM-SHA-1" alone: the server offered only SCRAM, someone added PLAIN on the way.
    QTest::newRow("h of another list") << ",h=LrtFoCs8XsoI+diY4u3rG69UGN8="_ba << false << false;
}

void TestScram::downgradeProtectionHash()
{
    // XEP-0474 §3.2: a mismatch fails the exchange before the client proof is sent.
    QFETCH(QByteArray, extension);
    QFETCH(bool, accepted);
    QFETCH(bool, verified);
    ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
    client.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
    client.setAdvertisedLists({u"SCRAM-SHA-1"_s, u"PLAIN"_s}, std::nullopt);
    client.clientFirstMessage();
    QString error;
    const auto final = client.clientFinalMessage(
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"_ba + extension, &error);
    QCOMPARE(final.has_value(), accepted);
    QCOMPARE(client.downgradeProtectionVerified(), verified);
    if (!accepted)
        QVERIFY2(error.contains(u"XEP-0474"), qPrintable(error));
}

void TestScram::rfc7677Example()
{
    // RFC 7677 §3.
    ScramClient client(ScramClient::Hash::Sha256, u"user"_s, u"pencil"_s);
    client.setClientNonce("rOprNGfwEbeRWgbNEkqO"_ba);
    QCOMPARE(client.clientFirstMessage(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO"_ba);

    QString error;
    const auto final = client.clientFinalMessage(
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"_ba, &error);
    QVERIFY2(final, qPrintable(error));
    QCOMPARE(*final, "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                     "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="_ba);

    QVERIFY2(client.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="_ba, &error), qPrintable(error));
}

void TestScram::sha512Exchange()
{
    const QString password = u"p\u00E4ssw\u00F6rd \u2603"_s;   // non-ASCII, unchanged by SASLprep
    TestServer server(ScramClient::Hash::Sha512, password.toUtf8(), "salt for sha-512"_ba, 4096);
    ScramClient client(ScramClient::Hash::Sha512, u"juliet"_s, password);

    const QByteArray clientFirst = client.clientFirstMessage();
    QVERIFY(clientFirst.startsWith("n,,n=juliet,r="));
    const QByteArray serverFirst = server.first(clientFirst, "n,,"_ba, "0123456789abcdefSERVER"_ba);
    QVERIFY(!serverFirst.isEmpty());

    QString error;
    const auto clientFinal = client.clientFinalMessage(serverFirst, &error);
    QVERIFY2(clientFinal, qPrintable(error));
    // SHA-512: the proof is 64 bytes.
    QCOMPARE(QByteArray::fromBase64(clientFinal->mid(clientFinal->lastIndexOf(",p=") + 3)).size(), 64);
    const QByteArray serverFinal = server.final(*clientFinal);
    QVERIFY2(!serverFinal.isEmpty(), "the test server rejected the client's proof");
    QVERIFY2(client.verifyServerFinal(serverFinal, &error), qPrintable(error));
}

void TestScram::channelBindingPlus()
{
    const QByteArray cbData = QByteArray::fromHex("00ff10203040506070809aabbccddeeff0112233445566778899aabbccddeeff");
    TestServer server(ScramClient::Hash::Sha256, "pencil"_ba, "NaCl"_ba, 8192);
    ScramClient client(ScramClient::Hash::Sha256, u"user"_s, u"pencil"_s, ScramClient::ChannelBindingUse::Used,
                       "tls-server-end-point"_ba, cbData);

    const QByteArray clientFirst = client.clientFirstMessage();
    QVERIFY(clientFirst.startsWith("p=tls-server-end-point,,n=user,r="));
    const QByteArray serverFirst = server.first(clientFirst, "p=tls-server-end-point,,"_ba, "srv"_ba);

    QString error;
    const auto clientFinal = client.clientFinalMessage(serverFirst, &error);
    QVERIFY2(clientFinal, qPrintable(error));
    // RFC 5802 §7: c= is base64 of the GS2 header followed by the binding data.
    const QByteArray expectedC = "c=" + QByteArray("p=tls-server-end-point,," + cbData).toBase64() + ",";
    QVERIFY(clientFinal->startsWith(expectedC));
    QCOMPARE(clientFinal->left(clientFinal->indexOf(',')),
             "c=cD10bHMtc2VydmVyLWVuZC1wb2ludCwsAP8QIDBAUGBwgJqrvM3e7/ARIjNEVWZ3iJmqu8zd7v8="_ba);

    const QByteArray serverFinal = server.final(*clientFinal, cbData);
    QVERIFY2(!serverFinal.isEmpty(), "the test server rejected the client's binding or proof");
    QVERIFY2(client.verifyServerFinal(serverFinal, &error), qPrintable(error));
}

void TestScram::channelBindingSupportedNotUsed()
{
    TestServer server(ScramClient::Hash::Sha1, "pencil"_ba, "NaCl"_ba, 4096);
    ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s,
                       ScramClient::ChannelBindingUse::SupportedNotUsed);
    const QByteArray clientFirst = client.clientFirstMessage();
    QVERIFY(clientFirst.startsWith("y,,n=user,r="));
    QString error;
    const auto clientFinal = client.clientFinalMessage(server.first(clientFirst, "y,,"_ba, "x"_ba), &error);
    QVERIFY2(clientFinal, qPrintable(error));
    QVERIFY(clientFinal->startsWith("c=eSws,r="));   // base64("y,,")
    QVERIFY(client.verifyServerFinal(server.final(*clientFinal), &error));
}

void TestScram::wrongServerSignature()
{
    ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
    client.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
    client.clientFirstMessage();
    QVERIFY(client.clientFinalMessage("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"_ba));
    QString error;
    // The RFC's signature with its last byte changed.
    QVERIFY(!client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKU="_ba, &error));
    QVERIFY(!error.isEmpty());
    // Once failed, it stays failed, even with the right signature.
    QVERIFY(!client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="_ba));

    // Truncated, and not base64 at all.
    for (const QByteArray &bad : {"v=rmF9pqV8S7suAoZWja4dJRkF"_ba, "v=!!!!"_ba, "v="_ba, ""_ba}) {
        ScramClient other(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
        other.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
        other.clientFirstMessage();
        QVERIFY(other.clientFinalMessage("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"_ba));
        QVERIFY2(!other.verifyServerFinal(bad), bad.constData());
    }
}

void TestScram::serverError()
{
    ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
    client.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
    client.clientFirstMessage();
    QVERIFY(client.clientFinalMessage("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"_ba));
    QString error;
    QVERIFY(!client.verifyServerFinal("e=invalid-proof"_ba, &error));
    QVERIFY2(error.contains(u"invalid-proof"_s), qPrintable(error));

    // An error instead of server-first is reported as the server's error too.
    ScramClient early(ScramClient::Hash::Sha256, u"user"_s, u"pencil"_s);
    early.clientFirstMessage();
    QVERIFY(!early.verifyServerFinal("e=unknown-user"_ba, &error));
    QVERIFY2(error.contains(u"unknown-user"_s), qPrintable(error));
}

void TestScram::nonceMustExtendOurs_data()
{
    QTest::addColumn<QByteArray>("serverFirst");
    QTest::newRow("same as ours") << "r=fyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096"_ba;
    QTest::newRow("different") << "r=3rfcNHYJY1ZVvWVs7jfyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096"_ba;
    QTest::newRow("prefix of ours") << "r=fyko+d2lbbFg,s=QSXCR+Q6sek8bf92,i=4096"_ba;
    QTest::newRow("empty") << "r=,s=QSXCR+Q6sek8bf92,i=4096"_ba;
    QTest::newRow("case differs") << "r=FYKO+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=4096"_ba;
}

void TestScram::nonceMustExtendOurs()
{
    QFETCH(QByteArray, serverFirst);
    ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
    client.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
    client.clientFirstMessage();
    QString error;
    QVERIFY(!client.clientFinalMessage(serverFirst, &error));
    QVERIFY(!error.isEmpty());
    // Nothing can be verified afterwards.
    QVERIFY(!client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="_ba));
}

void TestScram::iterationCountTooLow()
{
    ScramClient client(ScramClient::Hash::Sha256, u"user"_s, u"pencil"_s);
    client.setClientNonce("rOprNGfwEbeRWgbNEkqO"_ba);
    client.clientFirstMessage();
    QString error;
    QVERIFY(!client.clientFinalMessage(
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4095"_ba, &error));
    QVERIFY2(error.contains(u"4095"_s) && error.contains(u"4096"_s), qPrintable(error));
}

void TestScram::malformedServerFirst_data()
{
    QTest::addColumn<QByteArray>("serverFirst");
    const QByteArray r = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j"_ba;
    QTest::newRow("mandatory extension") << "m=ext," + r + ",s=QSXCR+Q6sek8bf92,i=4096";
    QTest::newRow("no salt") << r + ",i=4096";
    QTest::newRow("no iterations") << r + ",s=QSXCR+Q6sek8bf92";
    QTest::newRow("order") << r + ",i=4096,s=QSXCR+Q6sek8bf92";
    QTest::newRow("salt not base64") << r + ",s=QSX*R+Q6sek8bf92,i=4096";
    QTest::newRow("salt empty") << r + ",s=,i=4096";
    QTest::newRow("iterations not a number") << r + ",s=QSXCR+Q6sek8bf92,i=40x6";
    QTest::newRow("iterations negative") << r + ",s=QSXCR+Q6sek8bf92,i=-4096";
    QTest::newRow("iterations with sign") << r + ",s=QSXCR+Q6sek8bf92,i=+4096";
    QTest::newRow("iterations zero") << r + ",s=QSXCR+Q6sek8bf92,i=0";
    QTest::newRow("iterations huge") << r + ",s=QSXCR+Q6sek8bf92,i=99999999999";
    QTest::newRow("trailing comma") << r + ",s=QSXCR+Q6sek8bf92,i=4096,";
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not attributes") << "hello"_ba;
    QTest::newRow("nonce with control") << r + "\x01,s=QSXCR+Q6sek8bf92,i=4096";
}

void TestScram::malformedServerFirst()
{
    QFETCH(QByteArray, serverFirst);
    ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
    client.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
    client.clientFirstMessage();
    QString error;
    QVERIFY(!client.clientFinalMessage(serverFirst, &error));
    QVERIFY(!error.isEmpty());
}

void TestScram::serverFirstExtensionsIgnored()
{
    // RFC 5802 §7: optional extensions may follow i=; the AuthMessage includes them verbatim.
    ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
    client.setClientNonce("abcdefghijklmnopqrstuvwx"_ba);
    client.clientFirstMessage();
    QString error;
    const auto final = client.clientFinalMessage("r=abcdefghijklmnopqrstuvwxyz,s=TmFDbA==,i=4096,x=unknown"_ba, &error);
    QVERIFY2(final, qPrintable(error));
}

void TestScram::outOfOrder()
{
    {
        ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
        QString error;
        QVERIFY(!client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="_ba, &error));
        QVERIFY(!error.isEmpty());
    }
    {
        ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
        client.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
        QVERIFY(
            !client.clientFinalMessage("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"_ba));
    }
    {
        // client-first again returns the same message; a second client-final is refused.
        ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
        client.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
        const QByteArray first = client.clientFirstMessage();
        QCOMPARE(client.clientFirstMessage(), first);
        const QByteArray serverFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"_ba;
        QVERIFY(client.clientFinalMessage(serverFirst));
        QVERIFY(!client.clientFinalMessage(serverFirst));
    }
}

void TestScram::verifyTwice()
{
    // Some servers send server-final both as a challenge and in <success/>.
    ScramClient client(ScramClient::Hash::Sha1, u"user"_s, u"pencil"_s);
    client.setClientNonce("fyko+d2lbbFgONRv9qkxdawL"_ba);
    client.clientFirstMessage();
    QVERIFY(client.clientFinalMessage("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"_ba));
    QVERIFY(client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="_ba));
    QVERIFY(client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="_ba));
}

void TestScram::usernameEscaping()
{
    ScramClient client(ScramClient::Hash::Sha256, u"a=b,c=,"_s, u"pencil"_s);
    client.setClientNonce("nonce"_ba);
    QCOMPARE(client.clientFirstMessage(), "n,,n=a=3Db=2Cc=3D=2C,r=nonce"_ba);
}

void TestScram::usernameSaslPrep()
{
    ScramClient client(ScramClient::Hash::Sha256, u"I\u00ADX\u2168"_s, u"pencil"_s);
    client.setClientNonce("nonce"_ba);
    QCOMPARE(client.clientFirstMessage(), "n,,n=IXIX,r=nonce"_ba);
}

void TestScram::prohibitedCredentials_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("expectedInError");
    QTest::newRow("control in user name") << u"us\u0007er"_s << u"pencil"_s << u"user name"_s;
    QTest::newRow("empty user name") << QString() << u"pencil"_s << u"user name"_s;
    QTest::newRow("user name only mapped away") << u"\u00AD"_s << u"pencil"_s << u"user name"_s;
    QTest::newRow("private use in password") << u"user"_s << u"pen\uE000cil"_s << u"password"_s;
    QTest::newRow("empty password") << u"user"_s << QString() << u"password"_s;
}

void TestScram::prohibitedCredentials()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, expectedInError);
    ScramClient client(ScramClient::Hash::Sha256, username, password);
    // RFC 5802 §5.1: the client aborts: no client-first, and client-final explains why.
    QVERIFY(client.clientFirstMessage().isEmpty());
    QString error;
    QVERIFY(!client.clientFinalMessage("r=abc,s=QSXCR+Q6sek8bf92,i=4096"_ba, &error));
    QVERIFY2(error.contains(expectedInError), qPrintable(error));
    QVERIFY(!client.verifyServerFinal("v=AAAA"_ba, &error));
    QVERIFY2(error.contains(expectedInError), qPrintable(error));
}

void TestScram::invalidChannelBindingSetup()
{
    {
        ScramClient client(ScramClient::Hash::Sha256, u"user"_s, u"pencil"_s, ScramClient::ChannelBindingUse::Used,
                           "tls-server-end-point"_ba, QByteArray());
        QVERIFY(client.clientFirstMessage().isEmpty());
    }
    {
        ScramClient client(ScramClient::Hash::Sha256, u"user"_s, u"pencil"_s, ScramClient::ChannelBindingUse::Used,
                           "bad,type"_ba, "data"_ba);
        QVERIFY(client.clientFirstMessage().isEmpty());
    }
}

void TestScram::randomNonce()
{
    ScramClient a(ScramClient::Hash::Sha256, u"user"_s, u"pencil"_s);
    ScramClient b(ScramClient::Hash::Sha256, u"user"_s, u"pencil"_s);
    const QByteArray firstA = a.clientFirstMessage();
    const QByteArray firstB = b.clientFirstMessage();
    QVERIFY(firstA.startsWith("n,,n=user,r="));
    const QByteArray nonceA = firstA.mid(12);
    const QByteArray nonceB = firstB.mid(12);
    QVERIFY(nonceA != nonceB);
    QVERIFY(nonceA.size() >= 32);   // at least 24 random bytes, base64
    QVERIFY(QByteArray::fromBase64(nonceA).size() >= 24);
    for (char c : nonceA)
        QVERIFY(c >= 0x21 && c <= 0x7E && c != ',');
}

void TestScram::saslPrep_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("output");
    // RFC 4013 §3.
    QTest::newRow("soft hyphen mapped to nothing") << u"I\u00ADX"_s << true << u"IX"_s;
    QTest::newRow("no transformation") << u"user"_s << true << u"user"_s;
    QTest::newRow("case preserved") << u"USER"_s << true << u"USER"_s;
    QTest::newRow("output is NFKC") << u"\u00AA"_s << true << u"a"_s;
    QTest::newRow("output is NFKC 2") << u"\u2168"_s << true << u"IX"_s;
    QTest::newRow("error - prohibited character") << u"\u0007"_s << false << QString();
    QTest::newRow("error - bidirectional check") << u"\u0627\u0031"_s << false << QString();
    // More.
    QTest::newRow("empty") << QString() << true << QString();
    QTest::newRow("non-ASCII spaces") << u"a\u00A0b\u3000c\u2003d"_s << true << u"a b c d"_s;
    QTest::newRow("zero-width joiners removed") << u"a\u200Db\uFEFFc\u200Bd"_s << true << u"abcd"_s;
    QTest::newRow("composition") << u"e\u0301"_s << true << u"\u00E9"_s;
    QTest::newRow("ligature") << u"\uFB01"_s << true << u"fi"_s;
    QTest::newRow("outside the BMP kept") << u"x\U0001F600"_s << true << u"x\U0001F600"_s;
    QTest::newRow("ASCII control") << u"ab\u007F"_s << false << QString();
    QTest::newRow("tab") << u"a\tb"_s << false << QString();
    QTest::newRow("C1 control") << u"a\u0085"_s << false << QString();
    QTest::newRow("private use") << u"\uE000"_s << false << QString();
    QTest::newRow("plane 15 private use") << u"a\U000F0001"_s << false << QString();
    QTest::newRow("non-character") << u"a\uFDD0"_s << false << QString();
    QTest::newRow("non-character U+FFFF") << u"a\uFFFF"_s << false << QString();
    QTest::newRow("lone high surrogate") << QString(u"a"_s + QChar(0xD800)) << false << QString();
    QTest::newRow("lone low surrogate") << QString(QChar(0xDC00) + u"a"_s) << false << QString();
    QTest::newRow("replacement character") << u"a\uFFFD"_s << false << QString();
    QTest::newRow("ideographic description") << u"\u2FF0"_s << false << QString();
    QTest::newRow("left-to-right mark") << u"a\u200E"_s << false << QString();
    QTest::newRow("tag character") << u"a\U000E0041"_s << false << QString();
    QTest::newRow("right-to-left only") << u"\u05D0\u05D1"_s << true << u"\u05D0\u05D1"_s;
    QTest::newRow("right-to-left with digit inside") << u"\u0627\u0031\u0628"_s << true << u"\u0627\u0031\u0628"_s;
    QTest::newRow("mixed directions") << u"\u05D0a\u05D1"_s << false << QString();
}

void TestScram::saslPrep()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    QFETCH(QString, output);
    QString error;
    const auto prepared = SaslPrep::prepare(input, &error);
    QCOMPARE(prepared.has_value(), valid);
    if (valid)
        QCOMPARE(*prepared, output);
    else
        QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestScram)
#include "tst_scram.moc"
