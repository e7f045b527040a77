// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"

#include <QList>
#include <functional>
#include <QString>

#include <memory>
#include <optional>

class Database;
class MessageStatements;
class QSqlDatabase;
class SearchIndexer;

/// The message history of a profile (one-to-one chats and headlines) in the profile's SQLite database, with
/// full-text search that finds Chinese substrings (FTS5, trigram tokenizer).
///
/// Idempotent by design (docs/SECURITY.md rule 9: no message lost, none twice): add() refuses a message already
/// stored: same chat, direction and trusted stanza-id; or same chat, direction and origin-id; or same chat,
/// direction and id (with a non-empty id) and the same body. Every stored stanza-id was issued by the
/// profile's own account (its archive, or <stanza-id by='our bare JID'/>), so that is the 'by' they share. A message arriving live, then as a carbon, then again from the
/// archive is stored once.
///
/// Order: by timestamp, then rowId (messages fetched from the archive later are older than rows stored
/// before them). Expired messages (XEP-0023) are never returned by messages(), conversations() or search().
///
/// A rowId is (timestamp in ms << 20) + the message's place among those of its millisecond: unique, never
/// reused while the message exists, in the store's order, and larger than 2^53 (keep it out of JSON numbers
/// and doubles).
class MessageStore
{
public:
    enum class AddResult { Added, Duplicate, Failed };
    struct Conversation
    {
        Jid chat;
        ChatMessage last;   // the newest message that is not a headline and not expired
        int unread = 0;   // incoming messages with read == false
    };

    /// @p database must be open and outlive the store.
    explicit MessageStore(Database &database);
    ~MessageStore();
    MessageStore(const MessageStore &) = delete;
    MessageStore &operator=(const MessageStore &) = delete;

    /// The profile's database the store lives in (ChatManager keeps its "last online" stamp there too).
    Database &database() const { return m_database; }

    /// Stores @p message and sets its rowId (an invalid timestamp is stored, and set, as the current time).
    /// On Duplicate, rowId is set to the stored copy's, and the stored
    /// copy gains the stanza-id if it had none (e.g. our own sent message coming back from the archive).
    AddResult add(ChatMessage &message);
    /// Stores many in one transaction (archive pages, floods); each is checked like add(). Returns how many
    /// were Added; each message's rowId is set as in add().
    int addAll(QList<ChatMessage> &messages);

    std::optional<ChatMessage> message(qint64 rowId) const;
    /// The message of @p chat in @p direction whose id or origin-id is @p id (receipts, markers and
    /// corrections refer to either). The newest one when several match.
    std::optional<ChatMessage> findById(const Jid &chat, ChatMessage::Direction direction, const QString &id) const;
    /// Whether we ever wrote to @p chat (kept in the history): a lookup in an index, for every receipt request.
    bool hasOutgoing(const Jid &chat) const;
    /// The newest outgoing message of @p chat (Up arrow edits it, XEP-0308).
    std::optional<ChatMessage> lastOutgoing(const Jid &chat) const;

    /// Up to @p limit messages of @p chat (headlines excluded), oldest first: the newest ones when @p before is
    /// null, else the newest that come before @p before in the store's order (paging back on scroll).
    QList<ChatMessage> messages(const Jid &chat, int limit, const ChatMessage *before = nullptr) const;
    /// How many messages @p chat has (headlines and expired ones excluded).
    int count(const Jid &chat) const;
    /// Messages whose body contains @p text (case-insensitive; any length, Chinese included), newest first,
    /// in @p chat only when it is not null. Headlines excluded. Text of 3+ characters uses the trigram index,
    /// one or two letters or digits the pair index (both fold Unicode case); other short text (punctuation,
    /// a space) is looked for row by row, newest first, folding ASCII letters only.
    QList<ChatMessage> search(const QString &text, const Jid &chat = {}, int limit = 100) const;
    /// Headlines (Message::Type::Headline), newest first.
    QList<ChatMessage> headlines(int limit) const;
    /// Every chat with at least one message, newest first.
    QList<Conversation> conversations() const;

    /// Outgoing messages still Pending (sent at the next connection), oldest first.
    QList<ChatMessage> pending() const;

    /// State changes move forward only (Sent → Delivered → Read); Failed is set from any state. False when
    /// nothing changed.
    bool setState(qint64 rowId, ChatMessage::State state, const QString &errorText = {});
    /// A Failed outgoing message goes back to Pending (the user asked to send it again); false for any other.
    bool requeue(qint64 rowId);
    /// XEP-0308: replaces the body (and the search index) and sets edited.
    bool replaceBody(qint64 rowId, const QString &body);
    /// Marks every incoming message of @p chat read; returns how many changed.
    int markRead(const Jid &chat);
    int unreadCount(const Jid &chat) const;
    /// Deletes every message of @p chat.
    bool removeChat(const Jid &chat);

    /// Whether messages stored one at a time are indexed for search on a thread of their own once they stop
    /// coming for a moment (storage/SearchIndexer.h), instead of in batches inside add() on the caller's
    /// thread. The app turns it on; searches find every message either way. False for a closed or in-memory
    /// database.
    bool setBackgroundIndexing(bool enabled);
    /// Indexes every message waiting for the index, over @p connection, in one write transaction; for
    /// SearchIndexer's thread.
    ///
    /// In batches, each its own short transaction, with a pause after each as long as it took: the store's
    /// own connection (the UI thread) waits for the write lock at most one batch, never the whole pass
    /// (thousands of messages caught up at once took seconds and made its writes fail, "database is
    /// locked"). @p goOn is asked after each batch; false ends the pass early (messages are arriving: the
    /// rest waits for the next quiet moment).
    static bool indexWaitingOn(const QSqlDatabase &connection, const std::function<bool()> &goOn = {});
    /// Messages per batch of indexWaitingOn().
    static constexpr int IndexBatchSize = 50;

private:
    AddResult addOne(ChatMessage &message, bool deferIndex);
    /// Puts the stored row @p rowId of @p message in the search indexes, or on the list of rows waiting for
    /// them when @p defer; false on failure.
    bool index(qint64 rowId, const ChatMessage &message, bool defer);
    bool indexWaiting() const;   // in a savepoint of its own
    bool indexWaitingNow() const;   // in the caller's transaction
    enum class Index { Trigrams, Pairs };
    QList<ChatMessage> searchIndex(Index index, const QString &text, const Jid &chat, int limit) const;
    QList<ChatMessage> searchScanning(const QString &text, const Jid &chat, int limit) const;

    Database &m_database;
    std::unique_ptr<MessageStatements> m_statements;   // prepared once, reused: floods add thousands of messages
    std::unique_ptr<SearchIndexer> m_indexer;
};
