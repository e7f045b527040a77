// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/XmppClient.h"
#include "common/StatusChoice.h"

#include <QWidget>

class ConnectionBanner;
class QAbstractItemModel;
class QAbstractItemView;
class QAction;
class QActionGroup;
class ElidedLabel;
class ProfileHeader;
class QLabel;
class QLineEdit;
class QMenu;
class QStackedWidget;
class QToolButton;

/// The narrow, tall QQ-style main window: our profile on a coloured header, a search box, the contact
/// area, and a footer with the main menu. It shows what it is told and reports what the user asks for.
class MainWindow : public QWidget
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    /// Our own bare JID: the avatar colour and the footer derive from it.
    void setOwnJid(const Jid &jid);
    void setDisplayName(const QString &name);
    QString displayName() const;
    /// Our picture in the header; a null image shows the placeholder.
    void setOwnAvatar(const QImage &image);

    StatusChoice status() const;
    /// Shows @p status as the one in effect (no presenceChangeRequested()).
    void setStatus(StatusChoice status);
    QString statusMessage() const;
    void setStatusMessage(const QString &message);

    void setConnectionState(XmppClient::State state);
    /// Shows a sentence from ConnectionText::error() in the status area, as plain text.
    void showError(const QString &sentence);
    /// The text the status area shows now; empty while it is hidden.
    QString connectionText() const;
    /// The status area itself: reconnection countdown and catch-up progress (SessionController).
    ConnectionBanner *connectionBanner() const { return m_banner; }

    /// Puts @p view (the roster) into the contact area; takes ownership. The placeholder shows instead
    /// while the view's model has no rows. Given @p model, the view gets it once in the window (cheaper for
    /// a big model than reparenting a populated view); otherwise the view's own model counts.
    void setContactView(QAbstractItemView *view, QAbstractItemModel *model = nullptr);
    /// Friend requests waiting for an answer: the number on the footer's inbox button (0 hides it).
    void setFriendRequestCount(int count);

    /// With a tray icon, closing the window only hides it, as in QQ; without one it quits.
    void setCloseHidesWindow(bool hide) { m_closeHides = hide; }
    /// The state of the main menu's "Hide offline contacts" (no hideOfflineChanged()).
    void setHideOffline(bool hide);
    /// The main menu's idle choices, in minutes (0: never); no autoAwayChanged().
    void setAutoAway(int awayMinutes, int extendedAwayMinutes);
    /// The minutes the idle menu offers.
    static QList<int> autoAwayChoices() { return {0, 5, 10, 15, 30, 60}; }

Q_SIGNALS:
    /// The user chose a status or edited the status message.
    void presenceChangeRequested(StatusChoice status, const QString &statusMessage);
    void reconnectRequested();
    void signOutRequested();
    void quitRequested();
    void searchTextChanged(const QString &text);
    void addFriendRequested();
    void friendRequestsRequested();
    /// The main menu's "Chats": show the chat window.
    void chatsRequested();
    /// The main menu's "Notices…": the headlines list.
    void headlinesRequested();
    void hideOfflineChanged(bool hide);
    /// From the header's avatar or the main menu.
    void editProfileRequested();
    /// The user chose when to become away and extended away while idle (minutes; 0: never).
    void autoAwayChanged(int awayMinutes, int extendedAwayMinutes);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *createHeaderArea();
    QWidget *createPlaceholder();
    QWidget *createFooter();
    QMenu *createMainMenu(QWidget *parent);
    QActionGroup *addIdleChoices(QMenu *idle, const QString &section, const QString &name);
    QToolButton *createFooterButton(const QIcon &icon, const QString &toolTip, const QString &objectName);
    void updateContactArea();

    ProfileHeader *m_header = nullptr;
    QLineEdit *m_search = nullptr;
    ConnectionBanner *m_banner = nullptr;
    QStackedWidget *m_contactArea = nullptr;
    QToolButton *m_menuButton = nullptr;
    QAction *m_hideOffline = nullptr;
    QActionGroup *m_awayAfter = nullptr;
    QActionGroup *m_xaAfter = nullptr;
    ElidedLabel *m_account = nullptr;
    QLabel *m_placeholderText = nullptr;
    QWidget *m_placeholder = nullptr;
    QAbstractItemView *m_contactView = nullptr;
    QLabel *m_requestsBadge = nullptr;
    bool m_closeHides = false;
};
