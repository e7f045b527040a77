// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// What a real server never sends, from a scripted server on loopback (tests/support/ScriptedServer): a
// stripped or refused STARTTLS, a broken TLS handshake, bytes injected after <proceed/>, restricted XML, an
// oversized element, a certificate for the wrong name, a mechanism downgrade, a redirect to another host, a
// stanza without 'from', silence. Each must be refused the way docs/SECURITY.md rules 1, 2 and 6 say, and
// every byte Xin sent is checked.
#include "ClientTestUtils.h"
#include "ScriptedServer.h"
#include "client/Reconnector.h"
#include "client/XmppClient.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;
using Step = ScriptedServer::Step;
using Action = ScriptedServer::Action;
Q_DECLARE_METATYPE(ScriptedServer::Step)

namespace {
const QByteArray StartTls = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
const QByteArray Proceed = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
const QByteArray Mechanisms = "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                              "<mechanism>SCRAM-SHA-1</mechanism></mechanisms>";
const QByteArray OnlyPlain = "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                             "</mechanisms>";
const QByteArray NotTls = "HTTP/1.1 400 this is not a TLS server hello\r\n\r\n";
const QByteArray ClientHello = "\x16\x03";   // a TLS handshake record (RFC 8446 §5.1)

ConnectionConfiguration configFor(const ScriptedServer &server)
{
    ConnectionConfiguration config;
    config.jid = Jid::fromString(u"alice@localhost");
    config.password = u"secret"_s;
    config.host = u"127.0.0.1"_s;
    config.port = server.serverPort();
    config.connectTimeout = std::chrono::seconds(10);
    config.pingInterval = std::chrono::milliseconds(0);
    config.extraCaCertificates = server.tls.ca;
    return config;
}

/// The versions a TLS ClientHello offers in its supported_versions extension (RFC 8446 §4.2.1), or its
/// legacy client_version alone without one; empty if @p hello is no ClientHello.
QList<quint16> offeredTlsVersions(const QByteArray &hello)
{
    const auto u8 = [&hello](qsizetype at) { return at < hello.size() ? quint8(hello.at(at)) : 0; };
    const auto u16 = [&u8](qsizetype at) { return quint16(u8(at) << 8 | u8(at + 1)); };
    if (u8(0) != 0x16 || u8(5) != 0x01)   // handshake record, ClientHello
        return {};
    qsizetype at = 9;                     // record header 5, handshake header 4
    const quint16 legacy = u16(at);
    at += 2 + 32;                         // client_version, random
    at += 1 + u8(at);                     // session id
    at += 2 + u16(at);                    // cipher suites
    at += 1 + u8(at);                     // compression methods
    const qsizetype end = at + 2 + u16(at);
    for (at += 2; at + 4 <= end && at + 4 <= hello.size();) {
        const quint16 type = u16(at);
        const quint16 length = u16(at + 2);
        if (type == 0x002b) {
            QList<quint16> versions;
            for (qsizetype v = at + 5; v + 1 < at + 4 + length; v += 2)
                versions << u16(v);
            return versions;
        }
        at += 4 + length;
    }
    return {legacy};
}
} // namespace

class tst_HostileServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void refuses_data();
    void refuses();
    void optionalTlsOnlyOnLoopback_data();
    void optionalTlsOnlyOnLoopback();
    void certificateForTheAddressOnly();
    void noTlsBelow12();
    void seeOtherHostNotFollowed();
    void messageWithoutFrom();
    void silentServerReconnected();
    void mechanismDowngrade_data();
    void mechanismDowngrade();
    void weakerScramWithoutDowngradeHash();

private:
    ScriptedServer::Certificate m_localhost;   // DNS:localhost and IP:127.0.0.1, as a real server's
};

void tst_HostileServer::initTestCase()
{
    QString error;
    m_localhost = ScriptedServer::issueCertificate(u"localhost"_s, {}, &error);
    QVERIFY2(!m_localhost.isNull(), qPrintable(error));
}

