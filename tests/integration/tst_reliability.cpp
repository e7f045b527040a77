// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Issue 15's proof: 1,000 messages from alice to bob through a FaultProxy that breaks alice's link on
// purpose, against a real Prosody 13 (smacks, carbons, MAM), counted at both ends (docs/SECURITY.md rule 9:
// no message lost, none twice). Each side is a real XmppClient with the managers the app installs
// (ExtensionRegistry: roster, presence, carbons, archive, chats), a MessageStore on a database of its own and
// a Reconnector with short delays. Expected in every scenario: bob's store holds each of alice's bodies
// exactly once, in the order she sent them, and alice's store shows every one acknowledged by the server
// (Sent, or Delivered once bob's receipt came): none Pending or Failed.
// Each scenario prints one line for the issue's closing note:
//   scenario X: sent N, received N, duplicates D, lost L, not confirmed U (...)
// To see why one fails: XIN_TEST_TRACE_XML=1 logs what both clients write and read (run with -maxwarnings 0),
// XIN_TEST_PROSODY_LOGLEVEL=debug with XIN_TEST_KEEP_SERVERS=1 keeps Prosody's debug log.

#include "ClientTestUtils.h"
#include "DevicePeer.h"
#include "FaultProxy.h"
#include "ProsodyServer.h"
#include "client/ExtensionRegistry.h"
#include "client/Reconnector.h"
#include "client/XmppClient.h"
#include "extensions/ArchiveManager.h"
#include "extensions/CarbonsManager.h"
#include "extensions/Chat.h"
#include "extensions/ChatManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace ClientTestUtils;

namespace {

const auto Password = u"r3liable"_s;
constexpr int MessageCount = 1000;
constexpr int BurstSize = 20;
constexpr int Bursts = MessageCount / BurstSize;

template <typename Predicate>
bool waitFor(Predicate done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QTest::qWait(25);
    return done();
}

QString bodyFor(int number)
{
    return u"alice → bob %1"_s.arg(number, 4, 10, QLatin1Char('0'));
}

/// The number in a body made by bodyFor(), or -1.
int numberOf(const QString &body)
{
    static const QString prefix = u"alice → bob "_s;
    bool ok = false;
    const int number = body.startsWith(prefix) ? body.mid(prefix.size()).toInt(&ok) : -1;
    return ok ? number : -1;
}

/// What both stores say at the end of a scenario.
struct Counts
{
    int sent = 0;           // alice's outgoing rows
    int received = 0;       // bob's incoming rows from alice (duplicates included)
    int duplicates = 0;     // rows at bob beyond the first of each body
    int lost = 0;           // bodies alice sent that bob does not have
    int notConfirmed = 0;   // alice's rows still Pending or Failed (the server never acknowledged them)
    int delivered = 0;      // alice's rows Delivered or Read (bob's receipt came)
    int outOfOrder = 0;     // bob's rows that come before one alice sent earlier
    int sameSecondTies = 0; // of those, within one second of a second-precision stamp (see count())
    int garbled = 0;        // bob's incoming rows from alice with a body she never sent
    int senderDuplicates = 0;  // alice's rows beyond the first of each body

    QString order;          // bob's numbers in his store's order, as runs ("0-99 120-139 100-119 ...")

