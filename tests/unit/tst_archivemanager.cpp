// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// ArchiveManager (XEP-0313 urn:xmpp:mam:2 with XEP-0059 paging), XML in and XML out over TestClient: the
// support question at session start, the query XML of a catch-up and of a history page, paging with RSM,
// <fin/> and complete, errors, timeouts and disconnections; results accepted only from our own archive,
// for a query still open, with its queryid (docs/SECURITY.md rule 3: a real server relays forged results).
#include "TestClient.h"

#include "extensions/ArchiveManager.h"
#include "extensions/ChatManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const Jid Bob = Jid::fromString(u"bob@example.org"_s);
const QString Features = u"<feature var='urn:xmpp:mam:2'/><feature var='urn:xmpp:sid:0'/>"_s;

/// The query an ArchiveManager sends (XEP-0313 §4.1, §5.1): @p with a data form field, @p rsm the <set/>'s
/// children.
QString mamQuery(const QString &iqId, const QString &queryId, const QString &rsm, const QString &with = {})
{
    const QString withField = with.isEmpty() ? QString() : u"<field var='with'><value>%1</value></field>"_s.arg(with);
    return u"<iq type='set' id='%1'><query xmlns='urn:xmpp:mam:2' queryid='%2'><x xmlns='jabber:x:data' type='submit'>"
           "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>%3</x>"
           "<set xmlns='http://jabber.org/protocol/rsm'>%4</set></query></iq>"_s.arg(iqId, queryId, withField, rsm);
}

/// An archive result (XEP-0313 §4.2) for @p queryId, from @p from (empty: none, i.e. our own account).
QString result(const QString &queryId, const QString &archiveId, const QString &inner, const QString &from = {})
{
    const QString fromAttribute = from.isEmpty() ? QString() : u" from='%1'"_s.arg(from);
    return u"<message%1 to='alice@example.org/desk'><result xmlns='urn:xmpp:mam:2' queryid='%2' id='%3'>"
           "<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2025-01-02T03:04:05Z'/>"
           "%4</forwarded></result></message>"_s.arg(fromAttribute, queryId, archiveId, inner);
}

QString fromBob(const QString &id, const QString &body)
{
    return u"<message xmlns='jabber:client' from='bob@example.org/pc' to='alice@example.org' type='chat' id='%1'>"
           "<body>%2</body></message>"_s.arg(id, body);
}

QString toBob(const QString &id, const QString &body)
{
    return u"<message xmlns='jabber:client' from='alice@example.org/phone' to='bob@example.org' type='chat' id='%1'>"
           "<body>%2</body><origin-id xmlns='urn:xmpp:sid:0' id='%1'/></message>"_s.arg(id, body);
}

/// The answer that closes a query: <fin/> with its RSM <first/> and <last/> (XEP-0313 §5.1.3).
QString fin(const QString &iqId, const QString &first, const QString &last, bool complete)
{
    const QString set =
        first.isEmpty()
            ? u"<set xmlns='http://jabber.org/protocol/rsm'/>"_s
            : u"<set xmlns='http://jabber.org/protocol/rsm'><first>%1</first><last>%2</last></set>"_s.arg(first, last);
    return u"<iq type='result' id='%1'><fin xmlns='urn:xmpp:mam:2'%2>%3</fin></iq>"_s.arg(
        iqId, complete ? u" complete='true'"_s : QString(), set);
}
} // namespace

class tst_ArchiveManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void supportAskedAtSessionStart();
    void noArchiveNoQuery();
    void firstLoginFetchesNewestPageAsHistory();
    void catchUpPagesAfterCursor();
    void catchUpTellsItsProgress();
    void catchUpStopsWhenArchiveStalls();
    void catchUpStopsAfterPageLimit();
    void expiredCursorPagesBackFromNewest();
    void catchUpErrorKeepsCursor();
    void fetchHistoryQueryAndPage();
    void forgedResultsDropped_data();
    void forgedResultsDropped();
    void resultAfterFinDropped();
    void malformedAndDuplicateResults();
    void queryErrors();
    void queryTimesOut();
    void disconnectionEndsQuery();