void tst_HostileServer::refuses_data()
{
    QTest::addColumn<QList<Step>>("script");
    QTest::addColumn<int>("mode");
    QTest::addColumn<XmppClient::Error>("error");

    const int required = int(ConnectionConfiguration::SecurityMode::Required);
    const int ifPossible = int(ConnectionConfiguration::SecurityMode::IfPossible);
    const auto opened = [](const QByteArray &reply) { return Step{"<stream:stream", reply}; };
    const Step offerTls = opened(ScriptedServer::features(StartTls + Mechanisms));
    QTest::newRow("stripped starttls") << QList{opened(ScriptedServer::features(Mechanisms))} << required
                                       << XmppClient::Error::TlsUnavailable;
    // IfPossible (on loopback) tolerates a server without TLS, but never PLAIN in the clear: SCRAM would be
    // tried, so this row offers PLAIN alone.
    QTest::newRow("stripped starttls, only PLAIN, IfPossible")
        << QList{opened(ScriptedServer::features(OnlyPlain))} << ifPossible << XmppClient::Error::NoSuitableMechanism;
    QTest::newRow("starttls failure") << QList{offerTls,
                                               Step{"<starttls", "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"}}
                                      << required << XmppClient::Error::TlsUnavailable;
    QTest::newRow("starttls failure, IfPossible")
        << QList{offerTls, Step{"<starttls", "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>"}}
        << ifPossible << XmppClient::Error::TlsUnavailable;
    QTest::newRow("broken handshake") << QList{offerTls, Step{"<starttls", Proceed}, Step{ClientHello, NotTls}}
                                      << required << XmppClient::Error::TlsFailed;
    // RFC 6120 §5.4.3.3: nothing may come between <proceed/> and the handshake. Were the injected stream
    // error parsed, the client would report Conflict; dropped, the handshake fails on its own.
    QTest::newRow("bytes after proceed")
        << QList{offerTls,
                 Step{"<starttls", Proceed
                                       + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                                         "</stream:error>"},
                 Step{ClientHello, NotTls}}
        << required << XmppClient::Error::TlsFailed;
    QTest::newRow("DTD") << QList{opened(ScriptedServer::StreamHeader
                                         + "<!DOCTYPE lol [<!ENTITY a 'aaaaaaaa'>]><stream:features/>")}
                         << required << XmppClient::Error::XmlRestricted;
    QTest::newRow("comment") << QList{opened(ScriptedServer::features("<!-- hi -->"))} << required
                             << XmppClient::Error::XmlRestricted;
    QTest::newRow("huge element") << QList{opened(
        ScriptedServer::features("<x>" + QByteArray(2 * 1024 * 1024, 'a') + "</x>"))}
                                  << required << XmppClient::Error::XmlRestricted;
}

void tst_HostileServer::refuses()
{
    QFETCH(QList<Step>, script);
    QFETCH(int, mode);
    QFETCH(XmppClient::Error, error);

    ScriptedServer server;
    QVERIFY(server.listen());
    server.script = script;
    server.tls = m_localhost;

    XmppClient client;
    Recorder recorder(client);
    auto config = configFor(server);
    config.securityMode = ConnectionConfiguration::SecurityMode(mode);
    client.connectToHost(config);
    QVERIFY(!waitConnected(client));
    QCOMPARE(recorder.errors, QList<XmppClient::Error>{error});
    QVERIFY2(!recorder.errorTexts.at(0).isEmpty(), "the error names the problem");
    QTest::qWait(100);   // let anything the client might still write arrive
    QVERIFY2(!server.received().contains("<auth") && !server.received().contains("secret"),
             server.received().constData());
    QVERIFY(!recorder.sentAuthentication());
}

