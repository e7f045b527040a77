// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// XmppClient's routing over the in-memory transport: sign-in, iq tracking, answers to requests nobody
// handles, pings, stanzas from our own server, and the end of the connection. No server, no socket.

#include "TestClient.h"

#include "client/Extension.h"
#include "stanza/Iq.h"
#include "xml/Namespaces.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
// Takes every <message/> and remembers it, to see what the client passes on.
class RecordingExtension : public Extension
{
public:
    QList<QDomElement> taken;

protected:
    bool handleStanza(const QDomElement &stanza) override
    {
        if (stanza.tagName() != u"message")
            return false;
        taken.append(stanza);
        return true;
    }
};
} // namespace

class XmppClientTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsBackToBackShareOneSlice();
    void signsInOverTheTransport();
    void plaintextAfterProceedIsDropped();
    void requestNobodyHandlesGetsServiceUnavailable();
    void answersPing();
    void iqAnswerReachesItsCallback();
    void iqAnswerFromAnotherJidIsIgnored();
    void iqTimesOut();
    void droppedConnectionEndsPendingRequests();
    void stanzaWithoutFromIsFromOurAccount();
    void payloadWriterWritesOnce();
    void conflictStreamError();
};

void XmppClientTest::signsInOverTheTransport()
{
    TestClient client;
    QSignalSpy connected(&client, &XmppClient::connected);
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    QCOMPARE(connected.size(), 1);
    QCOMPARE(client.jid().toString(), u"alice@example.org/desk"_s);
    QVERIFY(client.isEncrypted());
    QVERIFY(client.transport()->startedTls());
    QCOMPARE(client.saslMechanism(), u"PLAIN"_s);
    QCOMPARE(client.transport()->host(), u"xmpp.test"_s);
    client.expectNoSent();
}

void XmppClientTest::plaintextAfterProceedIsDropped()
{
    // docs/SECURITY.md rule 1: whatever follows <proceed/> in plaintext came from the wire, not the server.
    TestClient client;
    QVERIFY(client.connectAs());
    QCOMPARE(client.transport()->discarded(), 0);

    TestClient injected;
    injected.setConfiguration([] {
        ConnectionConfiguration config;
        config.jid = Jid::fromString(u"alice@example.org/desk"_s);
        config.password = u"secret"_s;
        config.host = u"xmpp.test"_s;
        return config;
    }());
    injected.connectToHost();
    injected.inject(u"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                    "xmlns:stream='http://etherx.jabber.org/streams' from='example.org' id='s1' version='1.0'>"
                    "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>"_s);
    // More than one read's worth (16 KiB) after <proceed/>: the parser drops the rest of the piece it read,
    // the transport what is still buffered.
    const QString padding(20000, u'x');
    injected.inject(u"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><message from='mallory@evil.example'>"
                    "<body>"_s
                    + padding + u"</body></message>"_s);
    QVERIFY(injected.transport()->startedTls());
    QVERIFY(injected.transport()->discarded() > 0);
    QCOMPARE(injected.state(), XmppClient::State::Encrypting);
    // ... and the client opened a fresh stream over TLS, with nothing of the injection in between.
    QVERIFY(injected.transport()->written().constLast().startsWith("<?xml version='1.0'?><stream:stream"));
}

