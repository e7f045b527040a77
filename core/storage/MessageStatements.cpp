// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/MessageStatements.h"

#include "storage/CharacterPairs.h"
#include "storage/Database.h"
#include "storage/MessageRow.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using MessageRow::Columns;
using Sql = MessageStatements::Sql;

Q_LOGGING_CATEGORY(lcMessageStatements, "xin.storage.messages")

namespace {

// chatToken() in SQL, for the message_chats row c (Database.cpp, step 4).
const QString ChatTokenSql = u"char(57344 + c.id / 40960000 % 6400, 57344 + c.id / 6400 % 6400, 57344 + c.id % 6400)"_s;

// "Not expired" for the table m, with the current time bound at its place.
const QString Live = u"(m.expires IS NULL OR m.expires > ?)"_s;
const QString Newest = u" ORDER BY m.timestamp DESC, m.rowid DESC"_s;

/// A search through the full-text index @p table (bound: the MATCH text, the time, [the chat,] the limit).
QString indexSearch(const QString &table, bool inChat)
{
    return u"SELECT "_s + Columns + u" FROM "_s + table + u" JOIN messages m ON m.rowid = "_s + table
         + u".rowid WHERE "_s + table + u" MATCH ? AND m.type <> 3 AND "_s + Live
         + (inChat ? u" AND m.chat = ?"_s : QString()) + u" ORDER BY "_s + table + u".rowid DESC LIMIT ?"_s;
}

/// Savepoints, and what add() looks up and inserts.
QString storingText(Sql sql)
{
    switch (sql) {
    case Sql::Savepoint:
        return u"SAVEPOINT message_store"_s;
    case Sql::Release:
        return u"RELEASE message_store"_s;
    case Sql::RollbackTo:
        return u"ROLLBACK TO message_store"_s;
    case Sql::StoredIncoming:
    case Sql::StoredOutgoing:
        // The three ways a message can already be stored (class comment), in one statement: each statement
        // costs microseconds of QtSql on top of SQLite's work. A test of parameters alone ("? <> ''") is done
        // once before the search, so an empty id looks nothing up. The direction is part of the text, not bound:
        // a bound value compared with a column that a partial index's WHERE fixes (direction = 0 in
        // messages_unread) makes SQLite prepare the statement again at every run.
        // INDEXED BY: without statistics SQLite walked the chat's (chat, direction, id) entries for the stanza-id,
        // every message of the conversation for every message stored: a catch-up of 5,000 into a long chat
        // took a minute.
        return u"SELECT m.rowid, m.stanza_id FROM ("
               "  SELECT 1 AS priority, rowid AS found FROM messages INDEXED BY messages_stanza_id"
               "   WHERE ? <> '' AND stanza_id = ? AND stanza_id <> '' AND chat = ? AND direction = %1"
               "  UNION ALL"
               "  SELECT 2, rowid FROM messages WHERE ? <> '' AND chat = ? AND direction = %1 AND origin_id = ?"
               "  UNION ALL"
               "  SELECT 3, rowid FROM messages WHERE ? <> '' AND chat = ? AND direction = %1 AND id = ? AND body = ?"
               ") JOIN messages m ON m.rowid = found ORDER BY priority LIMIT 1"_s.arg(sql == Sql::StoredOutgoing ? 1
                                                                                                                 : 0);
    case Sql::AddStanzaId:
        return u"UPDATE messages SET stanza_id = ? WHERE rowid = ? AND stanza_id = ''"_s;
    case Sql::Insert:
        // The rowid: the first free number of the message's millisecond (see SequenceBits).
        return u"INSERT INTO messages (rowid, chat, resource, direction, type, body, subject, thread, id, "
               "origin_id, stanza_id, timestamp, expires, state, error_text, edited, read, receipt_requested, "
               "markable) VALUES (coalesce((SELECT rowid FROM messages WHERE rowid BETWEEN ? AND ? "
               "ORDER BY rowid DESC LIMIT 1) + 1, ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
    case Sql::ChatId:
        return u"SELECT id FROM message_chats WHERE chat = ?"_s;
    case Sql::AddChat:
        return u"INSERT INTO message_chats (chat) VALUES (?)"_s;
    default:
        return {};
    }
}

/// The full-text and pair indexes' writes (Database.cpp, steps 4 and 5).
QString indexingText(Sql sql)
{
    switch (sql) {
    case Sql::Index:
        return u"INSERT INTO messages_fts (rowid, chat, body) VALUES (?, ?, ?)"_s;
    case Sql::MarkUnindexed:
        return u"INSERT INTO messages_unindexed (rowid) VALUES (?)"_s;
    case Sql::CountUnindexed:
        return u"SELECT count(*) FROM messages_unindexed"_s;
    case Sql::IndexUnindexed:
        // chatToken() in SQL (Database.cpp, step 4).
        return u"INSERT INTO messages_fts (rowid, chat, body) SELECT m.rowid, "_s + ChatTokenSql
             + u", m.body FROM messages_unindexed u "
               "JOIN messages m ON m.rowid = u.rowid JOIN message_chats c ON c.chat = m.chat"_s;
    case Sql::ForgetUnindexed:
        return u"DELETE FROM messages_unindexed"_s;
    // The same three a batch at a time (SearchIndexer): up to the rowid UnindexedBatchEnd names.
    case Sql::UnindexedBatchEnd:
        return u"SELECT max(rowid) FROM (SELECT rowid FROM messages_unindexed ORDER BY rowid LIMIT ?)"_s;
    case Sql::UnindexedBodiesUpTo:
        return u"SELECT m.rowid, m.body, c.id FROM messages_unindexed u JOIN messages m ON m.rowid = u.rowid "
               "JOIN message_chats c ON c.chat = m.chat WHERE u.rowid <= ?"_s;
    case Sql::IndexUnindexedUpTo:
        return u"INSERT INTO messages_fts (rowid, chat, body) SELECT m.rowid, "_s + ChatTokenSql
             + u", m.body FROM messages_unindexed u "
               "JOIN messages m ON m.rowid = u.rowid JOIN message_chats c ON c.chat = m.chat WHERE u.rowid <= ?"_s;
    case Sql::ForgetUnindexedUpTo:
        return u"DELETE FROM messages_unindexed WHERE rowid <= ?"_s;
    case Sql::IndexPairs:
        return u"INSERT INTO messages_pairs (rowid, chat, pairs) VALUES (?, ?, ?)"_s;
    case Sql::IndexPairsIfIndexed:
        // After a correction: a row still waiting for its batch gets its pairs with it.
        return u"INSERT INTO messages_pairs (rowid, chat, pairs) SELECT m.rowid, "_s + ChatTokenSql
             + u", ? FROM messages m JOIN message_chats c "
               "ON c.chat = m.chat WHERE m.rowid = ? AND m.type <> 3"
               " AND NOT EXISTS (SELECT 1 FROM messages_unindexed u WHERE u.rowid = m.rowid)"_s;
    case Sql::UnindexedBodies:
        return u"SELECT m.rowid, m.body, c.id FROM messages_unindexed u JOIN messages m ON m.rowid = u.rowid "
               "JOIN message_chats c ON c.chat = m.chat"_s;
    case Sql::AllBodies:
        return u"SELECT m.rowid, m.body, c.id FROM messages m JOIN message_chats c ON c.chat = m.chat "
               "WHERE m.type <> 3 AND NOT EXISTS (SELECT 1 FROM messages_unindexed u WHERE u.rowid = m.rowid)"_s;
    default:
        return {};
    }
}

/// Messages and counts, for reading.
QString readingText(Sql sql)
{
    const QString select = u"SELECT "_s + Columns + u" FROM messages m "_s;
    switch (sql) {
    case Sql::Message:
        return select + u"WHERE m.rowid = ?"_s;
    case Sql::FindIncomingById:
    case Sql::FindOutgoingById:
        return select
             + u"WHERE m.chat = ? AND m.direction = %1 AND (m.id = ? OR m.origin_id = ?)"_s.arg(
                 sql == Sql::FindOutgoingById ? 1 : 0)
             + Newest + u" LIMIT 1"_s;
    case Sql::HasOutgoing:
        // messages_id (chat, direction, id): one step of the index, however many messages came in.
        return u"SELECT count(*) FROM (SELECT 1 FROM messages INDEXED BY messages_id WHERE chat = ? AND direction = 1 "
               "LIMIT 1)"_s;
    case Sql::LastOutgoing:
        // "+m.direction": walk the (chat, timestamp) index backwards rather than sort the chat's outgoing rows.
        return select + u"WHERE m.chat = ? AND +m.direction = 1 AND m.type <> 3"_s + Newest + u" LIMIT 1"_s;
    case Sql::Page:
        return select + u"WHERE m.chat = ? AND (m.timestamp, m.rowid) < (?, ?) AND m.type <> 3 AND "_s + Live + Newest
             + u" LIMIT ?"_s;
    case Sql::Count:
        return u"SELECT count(*) FROM messages m WHERE m.chat = ? AND m.type <> 3 AND "_s + Live;
    case Sql::Headlines:
        return select + u"WHERE m.type = 3 AND "_s + Live + Newest + u" LIMIT ?"_s;
    case Sql::Conversations:
        // Per chat (message_chats has each chat with a message that is not a headline) its newest visible
        // message and its unread count, both from indexes.
        return u"SELECT "_s + Columns
             + u", (SELECT count(*) FROM messages u INDEXED BY messages_unread"
               "   WHERE u.chat = m.chat AND u.direction = 0 AND u.read = 0 AND u.type <> 3"
               "   AND (u.expires IS NULL OR u.expires > ?))"
               " FROM message_chats c JOIN messages m ON m.rowid = (SELECT x.rowid FROM messages x"
               "   WHERE x.chat = c.chat AND x.type <> 3 AND (x.expires IS NULL OR x.expires > ?)"
               "   ORDER BY x.timestamp DESC, x.rowid DESC LIMIT 1)"_s
             + Newest;
    case Sql::Pending:
        return select + u"WHERE m.state = 0 AND m.direction = 1 ORDER BY m.timestamp, m.rowid"_s;
    case Sql::Unread:
        return u"SELECT count(*) FROM messages m INDEXED BY messages_unread "
               "WHERE m.chat = ? AND m.direction = 0 AND m.read = 0 AND m.type <> 3 AND "_s
             + Live;
    default:
        return {};
    }
}

/// search(): through an index, or row by row.
QString searchingText(Sql sql)
{
    const QString select = u"SELECT "_s + Columns + u" FROM messages m "_s;
    switch (sql) {
    case Sql::SearchIndexed:
    case Sql::SearchIndexedInChat:
        // The index's rowid order is the store's order (see SequenceBits): walking it backwards gives the
        // newest matches first and stops at the limit, however frequent the text. In one chat, the query is
        // "chat : token AND body : text", and FTS5 skips through both lists of entries together.
        return indexSearch(u"messages_fts"_s, sql == Sql::SearchIndexedInChat);
    case Sql::SearchScanning:
        return select + u"WHERE m.body LIKE ? ESCAPE '\\' AND m.type <> 3 AND "_s + Live
             + u" ORDER BY m.rowid DESC LIMIT ?"_s;
    case Sql::SearchScanningInChat:
        return select + u"WHERE m.chat = ? AND m.body LIKE ? ESCAPE '\\' AND m.type <> 3 AND "_s + Live + Newest
             + u" LIMIT ?"_s;
    case Sql::SearchPaired:
    case Sql::SearchPairedInChat:
        // As SearchIndexed, over the pair index.
        return indexSearch(u"messages_pairs"_s, sql == Sql::SearchPairedInChat);
    default:
        return {};
    }
}

/// Changes to stored messages.
QString changingText(Sql sql)
{
    switch (sql) {
    case Sql::SetProgress:
        return u"UPDATE messages SET state = ?, error_text = '' WHERE rowid = ? AND state < ? AND state <= 3"_s;
    case Sql::SetFailed:
        return u"UPDATE messages SET state = 4, error_text = ? WHERE rowid = ? AND (state <> 4 OR error_text <> ?)"_s;
    case Sql::Requeue:
        return u"UPDATE messages SET state = 0, error_text = '' WHERE rowid = ? AND state = 4 AND direction = 1"_s;
    case Sql::ReplaceBody:
        return u"UPDATE messages SET body = ?, edited = 1 WHERE rowid = ?"_s;
    // "INDEXED BY messages_unread": without statistics SQLite prefers (chat, direction, id) and would read every
    // incoming message of the chat.
    case Sql::MarkRead:
        return u"UPDATE messages INDEXED BY messages_unread SET read = 1 "
               "WHERE chat = ? AND direction = 0 AND read = 0 AND type <> 3"_s;
    case Sql::RemoveChat:
        return u"DELETE FROM messages WHERE chat = ?"_s;
    default:
        return {};
    }
}

/// The text of @p sql: each group of statements knows its own, and none knows another's.
QString statementText(Sql sql)
{
    for (QString (*group)(Sql) : {storingText, indexingText, readingText, searchingText, changingText}) {
        if (QString text = group(sql); !text.isEmpty())
            return text;
    }
    return {};
}

}   // namespace

