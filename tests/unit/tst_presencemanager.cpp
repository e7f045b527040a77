// Presence aggregation (RFC 6121 §4), the PresenceManager's bookkeeping and AutoAway, without a server.
#include "extensions/AutoAway.h"
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

/// The manager with its stanza entry point opened for the test: DOM in, state and signals out.
class OpenPresenceManager : public PresenceManager
{
public:
    /// A stanza as XmppClient delivers it (Extension): observed, then offered.
    bool handleStanza(const QDomElement &stanza)
    {
        observeStanza(stanza);
        return PresenceManager::handleStanza(stanza);
    }
    using PresenceManager::preparePresence;
};

/// A roster read from a cache, as at start-up before the server answered: contacts without a client.
struct CachedRoster
{
    QTemporaryDir dir;
    Database database;
    std::unique_ptr<RosterStore> store;
    std::unique_ptr<RosterManager> roster;

    explicit CachedRoster(const QList<RosterItem> &items)
    {
        if (!dir.isValid() || !database.open(Database::filePath(dir.path())))
            qFatal("cannot open the test database");
        store = std::make_unique<RosterStore>(database);
        store->replaceAll(items, u"1"_s);
        roster = std::make_unique<RosterManager>(store.get());
    }
};

RosterItem rosterItem(const QString &jid, RosterItem::Subscription subscription, bool pendingOut = false)
{
    RosterItem item;
    item.jid = Jid::fromString(jid);
    item.subscription = subscription;
    item.pendingOut = pendingOut;
    return item;
}

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

