// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The SASL step of stream negotiation (RFC 6120 §6): SCRAM checked by an independent server side, PLAIN, the
// account's mechanism pin and XEP-0474's downgrade check, and every way the server can refuse or misbehave;
// scripted element by element with no socket (tests/support/NegotiationHarness.h).

#include "client/ClientErrors.h"

#include "NegotiationHarness.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace NegotiationHarness;

class tst_SaslStep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void channelBoundScram();
    void noCertificateNoBinding();
    void plainUnderTls();
    void serverFinalAsChallenge();
    void noCommonMechanism();
    void unpreparableCredentials();
    void saslFailure_data();
    void saslFailure();
    void badServerSignature_data();
    void badServerSignature();
    void invalidChallengeIsAborted();
    void pinRefusesPlain();
    void pinLetsPlainWhenUserAgreed();
    void weakerScramNeedsDowngradeHash_data();
    void weakerScramNeedsDowngradeHash();
    void saslElementsOutOfOrder_data();
    void saslElementsOutOfOrder();
};

// ---------------------------------------------------------------------------------------------------------
// Sign-ins that succeed

void tst_SaslStep::channelBoundScram()
{
    // XEP-0440 lists tls-server-end-point: SCRAM-SHA-256-PLUS, bound to the certificate setEncrypted() got.
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-256"_s, u"SCRAM-SHA-256-PLUS"_s})
               + u"<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-server-end-point'/>"
                 "</sasl-channel-binding>"_s);
    const QByteArray auth = s.owner.next();
    QCOMPARE(XmlTestUtils::parse(auth).attribute(u"mechanism"_s), u"SCRAM-SHA-256-PLUS"_s);
    ScramServer server(QCryptographicHash::Sha256, "pencil");
    const QByteArray gs2 = "p=tls-server-end-point,,";
    s.sasl(u"challenge"_s, server.first(saslPayload(auth), gs2));
    const QByteArray serverFinal = server.final(saslPayload(s.owner.next()), CertificateEndPoint);
    QVERIFY2(!serverFinal.isEmpty(), "the channel binding or the proof does not verify");
    s.sasl(u"success"_s, serverFinal);
    QCOMPARE(s.owner.calls.value(0), u"saslSucceeded SCRAM-SHA-256-PLUS"_s);
    QVERIFY(s.negotiator.isAuthenticated());
}

void tst_SaslStep::noCertificateNoBinding()
{
    // TLS without a certificate to bind to (setEncrypted(std::nullopt)): no -PLUS, and "n" (RFC 5802 §6).
    Session s;
    s.features(starttls() + mechanisms({u"SCRAM-SHA-256"_s}));
    s.feed(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    s.negotiator.setEncrypted(std::nullopt);
    s.owner.written.clear();
    s.features(mechanisms({u"SCRAM-SHA-256"_s, u"SCRAM-SHA-256-PLUS"_s})
               + u"<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-server-end-point'/>"
                 "</sasl-channel-binding>"_s);
    const QByteArray auth = s.owner.next();
    QCOMPARE(XmlTestUtils::parse(auth).attribute(u"mechanism"_s), u"SCRAM-SHA-256"_s);
    QVERIFY2(saslPayload(auth).startsWith("n,,n=alice,r="), auth.constData());
}

void tst_SaslStep::plainUnderTls()
{
    Session s;
    s.owner.config.saslPin = u"PLAIN"_s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    // RFC 4616: NUL alice NUL pencil, never in the console.
    COMPARE_XML(s.owner.next(), u"<auth xmlns='%1' mechanism='PLAIN'>AGFsaWNlAHBlbmNpbA==</auth>"_s.arg(Sasl));
    QCOMPARE(s.owner.shown.constLast(),
             "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>[redacted]</auth>"_ba);
    s.sasl(u"success"_s);
    QCOMPARE(s.owner.calls, (QStringList{u"saslSucceeded PLAIN"_s, u"restartStream"_s}));   // the pin stays
}

void tst_SaslStep::serverFinalAsChallenge()
{
    // RFC 6120 §6.4.6: a server may send server-final as a challenge; an empty response, then <success/>.
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    ScramServer server(QCryptographicHash::Sha1, "pencil");
    s.sasl(u"challenge"_s, server.first(saslPayload(s.owner.next()), "n,,"));
    s.sasl(u"challenge"_s, server.final(saslPayload(s.owner.next())));
    COMPARE_XML(s.owner.next(), u"<response xmlns='%1'/>"_s.arg(Sasl));
    s.sasl(u"success"_s);
    QVERIFY(s.negotiator.isAuthenticated());
    QCOMPARE(s.owner.calls.constLast(), u"restartStream"_s);
}

// ---------------------------------------------------------------------------------------------------------
// Failures

void tst_SaslStep::noCommonMechanism()
{
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"DIGEST-MD5"_s, u"X-OAUTH2"_s}));
    QCOMPARE(s.failure(), Error::NoSuitableMechanism);
    QCOMPARE(s.failureText(),
             u"cannot sign in safely: no SASL mechanism both sides support (server offers: DIGEST-MD5, X-OAUTH2)"_s);
    QVERIFY(s.owner.written.isEmpty());
}

