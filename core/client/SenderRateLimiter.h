// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QHash>
#include <QString>

#include <chrono>
#include <functional>

/// A token bucket per sender, for what a remote entity can make us do again and again: fetch its avatar,
/// raise a popup, fetch a profile (issue 13, finding 6: strangers must not flood us). Each sender may spend
/// burst() tokens at once; one token comes back every interval(), up to burst().
///
/// The memory stays bounded whoever sends: at most maxTrackedSenders() senders have a bucket of their own.
/// A sender whose bucket is full again carries no information and is forgotten first; when every tracked
/// sender is still throttled, the senders beyond the limit share one overflow bucket, so that ten thousand
/// fresh JIDs get no more than one sender would, and no JID can reset another's bucket by evicting it.
class SenderRateLimiter
{
public:
    using Clock = std::function<std::chrono::milliseconds()>;

    /// @p clock (tests) gives the time; by default a monotonic clock.
    SenderRateLimiter(int burst, std::chrono::milliseconds interval, int maxTrackedSenders = 1024, Clock clock = {});

    /// Takes a token of @p sender's: true if it had one (go ahead), false if it is over its rate.
    bool allow(const QString &sender);
    /// Whether allow(@p sender) would be true now; takes nothing.
    bool wouldAllow(const QString &sender) const;
    /// How long until @p sender has a token again (zero if it has one now).
    std::chrono::milliseconds timeUntilAllowed(const QString &sender) const;
    /// Forgets everything (e.g. at the end of a session).
    void clear();

    int burst() const { return m_burst; }
    std::chrono::milliseconds interval() const { return m_interval; }
    int maxTrackedSenders() const { return m_maxTracked; }
    /// Senders with a bucket of their own now (never more than maxTrackedSenders()).
    int trackedSenders() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        double tokens = 0;
        std::chrono::milliseconds updated{0};
    };
    std::chrono::milliseconds now() const;
    double tokensAt(const Bucket &bucket, std::chrono::milliseconds at) const;
    const Bucket *find(const QString &sender) const;
    Bucket *bucketFor(const QString &sender, std::chrono::milliseconds at);
    void forgetRefilled(std::chrono::milliseconds at);

    int m_burst;
    std::chrono::milliseconds m_interval;
    int m_maxTracked;
    Clock m_clock;
    QHash<QString, Bucket> m_buckets;
    Bucket m_overflow;
    bool m_overflowUsed = false;
    bool m_swept = false;
    std::chrono::milliseconds m_lastSweep{0};
};
