// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// RosterManager against a real Prosody: friend requests, groups, versioned roster cache, forged pushes.
#include "ClientTestUtils.h"
#include "ProsodyServer.h"
#include "client/XmppClient.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "storage/Database.h"
#include "storage/RosterStore.h"
#include "xml/StreamParser.h"
#include "xml/XmlWriter.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;

namespace {

const auto Password = u"p4ss-密码"_s;
using Subscription = RosterItem::Subscription;

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(10);
    }
    return true;
}

/// One login of one account: a client, a roster manager and (optionally) a profile database.
class Session
{
public:
    explicit Session(bool withCache = true)
    {
        if (withCache) {
            QString error;
            if (!m_db.open(Database::filePath(m_dir.path()), &error))
                qFatal("cannot open the test database: %s", qPrintable(error));
            m_store = std::make_unique<RosterStore>(m_db);
        }
        roster = client.addExtension<RosterManager>(m_store.get());
        QObject::connect(&client, &XmppClient::xmlReceived, &client,
                         [this](const QByteArray &xml) { received += xml; });
        QObject::connect(&client, &XmppClient::xmlSent, &client, [this](const QByteArray &xml) { sent += xml; });
    }
    ~Session() { client.disconnectFromHost(); }

    /// Connects, waits for the roster, then sends initial presence (RFC 6121 §2.2: roster first), which
    /// makes the server deliver subscription requests (§3.1.3).
    bool login(const ProsodyServer &server, const QString &user)
    {
        received.clear();
        sent.clear();
        client.connectToHost(configFor(server, user, Password));
        if (!waitConnected(client) || !waitFor([this] { return roster->isRosterReceived(); }))
            return false;
        return client.send(Presence{});
    }
    void logout()
    {
        client.disconnectFromHost();
        waitDisconnected(client);
    }
    Jid jid() const { return client.configuration().jid; }
    RosterStore *store() const { return m_store.get(); }
    Subscription subscriptionOf(const Jid &jid) const { return roster->item(jid).value_or(RosterItem{}).subscription; }

    QByteArray received;
    QByteArray sent;

private:
    // Declared before the client: the manager (owned by the client) uses the store until it goes.
    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<RosterStore> m_store;

public:
    XmppClient client;
    RosterManager *roster = nullptr;
};

} // namespace

class tst_Roster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void requestAcceptIntoGroups();
    void refuse();
    void removeFriend();
    void pendingRequestIsDeliveredOnce();
    void groupRenameSurvivesReconnect();
    void removeGroup();
    void cachedRosterTransfersOnlyChanges();
    void rosterLargerThanElementLimit();
    void forgedPushChangesNothing();
    void acceptAllMode();
    void rejectAllMode();
    void preApprovalSentWhereOffered();
    void initialPresenceWaitsForRoster();

private:
    /// alice requests, bob accepts: a mutual friendship.
    void befriend(Session &requester, Session &accepter, const QString &requesterGroup = {});

    ProsodyServer m_server;
    int m_round = 0;
    QString m_alice;   // fresh accounts for each test: alice<N>, bob<N>, carol<N>
    QString m_bob;
    QString m_carol;
};

void tst_Roster::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    ProsodyServer::Options options;
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password, u"carol:"_s + Password};
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
}

void tst_Roster::init()
{
    // The first test uses alice, bob and carol themselves; later ones fresh accounts, so that no test
    // depends on what an earlier one left on the server.
    const QString suffix = m_round == 0 ? QString() : QString::number(m_round);
    ++m_round;
    m_alice = u"alice"_s + suffix;
    m_bob = u"bob"_s + suffix;
    m_carol = u"carol"_s + suffix;
    if (!suffix.isEmpty()) {
        QString error;
        for (const QString &user : {m_alice, m_bob, m_carol})
            QVERIFY2(m_server.addUser(user, Password, &error), qPrintable(error));
    }
}

void tst_Roster::befriend(Session &requester, Session &accepter, const QString &requesterGroup)
{
    requester.roster->requestFriend(accepter.jid(), requesterGroup, u"你好"_s);
    QVERIFY(waitFor([&] { return !accepter.roster->pendingRequests().isEmpty(); }));
    accepter.roster->acceptFriend(requester.jid());
    QVERIFY(waitFor([&] { return requester.subscriptionOf(accepter.jid()) == Subscription::Both; }));
    QVERIFY(waitFor([&] { return accepter.subscriptionOf(requester.jid()) == Subscription::Both; }));
}

