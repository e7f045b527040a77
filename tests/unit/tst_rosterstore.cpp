// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Database (schema migrations, WAL) and RosterStore (the cached roster and its version).
#include "storage/Database.h"
#include "storage/RosterPreload.h"
#include "storage/RosterStore.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

RosterItem makeItem(const QString &jid, const QString &name, RosterItem::Subscription subscription,
                    const QStringList &groups)
{
    RosterItem item;
    item.jid = Jid::fromString(jid);
    item.name = name;
    item.subscription = subscription;
    item.groups = groups;
    return item;
}

QVariant scalar(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

} // namespace

class tst_RosterStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void migratesEmptyDatabase();
    void reopenKeepsSchema();
    void refusesNewerSchema();
    void migratesFileWithOtherContent();
    void migratesGroupsIntoItems();
    void preloadAnswersFirstRead();
    void twoDatabasesAtOnce();
    void backgroundCheckpoints();
    void properties();
    void replaceAllPersists();
    void pushesUpdateAndRemove();
    void pushWithoutVersionKeepsVersion();
    void clear();

private:
    QTemporaryDir m_dir;
};

void tst_RosterStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void tst_RosterStore::migratesEmptyDatabase()
{
    QTemporaryDir dir;
    const QString path = Database::filePath(dir.path());
    Database db;
    QString error;
    QVERIFY2(db.open(path, &error), qPrintable(error));
    QVERIFY(db.isOpen());
    QVERIFY(Database::latestSchemaVersion() >= 1);
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(scalar(db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(db, u"PRAGMA foreign_keys"_s).toInt(), 1);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM roster_items"_s).toInt(), 0);

    RosterStore store(db);
    QVERIFY(store.items().isEmpty());
    QVERIFY(store.version().isEmpty());
}

void tst_RosterStore::reopenKeepsSchema()
{
    const QString path = m_dir.filePath(u"reopen.sqlite"_s);
    {
        Database db;
        QVERIFY(db.open(path));
        RosterStore(db).replaceAll({makeItem(u"bob@example.org"_s, u"鲍勃"_s, RosterItem::Subscription::Both, {})},
                                   u"7"_s);
    }
    Database db;
    QVERIFY(db.open(path));
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(RosterStore(db).items().size(), 1);
}

void tst_RosterStore::refusesNewerSchema()
{
    const QString path = m_dir.filePath(u"newer.sqlite"_s);
    {
        Database db;
        QVERIFY(db.open(path));
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(Database::latestSchemaVersion() + 1)));
    }
    Database db;
    QString error;
    QVERIFY(!db.open(path, &error));
    QVERIFY(!db.isOpen());
    QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
}

