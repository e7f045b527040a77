// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// iq answers are accepted only from the entity the request went to (RFC 6120 §8.1.2.1, docs/SECURITY.md rule 3).
#include "client/IqTracker.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class tst_IqTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void origin_data();
    void origin();
    void spoofedAnswerIsDropped();
    void timeoutAndCancel();
    void destroyedContextIsNotCalled();
};

void tst_IqTracker::origin_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("from");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("server answers for the account") << QString() << QString() << true;
    QTest::newRow("bare JID answers for the account") << QString() << u"me@example.org"_s << true;
    QTest::newRow("to bare, from bare") << u"me@example.org"_s << u"me@example.org"_s << true;
    QTest::newRow("to bare, from nothing") << u"me@example.org"_s << QString() << true;
    QTest::newRow("stranger answering for the account") << QString() << u"eve@example.org"_s << false;
    QTest::newRow("peer") << u"bob@example.org/pc"_s << u"bob@example.org/pc"_s << true;
    QTest::newRow("peer, other resource") << u"bob@example.org/pc"_s << u"bob@example.org/phone"_s << false;
    QTest::newRow("peer, server answering") << u"bob@example.org/pc"_s << u"example.org"_s << false;
    QTest::newRow("peer, no from") << u"bob@example.org/pc"_s << QString() << false;
    QTest::newRow("service") << u"search.example.org"_s << u"search.example.org"_s << true;
    QTest::newRow("case-insensitive domain") << u"example.org"_s << u"EXAMPLE.org"_s << true;
}

void tst_IqTracker::origin()
{
    QFETCH(QString, to);
    QFETCH(QString, from);
    QFETCH(bool, accepted);
    const Jid own = Jid::fromString(u"me@example.org/desk");
    QCOMPARE(IqTracker::isValidOrigin(Jid::fromString(to), Jid::fromString(from), own), accepted);
}

void tst_IqTracker::spoofedAnswerIsDropped()
{
    IqTracker tracker;
    tracker.setOwnJid(Jid::fromString(u"me@example.org/desk"));
    int calls = 0;
    IqReply got;
    tracker.add(u"q1"_s, Jid::fromString(u"bob@example.org/pc"), this, [&](const IqReply &r) {
        ++calls;
        got = r;
    }, 5s);

    Iq spoof;
    spoof.type = Iq::Type::Result;
    spoof.id = u"q1"_s;
    spoof.from = Jid::fromString(u"eve@example.org/x");
    QVERIFY(!tracker.handleAnswer(spoof));
    QCOMPARE(calls, 0);
    QCOMPARE(tracker.pendingCount(), 1);

    Iq real = spoof;
    real.from = Jid::fromString(u"bob@example.org/pc");
    QVERIFY(tracker.handleAnswer(real));
    QCOMPARE(calls, 1);
    QCOMPARE(got.status, IqReply::Status::Result);
    QVERIFY(!tracker.handleAnswer(real));   // answered once only
    QCOMPARE(calls, 1);
}

void tst_IqTracker::timeoutAndCancel()
{
    IqTracker tracker;
    QList<IqReply::Status> statuses;
    tracker.add(u"a"_s, Jid(), this, [&](const IqReply &r) { statuses << r.status; }, 50ms);
    tracker.add(u"b"_s, Jid(), this, [&](const IqReply &r) { statuses << r.status; }, 10s);
    QTRY_COMPARE(statuses.size(), 1);
    QCOMPARE(statuses.at(0), IqReply::Status::Timeout);
    tracker.cancelAll();
    QCOMPARE(statuses, (QList<IqReply::Status>{IqReply::Status::Timeout, IqReply::Status::Disconnected}));
    QCOMPARE(tracker.pendingCount(), 0);
}

void tst_IqTracker::destroyedContextIsNotCalled()
{
    IqTracker tracker;
    int calls = 0;
    auto *context = new QObject;
    tracker.add(u"a"_s, Jid(), context, [&](const IqReply &) { ++calls; }, 10s);
    delete context;
    Iq answer;
    answer.type = Iq::Type::Result;
    answer.id = u"a"_s;
    QVERIFY(tracker.handleAnswer(answer));
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(tst_IqTracker)
#include "tst_iqtracker.moc"
