// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ChatWindow.h"

#include "chat/ChatGlyphs.h"
#include "chat/ChatHeader.h"
#include "chat/ChatSearchPanel.h"
#include "chat/ChatStateTracker.h"
#include "chat/ChatStyle.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "chat/ConversationDelegate.h"
#include "chat/MessageDelegate.h"
#include "chat/MessageView.h"
#include "common/AvatarImages.h"
#include "common/Glyphs.h"
#include "models/ConversationModel.h"
#include "models/DisplayName.h"
#include "models/MessageListModel.h"

#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ChatWindow::ChatWindow(AvatarImages *avatars, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_avatars(avatars)
    , m_filter(new QSortFilterProxyModel(this))
    , m_listDelegate(new ConversationDelegate(this))
    , m_states(new ChatStateTracker(this))
{
    setObjectName(u"chatWindow"_s);
    setWindowTitle(tr("Chats"));
    setStyleSheet(ChatStyle::styleSheet());
    setMinimumSize(640, 460);
    resize(980, 700);

    m_filter->setFilterRole(ConversationModel::DisplayNameRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(u"chatStack"_s);
    m_placeholder = createPlaceholder();
    m_chatPage = createChatPage();
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_chatPage);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"chatSplitter"_s);
    m_splitter->setHandleWidth(1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(createConversationPane());
    m_splitter->addWidget(m_stack);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({270, 710});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    setAvatarImages(avatars);
    connect(m_states, &ChatStateTracker::stateChanged, this, &ChatWindow::chatStateChanged);
}

ChatWindow::~ChatWindow() = default;

QWidget *ChatWindow::createConversationPane()
{
    auto *pane = new QFrame(this);
    pane->setObjectName(u"conversationPane"_s);
    pane->setMinimumWidth(200);
    m_filterEdit = new QLineEdit(pane);
    m_filterEdit->setObjectName(u"conversationFilter"_s);
    m_filterEdit->setPlaceholderText(tr("Search"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(Glyphs::search(QColor(0x8a, 0x94, 0xa6)), QLineEdit::LeadingPosition);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text.trimmed());
        selectInList(m_current);
    });

    m_list = new QListView(pane);
    m_list->setObjectName(u"conversationList"_s);
    m_list->setItemDelegate(m_listDelegate);
    m_list->setModel(m_filter);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setUniformItemSizes(true);
    m_list->setMouseTracking(true);
    m_list->setFrameShape(QFrame::NoFrame);
    connect(m_list, &QListView::clicked, this, &ChatWindow::conversationPicked);
    connect(m_list, &QListView::activated, this, &ChatWindow::conversationPicked);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 12, 0, 0);
    layout->setSpacing(10);
    auto *field = new QHBoxLayout;
    field->setContentsMargins(12, 0, 12, 0);
    field->addWidget(m_filterEdit);
    layout->addLayout(field);
    layout->addWidget(m_list, 1);
    return pane;
}

QWidget *ChatWindow::createPlaceholder()
{
    auto *page = new QFrame(this);
    page->setObjectName(u"chatPlaceholder"_s);
    auto *icon = new QLabel(page);
    icon->setObjectName(u"chatPlaceholderIcon"_s);
    icon->setFixedSize(80, 80);
    icon->setAlignment(Qt::AlignCenter);
    icon->setPixmap(ChatGlyphs::smiley(ChatStyle::Accent).pixmap(QSize(40, 40), devicePixelRatioF()));
    auto *text = new QLabel(tr("Pick a conversation on the left to start chatting"), page);
    text->setObjectName(u"chatPlaceholderText"_s);
    text->setTextFormat(Qt::PlainText);
    text->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(2);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addWidget(text);
    layout->addStretch(3);
    return page;
}

