// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LogindSleepMonitor.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSleep, "xin.sleep")

using namespace Qt::StringLiterals;

LogindSleepMonitor::LogindSleepMonitor(QObject *parent) : SleepMonitor(parent)
{
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        qCInfo(lcSleep) << "no system bus; waking from sleep is noticed by the keep-alive only";
        return;
    }
    // QtDBus connects signals by signature only: there is no pointer-to-member form for a remote signal.
    m_connected = bus.connect(u"org.freedesktop.login1"_s, u"/org/freedesktop/login1"_s,
                              u"org.freedesktop.login1.Manager"_s, u"PrepareForSleep"_s, this,
                              SLOT(prepareForSleep(bool)));
    if (!m_connected)
        qCInfo(lcSleep) << "cannot follow logind's PrepareForSleep:" << bus.lastError().message();
}

void LogindSleepMonitor::prepareForSleep(bool starting)
{
    qCInfo(lcSleep) << (starting ? "going to sleep" : "woke up");
    if (!starting)
        Q_EMIT wokeUp();
}
