// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// bench_resume: how fast a lost connection comes back (issue 15). Prints, as medians over --runs:
//  1. drop → resumed: the proxy closes the TCP connection; from the moment the client notices (disconnected)
//     to the session resumed (XEP-0198 §5), with the unacknowledged messages sent again. Target: < 1 s.
//  2. blackhole → detected: the link goes silent (a dead Wi-Fi: nothing in, nothing out, no FIN); the user
//     sends a message; from the blackhole to the client giving the connection up (an unanswered <r/>), then
//     heal → resumed. With --idle, no message: the keep-alive finds it (ping interval + ack timeout).
//  3. catch-up: an account was offline while --catch-up messages (5,000) came; from signed in to the
//     archive caught up (XEP-0313), messages stored once, and the longest event-loop stall meanwhile
//     (measured by a 1 ms timer on the same thread as the client: what a UI on that thread would feel).
//     Target: < 2 s, no stall over 50 ms.
// In-process: the core client against a loopback Prosody 13 (smacks, MAM) behind tests/support's FaultProxy.
// Figures only; nothing here asserts a time.

#include "../integration/ClientTestUtils.h"
#include "BenchSupport.h"
#include "FaultProxy.h"
#include "ProsodyServer.h"

#include "client/ExtensionRegistry.h"
#include "client/Reconnector.h"
#include "client/XmppClient.h"
#include "extensions/ArchiveManager.h"
#include "extensions/Chat.h"
#include "extensions/ChatManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const QString Password = u"bench-secret"_s;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Settings
{
    int runs = 5;
    int catchUp = 5000;
    bool idle = false;
    QString only;   // drop | blackhole | catch-up; empty: all three
    std::chrono::milliseconds pingInterval{ConnectionConfiguration().pingInterval};
    std::chrono::milliseconds ackTimeout{ConnectionConfiguration().ackTimeout};
};

Settings parseArguments(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Resumption, dead-link detection and catch-up figures (issue 15)."_s);
    parser.addHelpOption();
    const QCommandLineOption runs(u"runs"_s, u"Runs per figure (default 5)."_s, u"N"_s, u"5"_s);
    const QCommandLineOption catchUp(u"catch-up"_s, u"Messages waiting in the archive (default 5000)."_s, u"N"_s,
                                     u"5000"_s);
    const QCommandLineOption idle(u"idle"_s, u"Blackhole an idle link (found by the keep-alive)."_s);
    const QCommandLineOption ping(u"ping-interval"_s, u"Keep-alive after this many idle seconds (the app's default)."_s,
                                  u"S"_s);
    const QCommandLineOption ack(u"ack-timeout"_s, u"Seconds an <r/> may wait (the app's default)."_s, u"S"_s);
    const QCommandLineOption only(u"only"_s, u"One figure: drop, blackhole or catch-up."_s, u"FIGURE"_s);
    parser.addOptions({runs, catchUp, idle, ping, ack, only});
    parser.process(app);
    Settings settings;
    settings.runs = qMax(1, parser.value(runs).toInt());
    settings.catchUp = qMax(1, parser.value(catchUp).toInt());
    settings.idle = parser.isSet(idle);
    settings.only = parser.value(only);
    if (parser.isSet(ping))
        settings.pingInterval = std::chrono::milliseconds(qint64(parser.value(ping).toDouble() * 1000));
    if (parser.isSet(ack))
        settings.ackTimeout = std::chrono::milliseconds(qint64(parser.value(ack).toDouble() * 1000));
    return settings;
}

/// One account: the core client with the chat and archive managers over a history on disk.
struct Account
{
    QTemporaryDir dir;
    Database database;
    std::unique_ptr<MessageStore> store;
    XmppClient client;
    ChatManager *chats = nullptr;
    ArchiveManager *archive = nullptr;
    Reconnector reconnector{&client};