void tst_Roster::requestAcceptIntoGroups()
{
    Session alice;
    Session bob;
    QVERIFY(alice.login(m_server, m_alice));
    QVERIFY(bob.login(m_server, m_bob));
    QSignalSpy requests(bob.roster, &RosterManager::friendRequestReceived);
    QSignalSpy accepted(alice.roster, &RosterManager::friendRequestAccepted);
    QSignalSpy bobAdded(bob.roster, &RosterManager::contactAdded);

    alice.roster->setNickname(u"爱丽丝"_s);
    alice.roster->requestFriend(bob.jid(), u"同学"_s, u"你好，我是爱丽丝"_s);
    QVERIFY(waitFor([&] { return requests.size() == 1; }));
    QCOMPARE(requests.at(0).at(0).value<Jid>(), alice.jid());
    QCOMPARE(requests.at(0).at(1).toString(), u"你好，我是爱丽丝"_s);
    QCOMPARE(requests.at(0).at(2).toString(), u"爱丽丝"_s);
    QCOMPARE(bob.roster->pendingRequests().size(), 1);
    // Asked, not yet answered: ask='subscribe' on alice's side.
    QVERIFY(waitFor([&] { return alice.roster->item(bob.jid()) && alice.roster->item(bob.jid())->pendingOut; }));

    bob.roster->acceptFriend(alice.jid(), u"朋友"_s, u"小爱"_s);
    QVERIFY(waitFor([&] { return alice.subscriptionOf(bob.jid()) == Subscription::Both; }));
    QVERIFY(waitFor([&] { return bob.subscriptionOf(alice.jid()) == Subscription::Both; }));
    QVERIFY(bob.roster->pendingRequests().isEmpty());
    QCOMPARE(requests.size(), 1);   // bob's subscribe back was approved by alice's client, not asked
    QVERIFY(accepted.size() >= 1);
    QCOMPARE(accepted.at(0).at(0).value<Jid>(), bob.jid());
    QVERIFY(bobAdded.size() >= 1);

    const RosterItem aliceSide = *alice.roster->item(bob.jid());
    QCOMPARE(aliceSide.groups, QStringList{u"同学"_s});
    QVERIFY(!aliceSide.pendingOut);
    const RosterItem bobSide = *bob.roster->item(alice.jid());
    QCOMPARE(bobSide.groups, QStringList{u"朋友"_s});
    QCOMPARE(bobSide.name, u"小爱"_s);
    QCOMPARE(bob.roster->groups(), QStringList{u"朋友"_s});
    QCOMPARE(bob.roster->members(u"朋友"_s), QList<Jid>{alice.jid()});
    // And the cache has it too.
    QCOMPARE(bob.store()->items(), bob.roster->items());
}

void tst_Roster::preApprovalSentWhereOffered()
{
    // RFC 6121 §3.4: Prosody advertises pre-approval, so a friend request also pre-approves the request
    // back: a 'subscribed' after the 'subscribe', before any request from them.
    Session alice;
    QVERIFY(alice.login(m_server, m_alice));
    QVERIFY(alice.roster->isPreApprovalSupported());
    const Jid bobJid = Jid::fromString(QString(m_bob + u"@localhost"));
    alice.roster->requestFriend(bobJid, {}, u"你好"_s);
    QVERIFY(waitFor([&] { return alice.sent.contains("type=\"subscribed\""); }));
    QVERIFY(alice.sent.indexOf("type=\"subscribe\"") < alice.sent.indexOf("type=\"subscribed\""));

    // Asking the same contact again sends no second pre-approval once they see our presence.
    Session bob;
    QVERIFY(bob.login(m_server, m_bob));
    QVERIFY(waitFor([&] { return !bob.roster->pendingRequests().isEmpty(); }));
    bob.roster->acceptFriend(alice.jid());
    QVERIFY(waitFor([&] { return alice.subscriptionOf(bobJid) == Subscription::Both; }));
    alice.sent.clear();
    alice.roster->requestFriend(bobJid, {}, u"再问一次"_s);
    QVERIFY(waitFor([&] { return alice.sent.contains("type=\"subscribe\""); }));
    QTest::qWait(200);
    QVERIFY(!alice.sent.contains("type=\"subscribed\""));
}

