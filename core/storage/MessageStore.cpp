#include "storage/MessageStore.h"

#include "storage/CharacterPairs.h"
#include "storage/Database.h"
#include "storage/SearchIndexer.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <algorithm>
#include <array>
#include <limits>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMessageStore, "xin.storage.messages")

namespace {

// The rowid of a message is (timestamp ms << SequenceBits) + its place among the messages of that millisecond
// (schema step 3 in Database.cpp): rowid order is the store's order, which the full-text index can follow.
constexpr int SequenceBits = 20;
constexpr qint64 SequenceMask = (qint64(1) << SequenceBits) - 1;
constexpr qint64 MaxTimestamp = (qint64(1) << (63 - SequenceBits)) - 1;   // year 2248

// Messages add() stored one at a time wait for the full-text index until there are this many (or a search).
constexpr int IndexBatch = 100;

// The schema's codes (Database.cpp, step 3), kept apart from the enums' values on purpose: reordering an enum
// must not change what a stored number means.
int directionCode(ChatMessage::Direction direction)
{
    return direction == ChatMessage::Direction::Outgoing ? 1 : 0;
}

constexpr int HeadlineCode = 3;   // "type <> 3" in the statements below

int typeCode(Message::Type type)
{
    switch (type) {
    case Message::Type::Normal: return 0;
    case Message::Type::Chat: return 1;
    case Message::Type::Groupchat: return 2;
    case Message::Type::Headline: return HeadlineCode;
    case Message::Type::Error: return 4;
    }
    return 1;
}

Message::Type typeFromCode(int code)
{
    switch (code) {
    case 0: return Message::Type::Normal;
    case 2: return Message::Type::Groupchat;
    case HeadlineCode: return Message::Type::Headline;
    case 4: return Message::Type::Error;
    default: return Message::Type::Chat;
    }
}

// Pending < Sent < Delivered < Read is the forward order setState() keeps.
constexpr int ReadCode = 3;
constexpr int FailedCode = 4;

int stateCode(ChatMessage::State state)
{
    switch (state) {
    case ChatMessage::State::Pending: return 0;
    case ChatMessage::State::Sent: return 1;
    case ChatMessage::State::Delivered: return 2;
    case ChatMessage::State::Read: return ReadCode;
    case ChatMessage::State::Failed: return FailedCode;
    case ChatMessage::State::Received: return 5;
    }
    return 5;
}

ChatMessage::State stateFromCode(int code)
{
    switch (code) {
    case 0: return ChatMessage::State::Pending;
    case 1: return ChatMessage::State::Sent;
    case 2: return ChatMessage::State::Delivered;
    case ReadCode: return ChatMessage::State::Read;
    case FailedCode: return ChatMessage::State::Failed;
    default: return ChatMessage::State::Received;
    }
}

qint64 storedTime(const QDateTime &time)
{
    return qBound(qint64(0), time.toMSecsSinceEpoch(), MaxTimestamp);
}

QDateTime timeFromStored(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

/// @p text for a NOT NULL text column or a comparison: QtSql binds a null QString as NULL.
QVariant text(const QString &text)
{
    return text.isNull() ? QVariant(QString(u""_s)) : QVariant(text);
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/// The columns fromRow() reads, in its order; the statements call the table "m".
const QString Columns = u"m.rowid, m.chat, m.resource, m.direction, m.type, m.body, m.subject, m.thread, m.id, "
                        "m.origin_id, m.stanza_id, m.timestamp, m.expires, m.state, m.error_text, m.edited, m.read, "
                        "m.receipt_requested, m.markable"_s;
constexpr int ColumnCount = 19;

ChatMessage fromRow(const QSqlQuery &query)
{
    ChatMessage message;
    message.rowId = query.value(0).toLongLong();
    message.chat = Jid::fromString(query.value(1).toString());
    message.resource = query.value(2).toString();
    message.direction =
        query.value(3).toInt() == 1 ? ChatMessage::Direction::Outgoing : ChatMessage::Direction::Incoming;
    message.type = typeFromCode(query.value(4).toInt());
    message.body = query.value(5).toString();
    message.subject = query.value(6).toString();
    message.thread = query.value(7).toString();
    message.id = query.value(8).toString();
    message.originId = query.value(9).toString();
    message.stanzaId = query.value(10).toString();
    message.timestamp = timeFromStored(query.value(11).toLongLong());
    if (!query.value(12).isNull())
        message.expires = timeFromStored(query.value(12).toLongLong());
    message.state = stateFromCode(query.value(13).toInt());
    message.errorText = query.value(14).toString();
    message.edited = query.value(15).toBool();
    message.read = query.value(16).toBool();
    message.receiptRequested = query.value(17).toBool();
    message.markable = query.value(18).toBool();
    return message;
}

/// 'text' as an FTS5 string: one phrase, so trigram matching finds it as a substring and operators (AND, NEAR,
/// *, ^, column filters) inside it are plain characters.
QString ftsPhrase(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

/// What the index holds for the chat numbered @p id in message_chats (Database.cpp, step 4): three private-use
/// characters, one trigram.
QString chatToken(qint64 id)
{
    const char32_t digits[3]{char32_t(0xE000 + id / 40960000 % 6400), char32_t(0xE000 + id / 6400 % 6400),
                             char32_t(0xE000 + id % 6400)};
    return QString::fromUcs4(digits, 3);
}

/// A LIKE pattern (ESCAPE '\') matching bodies that contain @p text.
QString likePattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped += u'\\';
        escaped += c;
    }
    return u'%' + escaped + u'%';
}

enum class Sql {
    Savepoint,
    Release,
    RollbackTo,
    StoredIncoming,
    StoredOutgoing,
    AddStanzaId,
    Insert,
    ChatId,
    AddChat,
    Index,
    MarkUnindexed,
    CountUnindexed,
    IndexUnindexed,
    ForgetUnindexed,
    Message,
    FindIncomingById,
    FindOutgoingById,
    LastOutgoing,
    Page,
    Count,
    SearchIndexed,
    SearchIndexedInChat,
    SearchScanning,
    SearchScanningInChat,
    Headlines,
    Conversations,
    Pending,
    SetProgress,
    SetFailed,
    ReplaceBody,
    MarkRead,
    Unread,
    RemoveChat,
    IndexPairs,
    IndexPairsIfIndexed,
    UnindexedBodies,
    AllBodies,
    SearchPaired,
    SearchPairedInChat,
};
constexpr int SqlCount = int(Sql::SearchPairedInChat) + 1;

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

QString statementText(Sql sql)
{
    const QString select = u"SELECT "_s + Columns + u" FROM messages m "_s;
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
        return u"SELECT m.rowid, m.stanza_id FROM ("
               "  SELECT 1 AS priority, rowid AS found FROM messages"
               "   WHERE ? <> '' AND stanza_id = ? AND stanza_id <> '' AND chat = ? AND direction = %1"
               "  UNION ALL"
               "  SELECT 2, rowid FROM messages WHERE ? <> '' AND chat = ? AND direction = %1 AND origin_id = ?"
               "  UNION ALL"
               "  SELECT 3, rowid FROM messages WHERE ? <> '' AND chat = ? AND direction = %1 AND id = ? AND body = ?"
               ") JOIN messages m ON m.rowid = found ORDER BY priority LIMIT 1"_s.arg(
                   sql == Sql::StoredOutgoing ? 1 : 0);
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
    case Sql::Message:
        return select + u"WHERE m.rowid = ?"_s;
    case Sql::FindIncomingById:
    case Sql::FindOutgoingById:
        return select + u"WHERE m.chat = ? AND m.direction = %1 AND (m.id = ? OR m.origin_id = ?)"_s.arg(
                   sql == Sql::FindOutgoingById ? 1 : 0)
               + Newest + u" LIMIT 1"_s;
    case Sql::LastOutgoing:
        // "+m.direction": walk the (chat, timestamp) index backwards rather than sort the chat's outgoing rows.
        return select + u"WHERE m.chat = ? AND +m.direction = 1 AND m.type <> 3"_s + Newest + u" LIMIT 1"_s;
    case Sql::Page:
        return select + u"WHERE m.chat = ? AND (m.timestamp, m.rowid) < (?, ?) AND m.type <> 3 AND "_s + Live
               + Newest + u" LIMIT ?"_s;
    case Sql::Count:
        return u"SELECT count(*) FROM messages m WHERE m.chat = ? AND m.type <> 3 AND "_s + Live;
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
    case Sql::Headlines:
        return select + u"WHERE m.type = 3 AND "_s + Live + Newest + u" LIMIT ?"_s;
    case Sql::Conversations:
        // Per chat (message_chats has each chat with a message that is not a headline) its newest visible
        // message and its unread count, both from indexes.
        return u"SELECT "_s + Columns + u", (SELECT count(*) FROM messages u INDEXED BY messages_unread"
               "   WHERE u.chat = m.chat AND u.direction = 0 AND u.read = 0 AND u.type <> 3"
               "   AND (u.expires IS NULL OR u.expires > ?))"
               " FROM message_chats c JOIN messages m ON m.rowid = (SELECT x.rowid FROM messages x"
               "   WHERE x.chat = c.chat AND x.type <> 3 AND (x.expires IS NULL OR x.expires > ?)"
               "   ORDER BY x.timestamp DESC, x.rowid DESC LIMIT 1)"_s + Newest;
    case Sql::Pending:
        return select + u"WHERE m.state = 0 AND m.direction = 1 ORDER BY m.timestamp, m.rowid"_s;
    case Sql::SetProgress:
        return u"UPDATE messages SET state = ?, error_text = '' WHERE rowid = ? AND state < ? AND state <= 3"_s;
    case Sql::SetFailed:
        return u"UPDATE messages SET state = 4, error_text = ? WHERE rowid = ? AND (state <> 4 OR error_text <> ?)"_s;
    case Sql::ReplaceBody:
        return u"UPDATE messages SET body = ?, edited = 1 WHERE rowid = ?"_s;
    // "INDEXED BY messages_unread": without statistics SQLite prefers (chat, direction, id) and would read every
    // incoming message of the chat.
    case Sql::MarkRead:
        return u"UPDATE messages INDEXED BY messages_unread SET read = 1 "
               "WHERE chat = ? AND direction = 0 AND read = 0 AND type <> 3"_s;
    case Sql::Unread:
        return u"SELECT count(*) FROM messages m INDEXED BY messages_unread "
               "WHERE m.chat = ? AND m.direction = 0 AND m.read = 0 AND m.type <> 3 AND "_s + Live;
    case Sql::RemoveChat:
        return u"DELETE FROM messages WHERE chat = ?"_s;
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
    case Sql::SearchPaired:
    case Sql::SearchPairedInChat:
        // As SearchIndexed, over the pair index.
        return indexSearch(u"messages_pairs"_s, sql == Sql::SearchPairedInChat);
    }
    return {};
}

} // namespace

