// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// SASL mechanism choice (RFC 6120 §6, docs/SECURITY.md rule 1): the strongest both sides allow, PLAIN only under
// TLS, channel binding only when the server advertises a type we can compute.
#include "stream/SaslAuthenticator.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_SaslAuthenticator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chooses_data();
    void chooses();
    void refusesPlainWithoutTls();
    void reportsWhenNothingFits();
    void gs2HeaderSaysWhatWeCanBind_data();
    void gs2HeaderSaysWhatWeCanBind();
    void plainInitialResponse();
    void unpreparableCredentialsAreNotSent();
    void strengthOrder();
    void pinRefusesPlainAfterScram();
    void pinLetsWeakerScramOnlyWithDowngradeHash_data();
    void pinLetsWeakerScramOnlyWithDowngradeHash();
};

namespace {
SaslAuthenticator::Input input(const QStringList &offered, bool encrypted = true,
                               const QStringList &bindings = {u"tls-server-end-point"_s})
{
    SaslAuthenticator::Input in;
    in.offeredMechanisms = offered;
    in.offeredChannelBindings = bindings;
    in.encrypted = encrypted;
    in.tlsServerEndPoint = encrypted ? QByteArray(32, 'x') : QByteArray();
    in.username = u"alice"_s;
    in.password = u"secret"_s;
    return in;
}
} // namespace

void tst_SaslAuthenticator::chooses_data()
{
    QTest::addColumn<QStringList>("offered");
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<QStringList>("bindings");
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QString>("expected");

    const QStringList prosody{u"SCRAM-SHA-1"_s, u"SCRAM-SHA-1-PLUS"_s, u"PLAIN"_s};
    const QStringList all{u"PLAIN"_s,
                          u"SCRAM-SHA-1"_s,
                          u"SCRAM-SHA-256"_s,
                          u"SCRAM-SHA-512"_s,
                          u"SCRAM-SHA-1-PLUS"_s,
                          u"SCRAM-SHA-256-PLUS"_s,
                          u"SCRAM-SHA-512-PLUS"_s};
    const QStringList tsep{u"tls-server-end-point"_s};
    QTest::newRow("best of all") << all << true << tsep << QStringList() << u"SCRAM-SHA-512-PLUS"_s;
    QTest::newRow("order of the offer does not matter") << QStringList{u"SCRAM-SHA-256"_s, u"PLAIN"_s, u"SCRAM-SHA-1"_s}
                                                        << true << tsep << QStringList() << u"SCRAM-SHA-256"_s;
    QTest::newRow("plus with tls-server-end-point")
        << prosody << true << tsep << QStringList() << u"SCRAM-SHA-1-PLUS"_s;
    QTest::newRow("no plus when the type is not advertised")
        << prosody << true << QStringList{u"tls-exporter"_s} << QStringList() << u"SCRAM-SHA-1"_s;
    QTest::newRow("no plus without XEP-0440") << prosody << true << QStringList() << QStringList() << u"SCRAM-SHA-1"_s;
    QTest::newRow("scram over plain") << QStringList{u"PLAIN"_s, u"SCRAM-SHA-1"_s} << true << tsep << QStringList()
                                      << u"SCRAM-SHA-1"_s;
    QTest::newRow("plain under TLS when alone")
        << QStringList{u"PLAIN"_s} << true << tsep << QStringList() << u"PLAIN"_s;
    QTest::newRow("scram without TLS") << QStringList{u"PLAIN"_s, u"SCRAM-SHA-1"_s} << false << tsep << QStringList()
                                       << u"SCRAM-SHA-1"_s;
    QTest::newRow("the user's restriction")
        << all << true << tsep << QStringList{u"SCRAM-SHA-256"_s} << u"SCRAM-SHA-256"_s;
    QTest::newRow("unknown mechanisms ignored") << QStringList{u"X-OAUTH2"_s, u"DIGEST-MD5"_s, u"SCRAM-SHA-1"_s} << true
                                                << tsep << QStringList() << u"SCRAM-SHA-1"_s;
}