QWidget *ChatWindow::createChatPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"chatPage"_s);
    m_header = new ChatHeader(page);
    m_view = new MessageView(page);
    m_composer = new Composer(page);
    m_search = new ChatSearchPanel(page);
    m_search->setMinimumWidth(220);
    m_search->hide();

    auto *messages = new QSplitter(Qt::Vertical, page);
    messages->setObjectName(u"messageSplitter"_s);
    messages->setHandleWidth(1);
    messages->setChildrenCollapsible(false);
    messages->addWidget(m_view);
    messages->addWidget(m_composer);
    messages->setStretchFactor(0, 1);
    messages->setSizes({520, 150});
    m_composer->setMinimumHeight(120);

    auto *body = new QSplitter(Qt::Horizontal, page);
    body->setObjectName(u"chatBodySplitter"_s);
    body->setHandleWidth(1);
    body->setChildrenCollapsible(false);
    body->addWidget(messages);
    body->addWidget(m_search);
    body->setStretchFactor(0, 1);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(body, 1);

    connect(m_header, &ChatHeader::avatarClicked, this, [this] {
        if (!m_current.isNull())
            Q_EMIT profileRequested(m_current);
    });
    // An xmpp: link in a message opens that chat here (RFC 5122), never in another program.
    connect(m_view, &MessageView::xmppAddressActivated, this, &ChatWindow::openChatRequested);
    connect(m_view, &MessageView::retryRequested, this, &ChatWindow::retryRequested);
    connect(m_view, &MessageView::olderMessagesRequested, this, [this] {
        if (!m_current.isNull())
            Q_EMIT olderMessagesRequested(m_current);
    });
    connect(m_composer, &Composer::sendRequested, this, [this](const QString &text) {
        if (m_current.isNull())
            return;
        m_view->scrollToBottomNow();   // our own message is always worth seeing
        m_states->messageSent(m_current);
        Q_EMIT sendRequested(m_current, text);
    });
    connect(m_composer, &Composer::correctionRequested, this, [this](const QString &text) {
        if (m_current.isNull())
            return;
        m_states->messageSent(m_current);
        Q_EMIT correctionRequested(m_current, text);
    });
    connect(m_composer, &Composer::textEdited, this,
            [this] { m_states->textEdited(m_current, m_composer->text().isEmpty()); });
    connect(m_composer, &Composer::editLastRequested, this, &ChatWindow::editLastMessage);
    connect(m_composer, &Composer::sendWithCtrlEnterChanged, this, &ChatWindow::sendWithCtrlEnterChanged);
    connect(m_composer, &Composer::searchToggled, this, [this](bool on) {
        m_search->setVisible(on);
        if (on) {
            m_search->focusSearch();
        } else {
            m_search->clear();
            m_composer->edit()->setFocus();
        }
    });
    connect(m_search, &ChatSearchPanel::closeRequested, this, [this] { m_composer->setSearchChecked(false); });
    connect(m_search, &ChatSearchPanel::searchRequested, this, &ChatWindow::runSearch);
    connect(m_search, &ChatSearchPanel::resultActivated, m_view, &MessageView::showMessage);
    return page;
}

void ChatWindow::setAvatarImages(AvatarImages *avatars)
{
    m_avatars = avatars;
    m_listDelegate->setAvatarSource(
        [this](const QString &key) { return avatarImage(key, ConversationDelegate::AvatarSize); });
    m_view->messageDelegate()->setAvatarSource(
        [this](const QString &key) { return avatarImage(key, ChatStyle::AvatarSize); });
    updatePeerViews();
}

QImage ChatWindow::avatarImage(const QString &key, int size) const
{
    if (!m_avatars || key.isEmpty())
        return {};
    // Decoded at twice the size, for high-DPI screens; AvatarImages keeps it.
    return m_avatars->image(key, QSize(size, size) * 2);
}

void ChatWindow::setConversationModel(ConversationModel *model)
{
    m_conversations = model;
    m_filter->setSourceModel(model);
    selectInList(m_current);
}

MessageListModel *ChatWindow::messageModel(const Jid &jid) const
{
    return m_models.value(jid.bare());
}

void ChatWindow::openChat(const Jid &jid, MessageListModel *model)
{
    const Jid chat = jid.bare();
    if (chat.isNull())
        return;
    if (model) {
        MessageListModel *old = m_models.value(chat);
        if (old && old != model && old->parent() == this)
            old->deleteLater();
        if (!model->parent())
            model->setParent(this);
        if (old != model) {
            m_models.insert(chat, model);
            connect(model, &QAbstractItemModel::rowsInserted, this,
                    [this, model](const QModelIndex &, int first, int last) { messagesInserted(model, first, last); });
        }
    }
    MessageListModel *shown = m_models.value(chat);
    if (!shown)
        return;

    if (m_current != chat) {
        if (!m_current.isNull()) {
            if (m_composer->isEditing())
                m_composer->cancelEditing();
            m_drafts.insert(m_current, m_composer->text());
            m_states->chatHidden(m_current);
        }
        m_current = chat;
        m_composer->setText(m_drafts.take(chat));
        m_search->clear();
    }
    if (m_view->messageModel() != shown)
        m_view->setMessageModel(shown);
    m_stack->setCurrentWidget(m_chatPage);
    updatePeerViews();
    selectInList(chat);
    m_composer->edit()->setFocus();
    if (isInFront()) {
        m_states->chatShown(chat);
        Q_EMIT chatActivated(chat);
    }
}

void ChatWindow::closeChat(const Jid &jid)
{
    const Jid chat = jid.bare();
    m_states->chatClosed(chat);
    if (chat == m_current) {
        m_current = Jid();
        m_view->setMessageModel(nullptr);
        m_composer->setText({});
        m_stack->setCurrentWidget(m_placeholder);
    }
    if (MessageListModel *model = m_models.take(chat); model && model->parent() == this)
        model->deleteLater();
    m_drafts.remove(chat);
}