MessageStatements::MessageStatements(Database &database) : m_database(&database) { }

MessageStatements::MessageStatements(const QSqlDatabase &connection) : m_connection(connection) { }

MessageStatements::~MessageStatements() = default;

bool MessageStatements::run(Sql sql, const QVariantList &values)
{
    QSqlQuery &query = get(sql);
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (query.exec())
        return true;
    qCWarning(lcMessageStatements) << "query failed:" << query.lastError().text();
    return false;
}

QSqlQuery &MessageStatements::get(Sql sql)
{
    std::unique_ptr<QSqlQuery> &query = m_queries[size_t(sql)];
    if (!query) {
        query = std::make_unique<QSqlQuery>(m_database ? m_database->connection() : m_connection);
        query->setForwardOnly(true);
        if (!query->prepare(statementText(sql)))
            qCWarning(lcMessageStatements) << "cannot prepare" << statementText(sql) << query->lastError().text();
    }
    return *query;
}

QList<ChatMessage> MessageStatements::list(Sql sql, const QVariantList &values)
{
    QList<ChatMessage> result;
    if (!run(sql, values))
        return result;
    QSqlQuery &query = get(sql);
    while (query.next())
        result.append(MessageRow::fromRow(query));
    query.finish();   // a statement left open keeps its read transaction, and WAL could not checkpoint
    return result;
}

