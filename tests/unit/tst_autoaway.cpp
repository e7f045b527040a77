// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// AutoAway (RFC 6121 §4.7.2.1 away and xa from the idle time) over a PresenceManager, with a fake idle clock.
#include "TestClient.h"

#include "extensions/AutoAway.h"
#include "extensions/PresenceManager.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
/// A pure time source for AutoAway: the idle seconds the test says.
struct FakeIdle
{
    std::optional<std::chrono::seconds> idle = 0s;
    AutoAway::IdleProvider provider()
    {
        return [this] { return idle; };
    }
};
} // namespace

class tst_AutoAway : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void autoAwayKeepsStatusAndRestores();
    void autoAwayLeavesUsersChoiceAlone();
    void userChoiceWhileAwayWins();
    void unknownIdleChangesNothing();
    void disablingRestores();
    void timerPolls();
    void sentAsBroadcastWhileConnected();
};

void tst_AutoAway::autoAwayKeepsStatusAndRestores()
{
    PresenceManager manager;
    manager.setOwnPresence(Presence::Show::Chat, u"在线等"_s, 4);
    FakeIdle idle;
    AutoAway autoAway(&manager, idle.provider());
    autoAway.setAwayAfter(300s);
    autoAway.setExtendedAwayAfter(900s);
    QSignalSpy states(&autoAway, &AutoAway::stateChanged);

    idle.idle = 299s;
    autoAway.poll();
    QCOMPARE(autoAway.state(), AutoAway::State::Active);
    QCOMPARE(manager.ownPresence().show, Presence::Show::Chat);

    idle.idle = 300s;
    autoAway.poll();
    QCOMPARE(autoAway.state(), AutoAway::State::Away);
    QCOMPARE(manager.ownPresence().show, Presence::Show::Away);
    QCOMPARE(manager.ownPresence().status, u"在线等"_s);
    QCOMPARE(manager.ownPresence().priority, 4);

    idle.idle = 901s;
    autoAway.poll();
    QCOMPARE(autoAway.state(), AutoAway::State::ExtendedAway);
    QCOMPARE(manager.ownPresence().show, Presence::Show::Xa);
    QCOMPARE(manager.ownPresence().status, u"在线等"_s);

    idle.idle = 2s;
    autoAway.poll();
    QCOMPARE(autoAway.state(), AutoAway::State::Active);
    QCOMPARE(manager.ownPresence().show, Presence::Show::Chat);
    QCOMPARE(manager.ownPresence().status, u"在线等"_s);
    QCOMPARE(manager.ownPresence().priority, 4);
    QCOMPARE(states.size(), 3);

    // Idle past both thresholds at once: straight to extended away.
    idle.idle = 3600s;
    autoAway.poll();
    QCOMPARE(autoAway.state(), AutoAway::State::ExtendedAway);

    // Away only, no extended away.
    autoAway.setExtendedAwayAfter(0s);
    idle.idle = 0s;
    autoAway.poll();
    idle.idle = 3600s;
    autoAway.poll();
    QCOMPARE(autoAway.state(), AutoAway::State::Away);
}

void tst_AutoAway::autoAwayLeavesUsersChoiceAlone()
{
    for (auto show : {Presence::Show::Dnd, Presence::Show::Away, Presence::Show::Xa}) {
        PresenceManager manager;
        manager.setOwnPresence(show, u"别打扰"_s);
        FakeIdle idle;
        AutoAway autoAway(&manager, idle.provider());
        idle.idle = 10h;
        autoAway.poll();
        QCOMPARE(autoAway.state(), AutoAway::State::Active);
        QCOMPARE(manager.ownPresence().show, show);
    }
}

void tst_AutoAway::userChoiceWhileAwayWins()
{
    PresenceManager manager;
    manager.setOwnPresence(Presence::Show::None, u"hi"_s);
    FakeIdle idle;
    AutoAway autoAway(&manager, idle.provider());
    idle.idle = 400s;
    autoAway.poll();
    QCOMPARE(autoAway.state(), AutoAway::State::Away);

    // The user picks "do not disturb" from the menu while we show away.
    manager.setOwnPresence(Presence::Show::Dnd, u"专心写代码"_s);
    QCOMPARE(autoAway.state(), AutoAway::State::Active);
    idle.idle = 0s;
    autoAway.poll();
    QCOMPARE(manager.ownPresence().show, Presence::Show::Dnd);
    QCOMPARE(manager.ownPresence().status, u"专心写代码"_s);
}

void tst_AutoAway::unknownIdleChangesNothing()
{
    PresenceManager manager;
    FakeIdle idle;
    AutoAway autoAway(&manager, idle.provider());
    idle.idle = 400s;
    autoAway.poll();
    QCOMPARE(autoAway.state(), AutoAway::State::Away);
    idle.idle = std::nullopt;   // the platform lost track: keep what we have
    autoAway.poll();
    QCOMPARE(autoAway.state(), AutoAway::State::Away);
}

void tst_AutoAway::disablingRestores()
{
    PresenceManager manager;
    manager.setOwnPresence(Presence::Show::None, u"状态"_s, 2);
    FakeIdle idle;
    AutoAway autoAway(&manager, idle.provider());
    idle.idle = 10000s;
    autoAway.poll();
    QCOMPARE(manager.ownPresence().show, Presence::Show::Xa);
    autoAway.setEnabled(false);
    QCOMPARE(autoAway.state(), AutoAway::State::Active);
    QCOMPARE(manager.ownPresence().show, Presence::Show::None);
    QCOMPARE(manager.ownPresence().status, u"状态"_s);
}

void tst_AutoAway::timerPolls()
{
    PresenceManager manager;
    FakeIdle idle;
    AutoAway autoAway(&manager, idle.provider());
    autoAway.setAwayAfter(1s);
    autoAway.setPollInterval(10ms);
    autoAway.setEnabled(true);
    QVERIFY(autoAway.isEnabled());
    idle.idle = 5s;
    QTRY_COMPARE(autoAway.state(), AutoAway::State::Away);
    idle.idle = 0s;
    QTRY_COMPARE(autoAway.state(), AutoAway::State::Active);
}

void tst_AutoAway::sentAsBroadcastWhileConnected()
{
    // RFC 6121 §4.4: each automatic change is broadcast with the user's status and priority, and so is the
    // return; a poll that changes nothing sends nothing.
    TestClient client;
    auto *presence = client.addExtension<PresenceManager>();
    presence->setOwnPresence(Presence::Show::None, u"在线"_s, 2);
    QVERIFY(client.connectAs());
    client.clearSent();
    FakeIdle idle;
    AutoAway autoAway(presence, idle.provider());
    autoAway.setAwayAfter(300s);
    autoAway.setExtendedAwayAfter(900s);
    idle.idle = 301s;
    autoAway.poll();
    client.expect(u"<presence><show>away</show><status>在线</status><priority>2</priority></presence>"_s);
    autoAway.poll();
    client.expectNoSent();
    idle.idle = 901s;
    autoAway.poll();
    client.expect(u"<presence><show>xa</show><status>在线</status><priority>2</priority></presence>"_s);
    idle.idle = 1s;
    autoAway.poll();
    client.expect(u"<presence><status>在线</status><priority>2</priority></presence>"_s);
    client.expectNoSent();
}

QTEST_GUILESS_MAIN(tst_AutoAway)
#include "tst_autoaway.moc"