void XmppClientTest::requestNobodyHandlesGetsServiceUnavailable()
{
    TestClient client;
    QVERIFY(client.connectAs());
    QSignalSpy received(&client, &XmppClient::iqReceived);
    client.inject(u"<iq type='get' id='q1' from='bob@example.org/phone'><query xmlns='urn:example:unknown'/></iq>"_s);
    // RFC 6120 §8.4: never silence.
    client.expect(u"<iq type='error' id='q1' to='bob@example.org/phone'><error type='cancel'>"
                  "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(received.size(), 1);
    // Answers are never answered.
    client.inject(u"<iq type='result' id='unknown' from='bob@example.org/phone'/>"_s);
    client.expectNoSent();
}

void XmppClientTest::answersPing()
{
    TestClient client;
    QVERIFY(client.connectAs());
    client.inject(u"<iq type='get' id='p1' from='example.org'><ping xmlns='urn:xmpp:ping'/></iq>"_s);
    client.expect(u"<iq type='result' id='p1' to='example.org'/>"_s);
}

void XmppClientTest::iqAnswerReachesItsCallback()
{
    TestClient client;
    QVERIFY(client.connectAs());
    Iq request;
    request.type = Iq::Type::Get;
    request.to = Jid::fromString(u"example.org"_s);
    request.payload = Iq::makePayload(u"query"_s, u"http://jabber.org/protocol/disco#info"_s);
    std::optional<IqReply> reply;
    client.sendIq(request, &client, [&reply](const IqReply &r) { reply = r; });
    client.expect(
        u"<iq type='get' id='id1' to='example.org'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.inject(
        u"<iq type='result' id='id1' from='example.org'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    QVERIFY(reply);
    QCOMPARE(reply->status, IqReply::Status::Result);
}

void XmppClientTest::iqAnswerFromAnotherJidIsIgnored()
{
    // RFC 6120 §8.1.2.1 and docs/SECURITY.md rule 3: only the addressee may answer.
    TestClient client;
    QVERIFY(client.connectAs());
    Iq request;
    request.to = Jid::fromString(u"bob@example.org/phone"_s);
    request.payload = Iq::makePayload(u"query"_s, u"jabber:iq:version"_s);
    std::optional<IqReply> reply;
    client.sendIq(request, &client, [&reply](const IqReply &r) { reply = r; });
    client.clearSent();
    client.inject(u"<iq type='result' id='id1' from='mallory@evil.example/x'/>"_s);
    QVERIFY(!reply);
    client.inject(u"<iq type='result' id='id1' from='bob@example.org/phone'/>"_s);
    QVERIFY(reply);
}

void XmppClientTest::iqTimesOut()
{
    TestClient client;
    QVERIFY(client.connectAs());
    Iq request;
    request.to = Jid::fromString(u"example.org"_s);
    request.payload = Iq::makePayload(u"query"_s, u"jabber:iq:version"_s);
    std::optional<IqReply> reply;
    client.sendIq(request, &client, [&reply](const IqReply &r) { reply = r; }, 20ms);
    QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 2000);
    QCOMPARE(reply->status, IqReply::Status::Timeout);
    // A late answer finds nobody waiting and is not answered either.
    client.clearSent();
    client.inject(u"<iq type='result' id='id1' from='example.org'/>"_s);
    client.expectNoSent();
}

void XmppClientTest::droppedConnectionEndsPendingRequests()
{
    TestClient client;
    QVERIFY(client.connectAs());
    QSignalSpy disconnected(&client, &XmppClient::disconnected);
    Iq request;
    request.to = Jid::fromString(u"example.org"_s);
    request.payload = Iq::makePayload(u"query"_s, u"jabber:iq:version"_s);
    std::optional<IqReply> reply;
    client.sendIq(request, &client, [&reply](const IqReply &r) { reply = r; });
    client.dropConnection();
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(client.error(), XmppClient::Error::ConnectionLost);
    QVERIFY(reply);
    QCOMPARE(reply->status, IqReply::Status::Disconnected);
    QVERIFY(!client.send(Message()));
}

void XmppClientTest::stanzaWithoutFromIsFromOurAccount()
{
    // RFC 6120 §8.1.2.1: no 'from' means our own account; extensions see it said explicitly.
    TestClient client;
    auto *recorder = client.addExtension<RecordingExtension>();
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    client.inject(u"<message type='headline'><body>server notice</body></message>"_s);
    QCOMPARE(recorder->taken.size(), 1);
    QCOMPARE(recorder->taken.first().attribute(u"from"_s), u"alice@example.org"_s);
}

void XmppClientTest::payloadWriterWritesOnce()
{
    TestClient client;
    QVERIFY(client.connectAs());
    Iq answer;
    answer.type = Iq::Type::Result;
    answer.id = u"v1"_s;
    answer.to = Jid::fromString(u"bob@example.org/phone"_s);
    answer.payloadWriter = [](QXmlStreamWriter &out) {
        out.writeStartElement(u"query"_s);
        out.writeDefaultNamespace(u"jabber:iq:version"_s);
        out.writeTextElement(u"name"_s, u"Xin"_s);
        out.writeEndElement();
    };
    QVERIFY(client.send(answer));
    client.expect(u"<iq type='result' id='v1' to='bob@example.org/phone'><query xmlns='jabber:iq:version'>"
                  "<name>Xin</name></query></iq>"_s);
}

void XmppClientTest::conflictStreamError()
{
    TestClient client;
    QVERIFY(client.connectAs());
    client.inject(u"<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"_s);
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
    QCOMPARE(client.error(), XmppClient::Error::Conflict);
}

void XmppClientTest::recordsBackToBackShareOneSlice()
{
    // QSslSocket decrypts one TLS record at a time and emits readyRead for each, all inside one socket event
    // while the kernel holds more. Reads that follow each other without an event-loop turn share one time
    // slice: the rest waits, so that the UI is painted (a catch-up of 5,000 messages had it wait 10 s).
    TestClient client;
    QVERIFY(client.connectAs());
    int handled = 0;
    connect(&client, &XmppClient::messageReceived, this, [&handled] {
        ++handled;
        QThread::usleep(2000);   // what storing and showing a message costs
    });
    for (int i = 0; i < 100; ++i) {
        client.transport()->receive(
            u"<message from='bob@example.org/a' type='chat' id='m%1'><body>%1</body></message>"_s.arg(i).toUtf8());
    }
    QVERIFY2(handled < 50, qPrintable(QString::number(handled)));
    QTRY_COMPARE_WITH_TIMEOUT(handled, 100, 5000);
}

QTEST_GUILESS_MAIN(XmppClientTest)
#include "tst_xmppclient.moc"
