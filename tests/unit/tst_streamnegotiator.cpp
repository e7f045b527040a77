// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Stream negotiation (RFC 6120 §4.3, §5 STARTTLS, §7 binding; RFC 6121 Appendix E) and StreamNegotiator's
// sequence of steps, scripted element by element with no socket (tests/support/NegotiationHarness.h). The SASL
// step's cases are in tst_saslstep.cpp.

#include "client/ClientErrors.h"
#include "client/Reconnector.h"

#include "NegotiationHarness.h"
#include "TestClient.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace NegotiationHarness;

class tst_StreamNegotiator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamHeaderSaysFromOnlyUnderTls();
    void happyPathWithScram();
    void legacySession_data();
    void legacySession();
    void serverMayChangeTheResource();
    void noStartTlsWithTlsRequired();
    void noStartTlsOnLoopbackIfPossible();
    void tlsDisabledSkipsStartTls();
    void startTlsFailure();
    void proceedTwice();
    void proceedUnasked();
    void featuresBeforeTlsClaimingAuth();
    void noMechanismsAfterTls();
    void noBindOffered();
    void bindError();
    void bindTimeout();
    void unexpectedBoundAddress_data();
    void unexpectedBoundAddress();
    void streamError_data();
    void streamError();
    void streamErrorWhileBindingFailsOnce();
    void conflictWhileBindingIsNotRetried();
    void featuresAfterNegotiationFinished();
    void stanzasAreNotItsBusiness();
    void resetForgetsTheConnection();
};

// ---------------------------------------------------------------------------------------------------------
// Negotiations that succeed

void tst_StreamNegotiator::streamHeaderSaysFromOnlyUnderTls()
{
    Session s;
    // RFC 6120 §4.7.1: 'from' only on a protected stream.
    QCOMPARE(s.negotiator.streamHeader(),
             "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
             "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' xml:lang='en' to='example.org'>"_ba);
    s.negotiator.setEncrypted(certificate());
    QVERIFY(s.negotiator.streamHeader().endsWith("to='example.org' from='alice@example.org'>"));
}

