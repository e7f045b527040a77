// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/MessageStore.h"

#include <QElapsedTimer>
#include <QThread>

#include "storage/CharacterPairs.h"
#include "storage/Database.h"
#include "storage/MessageRow.h"
#include "storage/MessageStatements.h"
#include "storage/SearchIndexer.h"

#include <QLoggingCategory>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;
using namespace MessageRow;
using Sql = MessageStatements::Sql;

Q_LOGGING_CATEGORY(lcMessageStore, "xin.storage.messages")

namespace {

// Messages add() stored one at a time wait for the full-text index until there are this many (or a search).
constexpr int IndexBatch = 100;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/// 'text' as an FTS5 string: one phrase, so trigram matching finds it as a substring and operators (AND, NEAR,
/// *, ^, column filters) inside it are plain characters.
QString ftsPhrase(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
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

} // namespace

MessageStore::MessageStore(Database &database)
    : m_database(database)
    , m_statements(std::make_unique<MessageStatements>(database))
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

bool MessageStore::indexWaitingOn(const QSqlDatabase &connection, const std::function<bool()> &goOn)
{
    MessageStatements s(connection);
    for (;;) {
        QElapsedTimer took;
        took.start();
        // IMMEDIATE: the write lock first, so that no commit of the store's connection can come between this
        // batch's reads and its writes (which would make SQLite refuse the writes).
        if (!QSqlQuery(connection).exec(u"BEGIN IMMEDIATE"_s))
            return false;
        const qint64 last = s.number(Sql::UnindexedBatchEnd, {IndexBatchSize}).value_or(0);
        const bool ok = last == 0
                     || (s.indexPairsOf(Sql::UnindexedBodiesUpTo, {last})
                         && s.write(Sql::IndexUnindexedUpTo, {last}) >= 0
                         && s.write(Sql::ForgetUnindexedUpTo, {last}) >= 0);
        s.finishAll();   // no statement open past the end of the transaction
        QSqlQuery end(connection);
        if (!ok || !end.exec(u"COMMIT"_s)) {
            end.exec(u"ROLLBACK"_s);
            return false;
        }
        if (last == 0 || (goOn && !goOn()))
            return true;
        // A window for the store's connection: its busy handler retries every few tens of milliseconds.
        QThread::msleep(quint64(qMax<qint64>(10, took.elapsed())));
    }
}

bool MessageStore::indexWaiting() const
{
    MessageStatements &s = *m_statements;
    if (s.unindexed < 0)
        s.unindexed = int(s.number(Sql::CountUnindexed, {}).value_or(-1));
    if (s.unindexed == 0)
        return true;
    // Counted, then written: with the write lock from the start (Database::transaction()).
    const bool indexed = m_database.transaction([&] {
        if (!s.run(Sql::Savepoint, {}))
            return false;
        if (!indexWaitingNow() || !s.run(Sql::Release, {})) {
            s.run(Sql::RollbackTo, {});
            s.run(Sql::Release, {});
            return false;
        }
        return true;
    });
    if (!indexed)
        s.unindexed = -1;
    return indexed;
}

bool MessageStore::indexWaitingNow() const
{
    MessageStatements &s = *m_statements;
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
    // The row and its place in messages_unindexed go together: a savepoint, inside the caller's transaction or
    // in one that holds the write lock before the duplicate check reads (Database::transaction(): a commit of
    // the search indexer's connection in between would make SQLite refuse the insert, and lose the message).
    MessageStatements &s = *m_statements;
    AddResult result = AddResult::Failed;
    const bool stored = m_database.transaction([&] {
        if (!s.run(Sql::Savepoint, {}))
            return false;
        result = addOne(message, true);
        if (result == AddResult::Failed || !s.run(Sql::Release, {})) {
            s.run(Sql::RollbackTo, {});
            s.run(Sql::Release, {});
            return false;
        }
        return true;
    });
    if (!stored) {
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
    // With background indexing, a page is indexed like single messages, on the indexer's thread: indexing it
    // here, and everything still waiting with it (a flood of offline messages just before), took the UI
    // thread seconds at a catch-up of thousands.
    const bool defer = m_indexer != nullptr;
    const bool committed = m_database.transaction([&] {
        if (!defer && !indexWaitingNow())
            return false;
        for (ChatMessage &message : messages) {
            const AddResult result = addOne(message, defer);
            if (result == AddResult::Added)
                ++added;
            else if (result == AddResult::Failed && !message.chat.isNull())
                return false;   // the database failed: keep none rather than some
        }
        return true;
    });
    if (committed) {
        if (defer && added > 0) {
            m_statements->unindexed = -1;
            m_indexer->schedule();
        }
        return added;
    }
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
    MessageStatements &s = *m_statements;
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
    const int inserted = s.write(Sql::Insert, {first,
                                               first + SequenceMask,
                                               first,
                                               chat,
                                               text(message.resource),
                                               direction,
                                               typeCode(message.type),
                                               text(message.body),
                                               text(message.subject),
                                               text(message.thread),
                                               id,
                                               originId,
                                               stanzaId,
                                               time,
                                               expires,
                                               stateCode(message.state),
                                               text(message.errorText),
                                               message.edited,
                                               message.read,
                                               message.receiptRequested,
                                               message.markable});
    if (inserted != 1)
        return AddResult::Failed;
    const qint64 rowId = s.get(Sql::Insert).lastInsertId().toLongLong();
    // Headlines are not searched (Database.cpp, step 4).
    if (message.type != Message::Type::Headline && !index(rowId, message, deferIndex))
        return AddResult::Failed;
    message.rowId = rowId;
    return AddResult::Added;
}

bool MessageStore::index(qint64 rowId, const ChatMessage &message, bool defer)
{
    MessageStatements &s = *m_statements;
    const std::optional<qint64> chatId = s.chatId(message.chat.toString(), true);
    if (!chatId)
        return false;
    if (defer)
        return s.write(Sql::MarkUnindexed, {rowId}) == 1;
    if (s.write(Sql::Index, {rowId, chatToken(*chatId), text(message.body)}) != 1)
        return false;
    const QString pairs = CharacterPairs::indexText(message.body);
    return pairs.isEmpty() || s.write(Sql::IndexPairs, {rowId, chatToken(*chatId), pairs}) == 1;
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

bool MessageStore::hasOutgoing(const Jid &chat) const
{
    return m_statements->number(Sql::HasOutgoing, {chat.bareString()}).value_or(0) > 0;
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
    QList<ChatMessage> result = m_statements->list(Sql::Page, {chat.bareString(), beforeTime, beforeRow, now(), limit});
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

bool MessageStore::requeue(qint64 rowId)
{
    return m_statements->write(Sql::Requeue, {rowId}) > 0;
}

bool MessageStore::replaceBody(qint64 rowId, const QString &body)
{
    // The update trigger dropped the old pairs (Database.cpp, step 5); the new ones go in the same transaction.
    // A savepoint, as in add(): it also works inside a caller's transaction.
    MessageStatements &s = *m_statements;
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