/// The store's statements, each prepared on first use and then reused: preparing costs more than running, and
/// a flood or an archive page runs the same few thousands of times.
struct MessageStore::Statements
{
    explicit Statements(Database &database) : database(&database) {}
    explicit Statements(const QSqlDatabase &connection) : connection(connection) {}

    /// The statement @p sql with @p values bound, run; false (logged) when it failed. Read it, then finish().
    bool run(Sql sql, const QVariantList &values)
    {
        QSqlQuery &query = get(sql);
        for (qsizetype i = 0; i < values.size(); ++i)
            query.bindValue(int(i), values.at(i));
        if (query.exec())
            return true;
        qCWarning(lcMessageStore) << "query failed:" << query.lastError().text();
        return false;
    }

    QSqlQuery &get(Sql sql)
    {
        std::unique_ptr<QSqlQuery> &query = queries[size_t(sql)];
        if (!query) {
            query = std::make_unique<QSqlQuery>(database ? database->connection() : connection);
            query->setForwardOnly(true);
            if (!query->prepare(statementText(sql)))
                qCWarning(lcMessageStore) << "cannot prepare" << statementText(sql) << query->lastError().text();
        }
        return *query;
    }

    QList<ChatMessage> list(Sql sql, const QVariantList &values)
    {
        QList<ChatMessage> result;
        if (!run(sql, values))
            return result;
        QSqlQuery &query = get(sql);
        while (query.next())
            result.append(fromRow(query));
        query.finish();   // a statement left open keeps its read transaction, and WAL could not checkpoint
        return result;
    }

