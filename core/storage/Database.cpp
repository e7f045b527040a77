// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/Database.h"

#include "storage/WalCheckpointer.h"

#include <QAtomicInteger>
#include <QDir>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDatabase, "xin.storage")

namespace {

/// Step 1: general properties and the roster (RFC 6121 §2.1.2 item fields; groups in their own table,
/// one row per membership, position keeping the server's order).
QStringList rosterStep()
{
    return {
        u"CREATE TABLE properties (key TEXT PRIMARY KEY NOT NULL, value TEXT)"_s,
        u"CREATE TABLE roster_items ("
        "  jid TEXT PRIMARY KEY NOT NULL,"
        "  name TEXT NOT NULL DEFAULT '',"
        "  subscription TEXT NOT NULL DEFAULT 'none',"
        "  pending_out INTEGER NOT NULL DEFAULT 0,"
        "  approved INTEGER NOT NULL DEFAULT 0)"_s,
        u"CREATE TABLE roster_groups ("
        "  jid TEXT NOT NULL REFERENCES roster_items(jid) ON DELETE CASCADE,"
        "  name TEXT NOT NULL,"
        "  position INTEGER NOT NULL,"
        "  PRIMARY KEY (jid, name))"_s,
    };
}

/// Step 2: cached vCards (XEP-0054) by bare JID, without the photo's bytes (those are files in the
/// AvatarStore), and the avatar hash each contact last advertised and we verified (XEP-0153, XEP-0084).
QStringList vcardStep()
{
    return {
        u"CREATE TABLE vcards ("
        "  jid TEXT PRIMARY KEY NOT NULL,"
        "  vcard TEXT,"
        "  avatar_hash TEXT NOT NULL DEFAULT '',"
        "  updated INTEGER NOT NULL DEFAULT 0)"_s,
    };
}

/// Step 3: the message history (MessageStore). The rowid is (timestamp ms << 20) + a sequence number among
/// the messages of that millisecond, so rowid order is the store's order (timestamp, then insertion):
/// the full-text index (step 4) then yields the newest matches first without sorting them all.
/// Codes: direction 0 incoming, 1 outgoing; type 0 normal, 1 chat, 2 groupchat, 3 headline, 4 error;
/// state 0 pending, 1 sent, 2 delivered, 3 read, 4 failed, 5 received. Times are ms since the epoch,
/// UTC; expires NULL = never.
QStringList messagesStep()
{
    return {
        u"CREATE TABLE messages ("
        "  rowid INTEGER PRIMARY KEY,"
        "  chat TEXT NOT NULL,"
        "  resource TEXT NOT NULL DEFAULT '',"
        "  direction INTEGER NOT NULL,"
        "  type INTEGER NOT NULL,"
        "  body TEXT NOT NULL DEFAULT '',"
        "  subject TEXT NOT NULL DEFAULT '',"
        "  thread TEXT NOT NULL DEFAULT '',"
        "  id TEXT NOT NULL DEFAULT '',"
        "  origin_id TEXT NOT NULL DEFAULT '',"
        "  stanza_id TEXT NOT NULL DEFAULT '',"
        "  timestamp INTEGER NOT NULL,"
        "  expires INTEGER,"
        "  state INTEGER NOT NULL,"
        "  error_text TEXT NOT NULL DEFAULT '',"
        "  edited INTEGER NOT NULL DEFAULT 0,"
        "  read INTEGER NOT NULL DEFAULT 1,"
        "  receipt_requested INTEGER NOT NULL DEFAULT 0,"
        "  markable INTEGER NOT NULL DEFAULT 0)"_s,
        // type and expires make counting a chat's visible messages an index-only scan.
        u"CREATE INDEX messages_chat_time ON messages (chat, timestamp, rowid, type, expires)"_s,
        u"CREATE INDEX messages_stanza_id ON messages (stanza_id) WHERE stanza_id <> ''"_s,
        u"CREATE INDEX messages_origin_id ON messages (chat, direction, origin_id)"_s,
        u"CREATE INDEX messages_id ON messages (chat, direction, id)"_s,
        u"CREATE INDEX messages_unread ON messages (chat, expires)"
        " WHERE direction = 0 AND read = 0 AND type <> 3"_s,
        u"CREATE INDEX messages_headlines ON messages (timestamp, rowid) WHERE type = 3"_s,
        u"CREATE INDEX messages_pending ON messages (timestamp, rowid) WHERE state = 0"_s,
    };
}

/// Step 4: full-text search over the bodies of messages that are not headlines. Trigram tokens find any
/// substring of 3+ characters, Chinese included, case-insensitively. Contentless: the text is in
/// messages. Beside the body, each row indexes its chat as one trigram: three private-use characters
/// spelling the chat's number in message_chats (base 6400 from U+E000), so a search in one chat walks
/// that chat's entries and the text's together instead of every match of the text.
/// MessageStore indexes the rows it inserts, many per statement where it can: FTS5 writes its pending
/// entries at every statement and commit, which made one message at a time five times slower. A
/// message stored alone waits in messages_unindexed (same transaction, so none is forgotten) until a
/// batch is indexed, or a search. Deletes and body changes go through triggers, so no writer leaves
/// stale entries; a row still waiting has none to remove.
QStringList fullTextStep()
{
    return {
        u"CREATE TABLE message_chats (id INTEGER PRIMARY KEY, chat TEXT NOT NULL UNIQUE)"_s,
        u"INSERT INTO message_chats (chat) SELECT DISTINCT chat FROM messages WHERE type <> 3 ORDER BY chat"_s,
        u"CREATE TABLE messages_unindexed (rowid INTEGER PRIMARY KEY)"_s,
        u"CREATE VIRTUAL TABLE messages_fts USING fts5(chat, body, content='', tokenize='trigram')"_s,
        u"INSERT INTO messages_fts (rowid, chat, body)"
        " SELECT m.rowid, char(57344 + c.id / 40960000 % 6400,"
        "     57344 + c.id / 6400 % 6400, 57344 + c.id % 6400),"
        "  m.body FROM messages m JOIN message_chats c ON c.chat = m.chat WHERE m.type <> 3"_s,
        // A contentless table forgets a row only when told the text it indexed.
        u"CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.type <> 3 BEGIN"
        "  INSERT INTO messages_fts (messages_fts, rowid, chat, body)"
        "   SELECT 'delete', old.rowid, char(57344 + c.id / 40960000 % 6400,"
        "     57344 + c.id / 6400 % 6400, 57344 + c.id % 6400),"
        "    old.body FROM message_chats c WHERE c.chat = old.chat"
        "    AND NOT EXISTS (SELECT 1 FROM messages_unindexed WHERE rowid = old.rowid);"
        "  DELETE FROM messages_unindexed WHERE rowid = old.rowid;"
        " END"_s,
        u"CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages WHEN old.type <> 3"
        "  AND NOT EXISTS (SELECT 1 FROM messages_unindexed WHERE rowid = old.rowid) BEGIN"
        "  INSERT INTO messages_fts (messages_fts, rowid, chat, body)"
        "   SELECT 'delete', old.rowid, char(57344 + c.id / 40960000 % 6400,"
        "     57344 + c.id / 6400 % 6400, 57344 + c.id % 6400),"
        "    old.body FROM message_chats c WHERE c.chat = old.chat;"
        "  INSERT INTO messages_fts (rowid, chat, body)"
        "   SELECT new.rowid, char(57344 + c.id / 40960000 % 6400,"
        "     57344 + c.id / 6400 % 6400, 57344 + c.id % 6400),"
        "    new.body FROM message_chats c WHERE c.chat = new.chat;"
        " END"_s,
    };
}

/// Step 5: one- and two-character search (storage/CharacterPairs.h): each message's pairs of letters or digits
/// and its single ones as words ("你好 好世 世界 你 好 世 界") in a second index, with the chat as in
/// step 4. unicode61 makes each one token (keeping diacritics, as the trigram tokenizer does). contentless_delete (SQLite 3.43) forgets
/// a row by its rowid alone: the triggers cannot compute the pairs. MessageStore writes the rows, and
/// indexes the messages stored before this step when it opens the file (the property
/// messages/pairs-indexed says it did).
QStringList pairsStep()
{
    return {
        u"CREATE VIRTUAL TABLE messages_pairs USING fts5(chat, pairs, content='', contentless_delete=1,"
        " tokenize='unicode61 remove_diacritics 0')"_s,
        u"CREATE TRIGGER messages_pairs_delete AFTER DELETE ON messages WHEN old.type <> 3 BEGIN"
        "  DELETE FROM messages_pairs WHERE rowid = old.rowid;"
        " END"_s,
        // The new body's pairs are written by MessageStore::replaceBody(), or with its batch if it waits.
        u"CREATE TRIGGER messages_pairs_update AFTER UPDATE OF body ON messages WHEN old.type <> 3 BEGIN"
        "  DELETE FROM messages_pairs WHERE rowid = old.rowid;"
        " END"_s,
    };
}

/// Step 6: a contact's groups in a column of its own row, in the server's order, U+001F between names (XML
/// text cannot hold it, so no group name does), instead of a table of memberships: the cached roster
/// is read at every start before the contact list is drawn, and that second table of thousands of
/// rows was a third of the read. (Aggregate ORDER BY: SQLite 3.44.)
QStringList groupColumnStep()
{
    return {
        u"ALTER TABLE roster_items ADD COLUMN group_names TEXT NOT NULL DEFAULT ''"_s,
        u"UPDATE roster_items SET group_names = COALESCE((SELECT group_concat(g.name, char(31) ORDER BY g.position)"
        " FROM roster_groups g WHERE g.jid = roster_items.jid), '')"_s,
        u"DROP TABLE roster_groups"_s,
    };
}

/// The migration steps; step i (0-based) takes user_version from i to i + 1. Append-only (see the class
/// comment). Each entry is a list of statements run in one transaction.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps{rosterStep(),   vcardStep(), messagesStep(),
                                          fullTextStep(), pairsStep(), groupColumnStep()};
    return steps;
}