private:
    struct Setup
    {
        Setup() { client.setKeepSessionStart(true); }
        TestClient client;
        ChatManager *chats = nullptr;
        ArchiveManager *archive = nullptr;
    };
    /// A ChatManager and an ArchiveManager on the test database, signed in; the account answers the support
    /// question with @p features.
    void signIn(Setup &setup, const QString &features = Features, bool autoCatchUp = true);

    std::unique_ptr<Database> m_database;
    std::unique_ptr<MessageStore> m_store;
};

void tst_ArchiveManager::init()
{
    m_database = std::make_unique<Database>();
    QVERIFY(m_database->open(u":memory:"_s));
    m_store = std::make_unique<MessageStore>(*m_database);
}

void tst_ArchiveManager::cleanup()
{
    m_store.reset();
    m_database.reset();
}

void tst_ArchiveManager::signIn(Setup &setup, const QString &features, bool autoCatchUp)
{
    setup.chats = new ChatManager(m_store.get());
    setup.archive = setup.client.addExtension<ArchiveManager>(setup.chats, m_database.get());
    setup.client.addExtension(setup.chats);   // after the archive, which takes its results first
    setup.archive->setAutoCatchUp(autoCatchUp);
    QVERIFY(setup.client.connectAs(u"alice@example.org/desk"_s));
    const QString id = setup.client.expect(u"<iq type='get' id='*' to='alice@example.org'>"
                                           "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    // What follows is numbered from id1, as if the session had just started.
    setup.client.resetIds();
    setup.client.inject(u"<iq type='result' id='%1' from='alice@example.org'>"
                        "<query xmlns='http://jabber.org/protocol/disco#info'>%2</query></iq>"_s.arg(id, features));
}

void tst_ArchiveManager::supportAskedAtSessionStart()
{
    // XEP-0313 §7, XEP-0359 §6: both on our bare JID; the stanza-id is trusted only with urn:xmpp:sid:0.
    Setup setup;
    setup.chats = new ChatManager(m_store.get());
    setup.archive = setup.client.addExtension<ArchiveManager>(setup.chats, m_database.get());
    setup.client.addExtension(setup.chats);   // after the archive, which takes its results first
    setup.archive->setAutoCatchUp(false);
    QSignalSpy support(setup.archive, &ArchiveManager::supportChanged);
    QVERIFY(setup.client.connectAs(u"alice@example.org/desk"_s));
    const QString id = setup.client.expect(u"<iq type='get' id='*' to='alice@example.org'>"
                                           "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    // What follows is numbered from id1, as if the session had just started.
    setup.client.resetIds();
    // Only our account answers for our account (docs/SECURITY.md rule 3).
    setup.client.inject(u"<iq type='result' id='%1' from='mallory@evil.example'>"
                        "<query xmlns='http://jabber.org/protocol/disco#info'>%2</query></iq>"_s.arg(id, Features));
    QCOMPARE(support.size(), 0);
    setup.client.inject(u"<iq type='result' id='%1' from='alice@example.org'>"
                        "<query xmlns='http://jabber.org/protocol/disco#info'>%2</query></iq>"_s.arg(id, Features));
    QCOMPARE(support.size(), 1);
    QVERIFY(support.at(0).at(0).toBool());
    QVERIFY(setup.archive->isSupported());
    QVERIFY(setup.chats->isStanzaIdTrusted());
    setup.client.expectNoSent();   // no catch-up asked for

    // Next session, an archive without urn:xmpp:sid:0: its stanza-ids are not trusted any more.
    setup.client.dropConnection();
    QVERIFY(setup.client.connectAs(u"alice@example.org/desk"_s));
    const QString again = setup.client.expect(u"<iq type='get' id='*' to='alice@example.org'>"
                                              "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    // What follows is numbered from id1, as if the session had just started.
    setup.client.resetIds();
    setup.client.inject(u"<iq type='result' id='%1'><query xmlns='http://jabber.org/protocol/disco#info'>"
                        "<feature var='urn:xmpp:mam:2'/></query></iq>"_s.arg(again));
    QVERIFY(setup.archive->isSupported());
    QVERIFY(!setup.chats->isStanzaIdTrusted());
}

void tst_ArchiveManager::noArchiveNoQuery()
{
    Setup setup;
    setup.chats = new ChatManager(m_store.get());
    setup.archive = setup.client.addExtension<ArchiveManager>(setup.chats, m_database.get());
    setup.client.addExtension(setup.chats);   // after the archive, which takes its results first
    QSignalSpy support(setup.archive, &ArchiveManager::supportChanged);
    QVERIFY(setup.client.connectAs());
    const QString id = setup.client.takeSent().attribute(u"id"_s);
    setup.client.resetIds();
    setup.client.inject(u"<iq type='error' id='%1'><error type='cancel'>"
                        "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s.arg(id));
    QCOMPARE(support.size(), 1);
    QVERIFY(!support.at(0).at(0).toBool());
    QVERIFY(!setup.archive->isSupported());
    QVERIFY(!setup.chats->isStanzaIdTrusted());
    setup.client.expectNoSent();
    // A history page is refused at once, without a query.
    std::optional<ArchiveManager::Page> page;
    setup.archive->fetchHistory(Bob, {}, 20, this, [&page](const ArchiveManager::Page &p) { page = p; });
    QVERIFY(page);
    QVERIFY(!page->ok);
    QCOMPARE(page->error, u"unavailable"_s);
    setup.client.expectNoSent();
}

void tst_ArchiveManager::firstLoginFetchesNewestPageAsHistory()
{
    Setup setup;
    signIn(setup);
    QSignalSpy done(setup.archive, &ArchiveManager::catchUpFinished);
    QSignalSpy gaps(setup.archive, &ArchiveManager::historyGap);
    QVERIFY(setup.archive->isCatchingUp());
    // A new profile: the newest 50, no cursor (RSM <before/> empty: the last page, XEP-0059 §2.5).
    setup.client.expect(mamQuery(u"id2"_s, u"id1"_s, u"<max>50</max><before/>"_s));
    setup.client.inject(result(u"id1"_s, u"r1"_s, fromBob(u"b1"_s, u"以前的"_s)));
    setup.client.inject(result(u"id1"_s, u"r2"_s, toBob(u"a1"_s, u"我的回答"_s), u"alice@example.org"_s));
    setup.client.inject(fin(u"id2"_s, u"r1"_s, u"r2"_s, true));
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).at(0).toBool(), true);
    QCOMPARE(done.at(0).at(1).toInt(), 2);
    QCOMPARE(gaps.size(), 0);
    QVERIFY(!setup.archive->isCatchingUp());
    QCOMPARE(m_database->property(ArchiveManager::cursorKey()), u"r2"_s);
    QCOMPARE(m_database->property(ArchiveManager::caughtUpKey()), u"1"_s);
    const QList<ChatMessage> stored = m_store->messages(Bob, 10);
    QCOMPARE(stored.size(), 2);
    // History, not news; timed by the archive (XEP-0313 §5.1.2); the archive id is the stanza-id.
    QVERIFY(stored.at(0).read && stored.at(1).read);
    QCOMPARE(stored.at(0).timestamp, QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), QTimeZone::UTC));
    QCOMPARE(stored.at(0).stanzaId, u"r1"_s);
    QCOMPARE(stored.at(1).direction, ChatMessage::Direction::Outgoing);
    setup.client.expectNoSent();
}