void tst_StreamNegotiator::happyPathWithScram()
{
    Session s;
    s.features(starttls() + mechanisms({u"PLAIN"_s, u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s}));
    QCOMPARE(s.owner.state, State::Encrypting);
    COMPARE_XML(s.owner.next(), u"<starttls xmlns='%1'/>"_s.arg(Tls));
    QVERIFY(s.owner.calls.isEmpty());   // no TLS before <proceed/>
    s.feed(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    QCOMPARE(s.owner.calls, QStringList{u"startTls"_s});
    s.negotiator.setEncrypted(certificate());
    QVERIFY(s.negotiator.streamHeader().contains("from='alice@example.org'"));   // the restarted stream

    // SCRAM-SHA-256, the strongest offered. "y": we could bind to the certificate's tls-server-end-point,
    // which the server lists (XEP-0440), but it offered no -PLUS mechanism (RFC 5802 §6).
    s.features(mechanisms({u"PLAIN"_s, u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s})
               + u"<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-server-end-point'/>"
                 "</sasl-channel-binding>"_s);
    QCOMPARE(s.owner.state, State::Authenticating);
    const QByteArray auth = s.owner.next();
    QCOMPARE(XmlTestUtils::parse(auth).attribute(u"mechanism"_s), u"SCRAM-SHA-256"_s);
    QCOMPARE(s.owner.shown.at(1), "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
                                  "[redacted]</auth>"_ba);   // docs/SECURITY.md rule 12
    ScramServer server(QCryptographicHash::Sha256, "pencil");
    QVERIFY2(saslPayload(auth).startsWith("y,,n=alice,r="), saslPayload(auth).constData());
    const QByteArray serverFirst = server.first(saslPayload(auth), "y,,");
    s.sasl(u"challenge"_s, serverFirst);
    const QByteArray response = s.owner.next();
    QCOMPARE(XmlTestUtils::parse(response).tagName(), u"response"_s);
    QCOMPARE(s.owner.shown.at(2), "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>[redacted]</response>"_ba);
    const QByteArray serverFinal = server.final(saslPayload(response));
    QVERIFY2(!serverFinal.isEmpty(), "the client's proof does not verify");
    QVERIFY(!s.negotiator.isAuthenticated());
    s.sasl(u"success"_s, serverFinal);
    QCOMPARE(s.owner.calls, (QStringList{u"startTls"_s, u"saslSucceeded SCRAM-SHA-256"_s,
                                         u"saslPinRaised SCRAM-SHA-256"_s, u"restartStream"_s}));
    QVERIFY(s.negotiator.isAuthenticated());
    QCOMPARE(s.owner.state, State::Binding);

    s.owner.calls.clear();
    s.features(bindFeatures(u"<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>"_s));
    COMPARE_XML(s.owner.next(), u"<iq xmlns='jabber:client' type='set' id='iq1'>"
                                "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                                "<resource>desk</resource></bind></iq>"_s);
    QVERIFY(s.owner.calls.isEmpty());
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk</jid></bind></iq>"_s);
    QCOMPARE(s.owner.calls, (QStringList{u"resourceBound alice@example.org/desk"_s, u"finished"_s}));
    COMPARE_XML(s.owner.next(), u"<enable xmlns='urn:xmpp:sm:3' resume='true'/>"_s);   // XEP-0198 §3, after binding
    QVERIFY(s.owner.written.isEmpty());   // optional session: none
    QVERIFY(s.owner.failures.isEmpty());
    QVERIFY(s.negotiator.hasStreamFeature(u"sm", u"urn:xmpp:sm:3"));
    QVERIFY(!s.negotiator.hasStreamFeature(u"sm", u"urn:xmpp:sm:2"));
}

void tst_StreamNegotiator::legacySession_data()
{
    QTest::addColumn<QString>("feature");
    QTest::addColumn<QString>("answer");   // empty: the request times out
    QTest::addColumn<bool>("asked");
    QTest::addColumn<bool>("finished");
    const auto required = u"<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/>"_s;
    QTest::newRow("required, result") << required << u"<iq xmlns='jabber:client' type='result' id='iq2'/>"_s << true
                                      << true;
    // RFC 6121 Appendix E made it a no-op: an error answer does not stop the sign-in.
    QTest::newRow("required, error")
        << required
        << u"<iq xmlns='jabber:client' type='error' id='iq2'><error type='cancel'>"
           "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s
        << true << true;
    QTest::newRow("required, no answer") << required << QString() << true << false;
    QTest::newRow("optional") << u"<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>"_s
                              << QString() << false << true;
    QTest::newRow("not offered") << QString() << QString() << false << true;
}

void tst_StreamNegotiator::legacySession()
{
    QFETCH(QString, feature);
    QFETCH(QString, answer);
    QFETCH(bool, asked);
    QFETCH(bool, finished);
    Session s;
    QVERIFY(toBinding(s, feature));
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk</jid></bind></iq>"_s);
    QCOMPARE(s.owner.calls.value(0), u"resourceBound alice@example.org/desk"_s);
    if (asked) {
        COMPARE_XML(s.owner.next(), u"<iq xmlns='jabber:client' type='set' id='iq2'>"
                                    "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>"_s);
        QVERIFY(!s.owner.calls.contains(u"finished"_s));
        if (answer.isEmpty())
            s.owner.expire(u"iq2"_s);
        else
            s.owner.answer(answer);
    }
    if (finished)
        COMPARE_XML(s.owner.next(), u"<enable xmlns='urn:xmpp:sm:3' resume='true'/>"_s);
    QVERIFY(s.owner.written.isEmpty());
    QCOMPARE(s.owner.calls.contains(u"finished"_s), finished);
    if (!finished) {
        QCOMPARE(s.failure(), Error::Timeout);
        QCOMPARE(s.failureText(), u"the server did not start the session"_s);
    }
}

void tst_StreamNegotiator::serverMayChangeTheResource()
{
    // RFC 6120 §7.6.1: the server may change the resource, never the account.
    Session s;
    QVERIFY(toBinding(s));
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk-4f2a</jid></bind></iq>"_s);
    QCOMPARE(s.owner.calls, (QStringList{u"resourceBound alice@example.org/desk-4f2a"_s, u"finished"_s}));
}

// ---------------------------------------------------------------------------------------------------------
// STARTTLS failures (docs/SECURITY.md rule 1: not one authentication byte without TLS)

void tst_StreamNegotiator::noStartTlsWithTlsRequired()
{
    Session s;
    s.features(mechanisms({u"SCRAM-SHA-1"_s, u"PLAIN"_s}));
    QCOMPARE(s.failure(), Error::TlsUnavailable);
    QCOMPARE(s.failureText(),
             u"the server does not offer encryption (STARTTLS); signing in without it is not allowed"_s);
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::noStartTlsOnLoopbackIfPossible()
{
    // IfPossible tolerates a server without TLS, but SCRAM only: never PLAIN in the clear (RFC 6120 §13.8).
    Session s;
    s.owner.config.securityMode = ConnectionConfiguration::SecurityMode::IfPossible;
    s.features(mechanisms({u"PLAIN"_s, u"SCRAM-SHA-1"_s}));
    const QByteArray auth = s.owner.next();
    QCOMPARE(XmlTestUtils::parse(auth).attribute(u"mechanism"_s), u"SCRAM-SHA-1"_s);
    QVERIFY2(saslPayload(auth).startsWith("n,,n=alice,r="), auth.constData());   // no TLS: nothing to bind

    Session plainOnly;
    plainOnly.owner.config.securityMode = ConnectionConfiguration::SecurityMode::IfPossible;
    plainOnly.features(mechanisms({u"PLAIN"_s}));
    QCOMPARE(plainOnly.failure(), Error::NoSuitableMechanism);
    QVERIFY(plainOnly.owner.written.isEmpty());
}

void tst_StreamNegotiator::tlsDisabledSkipsStartTls()
{
    Session s;
    s.owner.config.securityMode = ConnectionConfiguration::SecurityMode::Disabled;
    s.features(starttls() + mechanisms({u"SCRAM-SHA-1"_s}));
    QCOMPARE(XmlTestUtils::parse(s.owner.next()).tagName(), u"auth"_s);
    QCOMPARE(s.owner.state, State::Authenticating);
}

void tst_StreamNegotiator::startTlsFailure()
{
    // RFC 6120 §5.4.2.2: <failure/> ends the stream.
    Session s;
    s.features(starttls() + mechanisms({u"PLAIN"_s}));
    s.owner.next();
    s.feed(u"<failure xmlns='%1'/>"_s.arg(Tls));
    QCOMPARE(s.failure(), Error::TlsUnavailable);
    QCOMPARE(s.failureText(), u"the server refused to start encryption (STARTTLS failure)"_s);
    QVERIFY(s.owner.calls == QStringList{u"fail"_s});
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::proceedTwice()
{
    // A second <proceed/> answers nothing we asked: it must not start a handshake inside TLS.
    Session s;
    QVERIFY(toTls(s));
    s.feed(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});
    QCOMPARE(s.failure(), Error::TlsUnavailable);
}

void tst_StreamNegotiator::proceedUnasked()
{
    // Direct TLS (XEP-0368): the stream is encrypted and we never sent <starttls/>.
    Session s;
    s.owner.state = State::Encrypting;
    s.negotiator.setEncrypted(certificate());
    s.feed(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});
    QCOMPARE(s.failure(), Error::TlsUnavailable);
}

void tst_StreamNegotiator::featuresBeforeTlsClaimingAuth()
{
    // After <proceed/>, before TLS is up: features without STARTTLS, as if signed in, are someone else's.
    Session s;
    s.features(starttls() + mechanisms({u"PLAIN"_s}));
    s.owner.next();
    s.feed(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    s.features(mechanisms({u"PLAIN"_s}) + bindFeatures());
    QCOMPARE(s.failure(), Error::TlsUnavailable);
    QVERIFY(s.owner.written.isEmpty());
    QVERIFY(!s.negotiator.isAuthenticated());
}

void tst_StreamNegotiator::noMechanismsAfterTls()
{
    // Features that skip SASL and offer binding straight away: no binding without authentication.
    Session s;
    QVERIFY(toTls(s));
    s.features(bindFeatures());
    QCOMPARE(s.failure(), Error::ProtocolError);
    QCOMPARE(s.failureText(), u"the server offers no way to sign in (no SASL mechanisms)"_s);
    QVERIFY(s.owner.written.isEmpty());
}

// ---------------------------------------------------------------------------------------------------------
// Binding failures

void tst_StreamNegotiator::noBindOffered()
{
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    s.owner.next();
    s.sasl(u"success"_s);
    s.features(u"<sm xmlns='urn:xmpp:sm:3'/>"_s);
    QCOMPARE(s.failure(), Error::ProtocolError);
    QCOMPARE(s.failureText(), u"the server offers no resource binding"_s);
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::bindError()
{
    Session s;
    QVERIFY(toBinding(s));
    s.owner.answer(u"<iq xmlns='jabber:client' type='error' id='iq1'><error type='cancel'>"
                   "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(s.failure(), Error::BindFailed);
    QCOMPARE(s.failureText(), u"the server refused to bind a resource (conflict)"_s);
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});
}

void tst_StreamNegotiator::bindTimeout()
{
    Session s;
    QVERIFY(toBinding(s));
    s.owner.expire(u"iq1"_s);
    QCOMPARE(s.failure(), Error::BindFailed);
    QCOMPARE(s.failureText(), u"the server refused to bind a resource (no answer)"_s);
}

void tst_StreamNegotiator::unexpectedBoundAddress_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("jid");
    QTest::newRow("no payload") << QString() << QString();
    QTest::newRow("no jid") << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"_s << QString();
    QTest::newRow("bare") << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.org</jid></bind>"_s
                          << u"alice@example.org"_s;
    QTest::newRow("another account")
        << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>mallory@example.org/desk</jid></bind>"_s
        << u"mallory@example.org/desk"_s;
    QTest::newRow("another domain")
        << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.net/desk</jid></bind>"_s
        << u"alice@example.net/desk"_s;
    QTest::newRow("not a JID") << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>@/</jid></bind>"_s << u"@/"_s;
}

void tst_StreamNegotiator::unexpectedBoundAddress()
{
    QFETCH(QString, payload);
    QFETCH(QString, jid);
    Session s;
    QVERIFY(toBinding(s));
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'>%1</iq>"_s.arg(payload));
    QCOMPARE(s.failure(), Error::ProtocolError);
    QCOMPARE(s.failureText(), u"the server bound an unexpected address: "_s + jid);
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});   // no resourceBound
}

