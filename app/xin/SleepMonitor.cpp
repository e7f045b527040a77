// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SleepMonitor.h"

#if defined(Q_OS_LINUX)
#include "LogindSleepMonitor.h"
#elif defined(Q_OS_WIN)
#include "WindowsSleepMonitor.h"
#endif

SleepMonitor::SleepMonitor(QObject *parent) : QObject(parent) { }

SleepMonitor::~SleepMonitor() = default;

std::unique_ptr<SleepMonitor> SleepMonitor::create()
{
#if defined(Q_OS_LINUX)
    auto monitor = std::make_unique<LogindSleepMonitor>();
    if (!monitor->isConnected())
        return nullptr;
    return monitor;
#elif defined(Q_OS_WIN)
    return std::make_unique<WindowsSleepMonitor>();
#else
    return nullptr;
#endif
}