void tst_SaslStep::unpreparableCredentials()
{
    // SASLprep (RFC 4013) refuses a control character: nothing is sent.
    Session s;
    s.owner.config.password = u"bell\u0007"_s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    QCOMPARE(s.failure(), Error::AuthenticationFailed);
    QVERIFY(s.failureText().startsWith(u"cannot sign in: "));
    QVERIFY(s.owner.written.isEmpty());
}

void tst_SaslStep::saslFailure_data()
{
    QTest::addColumn<QString>("failure");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Error>("error");
    QTest::newRow("not-authorized") << u"<not-authorized/>"_s << u"not-authorized"_s << QString()
                                    << Error::AuthenticationFailed;
    QTest::newRow("account-disabled") << u"<account-disabled/><text>欠费停机</text>"_s << u"account-disabled"_s
                                      << u"欠费停机"_s << Error::AccountDisabled;
    QTest::newRow("encryption-required") << u"<encryption-required/>"_s << u"encryption-required"_s << QString()
                                         << Error::TlsUnavailable;
    QTest::newRow("temporary-auth-failure")
        << u"<temporary-auth-failure/>"_s << u"temporary-auth-failure"_s << QString() << Error::AuthenticationFailed;
    QTest::newRow("no condition") << QString() << u"not-authorized"_s << QString() << Error::AuthenticationFailed;
}

void tst_SaslStep::saslFailure()
{
    QFETCH(QString, failure);
    QFETCH(QString, condition);
    QFETCH(QString, text);
    QFETCH(Error, error);
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    s.owner.next();
    s.feed(u"<failure xmlns='%1'>%2</failure>"_s.arg(Sasl, failure));
    QCOMPARE(s.failure(), error);
    QCOMPARE(s.failureText(), ClientErrors::describeSaslFailure(condition, text));
    QVERIFY(!s.negotiator.isAuthenticated());
    QVERIFY(!s.owner.calls.contains(u"restartStream"_s));
}

void tst_SaslStep::badServerSignature_data()
{
    QTest::addColumn<bool>("withSignature");
    QTest::newRow("wrong signature") << true;
    QTest::newRow("no signature") << false;
}

void tst_SaslStep::badServerSignature()
{
    // RFC 5802 §3: the server proves it knows the password's key; a <success/> without that proves nothing.
    QFETCH(bool, withSignature);
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    ScramServer server(QCryptographicHash::Sha1, "pencil");
    s.sasl(u"challenge"_s, server.first(saslPayload(s.owner.next()), "n,,"));
    QVERIFY(!server.final(saslPayload(s.owner.next())).isEmpty());
    s.sasl(u"success"_s, withSignature ? "v=" + QCryptographicHash::hash("forged", QCryptographicHash::Sha1).toBase64()
                                       : QByteArray());
    QCOMPARE(s.failure(), Error::ProtocolError);
    QVERIFY2(s.failureText().startsWith(u"the server could not prove its identity: "), qPrintable(s.failureText()));
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});   // neither saslSucceeded nor a pin nor a restart
    QVERIFY(!s.negotiator.isAuthenticated());
}

void tst_SaslStep::invalidChallengeIsAborted()
{
    // RFC 5802 §5.1: the server's nonce must extend ours; otherwise <abort/> before any proof leaves.
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    s.owner.next();
    s.sasl(u"challenge"_s, "r=someoneelsesnonce,s=QSXCR+Q6sek8bf92,i=4096");
    COMPARE_XML(s.owner.next(), u"<abort xmlns='%1'/>"_s.arg(Sasl));
    QCOMPARE(s.failure(), Error::ProtocolError);
    QVERIFY2(s.failureText().startsWith(u"the server's authentication challenge is invalid: "),
             qPrintable(s.failureText()));
}

void tst_SaslStep::pinRefusesPlain()
{
    // XEP-0474 §5: once signed in with SCRAM, an offer of PLAIN alone is refused before a byte is sent, and
    // the refused mechanism outlives the connection for the user's question (the owner reset us in fail()).
    Session s;
    s.owner.config.saslPin = u"SCRAM-SHA-1"_s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    QCOMPARE(s.failure(), Error::MechanismDowngrade);
    QCOMPARE(s.failureText(), u"the server now offers only PLAIN, weaker than SCRAM-SHA-1 used before; someone may "
                              "be tampering with the connection. Sign in anyway only if the server's operator "
                              "changed it."_s);
    QVERIFY(s.owner.written.isEmpty());
    QCOMPARE(s.negotiator.refusedMechanism(), u"PLAIN"_s);

    // The next sign-in starts a new SASL negotiation: the question is answered, the name is forgotten.
    s.owner.state = State::Connecting;
    s.owner.calls.clear();
    s.owner.failures.clear();
    s.owner.config.acceptWeakerSasl = true;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    QVERIFY(s.negotiator.refusedMechanism().isEmpty());
}

