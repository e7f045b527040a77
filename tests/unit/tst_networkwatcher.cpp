// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// NetworkWatcher's decisions on network changes and waking from sleep, the events injected through its slots
// (no NetworkManager, no D-Bus): prove a connection that looks up, reconnect at once when the network is back,
// never hammer without one, never come back after <conflict/> (docs/SECURITY.md rule 10).
#include "client/NetworkWatcher.h"
#include "client/Reconnector.h"

#include "TestClient.h"

#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using Reachability = QNetworkInformation::Reachability;
using Medium = QNetworkInformation::TransportMedium;

class tst_NetworkWatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void otherNetworkProvesTheLink();
    void deadLinkFoundAfterWakingIsResumed();
    void withoutStreamManagementAPingProves();
    void noAttemptsWithoutANetwork();
    void wakingUpReconnectsAtOnce();
    void neverBackAfterConflict();
    void serverOnThisComputerNeedsNoNetwork();
};

namespace {
bool connectResumable(TestClient &client)
{
    if (!client.connectAs(TestClient::DefaultJid, u"<sm xmlns='urn:xmpp:sm:3'/>"_s))
        return false;
    client.inject(u"<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='600'/>"_s);
    client.clearSent();
    return client.isStreamManaged();
}
}   // namespace

void tst_NetworkWatcher::otherNetworkProvesTheLink()
{
    TestClient client;
    Reconnector reconnector(&client);
    NetworkWatcher watcher(&client, &reconnector);
    QVERIFY(connectResumable(client));
    watcher.transportMediumChanged(Medium::WiFi);
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);   // XEP-0198 §4: an answer proves the link
    client.inject(u"<a xmlns='urn:xmpp:sm:3' h='0'/>"_s);
    QTest::qWait(100);
    QCOMPARE(client.state(), XmppClient::State::Connected);

    watcher.reachabilityChanged(Reachability::Site);   // any change of reachability while connected too
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
}

void tst_NetworkWatcher::deadLinkFoundAfterWakingIsResumed()
{
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(60s, 300s);
    NetworkWatcher watcher(&client, &reconnector);
    watcher.setCheckWithin(50ms);
    QSignalSpy scheduled(&reconnector, &Reconnector::reconnectScheduled);
    QSignalSpy errors(&client, &XmppClient::errorOccurred);
    QVERIFY(connectResumable(client));
    watcher.wokeUp();
    client.expect(u"<r xmlns='urn:xmpp:sm:3'/>"_s);
    // Silence: the link died while we slept. Found within the bound, not after TCP's minutes, and the
    // session the server keeps is resumed at once, not after the back-off.
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 1000);
    QCOMPARE(errors.at(0).at(0).value<XmppClient::Error>(), XmppClient::Error::Timeout);
    QCOMPARE(scheduled.size(), 1);
    QVERIFY(scheduled.at(0).at(0).value<std::chrono::milliseconds>() <= 250ms);
}

void tst_NetworkWatcher::withoutStreamManagementAPingProves()
{
    TestClient client;
    Reconnector reconnector(&client);
    NetworkWatcher watcher(&client, &reconnector);
    QVERIFY(client.connectAs());
    watcher.transportMediumChanged(Medium::Ethernet);
    client.expect(u"<iq type='get' id='*' to='example.org'><ping xmlns='urn:xmpp:ping'/></iq>"_s);
}

void tst_NetworkWatcher::noAttemptsWithoutANetwork()
{
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(20ms, 100ms);
    NetworkWatcher watcher(&client, &reconnector);
    QVERIFY(client.connectAs());
    client.dropConnection();
    QVERIFY(reconnector.isScheduled());
    watcher.reachabilityChanged(Reachability::Disconnected);
    QVERIFY(!reconnector.isScheduled());
    watcher.wokeUp();   // still no network: nothing
    QTest::qWait(150);
    QCOMPARE(client.state(), XmppClient::State::Disconnected);

    watcher.reachabilityChanged(Reachability::Online);   // back: the waiting attempt goes now
    QVERIFY(client.state() != XmppClient::State::Disconnected);
}

void tst_NetworkWatcher::wakingUpReconnectsAtOnce()
{
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(60s, 300s);
    NetworkWatcher watcher(&client, &reconnector);
    QVERIFY(client.connectAs());
    client.dropConnection();
    QVERIFY(reconnector.isScheduled());   // a minute away
    watcher.wokeUp();
    QVERIFY(client.state() != XmppClient::State::Disconnected);
    QVERIFY(!reconnector.isScheduled());
}

void tst_NetworkWatcher::neverBackAfterConflict()
{
    TestClient client;
    Reconnector reconnector(&client);
    NetworkWatcher watcher(&client, &reconnector);
    QVERIFY(client.connectAs());
    client.inject(u"<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"_s);
    watcher.reachabilityChanged(Reachability::Disconnected);
    watcher.reachabilityChanged(Reachability::Online);
    watcher.transportMediumChanged(Medium::Cellular);
    watcher.wokeUp();
    QCOMPARE(client.state(), XmppClient::State::Disconnected);
    QVERIFY(!reconnector.isWaiting());
}

void tst_NetworkWatcher::serverOnThisComputerNeedsNoNetwork()
{
    // No network (a backend says Disconnected with only loopback up) does not keep us from our own computer.
    TestClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(20ms, 100ms);
    NetworkWatcher watcher(&client, &reconnector);
    QVERIFY(client.connectAs());
    ConnectionConfiguration config = client.configuration();
    config.host = u"127.0.0.1"_s;   // the next connection goes there
    client.setConfiguration(config);
    client.dropConnection();
    watcher.reachabilityChanged(Reachability::Disconnected);
    QVERIFY(reconnector.isNetworkReachable());
    QVERIFY(reconnector.isScheduled());
    QTRY_VERIFY(client.state() != XmppClient::State::Disconnected);
}

QTEST_GUILESS_MAIN(tst_NetworkWatcher)
#include "tst_networkwatcher.moc"
