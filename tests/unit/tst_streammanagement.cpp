// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Stream management (XEP-0198) through XmppClient on the in-memory transport: enabling, counting, answering
// and requesting acknowledgements, resuming a dropped session and resending exactly what was not
// acknowledged, failed resumption, the resumption location, and dead-link detection.

#include "TestClient.h"
#include "XmlTestUtils.h"

#include "client/StreamManagement.h"
#include "stanza/Message.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Error = XmppClient::Error;

namespace {
const QString Sm = u"<sm xmlns='urn:xmpp:sm:3'/>"_s;
const QString Enable = u"<enable xmlns='urn:xmpp:sm:3' resume='true'/>"_s;
const QString Enabled = u"<enabled xmlns='urn:xmpp:sm:3' id='sess-1' resume='true' max='600'/>"_s;

Message chat(const QString &body)
{
    Message message;
    message.to = Jid::fromString(u"bob@example.org"_s);
    message.type = Message::Type::Chat;
    message.body = body;
    return message;
}

QString sentChat(const QString &id, const QString &body)
{
    return u"<message to='bob@example.org' type='chat' id='%1'><body>%2</body></message>"_s.arg(id, body);
}

/// A client signed in with stream management enabled (the server's <enabled/> injected), nothing sent yet.
bool connectManaged(TestClient &client, const QString &enabled = Enabled)
{
    client.setKeepSessionStart(true);
    if (!client.connectAs(TestClient::DefaultJid, Sm))
        return false;
    if (XmlTestUtils::xmlDifference(TestClient::parseStanza(Enable), client.takeSent()) != QString())
        return false;
    client.inject(enabled);
    client.clearSent();
    return client.isStreamManaged();
}
} // namespace

class tst_StreamManagement : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void enabledAfterBindingOnlyWhenOffered();
    void answersRequestsWithHandledCount();
    void acknowledgementConfirmsMessages();
    void burstAsksForAcknowledgementAtOnce();
    void singleMessageAsksSoonAfter();
    void burstTailAskedForAfterTheAnswer();
    void countersWrapModulo2To32();
    void handledCountTooHighEndsTheStream();
    void resumeResendsExactlyTheUnacknowledged();
    void resumeDoesNotResendIqRequests();
    void resumedWithAnotherSessionIdIsRefused();
    void failedResumptionEndsTheSessionAndBindsAnew();
    void cleanCloseEndsTheSession();
    void failedAttemptKeepsTheSessionForTheNext();
    void windowPassedEndsTheSessionWithoutAsking();
    void locationUsedForResumption();
    void locationOffLoopbackIgnoredWithoutRequiredTls();
    void deadLinkDetectedByUnansweredRequest();
    void checkConnectionProvesTheLinkNow();
    void refusedEnableCountsWrittenAsSent();
};

void tst_StreamManagement::enabledAfterBindingOnlyWhenOffered()
{
    TestClient plain;
    plain.setKeepSessionStart(true);
    QVERIFY(plain.connectAs());
    plain.expectNoSent();   // no <sm/> offered: nothing asked
    QVERIFY(!plain.isStreamManaged());

    TestClient managed;
    managed.setKeepSessionStart(true);
    QVERIFY(managed.connectAs(TestClient::DefaultJid, Sm));
    managed.expect(Enable);   // XEP-0198 §3: after binding, resumable
    QVERIFY(managed.isStreamManaged());

    TestClient off;
    ConnectionConfiguration config;
    config.streamManagement = false;
    off.setConfiguration(config);
    off.setKeepSessionStart(true);
    QVERIFY(off.connectAs(TestClient::DefaultJid, Sm));
    off.expectNoSent();
}

void tst_StreamManagement::answersRequestsWithHandledCount()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    // XEP-0198 §4: every stanza counts, even one nobody handles.
    client.inject(u"<message from='bob@example.org/a' type='chat'><body>1</body></message>"
                  "<presence from='bob@example.org/a'/>"
                  "<iq type='get' from='bob@example.org/a' id='q1'><unknown xmlns='urn:example'/></iq>"_s);
    client.expect(
        u"<iq type='error' to='bob@example.org/a' id='q1'>"
        "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    client.inject(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
    client.expect(u"<a xmlns='urn:xmpp:sm:3' h='3'/>"_s);
    client.inject(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
    client.expect(u"<a xmlns='urn:xmpp:sm:3' h='3'/>"_s);
}

void tst_StreamManagement::acknowledgementConfirmsMessages()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    QSignalSpy acked(&client, &XmppClient::messageAcknowledged);
    QVERIFY(client.send(chat(u"one"_s)));
    QVERIFY(client.send(chat(u"two"_s)));
    QCOMPARE(client.unacknowledgedCount(), 2);
    QVERIFY(client.isAwaitingAck(u"id1"_s));
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='1'/>"_s);
    QCOMPARE(acked.size(), 1);
    QCOMPARE(acked.at(0).at(0).toString(), u"id1"_s);
    QVERIFY(!client.isAwaitingAck(u"id1"_s));
    QVERIFY(client.isAwaitingAck(u"id2"_s));
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='2'/>"_s);
    QCOMPARE(acked.size(), 2);
    QCOMPARE(client.unacknowledgedCount(), 0);
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='2'/>"_s);   // a repeated h acknowledges nothing more
    QCOMPARE(acked.size(), 2);
}