    std::optional<ChatMessage> one(Sql sql, const QVariantList &values)
    {
        const QList<ChatMessage> result = list(sql, values);
        return result.isEmpty() ? std::nullopt : std::optional(result.first());
    }

    /// The first column of the first row, as a number; std::nullopt when there is no row or the query failed.
    std::optional<qint64> number(Sql sql, const QVariantList &values)
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

    /// The number of @p chat in message_chats, added when @p create; std::nullopt when it has none or on failure.
    std::optional<qint64> chatId(const QString &chat, bool create)
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

    /// Rows changed by the write @p sql; -1 when it failed.
    int write(Sql sql, const QVariantList &values)
    {
        return run(sql, values) ? get(sql).numRowsAffected() : -1;
    }

    /// Writes the character pairs (storage/CharacterPairs.h) of the rows @p sql selects (rowid, body, chat
    /// number); false on failure.
    bool indexPairsOf(Sql sql)
    {
        if (!run(sql, {}))
            return false;
        QList<QVariantList> rows;
        QSqlQuery &query = get(sql);
        while (query.next()) {
            QString pairs = CharacterPairs::indexText(query.value(1).toString());
            if (!pairs.isEmpty())
                rows.append({query.value(0).toLongLong(), chatToken(query.value(2).toLongLong()), std::move(pairs)});
        }
        query.finish();
        for (const QVariantList &row : std::as_const(rows)) {
            if (write(Sql::IndexPairs, row) != 1)
                return false;
        }
        return true;
    }

