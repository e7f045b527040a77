// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// XmppClient against a real Prosody on loopback: TLS, SASL, binding, iq routing, keep-alive, errors.
#include "ClientTestUtils.h"
#include "ProsodyServer.h"
#include "client/Extension.h"
#include "client/XmppClient.h"
#include "stanza/Iq.h"
#include "stanza/Message.h"
#include "stanza/Presence.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;
using namespace std::chrono_literals;

namespace {
const auto Password = u"p4ss-密码"_s;

/// Takes iq requests in one namespace and never answers them (a slow peer), and counts messages that
/// carry a marker payload.
class SilentExtension : public Extension
{
public:
    QList<Iq> requests;
    int markedMessages = 0;

protected:
    bool handleStanza(const QDomElement &stanza) override
    {
        if (stanza.tagName() == u"iq" && stanza.firstChildElement().namespaceURI() == u"urn:xin:test:silent") {
            requests << *Iq::fromElement(stanza);
            return true;
        }
        if (stanza.tagName() == u"message" && !stanza.firstChildElement(u"marker"_s).isNull()) {
            ++markedMessages;
            return true;
        }
        return false;
    }
};
} // namespace

class tst_Connection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void startTlsAndScram();
    void directTls();
    void strongestMechanismIsChosen();
    void wrongPassword();
    void certificateForAnotherName();
    void requiredSecurityRefusesServerWithoutTls();
    void ifPossibleWithoutTlsNeverUsesPlain();
    void iqAnswerFromWrongSenderIsIgnored();
    void unhandledIqGetsServiceUnavailable();
    void extensionsSeeStanzasFirst();
    void keepAlivePing();
    void conflictIsReported();
    void disconnectIsClean();

private:
    ProsodyServer m_server;
};

void tst_Connection::initTestCase()
{
    QString error;
    ProsodyServer::Options options;
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password, u"carol:"_s + Password};
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
}

void tst_Connection::startTlsAndScram()
{
    XmppClient client;
    Recorder recorder(client);
    auto config = configFor(m_server, u"alice"_s, Password);
    config.resource = u"桌面"_s;
    client.connectToHost(config);
    QVERIFY2(waitConnected(client), qPrintable(recorder.errorTexts.join(u"; ")));
    QCOMPARE(client.jid().toString(), u"alice@localhost/桌面"_s);
    QVERIFY(client.isEncrypted());
    // Prosody offers SCRAM-SHA-1 and its -PLUS variant with tls-server-end-point (XEP-0440).
    QCOMPARE(client.saslMechanism(), u"SCRAM-SHA-1-PLUS"_s);
    QCOMPARE(recorder.states.mid(0, 3),
             (QList<XmppClient::State>{XmppClient::State::Connecting, XmppClient::State::Encrypting,
                                       XmppClient::State::Authenticating}));
    // The SASL exchange never shows in the XML log (docs/SECURITY.md rule 12).
    QVERIFY(recorder.sent.contains("[redacted]"));
    QVERIFY(!recorder.sent.contains(Password.toUtf8()));
    client.disconnectFromHost();
    QVERIFY(waitDisconnected(client));
}

void tst_Connection::directTls()
{
    XmppClient client;
    Recorder recorder(client);
    auto config = configFor(m_server, u"bob"_s, Password);
    config.directTls = true;
    config.port = m_server.directTlsPort();
    client.connectToHost(config);
    QVERIFY2(waitConnected(client), qPrintable(recorder.errorTexts.join(u"; ")));
    QVERIFY(client.isEncrypted());
    QVERIFY(!recorder.sent.contains("starttls"));
    QVERIFY(client.saslMechanism().startsWith(u"SCRAM-SHA-1"));
}