void tst_RosterStore::migratesFileWithOtherContent()
{
    // A version-0 file (user_version unset) that already has a table of its own: migration adds ours.
    const QString path = m_dir.filePath(u"legacy.sqlite"_s);
    {
        Database db;
        QVERIFY(db.open(path));
        QSqlQuery query(db.connection());
        // Every table of ours goes, whatever later migrations added (children before their parents).
        QVERIFY(query.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name = 'roster_items'"_s));
        QStringList tables;
        while (query.next())
            tables << query.value(0).toString();
        QVERIFY(tables.contains(u"roster_items"_s));
        for (const QString &table : std::as_const(tables))
            QVERIFY2(query.exec(u"DROP TABLE IF EXISTS "_s + table),
                     qPrintable(table));   // FTS5 shadow tables go with theirs
        QVERIFY(query.exec(u"CREATE TABLE notes (text TEXT)"_s));
        QVERIFY(query.exec(u"INSERT INTO notes VALUES ('保留')"_s));
        QVERIFY(query.exec(u"PRAGMA user_version = 0"_s));
    }
    Database db;
    QVERIFY(db.open(path));
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(scalar(db, u"SELECT text FROM notes"_s).toString(), u"保留"_s);
    RosterStore store(db);
    QVERIFY(store.replaceAll({makeItem(u"a@example.org"_s, {}, RosterItem::Subscription::None, {})}, u"1"_s));
    QCOMPARE(store.items().size(), 1);
}

void tst_RosterStore::migratesGroupsIntoItems()
{
    // A roster cached at schema version 5, groups in roster_groups (statements of step 1, frozen here on
    // purpose): step 6 moves them into their items in the server's order, which is not the names' order.
    const QString path = m_dir.filePath(u"version5.sqlite"_s);
    const QString name = u"tst-rosterstore-v5"_s;
    {
        QSqlDatabase old = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        old.setDatabaseName(path);
        QVERIFY(old.open());
        QSqlQuery query(old);
        for (
            const QString &statement : {
                u"CREATE TABLE properties (key TEXT PRIMARY KEY NOT NULL, value TEXT)"_s,
                u"CREATE TABLE roster_items (jid TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL DEFAULT '',"
                " subscription TEXT NOT NULL DEFAULT 'none', pending_out INTEGER NOT NULL DEFAULT 0,"
                " approved INTEGER NOT NULL DEFAULT 0)"_s,
                u"CREATE TABLE roster_groups (jid TEXT NOT NULL REFERENCES roster_items(jid) ON DELETE CASCADE,"
                " name TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (jid, name))"_s,
                u"INSERT INTO roster_items VALUES ('小明@example.org', '小明', 'both', 0, 0),"
                " ('bob@example.org', '', 'to', 1, 0), ('carol@example.org', 'Carol', 'none', 0, 1)"_s,
                u"INSERT INTO roster_groups VALUES ('小明@example.org', '同事', 1),"
                " ('小明@example.org', '大学同学', 0), ('小明@example.org', 'Zeta', 2), ('bob@example.org', '家人', 0)"_s,
                u"INSERT INTO properties VALUES ('roster.version', 'v5')"_s,
            })
            QVERIFY2(query.exec(statement), qPrintable(statement));
        // Steps 2-5 created tables only; the migration runs them too. Version 1 stands for "before step 6".
        QVERIFY(query.exec(u"PRAGMA user_version = 1"_s));
    }
    QSqlDatabase::removeDatabase(name);

    Database db;
    QString error;
    QVERIFY2(db.open(path, &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(scalar(db, u"SELECT count(*) FROM sqlite_master WHERE name = 'roster_groups'"_s).toInt(), 0);
    RosterStore store(db);
    QCOMPARE(store.version(), u"v5"_s);
    const QList<RosterItem> items = store.items();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0).jid.toString(), u"bob@example.org"_s);
    QCOMPARE(items.at(0).groups, QStringList{u"家人"_s});
    QVERIFY(items.at(0).pendingOut);
    QCOMPARE(items.at(1).groups, QStringList());
    QVERIFY(items.at(1).approved);
    QCOMPARE(items.at(2).name, u"小明"_s);
    QCOMPARE(items.at(2).groups, (QStringList{u"大学同学"_s, u"同事"_s, u"Zeta"_s}));

    // Written back and read again: the same.
    QVERIFY(store.replaceAll(items, u"v6"_s));
    QCOMPARE(store.items(), items);
}

void tst_RosterStore::preloadAnswersFirstRead()
{
    const QString path = m_dir.filePath(u"preload.sqlite"_s);
    const RosterItem xiaoming = makeItem(u"小明@example.org"_s, u"小明"_s, RosterItem::Subscription::Both,
                                         {u"同事"_s, u"大学同学"_s});
    const RosterItem bob = makeItem(u"bob@example.org"_s, {}, RosterItem::Subscription::To, {});
    {
        Database db;
        QVERIFY(db.open(path));
        QVERIFY(RosterStore(db).replaceAll({xiaoming, bob}, u"1"_s));
    }
    Database db;
    QVERIFY(db.open(path));
    {
        // Read by the worker, taken by the store's first items(): the same as a read of its own.
        RosterPreload preload(path);
        RosterStore store(db, &preload);
        QCOMPARE(store.items(), (QList<RosterItem>{bob, xiaoming}));
        QVERIFY(!preload.take());   // once
        QCOMPARE(store.items(), (QList<RosterItem>{bob, xiaoming}));
    }
    {
        // A store that wrote first no longer trusts what the worker read before.
        RosterPreload preload(path);
        RosterStore store(db, &preload);
        QVERIFY(store.replaceAll({bob}, u"2"_s));
        QCOMPARE(store.items(), QList<RosterItem>{bob});
    }
    {
        // No file: nothing read, and none created.
        const QString missing = m_dir.filePath(u"missing.sqlite"_s);
        RosterPreload preload(missing);
        QVERIFY(!preload.take());
        QVERIFY(!QFileInfo::exists(missing));
    }
}

void tst_RosterStore::backgroundCheckpoints()
{
    // The app's commits never run a checkpoint (PRAGMA wal_autocheckpoint=0); a thread of the database's
    // folds the write-ahead log into the file instead.
    const QString path = m_dir.filePath(u"checkpoints.sqlite"_s);
    Database db;
    QVERIFY(db.open(path));
    QVERIFY(db.setBackgroundCheckpoints(true));
    QVERIFY(db.hasBackgroundCheckpoints());
    QCOMPARE(scalar(db, u"PRAGMA wal_autocheckpoint"_s).toInt(), 0);
    QVERIFY(QSqlQuery(db.connection()).exec(u"CREATE TABLE filler (data BLOB)"_s));
    const qint64 before = QFileInfo(path).size();
    for (int i = 0; i < 200; ++i) {
        QVERIFY(db.transaction(
            [&] { return QSqlQuery(db.connection()).exec(u"INSERT INTO filler VALUES (randomblob(10000))"_s); }));
    }
    // 2 MB went to the log, less than the 1000 pages after which SQLite would fold it in by itself.
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > before + 1500000, 10000);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM filler"_s).toInt(), 200);

    QVERIFY(db.setBackgroundCheckpoints(false));
    QVERIFY(!db.hasBackgroundCheckpoints());
    QCOMPARE(scalar(db, u"PRAGMA wal_autocheckpoint"_s).toInt(), 1000);
    QVERIFY(db.setBackgroundCheckpoints(true));
    db.close();   // stops the thread first
    QVERIFY(!db.hasBackgroundCheckpoints());

    Database memory;
    QVERIFY(memory.open(u":memory:"_s));
    QVERIFY(!memory.setBackgroundCheckpoints(true));
}

