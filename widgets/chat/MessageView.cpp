// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/MessageView.h"

#include "chat/ChatGlyphs.h"
#include "chat/ChatStyle.h"
#include "chat/LinkOpener.h"
#include "chat/MessageDelegate.h"
#include "messaging/MessageStyling.h"
#include "models/MessageListModel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QGraphicsDropShadowEffect>
#include <QIdentityProxyModel>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QWheelEvent>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

constexpr int BottomSlack = 4;   // pixels from the bottom that still count as "at the bottom"
constexpr int TopZone = 40;      // pixels from the top where older messages are paged in

/// The view's own fetching would page the whole history in (it fetches while the last row is visible). Screen
/// readers get the body and, for our messages, what the delivery mark says (it is only drawn).
class NoAutoFetchProxy : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex &) const override { return false; }
    void fetchMore(const QModelIndex &) override { }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::AccessibleTextRole)
            return QIdentityProxyModel::data(index, MessageListModel::BodyRole);
        if (role == Qt::AccessibleDescriptionRole) {
            const auto state = ChatMessage::State(
                QIdentityProxyModel::data(index, MessageListModel::StateRole).toInt());
            return MessageDelegate::stateText(
                state, QIdentityProxyModel::data(index, MessageListModel::ErrorTextRole).toString());
        }
        return QIdentityProxyModel::data(index, role);
    }
};

bool isFailedOurs(const QModelIndex &index)
{
    return ChatMessage::Direction(index.data(MessageListModel::DirectionRole).toInt())
            == ChatMessage::Direction::Outgoing
        && ChatMessage::State(index.data(MessageListModel::StateRole).toInt()) == ChatMessage::State::Failed;
}

}   // namespace

MessageView::MessageView(QWidget *parent)
    : QListView(parent)
    , m_delegate(new MessageDelegate(this))
    , m_proxy(new NoAutoFetchProxy(this))
    , m_pill(new QPushButton(viewport()))
    , m_linkOpener(new LinkOpener(this))
{
    setObjectName(u"messageView"_s);
    connect(m_linkOpener, &LinkOpener::xmppAddressActivated, this, &MessageView::xmppAddressActivated);
    setItemDelegate(m_delegate);
    setModel(m_proxy);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setFocusPolicy(Qt::NoFocus);   // typing stays in the composer
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    verticalScrollBar()->setSingleStep(24);
    QPalette palette = viewport()->palette();
    palette.setColor(QPalette::Base, ChatStyle::ChatBackground);
    viewport()->setPalette(palette);
    viewport()->setAutoFillBackground(true);

    m_pill->setObjectName(u"newMessagesPill"_s);
    m_pill->setText(tr("New messages"));
    m_pill->setIcon(ChatGlyphs::arrowDown(ChatStyle::Accent));
    m_pill->setIconSize(QSize(14, 14));
    m_pill->setCursor(Qt::PointingHandCursor);
    m_pill->setLayoutDirection(Qt::RightToLeft);   // the arrow after the words
    m_pill->setFixedHeight(28);
    auto *shadow = new QGraphicsDropShadowEffect(m_pill);
    shadow->setBlurRadius(14);
    shadow->setOffset(0, 2);
    shadow->setColor(QColor(0, 0, 0, 40));
    m_pill->setGraphicsEffect(shadow);
    m_pill->hide();
    connect(m_pill, &QPushButton::clicked, this, &MessageView::scrollToBottomNow);

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &MessageView::scrolled);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &MessageView::rangeChanged);
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &parent, int first, int) { rowsAboutToBeAdded(parent, first); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_atBottom = true;
        setPillVisible(false);
    });
}

void MessageView::setMessageModel(MessageListModel *model)
{
    m_model = model;
    m_delegate->setHighlightedRow(0);
    m_atBottom = true;
    m_keepFromBottom = -1;
    m_topReached = false;
    setPillVisible(false);
    m_proxy->setSourceModel(model);
    scrollToBottomNow();
}

void MessageView::scrollToBottomNow()
{
    m_atBottom = true;
    m_keepFromBottom = -1;
    setPillVisible(false);
    executeDelayedItemsLayout();
    setValueQuietly(verticalScrollBar()->maximum());
}

bool MessageView::isNewMessagesPillVisible() const
{
    return !m_pill->isHidden();
}

bool MessageView::showMessage(qint64 rowId)
{
    if (!m_model)
        return false;
    const int row = m_model->ensureLoaded(rowId);
    if (row < 0)
        return false;
    m_delegate->setHighlightedRow(rowId);
    executeDelayedItemsLayout();
    m_keepFromBottom = -1;
    m_adjusting = true;
    scrollTo(m_proxy->index(row, 0), QAbstractItemView::PositionAtCenter);
    m_adjusting = false;
    m_atBottom = verticalScrollBar()->value() >= verticalScrollBar()->maximum() - BottomSlack;
    viewport()->update();
    return true;
}

void MessageView::loadOlder()
{
    if (!m_model)
        return;
    if (m_model->canFetchMore({})) {
        m_keepFromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
        m_model->fetchMore({});
    } else if (m_model->isOlderExhausted()) {
        Q_EMIT olderMessagesRequested();
    }
}

void MessageView::rowsAboutToBeAdded(const QModelIndex &parent, int first)
{
    if (parent.isValid())
        return;
    m_rowsBefore = m_proxy->rowCount();
    if (m_atBottom || first >= m_rowsBefore)
        return;
    // Added above what is on screen (older pages, archive results): keep the screen where it is.
    const QModelIndex top = indexAt(QPoint(1, 1));
    if (!top.isValid() || first <= top.row())
        m_keepFromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
}