void tst_Roster::initialPresenceWaitsForRoster()
{
    // RFC 6121 §2.2: given the roster manager, the presence manager holds the initial presence until the
    // roster get is answered (a server fans our presence out to every contact before it answers what
    // follows it), and a presence chosen meanwhile is what goes out, once.
    Session alice;
    auto *presence = alice.client.addExtension<PresenceManager>();
    presence->setRosterManager(alice.roster);
    QByteArrayList presencesSent;
    bool rosterBeforePresence = true;
    connect(&alice.client, &XmppClient::xmlSent, this, [&](const QByteArray &xml) {
        if (!xml.startsWith("<presence"))
            return;
        presencesSent.append(xml);
        rosterBeforePresence = rosterBeforePresence && alice.roster->isRosterReceived();
    });
    connect(&alice.client, &XmppClient::connected, this,
            [&] { presence->setOwnPresence(Presence::Show::Away, u"午饭"_s); });
    alice.client.connectToHost(configFor(m_server, m_alice, Password));
    QVERIFY(waitConnected(alice.client));
    QVERIFY(waitFor([&] { return !presencesSent.isEmpty(); }));
    QVERIFY(rosterBeforePresence);
    QTest::qWait(200);
    QCOMPARE(presencesSent.size(), 1);
    QVERIFY(presencesSent.first().contains("<show>away</show>"));
}

void tst_Roster::refuse()
{
    Session alice;
    Session carol;
    QVERIFY(alice.login(m_server, m_alice));
    QVERIFY(carol.login(m_server, m_carol));
    QSignalSpy refused(carol.roster, &RosterManager::friendRequestRefused);

    carol.roster->requestFriend(alice.jid(), {}, u"加个好友吧"_s);
    QVERIFY(waitFor([&] { return alice.roster->pendingRequests().size() == 1; }));
    QVERIFY(waitFor([&] { return carol.roster->item(alice.jid()) && carol.roster->item(alice.jid())->pendingOut; }));
    // Without a group the contact is in the default group.
    QCOMPARE(carol.roster->members(RosterManager::defaultGroupName()), QList<Jid>{alice.jid()});

    alice.roster->refuseFriend(carol.jid());
    QVERIFY(alice.roster->pendingRequests().isEmpty());
    QVERIFY(waitFor([&] { return refused.size() == 1; }));
    QVERIFY(waitFor([&] { return !carol.roster->item(alice.jid())->pendingOut; }));
    QCOMPARE(carol.subscriptionOf(alice.jid()), Subscription::None);
    QVERIFY(!alice.roster->item(carol.jid()) || alice.subscriptionOf(carol.jid()) == Subscription::None);
}

void tst_Roster::removeFriend()
{
    Session alice;
    Session bob;
    QVERIFY(alice.login(m_server, m_alice));
    QVERIFY(bob.login(m_server, m_bob));
    befriend(alice, bob, u"同学"_s);
    QSignalSpy removed(alice.roster, &RosterManager::contactRemoved);
    QSignalSpy unsubscribed(bob.roster, &RosterManager::contactUnsubscribed);

    alice.roster->removeFriend(bob.jid());
    QVERIFY(waitFor([&] { return removed.size() == 1; }));
    QVERIFY(!alice.roster->item(bob.jid()));
    QVERIFY(alice.store()->items().isEmpty());
    // Bob keeps the item (it is his roster) but no longer shares presence either way.
    QVERIFY(waitFor([&] { return bob.subscriptionOf(alice.jid()) == Subscription::None; }));
    QVERIFY(waitFor([&] { return unsubscribed.size() >= 1; }));

    // removeContact: the plain roster remove, which the server turns into unsubscriptions (§2.5.2).
    befriend(alice, bob);
    removed.clear();
    alice.roster->removeContact(bob.jid());
    QVERIFY(waitFor([&] { return removed.size() == 1; }));
    QVERIFY(waitFor([&] { return bob.subscriptionOf(alice.jid()) == Subscription::None; }));
}

