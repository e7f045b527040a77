// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"
#include "messaging/ChatState.h"
#include "client/SenderRateLimiter.h"
#include "extensions/ChatManager.h"
#include "stanza/Jid.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

class ArchiveManager;
class AvatarManager;
class Database;
class AvatarImages;
class ChatWindow;
class ContactListView;
class ConversationModel;
class HeadlinesDialog;
class MainWindow;
class MessageListModel;
class MessageStore;
class ProfilesController;
class RosterModel;
class TrayIcon;
class XmppClient;

/// Chats in the app: opens the chat window (made when first needed, so a start without chats costs
/// nothing), gives it one model per open conversation, turns its intents into ChatManager calls, and keeps
/// unread counts in step everywhere they show: the conversation list, the contact list and the tray. A
/// message whose chat is not in front raises a notification, blinks the tray and flashes the taskbar entry
/// (QApplication::alert). Part of the composition root.
class ChatController : public QObject
{
    Q_OBJECT
public:
    struct Parts
    {
        XmppClient *client;
        ChatManager *chats;
        ArchiveManager *archive;
        MessageStore *store;          // may be null (no database): chats work, nothing is kept
        AvatarImages *images;
        AvatarManager *avatars;
        Database *database;           // may be null: preferences are not kept
        RosterModel *roster;
        ContactListView *contacts;
        MainWindow *main;
        ProfilesController *profiles;
    };
    explicit ChatController(const Parts &parts, QObject *parent = nullptr);
    ~ChatController() override;

    /// The tray icon, when there is one (it may come and go).
    void setTrayIcon(TrayIcon *tray);
    /// Loads the conversations and unread counts from the history (after the first paint: a big history
    /// must not delay the contact list).
    void loadHistory();

    void openChat(const Jid &jid);
    /// Opens the chat with the oldest unread message, if any: what a click on the blinking tray does.
    bool openUnreadChat();
    void showChatWindow();
    void showHeadlines();
    /// Hides the chat window and the headlines (quitting, signing out).
    void hideWindows();
    int totalUnread() const;
    ChatWindow *chatWindow() const;

private:
    void ensureWindow();
    MessageListModel *modelFor(const Jid &jid);
    void messageAdded(const ChatMessage &message, ChatManager::Origin origin);
    void messageChanged(const ChatMessage &message);
    void chatActivated(const Jid &jid);
    void setUnread(const Jid &jid, int count);
    bool isInFront(const Jid &jid) const;
    void notify(const ChatMessage &message);
    /// The popup limiter shared by chats and headlines: one per sender per burst, and few overall.
    bool mayPopUp(const Jid &from);
    void updatePeerInfo(const Jid &jid);
    void updateOwnInfo();
    void rosterRowsChanged(int first, int last, const QModelIndex &parent);
    void fetchOlderFromArchive(const Jid &jid);
    void fetchArchivePage(const Jid &jid, const QString &before, int added, int pages);
    QString nameOf(const Jid &jid) const;

    Parts m_parts;
    ConversationModel *m_conversations;
    QPointer<ChatWindow> m_window;
    QPointer<TrayIcon> m_tray;
    QPointer<HeadlinesDialog> m_headlines;
    QHash<Jid, MessageListModel *> m_models;
    QHash<Jid, int> m_unread;
    QElapsedTimer m_clock;                 // for m_notifiedAt
    QHash<Jid, qint64> m_notifiedAt;       // when each chat last raised a popup
    SenderRateLimiter m_popups{5, std::chrono::seconds(3), 1};   // all senders together
    QSet<Jid> m_fetchingOlder;
    QSet<Jid> m_archiveExhausted;   // the archive said it has nothing older (XEP-0313 complete)
    bool m_historyLoaded = false;
};
