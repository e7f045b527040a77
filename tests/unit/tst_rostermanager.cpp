// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// RosterManager by XML in, XML out (RFC 6121 §2 roster, §2.6 versioning, §3 subscriptions): what it sends
// for each operation, how it takes each answer (result, error, timeout, a dropped connection), and what it
// does with forged and malformed input. No server, no socket.
#include "TestClient.h"

#include "extensions/RosterManager.h"
#include "storage/Database.h"
#include "storage/RosterStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString Me = u"alice@example.org/desk"_s;
const Jid Bob = Jid::fromString(u"bob@example.org"_s);
const Jid Carol = Jid::fromString(u"carol@example.org"_s);

RosterItem rosterItem(const QString &jid, RosterItem::Subscription subscription, const QStringList &groups = {},
                      const QString &name = {})
{
    RosterItem item;
    item.jid = Jid::fromString(jid);
    item.subscription = subscription;
    item.groups = groups;
    item.name = name;
    return item;
}

/// A profile database with a cached roster, as at start-up.
struct Cache
{
    QTemporaryDir dir;
    Database database;
    std::unique_ptr<RosterStore> store;

    Cache(const QList<RosterItem> &items, const QString &version)
    {
        if (!dir.isValid() || !database.open(Database::filePath(dir.path())))
            qFatal("cannot open the test database");
        store = std::make_unique<RosterStore>(database);
        if (!items.isEmpty() || !version.isEmpty())
            store->replaceAll(items, version);
    }
};

/// A client signed in whose roster get (id1) is still unanswered, or answered with @p items.
struct Session
{
    TestClient client;
    RosterManager *roster;

    explicit Session(RosterStore *store = nullptr, const QString &features = {},
                     std::chrono::milliseconds iqTimeout = 30s)
    {
        roster = client.addExtension<RosterManager>(store);
        ConnectionConfiguration config = client.configuration();
        config.iqTimeout = iqTimeout;
        client.setConfiguration(config);
        client.setKeepSessionStart(true);
        if (!client.connectAs(Me, features))
            qFatal("TestClient did not sign in");
    }

    /// Answers the roster get with @p itemsXml and forgets what was sent: a session with a known roster.
    void answerRoster(const QString &itemsXml = {})
    {
        client.takeSent();
        client.inject(u"<iq type='result' id='id1'><query xmlns='jabber:iq:roster'>%1</query></iq>"_s.arg(itemsXml));
        client.clearSent();
        client.resetIds();
    }
};

QString push(const QString &id, const QString &item, const QString &from = {})
{
    const QString fromAttribute = from.isEmpty() ? QString() : u" from='%1'"_s.arg(from);
    return u"<iq type='set' id='%1'%2><query xmlns='jabber:iq:roster'>%3</query></iq>"_s.arg(id, fromAttribute, item);
}

const QString BobItem = u"<item jid='bob@example.org' name='小波' subscription='both'><group>同学</group></item>"_s;

} // namespace

class tst_RosterManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Roster get (RFC 6121 §2.2, versioning §2.6)
    void initialGetWithoutVersion();
    void initialGetWithCachedVersion();
    void versionedAnswerReplacesCache();
    void rosterGetFails_data();
    void rosterGetFails();
    void rosterAnswerFromElsewhereIgnored();
    // Pushes (§2.1.6)
    void pushAddsChangesRemoves();
    void pushFromOwnBareJidAccepted();
    void forgedPushIgnored_data();
    void forgedPushIgnored();
    void malformedPushRefused_data();
    void malformedPushRefused();
    // Roster sets (§2.3-2.5)
    void addContactSendsSet();
    void renameAndGroupsKeepTheRest();
    void renameGroupAndRemoveGroup();
    void rosterSetFails_data();
    void rosterSetFails();
    // Subscriptions (§3)
    void requestFriendSendsSetAndSubscribe();
    void requestFriendPreApprovesWhereOffered();
    void acceptRefuseRemoveFriend();
    void incomingRequestManual();
    void incomingRequestAutomaticModes();
    void requestBackFromSomeoneWeAskedIsApproved();
    void subscriptionAnswersOnlySignal();
    void ownAndAnonymousSubscribeIgnored();
};

