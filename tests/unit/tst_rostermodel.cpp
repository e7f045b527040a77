// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// RosterModel and RosterFilterModel fed with real roster pushes and presences (XML in, rows out), without a
// server: the managers sit in a TestClient, signed in over the in-memory transport.
#include "TestClient.h"

#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "models/RosterFilterModel.h"
#include "models/RosterModel.h"
#include "storage/Database.h"
#include "storage/RosterStore.h"
#include "xml/XmlWriter.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

Jid jid(const QString &text)
{
    return Jid::fromString(text);
}

/// A client, its two managers, the model and a fatal model tester on it (and on the proxy when asked).
struct Fixture
{
    explicit Fixture(RosterStore *store = nullptr)
    {
        roster = client.addExtension<RosterManager>(store);
        presence = client.addExtension<PresenceManager>();
        model = std::make_unique<RosterModel>(roster, presence);
        // Signed in, the roster manager asks for the roster; "no change" (RFC 6121 §2.6.3) keeps what it has.
        client.setKeepSessionStart(true);
        if (!client.connectAs())
            qFatal("the test client did not sign in");
        const QDomElement get = client.takeSent();
        client.inject(u"<iq type='result' id='%1'/>"_s.arg(get.attribute(u"id"_s)));
        client.clearSent();
        tester = std::make_unique<QAbstractItemModelTester>(model.get(),
                                                            QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void withProxy(bool testNow = true)
    {
        proxy = std::make_unique<RosterFilterModel>();
        proxy->setSourceModel(model.get());
        if (testNow)
            testProxy();
    }

    /// The tester checks the whole tree at construction, then again at every change.
    void testProxy()
    {
        proxyTester = std::make_unique<QAbstractItemModelTester>(proxy.get(),
                                                                 QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    /// A roster push (RFC 6121 §2.1.6) with one <item/>.
    void push(const QString &item)
    {
        const QString id = u"push%1"_s.arg(++pushes);
        client.inject(u"<iq type='set' id='%1'><query xmlns='jabber:iq:roster'>%2</query></iq>"_s.arg(id, item));
        client.expect(u"<iq type='result' id='%1' to='alice@example.org'/>"_s.arg(id));
    }

    void available(const QString &from, const QString &children = {})
    {
        client.inject(u"<presence from='%1'>%2</presence>"_s.arg(from, children));
    }

    void unavailable(const QString &from) { client.inject(u"<presence from='%1' type='unavailable'/>"_s.arg(from)); }

    QStringList groupNames() const
    {
        QStringList names;
        for (int row = 0; row < model->rowCount(); ++row)
            names << model->index(row, 0).data(RosterModel::GroupNameRole).toString();
        return names;
    }

    QStringList members(const QString &group) const
    {
        QStringList jids;
        const QModelIndex parent = model->groupIndex(group);
        for (int row = 0; row < model->rowCount(parent); ++row)
            jids << model->index(row, 0, parent).data(RosterModel::JidRole).toString();
        jids.sort();
        return jids;
    }

    /// Display names of the proxy's rows under @p group, in the proxy's order.
    QStringList proxyNames(const QString &group) const
    {
        QModelIndex parent;
        for (int row = 0; row < proxy->rowCount(); ++row) {
            if (proxy->index(row, 0).data(RosterModel::GroupNameRole).toString() == group)
                parent = proxy->index(row, 0);
        }
        QStringList names;
        if (!parent.isValid())
            return names;
        for (int row = 0; row < proxy->rowCount(parent); ++row)
            names << proxy->index(row, 0, parent).data(RosterModel::DisplayNameRole).toString();
        return names;
    }

    QStringList proxyGroups() const
    {
        QStringList names;
        for (int row = 0; row < proxy->rowCount(); ++row)
            names << proxy->index(row, 0).data(RosterModel::GroupNameRole).toString();
        return names;
    }

    TestClient client;
    RosterManager *roster = nullptr;      // owned by the client
    PresenceManager *presence = nullptr;  // owned by the client
    std::unique_ptr<RosterModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
    std::unique_ptr<RosterFilterModel> proxy;
    std::unique_ptr<QAbstractItemModelTester> proxyTester;
    int pushes = 0;
};

} // namespace

class TestRosterModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loadsTheCachedRoster()
    {
        Database database;
        QVERIFY(database.open(u":memory:"_s));
        RosterStore store(database);
        RosterItem alice{jid(u"alice@example.org"_s), u"Alice"_s, RosterItem::Subscription::Both, false, false,
                         {u"Work"_s, u"Family"_s}};
        RosterItem bob{jid(u"bob@example.org"_s), {}, RosterItem::Subscription::To, true, false, {}};
        QVERIFY(store.replaceAll({alice, bob}, u"v1"_s));

        Fixture f(&store);
        QCOMPARE(f.groupNames(), (QStringList{RosterManager::defaultGroupName(), u"Family"_s, u"Work"_s}));
        QCOMPARE(f.members(u"Work"_s), QStringList{u"alice@example.org"_s});
        QCOMPARE(f.members(u"Family"_s), QStringList{u"alice@example.org"_s});
        QCOMPARE(f.members(RosterManager::defaultGroupName()), QStringList{u"bob@example.org"_s});
        QCOMPARE(f.model->contactIndexes(jid(u"alice@example.org/pc"_s)).size(), 2);

        const QModelIndex bobIndex = f.model->contactIndexes(jid(u"bob@example.org"_s)).value(0);
        QCOMPARE(bobIndex.data(Qt::DisplayRole).toString(), u"bob"_s);   // no remark: the local part
        QCOMPARE(bobIndex.data(RosterModel::DisplayNameRole).toString(), u"bob"_s);
        QCOMPARE(bobIndex.data(RosterModel::PendingOutRole).toBool(), true);
        QCOMPARE(bobIndex.data(RosterModel::SubscriptionRole).toString(), u"to"_s);
        QCOMPARE(bobIndex.data(RosterModel::KindRole).toInt(), int(RosterModel::Kind::Contact));
        QCOMPARE(bobIndex.data(RosterModel::GroupNameRole).toString(), RosterManager::defaultGroupName());
        const QModelIndex work = f.model->groupIndex(u"Work"_s);
        QCOMPARE(work.data(RosterModel::KindRole).toInt(), int(RosterModel::Kind::Group));
        QCOMPARE(work.data(RosterModel::TotalCountRole).toInt(), 1);
        QCOMPARE(work.data(RosterModel::OnlineCountRole).toInt(), 0);
        QCOMPARE(f.model->index(0, 0, work).data(Qt::DisplayRole).toString(), u"Alice"_s);
    }

    void pushesInsertMoveAndRemoveRows()
    {
        Fixture f;
        QSignalSpy reset(f.model.get(), &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy inserted(f.model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(f.model.get(), &QAbstractItemModel::rowsRemoved);
        QCOMPARE(f.model->rowCount(), 0);

        f.push(u"<item jid='alice@example.org' subscription='both'><group>Work</group></item>"_s);
        QCOMPARE(f.groupNames(), QStringList{u"Work"_s});
        QCOMPARE(inserted.size(), 2);   // the group, then the contact
        f.push(u"<item jid='bob@example.org' subscription='both'/>"_s);
        QCOMPARE(f.groupNames(), (QStringList{RosterManager::defaultGroupName(), u"Work"_s}));

        // A remark: the name changes in place.
        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
        f.push(u"<item jid='alice@example.org' name='小爱' subscription='both'><group>Work</group></item>"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(f.model->contactIndexes(jid(u"alice@example.org"_s)).value(0).data().toString(), u"小爱"_s);

        // Moved to another group: the old group empties and goes away.
        f.push(u"<item jid='alice@example.org' name='小爱' subscription='both'><group>同学</group></item>"_s);
        QCOMPARE(f.groupNames(), (QStringList{RosterManager::defaultGroupName(), u"同学"_s}));
        QCOMPARE(f.members(u"同学"_s), QStringList{u"alice@example.org"_s});

        // In two groups at once.
        f.push(u"<item jid='bob@example.org' subscription='both'><group>同学</group><group>Work</group></item>"_s);
        QCOMPARE(f.groupNames(), (QStringList{u"同学"_s, u"Work"_s}));   // pinyin tóngxué before W
        QCOMPARE(f.members(u"同学"_s), (QStringList{u"alice@example.org"_s, u"bob@example.org"_s}));
        QCOMPARE(f.model->groupIndex(u"同学"_s).data(RosterModel::TotalCountRole).toInt(), 2);

        f.push(u"<item jid='alice@example.org' subscription='remove'/>"_s);
        QCOMPARE(f.members(u"同学"_s), QStringList{u"bob@example.org"_s});
        QVERIFY(f.model->contactIndexes(jid(u"alice@example.org"_s)).isEmpty());
        f.push(u"<item jid='bob@example.org' subscription='remove'/>"_s);
        QCOMPARE(f.model->rowCount(), 0);
        QVERIFY(!removed.isEmpty());
        QCOMPARE(reset.size(), 0);
    }

    void displayNameRuleAndAvatarKey()
    {
        Fixture f;
        f.push(u"<item jid='wang@example.org' subscription='both'/>"_s);
        const auto row = [&] { return f.model->contactIndexes(jid(u"wang@example.org"_s)).value(0); };
        QCOMPARE(row().data(RosterModel::DisplayNameRole).toString(), u"wang"_s);   // the local part

        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
        f.model->setProfile(jid(u"wang@example.org"_s), {}, u"王大明"_s);   // the vCard's full name
        QCOMPARE(row().data(RosterModel::DisplayNameRole).toString(), u"王大明"_s);
        f.model->setProfile(jid(u"wang@example.org"_s), u"大明"_s, u"王大明"_s);   // the nickname wins
        QCOMPARE(row().data(Qt::DisplayRole).toString(), u"大明"_s);
        QCOMPARE(changed.size(), 2);
        // The user's remark wins over all.
        f.push(u"<item jid='wang@example.org' name='老王' subscription='both'/>"_s);
        QCOMPARE(row().data(RosterModel::DisplayNameRole).toString(), u"老王"_s);
        changed.clear();
        f.model->setProfile(jid(u"wang@example.org"_s), u"明明"_s, u"王大明"_s);
        QCOMPARE(changed.size(), 0);   // hidden by the remark: nothing to repaint
        f.push(u"<item jid='wang@example.org' subscription='both'/>"_s);   // remark removed
        QCOMPARE(row().data(RosterModel::DisplayNameRole).toString(), u"明明"_s);

        // A profile that arrives before the contact is on the roster is used when it comes.
        f.model->setProfile(jid(u"li@example.org"_s), u"华华"_s, {});
        f.model->setAvatarKey(jid(u"li@example.org/phone"_s), u"0123abcd"_s);
        f.push(u"<item jid='li@example.org' subscription='both'/>"_s);
        const QModelIndex li = f.model->contactIndexes(jid(u"li@example.org"_s)).value(0);
        QCOMPARE(li.data(RosterModel::DisplayNameRole).toString(), u"华华"_s);
        QCOMPARE(li.data(RosterModel::AvatarKeyRole).toString(), u"0123abcd"_s);

        changed.clear();
        f.model->setAvatarKey(jid(u"wang@example.org"_s), u"feedbeef"_s);
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(RosterModel::AvatarKeyRole));
        QCOMPARE(row().data(RosterModel::AvatarKeyRole).toString(), u"feedbeef"_s);
    }

    void lastSeen()
    {
        Fixture f;
        f.push(u"<item jid='alice@example.org' subscription='both'/>"_s);
        const auto lastSeenOf = [&] {
            return f.model->contactIndexes(jid(u"alice@example.org"_s))
                .value(0)
                .data(RosterModel::LastSeenRole)
                .toDateTime();
        };
        QVERIFY(!lastSeenOf().isValid());   // unknown until asked or seen

        // Seen leaving while we watch: now.
        f.available(u"alice@example.org/pc"_s);
        QVERIFY(!lastSeenOf().isValid());
        const QDateTime before = QDateTime::currentDateTimeUtc();
        f.unavailable(u"alice@example.org/pc"_s);
        QVERIFY(lastSeenOf().isValid());
        QVERIFY(lastSeenOf() >= before.addSecs(-1) && lastSeenOf() <= QDateTime::currentDateTimeUtc());

        // The answer of a last-activity query (XEP-0012), set by the app: in place, on every row.
        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
        const QDateTime when = QDateTime(QDate(2026, 11, 30), QTime(8, 0), QTimeZone::UTC);
        f.model->setLastSeen(jid(u"alice@example.org"_s), when);
        QCOMPARE(lastSeenOf(), when);
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(RosterModel::LastSeenRole));
        f.model->setLastSeen(jid(u"alice@example.org"_s), when);   // unchanged: no signal
        QCOMPARE(changed.size(), 1);
        f.model->setLastSeen(jid(u"nobody@example.org"_s), when);   // not a contact: ignored
    }

    void presenceUpdatesRowsAndCounts()
    {
        Fixture f;
        f.push(u"<item jid='alice@example.org' subscription='both'><group>A</group><group>B</group></item>"_s);
        f.push(u"<item jid='bob@example.org' subscription='both'><group>A</group></item>"_s);
        QSignalSpy reset(f.model.get(), &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);

        f.available(u"alice@example.org/pc"_s, u"<show>dnd</show><status>开会中</status>"_s);
        // Two contact rows, two group rows.
        QCOMPARE(changed.size(), 4);
        for (const QModelIndex &index : f.model->contactIndexes(jid(u"alice@example.org"_s))) {
            QCOMPARE(index.data(RosterModel::AvailableRole).toBool(), true);
            QCOMPARE(index.data(RosterModel::PresenceShowRole).toInt(), int(Presence::Show::Dnd));
            QCOMPARE(index.data(RosterModel::StatusTextRole).toString(), u"开会中"_s);
        }
        QCOMPARE(f.model->groupIndex(u"A"_s).data(RosterModel::OnlineCountRole).toInt(), 1);
        QCOMPARE(f.model->groupIndex(u"A"_s).data(RosterModel::TotalCountRole).toInt(), 2);
        QCOMPARE(f.model->groupIndex(u"B"_s).data(RosterModel::OnlineCountRole).toInt(), 1);

        // Another show: rows change, counts do not.
        changed.clear();
        f.available(u"alice@example.org/pc"_s, u"<show>away</show>"_s);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(f.model->groupIndex(u"A"_s).data(RosterModel::OnlineCountRole).toInt(), 1);

        // Someone not on the roster: nothing.
        changed.clear();
        f.available(u"stranger@example.org/x"_s);
        QCOMPARE(changed.size(), 0);

        // A contact added while online shows online and counts at once.
        f.available(u"carol@example.org/x"_s);
        f.push(u"<item jid='carol@example.org' subscription='both'><group>A</group></item>"_s);
        QCOMPARE(f.model->groupIndex(u"A"_s).data(RosterModel::OnlineCountRole).toInt(), 2);

        f.unavailable(u"alice@example.org/pc"_s);
        QCOMPARE(f.model->groupIndex(u"A"_s).data(RosterModel::OnlineCountRole).toInt(), 1);
        QCOMPARE(f.model->groupIndex(u"B"_s).data(RosterModel::OnlineCountRole).toInt(), 0);
        QCOMPARE(
            f.model->contactIndexes(jid(u"alice@example.org"_s)).value(0).data(RosterModel::AvailableRole).toBool(),
            false);

        // Leaving a group while online takes the online count along.
        f.push(u"<item jid='carol@example.org' subscription='both'><group>B</group></item>"_s);
        QCOMPARE(f.model->groupIndex(u"A"_s).data(RosterModel::OnlineCountRole).toInt(), 0);
        QCOMPARE(f.model->groupIndex(u"B"_s).data(RosterModel::OnlineCountRole).toInt(), 1);
        QCOMPARE(reset.size(), 0);
    }

    void unreadCount()
    {
        Fixture f;
        f.model->setUnreadCount(jid(u"alice@example.org"_s), 3);   // before the contact is on the roster
        f.push(u"<item jid='alice@example.org' subscription='both'/>"_s);
        const QModelIndex index = f.model->contactIndexes(jid(u"alice@example.org"_s)).value(0);
        QCOMPARE(index.data(RosterModel::UnreadCountRole).toInt(), 3);
        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
        f.model->setUnreadCount(jid(u"alice@example.org/pc"_s), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(index.data(RosterModel::UnreadCountRole).toInt(), 0);
    }

    void pinyinOrder()
    {
        Fixture f;
        f.withProxy();
        f.push(u"<item jid='zhang@example.org' name='张三'/>"_s);
        f.push(u"<item jid='li@example.org' name='李四'/>"_s);
        f.push(u"<item jid='wang@example.org' name='王五'/>"_s);
        f.push(u"<item jid='aming@example.org' name='阿明'/>"_s);
        QCOMPARE(f.proxyNames(RosterManager::defaultGroupName()),
                 (QStringList{u"阿明"_s, u"李四"_s, u"王五"_s, u"张三"_s}));
    }

    void proxyOrdersGroupsAndContacts()
    {
        Fixture f;
        f.withProxy();
        f.push(u"<item jid='a@example.org' name='a'><group>Zeta</group></item>"_s);
        f.push(u"<item jid='b@example.org' name='b'><group>Alpha</group></item>"_s);
        f.push(u"<item jid='c@example.org' name='c'/>"_s);
        f.push(u"<item jid='d@example.org' name='d'/>"_s);
        f.push(u"<item jid='e@example.org' name='e'/>"_s);
        f.push(u"<item jid='f@example.org' name='f'/>"_s);
        QCOMPARE(f.proxyGroups(), (QStringList{RosterManager::defaultGroupName(), u"Alpha"_s, u"Zeta"_s}));
        const QString friends = RosterManager::defaultGroupName();
        QCOMPARE(f.proxyNames(friends), (QStringList{u"c"_s, u"d"_s, u"e"_s, u"f"_s}));

        // Available first, then by show (chat > online > dnd > away > xa), then by name.
        f.available(u"f@example.org/x"_s, u"<show>away</show>"_s);
        f.available(u"e@example.org/x"_s);
        f.available(u"d@example.org/x"_s, u"<show>dnd</show>"_s);
        QCOMPARE(f.proxyNames(friends), (QStringList{u"e"_s, u"d"_s, u"f"_s, u"c"_s}));
        f.available(u"c@example.org/x"_s, u"<show>chat</show>"_s);
        QCOMPARE(f.proxyNames(friends), (QStringList{u"c"_s, u"e"_s, u"d"_s, u"f"_s}));
        f.unavailable(u"c@example.org/x"_s);
        QCOMPARE(f.proxyNames(friends), (QStringList{u"e"_s, u"d"_s, u"f"_s, u"c"_s}));
    }

    void proxyFilters()
    {
        Fixture f;
        f.withProxy();
        f.push(u"<item jid='zhang@example.org' name='张三丰'><group>同学</group></item>"_s);
        f.push(u"<item jid='li@example.org' name='李四'><group>同学</group></item>"_s);
        f.push(u"<item jid='Wang@work.example' name='Wang Wu'><group>Work</group></item>"_s);
        f.available(u"li@example.org/x"_s, u"<status>在图书馆 Library</status>"_s);
        QCOMPARE(f.proxyGroups(), (QStringList{u"同学"_s, u"Work"_s}));

        f.proxy->setFilterText(u"三丰"_s);   // Chinese substring of the name
        QCOMPARE(f.proxyGroups(), QStringList{u"同学"_s});
        QCOMPARE(f.proxyNames(u"同学"_s), QStringList{u"张三丰"_s});

        f.proxy->setFilterText(u"WORK.EX"_s);   // the JID, case-insensitive
        QCOMPARE(f.proxyGroups(), QStringList{u"Work"_s});

        f.proxy->setFilterText(u"library"_s);   // the status text
        QCOMPARE(f.proxyNames(u"同学"_s), QStringList{u"李四"_s});
        QCOMPARE(f.proxyGroups(), QStringList{u"同学"_s});

        // A matching contact going offline keeps matching; one whose status no longer matches leaves.
        f.available(u"li@example.org/x"_s, u"<status>home</status>"_s);
        QCOMPARE(f.proxyGroups(), QStringList{});

        f.proxy->setFilterText({});
        QCOMPARE(f.proxyGroups(), (QStringList{u"同学"_s, u"Work"_s}));

        f.proxy->setHideOffline(true);
        QCOMPARE(f.proxyGroups(), QStringList{u"同学"_s});
        QCOMPARE(f.proxyNames(u"同学"_s), QStringList{u"李四"_s});
        f.available(u"Wang@work.example/x"_s);
        QCOMPARE(f.proxyGroups(), (QStringList{u"同学"_s, u"Work"_s}));
        f.unavailable(u"li@example.org/x"_s);
        QCOMPARE(f.proxyGroups(), QStringList{u"Work"_s});

        f.proxy->setHideOffline(false);
        QCOMPARE(f.proxyNames(u"同学"_s), (QStringList{u"李四"_s, u"张三丰"_s}));
    }

    void dragAndDropMovesTheContact()
    {
        Fixture f;
        f.push(u"<item jid='alice@example.org' subscription='both'><group>A</group><group>B</group></item>"_s);
        f.push(u"<item jid='bob@example.org' subscription='both'><group>C</group></item>"_s);
        const QModelIndex a = f.model->groupIndex(u"A"_s);
        const QModelIndex alice = f.model->index(0, 0, a);

        QVERIFY(f.model->mimeTypes().contains(u"application/x-xin-contact"_s));
        QVERIFY(f.model->flags(alice) & Qt::ItemIsDragEnabled);
        QVERIFY(!f.model->mimeData({a}));   // groups are not dragged
        std::unique_ptr<QMimeData> mime(f.model->mimeData({alice}));
        QVERIFY(mime);
        QVERIFY(mime->hasFormat(u"application/x-xin-contact"_s));

        const QModelIndex c = f.model->groupIndex(u"C"_s);
        QVERIFY(f.model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, c));
        QVERIFY(!f.model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, {}));
        // Dropping onto the same group does nothing.
        QVERIFY(!f.model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, a));

        // The drop asks the server to move Alice from A to C (RFC 6121 §2.3: a roster set with every group).
        QVERIFY(f.model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, f.model->index(0, 0, c)));
        f.client.expect(u"<iq type='set' id='*'><query xmlns='jabber:iq:roster'><item jid='alice@example.org'>"
                        "<group>B</group><group>C</group></item></query></iq>"_s);
        // The model changes only when the push comes back.
        QCOMPARE(f.members(u"A"_s), QStringList{u"alice@example.org"_s});
        f.push(u"<item jid='alice@example.org' subscription='both'><group>B</group><group>C</group></item>"_s);
        QVERIFY(!f.model->groupIndex(u"A"_s).isValid());
        QCOMPARE(f.members(u"C"_s), (QStringList{u"alice@example.org"_s, u"bob@example.org"_s}));
    }