void tst_Roster::pendingRequestIsDeliveredOnce()
{
    Session alice;
    QVERIFY(alice.login(m_server, m_alice));
    alice.roster->requestFriend(Jid::fromString(QString(m_bob + u"@localhost")), {}, u"离线请求"_s);
    QVERIFY(waitFor([&] { return !alice.roster->items().isEmpty() && alice.roster->items().first().pendingOut; }));

    // Bob was offline: the server keeps the request and delivers it at his login, and at every login
    // until answered (RFC 6121 §3.1.3). The user sees it once.
    Session bob;
    QSignalSpy requests(bob.roster, &RosterManager::friendRequestReceived);
    QVERIFY(bob.login(m_server, m_bob));
    QVERIFY(waitFor([&] { return requests.size() == 1; }));
    QCOMPARE(requests.at(0).at(1).toString(), u"离线请求"_s);
    bob.logout();
    QVERIFY(bob.login(m_server, m_bob));
    QTest::qWait(500);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(bob.roster->pendingRequests().size(), 1);
}

void tst_Roster::groupRenameSurvivesReconnect()
{
    Session alice;
    Session bob;
    Session carol;
    QVERIFY(alice.login(m_server, m_alice));
    QVERIFY(bob.login(m_server, m_bob));
    QVERIFY(carol.login(m_server, m_carol));
    befriend(alice, bob, u"同学"_s);
    befriend(alice, carol, u"同学"_s);
    alice.roster->addContact(Jid::fromString(u"dave@localhost"_s), u"大卫"_s, {u"同学"_s, u"同事"_s});
    QVERIFY(waitFor([&] { return alice.roster->members(u"同学"_s).size() == 3; }));

    alice.roster->renameGroup(u"同学"_s, u"老同学"_s);
    QVERIFY(waitFor([&] { return alice.roster->members(u"老同学"_s).size() == 3; }));
    QCOMPARE(alice.roster->groups(), (QStringList{u"同事"_s, u"老同学"_s}));
    // Prosody keeps groups as a set: their order is not preserved.
    QStringList daveGroups = alice.roster->item(Jid::fromString(u"dave@localhost"_s))->groups;
    daveGroups.sort();
    QCOMPARE(daveGroups, (QStringList{u"同事"_s, u"老同学"_s}));

    alice.logout();
    QVERIFY(alice.login(m_server, m_alice));
    QCOMPARE(alice.roster->members(u"老同学"_s).size(), 3);
    // A login without any cache: it is the server's roster, not only ours.
    Session fresh(false);
    QVERIFY(fresh.login(m_server, m_alice));
    QCOMPARE(fresh.roster->members(u"老同学"_s).size(), 3);
    QVERIFY(fresh.roster->members(u"同学"_s).isEmpty());
    QCOMPARE(fresh.roster->item(bob.jid())->subscription, Subscription::Both);
}

void tst_Roster::removeGroup()
{
    Session alice;
    QVERIFY(alice.login(m_server, m_alice));
    const Jid x = Jid::fromString(u"x@localhost"_s);
    const Jid y = Jid::fromString(u"y@localhost"_s);
    const Jid z = Jid::fromString(u"z@localhost"_s);
    alice.roster->addContact(x, {}, {u"临时"_s});
    alice.roster->addContact(y, {}, {u"临时"_s, u"家人"_s});
    alice.roster->addContact(z, {}, {u"旧"_s});
    QVERIFY(waitFor([&] { return alice.roster->items().size() == 3; }));

    alice.roster->removeGroup(u"旧"_s, RosterManager::RemoveGroupMode::MoveMembersToDefault);
    QVERIFY(waitFor([&] { return alice.roster->members(RosterManager::defaultGroupName()) == QList<Jid>{z}; }));

    alice.roster->removeGroup(u"临时"_s, RosterManager::RemoveGroupMode::RemoveMembers);
    QVERIFY(waitFor([&] { return !alice.roster->item(x); }));
    QVERIFY(waitFor([&] { return alice.roster->item(y)->groups == QStringList{u"家人"_s}; }));
    QCOMPARE(alice.roster->groups(), QStringList{u"家人"_s});
}