    Account()
    {
        if (!database.open(Database::filePath(dir.path())))
            qFatal("cannot open the history");
        store = std::make_unique<MessageStore>(database);
        store->setBackgroundIndexing(true);   // as the app does: search indexing off the UI thread
        // The desktop app's managers, in its order (roster, presence, carbons, archive, chats, ...).
        ExtensionRegistry::Stores stores;
        stores.messages = store.get();
        stores.database = &database;
        const auto installed = ExtensionRegistry::install(client, stores,
                                                          ExtensionRegistry::Feature::Presence
                                                              | ExtensionRegistry::Feature::Chats
                                                              | ExtensionRegistry::Feature::Carbons
                                                              | ExtensionRegistry::Feature::Archive);
        chats = installed.chats;
        archive = installed.archive;
    }

    bool signIn(ConnectionConfiguration config)
    {
        client.connectToHost(config);
        Bench::spinUntil([&] { return client.isConnected() || client.state() == XmppClient::State::Disconnected; },
                         30000);
        if (!client.isConnected())
            return false;
        return true;   // the PresenceManager sends the initial presence
    }
};

ConnectionConfiguration through(const ProsodyServer &server, const FaultProxy &proxy, const QString &user,
                                const Settings &settings)
{
    ConnectionConfiguration config = ClientTestUtils::configFor(server, user, Password);
    config.host = proxy.host();
    config.port = proxy.port();
    config.pingInterval = settings.pingInterval;
    config.ackTimeout = settings.ackTimeout;
    return config;
}

/// The longest wait of a call posted to the main thread (what paint and input events wait for), probed from a
/// thread of its own every 2 ms, one call at a time. A timer on the main thread would measure something else:
/// Qt's glib event loop defers timers while a socket keeps bringing data.
class LatencyProbe : public QThread
{
public:
    explicit LatencyProbe(QObject *mainThreadObject) : m_target(mainThreadObject) { m_clock.start(); }
    ~LatencyProbe() override { finish(); }
    qint64 worst() const { return m_worst.load(); }
    void finish()
    {
        m_stop = true;
        wait();
    }

protected:
    void run() override
    {
        while (!m_stop) {
            const qint64 posted = m_clock.elapsed();
            m_done = false;
            QMetaObject::invokeMethod(m_target, [this, posted] {
                const qint64 waited = m_clock.elapsed() - posted;
                if (waited > m_worst.load())
                    m_worst = waited;
                m_done = true;
            }, Qt::QueuedConnection);
            while (!m_done && !m_stop)
                QThread::msleep(1);
            QThread::msleep(2);
        }
    }

private:
    QObject *m_target;
    QElapsedTimer m_clock;
    std::atomic<qint64> m_worst{0};
    std::atomic<bool> m_done{false};
    std::atomic<bool> m_stop{false};
};

QString fmt(double ms)
{
    return QString::number(ms, 'f', 0) + u" ms"_s;
}

/// Starts @p proxy in front of @p server and signs @p alice in through it.
void signInThroughProxy(Account &alice, FaultProxy &proxy, const ProsodyServer &server, const Settings &settings)
{
    QString error;
    if (!proxy.listen(server.host(), server.c2sPort(), &error))
        qFatal("proxy: %s", qPrintable(error));
    // The quick first attempt is the Reconnector's once per stable period (a server that drops every
    // resumed session must see growing delays); runs a stable period apart each get it.
    alice.reconnector.setStablePeriod(1s);
    if (!alice.signIn(through(server, proxy, u"alice"_s, settings)))
        qFatal("alice cannot sign in");
}