    Database *database = nullptr;   // the store's, whose connection may open after the store is made
    QSqlDatabase connection;        // else this one (SearchIndexer's)
    std::array<std::unique_ptr<QSqlQuery>, SqlCount> queries;
    QHash<QString, qint64> chatIds;   // cleared on a rollback, which may have taken new numbers back
    int unindexed = -1;               // rows in messages_unindexed; -1: not counted yet
};

MessageStore::MessageStore(Database &database)
    : m_database(database), m_statements(std::make_unique<Statements>(database))
{
    // Schema step 5 added the pair index empty: messages stored before it get their pairs once, here.
    const QString pairsIndexed = u"messages/pairs-indexed"_s;
    if (m_database.isOpen() && m_database.property(pairsIndexed).isEmpty()) {
        const bool done = m_database.transaction([this] { return m_statements->indexPairsOf(Sql::AllBodies); });
        if (done)
            m_database.setProperty(pairsIndexed, u"1"_s);
        else
            qCWarning(lcMessageStore) << "could not index the character pairs of the stored messages";
    }
}

MessageStore::~MessageStore()
{
    m_indexer.reset();   // a pass in progress ends first
    if (m_database.isOpen())
        indexWaiting();
}

bool MessageStore::setBackgroundIndexing(bool enabled)
{
    m_indexer.reset();
    if (!enabled)
        return true;
    if (!m_database.isOpen() || m_database.path() == u":memory:")
        return false;
    m_indexer = std::make_unique<SearchIndexer>(m_database.path());
    m_indexer->start(QThread::LowPriority);
    return true;
}

bool MessageStore::indexWaitingOn(const QSqlDatabase &connection)
{
    Statements s(connection);
    // IMMEDIATE: the write lock first, so that no commit of the store's connection can come between this
    // pass's reads and its writes (which would make SQLite refuse the writes).
    if (!QSqlQuery(connection).exec(u"BEGIN IMMEDIATE"_s))
        return false;
    const bool ok = s.indexPairsOf(Sql::UnindexedBodies) && s.write(Sql::IndexUnindexed, {}) >= 0
        && s.write(Sql::ForgetUnindexed, {}) >= 0;
    s.queries = {};   // no statement open past the end of the transaction
    QSqlQuery end(connection);
    if (ok && end.exec(u"COMMIT"_s))
        return true;
    end.exec(u"ROLLBACK"_s);
    return false;
}

