// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/StatusChoice.h"

#include <QSystemTrayIcon>

class QAction;
class QActionGroup;
class QTimer;

/// The notification-area icon: Xin's 信 with the status (or unread messages) on it, and a menu to show or
/// hide the window, change status and quit. Create it only if QSystemTrayIcon::isSystemTrayAvailable().
///
/// The icon is the application icon with the status dot drawn on it at whatever size the tray asks for,
/// greyed while offline, with a red badge while messages are unread.
class TrayIcon : public QSystemTrayIcon
{
    Q_OBJECT

public:
    explicit TrayIcon(const QIcon &appIcon, QObject *parent = nullptr);

    void setStatus(StatusChoice status);
    /// Unread messages: a red badge, and the icon blinks (as QQ's does) until setUnread(false).
    void setUnread(bool unread);
    bool isBlinking() const;
    /// Our JID for the tool tip (defused like a notification: SafeText::notification).
    void setAccount(const QString &bareJid);
    /// Whether the window the menu shows or hides is visible now, to label that entry.
    void setWindowVisible(bool visible);

Q_SIGNALS:
    void toggleWindowRequested();
    void statusSelected(StatusChoice status);
    void quitRequested();

private:
    void refresh();

    QIcon m_appIcon;
    QAction *m_toggle;
    QActionGroup *m_statusActions;
    StatusChoice m_status = StatusChoice::Offline;
    QString m_account;
    bool m_unread = false;
    bool m_blinkDim = false;   // the blink's "off" phase
    QTimer *m_blink;
    bool m_windowVisible = false;
};
