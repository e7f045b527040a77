// What a real server never sends, from a scripted server on loopback: a stripped or refused STARTTLS, a
// broken TLS handshake, restricted XML and an oversized element. Each must end the connection before a
// single byte of authentication leaves the client (SECURITY rules 1 and 6).
#include "ClientTestUtils.h"
#include "client/XmppClient.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;

namespace {
const QByteArray StreamHeader = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                                "xmlns:stream='http://etherx.jabber.org/streams' id='h1' from='localhost' "
                                "version='1.0'>";
const QByteArray Mechanisms = "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                              "<mechanism>SCRAM-SHA-1</mechanism></mechanisms>";

/// Answers the client's stream header with @p features, and <starttls/> with @p starttlsReply.
class ScriptedServer : public QTcpServer
{
public:
    QByteArray features;
    QByteArray starttlsReply;
    QByteArray handshakeReply;   // sent in answer to the TLS ClientHello, after <proceed/>
    QByteArray received;

    ScriptedServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                const QByteArray data = socket->readAll();
                received += data;
                if (m_handshaking) {
                    socket->write(handshakeReply);
                    return;
                }
                if (data.contains("<stream:stream"))
                    socket->write(StreamHeader + features);
                if (data.contains("<starttls")) {
                    socket->write(starttlsReply);
                    m_handshaking = starttlsReply.contains("<proceed");
                }
            });
        });
        listen(QHostAddress::LocalHost);
    }

private:
    bool m_handshaking = false;
};

ConnectionConfiguration configFor(quint16 port)
{
    ConnectionConfiguration config;
    config.jid = Jid::fromString(u"alice@localhost");
    config.password = u"secret"_s;
    config.host = u"127.0.0.1"_s;
    config.port = port;
    config.connectTimeout = std::chrono::seconds(10);
    return config;
}
} // namespace

class tst_HostileServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refuses_data();
    void refuses();
};

void tst_HostileServer::refuses_data()
{
    QTest::addColumn<QByteArray>("features");
    QTest::addColumn<QByteArray>("starttlsReply");
    QTest::addColumn<QByteArray>("handshakeReply");
    QTest::addColumn<int>("mode");
    QTest::addColumn<XmppClient::Error>("error");

    const int required = int(ConnectionConfiguration::SecurityMode::Required);
    const int ifPossible = int(ConnectionConfiguration::SecurityMode::IfPossible);
    const QByteArray withStartTls = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                                    + Mechanisms + "</stream:features>";
    QTest::newRow("stripped starttls") << ("<stream:features>" + Mechanisms + "</stream:features>") << QByteArray()
                                       << QByteArray() << required << XmppClient::Error::TlsUnavailable;
    // IfPossible tolerates a server without TLS, but never PLAIN in the clear: SCRAM would be tried, so
    // this row offers PLAIN alone.
    QTest::newRow("stripped starttls, only PLAIN, IfPossible")
        << "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
           "</mechanisms></stream:features>"_ba
        << QByteArray() << QByteArray() << ifPossible << XmppClient::Error::NoSuitableMechanism;
    QTest::newRow("starttls failure") << withStartTls << "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"_ba
                                      << QByteArray() << required << XmppClient::Error::TlsUnavailable;
    QTest::newRow("starttls failure, IfPossible")
        << withStartTls << "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>"_ba << QByteArray()
        << ifPossible
        << XmppClient::Error::TlsUnavailable;
    QTest::newRow("broken handshake")
        << withStartTls << "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"_ba
        << "HTTP/1.1 400 this is not a TLS server hello\r\n\r\n"_ba << required << XmppClient::Error::TlsFailed;
    QTest::newRow("DTD") << "<!DOCTYPE lol [<!ENTITY a 'aaaaaaaa'>]><stream:features/>"_ba << QByteArray()
                         << QByteArray() << required << XmppClient::Error::XmlRestricted;
    QTest::newRow("comment") << "<stream:features><!-- hi --></stream:features>"_ba << QByteArray() << QByteArray()
                             << required << XmppClient::Error::XmlRestricted;
    QTest::newRow("huge element") << "<stream:features><x>" + QByteArray(2 * 1024 * 1024, 'a') + "</x></stream:features>"
                                  << QByteArray() << QByteArray() << required << XmppClient::Error::XmlRestricted;
}

void tst_HostileServer::refuses()
{
    QFETCH(QByteArray, features);
    QFETCH(QByteArray, starttlsReply);
    QFETCH(QByteArray, handshakeReply);
    QFETCH(int, mode);
    QFETCH(XmppClient::Error, error);

    ScriptedServer server;
    QVERIFY(server.isListening());
    server.features = features;
    server.starttlsReply = starttlsReply;
    server.handshakeReply = handshakeReply;

    XmppClient client;
    Recorder recorder(client);
    auto config = configFor(server.serverPort());
    config.securityMode = ConnectionConfiguration::SecurityMode(mode);
    client.connectToHost(config);
    QVERIFY(!waitConnected(client));
    QCOMPARE(recorder.errors, QList<XmppClient::Error>{error});
    QVERIFY2(!recorder.errorTexts.at(0).isEmpty(), "the error names the problem");
    QTest::qWait(100);   // let anything the client might still write arrive
    QVERIFY2(!server.received.contains("<auth") && !server.received.contains("secret"),
             server.received.constData());
    QVERIFY(!recorder.sentAuthentication());
}

QTEST_GUILESS_MAIN(tst_HostileServer)
#include "tst_hostileserver.moc"