void tst_RosterStore::twoDatabasesAtOnce()
{
    Database first;
    Database second;
    QVERIFY(first.open(m_dir.filePath(u"first.sqlite"_s)));
    QVERIFY(second.open(m_dir.filePath(u"second.sqlite"_s)));
    QVERIFY(first.connection().connectionName() != second.connection().connectionName());
    QVERIFY(first.setProperty(u"k"_s, u"1"_s));
    QVERIFY(second.property(u"k"_s).isNull());
    first.close();
    QVERIFY(!first.isOpen());
    QVERIFY(second.isOpen());
}

void tst_RosterStore::properties()
{
    Database db;
    QVERIFY(db.open(u":memory:"_s));
    QVERIFY(db.property(u"missing"_s).isNull());
    QVERIFY(db.setProperty(u"k"_s, u"值"_s));
    QCOMPARE(db.property(u"k"_s), u"值"_s);
    QVERIFY(db.setProperty(u"k"_s, u"新值"_s));
    QCOMPARE(db.property(u"k"_s), u"新值"_s);
}

void tst_RosterStore::replaceAllPersists()
{
    const QString path = m_dir.filePath(u"roster.sqlite"_s);
    RosterItem xiaoming = makeItem(u"小明@example.org"_s, u"小明同学"_s, RosterItem::Subscription::Both,
                                   {u"大学同学"_s, u"同事"_s});
    RosterItem carol = makeItem(u"carol@example.org"_s, {}, RosterItem::Subscription::None, {});
    carol.pendingOut = true;
    carol.approved = true;
    {
        Database db;
        QVERIFY(db.open(path));
        RosterStore store(db);
        QVERIFY(store.replaceAll({xiaoming, carol}, u"42"_s));
    }
    Database db;
    QVERIFY(db.open(path));
    RosterStore store(db);
    QCOMPARE(store.version(), u"42"_s);
    const QList<RosterItem> items = store.items();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0), carol);   // ordered by JID
    QCOMPARE(items.at(1), xiaoming);
    QCOMPARE(items.at(1).groups, (QStringList{u"大学同学"_s, u"同事"_s}));   // order kept

    // A full roster replaces, it does not merge.
    QVERIFY(store.replaceAll({carol}, u"43"_s));
    QCOMPARE(store.items(), QList<RosterItem>{carol});
    QCOMPARE(store.version(), u"43"_s);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM roster_items"_s).toInt(), 1);
}

void tst_RosterStore::pushesUpdateAndRemove()
{
    Database db;
    QVERIFY(db.open(m_dir.filePath(u"push.sqlite"_s)));
    RosterStore store(db);
    RosterItem bob = makeItem(u"bob@example.org"_s, u"鲍勃"_s, RosterItem::Subscription::To, {u"朋友"_s});
    QVERIFY(store.apply(bob, u"1"_s));
    bob.subscription = RosterItem::Subscription::Both;
    bob.groups = {u"家人"_s};
    QVERIFY(store.apply(bob, u"2"_s));
    QCOMPARE(store.items(), QList<RosterItem>{bob});
    QCOMPARE(store.version(), u"2"_s);

    RosterItem removal;
    removal.jid = bob.jid;
    removal.subscription = RosterItem::Subscription::Remove;
    QVERIFY(store.apply(removal, u"3"_s));
    QVERIFY(store.items().isEmpty());
    QCOMPARE(store.version(), u"3"_s);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM roster_items"_s).toInt(), 0);
}

void tst_RosterStore::pushWithoutVersionKeepsVersion()
{
    Database db;
    QVERIFY(db.open(u":memory:"_s));
    RosterStore store(db);
    QVERIFY(store.replaceAll({}, u"5"_s));
    QVERIFY(store.apply(makeItem(u"bob@example.org"_s, {}, RosterItem::Subscription::None, {}), {}));
    QCOMPARE(store.version(), u"5"_s);
    QCOMPARE(store.items().size(), 1);
}

void tst_RosterStore::clear()
{
    Database db;
    QVERIFY(db.open(u":memory:"_s));
    RosterStore store(db);
    QVERIFY(store.replaceAll({makeItem(u"bob@example.org"_s, {}, RosterItem::Subscription::Both, {u"g"_s})}, u"9"_s));
    QVERIFY(store.clear());
    QVERIFY(store.items().isEmpty());
    QVERIFY(store.version().isEmpty());
}

QTEST_GUILESS_MAIN(tst_RosterStore)
#include "tst_rosterstore.moc"
