// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "WindowsSleepMonitor.h"

#include <QCoreApplication>

#include <windows.h>

WindowsSleepMonitor::WindowsSleepMonitor(QObject *parent) : SleepMonitor(parent)
{
    QCoreApplication::instance()->installNativeEventFilter(this);
}

WindowsSleepMonitor::~WindowsSleepMonitor()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeNativeEventFilter(this);
}

bool WindowsSleepMonitor::nativeEventFilter(const QByteArray &eventType, void *message, qintptr *result)
{
    Q_UNUSED(result)
    if (eventType != "windows_generic_MSG")
        return false;
    const MSG *msg = static_cast<const MSG *>(message);
    if (msg->message == WM_POWERBROADCAST && msg->wParam == PBT_APMRESUMEAUTOMATIC)
        Q_EMIT wokeUp();
    return false;   // others may want it too
}