void tst_SaslAuthenticator::chooses()
{
    QFETCH(QStringList, offered);
    QFETCH(bool, encrypted);
    QFETCH(QStringList, bindings);
    QFETCH(QStringList, allowed);
    QFETCH(QString, expected);
    auto in = input(offered, encrypted, bindings);
    in.allowedMechanisms = allowed;
    SaslAuthenticator sasl;
    QString error;
    const auto chosen = sasl.choose(in, &error);
    QVERIFY2(chosen, qPrintable(error));
    QCOMPARE(*chosen, expected);
}

void tst_SaslAuthenticator::refusesPlainWithoutTls()
{
    SaslAuthenticator sasl;
    QString error;
    QVERIFY(!sasl.choose(input({u"PLAIN"_s}, false), &error));
    QVERIFY2(error.contains(u"without encryption"), qPrintable(error));
}

void tst_SaslAuthenticator::reportsWhenNothingFits()
{
    SaslAuthenticator sasl;
    QString error;
    QVERIFY(!sasl.choose(input({u"DIGEST-MD5"_s, u"X-OAUTH2"_s}), &error));
    QVERIFY(error.contains(u"DIGEST-MD5"));
}

void tst_SaslAuthenticator::gs2HeaderSaysWhatWeCanBind_data()
{
    QTest::addColumn<QStringList>("offered");
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("bound") << QStringList{u"SCRAM-SHA-1-PLUS"_s} << true << "p=tls-server-end-point,,"_ba;
    // RFC 5802 §6: "y" when we could bind but the server offered no -PLUS (detects a stripped list).
    QTest::newRow("could bind, not offered") << QStringList{u"SCRAM-SHA-1"_s} << true << "y,,"_ba;
    // The server offers -PLUS that we cannot use (restricted away): "n", or it would fail us.
    QTest::newRow("cannot bind") << QStringList{u"SCRAM-SHA-1"_s} << false << "n,,"_ba;
}

void tst_SaslAuthenticator::gs2HeaderSaysWhatWeCanBind()
{
    QFETCH(QStringList, offered);
    QFETCH(bool, encrypted);
    QFETCH(QByteArray, header);
    SaslAuthenticator sasl;
    QVERIFY(sasl.choose(input(offered, encrypted)));
    const QByteArray first = sasl.initialResponse().value_or(QByteArray());
    QVERIFY2(first.startsWith(QByteArray(header + "n=alice,r=")), first.constData());
}

void tst_SaslAuthenticator::plainInitialResponse()
{
    SaslAuthenticator sasl;
    QVERIFY(sasl.choose(input({u"PLAIN"_s})));
    QCOMPARE(sasl.initialResponse().value_or(QByteArray()), "\0alice\0secret"_ba);
}

void tst_SaslAuthenticator::unpreparableCredentialsAreNotSent()
{
    // SASLprep (RFC 4013) prohibits control characters: refuse instead of sending an empty message.
    auto in = input({u"SCRAM-SHA-1"_s});
    in.password = u"bell\u0007"_s;
    SaslAuthenticator sasl;
    QVERIFY(sasl.choose(in));
    QString error;
    QVERIFY(!sasl.initialResponse(&error));
    QVERIFY(error.contains(u"cannot be used"));
}

void tst_SaslAuthenticator::strengthOrder()
{
    QVERIFY(SaslAuthenticator::isWeaker(u"SCRAM-SHA-256"_s, u"SCRAM-SHA-1-PLUS"_s));   // binding first
    QVERIFY(SaslAuthenticator::isWeaker(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s));
    QVERIFY(SaslAuthenticator::isWeaker(u"PLAIN"_s, u"SCRAM-SHA-1"_s));
    QVERIFY(!SaslAuthenticator::isWeaker(u"SCRAM-SHA-256"_s, u"SCRAM-SHA-256"_s));
    QVERIFY(!SaslAuthenticator::isWeaker(u"SCRAM-SHA-512"_s, u"SCRAM-SHA-1"_s));
    QVERIFY(!SaslAuthenticator::isWeaker(u"PLAIN"_s, QString()));   // nothing pinned
}