void tst_Roster::cachedRosterTransfersOnlyChanges()
{
    Session bob;
    Session carol;
    QVERIFY(bob.login(m_server, m_bob));
    QVERIFY(carol.login(m_server, m_carol));
    QString version;
    {
        Session alice;
        QVERIFY(alice.login(m_server, m_alice));
        befriend(alice, bob);
        befriend(alice, carol);
        alice.roster->addContact(Jid::fromString(u"dave@localhost"_s), u"大卫"_s);
        QVERIFY(waitFor([&] { return alice.roster->items().size() == 3; }));
        QVERIFY(waitFor([&] { return alice.store()->items() == alice.roster->items(); }));
        version = alice.store()->version();
        QVERIFY(!version.isEmpty());

        // Unchanged roster: the second login of this profile asks with its version and gets an empty
        // result (RFC 6121 §2.6.3); the contacts are there from the cache before the answer.
        alice.logout();
        QSignalSpy added(alice.roster, &RosterManager::contactAdded);
        QSignalSpy changed(alice.roster, &RosterManager::contactChanged);
        QVERIFY(alice.login(m_server, m_alice));
        QVERIFY(alice.sent.contains(QByteArray("ver=\"" + version.toUtf8() + '"')));
        QCOMPARE(alice.received.count("<item"), 0);   // the answer (rosterReceived) carried no item
        QCOMPARE(alice.roster->items().size(), 3);
        QCOMPARE(added.size() + changed.size(), 0);
        QCOMPARE(alice.store()->version(), version);
    }

    // Another device of alice's changes the roster while this profile is offline.
    Session other(false);
    QVERIFY(other.login(m_server, m_alice));
    other.roster->renameContact(bob.jid(), u"鲍勃"_s);
    other.roster->addContact(Jid::fromString(u"erin@localhost"_s));
    QVERIFY(waitFor([&] { return other.roster->items().size() == 4; }));
    QVERIFY(waitFor([&] { return other.roster->item(bob.jid())->name == u"鲍勃"; }));
    other.logout();

    // A profile whose cache holds the old version (as the one above left it): Prosody 13 answers a stale version with the full roster
    // (a server may also send only pushes, §2.6.3); either way only the difference reaches observers.
    QTemporaryDir dir;
    Database db;
    QVERIFY(db.open(Database::filePath(dir.path())));
    RosterStore store(db);
    QList<RosterItem> cached;
    for (const QString &user : {m_bob, m_carol}) {
        RosterItem item;
        item.jid = Jid::fromString(QString(user + u"@localhost"));
        item.subscription = Subscription::Both;
        cached << item;
    }
    RosterItem dave;
    dave.jid = Jid::fromString(u"dave@localhost"_s);
    dave.name = u"大卫"_s;
    cached << dave;
    QVERIFY(store.replaceAll(cached, version));

    XmppClient client;
    auto *roster = client.addExtension<RosterManager>(&store);
    QCOMPARE(roster->items().size(), 3);   // before any network traffic
    QSignalSpy added(roster, &RosterManager::contactAdded);
    QSignalSpy changed(roster, &RosterManager::contactChanged);
    QSignalSpy removed(roster, &RosterManager::contactRemoved);
    QSignalSpy received(roster, &RosterManager::rosterReceived);
    client.connectToHost(configFor(m_server, m_alice, Password));
    QVERIFY(waitConnected(client));
    QVERIFY(waitFor([&] { return received.size() == 1; }));
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(0).value<Jid>(), Jid::fromString(u"erin@localhost"_s));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<Jid>(), bob.jid());
    QCOMPARE(removed.size(), 0);
    QCOMPARE(roster->items().size(), 4);
    QVERIFY(store.version() != version);
    QCOMPARE(store.items(), roster->items());
    client.disconnectFromHost();
    QVERIFY(waitDisconnected(client));
}

void tst_Roster::rosterLargerThanElementLimit()
{
    // 12,000 contacts make a roster result of about 1.5 MB, over the 1 MB a single stanza may have: its items
    // are read one by one (StreamParser::childReceived), so the login works and no DOM of it is built.
    constexpr int Contacts = 12000;
    QList<RosterItem> items;
    for (int i = 0; i < Contacts; ++i) {
        RosterItem item;
        item.jid = Jid::fromString(u"联系人%1@localhost"_s.arg(i));
        item.name = u"联系人 %1 \"备注\""_s.arg(i);
        item.subscription = Subscription::Both;
        item.groups = {u"分组 %1"_s.arg(i % 50), u"All"_s};
        items.append(item);
    }
    QString error;
    QVERIFY2(m_server.seedRoster(m_alice, items, &error), qPrintable(error));

    Session alice;
    QVERIFY(alice.login(m_server, m_alice));
    QVERIFY2(alice.received.size() > StreamParser().limits().maxElementBytes,
             QByteArray::number(alice.received.size()));
    QCOMPARE(alice.roster->items().size(), Contacts);
    const std::optional<RosterItem> last = alice.roster->item(items.last().jid);
    QVERIFY(last);
    QCOMPARE(last->name, items.last().name);
    QStringList groups = last->groups;
    groups.sort();
    QCOMPARE(groups, (QStringList{u"All"_s, u"分组 49"_s}));
    QCOMPARE(alice.store()->items().size(), Contacts);
    QVERIFY(!alice.store()->version().isEmpty());
    QVERIFY(alice.client.isConnected());
}