// ---------------------------------------------------------------------------------------------------------
// Roster get

void tst_RosterManager::initialGetWithoutVersion()
{
    // §2.6.1: no cached version, no 'ver'. The answer's items (Chinese names, groups) become the roster and
    // its version is cached for the next login.
    Cache cache({}, {});
    Session session(cache.store.get());
    QSignalSpy received(session.roster, &RosterManager::rosterReceived);
    QSignalSpy added(session.roster, &RosterManager::contactAdded);
    session.client.expect(u"<iq type='get' id='id1'><query xmlns='jabber:iq:roster'/></iq>"_s);
    session.client.expectNoSent();
    QVERIFY(!session.roster->isRosterReceived());

    session.client.inject(u"<iq type='result' id='id1'><query xmlns='jabber:iq:roster' ver='v1'>"_s + BobItem
                          + u"<item jid='carol@example.org' subscription='to' ask='subscribe'/></query></iq>"_s);
    QCOMPARE(received.size(), 1);
    QCOMPARE(added.size(), 2);
    QVERIFY(session.roster->isRosterReceived());
    QCOMPARE(session.roster->items(),
             (QList<RosterItem>{
                 rosterItem(u"bob@example.org"_s, RosterItem::Subscription::Both, {u"同学"_s}, u"小波"_s), [] {
        RosterItem carol = rosterItem(u"carol@example.org"_s, RosterItem::Subscription::To);
        carol.pendingOut = true;
        return carol;
    }()}));
    QCOMPARE(session.roster->groups(), QStringList{u"同学"_s});
    QCOMPARE(session.roster->members(RosterManager::defaultGroupName()), QList<Jid>{Carol});
    QCOMPARE(cache.store->version(), u"v1"_s);
    QCOMPARE(cache.store->items().size(), 2);
    session.client.expectNoSent();
}

void tst_RosterManager::initialGetWithCachedVersion()
{
    // §2.6.3: with the cached version, an empty result means the cache is current: nothing changes.
    Cache cache({rosterItem(u"bob@example.org"_s, RosterItem::Subscription::Both)}, u"v7"_s);
    Session session(cache.store.get());
    QCOMPARE(session.roster->itemCount(), 1);   // shown from the cache before the server answers
    QSignalSpy received(session.roster, &RosterManager::rosterReceived);
    QSignalSpy added(session.roster, &RosterManager::contactAdded);
    QSignalSpy removed(session.roster, &RosterManager::contactRemoved);
    session.client.expect(u"<iq type='get' id='id1'><query xmlns='jabber:iq:roster' ver='v7'/></iq>"_s);
    session.client.inject(u"<iq type='result' id='id1'/>"_s);
    QCOMPARE(received.size(), 1);
    QCOMPARE(added.size() + removed.size(), 0);
    QVERIFY(session.roster->contains(Bob));
    QCOMPARE(cache.store->version(), u"v7"_s);

    // The changes follow as pushes, each with its version (§2.6.3).
    session.client.inject(push(u"p1"_s, u"<item jid='carol@example.org' subscription='from'/>"_s)
                              .replace(u"jabber:iq:roster'"_s, u"jabber:iq:roster' ver='v8'"_s));
    session.client.expect(u"<iq type='result' id='p1' to='alice@example.org'/>"_s);
    QCOMPARE(added.size(), 1);
    QCOMPARE(cache.store->version(), u"v8"_s);
    QCOMPARE(cache.store->items().size(), 2);
}

