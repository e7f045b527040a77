// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Presence (RFC 6121 §4): the aggregation of a contact's resources (ContactPresence, a pure value), and the
// PresenceManager by XML in, XML out: initial and broadcast presence, directed presence, what is kept from
// whom (strangers cost nothing, docs/SECURITY.md rule 10), what passes through to other extensions, Last
// Activity (XEP-0012) answers. No server, no socket.
#include "TestClient.h"

#include "extensions/ContactPresence.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "stanza/Presence.h"
#include "storage/Database.h"
#include "storage/RosterStore.h"
#include "xml/XmlWriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QDateTime T0 = QDateTime(QDate(2025, 5, 1), QTime(8, 0), QTimeZone::UTC);
const Jid Bob = Jid::fromString(u"bob@example.org"_s);

Presence parsePresence(const QString &xml)
{
    const auto presence = Presence::fromElement(XmlWriter::parseElement(xml));
    if (!presence)
        qFatal("test presence does not parse: %s", qPrintable(xml));
    return *presence;
}

Presence available(const QString &from, Presence::Show show = Presence::Show::None, int priority = 0,
                   const QString &status = {})
{
    Presence presence;
    presence.from = Jid::fromString(from);
    presence.show = show;
    presence.priority = priority;
    presence.status = status;
    return presence;
}

Presence unavailable(const QString &from, const QString &status = {})
{
    Presence presence = available(from);
    presence.type = Presence::Type::Unavailable;
    presence.status = status;
    return presence;
}

RosterItem rosterItem(const QString &jid, RosterItem::Subscription subscription, bool pendingOut = false)
{
    RosterItem item;
    item.jid = Jid::fromString(jid);
    item.subscription = subscription;
    item.pendingOut = pendingOut;
    return item;
}

/// A signed-in client with a PresenceManager and, given @p cachedRoster, a RosterManager over a cache holding
/// it (whose roster get, id1, is then the first thing sent and still unanswered).
struct Session
{
    QTemporaryDir dir;
    Database database;
    std::unique_ptr<RosterStore> store;
    TestClient client;
    RosterManager *roster = nullptr;
    PresenceManager *presence = nullptr;

    explicit Session(std::optional<QList<RosterItem>> cachedRoster = std::nullopt,
                     Presence::Show show = Presence::Show::None, const QString &status = {},
                     std::chrono::milliseconds iqTimeout = 30s)
    {
        if (cachedRoster) {
            if (!dir.isValid() || !database.open(Database::filePath(dir.path())))
                qFatal("cannot open the test database");
            store = std::make_unique<RosterStore>(database);
            store->replaceAll(*cachedRoster, u"1"_s);
            roster = client.addExtension<RosterManager>(store.get());
        }
        presence = client.addExtension<PresenceManager>();
        presence->setRosterManager(roster);
        presence->setOwnPresence(show, status);
        ConnectionConfiguration config = client.configuration();
        config.iqTimeout = iqTimeout;
        client.setConfiguration(config);
        client.setKeepSessionStart(true);
        if (!client.connectAs(u"alice@example.org/desk"_s))
            qFatal("TestClient did not sign in");
    }

    /// Answers the roster get (the cache is current) and forgets what was sent.
    void answerRoster()
    {
        client.inject(u"<iq type='result' id='id1'/>"_s);
        client.clearSent();
        client.resetIds();
    }
};

} // namespace

class tst_PresenceManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // ContactPresence
    void singleResource();
    void higherPriorityWins();
    void showRankingAtEqualPriority_data();
    void showRankingAtEqualPriority();
    void mostRecentWinsAtEqualPriorityAndShow();
    void resourceGoesWhileAnotherStays();
    void lastResourceGoneKeepsStatusAndTime();
    void bareUnavailableClearsEveryResource();
    void errorMarksUnavailable();
    void resentPresenceIsNoChange();
    void delayStampIsTheChangeTime();
    void subscriptionsAndProbesAreIgnored();
    void manyResourcesStayBounded();

    // PresenceManager
    void ownPresenceRememberedWithoutConnection();
    void initialPresenceAtSessionStart();
    void initialPresenceWaitsForRoster();
    void initialPresenceAfterFailedRosterGet();
    void ownPresenceBroadcast();
    void managerTracksAndNeverTakes();
    void managerLetsSubscriptionsPass();
    void managerTracksStrangersAndErrors();
    void managerIgnoresPresenceWithoutSubscription();
    void managerKeepsDirectedPresenceTargets();
    void capsAndAvatarHashPassThrough();
    void contactRemovedForgetsPresence();
    void disconnectForgetsAll();
    void resumedSessionKeepsPresencesAndSendsChangedOwn();
    void lastActivityAnswers();
    void lastActivityRefusedOrInvalid_data();
    void lastActivityRefusedOrInvalid();
};