void tst_HostileServer::optionalTlsOnlyOnLoopback_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("allowed");
    const int ifPossible = int(ConnectionConfiguration::SecurityMode::IfPossible);
    const int disabled = int(ConnectionConfiguration::SecurityMode::Disabled);
    QTest::newRow("ifpossible, domain") << QString() << ifPossible << false;
    QTest::newRow("ifpossible, remote address") << u"192.0.2.1"_s << ifPossible << false;
    QTest::newRow("ifpossible, remote name") << u"xmpp.example.org"_s << ifPossible << false;
    QTest::newRow("disabled, remote address") << u"192.0.2.1"_s << disabled << false;
    QTest::newRow("ifpossible, 127.0.0.1") << u"127.0.0.1"_s << ifPossible << true;
    QTest::newRow("ifpossible, localhost") << u"localhost"_s << ifPossible << true;
}

void tst_HostileServer::optionalTlsOnlyOnLoopback()
{
    // Finding 3 of issue 13: IfPossible for a remote host lets a STARTTLS stripper see the SASL exchange
    // (docs/SECURITY.md rule 1). It is refused before any connection, like Disabled.
    QFETCH(QString, host);
    QFETCH(int, mode);
    QFETCH(bool, allowed);
    ScriptedServer server;
    QVERIFY(server.listen());
    server.script = {Step{"<stream:stream", ScriptedServer::features(OnlyPlain)}};

    XmppClient client;
    Recorder recorder(client);
    auto config = configFor(server);
    config.jid = Jid::fromString(u"alice@example.org");
    config.host = host;
    config.securityMode = ConnectionConfiguration::SecurityMode(mode);
    client.connectToHost(config);
    QVERIFY(waitDisconnected(client));
    QCOMPARE(recorder.errors.size(), 1);
    if (allowed) {
        QCOMPARE(recorder.errors.at(0), XmppClient::Error::NoSuitableMechanism);   // it got as far as SASL
        QCOMPARE(server.connectionCount(), 1);
    } else {
        QCOMPARE(recorder.errors.at(0), XmppClient::Error::ConfigurationInvalid);
        QVERIFY(!recorder.states.contains(XmppClient::State::Connecting));
        QVERIFY2(recorder.errorTexts.at(0).contains(u"loopback"), qPrintable(recorder.errorTexts.at(0)));
    }
}

void tst_HostileServer::certificateForTheAddressOnly()
{
    // docs/SECURITY.md rule 2 (RFC 6125): the certificate must name the XMPP domain. This one names only the
    // address we connect to; without setPeerVerifyName(domain) Qt would check the address and accept it.
    QString error;
    // Its common name is no host name either: Qt matches the CN too.
    const auto addressOnly = ScriptedServer::issueCertificate(u"address-only"_s, u"IP:127.0.0.1"_s, &error);
    QVERIFY2(!addressOnly.isNull(), qPrintable(error));
    ScriptedServer server;
    QVERIFY(server.listen());
    server.tls = addressOnly;
    server.script = ScriptedServer::login();

    XmppClient client;
    Recorder recorder(client);
    client.connectToHost(configFor(server));
    QVERIFY(!waitConnected(client));
    QCOMPARE(recorder.errors, QList{XmppClient::Error::CertificateInvalid});
    QVERIFY(!client.sslErrors().isEmpty());
    QVERIFY(!server.received().contains("<auth"));

    // The same server with a certificate for the domain is accepted: the refusal above is about the name.
    server.tls = m_localhost;
    XmppClient good;
    good.connectToHost(configFor(server));
    QVERIFY(waitConnected(good));
}