void tst_ArchiveManager::catchUpPagesAfterCursor()
{
    m_database->setProperty(ArchiveManager::cursorKey(), u"c0"_s);
    Setup setup;
    signIn(setup);
    QSignalSpy done(setup.archive, &ArchiveManager::catchUpFinished);
    QSignalSpy added(setup.chats, &ChatManager::messageAdded);
    // XEP-0059 §2.2: after the cursor, 100 at a time.
    setup.client.expect(mamQuery(u"id2"_s, u"id1"_s, u"<max>100</max><after>c0</after>"_s));
    setup.client.inject(result(u"id1"_s, u"r1"_s, fromBob(u"b1"_s, u"一"_s)));
    setup.client.inject(result(u"id1"_s, u"r2"_s, fromBob(u"b2"_s, u"二"_s)));
    setup.client.inject(fin(u"id2"_s, u"r1"_s, u"r2"_s, false));
    QCOMPARE(m_database->property(ArchiveManager::cursorKey()), u"r2"_s);   // moved past what was processed
    setup.client.expect(mamQuery(u"id4"_s, u"id3"_s, u"<max>100</max><after>r2</after>"_s));
    setup.client.inject(result(u"id3"_s, u"r3"_s, fromBob(u"b3"_s, u"三"_s)));
    setup.client.inject(fin(u"id4"_s, u"r3"_s, u"r3"_s, true));
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).at(0).toBool(), true);
    QCOMPARE(done.at(0).at(1).toInt(), 3);
    QCOMPARE(m_database->property(ArchiveManager::cursorKey()), u"r3"_s);
    // Caught up while offline: news, unread, announced as Archive.
    QCOMPARE(added.size(), 3);
    QCOMPARE(added.at(0).at(1).value<ChatManager::Origin>(), ChatManager::Origin::Archive);
    QCOMPARE(m_store->conversations().constFirst().unread, 3);
    setup.client.expectNoSent();
}