void tst_StreamManagement::burstAsksForAcknowledgementAtOnce()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    for (int i = 1; i <= 5; ++i)
        QVERIFY(client.send(chat(QString::number(i))));
    for (int i = 1; i <= 5; ++i)
        client.expect(sentChat(u"id%1"_s.arg(i), QString::number(i)));
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);   // one request for the burst, not one per message
    client.expectNoSent();
}

void tst_StreamManagement::singleMessageAsksSoonAfter()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    QVERIFY(client.send(chat(u"hi"_s)));
    client.expect(sentChat(u"id1"_s, u"hi"_s));
    client.expectNoSent();
    QTRY_COMPARE_WITH_TIMEOUT(client.sentCount(), 1, 2000);
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
}

void tst_StreamManagement::burstTailAskedForAfterTheAnswer()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    QSignalSpy acked(&client, &XmppClient::messageAcknowledged);
    for (int i = 1; i <= 20; ++i)
        QVERIFY(client.send(chat(QString::number(i))));
    QCOMPARE(client.sentCount(), 21);   // one <r/> after the first five; one request at a time
    client.clearSent();
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='5'/>"_s);
    // The fifteen sent while that request was out are asked for at once after its answer, not at the next
    // keep-alive a minute later.
    QTRY_COMPARE_WITH_TIMEOUT(client.sentCount(), 1, 2000);
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='20'/>"_s);
    QCOMPARE(acked.size(), 20);
    QTest::qWait(250);
    client.expectNoSent();   // all confirmed: nothing more to ask
}

void tst_StreamManagement::countersWrapModulo2To32()
{
    QCOMPARE(StreamManagement::newlyAcknowledged(5, 4294967294u), 7u);
    QCOMPARE(StreamManagement::newlyAcknowledged(0, 4294967295u), 1u);
    QCOMPARE(StreamManagement::newlyAcknowledged(10, 10), 0u);
}

void tst_StreamManagement::handledCountTooHighEndsTheStream()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    QSignalSpy errors(&client, &XmppClient::errorOccurred);
    QVERIFY(client.send(chat(u"one"_s)));
    client.clearSent();
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='5'/>"_s);   // 5 acknowledged, 1 sent
    QCOMPARE(errors.size(), 1);
    QCOMPARE(client.error(), Error::ProtocolError);
    const QDomElement streamError = client.takeSent();
    QCOMPARE(streamError.localName(), u"error"_s);
    QVERIFY(!streamError.firstChildElement(u"handled-count-too-high"_s).isNull());
}

void tst_StreamManagement::resumeResendsExactlyTheUnacknowledged()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    QSignalSpy ended(&client, &XmppClient::sessionEnded);
    QSignalSpy resumed(&client, &XmppClient::resumed);
    QSignalSpy connected(&client, &XmppClient::connected);
    QSignalSpy acked(&client, &XmppClient::messageAcknowledged);
    client.inject(u"<message from='bob@example.org/a' type='chat'><body>in</body></message>"_s);
    Message withOrigin = chat(u"three"_s);
    withOrigin.id = u"m3"_s;
    QVERIFY(client.send(chat(u"one"_s)));
    QVERIFY(client.send(chat(u"two"_s)));
    QVERIFY(client.send(withOrigin));
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='1'/>"_s);
    client.clearSent();

    client.dropConnection();
    QCOMPARE(client.error(), Error::ConnectionLost);
    QVERIFY(client.canResume());
    QCOMPARE(ended.size(), 0);   // the server keeps the session (XEP-0198 §5)

    QVERIFY(client.reconnect(Sm, u"<resumed xmlns='urn:xmpp:sm:3' previd='sess-1' h='2'/>"_s));
    QCOMPARE(resumed.size(), 1);
    QCOMPARE(client.jid().toString(), TestClient::DefaultJid);   // still bound: no binding to tell it again
    QCOMPARE(connected.size(), 0);   // no new session: nothing is fetched again
    // h='2': "two" reached the server; only "three" goes again, the very same stanza.
    QCOMPARE(acked.size(), 2);
    QCOMPARE(acked.at(1).at(0).toString(), u"id2"_s);
    client.expect(sentChat(u"m3"_s, u"three"_s));
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
    client.expectNoSent();
    QCOMPARE(client.unacknowledgedCount(), 1);
    // Counting goes on from the resumed session: one stanza handled before the drop, one after.
    client.inject(u"<message from='bob@example.org/a' type='chat'><body>again</body></message>"
                  "<r xmlns='urn:xmpp:sm:3'/>"_s);
    client.expect(u"<a xmlns='urn:xmpp:sm:3' h='2'/>"_s);
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='3'/>"_s);
    QCOMPARE(acked.size(), 3);
    QCOMPARE(acked.at(2).at(0).toString(), u"m3"_s);
}