std::optional<ChatMessage> MessageStatements::one(Sql sql, const QVariantList &values)
{
    const QList<ChatMessage> result = list(sql, values);
    return result.isEmpty() ? std::nullopt : std::optional(result.first());
}

std::optional<qint64> MessageStatements::number(Sql sql, const QVariantList &values)
{
    if (!run(sql, values))
        return std::nullopt;
    QSqlQuery &query = get(sql);
    std::optional<qint64> result;
    if (query.next())
        result = query.value(0).toLongLong();
    query.finish();
    return result;
}

int MessageStatements::write(Sql sql, const QVariantList &values)
{
    return run(sql, values) ? get(sql).numRowsAffected() : -1;
}

std::optional<qint64> MessageStatements::chatId(const QString &chat, bool create)
{
    if (const auto it = chatIds.constFind(chat); it != chatIds.cend())
        return *it;
    std::optional<qint64> id = number(Sql::ChatId, {chat});
    if (!id && create && write(Sql::AddChat, {chat}) == 1)
        id = get(Sql::AddChat).lastInsertId().toLongLong();
    if (id)
        chatIds.insert(chat, *id);
    return id;
}

bool MessageStatements::indexPairsOf(Sql sql, const QVariantList &values)
{
    if (!run(sql, values))
        return false;
    QList<QVariantList> rows;
    QSqlQuery &query = get(sql);
    while (query.next()) {
        QString pairs = CharacterPairs::indexText(query.value(1).toString());
        if (!pairs.isEmpty())
            rows.append(
                {query.value(0).toLongLong(), MessageRow::chatToken(query.value(2).toLongLong()), std::move(pairs)});
    }
    query.finish();
    for (const QVariantList &row : std::as_const(rows)) {
        if (write(Sql::IndexPairs, row) != 1)
            return false;
    }
    return true;
}

void MessageStatements::finishAll()
{
    m_queries = {};
}