void tst_ArchiveManager::catchUpTellsItsProgress()
{
    // "Catching up N of M": M from the first page's RSM <count/> less its <first index/> (XEP-0059 §2.6).
    m_database->setProperty(ArchiveManager::cursorKey(), u"c0"_s);
    Setup setup;
    signIn(setup, Features, false);
    QSignalSpy progress(setup.archive, &ArchiveManager::catchUpProgress);
    setup.archive->catchUp();
    QCOMPARE(progress.size(), 1);   // started: nothing yet, total unknown
    QCOMPARE(progress.at(0).at(0).toInt(), 0);
    QCOMPARE(progress.at(0).at(1).toInt(), -1);
    setup.client.expect(mamQuery(u"id2"_s, u"id1"_s, u"<max>100</max><after>c0</after>"_s));
    setup.client.inject(result(u"id1"_s, u"r1"_s, fromBob(u"b1"_s, u"一"_s)));
    setup.client.inject(result(u"id1"_s, u"r2"_s, fromBob(u"b2"_s, u"二"_s)));
    setup.client.inject(
        u"<iq type='result' id='id2'><fin xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'>"
        "<first index='40'>r1</first><last>r2</last><count>43</count></set></fin></iq>"_s);
    QCOMPARE(progress.size(), 2);
    QCOMPARE(progress.at(1).at(0).toInt(), 2);
    QCOMPARE(progress.at(1).at(1).toInt(), 3);
    setup.client.expect(mamQuery(u"id4"_s, u"id3"_s, u"<max>100</max><after>r2</after>"_s));
    setup.client.inject(result(u"id3"_s, u"r3"_s, fromBob(u"b3"_s, u"三"_s)));
    // A later page's count does not move the total: it counts from that page on.
    setup.client.inject(u"<iq type='result' id='id4'><fin xmlns='urn:xmpp:mam:2' complete='true'>"
                        "<set xmlns='http://jabber.org/protocol/rsm'><first>r3</first><last>r3</last><count>1</count>"
                        "</set></fin></iq>"_s);
    QCOMPARE(progress.size(), 3);
    QCOMPARE(progress.at(2).at(0).toInt(), 3);
    QCOMPARE(progress.at(2).at(1).toInt(), 3);

    // Without a <count/> the total stays unknown.
    setup.archive->catchUp();
    setup.client.expect(mamQuery(u"id6"_s, u"id5"_s, u"<max>100</max><after>r3</after>"_s));
    setup.client.inject(result(u"id5"_s, u"r4"_s, fromBob(u"b4"_s, u"四"_s)));
    setup.client.inject(fin(u"id6"_s, u"r4"_s, u"r4"_s, true));
    QCOMPARE(progress.constLast().at(0).toInt(), 1);
    QCOMPARE(progress.constLast().at(1).toInt(), -1);
}

