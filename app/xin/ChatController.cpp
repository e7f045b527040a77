// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ChatController.h"

#include "ProfilesController.h"
#include "chat/ChatWindow.h"
#include "client/XmppClient.h"
#include "extensions/ArchiveManager.h"
#include "extensions/AvatarManager.h"
#include "storage/Database.h"
#include "extensions/Chat.h"
#include "main/HeadlinesDialog.h"
#include "main/MainWindow.h"
#include "main/TrayIcon.h"
#include "common/SafeText.h"
#include "models/ConversationModel.h"
#include "models/MessageListModel.h"
#include "models/RemoteText.h"
#include "models/RosterModel.h"
#include "roster/ContactListView.h"
#include "storage/MessageStore.h"

#include <QApplication>
#include <QDateTime>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcChats, "xin.app.chats")

namespace {
constexpr int HistoryPageSize = 50;
constexpr qint64 NotificationBurstMs = 3000;
const QString SendWithCtrlEnterProperty = u"chat/send-with-ctrl-enter"_s;

} // namespace

ChatController::ChatController(const Parts &parts, QObject *parent)
    : QObject(parent)
    , m_parts(parts)
    , m_conversations(new ConversationModel(this))
{
    ChatManager *chats = m_parts.chats;
    connect(chats, &ChatManager::messageAdded, this, &ChatController::messageAdded);
    connect(chats, &ChatManager::messageChanged, this, &ChatController::messageChanged);
    connect(chats, &ChatManager::chatStateChanged, this, [this](const Jid &jid, ChatState state) {
        m_conversations->setChatState(jid, state);
        if (m_window)
            m_window->setRemoteState(jid, state);
    });
    connect(chats, &ChatManager::chatRead, this, [this](const Jid &jid) { setUnread(jid, 0); });
    connect(chats, &ChatManager::headlineReceived, this, [this](const ChatMessage &headline) {
        if (m_headlines)
            m_headlines->addHeadline(headline);
        if (m_tray && mayPopUp(headline.chat)) {
            const QString title = headline.subject.isEmpty() ? headline.chat.toString() : headline.subject;
            m_tray->showMessage(SafeText::notification(title, 80), SafeText::notification(headline.body, 160));
        }
    });

    // Issue 13 finding 5: when the catch-up could not fetch all that came while we were offline, the user
    // is told that history may be missing, rather than the gap passing unseen (nothing is marked read for it).
    if (m_parts.archive) {
        connect(m_parts.archive, &ArchiveManager::historyGap, this, [this](ArchiveManager::GapReason reason) {
            qCWarning(lcChats) << "history may be incomplete:" << reason;
            const QString text = tr("Some messages that came while you were offline may be missing: the "
                                    "server's message archive could not be read completely.");
            m_parts.main->showError(text);
            if (m_tray)
                m_tray->showMessage(tr("History may be incomplete"), text);
        });
    }

    connect(m_parts.contacts, &ContactListView::openChatRequested, this, &ChatController::openChat);
    connect(m_parts.profiles, &ProfilesController::openChatRequested, this, &ChatController::openChat);
    connect(m_parts.main, &MainWindow::chatsRequested, this, &ChatController::showChatWindow);
    connect(m_parts.main, &MainWindow::headlinesRequested, this, &ChatController::showHeadlines);
    // Names and faces follow the contact list (remarks, vCard names, avatars change there).
    connect(m_parts.roster, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
        rosterRowsChanged(topLeft.row(), bottomRight.row(), topLeft.parent());
    });
    connect(m_parts.roster, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) { rosterRowsChanged(first, last, parent); });
    connect(m_parts.client, &XmppClient::connected, this, &ChatController::updateOwnInfo);
    connect(m_parts.avatars, &AvatarManager::avatarChanged, this, [this](const Jid &jid) {
        if (!m_parts.client->jid().isNull() && jid == m_parts.client->jid().bare())
            updateOwnInfo();
    });
}

ChatController::~ChatController()
{
    delete m_window;
    delete m_headlines;
}

void ChatController::setTrayIcon(TrayIcon *tray)
{
    m_tray = tray;
    if (m_tray)
        m_tray->setUnread(totalUnread() > 0);
}

