// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"

#include <QAbstractListModel>
#include <QSet>
#include <QTimer>

#include <optional>

class MessageStore;

/// The messages of one chat, oldest at the top, newest at the bottom, in the store's order (timestamp, then
/// rowId). Opening a chat loads only the newest page; fetchMore() pages older messages in at the top. When
/// the store has nothing older, olderMessagesExhausted() tells the app to ask the server's archive, whose
/// messages then come through messageAdded() and land at their place in time, not at the end.
///
/// Messages that expire (XEP-0023) are removed when their time comes. Every text role is remote, plain text
/// (docs/SECURITY.md rule 5).
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(bool olderExhausted READ isOlderExhausted NOTIFY olderMessagesExhausted)
public:
    enum Role {
        MessageRole = Qt::UserRole + 1,   // ChatMessage: the whole message
        RowIdRole,            // qint64
        ChatRole,             // QString: bare JID
        ResourceRole,         // QString
        DirectionRole,        // int: ChatMessage::Direction
        TypeRole,             // int: Message::Type
        BodyRole,             // QString
        SubjectRole,          // QString
        ThreadRole,           // QString
        IdRole,               // QString
        OriginIdRole,         // QString
        StanzaIdRole,         // QString
        TimestampRole,        // QDateTime, UTC
        ExpiresRole,          // QDateTime, UTC; invalid = never
        StateRole,            // int: ChatMessage::State
        ErrorTextRole,        // QString
        EditedRole,           // bool
        ReadRole,             // bool
        ActionRole,           // bool: XEP-0245 "/me"
    };
    Q_ENUM(Role)

    static constexpr int PageSize = 50;

    /// Loads the newest page of @p chat from @p store (not owned; may be null: then the model holds only what
    /// messageAdded() and setMessages() give it).
    MessageListModel(MessageStore *store, const Jid &chat, QObject *parent = nullptr);

    Jid chat() const { return m_chat; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Whether the store has no message older than the top row.
    bool isOlderExhausted() const { return m_exhausted; }
    /// Replaces the rows (a reset) with @p messages of this chat, in any order; for a model without a store.
    void setMessages(QList<ChatMessage> messages, bool olderExhausted = true);

    /// A new stored message: inserted at its place in time. Ignored when it belongs to another chat, is
    /// already here (same rowId), a headline, expired, or older than the top row while the store still has
    /// older pages (it comes with them).
    void messageAdded(const ChatMessage &message);
    /// A stored message changed (state, correction, error): dataChanged for its row.
    void messageChanged(const ChatMessage &message);

    ChatMessage messageAt(int row) const;
    /// The row of the message with @p rowId, or -1.
    int rowOf(qint64 rowId) const;
    /// The newest outgoing message loaded (Up arrow edits it, XEP-0308); nullopt if there is none.
    std::optional<ChatMessage> lastOutgoing() const;
    /// Pages older messages in until the message @p rowId is loaded; its row, or -1 if it never comes.
    int ensureLoaded(qint64 rowId);
    /// Messages of this chat containing @p text, newest first: from the store's full-text search, or from the
    /// loaded rows without a store.
    QList<ChatMessage> search(const QString &text, int limit = 100) const;

Q_SIGNALS:
    /// The store has nothing older than the top row: time to ask the server's archive.
    void olderMessagesExhausted();

private:
    static bool before(const ChatMessage &a, const ChatMessage &b);
    void removeExpired();
    void scheduleExpiry();
    bool belongsHere(const ChatMessage &message) const;

    MessageStore *m_store;
    Jid m_chat;
    QList<ChatMessage> m_rows;
    QSet<qint64> m_rowIds;
    bool m_exhausted = false;
    QTimer m_expiry;
};