void tst_PresenceManager::singleResource()
{
    ContactPresence contact;
    QVERIFY(!contact.isAvailable());
    QVERIFY(!contact.aggregate().available);
    QVERIFY(contact.aggregate().lastChange.isNull());

    QVERIFY(contact.apply(parsePresence(u"<presence xmlns='jabber:client' from='bob@example.org/pc'>"
                                        "<show>away</show><status>午饭去了</status><priority>3</priority>"
                                        "</presence>"_s),
                          T0));
    const ResourcePresence best = contact.aggregate();
    QVERIFY(best.available);
    QCOMPARE(best.resource, u"pc"_s);
    QCOMPARE(best.show, Presence::Show::Away);
    QCOMPARE(best.status, u"午饭去了"_s);
    QCOMPARE(best.priority, 3);
    QCOMPARE(best.lastChange, T0);
    QCOMPARE(contact.resources().size(), 1);
}

void tst_PresenceManager::higherPriorityWins()
{
    // RFC 6121 §8.5.2.1.1: the server routes to the highest priority; that resource is the contact.
    ContactPresence contact;
    contact.apply(available(u"bob@example.org/pc"_s, Presence::Show::Chat, 1), T0);
    contact.apply(available(u"bob@example.org/phone"_s, Presence::Show::Xa, 5), T0.addSecs(-60));
    QCOMPARE(contact.aggregate().resource, u"phone"_s);
    QCOMPARE(contact.aggregate().show, Presence::Show::Xa);
    const QList<ResourcePresence> list = contact.resources();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).resource, u"phone"_s);
    QCOMPARE(list.at(1).resource, u"pc"_s);

    // A negative priority is still available (RFC 6121 §4.7.2.3), it just ranks last.
    contact.apply(available(u"bob@example.org/phone"_s, Presence::Show::None, -1), T0);
    QCOMPARE(contact.aggregate().resource, u"pc"_s);
    QVERIFY(contact.resources().at(1).available);
}

void tst_PresenceManager::showRankingAtEqualPriority_data()
{
    QTest::addColumn<Presence::Show>("better");
    QTest::addColumn<Presence::Show>("worse");
    QTest::newRow("chat > online") << Presence::Show::Chat << Presence::Show::None;
    QTest::newRow("online > dnd") << Presence::Show::None << Presence::Show::Dnd;
    QTest::newRow("dnd > away") << Presence::Show::Dnd << Presence::Show::Away;
    QTest::newRow("away > xa") << Presence::Show::Away << Presence::Show::Xa;
}

void tst_PresenceManager::showRankingAtEqualPriority()
{
    QFETCH(Presence::Show, better);
    QFETCH(Presence::Show, worse);
    // The worse one is the more recent, so only the show can decide. Both insertion orders.
    for (bool betterFirst : {true, false}) {
        ContactPresence contact;
        const Presence a = available(u"bob@example.org/a"_s, better, 2);
        const Presence b = available(u"bob@example.org/b"_s, worse, 2);
        if (betterFirst) {
            contact.apply(a, T0);
            contact.apply(b, T0.addSecs(10));
        } else {
            contact.apply(b, T0.addSecs(10));
            contact.apply(a, T0);
        }
        QCOMPARE(contact.aggregate().resource, u"a"_s);
    }
}

