// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "models/MessageListModel.h"

#include <QListView>
#include <QPointer>

class LinkOpener;
class MessageDelegate;
class QIdentityProxyModel;
class QPushButton;

/// The message area of the chat window: a list of MessageDelegate rows, oldest at the top.
///
/// It stays at the bottom while new messages arrive if it was there, and otherwise shows a "new messages"
/// pill; rows paged in above keep what the user looks at in place. Scrolling to the top pages older messages
/// in from the model; once the store has none, olderMessagesRequested() asks for the server's archive.
/// The view asks for older pages itself: QAbstractItemView's own fetching fires whenever the last row is
/// visible, which in a chat is always.
///
/// Links open only on a click, and only http, https and xmpp ones (MessageStyling::isSafeLink), through
/// LinkOpener: web links after the user confirmed the whole target, xmpp: links inside Xin.
class MessageView : public QListView
{
    Q_OBJECT

public:
    explicit MessageView(QWidget *parent = nullptr);

    /// Shows @p model (not owned; null shows nothing) scrolled to the bottom.
    void setMessageModel(MessageListModel *model);
    MessageListModel *messageModel() const { return m_model; }
    MessageDelegate *messageDelegate() const { return m_delegate; }

    bool isAtBottom() const { return m_atBottom; }
    void scrollToBottomNow();
    /// Scrolls to the message @p rowId and marks it, paging older messages in when needed; false if it is
    /// not in this chat.
    bool showMessage(qint64 rowId);
    bool isNewMessagesPillVisible() const;
    /// The link under @p point (viewport coordinates), or an empty string.
    QString linkAt(const QPoint &point) const;
    /// Whether a click on a link opens it through LinkOpener (on by default; tests turn it off).
    void setOpenLinks(bool open) { m_openLinks = open; }
    LinkOpener *linkOpener() const { return m_linkOpener; }
    /// Pages older messages in (or asks for the archive) as if the user had scrolled to the top.
    void loadOlder();

Q_SIGNALS:
    /// The user reached the top and the store has nothing older: time for the server's archive.
    void olderMessagesRequested();
    /// A link was clicked (only http, https and xmpp links get here).
    void linkActivated(const QUrl &url);
    /// An xmpp: link to @p jid was clicked (and links are opened): the chat should open in Xin.
    void xmppAddressActivated(const Jid &jid);
    /// The user asked to send our failed message @p rowId again (its red mark, or "Resend" in its menu).
    void retryRequested(qint64 rowId);

protected:
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void rowsAboutToBeAdded(const QModelIndex &parent, int first);
    void scrolled(int value);
    void rangeChanged(int minimum, int maximum);
    void setValueQuietly(int value);
    void placePill();
    void setPillVisible(bool visible);
    void activateLink(const QString &href);
    /// Whether @p point (viewport coordinates) is on the red mark of our message that failed.
    bool isOnFailedMark(const QPoint &point) const;

    MessageDelegate *m_delegate;
    QIdentityProxyModel *m_proxy;
    QPointer<MessageListModel> m_model;
    QPushButton *m_pill;
    LinkOpener *m_linkOpener;
    QString m_pressedLink;
    bool m_pressedFailed = false;   // the left button went down on a failed message's red mark
    bool m_atBottom = true;
    int m_keepFromBottom = -1;   // after rows were added above: stay this far from the bottom
    bool m_adjusting = false;
    bool m_topReached = false;
    bool m_openLinks = true;
    int m_rowsBefore = 0;
};