void tst_ArchiveManager::catchUpStopsWhenArchiveStalls()
{
    // Issue 13 finding 10: a <last/> that does not advance would page for ever.
    m_database->setProperty(ArchiveManager::cursorKey(), u"c0"_s);
    Setup setup;
    signIn(setup);
    QSignalSpy done(setup.archive, &ArchiveManager::catchUpFinished);
    QSignalSpy gaps(setup.archive, &ArchiveManager::historyGap);
    setup.client.expect(mamQuery(u"id2"_s, u"id1"_s, u"<max>100</max><after>c0</after>"_s));
    setup.client.inject(result(u"id1"_s, u"r1"_s, fromBob(u"b1"_s, u"一"_s)));
    setup.client.inject(fin(u"id2"_s, u"r1"_s, u"r1"_s, false));
    setup.client.expect(mamQuery(u"id4"_s, u"id3"_s, u"<max>100</max><after>r1</after>"_s));
    setup.client.inject(result(u"id3"_s, u"r1"_s, fromBob(u"b1"_s, u"一"_s)));
    setup.client.inject(fin(u"id4"_s, u"r1"_s, u"r1"_s, false));   // the same page again
    QCOMPARE(gaps.size(), 1);
    QCOMPARE(gaps.at(0).at(0).value<ArchiveManager::GapReason>(), ArchiveManager::GapReason::ArchiveStalled);
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).at(0).toBool(), false);
    setup.client.expectNoSent();

    // An empty page that is not complete stalls too.
    setup.archive->catchUp();
    setup.client.expect(mamQuery(u"id6"_s, u"id5"_s, u"<max>100</max><after>r1</after>"_s));
    setup.client.inject(fin(u"id6"_s, {}, {}, false));
    QCOMPARE(gaps.size(), 2);
    setup.client.expectNoSent();
}

void tst_ArchiveManager::catchUpStopsAfterPageLimit()
{
    m_database->setProperty(ArchiveManager::cursorKey(), u"c0"_s);
    Setup setup;
    signIn(setup);
    QSignalSpy gaps(setup.archive, &ArchiveManager::historyGap);
    QSignalSpy done(setup.archive, &ArchiveManager::catchUpFinished);
    for (int page = 0; page < ArchiveManager::MaxCatchUpPages; ++page) {
        const QDomElement query = setup.client.takeSent();
        QVERIFY2(!query.isNull(), qPrintable(QString::number(page)));
        const QString queryId = query.firstChildElement(u"query"_s).attribute(u"queryid"_s);
        const QString archiveId = u"p%1"_s.arg(page);
        setup.client.inject(result(queryId, archiveId, fromBob(archiveId, archiveId)));
        setup.client.inject(fin(query.attribute(u"id"_s), archiveId, archiveId, false));
    }
    QCOMPARE(gaps.size(), 1);
    QCOMPARE(gaps.at(0).at(0).value<ArchiveManager::GapReason>(), ArchiveManager::GapReason::PageLimit);
    QCOMPARE(done.at(0).at(1).toInt(), ArchiveManager::MaxCatchUpPages);
    setup.client.expectNoSent();
}

void tst_ArchiveManager::expiredCursorPagesBackFromNewest()
{
    // XEP-0059 §2.4: item-not-found: the cursor's message left the archive. Page back from the newest, as
    // news, until a message we have.
    ChatMessage known;
    known.chat = Bob;
    known.direction = ChatMessage::Direction::Incoming;
    known.body = u"known"_s;
    known.id = u"k1"_s;
    known.stanzaId = u"rk"_s;
    known.read = true;
    QCOMPARE(m_store->add(known), MessageStore::AddResult::Added);
    m_database->setProperty(ArchiveManager::cursorKey(), u"gone"_s);
    Setup setup;
    signIn(setup);
    QSignalSpy done(setup.archive, &ArchiveManager::catchUpFinished);
    QSignalSpy gaps(setup.archive, &ArchiveManager::historyGap);
    setup.client.expect(mamQuery(u"id2"_s, u"id1"_s, u"<max>100</max><after>gone</after>"_s));
    setup.client.inject(u"<iq type='error' id='id2'><error type='cancel'>"
                        "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    setup.client.expect(mamQuery(u"id4"_s, u"id3"_s, u"<max>100</max><before/>"_s));
    setup.client.inject(result(u"id3"_s, u"rk"_s, fromBob(u"k1"_s, u"known"_s)));
    setup.client.inject(result(u"id3"_s, u"rn"_s, fromBob(u"n1"_s, u"new"_s)));
    setup.client.inject(fin(u"id4"_s, u"rk"_s, u"rn"_s, false));
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).at(0).toBool(), true);
    QCOMPARE(done.at(0).at(1).toInt(), 1);
    QCOMPARE(gaps.size(), 0);
    QCOMPARE(m_database->property(ArchiveManager::cursorKey()), u"rn"_s);
    QCOMPARE(m_store->messages(Bob, 10).size(), 2);
    setup.client.expectNoSent();
}