    QString line(char scenario) const
    {
        return u"scenario %1: sent %2, received %3, duplicates %4, lost %5, not confirmed %6 (delivered %7, "
               "out of order %8, garbled %9, same-second ties %10)"_s.arg(QLatin1Char(scenario))
                   .arg(sent)
                   .arg(received)
                   .arg(duplicates)
                   .arg(lost)
                   .arg(notConfirmed)
                   .arg(delivered)
                   .arg(outOfOrder)
                   .arg(garbled)
                   .arg(sameSecondTies);
    }
    bool complete() const { return lost == 0 && notConfirmed == 0; }
};

Counts count(const Peer &alice, const Peer &bob)
{
    Counts counts;
    QHash<int, int> atBob;
    int last = -1;
    QDateTime lastTime;
    int runStart = -1;
    int previous = -2;
    for (const ChatMessage &m : bob.history(alice.client.configuration().jid)) {
        const int number = numberOf(m.body);
        if (m.direction != ChatMessage::Direction::Incoming)
            continue;
        if (number < 0 || number >= MessageCount || bodyFor(number) != m.body) {
            ++counts.garbled;
            continue;
        }
        if (number != previous + 1) {
            if (runStart >= 0)
                counts.order += u"%1-%2 "_s.arg(runStart).arg(previous);
            runStart = number;
        }
        previous = number;
        ++counts.received;
        if (atBob[number]++ > 0)
            ++counts.duplicates;
        // Offline storage stamps its <delay/> to the second (Prosody's mod_offline); the same burst may reach
        // bob partly from there and partly from the archive or live, stamped to the millisecond. Within that
        // one second the store cannot know the order: such a tie is counted apart (closing note of issue 15),
        // anything else out of order fails.
        const bool secondPrecisionTie = number < last && lastTime.isValid()
                                     && (m.timestamp.time().msec() == 0 || lastTime.time().msec() == 0)
                                     && qAbs(m.timestamp.msecsTo(lastTime)) < 1000;
        if (secondPrecisionTie)
            ++counts.sameSecondTies;
        else if (number < last)
            ++counts.outOfOrder;
        if (number > last) {
            last = number;
            lastTime = m.timestamp;
        }
    }
    if (runStart >= 0)
        counts.order += u"%1-%2"_s.arg(runStart).arg(previous);
    for (int number = 0; number < MessageCount; ++number)
        counts.lost += atBob.contains(number) ? 0 : 1;
    QHash<int, int> atAlice;
    for (const ChatMessage &m : alice.history(bob.client.configuration().jid)) {
        if (m.direction != ChatMessage::Direction::Outgoing || numberOf(m.body) < 0)
            continue;
        ++counts.sent;
        if (atAlice[numberOf(m.body)]++ > 0)
            ++counts.senderDuplicates;
        if (m.state == ChatMessage::State::Pending || m.state == ChatMessage::State::Failed)
            ++counts.notConfirmed;
        if (m.state == ChatMessage::State::Delivered || m.state == ChatMessage::State::Read)
            ++counts.delivered;
    }
    return counts;
}

/// The first "new" or "resumed" among a peer's events: how its next session came about.
QString firstSessionEvent(const QStringList &events)
{
    for (const QString &event : events) {
        if (event == u"new" || event == u"resumed")
            return event;
    }
    return {};
}

} // namespace

class tst_Reliability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void droppedTenTimes();
    void blackholed();
    void serverKilledTwice();
    void suspendedPastResumptionWindow();

private:
    bool startServer(int hibernationSeconds = 0);
    bool signIn(Peer &peer, const QString &user, bool throughProxy, std::chrono::milliseconds deadLink = {});
    bool setUp(std::chrono::milliseconds deadLink = {});
    void exchange(const std::function<void(int burst)> &beforeBurst, int pauseMs);
    Counts finish(char scenario);

    QTemporaryDir m_dir;
    std::unique_ptr<ProsodyServer> m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<Peer> m_alice;
    std::unique_ptr<Peer> m_bob;
    QElapsedTimer m_timer;
};

void tst_Reliability::initTestCase()
{
    if (QStandardPaths::findExecutable(u"prosody"_s).isEmpty())
        QSKIP("prosody is not installed: run the tests inside scripts/env");
    QVERIFY(m_dir.isValid());
}

void tst_Reliability::init()
{
    m_timer.start();
}

void tst_Reliability::cleanup()
{
    // Clients first (they must not reconnect into a stopped server), then the proxy, then the server.
    for (Peer *peer : {m_alice.get(), m_bob.get()}) {
        if (peer) {
            peer->reconnector.setEnabled(false);
            peer->client.disconnectFromHost();
        }
    }
    m_alice.reset();
    m_bob.reset();
    m_proxy.reset();
    m_server.reset();
    qInfo("%s took %lld ms", QTest::currentTestFunction(), m_timer.elapsed());
}