void tst_PresenceManager::mostRecentWinsAtEqualPriorityAndShow()
{
    ContactPresence contact;
    contact.apply(available(u"bob@example.org/a"_s, Presence::Show::None, 0, u"old"_s), T0);
    contact.apply(available(u"bob@example.org/b"_s, Presence::Show::None, 0, u"new"_s), T0.addSecs(5));
    QCOMPARE(contact.aggregate().status, u"new"_s);
    contact.apply(available(u"bob@example.org/a"_s, Presence::Show::None, 0, u"newer"_s), T0.addSecs(9));
    QCOMPARE(contact.aggregate().status, u"newer"_s);
}

void tst_PresenceManager::resourceGoesWhileAnotherStays()
{
    ContactPresence contact;
    contact.apply(available(u"bob@example.org/pc"_s, Presence::Show::None, 5), T0);
    contact.apply(available(u"bob@example.org/phone"_s, Presence::Show::Away, 1), T0);
    QVERIFY(contact.apply(unavailable(u"bob@example.org/pc"_s), T0.addSecs(1)));
    QVERIFY(contact.isAvailable());
    QCOMPARE(contact.aggregate().resource, u"phone"_s);
    QCOMPARE(contact.resources().size(), 1);
    // An unavailable from a resource we never saw changes nothing visible.
    QVERIFY(!contact.apply(unavailable(u"bob@example.org/tablet"_s), T0.addSecs(2)));
}

void tst_PresenceManager::lastResourceGoneKeepsStatusAndTime()
{
    ContactPresence contact;
    contact.apply(available(u"bob@example.org/pc"_s), T0);
    QVERIFY(contact.apply(unavailable(u"bob@example.org/pc"_s, u"下班了"_s), T0.addSecs(30)));
    const ResourcePresence offline = contact.aggregate();
    QVERIFY(!offline.available);
    QVERIFY(!contact.isAvailable());
    QCOMPARE(offline.status, u"下班了"_s);
    QCOMPARE(offline.lastChange, T0.addSecs(30));
    QVERIFY(!offline.error);
    QVERIFY(contact.resources().isEmpty());
}

void tst_PresenceManager::bareUnavailableClearsEveryResource()
{
    // RFC 6121 §4.5.3 / §3.2.2: e.g. after the contact cancelled our subscription.
    ContactPresence contact;
    contact.apply(available(u"bob@example.org/pc"_s), T0);
    contact.apply(available(u"bob@example.org/phone"_s), T0);
    QVERIFY(contact.apply(unavailable(u"bob@example.org"_s), T0.addSecs(1)));
    QVERIFY(!contact.isAvailable());
    QVERIFY(contact.resources().isEmpty());
}

void tst_PresenceManager::errorMarksUnavailable()
{
    ContactPresence contact;
    contact.apply(available(u"bob@example.org/pc"_s), T0);
    QVERIFY(contact.apply(parsePresence(u"<presence xmlns='jabber:client' type='error' from='bob@example.org'>"
                                        "<error type='cancel'><remote-server-not-found "
                                        "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"_s),
                          T0.addSecs(1)));
    const ResourcePresence state = contact.aggregate();
    QVERIFY(!state.available);
    QVERIFY(state.error);
    QCOMPARE(state.error->condition, StanzaError::Condition::RemoteServerNotFound);
    QVERIFY(contact.resources().isEmpty());

    // Available again: the error is history.
    QVERIFY(contact.apply(available(u"bob@example.org/pc"_s), T0.addSecs(2)));
    QVERIFY(contact.aggregate().available);
    QVERIFY(!contact.aggregate().error);
}

void tst_PresenceManager::resentPresenceIsNoChange()
{
    ContactPresence contact;
    QVERIFY(contact.apply(available(u"bob@example.org/pc"_s, Presence::Show::Dnd, 1, u"忙"_s), T0));
    QVERIFY(!contact.apply(available(u"bob@example.org/pc"_s, Presence::Show::Dnd, 1, u"忙"_s), T0.addSecs(60)));
    QCOMPARE(contact.aggregate().lastChange, T0);
    QVERIFY(contact.apply(available(u"bob@example.org/pc"_s, Presence::Show::Dnd, 1, u"很忙"_s), T0.addSecs(61)));
    QCOMPARE(contact.aggregate().lastChange, T0.addSecs(61));
}