void tst_ArchiveManager::catchUpErrorKeepsCursor()
{
    m_database->setProperty(ArchiveManager::cursorKey(), u"c0"_s);
    Setup setup;
    signIn(setup);
    QSignalSpy done(setup.archive, &ArchiveManager::catchUpFinished);
    setup.client.expect(mamQuery(u"id2"_s, u"id1"_s, u"<max>100</max><after>c0</after>"_s));
    setup.client.inject(u"<iq type='error' id='id2'><error type='wait'>"
                        "<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).at(0).toBool(), false);
    QCOMPARE(m_database->property(ArchiveManager::cursorKey()), u"c0"_s);
    QVERIFY(!setup.archive->isCatchingUp());
    setup.client.expectNoSent();
}

void tst_ArchiveManager::fetchHistoryQueryAndPage()
{
    Setup setup;
    signIn(setup, Features, false);
    std::optional<ArchiveManager::Page> page;
    setup.archive->fetchHistory(Jid::fromString(u"bob@example.org/pc"_s), u"r9"_s, 20, this,
                                [&page](const ArchiveManager::Page &p) { page = p; });
    // XEP-0313 §4.1.1 the 'with' filter (bare), XEP-0059 §2.5 the page before r9.
    setup.client.expect(mamQuery(u"id2"_s, u"id1"_s, u"<max>20</max><before>r9</before>"_s, u"bob@example.org"_s));
    setup.client.inject(result(u"id1"_s, u"r7"_s, fromBob(u"b7"_s, u"七"_s)));
    setup.client.inject(result(u"id1"_s, u"r8"_s, toBob(u"a8"_s, u"八"_s)));
    QVERIFY(!page);
    setup.client.inject(fin(u"id2"_s, u"r7"_s, u"r8"_s, true));
    QVERIFY(page);
    QVERIFY(page->ok);
    QCOMPARE(page->count, 2);
    QCOMPARE(page->added, 2);
    QCOMPARE(page->known, 0);
    QVERIFY(page->complete);
    QCOMPARE(page->first, u"r7"_s);
    QCOMPARE(page->last, u"r8"_s);
    QCOMPARE(m_store->messages(Bob, 10).size(), 2);
    QVERIFY(m_store->messages(Bob, 10).constFirst().read);

    // The same page again: known, not added (docs/SECURITY.md rule 9).
    page.reset();
    QSignalSpy added(setup.chats, &ChatManager::messageAdded);
    setup.archive->fetchHistory(Bob, u"r9"_s, 20, this, [&page](const ArchiveManager::Page &p) { page = p; });
    setup.client.expect(mamQuery(u"id4"_s, u"id3"_s, u"<max>20</max><before>r9</before>"_s, u"bob@example.org"_s));
    setup.client.inject(result(u"id3"_s, u"r7"_s, fromBob(u"b7"_s, u"七"_s)));
    setup.client.inject(result(u"id3"_s, u"r8"_s, toBob(u"a8"_s, u"八"_s)));
    setup.client.inject(fin(u"id4"_s, u"r7"_s, u"r8"_s, true));
    QVERIFY(page && page->ok);
    QCOMPARE(page->added, 0);
    QCOMPARE(page->known, 2);
    QCOMPARE(added.size(), 0);
    QCOMPARE(m_store->messages(Bob, 10).size(), 2);

    // The newest page: an empty <before/>.
    setup.archive->fetchHistory(Bob, {}, 5, this, [](const ArchiveManager::Page &) { });
    setup.client.expect(mamQuery(u"id6"_s, u"id5"_s, u"<max>5</max><before/>"_s, u"bob@example.org"_s));
}

void tst_ArchiveManager::forgedResultsDropped_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("queryId");
    // docs/SECURITY.md rule 3: a contact's forged result, relayed verbatim by the server.
    QTest::newRow("contact") << u"mallory@evil.example/x"_s << u"id1"_s;
    QTest::newRow("bare contact") << u"mallory@evil.example"_s << u"id1"_s;
    // Our archive is our bare JID: not another resource of ours, not the server's domain.
    QTest::newRow("own full JID") << u"alice@example.org/phone"_s << u"id1"_s;
    QTest::newRow("server domain") << u"example.org"_s << u"id1"_s;
    // From our archive, but no open query of ours asked for it.
    QTest::newRow("unknown queryid") << u"alice@example.org"_s << u"other"_s;
    QTest::newRow("no queryid") << u"alice@example.org"_s << QString();
}