void ChatController::loadHistory()
{
    if (m_historyLoaded || !m_parts.store)
        return;
    m_historyLoaded = true;
    const QList<MessageStore::Conversation> conversations = m_parts.store->conversations();
    m_conversations->load(conversations);
    for (const MessageStore::Conversation &conversation : conversations) {
        updatePeerInfo(conversation.chat);
        if (conversation.unread > 0)
            setUnread(conversation.chat, conversation.unread);
    }
}

QString ChatController::nameOf(const Jid &jid) const
{
    const QModelIndexList rows = m_parts.roster->contactIndexes(jid);
    if (!rows.isEmpty())
        return rows.constFirst().data(RosterModel::DisplayNameRole).toString();
    return jid.local().isEmpty() ? jid.toString() : jid.local();
}

void ChatController::updatePeerInfo(const Jid &jid)
{
    const QModelIndexList rows = m_parts.roster->contactIndexes(jid);
    const QModelIndex row = rows.value(0);
    const QString name = nameOf(jid);
    const QString avatarKey = row.data(RosterModel::AvatarKeyRole).toString();
    m_conversations->setDisplayName(jid, name);
    m_conversations->setAvatarKey(jid, avatarKey);
    if (m_window && m_models.contains(jid))
        m_window->setPeerInfo(jid, name, avatarKey, row.data(RosterModel::StatusTextRole).toString(),
                              row.data(RosterModel::AvailableRole).toBool());
}

void ChatController::rosterRowsChanged(int first, int last, const QModelIndex &parent)
{
    if (!parent.isValid())
        return;   // group rows
    for (int row = first; row <= last; ++row) {
        const Jid jid = Jid::fromString(m_parts.roster->index(row, 0, parent).data(RosterModel::JidRole).toString());
        if (!jid.isNull() && (m_conversations->rowOf(jid) >= 0 || m_models.contains(jid)))
            updatePeerInfo(jid);
    }
}

void ChatController::ensureWindow()
{
    if (m_window)
        return;
    m_window = new ChatWindow(m_parts.images);
    m_window->setAttribute(Qt::WA_QuitOnClose, false);   // closing it leaves the main window and the tray
    m_window->setConversationModel(m_conversations);
    updateOwnInfo();
    if (m_parts.database && m_parts.database->isOpen())
        m_window->setSendWithCtrlEnter(m_parts.database->property(SendWithCtrlEnterProperty) == u"1");
    connect(m_window, &ChatWindow::sendWithCtrlEnterChanged, this, [this](bool ctrlEnter) {
        if (m_parts.database && m_parts.database->isOpen())
            m_parts.database->setProperty(SendWithCtrlEnterProperty, ctrlEnter ? u"1"_s : u"0"_s);
    });
    connect(m_window, &ChatWindow::openChatRequested, this, &ChatController::openChat);
    connect(m_window, &ChatWindow::sendRequested, this,
            [this](const Jid &jid, const QString &text) { m_parts.chats->chat(jid)->sendMessage(text); });
    connect(m_window, &ChatWindow::retryRequested, this, [this](qint64 rowId) {
        if (!m_parts.chats->retry(rowId))
            qCInfo(lcChats) << "message" << rowId << "is not a failed message of ours; not sent again";
    });
    connect(m_window, &ChatWindow::correctionRequested, this, [this](const Jid &jid, const QString &text) {
        if (!m_parts.chats->chat(jid)->correctLastMessage(text))
            qCInfo(lcChats) << "no message to correct, or offline; the text is sent as a new message";
    });
    connect(m_window, &ChatWindow::chatStateChanged, this,
            [this](const Jid &jid, ChatState state) { m_parts.chats->chat(jid)->setChatState(state); });
    connect(m_window, &ChatWindow::chatActivated, this, &ChatController::chatActivated);
    connect(m_window, &ChatWindow::olderMessagesRequested, this, &ChatController::fetchOlderFromArchive);
    connect(m_window, &ChatWindow::profileRequested, m_parts.profiles, &ProfilesController::showProfile);
}