void tst_PresenceManager::delayStampIsTheChangeTime()
{
    // XEP-0203: the server's stored presence, sent to us at login, says when it was set.
    ContactPresence contact;
    contact.apply(parsePresence(u"<presence xmlns='jabber:client' from='bob@example.org/pc'>"
                                "<delay xmlns='urn:xmpp:delay' from='example.org' stamp='2025-05-01T07:00:00Z'/>"
                                "</presence>"_s),
                  T0);
    QCOMPARE(contact.aggregate().lastChange, T0.addSecs(-3600));

    // A stamp from the future is not believed.
    ContactPresence future;
    future.apply(parsePresence(u"<presence xmlns='jabber:client' from='bob@example.org/pc'>"
                               "<delay xmlns='urn:xmpp:delay' stamp='2030-01-01T00:00:00Z'/></presence>"_s),
                 T0);
    QCOMPARE(future.aggregate().lastChange, T0);
}

void tst_PresenceManager::subscriptionsAndProbesAreIgnored()
{
    ContactPresence contact;
    for (auto type : {Presence::Type::Subscribe, Presence::Type::Subscribed, Presence::Type::Unsubscribe,
                      Presence::Type::Unsubscribed, Presence::Type::Probe}) {
        Presence presence = available(u"bob@example.org/pc"_s);
        presence.type = type;
        QVERIFY(!contact.apply(presence, T0));
    }
    QVERIFY(!contact.isAvailable());
    QVERIFY(contact.aggregate().lastChange.isNull());
}

void tst_PresenceManager::manyResourcesStayBounded()
{
    // One sender claiming ten thousand resources keeps at most MaxResources of them.
    ContactPresence contact;
    for (int i = 0; i < 10000; ++i)
        contact.apply(available(u"bob@example.org/r%1"_s.arg(i)), T0);
    QCOMPARE(contact.resources().size(), ContactPresence::MaxResources);
    // Known resources still update, and one that leaves makes room for another.
    QVERIFY(contact.apply(available(u"bob@example.org/r0"_s, Presence::Show::Dnd, 9), T0));
    QCOMPARE(contact.aggregate().resource, u"r0"_s);
    QVERIFY(!contact.apply(available(u"bob@example.org/new"_s), T0));
    QVERIFY(contact.apply(unavailable(u"bob@example.org/r1"_s), T0));
    QVERIFY(contact.apply(available(u"bob@example.org/new"_s), T0));
    QCOMPARE(contact.resources().size(), ContactPresence::MaxResources);
}

void tst_PresenceManager::ownPresenceRememberedWithoutConnection()
{
    PresenceManager manager;
    QCOMPARE(manager.ownPresence().show, Presence::Show::None);
    QSignalSpy own(&manager, &PresenceManager::ownPresenceChanged);
    manager.setOwnPresence(Presence::Show::Dnd, u"开会中"_s, 300);
    QCOMPARE(own.size(), 1);
    QCOMPARE(manager.ownPresence().show, Presence::Show::Dnd);
    QCOMPARE(manager.ownPresence().status, u"开会中"_s);
    QCOMPARE(manager.ownPresence().priority, 127);   // RFC 6121 §4.7.2.3 range
    QCOMPARE(manager.ownPresence().type, Presence::Type::Available);
    manager.setOwnPresence(Presence::Show::Dnd, u"开会中"_s, 127);
    QCOMPARE(own.size(), 1);
}

// ---------------------------------------------------------------------------------------------------------
// PresenceManager

void tst_PresenceManager::initialPresenceAtSessionStart()
{
    // RFC 6121 §4.2: without a roster to wait for, the remembered presence goes out as the session starts.
    Session session(std::nullopt, Presence::Show::Dnd, u"开会中"_s);
    session.client.expect(u"<presence><show>dnd</show><status>开会中</status></presence>"_s);
    session.client.expectNoSent();
}