void tst_Connection::strongestMechanismIsChosen()
{
    // internal_plain stores the password itself, so Prosody offers SCRAM-SHA-1 and SCRAM-SHA-256 (each
    // with -PLUS) and PLAIN: the strongest must win, whatever order the server lists them in.
    ProsodyServer server;
    ProsodyServer::Options options;
    options.authentication = u"internal_plain"_s;
    options.users = {u"dave:"_s + Password};
    QString error;
    QVERIFY2(server.start(options, &error), qPrintable(error));
    XmppClient client;
    Recorder recorder(client);
    client.connectToHost(configFor(server, u"dave"_s, Password));
    QVERIFY2(waitConnected(client), qPrintable(recorder.errorTexts.join(u"; ")));
    QCOMPARE(client.saslMechanism(), u"SCRAM-SHA-256-PLUS"_s);

    // Restricted by the user to plain SCRAM: the same server, no channel binding, SHA-256 still.
    XmppClient restricted;
    auto config = configFor(server, u"dave"_s, Password);
    config.allowedSaslMechanisms = {u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s};
    restricted.connectToHost(config);
    QVERIFY(waitConnected(restricted));
    QCOMPARE(restricted.saslMechanism(), u"SCRAM-SHA-256"_s);
}

void tst_Connection::wrongPassword()
{
    XmppClient client;
    Recorder recorder(client);
    client.connectToHost(configFor(m_server, u"alice"_s, u"not the password"_s));
    QVERIFY(!waitConnected(client));
    QCOMPARE(recorder.errors, (QList<XmppClient::Error>{XmppClient::Error::AuthenticationFailed}));
    QCOMPARE(client.error(), XmppClient::Error::AuthenticationFailed);
    QVERIFY2(client.errorString().contains(u"wrong user name or password"), qPrintable(client.errorString()));
}

void tst_Connection::certificateForAnotherName()
{
    // A server whose certificate (from the trusted CA) names wrong.example: valid chain, wrong name.
    ProsodyServer server;
    ProsodyServer::Options options;
    options.certificateName = u"wrong.example"_s;
    options.users = {u"alice:"_s + Password};
    QString error;
    QVERIFY2(server.start(options, &error), qPrintable(error));

    for (bool direct : {false, true}) {
        XmppClient client;
        Recorder recorder(client);
        QSignalSpy sslErrors(&client, &XmppClient::sslErrorsOccurred);
        auto config = configFor(server, u"alice"_s, Password);
        config.directTls = direct;
        config.port = direct ? server.directTlsPort() : server.c2sPort();
        client.connectToHost(config);
        QVERIFY(!waitConnected(client));
        QCOMPARE(recorder.errors, (QList<XmppClient::Error>{XmppClient::Error::CertificateInvalid}));
        QVERIFY2(client.errorString().contains(u"not valid for localhost"), qPrintable(client.errorString()));
        QVERIFY2(client.errorString().contains(u"wrong.example"), qPrintable(client.errorString()));
        // Nothing of the credentials left the client, and the UI has the chain to show.
        QVERIFY(!recorder.sentAuthentication());
        QVERIFY(!recorder.states.contains(XmppClient::State::Authenticating));
        QCOMPARE(sslErrors.size(), 1);
        QVERIFY(!client.peerCertificateChain().isEmpty());
        QVERIFY(!client.sslErrors().isEmpty());
    }
    // And the server saw no authentication attempt at all.
    QVERIFY(!server.logTail(400).contains("Authenticated"));
}

void tst_Connection::requiredSecurityRefusesServerWithoutTls()
{
    ProsodyServer server;
    ProsodyServer::Options options;
    options.tls = false;
    options.users = {u"alice:"_s + Password};
    QString error;
    QVERIFY2(server.start(options, &error), qPrintable(error));

    XmppClient client;
    Recorder recorder(client);
    client.connectToHost(configFor(server, u"alice"_s, Password));   // SecurityMode::Required by default
    QVERIFY(!waitConnected(client));
    QCOMPARE(recorder.errors, (QList<XmppClient::Error>{XmppClient::Error::TlsUnavailable}));
    QVERIFY(!recorder.sentAuthentication());
    QVERIFY(!recorder.states.contains(XmppClient::State::Authenticating));
}

