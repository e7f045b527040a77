// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatState.h"
#include "models/MessageListModel.h"
#include "stanza/Jid.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class AvatarImages;
class ChatHeader;
class ChatSearchPanel;
class ChatStateTracker;
class Composer;
class ConversationDelegate;
class ConversationModel;
class MessageView;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;

/// The one QQ-style chat window: the conversations on the left, the open chat on the right (header with
/// "typing…", messages, composer, history search).
///
/// It shows what it is given and reports what the user asks for with signals; it never sends anything
/// itself. The app gives it the ConversationModel and, per chat, a MessageListModel (openChat()); a
/// conversation picked in the list whose model the window does not have yet is asked for with
/// openChatRequested(). Our chat states (XEP-0085) are worked out here from typing, focus and closing,
/// and reported with chatStateChanged() only when they change.
class ChatWindow : public QWidget
{
    Q_OBJECT

public:
    /// @p avatars (not owned; may be null: placeholders) must outlive the window.
    explicit ChatWindow(AvatarImages *avatars = nullptr, QWidget *parent = nullptr);
    ~ChatWindow() override;

    void setAvatarImages(AvatarImages *avatars);
    /// The left pane's model (not owned).
    void setConversationModel(ConversationModel *model);
    ConversationModel *conversationModel() const { return m_conversations; }

    /// Shows the chat with @p jid and selects it in the list. @p model (the chat's messages) is kept for
    /// the chat and reused when it is opened again; the window becomes its parent when it has none. A null
    /// @p model reopens the one the window already has.
    void openChat(const Jid &jid, MessageListModel *model = nullptr);
    /// The chat shown, or a null Jid.
    Jid currentChat() const { return m_current; }
    /// The model kept for @p jid, or null.
    MessageListModel *messageModel(const Jid &jid) const;
    /// Forgets @p jid's model (deleting it when the window owns it) and its draft; closes the chat if open.
    void closeChat(const Jid &jid);

    /// Who @p jid is: header, avatars, list row. Remote text, shown as plain text.
    void setPeerInfo(const Jid &jid, const QString &name, const QString &avatarKey, const QString &statusText,
                     bool available);
    /// The other side's chat state (XEP-0085): "typing…" in the header and the list.
    void setRemoteState(const Jid &jid, ChatState state);
    /// Who we are: our avatar beside our messages, our name in our /me actions.
    void setOwnInfo(const Jid &jid, const QString &name, const QString &avatarKey);

    /// QQ's option: Ctrl+Enter sends and Enter starts a new line (no sendWithCtrlEnterChanged()).
    void setSendWithCtrlEnter(bool ctrlEnter);
    bool sendWithCtrlEnter() const;
    /// How long until "paused" after the last key, and until "inactive" in the background (XEP-0085 §5).
    void setChatStateTimeouts(int pausedMs, int inactiveMs);

    // The parts, for the app and for tests.
    MessageView *messageView() const { return m_view; }
    Composer *composer() const { return m_composer; }
    ChatHeader *header() const { return m_header; }
    QListView *conversationList() const { return m_list; }
    ChatSearchPanel *searchPanel() const { return m_search; }

Q_SIGNALS:
    void sendRequested(const Jid &chat, const QString &text);
    /// Our failed message @p rowId is to be sent again (ChatManager::retry()).
    void retryRequested(qint64 rowId);
    /// XEP-0308: replace the body of our last message in @p chat.
    void correctionRequested(const Jid &chat, const QString &text);
    /// Our chat state in @p chat changed (XEP-0085).
    void chatStateChanged(const Jid &chat, ChatState state);
    /// @p chat is in front and the window active: its messages count as read.
    void chatActivated(const Jid &chat);
    /// The store has no older messages of @p chat: ask the server's archive.
    void olderMessagesRequested(const Jid &chat);
    /// The header's avatar was clicked.
    void profileRequested(const Jid &chat);
    /// A conversation was picked in the list and the window has no model for it, or an xmpp: link to
    /// @p chat was clicked in a message: call openChat().
    void openChatRequested(const Jid &chat);
    void sendWithCtrlEnterChanged(bool ctrlEnter);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    struct Peer
    {
        QString name;
        QString avatarKey;
        QString statusText;
        bool available = false;
    };

    QWidget *createConversationPane();
    QWidget *createPlaceholder();
    QWidget *createChatPage();
    void conversationPicked(const QModelIndex &index);
    void selectInList(const Jid &jid);
    void updatePeerViews();
    void editLastMessage();
    void runSearch(const QString &text);
    void messagesInserted(MessageListModel *model, int first, int last);
    QString peerName(const Jid &jid) const;
    QImage avatarImage(const QString &key, int size) const;
    bool isInFront() const;

    AvatarImages *m_avatars;
    ConversationModel *m_conversations = nullptr;
    QSortFilterProxyModel *m_filter;
    ConversationDelegate *m_listDelegate;
    ChatStateTracker *m_states;
    QSplitter *m_splitter = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QListView *m_list = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_placeholder = nullptr;
    QWidget *m_chatPage = nullptr;
    ChatHeader *m_header = nullptr;
    MessageView *m_view = nullptr;
    Composer *m_composer = nullptr;
    ChatSearchPanel *m_search = nullptr;

    Jid m_current;
    Jid m_ownJid;
    QString m_ownName;
    QString m_ownAvatarKey;
    QHash<Jid, QPointer<MessageListModel>> m_models;
    QHash<Jid, QString> m_drafts;
    QHash<Jid, Peer> m_peers;
    QHash<Jid, ChatState> m_remoteStates;
};