// ---------------------------------------------------------------------------------------------------------
// Stream errors, order and lifetime

void tst_StreamNegotiator::streamError_data()
{
    QTest::addColumn<QString>("children");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Error>("error");
    const auto streams = u"urn:ietf:params:xml:ns:xmpp-streams"_s;
    QTest::newRow("conflict") << u"<conflict xmlns='%1'/>"_s.arg(streams) << u"conflict"_s << QString()
                              << Error::Conflict;
    QTest::newRow("not-authorized") << u"<not-authorized xmlns='%1'/>"_s.arg(streams) << u"not-authorized"_s
                                    << QString() << Error::AuthenticationFailed;
    QTest::newRow("system-shutdown with text")
        << u"<system-shutdown xmlns='%1'/><text xmlns='%1'>维护中</text>"_s.arg(streams) << u"system-shutdown"_s
        << u"维护中"_s << Error::StreamError;
    // Only the streams namespace names a condition (RFC 6120 §4.9.3): an application element does not.
    QTest::newRow("application condition only")
        << u"<oops xmlns='urn:example:app'/>"_s << QString() << QString() << Error::StreamError;
}

void tst_StreamNegotiator::streamError()
{
    QFETCH(QString, children);
    QFETCH(QString, condition);
    QFETCH(QString, text);
    QFETCH(Error, error);
    Session s;
    QVERIFY(s.feed(u"<error xmlns='http://etherx.jabber.org/streams'>%1</error>"_s.arg(children)));
    QCOMPARE(s.failure(), error);
    QCOMPARE(s.failureText(), ClientErrors::describeStreamError(condition, text));
}