void tst_RosterManager::versionedAnswerReplacesCache()
{
    // A full answer replaces the cache; observers hear of each difference from what they were shown.
    Cache cache({rosterItem(u"bob@example.org"_s, RosterItem::Subscription::Both),
                 rosterItem(u"dave@example.org"_s, RosterItem::Subscription::Both)},
                u"v1"_s);
    Session session(cache.store.get());
    QSignalSpy added(session.roster, &RosterManager::contactAdded);
    QSignalSpy changed(session.roster, &RosterManager::contactChanged);
    QSignalSpy removed(session.roster, &RosterManager::contactRemoved);
    session.client.takeSent();
    session.client.inject(u"<iq type='result' id='id1'><query xmlns='jabber:iq:roster' ver='v2'>"_s + BobItem
                          + u"<item jid='carol@example.org'/></query></iq>"_s);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(0).value<Jid>(), Carol);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<Jid>(), Bob);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(0).value<Jid>(), Jid::fromString(u"dave@example.org"_s));
    QCOMPARE(cache.store->version(), u"v2"_s);
    QCOMPARE(cache.store->items().size(), 2);
}

void tst_RosterManager::rosterGetFails_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("error") << u"error"_s;
    QTest::newRow("timeout") << u"timeout"_s;
    QTest::newRow("disconnect") << u"disconnect"_s;
}