void tst_SaslStep::pinLetsPlainWhenUserAgreed()
{
    Session s;
    s.owner.config.saslPin = u"SCRAM-SHA-256"_s;
    s.owner.config.acceptWeakerSasl = true;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    COMPARE_XML(s.owner.next(), u"<auth xmlns='%1' mechanism='PLAIN'>AGFsaWNlAHBlbmNpbA==</auth>"_s.arg(Sasl));
    s.sasl(u"success"_s);
    // The pin only rises: PLAIN does not replace SCRAM-SHA-256.
    QCOMPARE(s.owner.calls, (QStringList{u"saslSucceeded PLAIN"_s, u"restartStream"_s}));
    QCOMPARE(s.owner.config.saslPin, u"SCRAM-SHA-256"_s);
}

void tst_SaslStep::weakerScramNeedsDowngradeHash_data()
{
    QTest::addColumn<QByteArray>("extension");
    QTest::addColumn<Error>("error");
    // SHA-1 of "SCRAM-SHA-1" (XEP-0474 §3.1, tst_saslauthenticator's vector): the server vouches for its list.
    QTest::newRow("genuine list") << ",h=LrtFoCs8XsoI+diY4u3rG69UGN8="_ba << Error::None;
    QTest::newRow("no hash") << QByteArray() << Error::MechanismDowngrade;
    // XEP-0474 §3.2: a hash of another list says someone edited ours.
    QTest::newRow("forged hash") << ",h=Y+xk2TW25vKwG9yWicfQlsuiFQs="_ba << Error::ProtocolError;
}

void tst_SaslStep::weakerScramNeedsDowngradeHash()
{
    // Pinned SCRAM-SHA-256, offered SCRAM-SHA-1 only: the exchange may go up to server-first (no secret yet);
    // the proof leaves only if XEP-0474's hash proves the list genuine.
    QFETCH(QByteArray, extension);
    QFETCH(Error, error);
    Session s;
    s.owner.config.saslPin = u"SCRAM-SHA-256"_s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    ScramServer server(QCryptographicHash::Sha1, "pencil");
    s.sasl(u"challenge"_s, server.first(saslPayload(s.owner.next()), "n,,", extension));
    const QByteArray answer = s.owner.next();
    if (error != Error::None) {
        COMPARE_XML(answer, u"<abort xmlns='%1'/>"_s.arg(Sasl));
        QCOMPARE(s.failure(), error);
        QCOMPARE(s.negotiator.refusedMechanism(), error == Error::MechanismDowngrade ? u"SCRAM-SHA-1"_s : QString());
        return;
    }
    s.sasl(u"success"_s, server.final(saslPayload(answer)));
    QCOMPARE(s.owner.calls, (QStringList{u"saslSucceeded SCRAM-SHA-1"_s, u"restartStream"_s}));   // pin stays
    QVERIFY(s.owner.failures.isEmpty());
}

void tst_SaslStep::saslElementsOutOfOrder_data()
{
    QTest::addColumn<QString>("element");
    QTest::addColumn<bool>("afterAuth");
    QTest::addColumn<QString>("text");
    const auto unexpected = u"unexpected SASL element from the server"_s;
    QTest::newRow("success before auth") << u"<success xmlns='%1'/>"_s.arg(Sasl) << false << unexpected;
    QTest::newRow("challenge before auth")
        << u"<challenge xmlns='%1'>cj1h</challenge>"_s.arg(Sasl) << false << unexpected;
    QTest::newRow("unknown element") << u"<continue xmlns='%1'/>"_s.arg(Sasl) << true
                                     << u"unexpected SASL element <continue/>"_s;
}

void tst_SaslStep::saslElementsOutOfOrder()
{
    QFETCH(QString, element);
    QFETCH(bool, afterAuth);
    QFETCH(QString, text);
    Session s;
    QVERIFY(toTls(s));
    if (afterAuth) {
        s.features(mechanisms({u"SCRAM-SHA-1"_s}));
        s.owner.next();
    }
    QVERIFY(s.feed(element));
    QCOMPARE(s.failure(), Error::ProtocolError);
    QCOMPARE(s.failureText(), text);
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});
    QVERIFY(!s.negotiator.isAuthenticated());
}

QTEST_GUILESS_MAIN(tst_SaslStep)
#include "tst_saslstep.moc"