void tst_HostileServer::noTlsBelow12()
{
    // RFC 8996: TLS 1.0 and 1.1 are not offered at all; the ClientHello proves it (RFC 8446 §4.2.1).
    // CTest runs this with tests/servers/openssl-permissive.cnf, so OpenSSL alone would still offer them.
    ScriptedServer server;
    QVERIFY(server.listen());
    server.script = {Step{"<stream:stream", ScriptedServer::features(StartTls + Mechanisms)},
                     Step{"<starttls", Proceed}, Step{ClientHello, NotTls}};
    XmppClient client;
    client.connectToHost(configFor(server));
    QVERIFY(!waitConnected(client));
    const QByteArray hello = server.received().mid(server.received().indexOf(ClientHello));
    const QList<quint16> versions = offeredTlsVersions(hello);
    QVERIFY2(!versions.isEmpty(), hello.toHex().constData());
    for (quint16 version : versions)
        QVERIFY2(version >= 0x0303 || (version & 0x0f0f) == 0x0a0a /* GREASE, RFC 8701 */,
                 qPrintable(u"offered TLS version 0x%1"_s.arg(uint(version), 4, 16, QChar(u'0'))));
}

void tst_HostileServer::seeOtherHostNotFollowed()
{
    // RFC 6120 §4.9.3.19: see-other-host. Following it would connect to a host the user never chose, and
    // verify its certificate against what (docs/SECURITY.md rule 2)? Xin reports it and stays put.
    ScriptedServer elsewhere;
    QVERIFY(elsewhere.listen());
    elsewhere.tls = m_localhost;
    elsewhere.script = ScriptedServer::login();
    ScriptedServer server;
    QVERIFY(server.listen());
    server.tls = m_localhost;
    server.script = {
        Step{"<stream:stream", ScriptedServer::StreamHeader
                                   + "<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>"
                                     "127.0.0.1:"
                                   + QByteArray::number(elsewhere.serverPort())
                                   + "</see-other-host></stream:error></stream:stream>"}};
    XmppClient client;
    Recorder recorder(client);
    client.connectToHost(configFor(server));
    QVERIFY(!waitConnected(client));
    QCOMPARE(recorder.errors, QList{XmppClient::Error::StreamError});
    QTest::qWait(200);
    QCOMPARE(elsewhere.connectionCount(), 0);
    QCOMPARE(server.connectionCount(), 1);
}

void tst_HostileServer::messageWithoutFrom()
{
    // RFC 6120 §8.1.2.1: no 'from' means our own account (bare JID), not nobody and not someone else.
    ScriptedServer server;
    QVERIFY(server.listen());
    server.tls = m_localhost;
    server.script = ScriptedServer::login();
    XmppClient client;
    QList<Message> messages;
    connect(&client, &XmppClient::messageReceived, this, [&messages](const Message &m) { messages << m; });
    client.connectToHost(configFor(server));
    QVERIFY(waitConnected(client));
    server.send("<message to='alice@localhost/xin' type='chat' id='m1'><body>no from</body></message>");
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).from, Jid::fromString(u"alice@localhost"));
    QCOMPARE(messages.at(0).body, u"no from"_s);
    QVERIFY(client.isConnected());
}

void tst_HostileServer::silentServerReconnected()
{
    // XEP-0199 §4.2: a server that stops answering is found by our ping and left; the Reconnector then
    // signs in again (docs/SECURITY.md rule 10), here to the same, now answering, script.
    ScriptedServer server;
    QVERIFY(server.listen());
    server.tls = m_localhost;
    server.script = ScriptedServer::login();
    XmppClient client;
    Recorder recorder(client);
    Reconnector reconnector(&client);
    reconnector.setDelays(std::chrono::milliseconds(50), std::chrono::milliseconds(100));
    auto config = configFor(server);
    config.pingInterval = std::chrono::milliseconds(300);
    config.ackTimeout = std::chrono::milliseconds(500);
    client.connectToHost(config);
    QVERIFY(waitConnected(client));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.errors.contains(XmppClient::Error::Timeout), 5000);
    QVERIFY(server.received().contains("urn:xmpp:ping"));
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
}