    void manyContactsAndPresences()
    {
        // Big enough for every kind of move between and within groups; the model tester below walks the
        // whole tree at each change, so this costs the square of the size (5,000 contacts took 20 s; the
        // speed at that size is bench_roster's business, not a unit test's).
        constexpr int Contacts = 1000;
        constexpr int Groups = 20;
        Database database;
        QVERIFY(database.open(u":memory:"_s));
        RosterStore store(database);
        QList<RosterItem> items;
        for (int i = 0; i < Contacts; ++i) {
            RosterItem item;
            item.jid = jid(u"user%1@example.org"_s.arg(i));
            item.name = u"用户 %1"_s.arg(i);
            item.subscription = RosterItem::Subscription::Both;
            item.groups = {u"Group %1"_s.arg(i % Groups)};
            items << item;
        }
        QVERIFY(store.replaceAll(items, u"v"_s));

        Fixture f(&store);
        // The tester walks the whole tree at each change: on the model that costs seconds here, on the proxy
        // (which also re-sorts at each change) a minute. The proxy is checked in full once the flood is over.
        f.withProxy(false);
        QCOMPARE(f.model->rowCount(), Groups);
        QCOMPARE(f.model->rowCount(f.model->groupIndex(u"Group 7"_s)), Contacts / Groups);

        QSignalSpy reset(f.model.get(), &QAbstractItemModel::modelAboutToBeReset);
        // Every even contact comes online: one presence each.
        for (int i = 0; i < Contacts; i += 2)
            f.available(u"user%1@example.org/r"_s.arg(i), u"<show>away</show>"_s);
        // And the odd ones too, then half of those leave again: 5,000 presences in all.
        for (int i = 1; i < Contacts; i += 2)
            f.available(u"user%1@example.org/r"_s.arg(i));
        for (int i = 1; i < Contacts / 2; i += 2)
            f.unavailable(u"user%1@example.org/r"_s.arg(i));
        f.testProxy();
        QCOMPARE(reset.size(), 0);

        int online = 0;
        for (int row = 0; row < f.model->rowCount(); ++row) {
            const QModelIndex group = f.model->index(row, 0);
            int counted = 0;
            for (int child = 0; child < f.model->rowCount(group); ++child)
                counted += f.model->index(child, 0, group).data(RosterModel::AvailableRole).toBool() ? 1 : 0;
            QCOMPARE(group.data(RosterModel::OnlineCountRole).toInt(), counted);
            online += counted;
        }
        QCOMPARE(online, Contacts - Contacts / 4);
        const QModelIndex user3 = f.model->contactIndexes(jid(u"user3@example.org"_s)).value(0);
        QCOMPARE(user3.data(RosterModel::AvailableRole).toBool(), false);
        const QModelIndex user2 = f.model->contactIndexes(jid(u"user2@example.org"_s)).value(0);
        QCOMPARE(user2.data(RosterModel::PresenceShowRole).toInt(), int(Presence::Show::Away));
    }
};

QTEST_GUILESS_MAIN(TestRosterModel)
#include "tst_rostermodel.moc"