void tst_StreamManagement::resumeDoesNotResendIqRequests()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    Iq request;
    request.type = Iq::Type::Get;
    request.to = Jid::fromString(u"example.org"_s);
    request.payload = Iq::makePayload(u"query"_s, u"jabber:iq:version"_s);
    QList<IqReply::Status> answers;
    client.sendIq(request, &client, [&answers](const IqReply &reply) { answers.append(reply.status); });
    QVERIFY(client.send(chat(u"after"_s)));
    client.clearSent();
    client.dropConnection();
    QCOMPARE(answers, QList<IqReply::Status>{IqReply::Status::Disconnected});
    QVERIFY(client.reconnect(Sm, u"<resumed xmlns='urn:xmpp:sm:3' previd='sess-1' h='0'/>"_s));
    // Its caller was told the connection ended; only the message goes again.
    client.expect(sentChat(u"id2"_s, u"after"_s));
}

void tst_StreamManagement::resumedWithAnotherSessionIdIsRefused()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    client.dropConnection();
    QVERIFY(!client.reconnect(Sm, u"<resumed xmlns='urn:xmpp:sm:3' previd='someone-else' h='0'/>"_s));
    QCOMPARE(client.error(), Error::ProtocolError);
}

void tst_StreamManagement::failedResumptionEndsTheSessionAndBindsAnew()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    QSignalSpy ended(&client, &XmppClient::sessionEnded);
    QSignalSpy connected(&client, &XmppClient::connected);
    QSignalSpy acked(&client, &XmppClient::messageAcknowledged);
    QVERIFY(client.send(chat(u"one"_s)));
    QVERIFY(client.send(chat(u"two"_s)));
    client.dropConnection();
    // XEP-0198 §5: the h of <failed/> still tells what reached the server.
    QVERIFY(client.reconnect(Sm, u"<failed xmlns='urn:xmpp:sm:3' h='1'>"
                                 "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>"_s));
    QCOMPARE(acked.size(), 1);
    QCOMPARE(acked.at(0).at(0).toString(), u"id1"_s);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(connected.size(), 1);
    // The new session asks for stream management again; "two" is not resent by the stream (the outbox does
    // it, ChatManager), so nothing else is written.
    client.expect(Enable);
    client.expectNoSent();
    QVERIFY(!client.isAwaitingAck(u"id2"_s));
}

void tst_StreamManagement::cleanCloseEndsTheSession()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    QSignalSpy ended(&client, &XmppClient::sessionEnded);
    QVERIFY(client.send(chat(u"bye"_s)));
    client.clearSent();
    client.disconnectFromHost();
    // A last request, so that what was just sent is confirmed before the stream closes.
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
    client.dropConnection();
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
    QCOMPARE(ended.size(), 1);
    QVERIFY(!client.canResume());
}

void tst_StreamManagement::failedAttemptKeepsTheSessionForTheNext()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    QSignalSpy ended(&client, &XmppClient::sessionEnded);
    QVERIFY(client.send(chat(u"kept"_s)));
    client.dropConnection();
    // The first attempt dies before it can resume (the network is still down).
    client.connectToHost();
    client.dropConnection();
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
    QVERIFY(client.canResume());
    QCOMPARE(ended.size(), 0);
    QVERIFY(client.reconnect(Sm, u"<resumed xmlns='urn:xmpp:sm:3' previd='sess-1' h='0'/>"_s));
    client.expect(sentChat(u"id1"_s, u"kept"_s));
}

void tst_StreamManagement::windowPassedEndsTheSessionWithoutAsking()
{
    TestClient client;
    QVERIFY(connectManaged(client, u"<enabled xmlns='urn:xmpp:sm:3' id='sess-1' resume='true' max='1'/>"_s));
    QSignalSpy ended(&client, &XmppClient::sessionEnded);
    QSignalSpy connected(&client, &XmppClient::connected);
    client.dropConnection();
    QVERIFY(client.canResume());
    QTRY_VERIFY_WITH_TIMEOUT(!client.canResume(), 3000);   // XEP-0198 §5: the server keeps it 'max' seconds
    QCOMPARE(ended.size(), 0);
    // No <resume/> the server would refuse anyway: a new session at once.
    QVERIFY(client.reconnect(Sm));
    QCOMPARE(ended.size(), 1);
    QCOMPARE(connected.size(), 1);
    client.expect(Enable);
}