/// Figure 1: the proxy drops the connection with messages in flight.
void measureDrop(const ProsodyServer &server, const Settings &settings)
{
    FaultProxy proxy;
    Account alice;
    signInThroughProxy(alice, proxy, server, settings);
    Chat *chat = alice.chats->chat(Jid::fromString(u"bob@localhost"_s));
    QList<double> afterDetection;
    QList<double> afterDrop;
    for (int run = 0; run < settings.runs; ++run) {
        // Settled: the session start's requests answered, <enabled resume='true'/> in, a stable period up.
        Bench::spinUntil([] { return false; }, 1500);
        for (int i = 0; i < 20; ++i)
            chat->sendMessage(u"drop %1 message %2"_s.arg(run).arg(i));
        QElapsedTimer clock;
        qint64 detected = -1;
        qint64 resumedAt = -1;
        QObject context;
        QObject::connect(&alice.client, &XmppClient::disconnected, &context, [&] { detected = clock.elapsed(); });
        QObject::connect(&alice.client, &XmppClient::resumed, &context, [&] { resumedAt = clock.elapsed(); });
        clock.start();
        proxy.drop();
        Bench::spinUntil([&] { return resumedAt >= 0; }, 30000);
        if (resumedAt < 0 || detected < 0) {
            out() << "  run " << run + 1 << ": not resumed (" << alice.client.errorString() << ")\n";
            continue;
        }
        afterDetection << double(resumedAt - detected);
        afterDrop << double(resumedAt);
        Bench::spinUntil([&] { return alice.store->pending().isEmpty(); }, 10000);
    }
    out() << "drop → resumed (after detection):  median " << fmt(Bench::median(afterDetection)) << " over "
          << afterDetection.size() << " runs (target < 1 s); from the drop itself " << fmt(Bench::median(afterDrop))
          << "; outbox empty after each: " << (alice.store->pending().isEmpty() ? "yes" : "NO") << '\n';
    out().flush();
}

/// Figure 2: the link goes silent.
void measureBlackhole(const ProsodyServer &server, const Settings &settings)
{
    FaultProxy proxy;
    Account alice;
    signInThroughProxy(alice, proxy, server, settings);
    Chat *chat = alice.chats->chat(Jid::fromString(u"bob@localhost"_s));
    QList<double> detection;
    QList<double> recovery;
    const int runs = settings.idle ? 1 : qMin(settings.runs, 3);
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer clock;
        qint64 detected = -1;
        qint64 resumedAt = -1;
        Bench::spinUntil([] { return false; }, 1500);
        QObject context;
        QObject::connect(&alice.client, &XmppClient::errorOccurred, &context, [&] {
            if (detected < 0)
                detected = clock.elapsed();
        });
        QObject::connect(&alice.client, &XmppClient::resumed, &context, [&] { resumedAt = clock.elapsed(); });
        proxy.blackhole();
        clock.start();
        if (!settings.idle)
            chat->sendMessage(u"into the void %1"_s.arg(run));
        const auto bound = settings.pingInterval + settings.ackTimeout + 30s;
        Bench::spinUntil([&] { return detected >= 0; }, int(bound.count()));
        const qint64 healedAt = clock.elapsed();
        proxy.heal();
        Bench::spinUntil([&] { return resumedAt >= 0; }, 30000);
        if (detected < 0 || resumedAt < 0) {
            out() << "  run " << run + 1 << ": not detected or not resumed\n";
            continue;
        }
        detection << double(detected);
        recovery << double(resumedAt - healedAt);
        Bench::spinUntil([&] { return alice.store->pending().isEmpty(); }, 10000);
    }
    out() << "blackhole → detected (" << (settings.idle ? "idle link" : "a message sent into it") << ", ping interval "
          << settings.pingInterval.count() / 1000.0 << " s, ack timeout " << settings.ackTimeout.count() / 1000.0
          << " s): median " << fmt(Bench::median(detection)) << " over " << detection.size() << " runs; heal → resumed "
          << fmt(Bench::median(recovery)) << '\n';
    out().flush();
}

