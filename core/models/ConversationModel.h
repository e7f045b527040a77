// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"
#include "messaging/ChatState.h"
#include "storage/MessageStore.h"

#include <QAbstractListModel>

/// The conversations of the chat window's left pane, newest first: one row per chat with its last message.
///
/// Fed from outside (the history's conversations at start, then each message as it is stored): updates are
/// incremental, a new message moves its chat to the top with beginMoveRows, never a reset. Unread counts
/// come only from setUnreadCount() (the store is the truth; the model does not count by itself).
/// Every text role is remote, plain text (docs/SECURITY.md rule 5).
class ConversationModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        JidRole = Qt::UserRole + 1,   // QString: bare JID
        DisplayNameRole,      // QString: the name set by setDisplayName(), else the JID's local part
        AvatarKeyRole,        // QString: hash in the AvatarStore; empty = placeholder
        LastMessageRole,      // QString: one-line plain preview; "/me x" as "* Name x"
        TimestampRole,        // QDateTime (UTC) of the last message
        UnreadCountRole,      // int
        LastDirectionRole,    // int: ChatMessage::Direction of the last message
        LastStateRole,        // int: ChatMessage::State of the last message
        ChatStateRole,        // int: ChatState of the other side (Composing shows "typing…")
        LastChatMessageRole,  // ChatMessage: the last message itself
    };
    Q_ENUM(Role)

    explicit ConversationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces every row (a reset) with @p conversations, in any order: the model sorts them.
    void load(const QList<MessageStore::Conversation> &conversations);
    /// A stored message: its chat gets it as the last message (unless it is older than the one shown, e.g.
    /// from the archive) and moves to its place, the top for a new message; a new chat gets a row.
    /// Headlines and expired messages are ignored.
    void messageAdded(const ChatMessage &message);
    /// A stored message changed (state, correction): updates the preview when it is the last message.
    void messageChanged(const ChatMessage &message);
    void setUnreadCount(const Jid &jid, int count);
    void setDisplayName(const Jid &jid, const QString &name);
    void setAvatarKey(const Jid &jid, const QString &key);
    void setChatState(const Jid &jid, ChatState state);
    /// Our own name, for the preview of our own "/me" actions.
    void setOwnName(const QString &name);
    /// Removes the row of @p jid (the history of the chat was deleted).
    void removeConversation(const Jid &jid);

    /// The row of @p jid, or -1.
    int rowOf(const Jid &jid) const;
    QModelIndex indexOf(const Jid &jid) const;
    Jid jidAt(int row) const;
    int totalUnread() const;

    /// The one-line preview of @p message as the list shows it; @p senderName names the author of an action.
    static QString preview(const ChatMessage &message, const QString &senderName);

Q_SIGNALS:
    void totalUnreadChanged(int total);

private:
    struct Row
    {
        Jid jid;
        ChatMessage last;
    };

    static bool newer(const ChatMessage &a, const ChatMessage &b);
    /// Where a row whose last message is @p last belongs among the rows other than @p except.
    int sortedPosition(const ChatMessage &last, int except) const;
    void moveToSortedPosition(int row);
    void changed(const Jid &jid, const QList<int> &roles);
    QString nameOf(const Jid &jid) const;
    void updateTotal();

    QList<Row> m_rows;
    // Kept per JID, also for chats without a row yet: the app may name a contact before its first message.
    QHash<Jid, QString> m_names;
    QHash<Jid, QString> m_avatarKeys;
    QHash<Jid, int> m_unread;
    QHash<Jid, ChatState> m_states;
    QString m_ownName;
    int m_totalUnread = 0;
};
