// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/BurstNotifier.h"

BurstNotifier::BurstNotifier(std::chrono::milliseconds window, QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(window);
    connect(&m_timer, &QTimer::timeout, this, &BurstNotifier::windowEnded);
}

void BurstNotifier::add(const Jid &sender)
{
    if (m_timer.isActive()) {
        ++m_count;
        return;
    }
    m_count = 0;
    m_timer.start();
    Q_EMIT firstArrived(sender);
}

void BurstNotifier::windowEnded()
{
    if (m_count == 0)
        return;   // a quiet window: the burst is over
    const int count = m_count;
    m_count = 0;
    m_timer.start();   // still flooding, perhaps: the next window counts on
    Q_EMIT moreArrived(count);
}
