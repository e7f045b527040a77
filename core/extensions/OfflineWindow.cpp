// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/OfflineWindow.h"

#include "storage/Database.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcOfflineWindow, "xin.chat.offline")

OfflineWindow::OfflineWindow(Database *database, QObject *parent) : QObject(parent), m_database(database)
{
    m_refresh.setInterval(RefreshInterval);
    connect(&m_refresh, &QTimer::timeout, this, [this] { record(QDateTime::currentDateTimeUtc()); });
}

QDateTime OfflineWindow::lastOnline() const
{
    if (m_loaded || !m_database || !m_database->isOpen())
        return m_lastOnline;
    const QString text = m_database->property(lastOnlineKey());
    const QDateTime stored = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!text.isNull() && !stored.isValid())
        qCWarning(lcOfflineWindow) << "unreadable last-online stamp; treated as unknown";
    m_lastOnline = stored.isValid() ? stored.toUTC() : QDateTime();
    m_loaded = true;
    return m_lastOnline;
}

void OfflineWindow::sessionStarted(const QDateTime &now)
{
    // Read before the first write of this session: the span begins where the previous session ended.
    m_since = lastOnline();
    m_running = true;
    record(now);
    m_refresh.start();
}

void OfflineWindow::sessionEnded(const QDateTime &now)
{
    // A connection attempt that never got a session must not move the stamp: messages stored during it
    // were stored while we were offline.
    if (!m_running)
        return;
    m_refresh.stop();
    record(now);
    m_running = false;
}

bool OfflineWindow::accepts(const QDateTime &stamp, const QDateTime &now) const
{
    if (!m_running || !stamp.isValid() || stamp > now)
        return false;
    if (!m_since.isValid())
        return stamp >= now.addDays(-FirstSessionDays);
    return stamp >= m_since.addSecs(-std::chrono::seconds(ClockTolerance).count());
}

void OfflineWindow::record(const QDateTime &now)
{
    m_lastOnline = now.toUTC();
    m_loaded = true;
    // Written on the calling (UI) thread like the archive cursor: one row, and the database runs WAL with
    // synchronous=NORMAL, so the commit does not wait for the disk.
    if (m_database && m_database->isOpen())
        m_database->setProperty(lastOnlineKey(), m_lastOnline.toString(Qt::ISODateWithMs));
}
