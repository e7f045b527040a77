// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StatusController.h"

#include "client/XmppClient.h"
#include "common/IdleTimeSource.h"
#include "extensions/AutoAway.h"
#include "extensions/PresenceManager.h"
#include "main/MainWindow.h"
#include "main/TrayIcon.h"
#include "stanza/Presence.h"
#include "storage/Database.h"

namespace {
const QString AwayMinutesProperty = QStringLiteral("presence/autoAwayMinutes");
const QString ExtendedAwayMinutesProperty = QStringLiteral("presence/autoExtendedAwayMinutes");
}

StatusController::StatusController(XmppClient *client, PresenceManager *presence, MainWindow *main, Database *database,
                                   QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_presence(presence)
    , m_main(main)
    , m_database(database)
    , m_autoAway(new AutoAway(presence, [idle = new IdleTimeSource(this)] { return idle->idleTime(); }, this))
{
    loadAutoAway();
    connect(m_presence, &PresenceManager::ownPresenceChanged, this, [this](const Presence &presence) {
        if (m_client->isConnected())
            show(statusOf(presence));   // e.g. switched to away by AutoAway
    });
}

void StatusController::setTrayIcon(TrayIcon *tray)
{
    m_tray = tray;
}

void StatusController::loadAutoAway()
{
    // Automatic away: minutes of idle time, kept per profile; 0 is never.
    const auto minutesProperty = [this](const QString &key, int fallback) {
        bool ok = false;
        const int value = m_database->isOpen() ? m_database->property(key).toInt(&ok) : 0;
        return ok && value >= 0 ? value : fallback;
    };
    const int awayMinutes = minutesProperty(AwayMinutesProperty, 5);
    const int xaMinutes = minutesProperty(ExtendedAwayMinutesProperty, 15);
    applyAutoAway(awayMinutes, xaMinutes);
    m_main->setAutoAway(awayMinutes, xaMinutes);
    connect(m_main, &MainWindow::autoAwayChanged, this, [this](int away, int xa) {
        applyAutoAway(away, xa);
        if (m_database->isOpen()) {
            m_database->setProperty(AwayMinutesProperty, QString::number(away));
            m_database->setProperty(ExtendedAwayMinutesProperty, QString::number(xa));
        }
    });
}

void StatusController::setWanted(StatusChoice status, std::optional<QString> message)
{
    if (message)
        m_message = *message;
    m_wanted = status;
    if (status == StatusChoice::Offline)
        return;
    // The PresenceManager owns our presence: it sends it at every (re)connection (RFC 6121 §4.2) and
    // AutoAway switches it while the user is idle.
    const Presence presence = StatusChoices::presence(status, m_message);
    m_presence->setOwnPresence(presence.show, presence.status);
}

void StatusController::show(StatusChoice status)
{
    m_main->setStatus(status);
    if (m_tray)
        m_tray->setStatus(status);
}

void StatusController::showOwnPresence()
{
    show(statusOf(m_presence->ownPresence()));
}

void StatusController::applyAutoAway(int awayMinutes, int extendedAwayMinutes)
{
    m_autoAway->setAwayAfter(std::chrono::minutes(awayMinutes));
    m_autoAway->setExtendedAwayAfter(std::chrono::minutes(extendedAwayMinutes));
    m_autoAway->setEnabled(awayMinutes > 0 || extendedAwayMinutes > 0);
}

StatusChoice StatusController::statusOf(const Presence &presence)
{
    switch (presence.show) {
    case Presence::Show::Chat:
        return StatusChoice::Chat;
    case Presence::Show::Away:
        return StatusChoice::Away;
    case Presence::Show::Xa:
        return StatusChoice::ExtendedAway;
    case Presence::Show::Dnd:
        return StatusChoice::DoNotDisturb;
    case Presence::Show::None:
        break;
    }
    return StatusChoice::Online;
}
