// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// SenderRateLimiter: a token bucket per sender with a bounded number of senders (issue 13, finding 6: a
// stranger must not be able to make us do unbounded work or keep unbounded state).
#include "client/SenderRateLimiter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
/// A clock the test moves by hand.
struct FakeClock
{
    std::chrono::milliseconds now{1000};
    SenderRateLimiter::Clock clock()
    {
        return [this] { return now; };
    }
};
} // namespace

class tst_SenderRateLimiter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void burstThenOneTokenPerInterval();
    void sendersAreIndependent();
    void wouldAllowTakesNothing();
    void tenThousandSendersStayBounded();
    void refilledSendersAreForgotten();
    void clearForgetsEverything();
};

void tst_SenderRateLimiter::burstThenOneTokenPerInterval()
{
    FakeClock time;
    SenderRateLimiter limiter(3, 20s, 16, time.clock());
    const QString sender = u"陌生人@example.org"_s;
    QVERIFY(limiter.allow(sender));
    QVERIFY(limiter.allow(sender));
    QVERIFY(limiter.allow(sender));
    QVERIFY(!limiter.allow(sender));
    QCOMPARE(limiter.timeUntilAllowed(sender), 20s);
    time.now += 19999ms;
    QVERIFY(!limiter.allow(sender));   // a refused attempt costs nothing, and gives nothing either
    QCOMPARE(limiter.timeUntilAllowed(sender), 1ms);
    time.now += 1ms;
    QVERIFY(limiter.allow(sender));
    QVERIFY(!limiter.allow(sender));
    // A long quiet time refills up to the burst, never beyond.
    time.now += 1h;
    for (int i = 0; i < 3; ++i)
        QVERIFY(limiter.allow(sender));
    QVERIFY(!limiter.allow(sender));
}

void tst_SenderRateLimiter::sendersAreIndependent()
{
    FakeClock time;
    SenderRateLimiter limiter(1, 1min, 16, time.clock());
    QVERIFY(limiter.allow(u"a@example.org"_s));
    QVERIFY(!limiter.allow(u"a@example.org"_s));
    QVERIFY(limiter.allow(u"b@example.org"_s));
    QCOMPARE(limiter.trackedSenders(), 2);
}

void tst_SenderRateLimiter::wouldAllowTakesNothing()
{
    FakeClock time;
    SenderRateLimiter limiter(1, 1min, 16, time.clock());
    QVERIFY(limiter.wouldAllow(u"a@example.org"_s));
    QVERIFY(limiter.wouldAllow(u"a@example.org"_s));
    QCOMPARE(limiter.trackedSenders(), 0);
    QVERIFY(limiter.allow(u"a@example.org"_s));
    QVERIFY(!limiter.wouldAllow(u"a@example.org"_s));
    QCOMPARE(limiter.timeUntilAllowed(u"b@example.org"_s), 0ms);
}

void tst_SenderRateLimiter::tenThousandSendersStayBounded()
{
    // 10,000 fresh JIDs in one burst: only maxTrackedSenders get a bucket of their own, the rest share one,
    // so the total allowed is bounded by (tracked + 1) * burst, not by the number of JIDs.
    FakeClock time;
    SenderRateLimiter limiter(2, 1min, 64, time.clock());
    int allowed = 0;
    for (int i = 0; i < 10000; ++i) {
        for (int attempt = 0; attempt < 3; ++attempt)
            allowed += limiter.allow(u"bot%1@example.org"_s.arg(i)) ? 1 : 0;
        QVERIFY(limiter.trackedSenders() <= 64);
    }
    QCOMPARE(limiter.trackedSenders(), 64);
    QCOMPARE(allowed, 64 * 2 + 2);
    // A tracked sender is still throttled: evicting it would have been a way to reset its bucket.
    QVERIFY(!limiter.allow(u"bot0@example.org"_s));
    QVERIFY(!limiter.allow(u"another@example.org"_s));   // the shared overflow bucket is empty too
}

void tst_SenderRateLimiter::refilledSendersAreForgotten()
{
    FakeClock time;
    SenderRateLimiter limiter(1, 10s, 4, time.clock());
    for (int i = 0; i < 4; ++i)
        QVERIFY(limiter.allow(u"old%1@example.org"_s.arg(i)));
    QVERIFY(limiter.allow(u"new@example.org"_s));      // the table is full: the shared overflow bucket
    QVERIFY(!limiter.allow(u"other@example.org"_s));   // shares it, now empty
    QCOMPARE(limiter.trackedSenders(), 4);
    // Once their buckets are full again they say nothing: a new sender takes their place.
    time.now += 10s;
    QVERIFY(limiter.allow(u"fresh@example.org"_s));
    QVERIFY(limiter.trackedSenders() <= 4);
    QVERIFY(!limiter.allow(u"fresh@example.org"_s));   // with a bucket of its own, now empty
}

void tst_SenderRateLimiter::clearForgetsEverything()
{
    FakeClock time;
    SenderRateLimiter limiter(1, 1h, 4, time.clock());
    QVERIFY(limiter.allow(u"a@example.org"_s));
    QVERIFY(!limiter.allow(u"a@example.org"_s));
    limiter.clear();
    QCOMPARE(limiter.trackedSenders(), 0);
    QVERIFY(limiter.allow(u"a@example.org"_s));
}

QTEST_GUILESS_MAIN(tst_SenderRateLimiter)
#include "tst_senderratelimiter.moc"