QAtomicInteger<quint64> connectionCounter;

bool exec(QSqlQuery &query, const QString &statement, QString *error)
{
    if (query.exec(statement))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

}   // namespace

Database::Database() = default;

Database::~Database()
{
    close();
}

QString Database::filePath(const QString &profileDir)
{
    return QDir(profileDir).filePath(u"xin.sqlite"_s);
}

bool Database::open(const QString &path, QString *error)
{
    close();
    m_connectionName = u"xin-db-%1"_s.arg(connectionCounter.fetchAndAddRelaxed(1));
    QString reason;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(path);
        if (!db.open()) {
            reason = db.lastError().text();
        } else {
            QSqlQuery query(db);
            // WAL for crash safety without blocking readers; NORMAL sync is durable enough with WAL (a power
            // cut may lose the last commit, never corrupt). Foreign keys are off by default in SQLite.
            if (path != u":memory:")
                exec(query, u"PRAGMA journal_mode=WAL"_s, nullptr);
            exec(query, u"PRAGMA synchronous=NORMAL"_s, nullptr);
            exec(query, u"PRAGMA foreign_keys=ON"_s, &reason);
        }
    }
    m_path = path;
    if (reason.isEmpty() && !migrate(&reason)) {
        if (reason.isEmpty())
            reason = u"migration failed"_s;
    }
    if (!reason.isEmpty()) {
        qCWarning(lcDatabase) << "cannot open" << path << reason;
        if (error)
            *error = reason;
        close();
        return false;
    }
    return true;
}

