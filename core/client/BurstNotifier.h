// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QObject>
#include <QTimer>

#include <chrono>

/// Turns a stream of events from remote senders (friend requests, headlines) into few notifications: the
/// first event of a burst is announced on its own (firstArrived), the rest are counted and announced as one
/// summary per window (moreArrived). A flood of 10,000 events from 10,000 senders raises one popup and one
/// summary per window, not 10,000 (issue 13, finding 6: strangers must not flood the user).
///
/// A burst ends after a whole window without events; the next event then starts a new one.
class BurstNotifier : public QObject
{
    Q_OBJECT
public:
    explicit BurstNotifier(std::chrono::milliseconds window, QObject *parent = nullptr);

    /// An event from @p sender.
    void add(const Jid &sender);
    /// Whether a burst is under way (events now are counted, not announced one by one).
    bool isInBurst() const { return m_timer.isActive(); }

Q_SIGNALS:
    /// The first event of a burst: worth a notification of its own.
    void firstArrived(const Jid &sender);
    /// At the end of a window: @p count further events came since the last announcement.
    void moreArrived(int count);

private:
    void windowEnded();

    QTimer m_timer;
    int m_count = 0;
};
