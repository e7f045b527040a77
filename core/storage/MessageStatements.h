// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <array>
#include <memory>
#include <optional>

class Database;
class QSqlQuery;

/// MessageStore's SQL statements, each prepared on first use and then reused: preparing costs more than
/// running, and a flood or an archive page runs the same few thousands of times. Over the store's Database,
/// or over a connection of its own (SearchIndexer's thread).
class MessageStatements
{
public:
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
        HasOutgoing,
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
        Requeue,
        ReplaceBody,
        MarkRead,
        Unread,
        RemoveChat,
        IndexPairs,
        IndexPairsIfIndexed,
        UnindexedBodies,
        UnindexedBatchEnd,
        UnindexedBodiesUpTo,
        IndexUnindexedUpTo,
        ForgetUnindexedUpTo,
        AllBodies,
        SearchPaired,
        SearchPairedInChat,
    };

    explicit MessageStatements(Database &database);
    explicit MessageStatements(const QSqlDatabase &connection);
    ~MessageStatements();
    MessageStatements(const MessageStatements &) = delete;
    MessageStatements &operator=(const MessageStatements &) = delete;

    /// The statement @p sql with @p values bound, run; false (logged) when it failed. Read it, then finish().
    bool run(Sql sql, const QVariantList &values);
    /// The statement @p sql, prepared.
    QSqlQuery &get(Sql sql);
    /// The messages the query @p sql selects.
    QList<ChatMessage> list(Sql sql, const QVariantList &values);
    std::optional<ChatMessage> one(Sql sql, const QVariantList &values);
    /// The first column of the first row, as a number; std::nullopt when there is no row or the query failed.
    std::optional<qint64> number(Sql sql, const QVariantList &values);
    /// Rows changed by the write @p sql; -1 when it failed.
    int write(Sql sql, const QVariantList &values);
    /// The number of @p chat in message_chats, added when @p create; std::nullopt when it has none or on failure.
    std::optional<qint64> chatId(const QString &chat, bool create);
    /// Writes the character pairs (storage/CharacterPairs.h) of the rows @p sql selects (rowid, body, chat
    /// number); false on failure.
    bool indexPairsOf(Sql sql, const QVariantList &values = {});
    /// Closes every statement (none may stay open past the end of a transaction).
    void finishAll();

    QHash<QString, qint64> chatIds;   // cleared on a rollback, which may have taken new numbers back
    int unindexed = -1;               // rows in messages_unindexed; -1: not counted yet

private:
    static constexpr int SqlCount = int(Sql::SearchPairedInChat) + 1;

    Database *m_database = nullptr;   // the store's, whose connection may open after the store is made
    QSqlDatabase m_connection;        // else this one (SearchIndexer's)
    std::array<std::unique_ptr<QSqlQuery>, SqlCount> m_queries;
};