void tst_PresenceManager::initialPresenceWaitsForRoster()
{
    // RFC 6121 §2.2: the roster before initial presence. What the user chooses meanwhile is remembered and
    // is what goes out, once.
    Session session(QList<RosterItem>{}, Presence::Show::Away);
    session.client.expect(u"<iq type='get' id='id1'><query xmlns='jabber:iq:roster' ver='1'/></iq>"_s);
    session.client.expectNoSent();
    session.presence->setOwnPresence(Presence::Show::Chat, u"来聊"_s, 3);
    session.client.expectNoSent();
    session.client.inject(u"<iq type='result' id='id1'/>"_s);
    session.client.expect(u"<presence><show>chat</show><status>来聊</status><priority>3</priority></presence>"_s);
    session.client.expectNoSent();
}

void tst_PresenceManager::initialPresenceAfterFailedRosterGet()
{
    // Without a roster (error or timeout) the user is still online.
    Session session(QList<RosterItem>{}, Presence::Show::None, {}, 50ms);
    session.client.takeSent();
    QTRY_COMPARE_WITH_TIMEOUT(session.client.sentCount(), 1, 2000);
    session.client.expect(u"<presence/>"_s);
}

void tst_PresenceManager::ownPresenceBroadcast()
{
    // RFC 6121 §4.4: a change is a broadcast (no 'to'); the priority is clamped to -128..127 (§4.7.2.3).
    Session session;
    session.client.takeSent();
    QSignalSpy own(session.presence, &PresenceManager::ownPresenceChanged);
    session.presence->setOwnPresence(Presence::Show::Xa, u"出差"_s, -300);
    session.client.expect(u"<presence><show>xa</show><status>出差</status><priority>-128</priority></presence>"_s);
    QCOMPARE(own.size(), 1);
}