void tst_Roster::forgedPushChangesNothing()
{
    Session alice;
    Session bob;
    QVERIFY(alice.login(m_server, m_alice));
    QVERIFY(bob.login(m_server, m_bob));
    befriend(alice, bob);
    QSignalSpy added(alice.roster, &RosterManager::contactAdded);
    QSignalSpy changed(alice.roster, &RosterManager::contactChanged);
    const QList<RosterItem> before = alice.roster->items();

    // docs/SECURITY.md rule 3: Prosody relays this to alice verbatim, stamped from bob's full JID.
    for (const QString &item : {u"<item jid='evil@localhost' name='evil'/>"_s,
                                QString(u"<item jid='" + bob.jid().toString() + u"' subscription='remove'/>")}) {
        Iq forged;
        forged.type = Iq::Type::Set;
        forged.to = alice.client.jid();
        forged.payload = XmlWriter::parseElement(u"<query xmlns='jabber:iq:roster'>"_s + item + u"</query>"_s);
        std::optional<IqReply> answer;
        bob.client.sendIq(forged, &bob.client, [&](const IqReply &reply) { answer = reply; });
        QVERIFY(waitFor([&] { return answer.has_value(); }));
        // Never a result: the push was not accepted.
        QCOMPARE(answer->status, IqReply::Status::Error);
        QCOMPARE(answer->iq.error->condition, StanzaError::Condition::ServiceUnavailable);
    }
    QTest::qWait(200);
    QCOMPARE(added.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(alice.roster->items(), before);
    QCOMPARE(alice.store()->items(), before);
    QVERIFY(!alice.roster->item(Jid::fromString(u"evil@localhost"_s)));
}

void tst_Roster::acceptAllMode()
{
    Session bob;
    Session carol;
    QVERIFY(bob.login(m_server, m_bob));
    QVERIFY(carol.login(m_server, m_carol));
    bob.roster->setSubscriptionMode(RosterManager::SubscriptionMode::AcceptAll);
    QSignalSpy requests(bob.roster, &RosterManager::friendRequestReceived);

    carol.roster->requestFriend(bob.jid(), u"同事"_s, u"你好"_s);
    QVERIFY(waitFor([&] { return carol.subscriptionOf(bob.jid()) == Subscription::Both; }));
    QVERIFY(waitFor([&] { return bob.subscriptionOf(carol.jid()) == Subscription::Both; }));
    QCOMPARE(requests.size(), 0);
    QVERIFY(bob.roster->pendingRequests().isEmpty());
    QCOMPARE(bob.roster->item(carol.jid())->groups, QStringList{});
    QCOMPARE(carol.roster->item(bob.jid())->groups, QStringList{u"同事"_s});
}

void tst_Roster::rejectAllMode()
{
    Session bob;
    Session carol;
    QVERIFY(bob.login(m_server, m_bob));
    QVERIFY(carol.login(m_server, m_carol));
    bob.roster->setSubscriptionMode(RosterManager::SubscriptionMode::RejectAll);
    QSignalSpy requests(bob.roster, &RosterManager::friendRequestReceived);
    QSignalSpy refused(carol.roster, &RosterManager::friendRequestRefused);

    carol.roster->requestFriend(bob.jid(), {}, u"你好"_s);
    QVERIFY(waitFor([&] { return refused.size() == 1; }));
    QVERIFY(waitFor([&] { return !carol.roster->item(bob.jid())->pendingOut; }));
    QCOMPARE(carol.subscriptionOf(bob.jid()), Subscription::None);
    QCOMPARE(requests.size(), 0);
    QVERIFY(!bob.roster->item(carol.jid()) || bob.subscriptionOf(carol.jid()) == Subscription::None);
}

QTEST_GUILESS_MAIN(tst_Roster)
#include "tst_roster.moc"
