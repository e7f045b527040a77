// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/StatusChoice.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class AutoAway;
class Database;
class MainWindow;
class Presence;
class PresenceManager;
class TrayIcon;
class XmppClient;

/// Our own status in the app: the one the user wants, with its message, which the PresenceManager sends at
/// every connection (RFC 6121 §4.2); the automatic away after idle time (AutoAway, its minutes kept in the
/// profile's database); and the status shown in the main window and the tray icon.
class StatusController : public QObject
{
    Q_OBJECT
public:
    /// @p database may be closed: the automatic-away minutes are then not kept.
    StatusController(XmppClient *client, PresenceManager *presence, MainWindow *main, Database *database,
                     QObject *parent = nullptr);

    /// The tray icon shows the status too; it may be null (no system tray).
    void setTrayIcon(TrayIcon *tray);

    StatusChoice wanted() const { return m_wanted; }
    QString message() const { return m_message; }
    void setMessage(const QString &message) { m_message = message; }
    /// What the user chose; the PresenceManager sends it (now if connected, else at the next connection).
    void setWanted(StatusChoice status, std::optional<QString> message = std::nullopt);
    /// Shows @p status in the main window and the tray.
    void show(StatusChoice status);
    /// Shows the presence the PresenceManager sends now, e.g. once connected.
    void showOwnPresence();

private:
    void loadAutoAway();
    void applyAutoAway(int awayMinutes, int extendedAwayMinutes);
    static StatusChoice statusOf(const Presence &presence);

    XmppClient *m_client;
    PresenceManager *m_presence;
    MainWindow *m_main;
    Database *m_database;
    AutoAway *m_autoAway;
    QPointer<TrayIcon> m_tray;
    StatusChoice m_wanted = StatusChoice::Online;
    QString m_message;
};
