// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SleepMonitor.h"

#include <QAbstractNativeEventFilter>

/// Windows: WM_POWERBROADCAST with PBT_APMRESUMEAUTOMATIC, which every top-level window receives when the
/// computer resumes (whether or not a user is there), seen through a native event filter.
class WindowsSleepMonitor : public SleepMonitor, public QAbstractNativeEventFilter
{
    Q_OBJECT
public:
    explicit WindowsSleepMonitor(QObject *parent = nullptr);
    ~WindowsSleepMonitor() override;

    bool nativeEventFilter(const QByteArray &eventType, void *message, qintptr *result) override;
};