void tst_ArchiveManager::forgedResultsDropped()
{
    QFETCH(QString, from);
    QFETCH(QString, queryId);
    Setup setup;
    signIn(setup, Features, false);
    std::optional<ArchiveManager::Page> page;
    setup.archive->fetchHistory(Bob, {}, 20, this, [&page](const ArchiveManager::Page &p) { page = p; });
    setup.client.clearSent();
    QSignalSpy forged(setup.archive, &ArchiveManager::forgedResultIgnored);
    QSignalSpy added(setup.chats, &ChatManager::messageAdded);
    setup.client.inject(result(queryId, u"r1"_s, fromBob(u"b1"_s, u"伪造"_s), from));
    QCOMPARE(forged.size(), 1);
    QCOMPARE(forged.at(0).at(0).value<Jid>(), Jid::fromString(from));
    QCOMPARE(added.size(), 0);
    setup.client.inject(fin(u"id2"_s, {}, {}, true));
    QVERIFY(page && page->ok);
    QCOMPARE(page->count, 0);
    QVERIFY(m_store->messages(Bob, 10).isEmpty());
    setup.client.expectNoSent();
}

void tst_ArchiveManager::resultAfterFinDropped()
{
    // A result for a query that ended (answered, or dropped) is nobody's (docs/SECURITY.md rule 3).
    Setup setup;
    signIn(setup, Features, false);
    setup.archive->fetchHistory(Bob, {}, 20, this, [](const ArchiveManager::Page &) { });
    setup.client.inject(fin(u"id2"_s, {}, {}, true));
    QSignalSpy forged(setup.archive, &ArchiveManager::forgedResultIgnored);
    setup.client.inject(result(u"id1"_s, u"r1"_s, fromBob(u"b1"_s, u"太晚了"_s)));
    QCOMPARE(forged.size(), 1);
    QVERIFY(m_store->messages(Bob, 10).isEmpty());
}

void tst_ArchiveManager::malformedAndDuplicateResults()
{
    Setup setup;
    signIn(setup, Features, false);
    std::optional<ArchiveManager::Page> page;
    setup.archive->fetchHistory(Bob, {}, 20, this, [&page](const ArchiveManager::Page &p) { page = p; });
    setup.client.clearSent();
    QSignalSpy forged(setup.archive, &ArchiveManager::forgedResultIgnored);
    // No <forwarded/>: not a result at all; a <forwarded/> in another namespace: the same.
    setup.client.inject(u"<message><result xmlns='urn:xmpp:mam:2' queryid='id1' id='x0'/></message>"_s);
    setup.client.inject(
        u"<message><result xmlns='urn:xmpp:mam:2' queryid='id1' id='x1'>"
        "<forwarded xmlns='urn:example:other'>%1</forwarded></result></message>"_s.arg(fromBob(u"b"_s, u"x"_s)));
    // A groupchat message in our personal archive is not ours to show; counted, not stored.
    setup.client.inject(result(u"id1"_s, u"g1"_s,
                               u"<message xmlns='jabber:client' from='room@muc.example.org/bob' type='groupchat' "
                               "id='g'><body>group</body></message>"_s));
    // The same result twice (a server bug): one message.
    setup.client.inject(result(u"id1"_s, u"r1"_s, fromBob(u"b1"_s, u"一次"_s)));
    setup.client.inject(result(u"id1"_s, u"r1"_s, fromBob(u"b1"_s, u"一次"_s)));
    setup.client.inject(fin(u"id2"_s, u"g1"_s, u"r1"_s, true));
    QCOMPARE(forged.size(), 0);
    QVERIFY(page && page->ok);
    QCOMPARE(page->count, 3);
    QCOMPARE(page->added, 1);
    QCOMPARE(page->known, 1);
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);
    QVERIFY(m_store->conversations().size() == 1);
    setup.client.expectNoSent();
}

