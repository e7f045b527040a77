// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// What strangers can make us keep or send (issue 13, finding 6: strangers must not flood us or learn that we
// are online): pending friend requests, friend-request alerts and the popup coalescing of BurstNotifier.
// Stanzas in, state and signals out; no server. Who gets receipts, markers and chat states: tst_chatmanager.
#include "TestClient.h"

#include "client/BurstNotifier.h"
#include "extensions/RosterManager.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QString subscribe(const QString &from, const QString &greeting = {})
{
    return u"<presence type='subscribe' from='%1'><status>%2</status></presence>"_s.arg(from, greeting);
}

} // namespace

class tst_StrangerFlood : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pendingRequestsStayBounded();
    void requestAlertsRateLimitedPerSender();
    void burstRaisesOneFirstAndOneSummaryPerWindow();

private:
    QTemporaryDir m_dir;
};

void tst_StrangerFlood::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_StrangerFlood::pendingRequestsStayBounded()
{
    // docs/SECURITY.md rule 10: 10,000 subscribe presences from 10,000 JIDs: at most MaxPendingRequests wait,
    // the newest; none is answered without the user.
    TestClient client;
    auto *roster = client.addExtension<RosterManager>();
    QVERIFY(client.connectAs());
    client.clearSent();
    QSignalSpy received(roster, &RosterManager::friendRequestReceived);
    QString flood;
    for (int i = 0; i < 10000; ++i)
        flood += subscribe(u"bot%1@spam.example"_s.arg(i), u"加我"_s);
    client.inject(flood);
    const QList<RosterManager::FriendRequest> pending = roster->pendingRequests();
    QCOMPARE(pending.size(), RosterManager::MaxPendingRequests);
    QCOMPARE(pending.constFirst().jid,
             Jid::fromString(u"bot%1@spam.example"_s.arg(10000 - RosterManager::MaxPendingRequests)));
    QCOMPARE(pending.constLast().jid, Jid::fromString(u"bot9999@spam.example"_s));
    // The alerts are bounded too: beyond the senders the limiter tracks, all share one bucket.
    QVERIFY2(received.size() <= 1024 + RosterManager::RequestAlertBurst, qPrintable(QString::number(received.size())));

    // A sender asking again replaces its request, in place.
    client.inject(subscribe(u"bot9950@spam.example"_s, u"再加一次"_s));
    QCOMPARE(roster->pendingRequests().size(), RosterManager::MaxPendingRequests);
    const QList<RosterManager::FriendRequest> after = roster->pendingRequests();
    const auto again = std::find_if(after.cbegin(), after.cend(),
                                    [](const auto &r) { return r.jid == Jid::fromString(u"bot9950@spam.example"_s); });
    QVERIFY(again != after.cend());
    QCOMPARE(again->greeting, u"再加一次"_s);
    client.expectNoSent();
}

void tst_StrangerFlood::requestAlertsRateLimitedPerSender()
{
    // Asking, withdrawing and asking again in a loop: the request stays answerable, the alerts stop.
    TestClient client;
    auto *roster = client.addExtension<RosterManager>();
    QVERIFY(client.connectAs());
    client.clearSent();
    QSignalSpy received(roster, &RosterManager::friendRequestReceived);
    QSignalSpy changed(roster, &RosterManager::pendingRequestsChanged);
    for (int i = 0; i < 50; ++i) {
        client.inject(subscribe(u"pest@spam.example/x"_s));
        client.inject(u"<presence type='unsubscribe' from='pest@spam.example'/>"_s);
    }
    client.inject(subscribe(u"pest@spam.example/x"_s));
    QCOMPARE(received.size(), RosterManager::RequestAlertBurst);
    QCOMPARE(roster->pendingRequests().size(), 1);
    QCOMPARE(changed.size(), 101);
    // Another sender is not affected.
    client.inject(subscribe(u"friend@example.org"_s));
    QCOMPARE(received.size(), RosterManager::RequestAlertBurst + 1);
    client.expectNoSent();
}

void tst_StrangerFlood::burstRaisesOneFirstAndOneSummaryPerWindow()
{
    BurstNotifier burst(150ms);
    QSignalSpy first(&burst, &BurstNotifier::firstArrived);
    QSignalSpy more(&burst, &BurstNotifier::moreArrived);
    for (int i = 0; i < 10000; ++i)
        burst.add(Jid::fromString(u"bot%1@spam.example"_s.arg(i)));
    QCOMPARE(first.size(), 1);
    QCOMPARE(first.at(0).at(0).value<Jid>(), Jid::fromString(u"bot0@spam.example"_s));
    QVERIFY(more.isEmpty());
    QVERIFY(more.wait(2000));
    QCOMPARE(more.at(0).at(0).toInt(), 9999);
    // A quiet window ends the burst: nothing more is announced, and the next event is a first again.
    QTest::qWait(400);
    QCOMPARE(more.size(), 1);
    QVERIFY(!burst.isInBurst());
    burst.add(Jid::fromString(u"friend@example.org"_s));
    QCOMPARE(first.size(), 2);
}

QTEST_GUILESS_MAIN(tst_StrangerFlood)
#include "tst_strangerflood.moc"