void tst_RosterManager::rosterGetFails()
{
    // The cache stays what the user sees; rosterRequestFailed lets the initial presence go out anyway.
    QFETCH(QString, how);
    Cache cache({rosterItem(u"bob@example.org"_s, RosterItem::Subscription::Both)}, u"v3"_s);
    Session session(cache.store.get(), {}, 50ms);
    QSignalSpy failed(session.roster, &RosterManager::rosterRequestFailed);
    QSignalSpy received(session.roster, &RosterManager::rosterReceived);
    session.client.takeSent();
    if (how == u"error") {
        session.client.inject(u"<iq type='error' id='id1'><error type='wait'>"
                              "<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
        QCOMPARE(failed.size(), 1);
    } else if (how == u"timeout") {
        QVERIFY(failed.wait(2000));
    } else {
        session.client.dropConnection();
        QCOMPARE(failed.size(), 1);
    }
    QCOMPARE(received.size(), 0);
    QVERIFY(!session.roster->isRosterReceived());
    QCOMPARE(session.roster->items(), cache.store->items());
    QCOMPARE(cache.store->version(), u"v3"_s);
}

void tst_RosterManager::rosterAnswerFromElsewhereIgnored()
{
    // RFC 6120 §8.1.2.1, docs/SECURITY.md rule 3: the roster get went to our account; an "answer" from anyone
    // else is no answer, and its items (read one by one as they stream in) must not slip into the roster.
    Session session;
    QSignalSpy received(session.roster, &RosterManager::rosterReceived);
    session.client.takeSent();
    session.client.inject(u"<iq type='result' id='id1' from='mallory@evil.example/x'><query xmlns='jabber:iq:roster'>"
                          "<item jid='mallory@evil.example' subscription='both' name='老板'/></query></iq>"_s);
    QCOMPARE(received.size(), 0);
    QCOMPARE(session.roster->itemCount(), 0);
    session.client.inject(u"<iq type='result' id='id1' from='alice@example.org'><query xmlns='jabber:iq:roster'>"_s
                          + BobItem + u"</query></iq>"_s);
    QCOMPARE(received.size(), 1);
    QCOMPARE(session.roster->items().size(), 1);
    QVERIFY(session.roster->contains(Bob));
    QVERIFY(!session.roster->contains(Jid::fromString(u"mallory@evil.example"_s)));
}

// ---------------------------------------------------------------------------------------------------------
// Pushes

void tst_RosterManager::pushAddsChangesRemoves()
{
    // §2.1.6: each push is acknowledged with a result and changes one item. No 'from' is our own account
    // (RFC 6120 §8.1.2.1); the client stamps our bare JID, to which the result goes.
    Session session;
    session.answerRoster();
    QSignalSpy added(session.roster, &RosterManager::contactAdded);
    QSignalSpy changed(session.roster, &RosterManager::contactChanged);
    QSignalSpy removed(session.roster, &RosterManager::contactRemoved);

    session.client.inject(push(u"p1"_s, BobItem));
    session.client.expect(u"<iq type='result' id='p1' to='alice@example.org'/>"_s);
    QCOMPARE(added.size(), 1);
    QCOMPARE(session.roster->item(Bob)->name, u"小波"_s);

    session.client.inject(push(u"p2"_s, BobItem));   // the same again: acknowledged, no change
    session.client.expect(u"<iq type='result' id='p2' to='alice@example.org'/>"_s);
    QCOMPARE(changed.size(), 0);

    session.client.inject(
        push(u"p3"_s, u"<item jid='bob@example.org' subscription='both'><group>同事</group></item>"_s));
    session.client.expect(u"<iq type='result' id='p3' to='alice@example.org'/>"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(session.roster->item(Bob)->groups, QStringList{u"同事"_s});
    QVERIFY(session.roster->item(Bob)->name.isEmpty());

    session.client.inject(push(u"p4"_s, u"<item jid='bob@example.org' subscription='remove'/>"_s));
    session.client.expect(u"<iq type='result' id='p4' to='alice@example.org'/>"_s);
    QCOMPARE(removed.size(), 1);
    QVERIFY(!session.roster->contains(Bob));
    // Removing what is not there is acknowledged and announces nothing.
    session.client.inject(push(u"p5"_s, u"<item jid='bob@example.org' subscription='remove'/>"_s));
    session.client.expect(u"<iq type='result' id='p5' to='alice@example.org'/>"_s);
    QCOMPARE(removed.size(), 1);
    session.client.expectNoSent();
}

void tst_RosterManager::pushFromOwnBareJidAccepted()
{
    // §2.1.6: some servers stamp the push with our bare JID; that is our account too.
    Session session;
    session.answerRoster();
    session.client.inject(push(u"p1"_s, BobItem, u"alice@example.org"_s));
    session.client.expect(u"<iq type='result' id='p1' to='alice@example.org'/>"_s);
    QVERIFY(session.roster->contains(Bob));
}

void tst_RosterManager::forgedPushIgnored_data()
{
    QTest::addColumn<QString>("from");
    QTest::newRow("a contact") << u"bob@example.org/pc"_s;
    QTest::newRow("a stranger's bare JID") << u"mallory@evil.example"_s;
    QTest::newRow("our server's domain") << u"example.org"_s;
    QTest::newRow("our own full JID") << u"alice@example.org/phone"_s;
}

void tst_RosterManager::forgedPushIgnored()
{
    // RFC 6121 §2.1.6 and docs/SECURITY.md rule 3 (CVE-2017-5589's family): a push is valid only with no 'from'
    // or our bare JID. Anything else changes nothing and is not taken, so the client answers it as any request
    // nobody handles (RFC 6120 §8.4: service-unavailable) - never a result, which would tell the sender the
    // push was accepted.
    QFETCH(QString, from);
    Session session;
    session.answerRoster(u"<item jid='carol@example.org' subscription='both'/>"_s);
    QSignalSpy added(session.roster, &RosterManager::contactAdded);
    QSignalSpy removed(session.roster, &RosterManager::contactRemoved);
    session.client.inject(push(u"f1"_s, u"<item jid='mallory@evil.example' subscription='both' name='老板'/>"_s, from));
    session.client.expect(u"<iq type='error' id='f1' to='%1'><error type='cancel'><service-unavailable "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s.arg(from));
    session.client.inject(push(u"f2"_s, u"<item jid='carol@example.org' subscription='remove'/>"_s, from));
    session.client.takeSent();
    QCOMPARE(added.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(session.roster->itemCount(), 1);
    QVERIFY(session.roster->contains(Carol));
}

void tst_RosterManager::malformedPushRefused_data()
{
    QTest::addColumn<QString>("items");
    QTest::newRow("two items") << BobItem + u"<item jid='carol@example.org'/>"_s;
    QTest::newRow("no item") << QString();
    QTest::newRow("a full JID") << u"<item jid='bob@example.org/pc'/>"_s;
    QTest::newRow("no jid") << u"<item name='谁'/>"_s;
    QTest::newRow("an invalid JID") << u"<item jid='bob@@example.org'/>"_s;
    QTest::newRow("one valid, one not") << BobItem + u"<item jid=''/>"_s;
}

void tst_RosterManager::malformedPushRefused()
{
    // §2.1.6: a push carries exactly one item; anything else is a bad request and changes nothing.
    QFETCH(QString, items);
    Session session;
    session.answerRoster();
    QSignalSpy added(session.roster, &RosterManager::contactAdded);
    session.client.inject(push(u"m1"_s, items));
    session.client.expect(u"<iq type='error' id='m1' to='alice@example.org'><error type='modify'>"
                          "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    session.client.expectNoSent();
    QCOMPARE(added.size(), 0);
    QCOMPARE(session.roster->itemCount(), 0);
}

// ---------------------------------------------------------------------------------------------------------
// Roster sets

void tst_RosterManager::addContactSendsSet()
{
    // §2.3: a set with the item; the list changes only when the server pushes it back (§2.1.5).
    Session session;
    session.answerRoster();
    QSignalSpy added(session.roster, &RosterManager::contactAdded);
    QSignalSpy failed(session.roster, &RosterManager::contactUpdateFailed);
    session.roster->addContact(Jid::fromString(u"bob@example.org/pc"_s), u"小波"_s, {u"同学"_s, u"球友"_s});
    session.client.expect(u"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'><item jid='bob@example.org' "
                          "name='小波'><group>同学</group><group>球友</group></item></query></iq>"_s);
    session.client.inject(u"<iq type='result' id='id1'/>"_s);
    QCOMPARE(added.size(), 0);
    QCOMPARE(failed.size(), 0);
    session.client.inject(push(u"p1"_s, BobItem));
    QCOMPARE(added.size(), 1);

    // removeContact: subscription='remove' and nothing else (§2.5.1).
    session.client.clearSent();
    session.roster->removeContact(Bob);
    session.client.expect(u"<iq type='set' id='id2'><query xmlns='jabber:iq:roster'>"
                          "<item jid='bob@example.org' subscription='remove'/></query></iq>"_s);
}

void tst_RosterManager::renameAndGroupsKeepTheRest()
{
    // §2.1.2: a set replaces the whole item, so a rename re-sends the groups and a group change the name.
    // The subscription state is the server's: a client never sends it, nor ask or approved.
    Session session;
    session.answerRoster(u"<item jid='bob@example.org' name='小波' subscription='both' ask='subscribe' approved='true'>"
                         "<group>同学</group></item>"_s);
    session.roster->renameContact(Bob, u"波波"_s);
    session.client.expect(u"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'><item jid='bob@example.org' "
                          "name='波波'><group>同学</group></item></query></iq>"_s);
    session.roster->setGroups(Bob, {u"家人"_s});
    session.client.expect(u"<iq type='set' id='id2'><query xmlns='jabber:iq:roster'><item jid='bob@example.org' "
                          "name='小波'><group>家人</group></item></query></iq>"_s);
    session.roster->renameContact(Bob, {});
    session.client.expect(u"<iq type='set' id='id3'><query xmlns='jabber:iq:roster'><item jid='bob@example.org'>"
                          "<group>同学</group></item></query></iq>"_s);
    session.client.expectNoSent();
}

void tst_RosterManager::renameGroupAndRemoveGroup()
{
    // RFC 6121 has no group objects: one set per member, in JID order.
    Session session;
    session.answerRoster(
        u"<item jid='bob@example.org' subscription='both'><group>同学</group></item>"
        "<item jid='carol@example.org' subscription='both'><group>同学</group><group>同事</group></item>"
        "<item jid='dave@example.org' subscription='both'><group>家人</group></item>"_s);
    session.roster->renameGroup(u"同学"_s, u"老同学"_s);
    session.client.expect(u"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'><item jid='bob@example.org'>"
                          "<group>老同学</group></item></query></iq>"_s);
    session.client.expect(u"<iq type='set' id='id2'><query xmlns='jabber:iq:roster'><item jid='carol@example.org'>"
                          "<group>老同学</group><group>同事</group></item></query></iq>"_s);
    session.client.expectNoSent();

    // Removing the group with its members: those only in it go (remove), the others only lose it.
    session.roster->removeGroup(u"同学"_s, RosterManager::RemoveGroupMode::RemoveMembers);
    session.client.expect(u"<iq type='set' id='id3'><query xmlns='jabber:iq:roster'>"
                          "<item jid='bob@example.org' subscription='remove'/></query></iq>"_s);
    session.client.expect(u"<iq type='set' id='id4'><query xmlns='jabber:iq:roster'><item jid='carol@example.org'>"
                          "<group>同事</group></item></query></iq>"_s);
    // Moving the members to the default group: they keep no group at all (§2.1.2.4).
    session.roster->removeGroup(u"家人"_s);
    session.client.expect(u"<iq type='set' id='id5'><query xmlns='jabber:iq:roster'>"
                          "<item jid='dave@example.org'/></query></iq>"_s);
    session.client.expectNoSent();
}

void tst_RosterManager::rosterSetFails_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not-allowed") << u"<error type='cancel'><not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                                    "</error>"_s
                                 << u"not-allowed"_s;
    QTest::newRow("not-acceptable") << u"<error type='modify'><not-acceptable "
                                       "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"_s
                                    << u"not-acceptable"_s;
    QTest::newRow("timeout") << QString() << u"timeout"_s;
    QTest::newRow("disconnect") << u"drop"_s << u"disconnected"_s;
}

void tst_RosterManager::rosterSetFails()
{
    // §2.3.3: a refused set changes nothing; the UI hears which contact and why.
    QFETCH(QString, how);
    QFETCH(QString, reason);
    Session session(nullptr, {}, 50ms);
    session.answerRoster();
    QSignalSpy failed(session.roster, &RosterManager::contactUpdateFailed);
    session.roster->addContact(Bob, u"小波"_s);
    session.client.takeSent();
    if (how == u"drop")
        session.client.dropConnection();
    else if (!how.isEmpty())
        session.client.inject(u"<iq type='error' id='id1'>%1</iq>"_s.arg(how));
    else
        QVERIFY(failed.wait(2000));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<Jid>(), Bob);
    QCOMPARE(failed.at(0).at(1).toString(), reason);
    QVERIFY(!session.roster->contains(Bob));
}

// ---------------------------------------------------------------------------------------------------------
// Subscriptions

void tst_RosterManager::requestFriendSendsSetAndSubscribe()
{
    // §3.1.1 with the item in the chosen group first (§2.3), the greeting as status and our nickname
    // (XEP-0172 §4.2). Without server support no pre-approval is sent (§3.4: it would be dropped).
    Session session;
    session.answerRoster();
    QVERIFY(!session.roster->isPreApprovalSupported());
    session.roster->setNickname(u"爱丽丝"_s);
    session.roster->requestFriend(Jid::fromString(u"bob@example.org/pc"_s), u"同学"_s, u"我是爱丽丝"_s);
    session.client.expect(u"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'><item jid='bob@example.org'>"
                          "<group>同学</group></item></query></iq>"_s);
    session.client.expect(u"<presence type='subscribe' to='bob@example.org'><status>我是爱丽丝</status>"
                          "<nick xmlns='http://jabber.org/protocol/nick'>爱丽丝</nick></presence>"_s);
    session.client.expectNoSent();

    // The default group is no group.
    session.roster->setNickname({});
    session.roster->requestFriend(Carol, RosterManager::defaultGroupName());
    session.client.expect(u"<iq type='set' id='id2'><query xmlns='jabber:iq:roster'>"
                          "<item jid='carol@example.org'/></query></iq>"_s);
    session.client.expect(u"<presence type='subscribe' to='carol@example.org'/>"_s);
    session.client.expectNoSent();
}

void tst_RosterManager::requestFriendPreApprovesWhereOffered()
{
    // §3.4: where the server offers pre-approval, asking also pre-approves their request back; not for a
    // contact that already sees our presence or is approved already.
    Session session(nullptr, u"<sub xmlns='urn:xmpp:features:pre-approval'/>"_s);
    session.answerRoster(u"<item jid='carol@example.org' subscription='from'/>"_s);
    QVERIFY(session.roster->isPreApprovalSupported());
    session.roster->requestFriend(Bob);
    session.client.expect(u"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'>"
                          "<item jid='bob@example.org'/></query></iq>"_s);
    session.client.expect(u"<presence type='subscribe' to='bob@example.org'/>"_s);
    session.client.expect(u"<presence type='subscribed' to='bob@example.org'/>"_s);
    session.roster->requestFriend(Carol);
    session.client.expect(u"<iq type='set' id='id2'><query xmlns='jabber:iq:roster'>"
                          "<item jid='carol@example.org'/></query></iq>"_s);
    session.client.expect(u"<presence type='subscribe' to='carol@example.org'/>"_s);
    session.client.expectNoSent();
}

void tst_RosterManager::acceptRefuseRemoveFriend()
{
    Session session;
    session.answerRoster(u"<item jid='carol@example.org' subscription='to'/>"_s);
    // §3.1.4: a stranger accepted into a group with a remark: the item first, then approve and ask back.
    session.roster->acceptFriend(Bob, u"同学"_s, u"小波"_s);
    session.client.expect(u"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'><item jid='bob@example.org' "
                          "name='小波'><group>同学</group></item></query></iq>"_s);
    session.client.expect(u"<presence type='subscribed' to='bob@example.org'/>"_s);
    session.client.expect(u"<presence type='subscribe' to='bob@example.org'/>"_s);
    // Someone whose presence we see already: approve only.
    session.roster->acceptFriend(Carol);
    session.client.expect(u"<presence type='subscribed' to='carol@example.org'/>"_s);
    session.client.expectNoSent();
    // §3.2.1: refusing is 'unsubscribed'.
    session.roster->refuseFriend(Jid::fromString(u"mallory@evil.example/x"_s));
    session.client.expect(u"<presence type='unsubscribed' to='mallory@evil.example'/>"_s);
    // Ending a friendship: both subscriptions, then the item (§3.3, §3.2, §2.5).
    session.roster->removeFriend(Carol);
    session.client.expect(u"<presence type='unsubscribe' to='carol@example.org'/>"_s);
    session.client.expect(u"<presence type='unsubscribed' to='carol@example.org'/>"_s);
    session.client.expect(u"<iq type='set' id='id2'><query xmlns='jabber:iq:roster'>"
                          "<item jid='carol@example.org' subscription='remove'/></query></iq>"_s);
    session.client.expectNoSent();
}

void tst_RosterManager::incomingRequestManual()
{
    // §3.1.3: the request waits for the user, with its greeting and XEP-0172 nickname (remote text, shown as
    // plain text: docs/SECURITY.md rule 5). Nothing is sent until the user answers.
    Session session;
    session.answerRoster();
    QSignalSpy received(session.roster, &RosterManager::friendRequestReceived);
    session.client.inject(u"<presence type='subscribe' from='bob@example.org/pc'><status>我是小波&lt;b&gt;</status>"
                          "<nick xmlns='http://jabber.org/protocol/nick'>小波</nick></presence>"_s);
    session.client.expectNoSent();
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<Jid>(), Bob);
    QCOMPARE(received.at(0).at(1).toString(), u"我是小波<b>"_s);
    QCOMPARE(received.at(0).at(2).toString(), u"小波"_s);
    QCOMPARE(session.roster->pendingRequests(),
             (QList<RosterManager::FriendRequest>{{Bob, u"我是小波<b>"_s, u"小波"_s}}));

    // Delivered again at the next login (§3.1.3): one entry still.
    session.client.inject(u"<presence type='subscribe' from='bob@example.org'><status>我是小波&lt;b&gt;</status>"
                          "<nick xmlns='http://jabber.org/protocol/nick'>小波</nick></presence>"_s);
    QCOMPARE(session.roster->pendingRequests().size(), 1);
    // Withdrawn (§3.2): gone.
    QSignalSpy unsubscribed(session.roster, &RosterManager::contactUnsubscribed);
    session.client.inject(u"<presence type='unsubscribe' from='bob@example.org'/>"_s);
    QVERIFY(session.roster->pendingRequests().isEmpty());
    QCOMPARE(unsubscribed.size(), 1);
    // Approved from another resource of ours: the push says so, the request is no longer pending.
    session.client.inject(u"<presence type='subscribe' from='carol@example.org'/>"_s);
    QCOMPARE(session.roster->pendingRequests().size(), 1);
    session.client.inject(push(u"p1"_s, u"<item jid='carol@example.org' subscription='from'/>"_s));
    QVERIFY(session.roster->pendingRequests().isEmpty());
}

void tst_RosterManager::incomingRequestAutomaticModes()
{
    Session session;
    session.answerRoster();
    QSignalSpy received(session.roster, &RosterManager::friendRequestReceived);
    session.roster->setSubscriptionMode(RosterManager::SubscriptionMode::AcceptAll);
    session.client.inject(u"<presence type='subscribe' from='bob@example.org'/>"_s);
    session.client.expect(u"<iq type='set' id='id1'><query xmlns='jabber:iq:roster'>"
                          "<item jid='bob@example.org'/></query></iq>"_s);
    session.client.expect(u"<presence type='subscribed' to='bob@example.org'/>"_s);
    session.client.expect(u"<presence type='subscribe' to='bob@example.org'/>"_s);
    session.roster->setSubscriptionMode(RosterManager::SubscriptionMode::RejectAll);
    session.client.inject(u"<presence type='subscribe' from='mallory@evil.example/x'/>"_s);
    session.client.expect(u"<presence type='unsubscribed' to='mallory@evil.example'/>"_s);
    session.client.expectNoSent();
    QCOMPARE(received.size(), 0);
    QVERIFY(session.roster->pendingRequests().isEmpty());
}

void tst_RosterManager::requestBackFromSomeoneWeAskedIsApproved()
{
    // The other half of a friendship we asked for (pending out, or subscribed to): approved without asking
    // the user, whatever the mode (the QQ model).
    Session session;
    session.answerRoster(u"<item jid='bob@example.org' ask='subscribe'/>"
                         "<item jid='carol@example.org' subscription='to'/>"_s);
    session.roster->setSubscriptionMode(RosterManager::SubscriptionMode::RejectAll);
    QSignalSpy received(session.roster, &RosterManager::friendRequestReceived);
    session.client.inject(u"<presence type='subscribe' from='bob@example.org'/>"_s);
    session.client.expect(u"<presence type='subscribed' to='bob@example.org'/>"_s);
    session.client.inject(u"<presence type='subscribe' from='carol@example.org/phone'/>"_s);
    session.client.expect(u"<presence type='subscribed' to='carol@example.org'/>"_s);
    session.client.expectNoSent();
    QCOMPARE(received.size(), 0);
}

void tst_RosterManager::subscriptionAnswersOnlySignal()
{
    // §3.1.5, §3.2, §3.3: the answers change nothing by themselves (the push that accompanies them does).
    Session session;
    session.answerRoster();
    QSignalSpy accepted(session.roster, &RosterManager::friendRequestAccepted);
    QSignalSpy refused(session.roster, &RosterManager::friendRequestRefused);
    session.client.inject(u"<presence type='subscribed' from='bob@example.org'/>"_s);
    session.client.inject(u"<presence type='unsubscribed' from='carol@example.org/x'/>"_s);
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(accepted.at(0).at(0).value<Jid>(), Bob);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(0).value<Jid>(), Carol);
    QCOMPARE(session.roster->itemCount(), 0);
    session.client.expectNoSent();
}

void tst_RosterManager::ownAndAnonymousSubscribeIgnored()
{
    // A request "from ourselves" (no 'from' is stamped with our bare JID, RFC 6120 §8.1.2.1) is nobody to
    // answer or befriend, whatever the mode.
    Session session;
    session.answerRoster();
    session.roster->setSubscriptionMode(RosterManager::SubscriptionMode::AcceptAll);
    QSignalSpy received(session.roster, &RosterManager::friendRequestReceived);
    session.client.inject(u"<presence type='subscribe'/>"_s);
    session.client.inject(u"<presence type='subscribe' from='alice@example.org/phone'/>"_s);
    session.client.expectNoSent();
    QCOMPARE(received.size(), 0);
    QVERIFY(session.roster->pendingRequests().isEmpty());
}

QTEST_GUILESS_MAIN(tst_RosterManager)
#include "tst_rostermanager.moc"