bool MessageStore::indexWaiting() const
{
    Statements &s = *m_statements;
    if (s.unindexed < 0)
        s.unindexed = int(s.number(Sql::CountUnindexed, {}).value_or(-1));
    if (s.unindexed == 0)
        return true;
    if (!s.run(Sql::Savepoint, {}))
        return false;
    if (!indexWaitingNow() || !s.run(Sql::Release, {})) {
        s.run(Sql::RollbackTo, {});
        s.run(Sql::Release, {});
        s.unindexed = -1;
        return false;
    }
    return true;
}

bool MessageStore::indexWaitingNow() const
{
    Statements &s = *m_statements;
    if (s.unindexed < 0)
        s.unindexed = int(s.number(Sql::CountUnindexed, {}).value_or(-1));
    if (s.unindexed == 0)
        return true;
    if (s.unindexed < 0 || !s.indexPairsOf(Sql::UnindexedBodies) || s.write(Sql::IndexUnindexed, {}) < 0
        || s.write(Sql::ForgetUnindexed, {}) < 0)
        return false;
    s.unindexed = 0;
    return true;
}

MessageStore::AddResult MessageStore::add(ChatMessage &message)
{
    // A savepoint, not a transaction: the row and its place in messages_unindexed go together, and add() still
    // works inside a caller's transaction.
    Statements &s = *m_statements;
    if (!s.run(Sql::Savepoint, {}))
        return AddResult::Failed;
    const AddResult result = addOne(message, true);
    if (result == AddResult::Failed || !s.run(Sql::Release, {})) {
        s.run(Sql::RollbackTo, {});
        s.run(Sql::Release, {});
        s.chatIds.clear();
        s.unindexed = -1;
        message.rowId = 0;
        return AddResult::Failed;
    }
    // Messages one at a time are indexed in batches: a commit of the index costs about a millisecond. Another
    // store on the same file may index them first; then the batch finds less to do.
    if (result == AddResult::Added && message.type != Message::Type::Headline && m_indexer) {
        s.unindexed = -1;   // the indexer changes it behind our back: count again when it matters
        m_indexer->schedule();
    } else if (result == AddResult::Added && message.type != Message::Type::Headline) {
        // Counted once (it may hold rows from before a crash), then kept.
        s.unindexed = s.unindexed < 0 ? int(s.number(Sql::CountUnindexed, {}).value_or(-1)) : s.unindexed + 1;
        if (s.unindexed >= IndexBatch)
            indexWaiting();
    }
    return result;
}

int MessageStore::addAll(QList<ChatMessage> &messages)
{
    int added = 0;
    const bool committed = m_database.transaction([&] {
        if (!indexWaitingNow())
            return false;
        for (ChatMessage &message : messages) {
            const AddResult result = addOne(message, false);
            if (result == AddResult::Added)
                ++added;
            else if (result == AddResult::Failed && !message.chat.isNull())
                return false;   // the database failed: keep none rather than some
        }
        return true;
    });
    if (committed)
        return added;
    m_statements->chatIds.clear();
    m_statements->unindexed = -1;
    for (ChatMessage &message : messages)
        message.rowId = 0;   // rolled back: no rowId set above is valid
    return 0;
}