bool Database::setBackgroundCheckpoints(bool enabled)
{
    if (!isOpen() || m_path == u":memory:")
        return false;
    QSqlQuery query(connection());
    // 1000 pages: SQLite's default.
    if (!exec(query, u"PRAGMA wal_autocheckpoint=%1"_s.arg(enabled ? 0 : 1000), nullptr))
        return false;
    m_checkpointer.reset();
    if (enabled) {
        m_checkpointer = std::make_unique<WalCheckpointer>(m_path);
        m_checkpointer->start(QThread::LowPriority);
    }
    return true;
}

void Database::close()
{
    m_checkpointer.reset();   // its connection goes first: the last one to close folds the log in
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_path.clear();
}

bool Database::isOpen() const
{
    return !m_connectionName.isEmpty() && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase Database::connection() const
{
    return m_connectionName.isEmpty() ? QSqlDatabase() : QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    QSqlQuery query(connection());
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return -1;
    return query.value(0).toInt();
}

int Database::latestSchemaVersion()
{
    return int(migrations().size());
}

bool Database::transaction(const std::function<bool()> &work)
{
    if (m_inTransaction)
        return work();   // nested: part of the caller's transaction
    // IMMEDIATE: the write lock before the first read. Another connection to the file (the search indexer's)
    // may commit at any time; in WAL mode a transaction that read before that commit can no longer write
    // (SQLITE_BUSY_SNAPSHOT, "database is locked", at once and whatever the busy timeout), and the message
    // being stored would be refused. Taking the lock first makes SQLite wait for the other writer instead.
    QSqlQuery query(connection());
    if (!query.exec(u"BEGIN IMMEDIATE"_s))
        return false;
    m_inTransaction = true;
    const bool ok = work();
    m_inTransaction = false;
    if (ok && query.exec(u"COMMIT"_s))
        return true;
    query.exec(u"ROLLBACK"_s);
    return false;
}

bool Database::migrate(QString *error)
{
    const int current = schemaVersion();
    if (current < 0) {
        *error = u"cannot read the schema version"_s;
        return false;
    }
    if (current > latestSchemaVersion()) {
        // Written by a newer Xin: its tables may mean something this version does not know.
        *error = u"the database has schema version %1, newer than this program's %2"_s.arg(current).arg(
            latestSchemaVersion());
        return false;
    }
    for (int step = current; step < latestSchemaVersion(); ++step) {
        const bool ok = transaction([&] {
            QSqlQuery query(connection());
            for (const QString &statement : migrations().at(step)) {
                if (!exec(query, statement, error))
                    return false;
            }
            // PRAGMA takes no bound parameters; the number is ours.
            return exec(query, u"PRAGMA user_version = %1"_s.arg(step + 1), error);
        });
        if (!ok) {
            qCWarning(lcDatabase) << "migration to schema version" << step + 1 << "failed:" << *error;
            return false;
        }
    }
    return true;
}

QString Database::property(const QString &key) const
{
    QSqlQuery query(connection());
    query.prepare(u"SELECT value FROM properties WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

bool Database::setProperty(const QString &key, const QString &value)
{
    QSqlQuery query(connection());
    query.prepare(u"INSERT INTO properties (key, value) VALUES (?, ?) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    query.addBindValue(key);
    query.addBindValue(value);
    if (query.exec())
        return true;
    qCWarning(lcDatabase) << "cannot write property" << key << query.lastError().text();
    return false;
}