void tst_Connection::ifPossibleWithoutTlsNeverUsesPlain()
{
    ProsodyServer server;
    ProsodyServer::Options options;
    options.tls = false;
    options.authentication = u"internal_plain"_s;   // offers PLAIN too
    options.users = {u"alice:"_s + Password};
    QString error;
    QVERIFY2(server.start(options, &error), qPrintable(error));

    XmppClient client;
    Recorder recorder(client);
    auto config = configFor(server, u"alice"_s, Password);
    config.securityMode = ConnectionConfiguration::SecurityMode::IfPossible;
    client.connectToHost(config);
    if (waitConnected(client)) {
        QVERIFY(!client.isEncrypted());
        QVERIFY(client.saslMechanism().startsWith(u"SCRAM-"));
    } else {
        // A server that offers only PLAIN in the clear must be refused, not obeyed.
        QCOMPARE(client.error(), XmppClient::Error::NoSuitableMechanism);
    }
    QVERIFY(!recorder.sent.contains("mechanism='PLAIN'"));

    config.allowedSaslMechanisms = {u"PLAIN"_s};
    XmppClient plainOnly;
    Recorder plainRecorder(plainOnly);
    plainOnly.connectToHost(config);
    QVERIFY(!waitConnected(plainOnly));
    QCOMPARE(plainOnly.error(), XmppClient::Error::NoSuitableMechanism);
    QVERIFY(!plainRecorder.sentAuthentication());
}

void tst_Connection::iqAnswerFromWrongSenderIsIgnored()
{
    XmppClient alice, bob, carol;
    auto *silent = carol.addExtension<SilentExtension>();
    alice.connectToHost(configFor(m_server, u"alice"_s, Password));
    bob.connectToHost(configFor(m_server, u"bob"_s, Password));
    carol.connectToHost(configFor(m_server, u"carol"_s, Password));
    QVERIFY(waitConnected(alice) && waitConnected(bob) && waitConnected(carol));

    // alice asks carol; carol takes her time. bob forges carol's answer: alice must ignore it.
    Iq request;
    request.type = Iq::Type::Get;
    request.id = u"ask-carol-1"_s;
    request.to = carol.jid();
    request.payload = Iq::makePayload(u"query"_s, u"urn:xin:test:silent"_s);
    QList<IqReply> replies;
    alice.sendIq(request, this, [&replies](const IqReply &reply) { replies << reply; }, 20s);
    QTRY_COMPARE(silent->requests.size(), 1);

    Iq forged;
    forged.type = Iq::Type::Result;
    forged.id = request.id;
    forged.to = alice.jid();
    forged.payload = Iq::makePayload(u"query"_s, u"urn:xin:test:silent"_s);
    QVERIFY(bob.sendElement(XmlWriter::parseElement(QString::fromUtf8(forged.toXml()))));
    QTest::qWait(500);
    QVERIFY(replies.isEmpty());

    const Iq answer = silent->requests.at(0).makeResult();
    QVERIFY(carol.sendElement(XmlWriter::parseElement(QString::fromUtf8(answer.toXml()))));
    QTRY_COMPARE(replies.size(), 1);
    QCOMPARE(replies.at(0).status, IqReply::Status::Result);
    QCOMPARE(replies.at(0).iq.from, carol.jid());
}

void tst_Connection::unhandledIqGetsServiceUnavailable()
{
    XmppClient alice, bob;
    QSignalSpy received(&alice, &XmppClient::iqReceived);
    alice.connectToHost(configFor(m_server, u"alice"_s, Password));
    bob.connectToHost(configFor(m_server, u"bob"_s, Password));
    QVERIFY(waitConnected(alice) && waitConnected(bob));

    Iq request;
    request.type = Iq::Type::Get;
    request.to = alice.jid();
    request.payload = Iq::makePayload(u"query"_s, u"urn:xin:test:unknown"_s);
    std::optional<IqReply> reply;
    bob.sendIq(request, this, [&reply](const IqReply &r) { reply = r; });
    QTRY_VERIFY(reply.has_value());
    QCOMPARE(reply->status, IqReply::Status::Error);
    QVERIFY(reply->iq.error);
    QCOMPARE(reply->iq.error->condition, StanzaError::Condition::ServiceUnavailable);
    QCOMPARE(received.size(), 1);

    // A ping (XEP-0199) is answered with a result.
    Iq ping;
    ping.type = Iq::Type::Get;
    ping.to = alice.jid();
    ping.payload = Iq::makePayload(u"ping"_s, ns::Ping);
    std::optional<IqReply> pong;
    bob.sendIq(ping, this, [&pong](const IqReply &r) { pong = r; });
    QTRY_VERIFY(pong.has_value());
    QCOMPARE(pong->status, IqReply::Status::Result);
}