MessageStore::AddResult MessageStore::addOne(ChatMessage &message, bool deferIndex)
{
    message.rowId = 0;
    if (message.chat.isNull())
        return AddResult::Failed;
    message.chat = message.chat.bare();
    if (!message.timestamp.isValid())
        message.timestamp = QDateTime::currentDateTimeUtc();
    const qint64 time = storedTime(message.timestamp);
    message.timestamp = timeFromStored(time);
    const QString chat = message.chat.toString();
    const int direction = directionCode(message.direction);

    // docs/SECURITY.md rule 9: no message twice. The stanza-id is our server's (ChatManager checked its 'by'), and
    // matches only in the same chat and direction (issue 13 finding 5): an id that turns up in another
    // conversation, forged or reused, cannot make a real message there look like a duplicate.
    Statements &s = *m_statements;
    const QVariant stanzaId = text(message.stanzaId);
    const QVariant originId = text(message.originId);
    const QVariant id = text(message.id);
    const Sql lookUp = direction ? Sql::StoredOutgoing : Sql::StoredIncoming;
    if (!s.run(lookUp, {stanzaId, stanzaId, chat, originId, chat, originId, id, chat, id, text(message.body)}))
        return AddResult::Failed;
    QSqlQuery &stored = s.get(lookUp);
    if (stored.next()) {
        message.rowId = stored.value(0).toLongLong();
        const bool hadStanzaId = !stored.value(1).toString().isEmpty();
        stored.finish();
        // Our own sent message, back from the archive: from now on its stanza-id finds it too.
        if (!hadStanzaId && !message.stanzaId.isEmpty()
            && s.write(Sql::AddStanzaId, {message.stanzaId, message.rowId}) < 0) {
            message.rowId = 0;
            return AddResult::Failed;
        }
        return AddResult::Duplicate;
    }
    stored.finish();

    // A 2^20th message in one millisecond takes the next one's first number: unique still, if not in order.
    const qint64 first = time << SequenceBits;
    const QVariant expires = message.expires.isValid() ? QVariant(storedTime(message.expires))
                                                       : QVariant(QMetaType::fromType<qint64>());
    const int inserted = s.write(Sql::Insert,
                                 {first, first + SequenceMask, first, chat, text(message.resource), direction,
                                  typeCode(message.type), text(message.body), text(message.subject),
                                  text(message.thread), id, originId, stanzaId, time, expires,
                                  stateCode(message.state), text(message.errorText), message.edited,
                                  message.read, message.receiptRequested, message.markable});
    if (inserted != 1)
        return AddResult::Failed;
    const qint64 rowId = s.get(Sql::Insert).lastInsertId().toLongLong();
    // Headlines are not searched (Database.cpp, step 4).
    if (message.type != Message::Type::Headline) {
        const std::optional<qint64> chatId = s.chatId(chat, true);
        if (!chatId)
            return AddResult::Failed;
        if (deferIndex ? s.write(Sql::MarkUnindexed, {rowId}) != 1
                       : s.write(Sql::Index, {rowId, chatToken(*chatId), text(message.body)}) != 1)
            return AddResult::Failed;
        if (!deferIndex) {
            const QString pairs = CharacterPairs::indexText(message.body);
            if (!pairs.isEmpty() && s.write(Sql::IndexPairs, {rowId, chatToken(*chatId), pairs}) != 1)
                return AddResult::Failed;
        }
    }
    message.rowId = rowId;
    return AddResult::Added;
}

std::optional<ChatMessage> MessageStore::message(qint64 rowId) const
{
    return m_statements->one(Sql::Message, {rowId});
}

std::optional<ChatMessage> MessageStore::findById(const Jid &chat, ChatMessage::Direction direction,
                                                  const QString &id) const
{
    if (id.isEmpty())
        return std::nullopt;
    const Sql sql = direction == ChatMessage::Direction::Outgoing ? Sql::FindOutgoingById : Sql::FindIncomingById;
    return m_statements->one(sql, {chat.bareString(), id, id});
}

std::optional<ChatMessage> MessageStore::lastOutgoing(const Jid &chat) const
{
    return m_statements->one(Sql::LastOutgoing, {chat.bareString()});
}

QList<ChatMessage> MessageStore::messages(const Jid &chat, int limit, const ChatMessage *before) const
{
    if (limit <= 0)
        return {};
    const qint64 max = std::numeric_limits<qint64>::max();
    const qint64 beforeTime = before ? storedTime(before->timestamp) : max;
    const qint64 beforeRow = before ? before->rowId : max;
    QList<ChatMessage> result =
        m_statements->list(Sql::Page, {chat.bareString(), beforeTime, beforeRow, now(), limit});
    std::reverse(result.begin(), result.end());
    return result;
}

int MessageStore::count(const Jid &chat) const
{
    return int(m_statements->number(Sql::Count, {chat.bareString(), now()}).value_or(0));
}

QList<ChatMessage> MessageStore::search(const QString &text, const Jid &chat, int limit) const
{
    if (text.isEmpty() || limit <= 0)
        return {};
    indexWaiting();   // const: what the store holds does not change, only how fast it is found
    // Trigrams match 3+ characters (code points, not UTF-16 units); one or two letters or digits have an
    // index of their own; other short text (punctuation, a space) is looked for row by row.
    if (text.toUcs4().size() >= 3)
        return searchIndex(Index::Trigrams, text, chat, limit);
    if (const std::optional<QString> pair = CharacterPairs::queryText(text))
        return searchIndex(Index::Pairs, *pair, chat, limit);
    return searchScanning(text, chat, limit);
}