/// Figure 3: catching up after a long time offline.
void measureCatchUp(const ProsodyServer &server, const Settings &settings)
{
    Account alice;
    const ConnectionConfiguration config = ClientTestUtils::configFor(server, u"alice"_s, Password);
    if (!alice.signIn(config))
        qFatal("alice cannot sign in");
    Bench::spinUntil([&] { return !alice.archive->isCatchingUp(); }, 60000);
    alice.client.disconnectFromHost();
    Bench::spinUntil([&] { return alice.client.state() == XmppClient::State::Disconnected; }, 10000);

    QList<double> times;
    QList<double> stalls;
    QList<double> timerDelays;
    for (int run = 0; run < qMin(settings.runs, 3); ++run) {
        {
            // bob writes while alice is away; his outbox empties once the server acknowledged everything.
            Account bob;
            if (!bob.signIn(ClientTestUtils::configFor(server, u"bob"_s, Password)))
                qFatal("bob cannot sign in");
            Chat *chat = bob.chats->chat(Jid::fromString(u"alice@localhost"_s));
            int acknowledged = 0;
            QObject::connect(&bob.client, &XmppClient::messageAcknowledged, &bob.client, [&] { ++acknowledged; });
            for (int i = 0; i < settings.catchUp; ++i)
                chat->sendMessage(u"run %1 message %2 你好"_s.arg(run).arg(i));
            Bench::spinUntil([&] { return acknowledged >= settings.catchUp; }, 120000);
            bob.client.disconnectFromHost();
            Bench::spinUntil([&] { return bob.client.state() == XmppClient::State::Disconnected; }, 10000);
        }
        const int before = alice.store->count(Jid::fromString(u"bob@localhost"_s));
        QElapsedTimer clock;
        QElapsedTimer sinceTick;
        qint64 longestStall = 0;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        ticker.setInterval(1);
        qint64 connectedAt = -1;
        QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
            // From signed in on: the TLS set-up before it is the sign-in's, measured elsewhere (bench_roster).
            const qint64 gap = sinceTick.restart();
            if (connectedAt >= 0)
                longestStall = qMax(longestStall, gap);
        });
        qint64 finishedAt = -1;
        QObject context;
        QObject::connect(&alice.client, &XmppClient::connected, &context, [&] { connectedAt = clock.elapsed(); });
        QObject::connect(alice.archive, &ArchiveManager::catchUpFinished, &context,
                         [&] { finishedAt = clock.elapsed(); });
        clock.start();
        sinceTick.start();
        ticker.start();
        alice.client.connectToHost(config);
        Bench::spinUntil([&] { return connectedAt >= 0; }, 30000);
        LatencyProbe probe(&context);
        probe.start();
        Bench::spinUntil([&] { return finishedAt >= 0; }, 120000);
        probe.finish();
        ticker.stop();
        const int added = alice.store->count(Jid::fromString(u"bob@localhost"_s)) - before;
        if (finishedAt < 0 || connectedAt < 0) {
            out() << "  run " << run + 1 << ": catch-up did not finish\n";
        } else {
            times << double(finishedAt - connectedAt);
            stalls << double(probe.worst());
            timerDelays << double(longestStall);
            out() << "  run " << run + 1 << ": " << added << " of " << settings.catchUp << " stored ("
                  << added - settings.catchUp << " missing or extra), " << fmt(double(finishedAt - connectedAt))
                  << ", longest wait of a posted event " << probe.worst() << " ms, of a 1 ms timer " << longestStall
                  << " ms\n";
        }
        alice.client.disconnectFromHost();
        Bench::spinUntil([&] { return alice.client.state() == XmppClient::State::Disconnected; }, 10000);
    }
    out() << "catch-up of " << settings.catchUp << " messages (signed in → caught up): median "
          << fmt(Bench::median(times)) << " (target < 2 s), longest UI stall (posted event) median "
          << fmt(Bench::median(stalls)) << " (target ≤ 50 ms), longest timer delay median "
          << fmt(Bench::median(timerDelays)) << '\n';
    out().flush();
}
}   // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"xin.*.info=false\nxin.*.debug=false"_s);
    const Settings settings = parseArguments(app);
    out() << "bench_resume on " << Bench::machineDescription() << '\n';
    ProsodyServer server;
    ProsodyServer::Options options;
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password};
    // The archive in memory: Prosody's file storage rewrites a user's whole archive for every message, so
    // with tens of thousands stored the server, not the client, would set the pace (a database-backed
    // server does not).
    options.archiveStorage = u"memory"_s;
    QString error;
    if (!server.start(options, &error)) {
        out() << "cannot start Prosody: " << error << '\n';
        return 1;
    }
    if (settings.only.isEmpty() || settings.only == u"drop")
        measureDrop(server, settings);
    if (settings.only.isEmpty() || settings.only == u"blackhole")
        measureBlackhole(server, settings);
    if (settings.only.isEmpty() || settings.only == u"catch-up")
        measureCatchUp(server, settings);
    return 0;
}