bool tst_Reliability::startServer(int hibernationSeconds)
{
    m_server = std::make_unique<ProsodyServer>();
    ProsodyServer::Options options;
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password};
    options.smacksHibernationSeconds = hibernationSeconds;
    options.logLevel = qEnvironmentVariable("XIN_TEST_PROSODY_LOGLEVEL");   // e.g. debug, with XIN_TEST_KEEP_SERVERS=1
    QString error;
    if (!m_server->start(options, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    // Mutual contacts: receipts go to contacts (ConfirmationGate), as between two real friends.
    RosterItem aliceItem;
    aliceItem.jid = Jid::fromString(QString(u"alice@"_s + m_server->domain()));
    RosterItem bobItem;
    bobItem.jid = Jid::fromString(QString(u"bob@"_s + m_server->domain()));
    if (!m_server->seedRoster(u"alice"_s, {bobItem}, &error) || !m_server->seedRoster(u"bob"_s, {aliceItem}, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    m_proxy = std::make_unique<FaultProxy>();
    return m_proxy->listen(m_server->host(), m_server->c2sPort(), &error);
}

/// Signs @p peer in (through the proxy or straight to the server) and waits until carbons are on and the
/// archive caught up. @p deadLink non-zero: keep-alive and acknowledgement timeouts that short, so that a
/// dead link is noticed within a few seconds.
bool tst_Reliability::signIn(Peer &peer, const QString &user, bool throughProxy, std::chrono::milliseconds deadLink)
{
    auto config = configFor(*m_server, user, Password);
    config.resource = u"desk"_s;
    if (throughProxy) {
        config.host = m_proxy->host();
        config.port = m_proxy->port();
    }
    if (deadLink > 0ms) {
        config.pingInterval = deadLink / 2;
        config.ackTimeout = deadLink;
        config.connectTimeout = deadLink * 2;   // a connection into a blackhole never gets its features
    }
    if (qEnvironmentVariableIsSet("XIN_TEST_TRACE_XML")) {   // what the client wrote and read, for a failure
        const QString name = user;
        QObject::connect(&peer.client, &XmppClient::xmlSent, &peer.client,
                         [name](const QByteArray &xml) { qDebug().noquote() << name << "SENT" << xml.left(160); });
        QObject::connect(&peer.client, &XmppClient::xmlReceived, &peer.client,
                         [name](const QByteArray &xml) { qDebug().noquote() << name << "RECV" << xml.left(160); });
    }
    QSignalSpy caughtUp(peer.managers.archive, &ArchiveManager::catchUpFinished);
    peer.client.connectToHost(config);
    if (!waitConnected(peer.client))
        return false;
    return waitFor([&] { return peer.managers.carbons->isEnabled() && !caughtUp.isEmpty(); }, 20000);
}

bool tst_Reliability::setUp(std::chrono::milliseconds deadLink)
{
    m_alice = std::make_unique<Peer>(m_dir.filePath(u"alice-%1.sqlite"_s.arg(QTest::currentTestFunction())));
    m_bob = std::make_unique<Peer>(m_dir.filePath(u"bob-%1.sqlite"_s.arg(QTest::currentTestFunction())));
    return signIn(*m_bob, u"bob"_s, false) && signIn(*m_alice, u"alice"_s, true, deadLink);
}

/// Sends the 1,000 messages in bursts of BurstSize, @p pauseMs apart, calling @p beforeBurst (the faults)
/// before each burst: the faults hit while messages are in flight.
void tst_Reliability::exchange(const std::function<void(int burst)> &beforeBurst, int pauseMs)
{
    Chat *toBob = m_alice->managers.chats->chat(m_bob->client.configuration().jid.bare());
    for (int burst = 0; burst < Bursts; ++burst) {
        beforeBurst(burst);
        for (int i = 0; i < BurstSize; ++i)
            toBob->sendMessage(bodyFor(burst * BurstSize + i));
        QTest::qWait(pauseMs);
    }
}

/// Waits until bob has every body and alice every acknowledgement (or 60 s passed), then a little for the
/// last receipts; prints the scenario's line and checks it.
Counts tst_Reliability::finish(char scenario)
{
    waitFor([&] { return count(*m_alice, *m_bob).complete(); }, 30000);
    waitFor([&] { return count(*m_alice, *m_bob).delivered == MessageCount; }, 5000);
    const Counts counts = count(*m_alice, *m_bob);
    qInfo().noquote() << counts.line(scenario);
    if (counts.outOfOrder > 0 || counts.lost > 0)
        qInfo().noquote() << "bob's store holds, in its order:" << counts.order;
    qInfo().noquote() << "alice:" << m_alice->describe() << "\nbob:" << m_bob->describe();
    qInfo("proxy: %d connections, %lld bytes to the server, %lld to alice", m_proxy->connectionsAccepted(),
          m_proxy->bytesToTarget(), m_proxy->bytesToClient());
    return counts;
}

#define CHECK_COUNTS(counts) \
    do { \
        QCOMPARE((counts).lost, 0); \
        QCOMPARE((counts).duplicates, 0); \
        QCOMPARE((counts).received, MessageCount); \
        QCOMPARE((counts).outOfOrder, 0); \
        QCOMPARE((counts).garbled, 0); \
        QCOMPARE((counts).sent, MessageCount); \
        QCOMPARE((counts).senderDuplicates, 0); \
        QCOMPARE((counts).notConfirmed, 0); \
    } while (false)

void tst_Reliability::droppedTenTimes()
{
    QVERIFY(startServer());
    QVERIFY(setUp());
    // Ten faults, one every fifth burst: drops (FIN) and resets (RST) alternating, the fifth a stanza cut
    // after 40 bytes. A fault waits for alice to be back in a session the server would let her resume (its
    // <enabled resume='true'/> came), so that each one breaks a working, resumable session.
    int faults = 0;
    exchange([&](int burst) {
        if (burst % 5 != 2 || !waitFor([&] { return m_alice->client.isConnected() && m_alice->resumable; }, 10000))
            return;
        ++faults;
        qInfo("fault %d before burst %d", faults, burst);
        if (faults == 5)
            m_proxy->cutMidStanza(FaultProxy::Direction::ToTarget, 40);
        else if (faults % 2)
            m_proxy->drop();
        else
            m_proxy->reset();
    }, 40);
    QCOMPARE(faults, 10);
    const Counts counts = finish('a');
    QVERIFY2(m_alice->disconnections >= 10, qPrintable(QString::number(m_alice->disconnections)));
    CHECK_COUNTS(counts);
}

void tst_Reliability::blackholed()
{
    QVERIFY(startServer());
    // The issue's 60 s scaled down to 15 s (the test suite's time); what matters is that the blackhole
    // outlasts detection: a keep-alive after 1.5 s idle (or an acknowledgement request after a burst),
    // unanswered for 3 s, is a dead link.
    QVERIFY(setUp(3s));
    QElapsedTimer blackholed;
    int disconnectionsBefore = 0;
    int detectedAfterMs = -1;
    qsizetype eventsAtHeal = -1;
    const QObject context;   // the connection below ends with this function
    QObject::connect(&m_alice->client, &XmppClient::disconnected, &context, [&] {
        if (blackholed.isValid() && m_proxy->isBlackholed() && detectedAfterMs < 0)
            detectedAfterMs = int(blackholed.elapsed());
    });
    exchange([&](int burst) {
        if (burst == 10) {
            // Cut a working session that the server would let alice resume.
            QVERIFY(waitFor([&] { return m_alice->client.isConnected() && m_alice->resumable; }, 10000));
            disconnectionsBefore = m_alice->disconnections;
            m_proxy->blackhole();
            blackholed.start();
        } else if (blackholed.isValid() && m_proxy->isBlackholed() && blackholed.elapsed() >= 15000) {
            eventsAtHeal = m_alice->events.size();
            m_proxy->heal();
        }
    }, 400);
    if (m_proxy->isBlackholed()) {   // the bursts were over sooner than the blackhole
        waitFor([&] { return blackholed.elapsed() >= 15000; }, 20000);
        eventsAtHeal = m_alice->events.size();
        m_proxy->heal();
    }
    qInfo("the dead link was noticed %d ms into the blackhole", detectedAfterMs);
    QVERIFY2(m_alice->disconnections > disconnectionsBefore, "alice never noticed the blackhole");
    QVERIFY(detectedAfterMs >= 0 && detectedAfterMs < 15000);
    const Counts counts = finish('b');
    // 15 s is well within the server's window (600 s), and failed attempts to reconnect meanwhile do not
    // end the session: back on the network, it is resumed (XEP-0198 §5), not started anew.
    QVERIFY2(firstSessionEvent(m_alice->events.mid(eventsAtHeal)) == u"resumed"_s,
             qPrintable(m_alice->events.join(u' ')));
    CHECK_COUNTS(counts);
}

void tst_Reliability::serverKilledTwice()
{
    QVERIFY(startServer());
    QVERIFY(setUp());
    // SIGKILL: Prosody forgets every session (resumption fails: the session is unknown); its files (the
    // accounts, the archive) stay. Back ~1 s later on the same ports, twice.
    int kills = 0;
    QString error;
    bool restarted = true;
    exchange([&](int burst) {
        if (burst == 12 || burst == 32) {
            // Both in a session the server would resume, so that each restart meets one it has forgotten.
            QVERIFY(waitFor([&] { return m_alice->resumable && m_bob->resumable; }, 20000));
            m_server->kill();
            ++kills;
        } else if (burst == 15 || burst == 35) {
            restarted = restarted && m_server->restart(&error);
        }
    }, 100);
    QVERIFY2(restarted, qPrintable(error));
    QCOMPARE(kills, 2);
    const Counts counts = finish('c');
    // A restarted server knows no session: after each restart the client asks to resume (failed attempts
    // while the server was down do not end the session), the server answers <failed/>, a new one starts.
    for (const Peer *peer : {m_alice.get(), m_bob.get()}) {
        QVERIFY2(peer->failedResumptions >= 2 && peer->sessionsEnded >= 2 && peer->sessions >= 3,
                 qPrintable(peer->describe()));
    }
    CHECK_COUNTS(counts);
}

void tst_Reliability::suspendedPastResumptionWindow()
{
    // The server keeps a dropped session for 3 s; alice is away (blackholed) for longer than the server
    // needs to notice plus that window, so her resumption fails and a new session catches up from the
    // archive what bob wrote meanwhile.
    QVERIFY(startServer(3));
    QVERIFY(setUp(3s));
    Chat *toAlice = m_bob->managers.chats->chat(m_alice->client.configuration().jid.bare());
    int repliesSent = 0;
    qsizetype eventsAtBlackhole = -1;
    qsizetype eventsAtHeal = -1;
    bool couldResume = false;
    QElapsedTimer away;
    exchange([&](int burst) {
        if (burst == 10) {
            // Suspend a working session that the server would let alice resume within its window.
            couldResume = waitFor([&] { return m_alice->client.isConnected() && m_alice->resumable; }, 10000);
            eventsAtBlackhole = m_alice->events.size();
            m_proxy->blackhole();
            away.start();
        } else if (m_proxy->isBlackholed() && burst == 12) {
            m_proxy->reset(FaultProxy::Side::Target);   // the server's TCP gives up on the dead link
        } else if (m_proxy->isBlackholed() && away.elapsed() >= 8000) {
            eventsAtHeal = m_alice->events.size();
            m_proxy->heal();
        }
        if (m_proxy->isBlackholed()) {   // bob writes while alice is away: only the archive has it
            toAlice->sendMessage(u"bob → alice %1"_s.arg(repliesSent++));
        }
    }, 300);
    QVERIFY(!m_proxy->isBlackholed());
    const Counts counts = finish('d');
    // The suspended session could have been resumed within its window; after it, it was not (the server
    // said <failed/>, or the client knew the window had passed): it ended, and a new session started.
    QVERIFY(couldResume);
    QVERIFY(eventsAtBlackhole >= 0 && eventsAtHeal >= eventsAtBlackhole);
    QVERIFY2(m_alice->events.mid(eventsAtBlackhole).contains(u"ended"_s), qPrintable(m_alice->events.join(u' ')));
    QVERIFY2(firstSessionEvent(m_alice->events.mid(eventsAtHeal)) == u"new"_s, qPrintable(m_alice->events.join(u' ')));
    CHECK_COUNTS(counts);
    // Every reply of bob's reached alice exactly once (from the archive).
    QVERIFY(repliesSent > 0);
    QVERIFY(waitFor([&] {
        int replies = 0;
        for (const ChatMessage &m : m_alice->history(m_bob->client.configuration().jid))
            replies += m.direction == ChatMessage::Direction::Incoming && m.body.startsWith(u"bob → alice "_s);
        return replies == repliesSent;
    }, 10000));
}

QTEST_GUILESS_MAIN(tst_Reliability)
#include "tst_reliability.moc"