QList<ChatMessage> MessageStore::searchIndex(Index index, const QString &text, const Jid &chat, int limit) const
{
    // Both indexes have the chat's token in their "chat" column (Database.cpp, steps 4 and 5).
    const QString column = index == Index::Trigrams ? u"body : "_s : u"pairs : "_s;
    const QString match = column + ftsPhrase(text);
    if (chat.isNull())
        return m_statements->list(index == Index::Trigrams ? Sql::SearchIndexed : Sql::SearchPaired,
                                  {match, now(), limit});
    const QString bare = chat.bareString();
    const std::optional<qint64> chatId = m_statements->chatId(bare, false);
    if (!chatId)
        return {};
    const QString query = u"chat : "_s + ftsPhrase(chatToken(*chatId)) + u" AND "_s + match;
    return m_statements->list(index == Index::Trigrams ? Sql::SearchIndexedInChat : Sql::SearchPairedInChat,
                              {query, now(), bare, limit});
}

QList<ChatMessage> MessageStore::searchScanning(const QString &text, const Jid &chat, int limit) const
{
    // LIKE folds ASCII case only; the trigram index folds all of Unicode. Both agree on Latin letters.
    if (chat.isNull())
        return m_statements->list(Sql::SearchScanning, {likePattern(text), now(), limit});
    return m_statements->list(Sql::SearchScanningInChat, {chat.bareString(), likePattern(text), now(), limit});
}

QList<ChatMessage> MessageStore::headlines(int limit) const
{
    if (limit <= 0)
        return {};
    return m_statements->list(Sql::Headlines, {now(), limit});
}

QList<MessageStore::Conversation> MessageStore::conversations() const
{
    QList<Conversation> result;
    const qint64 time = now();
    if (!m_statements->run(Sql::Conversations, {time, time}))
        return result;
    QSqlQuery &query = m_statements->get(Sql::Conversations);
    while (query.next()) {
        Conversation conversation;
        conversation.last = fromRow(query);
        conversation.chat = conversation.last.chat;
        conversation.unread = query.value(ColumnCount).toInt();
        result.append(conversation);
    }
    query.finish();
    return result;
}

QList<ChatMessage> MessageStore::pending() const
{
    return m_statements->list(Sql::Pending, {});
}

bool MessageStore::setState(qint64 rowId, ChatMessage::State state, const QString &errorText)
{
    if (state == ChatMessage::State::Failed)
        return m_statements->write(Sql::SetFailed, {text(errorText), rowId, text(errorText)}) > 0;
    const int code = stateCode(state);
    if (code > ReadCode)
        return false;   // Received is no step of an outgoing message's way
    return m_statements->write(Sql::SetProgress, {code, rowId, code}) > 0;
}

bool MessageStore::replaceBody(qint64 rowId, const QString &body)
{
    // The update trigger dropped the old pairs (Database.cpp, step 5); the new ones go in the same transaction.
    // A savepoint, as in add(): it also works inside a caller's transaction.
    Statements &s = *m_statements;
    const QString pairs = CharacterPairs::indexText(body);
    if (!s.run(Sql::Savepoint, {}))
        return false;
    const bool replaced = s.write(Sql::ReplaceBody, {text(body), rowId}) > 0
        && (pairs.isEmpty() || s.write(Sql::IndexPairsIfIndexed, {pairs, rowId}) >= 0);
    if (!replaced)
        s.run(Sql::RollbackTo, {});
    s.run(Sql::Release, {});
    return replaced;
}

int MessageStore::markRead(const Jid &chat)
{
    return qMax(0, m_statements->write(Sql::MarkRead, {chat.bareString()}));
}

int MessageStore::unreadCount(const Jid &chat) const
{
    return int(m_statements->number(Sql::Unread, {chat.bareString(), now()}).value_or(0));
}

bool MessageStore::removeChat(const Jid &chat)
{
    return m_statements->write(Sql::RemoveChat, {chat.bareString()}) >= 0;
}