void tst_SaslAuthenticator::pinRefusesPlainAfterScram()
{
    // XEP-0474 §5 rule 1: never back from SCRAM to PLAIN, not even under TLS, unless the user agreed.
    auto in = input({u"PLAIN"_s});
    in.pinnedMechanism = u"SCRAM-SHA-1"_s;
    SaslAuthenticator sasl;
    QString error;
    QVERIFY(!sasl.choose(in, &error));
    QCOMPARE(sasl.failure(), SaslAuthenticator::Failure::Downgrade);
    QVERIFY2(error.contains(u"PLAIN") && error.contains(u"SCRAM-SHA-1"), qPrintable(error));

    in.acceptWeaker = true;
    SaslAuthenticator agreed;
    QCOMPARE(agreed.choose(in), u"PLAIN"_s);
    QCOMPARE(agreed.failure(), SaslAuthenticator::Failure::None);
}

void tst_SaslAuthenticator::pinLetsWeakerScramOnlyWithDowngradeHash_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<QByteArray>("extension");
    QTest::addColumn<int>("failure");
    const int none = int(SaslAuthenticator::Failure::None);
    const int downgrade = int(SaslAuthenticator::Failure::Downgrade);
    const int other = int(SaslAuthenticator::Failure::Other);
    // SHA-1 of "SCRAM-SHA-1" (XEP-0474 §3.1 without XEP-0440): the server vouches for its short list.
    const QByteArray genuine = ",h=LrtFoCs8XsoI+diY4u3rG69UGN8=";
    QTest::newRow("pinned SHA-256, no hash") << u"SCRAM-SHA-256"_s << QByteArray() << downgrade;
    QTest::newRow("pinned SHA-256, genuine list") << u"SCRAM-SHA-256"_s << genuine << none;
    QTest::newRow("pinned SHA-256, forged hash") << u"SCRAM-SHA-256"_s << ",h=Y+xk2TW25vKwG9yWicfQlsuiFQs="_ba << other;
    QTest::newRow("pinned SHA-1-PLUS, no hash") << u"SCRAM-SHA-1-PLUS"_s << QByteArray() << downgrade;
    QTest::newRow("pinned SHA-1, no hash") << u"SCRAM-SHA-1"_s << QByteArray() << none;
    QTest::newRow("nothing pinned") << QString() << QByteArray() << none;
}

void tst_SaslAuthenticator::pinLetsWeakerScramOnlyWithDowngradeHash()
{
    // Finding 9 of issue 13: a weaker SCRAM than the pin runs up to server-first-message (no secret yet);
    // the client proof follows only if the XEP-0474 hash proves the offer genuine.
    QFETCH(QString, pin);
    QFETCH(QByteArray, extension);
    QFETCH(int, failure);
    auto in = input({u"SCRAM-SHA-1"_s}, false, {});
    in.pinnedMechanism = pin;
    SaslAuthenticator sasl;
    QCOMPARE(sasl.choose(in), u"SCRAM-SHA-1"_s);
    const QByteArray first = *sasl.initialResponse();
    const QByteArray nonce = first.mid(first.indexOf(",r=") + 3);
    QString error;
    const auto final = sasl.respond("r=" + nonce + "srv,s=QSXCR+Q6sek8bf92,i=4096" + extension, &error);
    QCOMPARE(int(sasl.failure()), failure);
    QCOMPARE(final.has_value(), failure == int(SaslAuthenticator::Failure::None));
    if (failure == int(SaslAuthenticator::Failure::Downgrade))
        QVERIFY2(error.contains(pin), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_SaslAuthenticator)
#include "tst_saslauthenticator.moc"