void tst_HostileServer::mechanismDowngrade_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("accept");
    QTest::addColumn<bool>("connects");
    QTest::newRow("SCRAM pinned, PLAIN offered") << u"SCRAM-SHA-1"_s << false << false;
    QTest::newRow("SCRAM pinned, PLAIN offered, user agreed") << u"SCRAM-SHA-1"_s << true << true;
    QTest::newRow("PLAIN pinned") << u"PLAIN"_s << false << true;
    QTest::newRow("nothing pinned") << QString() << false << true;
}

void tst_HostileServer::mechanismDowngrade()
{
    // Finding 9 of issue 13 (XEP-0474 §5 rule 1): once an account signed in with SCRAM, an offer of PLAIN
    // alone is refused before a single authentication byte, unless the user agreed (acceptWeakerSasl).
    QFETCH(QString, pin);
    QFETCH(bool, accept);
    QFETCH(bool, connects);
    ScriptedServer server;
    QVERIFY(server.listen());
    server.tls = m_localhost;
    server.script = ScriptedServer::login();
    XmppClient client;
    Recorder recorder(client);
    QSignalSpy pinned(&client, &XmppClient::saslPinChanged);
    auto config = configFor(server);
    config.saslPin = pin;
    config.acceptWeakerSasl = accept;
    client.connectToHost(config);
    QCOMPARE(waitConnected(client), connects);
    if (connects) {
        // The pin only ever rises: PLAIN never replaces a SCRAM pin.
        QCOMPARE(client.saslPin(), pin.isEmpty() ? u"PLAIN"_s : pin);
        QCOMPARE(pinned.size(), pin.isEmpty() ? 1 : 0);
        return;
    }
    QCOMPARE(recorder.errors, QList{XmppClient::Error::MechanismDowngrade});
    QVERIFY2(recorder.errorTexts.at(0).contains(u"PLAIN") && recorder.errorTexts.at(0).contains(pin),
             qPrintable(recorder.errorTexts.at(0)));
    QVERIFY(!server.received().contains("<auth"));
}

void tst_HostileServer::weakerScramWithoutDowngradeHash()
{
    // XEP-0474 §3.2: SCRAM-SHA-256 was pinned, the list now offers SCRAM-SHA-1 only. The weaker SCRAM may go
    // on to server-first-message (nothing secret yet), but without a hash that vouches for the list the
    // client aborts before its proof, which would let the attacker guess the password offline.
    ScriptedServer server;
    QVERIFY(server.listen());
    server.script = {
        Step{"<stream:stream", ScriptedServer::features("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                                                        "<mechanism>SCRAM-SHA-1</mechanism></mechanisms>")},
        // server-first-message, its nonce extending the client's: answered below once the nonce is known.
    };
    XmppClient client;
    Recorder recorder(client);
    auto config = configFor(server);
    config.securityMode = ConnectionConfiguration::SecurityMode::IfPossible;   // loopback: allowed
    config.saslPin = u"SCRAM-SHA-256"_s;
    client.connectToHost(config);
    QTRY_VERIFY(server.received().contains("</auth>"));
    const QByteArray auth = server.received().mid(server.received().indexOf("<auth"));
    const QByteArray payload = auth.mid(auth.indexOf('>') + 1, auth.indexOf("</auth>") - auth.indexOf('>') - 1);
    const QByteArray clientFirst = QByteArray::fromBase64(payload);
    const QByteArray nonce = clientFirst.mid(clientFirst.indexOf(",r=") + 3);
    const QByteArray serverFirst = "r=" + nonce + "srv,s=" + QByteArray("salt").toBase64() + ",i=4096";
    server.send("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + serverFirst.toBase64() + "</challenge>");
    QVERIFY(waitDisconnected(client));
    QCOMPARE(recorder.errors, QList{XmppClient::Error::MechanismDowngrade});
    QVERIFY2(!server.received().contains("<response"), server.received().constData());
}

QTEST_GUILESS_MAIN(tst_HostileServer)
#include "tst_hostileserver.moc"