void tst_ArchiveManager::queryErrors()
{
    Setup setup;
    signIn(setup, Features, false);
    std::optional<ArchiveManager::Page> page;
    setup.archive->fetchHistory(Bob, u"r9"_s, 20, this, [&page](const ArchiveManager::Page &p) { page = p; });
    setup.client.clearSent();
    setup.client.inject(u"<iq type='error' id='id2'><error type='cancel'>"
                        "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QVERIFY(page);
    QVERIFY(!page->ok);
    QCOMPARE(page->error, u"item-not-found"_s);
    // An error from someone else is no answer (RFC 6120 §8.1.2.1).
    page.reset();
    setup.archive->fetchHistory(Bob, u"r9"_s, 20, this, [&page](const ArchiveManager::Page &p) { page = p; });
    setup.client.clearSent();
    setup.client.inject(u"<iq type='error' id='id4' from='mallory@evil.example'><error type='cancel'>"
                        "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QVERIFY(!page);
    setup.client.inject(u"<iq type='error' id='id4'><error type='auth'>"
                        "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QVERIFY(page);
    QCOMPARE(page->error, u"forbidden"_s);
    // A callback whose context is gone is not called.
    auto context = std::make_unique<QObject>();
    bool called = false;
    setup.archive->fetchHistory(Bob, {}, 20, context.get(), [&called](const ArchiveManager::Page &) { called = true; });
    context.reset();
    setup.client.inject(fin(u"id6"_s, {}, {}, true));
    QVERIFY(!called);
}

void tst_ArchiveManager::queryTimesOut()
{
    Setup setup;
    signIn(setup, Features, false);
    setup.archive->setQueryTimeout(30ms);
    std::optional<ArchiveManager::Page> page;
    setup.archive->fetchHistory(Bob, {}, 20, this, [&page](const ArchiveManager::Page &p) { page = p; });
    setup.client.clearSent();
    QTRY_VERIFY_WITH_TIMEOUT(page.has_value(), 2000);
    QVERIFY(!page->ok);
    QCOMPARE(page->error, u"timeout"_s);
    // The query is closed: its results are refused from now on.
    QSignalSpy forged(setup.archive, &ArchiveManager::forgedResultIgnored);
    setup.client.inject(result(u"id1"_s, u"r1"_s, fromBob(u"b1"_s, u"late"_s)));
    QCOMPARE(forged.size(), 1);
    QVERIFY(m_store->messages(Bob, 10).isEmpty());
}

void tst_ArchiveManager::disconnectionEndsQuery()
{
    m_database->setProperty(ArchiveManager::cursorKey(), u"c0"_s);
    Setup setup;
    signIn(setup);
    QSignalSpy done(setup.archive, &ArchiveManager::catchUpFinished);
    std::optional<ArchiveManager::Page> page;
    setup.archive->fetchHistory(Bob, {}, 20, this, [&page](const ArchiveManager::Page &p) { page = p; });
    QCOMPARE(setup.client.sentCount(), 2);   // the catch-up and the history page
    setup.client.dropConnection();
    QVERIFY(page);
    QVERIFY(!page->ok);
    QCOMPARE(page->error, u"disconnected"_s);
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).at(0).toBool(), false);
    QVERIFY(!setup.archive->isCatchingUp());
    QCOMPARE(m_database->property(ArchiveManager::cursorKey()), u"c0"_s);

    // The next session catches up from the same cursor; the old queries' results are nobody's.
    setup.client.clearSent();
    QVERIFY(setup.client.connectAs(u"alice@example.org/desk"_s));
    const QString id = setup.client.expect(u"<iq type='get' id='*' to='alice@example.org'>"
                                           "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    // What follows is numbered from id1, as if the session had just started.
    setup.client.resetIds();
    setup.client.inject(u"<iq type='result' id='%1'><query xmlns='http://jabber.org/protocol/disco#info'>%2</query>"
                        "</iq>"_s.arg(id, Features));
    setup.client.expect(mamQuery(u"id2"_s, u"id1"_s, u"<max>100</max><after>c0</after>"_s));
    QSignalSpy forged(setup.archive, &ArchiveManager::forgedResultIgnored);
    setup.client.inject(result(u"id3"_s, u"r1"_s, fromBob(u"b1"_s, u"old query"_s)));
    QCOMPARE(forged.size(), 1);
}

QTEST_GUILESS_MAIN(tst_ArchiveManager)
#include "tst_archivemanager.moc"
