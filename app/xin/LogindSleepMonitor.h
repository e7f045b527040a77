// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SleepMonitor.h"

/// Linux: systemd-logind's PrepareForSleep(bool) signal on the system bus (org.freedesktop.login1.Manager),
/// sent with true before the computer sleeps and with false once it has woken.
class LogindSleepMonitor : public SleepMonitor
{
    Q_OBJECT
public:
    explicit LogindSleepMonitor(QObject *parent = nullptr);

    /// Whether the system bus was reached and the signal subscribed to.
    bool isConnected() const { return m_connected; }

public Q_SLOTS:
    /// logind's signal: @p starting is true on the way down, false after waking.
    void prepareForSleep(bool starting);

private:
    bool m_connected = false;
};
