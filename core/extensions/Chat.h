// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"
#include "messaging/ChatState.h"

#include <QObject>

class ChatManager;

/// One one-to-one conversation with a contact (the Smack Chat in Qt shape). Made by ChatManager::chat();
/// owned by the ChatManager.
class Chat : public QObject
{
    Q_OBJECT
public:
    Jid jid() const { return m_jid; }

    /// Sends @p text as a chat message with a receipt request (XEP-0184), markable (XEP-0333), an
    /// origin-id (XEP-0359) and the "active" chat state; stores it first, so it is not lost when offline
    /// (it stays Pending and goes out at the next connection). Returns the stored message.
    ChatMessage sendMessage(const QString &text);
    /// Sends @p message as it is (addressed to this chat; type, id and payloads filled in where missing).
    ChatMessage sendMessage(Message message);
    /// XEP-0308: replaces the body of our last message in this chat; false if there is none.
    bool correctLastMessage(const QString &text);
    /// Our chat state (XEP-0085), sent only when it changed and the other side supports states.
    void setChatState(ChatState state);
    ChatState chatState() const { return m_ownState; }
    /// The other side's last chat state.
    ChatState remoteState() const { return m_remoteState; }
    /// The user has seen the conversation: unread messages become read, and the newest markable incoming
    /// message gets a <displayed/> marker (XEP-0333).
    void markRead();

Q_SIGNALS:
    /// A new message in this chat (incoming, a carbon, fetched from the archive, or sent by us).
    void messageAdded(const ChatMessage &message);
    /// A stored message changed: delivery state, correction, error, stanza-id.
    void messageChanged(const ChatMessage &message);
    void remoteStateChanged(ChatState state);
    /// Another device of ours displayed this chat's messages: they are read here too.
    void readElsewhere();

private:
    friend class ChatManager;
    Chat(const Jid &jid, ChatManager *manager);
    /// Builds the stanza of @p message and writes it; false when not connected.
    bool transmit(const ChatMessage &message, const QString &replaces = {});
    void setRemoteState(ChatState state, bool supportsStates);
    ChatMessage store(ChatMessage message);

    Jid m_jid;
    ChatManager *m_manager;
    ChatState m_ownState = ChatState::None;
    ChatState m_remoteState = ChatState::None;
    bool m_remoteSupportsStates = true;   // until a message without a state came (XEP-0085 §5.1)
};