void MessageView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QListView::rowsInserted(parent, start, end);
    if (parent.isValid())
        return;
    if (start >= m_rowsBefore && !m_atBottom)   // new messages below while the user reads older ones
        setPillVisible(true);
    m_rowsBefore = m_proxy->rowCount();
}

void MessageView::scrolled(int value)
{
    const QScrollBar *bar = verticalScrollBar();
    if (!m_adjusting) {
        m_atBottom = value >= bar->maximum() - BottomSlack;
        m_keepFromBottom = -1;
    }
    if (m_atBottom)
        setPillVisible(false);
    const bool atTop = bar->maximum() > 0 && value <= TopZone;
    if (atTop && !m_topReached && !m_adjusting) {
        m_topReached = true;
        // Not from within the scroll bar's signal: fetching changes the range under it.
        QTimer::singleShot(0, this, &MessageView::loadOlder);
    } else if (!atTop) {
        m_topReached = false;
    }
}

void MessageView::rangeChanged(int, int maximum)
{
    if (m_atBottom)
        setValueQuietly(maximum);
    else if (m_keepFromBottom >= 0)
        setValueQuietly(qMax(0, maximum - m_keepFromBottom));
}

void MessageView::setValueQuietly(int value)
{
    m_adjusting = true;
    verticalScrollBar()->setValue(value);
    m_adjusting = false;
}

void MessageView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    placePill();
    if (m_atBottom)
        QTimer::singleShot(0, this, [this] {
            if (m_atBottom)
                setValueQuietly(verticalScrollBar()->maximum());
        });
}

void MessageView::placePill()
{
    m_pill->adjustSize();
    const QSize size = m_pill->sizeHint();
    m_pill->setGeometry((viewport()->width() - size.width()) / 2, viewport()->height() - size.height() - 12,
                        size.width(), size.height());
}

void MessageView::setPillVisible(bool visible)
{
    if (visible == !m_pill->isHidden())
        return;
    if (visible) {
        placePill();
        m_pill->show();
        m_pill->raise();
    } else {
        m_pill->hide();
    }
}

QString MessageView::linkAt(const QPoint &point) const
{
    const QModelIndex index = indexAt(point);
    if (!index.isValid())
        return {};
    const QRect rect = visualRect(index);
    return m_delegate->linkAt(index, rect.width(), font(), point - rect.topLeft());
}

void MessageView::activateLink(const QString &href)
{
    const QUrl url(href, QUrl::StrictMode);
    if (!MessageStyling::isSafeLink(url))   // the document only holds safe ones; check again all the same
        return;
    Q_EMIT linkActivated(url);
    if (m_openLinks)
        m_linkOpener->open(url);   // asks first; xmpp: stays in Xin
}

bool MessageView::isOnFailedMark(const QPoint &point) const
{
    const QModelIndex index = indexAt(point);
    if (!index.isValid() || !isFailedOurs(index))
        return false;
    const QRect rect = visualRect(index);
    return m_delegate->isOnFailedMark(index, rect.width(), font(), point - rect.topLeft());
}

void MessageView::mousePressEvent(QMouseEvent *event)
{
    m_pressedFailed = event->button() == Qt::LeftButton && isOnFailedMark(event->position().toPoint());
    m_pressedLink = event->button() == Qt::LeftButton ? linkAt(event->position().toPoint()) : QString();
    if (m_delegate->highlightedRow() != 0) {
        m_delegate->setHighlightedRow(0);
        viewport()->update();
    }
    QListView::mousePressEvent(event);
}

void MessageView::mouseReleaseEvent(QMouseEvent *event)
{
    const QString link = event->button() == Qt::LeftButton ? linkAt(event->position().toPoint()) : QString();
    const bool clicked = !link.isEmpty() && link == m_pressedLink;
    m_pressedLink.clear();
    // QQ's red "!": a click on it sends the message again.
    const QPoint point = event->position().toPoint();
    const bool retry = std::exchange(m_pressedFailed, false) && event->button() == Qt::LeftButton
                    && isOnFailedMark(point);
    QListView::mouseReleaseEvent(event);
    if (clicked)
        activateLink(link);
    if (retry)
        Q_EMIT retryRequested(indexAt(point).data(MessageListModel::RowIdRole).toLongLong());
}

void MessageView::mouseMoveEvent(QMouseEvent *event)
{
    const bool overLink = !linkAt(event->position().toPoint()).isEmpty() || isOnFailedMark(event->position().toPoint());
    viewport()->setCursor(overLink ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QListView::mouseMoveEvent(event);
}

void MessageView::mouseDoubleClickEvent(QMouseEvent *event)
{
    event->accept();   // no editing, no activation
}

void MessageView::wheelEvent(QWheelEvent *event)
{
    // Without a scroll bar (a short history) scrolling up still asks for older messages.
    if (verticalScrollBar()->maximum() == 0 && event->angleDelta().y() > 0)
        loadOlder();
    QListView::wheelEvent(event);
}

void MessageView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid())
        return;
    QMenu menu(this);
    const QString link = linkAt(event->pos());
    if (!link.isEmpty()) {
        auto *copyLink = menu.addAction(tr("Copy link address"));
        connect(copyLink, &QAction::triggered, this, [link] { QApplication::clipboard()->setText(link); });
    }
    if (isFailedOurs(index)) {
        auto *resend = menu.addAction(tr("Resend"));
        resend->setObjectName(u"resendAction"_s);
        const qint64 rowId = index.data(MessageListModel::RowIdRole).toLongLong();
        connect(resend, &QAction::triggered, this, [this, rowId] { Q_EMIT retryRequested(rowId); });
    }
    const QString body = index.data(MessageListModel::BodyRole).toString();
    auto *copy = menu.addAction(tr("Copy"));
    connect(copy, &QAction::triggered, this, [body] { QApplication::clipboard()->setText(body); });
    menu.exec(event->globalPos());
}