void ChatController::updateOwnInfo()
{
    const Jid own = m_parts.client->jid().isNull() ? Jid() : m_parts.client->jid().bare();
    const QString name = m_parts.profiles->ownName().isEmpty() ? own.local() : m_parts.profiles->ownName();
    m_conversations->setOwnName(name);
    if (m_window)
        m_window->setOwnInfo(own, name, m_parts.avatars->ownAvatarHash());
}

MessageListModel *ChatController::modelFor(const Jid &jid)
{
    if (MessageListModel *model = m_models.value(jid))
        return model;
    auto *model = new MessageListModel(m_parts.store, jid, this);
    m_models.insert(jid, model);
    return model;
}

void ChatController::openChat(const Jid &jid)
{
    const Jid bare = jid.bare();
    if (bare.isNull())
        return;
    ensureWindow();
    MessageListModel *model = modelFor(bare);
    m_window->openChat(bare, model);
    updatePeerInfo(bare);
    if (Chat *chat = m_parts.chats->existingChat(bare))
        m_window->setRemoteState(bare, chat->remoteState());
    showChatWindow();
    // Opening a chat fetches what the archive has that we do not (XEP-0313 §4: newest first).
    if (model->rowCount() < HistoryPageSize)
        fetchOlderFromArchive(bare);
}