void tst_StreamManagement::locationUsedForResumption()
{
    TestClient client;
    QVERIFY(connectManaged(client, u"<enabled xmlns='urn:xmpp:sm:3' id='sess-1' resume='true' "
                                   "location='[::1]:5999'/>"_s));
    client.dropConnection();
    QVERIFY(client.reconnect(Sm, u"<resumed xmlns='urn:xmpp:sm:3' previd='sess-1' h='0'/>"_s));
    QCOMPARE(client.transport()->host(), u"::1"_s);
    QCOMPARE(client.transport()->port(), quint16(5999));
}

void tst_StreamManagement::locationOffLoopbackIgnoredWithoutRequiredTls()
{
    // docs/SECURITY.md rule 1: an account allowed to go unencrypted (only on loopback) must not be sent
    // elsewhere by the server's location, where an attacker could strip TLS.
    TestClient client;
    QVERIFY(connectManaged(client, u"<enabled xmlns='urn:xmpp:sm:3' id='sess-1' resume='true' "
                                   "location='evil.example.net:5222'/>"_s));
    client.dropConnection();
    // The account is on this computer, with TLS optional (connectAs() used xmpp.test, where it is refused).
    ConnectionConfiguration config = client.configuration();
    config.host = u"127.0.0.1"_s;
    config.securityMode = ConnectionConfiguration::SecurityMode::IfPossible;
    client.setConfiguration(config);
    QVERIFY(client.reconnect(Sm, u"<resumed xmlns='urn:xmpp:sm:3' previd='sess-1' h='0'/>"_s));
    QCOMPARE(client.transport()->host(), u"127.0.0.1"_s);
}

void tst_StreamManagement::deadLinkDetectedByUnansweredRequest()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    ConnectionConfiguration config = client.configuration();
    config.pingInterval = 30ms;
    config.ackTimeout = 60ms;
    client.setConfiguration(config);
    client.disconnectFromHost();   // the new timeouts take effect at the next connection
    client.dropConnection();
    QVERIFY(client.reconnect(Sm));
    client.expect(Enable);
    client.inject(Enabled);
    client.clearSent();
    QSignalSpy errors(&client, &XmppClient::errorOccurred);
    QSignalSpy written(&client, &XmppClient::xmlSent);
    // Nothing comes: after pingInterval an acknowledgement request, unanswered within ackTimeout.
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 2000);
    QCOMPARE(client.error(), Error::Timeout);
    QCOMPARE(written.size(), 1);
    QCOMPARE(written.at(0).at(0).toByteArray(), "<r xmlns='urn:xmpp:sm:3'/>"_ba);
    QVERIFY(client.canResume());   // a dead link, not the end of the session
}

void tst_StreamManagement::checkConnectionProvesTheLinkNow()
{
    TestClient client;
    QVERIFY(connectManaged(client));
    QSignalSpy errors(&client, &XmppClient::errorOccurred);
    client.checkConnection(40ms);
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='0'/>"_s);   // answered: alive
    QTest::qWait(80);
    QCOMPARE(errors.size(), 0);
    client.checkConnection(40ms);
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 2000);   // unanswered: dead
    QCOMPARE(client.error(), Error::Timeout);

    // Without stream management, a ping (XEP-0199) does it.
    TestClient plain;
    QVERIFY(plain.connectAs());
    plain.checkConnection(40ms);
    plain.expect(u"<iq type='get' to='example.org' id='id1'><ping xmlns='urn:xmpp:ping'/></iq>"_s);
}

void tst_StreamManagement::refusedEnableCountsWrittenAsSent()
{
    TestClient client;
    client.setKeepSessionStart(true);
    QVERIFY(client.connectAs(TestClient::DefaultJid, Sm));
    client.expect(Enable);
    QSignalSpy acked(&client, &XmppClient::messageAcknowledged);
    QVERIFY(client.send(chat(u"early"_s)));   // after <enable/>, before its answer
    client.inject(u"<failed xmlns='urn:xmpp:sm:3'><unexpected-request "
                  "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>"_s);
    QVERIFY(!client.isStreamManaged());
    QCOMPARE(acked.size(), 1);   // as on a server without stream management: written is all we know
    QVERIFY(!client.canResume());
}

QTEST_GUILESS_MAIN(tst_StreamManagement)
#include "tst_streammanagement.moc"