void tst_StreamNegotiator::streamErrorWhileBindingFailsOnce()
{
    // The owner cancels the bind request after the failure reset the negotiator: that answer is stale and
    // must not fail the connection a second time, as BindFailed (docs/SECURITY.md rule 10 needs Conflict).
    Session s;
    QVERIFY(toBinding(s));
    s.feed(u"<error xmlns='http://etherx.jabber.org/streams'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
           "</error>"_s);
    QCOMPARE(s.owner.failures.size(), 1);
    QCOMPARE(s.failure(), Error::Conflict);
}

void tst_StreamNegotiator::conflictWhileBindingIsNotRetried()
{
    // The same through XmppClient (on TestClient's in-memory transport): one errorOccurred, Conflict, and so
    // no reconnect (docs/SECURITY.md rule 10). A second one, BindFailed, would have scheduled one.
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setEnabled(true);
    QSignalSpy errors(&client, &XmppClient::errorOccurred);
    QSignalSpy scheduled(&reconnector, &Reconnector::reconnectScheduled);
    ConnectionConfiguration config = client.configuration();
    config.jid = *Jid::parse(u"alice@example.org/desk");
    config.password = u"pencil"_s;
    config.host = u"xmpp.test"_s;
    client.setConfiguration(config);
    client.connectToHost();
    const auto stream = [&client](const QString &features) {
        client.inject(u"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
                      "from='example.org' id='s1' version='1.0'><stream:features>%1</stream:features>"_s.arg(features));
    };
    stream(starttls());
    client.inject(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    stream(mechanisms({u"PLAIN"_s}));
    client.inject(u"<success xmlns='%1'/>"_s.arg(Sasl));
    stream(bindFeatures());
    QCOMPARE(client.state(), State::Binding);
    client.inject(u"<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"_s);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(client.error(), Error::Conflict);
    QCOMPARE(scheduled.size(), 0);
}

void tst_StreamNegotiator::featuresAfterNegotiationFinished()
{
    Session s;
    QVERIFY(toBinding(s));
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk</jid></bind></iq>"_s);
    COMPARE_XML(s.owner.next(), u"<enable xmlns='urn:xmpp:sm:3' resume='true'/>"_s);
    s.features(bindFeatures());
    QCOMPARE(s.owner.calls.count(u"finished"_s), 1);
    QVERIFY(s.owner.written.isEmpty());   // no second bind
}

void tst_StreamNegotiator::stanzasAreNotItsBusiness()
{
    Session s;
    QVERIFY(!s.feed(u"<message xmlns='jabber:client'><body>你好</body></message>"_s));
    QVERIFY(!s.feed(u"<r xmlns='urn:xmpp:sm:3'/>"_s));
    QVERIFY(s.owner.calls.isEmpty());
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::resetForgetsTheConnection()
{
    Session s;
    QVERIFY(toBinding(s));
    QVERIFY(s.negotiator.hasStreamFeature(u"bind", u"urn:ietf:params:xml:ns:xmpp-bind"));
    s.negotiator.reset();
    QVERIFY(!s.negotiator.isAuthenticated());
    QVERIFY(!s.negotiator.hasStreamFeature(u"bind", u"urn:ietf:params:xml:ns:xmpp-bind"));
    QVERIFY(!s.negotiator.streamHeader().contains("from="));
    // The answer to the old connection's bind request changes nothing.
    s.owner.calls.clear();
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk</jid></bind></iq>"_s);
    QVERIFY(s.owner.calls.isEmpty());
    // A new connection starts with STARTTLS again.
    s.owner.state = State::Connecting;
    QVERIFY(toTls(s));
}

QTEST_GUILESS_MAIN(tst_StreamNegotiator)
#include "tst_streamnegotiator.moc"