void tst_Connection::extensionsSeeStanzasFirst()
{
    XmppClient alice, bob;
    auto *extension = bob.addExtension<SilentExtension>();
    QSignalSpy messages(&bob, &XmppClient::messageReceived);
    alice.connectToHost(configFor(m_server, u"alice"_s, Password));
    bob.connectToHost(configFor(m_server, u"bob"_s, Password));
    QVERIFY(waitConnected(alice) && waitConnected(bob));

    Message marked;
    marked.type = Message::Type::Chat;
    marked.to = bob.jid();
    marked.body = u"for the extension"_s;
    marked.extensions << XmlWriter::parseElement(u"<marker xmlns='urn:xin:test'/>"_s);
    Message plain = marked;
    plain.extensions.clear();
    plain.body = u"你好，鲍勃"_s;
    QVERIFY(alice.send(marked));
    QVERIFY(alice.send(plain));
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(extension->markedMessages, 1);
    QCOMPARE(messages.at(0).at(0).value<Message>().body, plain.body);
}

void tst_Connection::keepAlivePing()
{
    XmppClient client;
    Recorder recorder(client);
    auto config = configFor(m_server, u"alice"_s, Password);
    config.pingInterval = 200ms;
    config.ackTimeout = 5s;
    // Under stream management (Prosody's smacks), an idle link is proved by an acknowledgement request.
    client.connectToHost(config);
    QVERIFY(waitConnected(client));
    QVERIFY(client.isStreamManaged());
    QTRY_VERIFY(recorder.sent.count("<r xmlns='urn:xmpp:sm:3'/>") >= 2);
    QVERIFY(client.isConnected());
    QCOMPARE(recorder.sent.count("urn:xmpp:ping"), 0);
    client.disconnectFromHost();
    QTRY_COMPARE(client.state(), XmppClient::State::Disconnected);

    // Without it, by a ping (XEP-0199).
    config.streamManagement = false;
    client.connectToHost(config);
    QVERIFY(waitConnected(client));
    QVERIFY(!client.isStreamManaged());
    QTRY_VERIFY(recorder.sent.count("urn:xmpp:ping") >= 2);
    QVERIFY(client.isConnected());
}

void tst_Connection::conflictIsReported()
{
    // Prosody's default on a resource conflict is to replace the old session with <conflict/>.
    XmppClient first, second;
    auto config = configFor(m_server, u"carol"_s, Password);
    config.resource = u"same"_s;
    first.connectToHost(config);
    QVERIFY(waitConnected(first));
    QSignalSpy errors(&first, &XmppClient::errorOccurred);
    second.connectToHost(config);
    QVERIFY(waitConnected(second));
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<XmppClient::Error>(), XmppClient::Error::Conflict);
    QVERIFY(waitDisconnected(first));
}

void tst_Connection::disconnectIsClean()
{
    XmppClient client;
    Recorder recorder(client);
    client.connectToHost(configFor(m_server, u"bob"_s, Password));
    QVERIFY(waitConnected(client));
    QSignalSpy disconnected(&client, &XmppClient::disconnected);
    client.disconnectFromHost();
    QVERIFY(waitDisconnected(client));
    QCOMPARE(disconnected.size(), 1);
    QVERIFY(recorder.errors.isEmpty());
    QVERIFY(recorder.sent.endsWith("</stream:stream>"));
}

QTEST_GUILESS_MAIN(tst_Connection)
#include "tst_connection.moc"