void ChatController::showChatWindow()
{
    ensureWindow();
    if (m_window->isMinimized())
        m_window->showNormal();
    else
        m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void ChatController::showHeadlines()
{
    if (!m_headlines) {
        m_headlines = new HeadlinesDialog;
        m_headlines->setAttribute(Qt::WA_QuitOnClose, false);
        if (m_parts.store)
            m_headlines->setHeadlines(m_parts.store->headlines(200));
    }
    m_headlines->show();
    m_headlines->raise();
    m_headlines->activateWindow();
}

ChatWindow *ChatController::chatWindow() const
{
    return m_window;
}

void ChatController::hideWindows()
{
    if (m_window)
        m_window->hide();
    if (m_headlines)
        m_headlines->hide();
}

bool ChatController::openUnreadChat()
{
    if (m_unread.isEmpty())
        return false;
    // The chat whose last message is oldest among the unread ones: the one that waited longest.
    Jid oldest;
    QDateTime oldestTime;
    for (auto it = m_unread.cbegin(); it != m_unread.cend(); ++it) {
        const QModelIndex row = m_conversations->indexOf(it.key());
        const QDateTime when = row.data(ConversationModel::TimestampRole).toDateTime();
        if (oldest.isNull() || (when.isValid() && when < oldestTime)) {
            oldest = it.key();
            oldestTime = when;
        }
    }
    openChat(oldest);
    return true;
}

int ChatController::totalUnread() const
{
    int total = 0;
    for (int count : m_unread)
        total += count;
    return total;
}

bool ChatController::isInFront(const Jid &jid) const
{
    return m_window && m_window->isVisible() && !m_window->isMinimized() && m_window->isActiveWindow()
        && m_window->currentChat() == jid;
}

void ChatController::messageAdded(const ChatMessage &message, ChatManager::Origin origin)
{
    m_conversations->messageAdded(message);
    if (MessageListModel *model = m_models.value(message.chat))
        model->messageAdded(message);
    if (m_conversations->rowOf(message.chat) >= 0
        && m_conversations->indexOf(message.chat).data(ConversationModel::DisplayNameRole).toString().isEmpty())
        updatePeerInfo(message.chat);

    if (origin == ChatManager::Origin::SentCarbon) {
        // We wrote from another device: we have seen the chat there (as XEP-0333 §5 assumes).
        if (m_parts.store && m_parts.store->markRead(message.chat) > 0)
            setUnread(message.chat, 0);
        return;
    }
    if (message.direction != ChatMessage::Direction::Incoming || message.read)
        return;
    if (isInFront(message.chat)) {
        m_parts.chats->chat(message.chat)->markRead();
        setUnread(message.chat, 0);
        return;
    }
    // A running count, not a store query per message: in a flood that query was most of the work. The count
    // started from the store in loadHistory(), and every change to it passes through here or setUnread(jid, 0).
    setUnread(message.chat, m_unread.value(message.chat) + 1);
    notify(message);
}

void ChatController::messageChanged(const ChatMessage &message)
{
    m_conversations->messageChanged(message);
    if (MessageListModel *model = m_models.value(message.chat))
        model->messageChanged(message);
}

void ChatController::chatActivated(const Jid &jid)
{
    m_parts.chats->chat(jid)->markRead();
    setUnread(jid, 0);
}

void ChatController::setUnread(const Jid &jid, int count)
{
    if (count > 0)
        m_unread.insert(jid, count);
    else if (m_unread.remove(jid))
        m_notifiedAt.remove(jid);   // read: the next message is news again
    m_conversations->setUnreadCount(jid, count);
    m_parts.roster->setUnreadCount(jid, count);
    if (m_tray)
        m_tray->setUnread(!m_unread.isEmpty());
}

void ChatController::notify(const ChatMessage &message)
{
    // The taskbar entry flashes (QApplication::alert) and the tray blinks; a popup names the sender.
    QWidget *window = m_window && m_window->isVisible() ? static_cast<QWidget *>(m_window) : m_parts.main;
    QApplication::alert(window);
    if (!m_tray)
        return;
    if (!mayPopUp(message.chat))
        return;
    const QString name = nameOf(message.chat);
    // The name is embedded in the action: isolated (UAX #9 §2.7) so its direction cannot reorder the text.
    const QString text = message.isAction() ? u"* "_s + RemoteText::isolate(name) + message.body.mid(3) : message.body;
    m_tray->showMessage(SafeText::notification(name, 60), SafeText::notification(text, 160),
                        m_parts.profiles->avatarIcon(message.chat));
}

bool ChatController::mayPopUp(const Jid &from)
{
    // One popup per chat per burst: a contact pasting twenty lines raises one, not twenty (the tray keeps
    // blinking and the counts keep rising). And few in all: a thousand strangers writing (or sending
    // headlines) at once raise a handful, not a thousand (issue 13, finding 6: strangers must not flood us).
    if (!m_clock.isValid())
        m_clock.start();
    const qint64 now = m_clock.elapsed();
    const auto last = m_notifiedAt.constFind(from);
    if (last != m_notifiedAt.cend() && now - *last < NotificationBurstMs)
        return false;
    if (!m_popups.allow(QString()))
        return false;
    m_notifiedAt.insert(from, now);
    return true;
}

void ChatController::fetchOlderFromArchive(const Jid &jid)
{
    if (!m_parts.archive || !m_parts.archive->isSupported() || m_fetchingOlder.contains(jid)
        || m_archiveExhausted.contains(jid))
        return;
    // Page back from the oldest message the archive knows by id; without one, from the newest.
    QString before;
    if (MessageListModel *model = m_models.value(jid)) {
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString id = model->messageAt(row).stanzaId;
            if (!id.isEmpty()) {
                before = id;
                break;
            }
        }
    }
    m_fetchingOlder.insert(jid);
    fetchArchivePage(jid, before, 0, 0);
}

void ChatController::fetchArchivePage(const Jid &jid, const QString &before, int added, int pages)
{
    m_parts.archive->fetchHistory(jid, before, HistoryPageSize, this,
                                  [this, jid, before, added, pages](const ArchiveManager::Page &page) {
        if (!page.ok) {
            m_fetchingOlder.remove(jid);
            qCInfo(lcChats) << "archive query for" << jid.toString() << "failed:" << page.error;
            return;
        }
        // XEP-0059 §2.3: a <first/> that does not move back is an archive going round in circles (issue 13
        // finding 10): paging stops there as at the archive's start.
        const bool exhausted = page.complete || page.count == 0 || page.first.isEmpty() || page.first == before;
        if (exhausted)
            m_archiveExhausted.insert(jid);
        // The archive also holds receipts and markers, which are no messages: a page may bring few. Go on
        // until a screenful came or the archive ends, a few pages at most per scroll.
        const int total = added + page.added;
        if (!exhausted && total < HistoryPageSize / 2 && pages < 4) {
            fetchArchivePage(jid, page.first, total, pages + 1);
            return;
        }
        m_fetchingOlder.remove(jid);
    });
}
