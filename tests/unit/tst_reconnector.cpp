// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Reconnection policy (docs/SECURITY.md rule 10): capped exponential back-off with jitter; never on conflict or a
// wrong password.
#include "client/Reconnector.h"

#include "TestClient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

class tst_Reconnector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void backOff();
    void retryable_data();
    void retryable();
    void retriesARefusedConnection();
    void backOffGrowsWhenDroppedRightAfterSignIn();
    void backOffStartsAgainAfterAStableSession();
    void resumableSessionIsResumedAtOnce();
    void reconnectNowCancelsTheWait();
    void reconnectNowNeverAfterConflict();
    void waitsForTheNetwork();
};

namespace {
const QString StreamManagementFeature = u"<sm xmlns='urn:xmpp:sm:3'/>"_s;

/// Signs in with stream management that the server lets us resume (XEP-0198 §5).
bool connectResumable(TestClient &client)
{
    if (!client.connectAs(TestClient::DefaultJid, StreamManagementFeature))
        return false;
    client.inject(u"<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='600'/>"_s);
    return client.isStreamManaged();
}

/// The server's side of resuming that session on the connection the client just opened.
bool resume(TestClient &client)
{
    const QString header = u"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                           "xmlns:stream='http://etherx.jabber.org/streams' from='example.org' id='s%1' version='1.0'>"
                           "<stream:features>%2</stream:features>"_s;
    client.inject(header.arg(1).arg(u"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"_s));
    client.inject(u"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"_s);
    client.inject(header.arg(2).arg(
        u"<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"_s));
    client.inject(u"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"_s);
    client.inject(header.arg(3).arg(u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"_s + StreamManagementFeature));
    if (client.state() != XmppClient::State::Resuming)
        return false;
    client.inject(u"<resumed xmlns='urn:xmpp:sm:3' previd='sm-1' h='0'/>"_s);
    return client.state() == XmppClient::State::Connected;
}

/// Drops the connection and returns the attempt the reconnector scheduled (0 if none).
int dropAndSchedule(TestClient &client, Reconnector &reconnector, std::chrono::milliseconds *delay = nullptr)
{
    QSignalSpy scheduled(&reconnector, &Reconnector::reconnectScheduled);
    client.dropConnection();
    if (scheduled.size() != 1)
        return 0;
    if (delay)
        *delay = scheduled.at(0).at(0).value<std::chrono::milliseconds>();
    return scheduled.at(0).at(1).toInt();
}
}   // namespace

void tst_Reconnector::backOff()
{
    QCOMPARE(Reconnector::delayFor(1, 1000ms, 60000ms, 1.0), 1000ms);
    QCOMPARE(Reconnector::delayFor(2, 1000ms, 60000ms, 1.0), 2000ms);
    QCOMPARE(Reconnector::delayFor(4, 1000ms, 60000ms, 1.0), 8000ms);
    QCOMPARE(Reconnector::delayFor(10, 1000ms, 60000ms, 1.0), 60000ms);    // capped
    QCOMPARE(Reconnector::delayFor(1000, 1000ms, 60000ms, 1.0), 60000ms);  // no overflow
    QCOMPARE(Reconnector::delayFor(3, 1000ms, 60000ms, 0.0), 2000ms);      // jitter halves at most
}

void tst_Reconnector::retryable_data()
{
    QTest::addColumn<XmppClient::Error>("error");
    QTest::addColumn<bool>("retry");
    QTest::newRow("lost") << XmppClient::Error::ConnectionLost << true;
    QTest::newRow("refused") << XmppClient::Error::ConnectionRefused << true;
    QTest::newRow("timeout") << XmppClient::Error::Timeout << true;
    QTest::newRow("conflict") << XmppClient::Error::Conflict << false;
    QTest::newRow("not-authorized") << XmppClient::Error::AuthenticationFailed << false;
    QTest::newRow("certificate") << XmppClient::Error::CertificateInvalid << false;
    QTest::newRow("stripped TLS") << XmppClient::Error::TlsUnavailable << false;
}

void tst_Reconnector::retryable()
{
    QFETCH(XmppClient::Error, error);
    QFETCH(bool, retry);
    QCOMPARE(Reconnector::isRetryable(error), retry);
}

void tst_Reconnector::retriesARefusedConnection()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();   // nothing listens there now

    XmppClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(20ms, 100ms);
    QSignalSpy scheduled(&reconnector, &Reconnector::reconnectScheduled);
    ConnectionConfiguration config;
    config.jid = Jid::fromString(u"alice@localhost");
    config.password = u"x"_s;
    config.host = u"127.0.0.1"_s;
    config.port = port;
    client.connectToHost(config);
    QTRY_VERIFY(scheduled.size() >= 3);
    QCOMPARE(scheduled.at(2).at(1).toInt(), 3);
    reconnector.setEnabled(false);
    QVERIFY(!reconnector.isScheduled());
}

void tst_Reconnector::backOffGrowsWhenDroppedRightAfterSignIn()
{
    // A server that takes the sign-in and drops us at once must see growing delays (docs/SECURITY.md rule 10):
    // reaching Connected is not a recovery.
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(20ms, 10000ms);
    for (int round = 1; round <= 4; ++round) {
        QVERIFY(client.connectAs());
        std::chrono::milliseconds delay{};
        QCOMPARE(dropAndSchedule(client, reconnector, &delay), round);
        QVERIFY2(delay >= 20ms * (1 << (round - 1)) / 2, qPrintable(QString::number(delay.count())));
        QTRY_VERIFY(client.state() != XmppClient::State::Disconnected);   // the attempt started
    }
}

void tst_Reconnector::backOffStartsAgainAfterAStableSession()
{
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(20ms, 10000ms);
    reconnector.setStablePeriod(100ms);
    QVERIFY(client.connectAs());
    QCOMPARE(dropAndSchedule(client, reconnector), 1);
    QTRY_VERIFY(client.state() != XmppClient::State::Disconnected);
    QVERIFY(client.connectAs());
    QCOMPARE(reconnector.attempts(), 1);   // not yet: the session has not lasted
    QTRY_COMPARE(reconnector.attempts(), 0);
    QCOMPARE(dropAndSchedule(client, reconnector), 1);
}

void tst_Reconnector::resumableSessionIsResumedAtOnce()
{
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(4000ms, 60000ms);
    QVERIFY(connectResumable(client));
    std::chrono::milliseconds delay{};
    QCOMPARE(dropAndSchedule(client, reconnector, &delay), 1);
    QVERIFY(client.canResume());
    QVERIFY2(delay <= 250ms, qPrintable(QString::number(delay.count())));   // within the server's window
    QTRY_VERIFY_WITH_TIMEOUT(client.state() != XmppClient::State::Disconnected, 1000);
    QVERIFY(resume(client));

    // Dropped again right after: at once only once per stable period, then the back-off from its first delay
    // (a server that drops every resumed session must not be hammered either).
    QCOMPARE(dropAndSchedule(client, reconnector, &delay), 2);
    QVERIFY(client.canResume());
    QVERIFY2(delay >= 2000ms && delay <= 4000ms, qPrintable(QString::number(delay.count())));
}

void tst_Reconnector::reconnectNowCancelsTheWait()
{
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(60000ms, 60000ms);
    QVERIFY(client.connectAs());
    reconnector.reconnectNow();   // connected: nothing to do
    QCOMPARE(client.state(), XmppClient::State::Connected);

    QCOMPARE(dropAndSchedule(client, reconnector), 1);
    QVERIFY(reconnector.isScheduled());
    reconnector.reconnectNow();
    QVERIFY(!reconnector.isScheduled());
    QVERIFY(!reconnector.isWaiting());
    QVERIFY(client.state() != XmppClient::State::Disconnected);
    QVERIFY(client.connectAs());

    // Disabled (the user went offline): the button does nothing.
    QCOMPARE(dropAndSchedule(client, reconnector), 2);
    reconnector.setEnabled(false);
    reconnector.reconnectNow();
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
}

void tst_Reconnector::reconnectNowNeverAfterConflict()
{
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(20ms, 100ms);
    QSignalSpy scheduled(&reconnector, &Reconnector::reconnectScheduled);
    QVERIFY(connectResumable(client));
    // Another login of ours took the resource: coming back would throw it out in turn, forever.
    client.inject(u"<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"_s);
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
    QVERIFY(!reconnector.isWaiting());
    reconnector.reconnectNow();   // a network change or waking up must not bring it back either
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
    QTest::qWait(100);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
}

void tst_Reconnector::waitsForTheNetwork()
{
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(20ms, 100ms);
    QSignalSpy scheduled(&reconnector, &Reconnector::reconnectScheduled);
    QSignalSpy waiting(&reconnector, &Reconnector::waitingForNetwork);
    QVERIFY(client.connectAs());
    reconnector.setNetworkReachable(false);
    client.dropConnection();
    QCOMPARE(waiting.size(), 1);
    QVERIFY(reconnector.isWaiting());
    QVERIFY(!reconnector.isScheduled());
    QTest::qWait(100);   // no attempt without a network
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
    QCOMPARE(scheduled.size(), 0);

    reconnector.setNetworkReachable(true);   // back: at once, not after the back-off
    QVERIFY(client.state() != XmppClient::State::Disconnected);
    QVERIFY(client.connectAs());

    // Lost while an attempt was scheduled: the wait stops until the network is back.
    QCOMPARE(dropAndSchedule(client, reconnector), 2);
    reconnector.setNetworkReachable(false);
    QVERIFY(!reconnector.isScheduled());
    QCOMPARE(waiting.size(), 2);
    QTest::qWait(100);
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
    reconnector.setNetworkReachable(true);
    QVERIFY(client.state() != XmppClient::State::Disconnected);
}

QTEST_GUILESS_MAIN(tst_Reconnector)
#include "tst_reconnector.moc"