void tst_PresenceManager::managerTracksAndNeverTakes()
{
    // Per resource, aggregated per bare JID. Never taken: XmppClient still emits presenceReceived for each.
    Session session;
    session.client.takeSent();
    QSignalSpy changed(session.presence, &PresenceManager::presenceChanged);
    QSignalSpy resources(session.presence, &PresenceManager::resourcesChanged);
    QSignalSpy passed(&session.client, &XmppClient::presenceReceived);

    session.client.inject(u"<presence from='bob@example.org/pc'><priority>5</priority></presence>"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<Jid>(), Bob);
    QCOMPARE(resources.size(), 1);

    // A lower-priority resource: the resources change, the contact's shown presence does not.
    session.client.inject(u"<presence from='bob@example.org/phone'><show>away</show></presence>"_s);
    QCOMPARE(resources.size(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(session.presence->contactPresence(Jid::fromString(u"bob@example.org/whatever")).resource, u"pc"_s);
    QCOMPARE(session.presence->resources(Bob).size(), 2);
    QCOMPARE(session.presence->contacts(), QList<Jid>{Bob});

    // The same again: nothing to report.
    session.client.inject(u"<presence from='bob@example.org/phone'><show>away</show></presence>"_s);
    QCOMPARE(resources.size(), 2);

    session.client.inject(u"<presence from='bob@example.org/pc' type='unavailable'/>"_s);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(session.presence->contactPresence(Bob).show, Presence::Show::Away);
    QCOMPARE(passed.size(), 4);
    session.client.expectNoSent();
}

void tst_PresenceManager::managerLetsSubscriptionsPass()
{
    // RFC 6121 §3 subscriptions and §4.3 probes are not availability: nothing kept, everything passed on.
    Session session;
    session.client.takeSent();
    QSignalSpy changed(session.presence, &PresenceManager::presenceChanged);
    QSignalSpy passed(&session.client, &XmppClient::presenceReceived);
    for (const QString &type : {u"subscribe"_s, u"subscribed"_s, u"unsubscribe"_s, u"unsubscribed"_s, u"probe"_s})
        session.client.inject(u"<presence from='eve@example.org' type='%1'/>"_s.arg(type));
    QSignalSpy messages(&session.client, &XmppClient::messageReceived);
    session.client.inject(u"<message from='eve@example.org/x'><body>hi</body></message>"_s);
    QCOMPARE(changed.size(), 0);
    QVERIFY(session.presence->contacts().isEmpty());
    QCOMPARE(passed.size(), 5);
    QCOMPARE(messages.size(), 1);
    session.client.expectNoSent();
}

void tst_PresenceManager::managerTracksStrangersAndErrors()
{
    // Without a RosterManager to judge by (tools): everyone is tracked, the UI decides what to show.
    Session session;
    QSignalSpy changed(session.presence, &PresenceManager::presenceChanged);
    session.client.inject(u"<presence from='stranger@example.net/x'><status>路过</status></presence>"_s);
    QCOMPARE(session.presence->contactPresence(Jid::fromString(u"stranger@example.net")).status, u"路过"_s);

    session.client.inject(u"<presence type='error' from='stranger@example.net'><error type='cancel'>"
                          "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"_s);
    const ResourcePresence state = session.presence->contactPresence(Jid::fromString(u"stranger@example.net"));
    QVERIFY(!state.available);
    QCOMPARE(state.error->condition, StanzaError::Condition::ItemNotFound);
    QCOMPARE(changed.size(), 2);
}

void tst_PresenceManager::managerIgnoresPresenceWithoutSubscription()
{
    // docs/SECURITY.md rule 10 (issue 13, finding 6): a stranger's presence keeps no state. Only contacts whose
    // presence we are subscribed to (to/both), or asked for (pending out: the answer may be an error), count
    // (RFC 6121 §4.1); so do our own other resources (§4.2.2).
    Session session({{rosterItem(u"both@example.org"_s, RosterItem::Subscription::Both),
                      rosterItem(u"to@example.org"_s, RosterItem::Subscription::To),
                      rosterItem(u"from@example.org"_s, RosterItem::Subscription::From),
                      rosterItem(u"asked@example.org"_s, RosterItem::Subscription::None, true)}});
    session.answerRoster();
    QSignalSpy changed(session.presence, &PresenceManager::presenceChanged);
    QString flood;
    for (int i = 0; i < 2000; ++i)
        flood += u"<presence from='bot%1@spam.example/x'><status>加我</status></presence>"_s.arg(i);
    session.client.inject(flood);
    session.client.inject(u"<presence from='from@example.org/pc'/>"_s);   // they see us, we do not see them
    QVERIFY(session.presence->contacts().isEmpty());
    QCOMPARE(changed.size(), 0);
    QVERIFY(!session.presence->acceptsPresenceFrom(Jid::fromString(u"bot1@spam.example/x")));

    session.client.inject(u"<presence from='both@example.org/pc'/><presence from='to@example.org/pc'/>"
                          "<presence from='alice@example.org/phone'/>"_s);
    session.client.inject(u"<presence type='error' from='asked@example.org'><error type='cancel'>"
                          "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                          "</error></presence>"_s);
    QCOMPARE(session.presence->contacts().size(), 4);
    QVERIFY(session.presence->contactPresence(Jid::fromString(u"both@example.org")).available);
    QVERIFY(session.presence->contactPresence(Jid::fromString(u"alice@example.org")).available);
    QVERIFY(session.presence->contactPresence(Jid::fromString(u"asked@example.org")).error.has_value());
    QCOMPARE(changed.size(), 4);
    session.client.expectNoSent();
}

void tst_PresenceManager::managerKeepsDirectedPresenceTargets()
{
    // RFC 6121 §4.6: after we sent directed presence (e.g. joining a group-chat room) the entity's presence
    // is wanted, though it is in no roster.
    Session session(QList<RosterItem>{});
    session.answerRoster();
    const QString room = u"<presence from='room@conference.example.org/小明'/>"_s;
    session.client.inject(room);
    QVERIFY(session.presence->contacts().isEmpty());

    Presence directed;
    directed.to = Jid::fromString(u"room@conference.example.org/我"_s);
    QVERIFY(session.client.send(directed));
    session.client.expect(u"<presence to='room@conference.example.org/我'/>"_s);
    session.client.inject(room);
    QCOMPARE(session.presence->contacts(), QList<Jid>{Jid::fromString(u"room@conference.example.org")});

    // A broadcast (no 'to') or a subscription request opens nothing.
    session.presence->setOwnPresence(Presence::Show::Away);
    Presence subscribe;
    subscribe.type = Presence::Type::Subscribe;
    subscribe.to = Jid::fromString(u"other@example.org"_s);
    QVERIFY(session.client.send(subscribe));
    session.client.inject(u"<presence from='other@example.org/x'/>"_s);
    QCOMPARE(session.presence->contacts().size(), 1);

    // §4.6.3: directed presence ends with the session.
    session.client.dropConnection();
    QVERIFY(session.client.connectAs(u"alice@example.org/desk"_s));
    session.answerRoster();
    session.client.inject(room);
    QVERIFY(session.presence->contacts().isEmpty());
}

void tst_PresenceManager::capsAndAvatarHashPassThrough()
{
    // XEP-0115 caps and the XEP-0153 avatar hash are other extensions' business: the presence reaches them
    // (presenceReceived) with its payloads intact while its availability is tracked here.
    Session session;
    session.client.takeSent();
    QSignalSpy passed(&session.client, &XmppClient::presenceReceived);
    session.client.inject(u"<presence from='bob@example.org/pc'><show>chat</show>"
                          "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://xin.example' "
                          "ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>"
                          "<x xmlns='vcard-temp:x:update'><photo>01b87fcd030b72895ff8e88db57ec525450f000d</photo></x>"
                          "</presence>"_s);
    QCOMPARE(passed.size(), 1);
    const Presence presence = passed.at(0).at(0).value<Presence>();
    QCOMPARE(presence.extension(u"c"_s, u"http://jabber.org/protocol/caps"_s).attribute(u"ver"_s),
             u"QgayPKawpkPSDYmwT/WM94uAlu0="_s);
    QCOMPARE(presence.extension(u"x"_s, u"vcard-temp:x:update"_s).firstChildElement(u"photo"_s).text(),
             u"01b87fcd030b72895ff8e88db57ec525450f000d"_s);
    QCOMPARE(session.presence->contactPresence(Bob).show, Presence::Show::Chat);
}

void tst_PresenceManager::contactRemovedForgetsPresence()
{
    // A contact removed (or no longer shared with us) by a roster push: what it said is no longer ours to show.
    Session session({{rosterItem(u"bob@example.org"_s, RosterItem::Subscription::Both)}});
    session.answerRoster();
    session.client.inject(u"<presence from='bob@example.org/pc'/>"_s);
    QVERIFY(session.presence->contactPresence(Bob).available);
    QSignalSpy changed(session.presence, &PresenceManager::presenceChanged);
    session.client.inject(u"<iq type='set' id='p1'><query xmlns='jabber:iq:roster'>"
                          "<item jid='bob@example.org' subscription='from'/></query></iq>"_s);
    QCOMPARE(changed.size(), 1);
    QVERIFY(!session.presence->contactPresence(Bob).available);
    QVERIFY(session.presence->contacts().isEmpty());
}

void tst_PresenceManager::disconnectForgetsAll()
{
    // RFC 6121 §4.2: once our stream is gone we learn nothing more; the next session's initial presence
    // (sent again, the same) brings everything back.
    Session session(std::nullopt, Presence::Show::Dnd);
    session.client.takeSent();
    session.client.inject(u"<presence from='bob@example.org/pc'/><presence from='carol@example.org/pc'/>"_s);
    QSignalSpy changed(session.presence, &PresenceManager::presenceChanged);
    session.client.dropConnection();
    QCOMPARE(changed.size(), 2);
    QVERIFY(session.presence->contacts().isEmpty());
    QVERIFY(session.client.connectAs(u"alice@example.org/desk"_s));
    session.client.expect(u"<presence><show>dnd</show></presence>"_s);
}

void tst_PresenceManager::resumedSessionKeepsPresencesAndSendsChangedOwn()
{
    // XEP-0198 §5: a resumed session is the same session: the server sends no presences again, so what we
    // knew stays; our own presence changed while the connection was down goes out now.
    TestClient client;
    auto *presence = client.addExtension<PresenceManager>();
    client.setKeepSessionStart(true);
    QVERIFY(client.connectAs(TestClient::DefaultJid, u"<sm xmlns='urn:xmpp:sm:3'/>"_s));
    client.inject(u"<enabled xmlns='urn:xmpp:sm:3' id='s1' resume='true'/>"_s);
    client.inject(u"<presence from='bob@example.org/pc'/>"_s);
    QCOMPARE(presence->contacts().size(), 1);
    client.clearSent();
    QSignalSpy changed(presence, &PresenceManager::presenceChanged);
    client.dropConnection();
    QCOMPARE(changed.size(), 0);
    QCOMPARE(presence->contacts().size(), 1);
    presence->setOwnPresence(Presence::Show::Away, u"午饭"_s);
    client.expectNoSent();
    QVERIFY(
        client.reconnect(u"<sm xmlns='urn:xmpp:sm:3'/>"_s, u"<resumed xmlns='urn:xmpp:sm:3' previd='s1' h='1'/>"_s));
    client.expect(u"<presence><show>away</show><status>午饭</status></presence>"_s);
    client.expectNoSent();
    QCOMPARE(presence->contacts().size(), 1);
}

void tst_PresenceManager::lastActivityAnswers()
{
    // XEP-0012 §3: the bare JID, answered by the contact's server.
    Session session;
    session.client.takeSent();
    std::optional<LastActivity> last;
    session.presence->requestLastActivity(Jid::fromString(u"bob@example.org/pc"_s), this,
                                          [&last](const LastActivity &answer) { last = answer; });
    session.client.expect(u"<iq type='get' id='id1' to='bob@example.org'><query xmlns='jabber:iq:last'/></iq>"_s);
    // docs/SECURITY.md rule 3: only the entity asked may answer.
    session.client.inject(u"<iq type='result' id='id1' from='mallory@evil.example'>"
                          "<query xmlns='jabber:iq:last' seconds='1'/></iq>"_s);
    QVERIFY(!last);
    session.client.inject(u"<iq type='result' id='id1' from='bob@example.org'>"
                          "<query xmlns='jabber:iq:last' seconds='903'>下班了</query></iq>"_s);
    QVERIFY(last);
    QVERIFY(last->isValid());
    QCOMPARE(last->seconds, 903);
    QCOMPARE(last->text, u"下班了"_s);
}

void tst_PresenceManager::lastActivityRefusedOrInvalid_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("condition");
    QTest::newRow("forbidden") << u"<iq type='error' id='id1' from='bob@example.org'><error type='auth'>"
                                  "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s
                               << int(IqReply::Status::Error) << int(StanzaError::Condition::Forbidden);
    QTest::newRow("no number") << u"<iq type='result' id='id1' from='bob@example.org'>"
                                  "<query xmlns='jabber:iq:last' seconds='soon'/></iq>"_s
                               << int(IqReply::Status::Error) << int(StanzaError::Condition::UndefinedCondition);
    QTest::newRow("negative") << u"<iq type='result' id='id1' from='bob@example.org'>"
                                 "<query xmlns='jabber:iq:last' seconds='-5'/></iq>"_s
                              << int(IqReply::Status::Error) << int(StanzaError::Condition::UndefinedCondition);
    QTest::newRow("wrong payload") << u"<iq type='result' id='id1' from='bob@example.org'>"
                                      "<query xmlns='jabber:iq:version' seconds='5'/></iq>"_s
                                   << int(IqReply::Status::Error) << int(StanzaError::Condition::UndefinedCondition);
    QTest::newRow("timeout") << QString() << int(IqReply::Status::Timeout) << -1;
}

void tst_PresenceManager::lastActivityRefusedOrInvalid()
{
    // §6: forbidden without a subscription; an answer without a usable number says nothing.
    QFETCH(QString, answer);
    QFETCH(int, status);
    QFETCH(int, condition);
    Session session(std::nullopt, Presence::Show::None, {}, 50ms);
    session.client.takeSent();
    std::optional<LastActivity> last;
    session.presence->requestLastActivity(Bob, this, [&last](const LastActivity &a) { last = a; });
    if (answer.isEmpty())
        QTRY_VERIFY_WITH_TIMEOUT(last.has_value(), 2000);
    else
        session.client.inject(answer);
    QVERIFY(last);
    QVERIFY(!last->isValid());
    QCOMPARE(int(last->status), status);
    if (condition >= 0)
        QCOMPARE(int(last->error->condition), condition);
}

QTEST_GUILESS_MAIN(tst_PresenceManager)
#include "tst_presencemanager.moc"
