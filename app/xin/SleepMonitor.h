// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>

#include <memory>

/// Tells when the computer wakes from sleep, so that the connection is proved (or brought back) at once
/// rather than when TCP gives up minutes later (NetworkWatcher::wokeUp()). One small implementation per
/// platform: Linux through logind (LogindSleepMonitor), Windows through WM_POWERBROADCAST
/// (WindowsSleepMonitor). macOS would observe NSWorkspaceDidWakeNotification; not done yet, so there a
/// wake is noticed by the keep-alive only.
class SleepMonitor : public QObject
{
    Q_OBJECT
public:
    /// The platform's monitor, or null where there is none (or it cannot reach the system).
    static std::unique_ptr<SleepMonitor> create();
    ~SleepMonitor() override;

Q_SIGNALS:
    /// The computer resumed from sleep or hibernation.
    void wokeUp();

protected:
    explicit SleepMonitor(QObject *parent = nullptr);
};
