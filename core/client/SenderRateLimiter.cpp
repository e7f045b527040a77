// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/SenderRateLimiter.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace std::chrono;

SenderRateLimiter::SenderRateLimiter(int burst, milliseconds interval, int maxTrackedSenders, Clock clock)
    : m_burst(std::max(1, burst))
    , m_interval(std::max(interval, milliseconds(1)))
    , m_maxTracked(std::max(1, maxTrackedSenders))
    , m_clock(std::move(clock))
{
    if (!m_clock) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_clock = [timer] { return milliseconds(timer->elapsed()); };
    }
}

milliseconds SenderRateLimiter::now() const
{
    return m_clock();
}

double SenderRateLimiter::tokensAt(const Bucket &bucket, milliseconds at) const
{
    const double refilled = double((at - bucket.updated).count()) / double(m_interval.count());
    return std::min(double(m_burst), bucket.tokens + std::max(0.0, refilled));
}

const SenderRateLimiter::Bucket *SenderRateLimiter::find(const QString &sender) const
{
    const auto it = m_buckets.constFind(sender);
    if (it != m_buckets.cend())
        return &*it;
    // Untracked: it has a full bucket of its own unless the table is full, then it shares the overflow.
    if (m_buckets.size() >= m_maxTracked && m_overflowUsed)
        return &m_overflow;
    return nullptr;
}

bool SenderRateLimiter::wouldAllow(const QString &sender) const
{
    const Bucket *bucket = find(sender);
    return !bucket || tokensAt(*bucket, now()) >= 1.0;
}

milliseconds SenderRateLimiter::timeUntilAllowed(const QString &sender) const
{
    const Bucket *bucket = find(sender);
    if (!bucket)
        return milliseconds(0);
    const double missing = 1.0 - tokensAt(*bucket, now());
    if (missing <= 0)
        return milliseconds(0);
    return milliseconds(qint64(std::ceil(missing * double(m_interval.count()))));
}

void SenderRateLimiter::forgetRefilled(milliseconds at)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (tokensAt(it.value(), at) >= double(m_burst))
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

SenderRateLimiter::Bucket *SenderRateLimiter::bucketFor(const QString &sender, milliseconds at)
{
    const auto it = m_buckets.find(sender);
    if (it != m_buckets.end())
        return &*it;
    // A full table is swept at most once per interval: a flood of new senders costs no sweep per sender.
    if (m_buckets.size() >= m_maxTracked && (!m_swept || at - m_lastSweep >= m_interval)) {
        m_swept = true;
        m_lastSweep = at;
        forgetRefilled(at);
    }
    if (m_buckets.size() >= m_maxTracked) {
        if (!m_overflowUsed) {
            m_overflowUsed = true;
            m_overflow = Bucket{double(m_burst), at};
        }
        return &m_overflow;
    }
    return &*m_buckets.insert(sender, Bucket{double(m_burst), at});
}

bool SenderRateLimiter::allow(const QString &sender)
{
    const milliseconds at = now();
    Bucket *bucket = bucketFor(sender, at);
    bucket->tokens = tokensAt(*bucket, at);
    bucket->updated = at;
    if (bucket->tokens < 1.0)
        return false;
    bucket->tokens -= 1.0;
    return true;
}

void SenderRateLimiter::clear()
{
    m_buckets.clear();
    m_overflow = {};
    m_overflowUsed = false;
    m_swept = false;
}