void ChatWindow::conversationPicked(const QModelIndex &index)
{
    const Jid chat = Jid::fromString(index.data(ConversationModel::JidRole).toString());
    if (chat.isNull() || chat == m_current)
        return;
    if (m_models.value(chat))
        openChat(chat);
    else
        Q_EMIT openChatRequested(chat);
}

void ChatWindow::selectInList(const Jid &jid)
{
    if (!m_conversations)
        return;
    const QModelIndex index = m_filter->mapFromSource(m_conversations->indexOf(jid));
    if (index.isValid())
        m_list->setCurrentIndex(index);
    else
        m_list->clearSelection();
}

void ChatWindow::setPeerInfo(const Jid &jid, const QString &name, const QString &avatarKey, const QString &statusText,
                             bool available)
{
    const Jid chat = jid.bare();
    m_peers.insert(chat, Peer{name, avatarKey, statusText, available});
    if (m_conversations) {
        m_conversations->setDisplayName(chat, name);
        m_conversations->setAvatarKey(chat, avatarKey);
    }
    if (chat == m_current)
        updatePeerViews();
}

void ChatWindow::setRemoteState(const Jid &jid, ChatState state)
{
    const Jid chat = jid.bare();
    m_remoteStates.insert(chat, state);
    if (m_conversations)
        m_conversations->setChatState(chat, state);
    if (chat == m_current)
        m_header->setRemoteState(state);
}

void ChatWindow::setOwnInfo(const Jid &jid, const QString &name, const QString &avatarKey)
{
    m_ownJid = jid.bare();
    m_ownName = name;
    m_ownAvatarKey = avatarKey;
    if (m_conversations)
        m_conversations->setOwnName(name);
    updatePeerViews();
}

QString ChatWindow::peerName(const Jid &jid) const
{
    const QString name = m_peers.value(jid).name.trimmed();
    return name.isEmpty() ? DisplayName::choose(jid, {}, {}, {}) : name;
}

void ChatWindow::updatePeerViews()
{
    MessageDelegate *delegate = m_view->messageDelegate();
    delegate->setOwn(m_ownJid, m_ownName.isEmpty() ? m_ownJid.local() : m_ownName, m_ownAvatarKey);
    if (m_current.isNull()) {
        m_view->viewport()->update();
        return;
    }
    const Peer peer = m_peers.value(m_current);
    const QString name = peerName(m_current);
    delegate->setPeer(m_current, name, peer.avatarKey);
    m_header->setPeer(m_current, name, avatarImage(peer.avatarKey, 38), peer.statusText, peer.available);
    m_header->setRemoteState(m_remoteStates.value(m_current, ChatState::None));
    setWindowTitle(tr("%1 – Xin", "chat window title; %1 is the contact's name").arg(name));
    m_view->doItemsLayout();
    m_view->viewport()->update();
}

void ChatWindow::setSendWithCtrlEnter(bool ctrlEnter)
{
    m_composer->setSendWithCtrlEnter(ctrlEnter);
}

bool ChatWindow::sendWithCtrlEnter() const
{
    return m_composer->sendWithCtrlEnter();
}

void ChatWindow::setChatStateTimeouts(int pausedMs, int inactiveMs)
{
    m_states->setTimeouts(pausedMs, inactiveMs);
}

void ChatWindow::editLastMessage()
{
    MessageListModel *model = m_models.value(m_current);
    if (!model)
        return;
    const std::optional<ChatMessage> last = model->lastOutgoing();
    if (last && !last->body.isEmpty())
        m_composer->startEditing(last->body);
}

void ChatWindow::runSearch(const QString &text)
{
    MessageListModel *model = m_models.value(m_current);
    if (!model)
        return;
    m_search->setResults(model->search(text.trimmed()), peerName(m_current),
                         m_ownName.isEmpty() ? tr("Me") : m_ownName);
}

void ChatWindow::messagesInserted(MessageListModel *model, int first, int last)
{
    if (model->chat() != m_current || !isInFront())
        return;
    // New unread messages in the chat the user is looking at are read now.
    for (int row = first; row <= last; ++row) {
        const ChatMessage message = model->messageAt(row);
        if (message.direction == ChatMessage::Direction::Incoming && !message.read) {
            Q_EMIT chatActivated(m_current);
            return;
        }
    }
}

bool ChatWindow::isInFront() const
{
    return isVisible() && isActiveWindow() && !isMinimized();
}

void ChatWindow::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::ActivationChange && event->type() != QEvent::WindowStateChange)
        return;
    if (m_current.isNull())
        return;
    if (isInFront()) {
        m_states->chatShown(m_current);
        Q_EMIT chatActivated(m_current);
    } else {
        m_states->chatHidden(m_current);
    }
}

void ChatWindow::closeEvent(QCloseEvent *event)
{
    m_states->windowClosed();   // XEP-0085 §5.1: closing the chat means "gone"
    QWidget::closeEvent(event);
}