class tst_PresenceManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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

    void managerTracksAndNeverTakes();
    void managerLetsSubscriptionsPass();
    void managerTracksStrangersAndErrors();
    void managerIgnoresPresenceWithoutSubscription();
    void managerKeepsDirectedPresenceTargets();
    void manyResourcesStayBounded();
    void ownPresenceRememberedWithoutConnection();

    void autoAwayKeepsStatusAndRestores();
    void autoAwayLeavesUsersChoiceAlone();
    void userChoiceWhileAwayWins();
    void unknownIdleChangesNothing();
    void disablingRestores();
    void timerPolls();
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
    QVERIFY(contact.apply(parsePresence(
                              u"<presence xmlns='jabber:client' type='error' from='bob@example.org'>"
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

void tst_PresenceManager::managerTracksAndNeverTakes()
{
    OpenPresenceManager manager;
    QSignalSpy changed(&manager, &PresenceManager::presenceChanged);
    QSignalSpy resources(&manager, &PresenceManager::resourcesChanged);

    QVERIFY(!manager.handleStanza(XmlWriter::parseElement(
        u"<presence xmlns='jabber:client' from='bob@example.org/pc'><priority>5</priority></presence>"_s)));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<Jid>(), Jid::fromString(u"bob@example.org"));
    QCOMPARE(resources.size(), 1);

    // A lower-priority resource: the resources change, the contact's shown presence does not.
    QVERIFY(!manager.handleStanza(XmlWriter::parseElement(
        u"<presence xmlns='jabber:client' from='bob@example.org/phone'><show>away</show></presence>"_s)));
    QCOMPARE(resources.size(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(manager.contactPresence(Jid::fromString(u"bob@example.org/whatever")).resource, u"pc"_s);
    QCOMPARE(manager.resources(Jid::fromString(u"bob@example.org")).size(), 2);
    QCOMPARE(manager.contacts(), QList<Jid>{Jid::fromString(u"bob@example.org")});

    // The same again: nothing to report.
    QVERIFY(!manager.handleStanza(XmlWriter::parseElement(
        u"<presence xmlns='jabber:client' from='bob@example.org/phone'><show>away</show></presence>"_s)));
    QCOMPARE(resources.size(), 2);

    QVERIFY(!manager.handleStanza(
        XmlWriter::parseElement(u"<presence xmlns='jabber:client' from='bob@example.org/pc' type='unavailable'/>"_s)));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(manager.contactPresence(Jid::fromString(u"bob@example.org")).show, Presence::Show::Away);
}

void tst_PresenceManager::managerLetsSubscriptionsPass()
{
    OpenPresenceManager manager;
    QSignalSpy changed(&manager, &PresenceManager::presenceChanged);
    for (const QString &type : {u"subscribe"_s, u"subscribed"_s, u"unsubscribe"_s, u"unsubscribed"_s}) {
        QVERIFY(!manager.handleStanza(XmlWriter::parseElement(
            u"<presence xmlns='jabber:client' from='eve@example.org' type='"_s + type + u"'/>"_s)));
    }
    QVERIFY(!manager.handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='eve@example.org/x'><body>hi</body></message>"_s)));
    QCOMPARE(changed.size(), 0);
    QVERIFY(manager.contacts().isEmpty());
}

void tst_PresenceManager::managerTracksStrangersAndErrors()
{
    // Not in any roster: still tracked, the UI decides what to show.
    OpenPresenceManager manager;
    QSignalSpy changed(&manager, &PresenceManager::presenceChanged);
    manager.handleStanza(XmlWriter::parseElement(
        u"<presence xmlns='jabber:client' from='stranger@example.net/x'><status>路过</status></presence>"_s));
    QCOMPARE(manager.contactPresence(Jid::fromString(u"stranger@example.net")).status, u"路过"_s);

    manager.handleStanza(XmlWriter::parseElement(
        u"<presence xmlns='jabber:client' type='error' from='stranger@example.net'><error type='cancel'>"
        "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"_s));
    const ResourcePresence state = manager.contactPresence(Jid::fromString(u"stranger@example.net"));
    QVERIFY(!state.available);
    QCOMPARE(state.error->condition, StanzaError::Condition::ItemNotFound);
    QCOMPARE(changed.size(), 2);
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

void tst_PresenceManager::autoAwayKeepsStatusAndRestores()
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

void tst_PresenceManager::autoAwayLeavesUsersChoiceAlone()
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

void tst_PresenceManager::userChoiceWhileAwayWins()
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

void tst_PresenceManager::unknownIdleChangesNothing()
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

void tst_PresenceManager::disablingRestores()
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

void tst_PresenceManager::timerPolls()
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

void tst_PresenceManager::managerIgnoresPresenceWithoutSubscription()
{
    // Issue 13, finding 6: a stranger's presence keeps no state. Only contacts whose presence we are subscribed
    // to (to/both), or asked for (pending out: the answer may be an error), count (RFC 6121 §4.1).
    CachedRoster cached({rosterItem(u"both@example.org"_s, RosterItem::Subscription::Both),
                         rosterItem(u"to@example.org"_s, RosterItem::Subscription::To),
                         rosterItem(u"from@example.org"_s, RosterItem::Subscription::From),
                         rosterItem(u"asked@example.org"_s, RosterItem::Subscription::None, true)});
    OpenPresenceManager manager;
    manager.setRosterManager(cached.roster.get());
    QSignalSpy changed(&manager, &PresenceManager::presenceChanged);
    for (int i = 0; i < 2000; ++i) {
        QVERIFY(!manager.handleStanza(XmlWriter::parseElement(
            u"<presence xmlns='jabber:client' from='bot%1@spam.example/x'><status>加我</status></presence>"_s.arg(i))));
    }
    QVERIFY(!manager.handleStanza(XmlWriter::parseElement(
        u"<presence xmlns='jabber:client' from='from@example.org/pc'/>"_s)));   // they see us, we do not see them
    QVERIFY(manager.contacts().isEmpty());
    QCOMPARE(changed.size(), 0);
    QVERIFY(!manager.acceptsPresenceFrom(Jid::fromString(u"bot1@spam.example/x")));

    for (const QString &jid : {u"both@example.org/pc"_s, u"to@example.org/pc"_s})
        QVERIFY(!manager.handleStanza(
            XmlWriter::parseElement(u"<presence xmlns='jabber:client' from='%1'/>"_s.arg(jid))));
    manager.handleStanza(XmlWriter::parseElement(
        u"<presence xmlns='jabber:client' type='error' from='asked@example.org'><error type='cancel'>"
        "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"_s));
    QCOMPARE(manager.contacts().size(), 3);
    QVERIFY(manager.contactPresence(Jid::fromString(u"both@example.org")).available);
    QVERIFY(manager.contactPresence(Jid::fromString(u"asked@example.org")).error.has_value());
    QCOMPARE(changed.size(), 3);
}

void tst_PresenceManager::managerKeepsDirectedPresenceTargets()
{
    // RFC 6121 §4.6: after we sent directed presence (e.g. joining a group-chat room) the entity's presence
    // is wanted, though it is in no roster.
    CachedRoster cached({});
    OpenPresenceManager manager;
    manager.setRosterManager(cached.roster.get());
    const QString room = u"<presence xmlns='jabber:client' from='room@conference.example.org/小明'/>"_s;
    manager.handleStanza(XmlWriter::parseElement(room));
    QVERIFY(manager.contacts().isEmpty());

    Presence directed;
    directed.to = Jid::fromString(u"room@conference.example.org/我"_s);
    manager.preparePresence(directed);
    manager.handleStanza(XmlWriter::parseElement(room));
    QCOMPARE(manager.contacts(), QList<Jid>{Jid::fromString(u"room@conference.example.org")});

    // A broadcast (no 'to') or a subscription request opens nothing.
    Presence broadcast;
    manager.preparePresence(broadcast);
    Presence subscribe;
    subscribe.type = Presence::Type::Subscribe;
    subscribe.to = Jid::fromString(u"other@example.org"_s);
    manager.preparePresence(subscribe);
    manager.handleStanza(XmlWriter::parseElement(u"<presence xmlns='jabber:client' from='other@example.org/x'/>"_s));
    QCOMPARE(manager.contacts().size(), 1);
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

QTEST_GUILESS_MAIN(tst_PresenceManager)
#include "tst_presencemanager.moc"
