// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// bench_roster: the desktop app with a big roster (5,000 contacts in 50 groups by default), against a local
// Prosody on 127.0.0.1. It prints figures; it asserts nothing about time.
//
//   a. login:        a fresh profile (no cache), process start → initial available presence sent and
//                    → roster in the model; CPU time and peak resident size of the app
//   b. cached start: a profile holding the cached roster, process start → contact list painted with rows
//   c. presences:    the app logged in, all contacts send an available presence at once (through an
//                    XEP-0114 component that hosts them); the app's longest event-loop stall while they
//                    arrive and the time from the first one in the model to the painted list with all
//   d. memory:       heap per contact of RosterManager + RosterModel + RosterFilterModel built in this
//                    process from a RosterStore (mallinfo2), and the app's peak RSS with the roster minus
//                    with an empty one, per contact
//
// The app is the real `xin` binary with its opt-in trace (app/xin/StartupTrace.h): XIN_TRACE_FILE,
// XIN_QUIT_AFTER, QT_QPA_PLATFORM=offscreen. The roster is seeded into Prosody's own storage before the first
// login: data/<host>/roster/<user>.dat, the Lua table of Prosody's "internal" keyval store.

#include "BenchSupport.h"
#include "ComponentConnection.h"
#include "ProsodyServer.h"

#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "models/RosterFilterModel.h"
#include "models/RosterModel.h"
#include "storage/Database.h"
#include "storage/RosterStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>

#include <malloc.h>
#include <unistd.h>

#include <optional>

using namespace Qt::StringLiterals;
using Bench::AppRun;
using Bench::Trace;

namespace {

const QString UserName = u"bench"_s;
const QString EmptyUserName = u"empty"_s;   // no roster: the baseline of the memory figures
const QString Password = u"bench-password"_s;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Settings
{
    int runs = 5;
    int contacts = 5000;
    int groups = 50;
    int timeoutSeconds = 180;
    QString app = QStringLiteral(XIN_APP_PATH);
    bool keep = false;
};

Settings parseArguments(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Start-up, login, presence and memory figures of xin with a big roster."_s);
    parser.addHelpOption();
    const QCommandLineOption runs(u"runs"_s, u"Runs of each app measurement (default 5)."_s, u"N"_s, u"5"_s);
    const QCommandLineOption contacts(u"contacts"_s, u"Contacts in the roster (default 5000)."_s, u"N"_s, u"5000"_s);
    const QCommandLineOption groups(u"groups"_s, u"Groups they are in (default 50)."_s, u"N"_s, u"50"_s);
    const QCommandLineOption timeout(u"timeout"_s, u"Seconds one app run may take (default 180)."_s, u"S"_s, u"180"_s);
    const QCommandLineOption app_(u"app"_s, u"The xin binary (default: the one built with this bench)."_s, u"path"_s);
    const QCommandLineOption keep(u"keep"_s, u"Keep the profiles, traces and app logs (their directory is printed)."_s);
    parser.addOptions({runs, contacts, groups, timeout, app_, keep});
    parser.process(app);
    Settings settings;
    settings.runs = qMax(1, parser.value(runs).toInt());
    settings.contacts = qMax(1, parser.value(contacts).toInt());
    settings.groups = qBound(1, parser.value(groups).toInt(), settings.contacts);
    settings.timeoutSeconds = qMax(10, parser.value(timeout).toInt());
    if (parser.isSet(app_))
        settings.app = parser.value(app_);
    settings.keep = parser.isSet(keep);
    return settings;
}

// ---------------------------------------------------------------------------------------------------------
// The roster

QString contactJid(int i, const QString &domain)
{
    return u"c%1@"_s.arg(i) + domain;
}

QString contactName(int i)
{
    // Half Chinese on purpose: the model collates names in pinyin order.
    return i % 2 ? u"Contact %1"_s.arg(i, 4, 10, QChar(u'0')) : u"联系人%1"_s.arg(i, 4, 10, QChar(u'0'));
}

QString groupName(int i, int groups)
{
    const int group = i % groups + 1;
    return group % 2 ? u"Group %1"_s.arg(group, 2, 10, QChar(u'0')) : u"分组 %1"_s.arg(group, 2, 10, QChar(u'0'));
}

QList<RosterItem> rosterItems(const Settings &settings, const QString &domain)
{
    QList<RosterItem> items;
    items.reserve(settings.contacts);
    for (int i = 1; i <= settings.contacts; ++i) {
        RosterItem item;
        item.jid = Jid::fromString(contactJid(i, domain));
        item.name = contactName(i);
        item.subscription = RosterItem::Subscription::Both;
        item.groups = {groupName(i, settings.groups)};
        items.append(item);
    }
    return items;
}

// ---------------------------------------------------------------------------------------------------------
// The contacts' side: one XEP-0114 component connection that speaks for all of them

/// Every contact 1..count becomes available, in one write: "at once".
void sendPresences(ComponentConnection &contacts, int count, const QString &to)
{
    QByteArray stanzas;
    for (int i = 1; i <= count; ++i) {
        stanzas += "<presence from='" + contactJid(i, contacts.domain()).toUtf8() + "/pc' to='" + to.toUtf8()
                 + "'>"
                   "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://xin.example/caps'"
                   " ver='k0CBAGjS5NPfgvLj2CGuEmFvbAw='/>";
        if (i % 4 == 0)
            stanzas += "<show>away</show><status>开会中</status>";
        stanzas += "</presence>";
    }
    contacts.write(stanzas);
}

// ---------------------------------------------------------------------------------------------------------
// Profiles and runs of the app

class Runner
{
public:
    Runner(const Settings &settings, const ProsodyServer &server, const QString &workDir)
        : m_settings(settings)
        , m_server(server)
        , m_workDir(workDir)
    { }

    /// A profile directory that signs @p user in at once (README "account.ini").
    QString makeProfile(const QString &name, const QString &user) const
    {
        const QString dir = m_workDir + u"/profiles/"_s + name;
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
        QFile::copy(m_server.caCertificatePath(), dir + u"/ca.pem"_s);
        QSettings ini(dir + u"/account.ini"_s, QSettings::IniFormat);
        ini.beginGroup(u"account"_s);
        ini.setValue(u"jid"_s, QString(user + u'@' + m_server.domain()));
        ini.setValue(u"password"_s, Password);
        ini.setValue(u"host"_s, m_server.host());
        ini.setValue(u"port"_s, m_server.c2sPort());
        ini.setValue(u"security"_s, u"required"_s);
        ini.setValue(u"caFile"_s, u"ca.pem"_s);
        ini.setValue(u"autoLogin"_s, true);
        ini.endGroup();
        ini.sync();
        QFile::setPermissions(dir + u"/account.ini"_s, QFile::ReadOwner | QFile::WriteOwner);
        return dir;
    }

    std::unique_ptr<AppRun> launch(const QString &profile, const QString &quitAfter)
    {
        Bench::waitForQuietServer(m_server.host(), m_server.c2sPort(), m_server.domain());
        const QString name = u"run-%1"_s.arg(++m_launches, 3, 10, QChar(u'0'));
        auto run = std::make_unique<AppRun>(m_settings.app, profile, m_workDir + u'/' + name + u".trace"_s, quitAfter,
                                            m_workDir + u'/' + name + u".log"_s);
        if (!run->start()) {
            out() << "  cannot start " << m_settings.app << Qt::endl;
            return nullptr;
        }
        return run;
    }

    /// Starts the app, lets it run until it quit after @p quitAfter, and returns its trace.
    std::optional<Trace> runUntil(const QString &profile, const QString &quitAfter)
    {
        const auto run = launch(profile, quitAfter);
        if (!run)
            return std::nullopt;
        if (!run->waitForExit(timeoutMs()) || !run->trace().has(quitAfter)) {
            out() << "  the app did not reach \"" << quitAfter << "\" (see " << m_workDir << ")" << Qt::endl;
            return std::nullopt;
        }
        return run->trace();
    }

    int timeoutMs() const { return m_settings.timeoutSeconds * 1000; }

private:
    const Settings &m_settings;
    const ProsodyServer &m_server;
    QString m_workDir;
    int m_launches = 0;
};

// ---------------------------------------------------------------------------------------------------------
// Figures

/// Named series of per-run figures, printed with their median.
class Figures
{
public:
    void add(const QString &name, double value) { m_series[name].append(value); }
    double median(const QString &name) const { return Bench::median(m_series.value(name)); }
    QList<double> values(const QString &name) const { return m_series.value(name); }
    bool has(const QString &name) const { return !m_series.value(name).isEmpty(); }

private:
    QHash<QString, QList<double>> m_series;
};

qint64 heapInUse()
{
    const struct mallinfo2 info = ::mallinfo2();
    return qint64(info.uordblks + info.hblkhd);   // small blocks and mmap'ed big ones
}

/// Heap taken by the roster's in-memory side, built the way the app builds it: the store, then the manager
/// (which loads the cache), the presence manager, the model and the sorting proxy.
qint64 rosterHeap(const QList<RosterItem> &items, const QString &dir)
{
    Database database;
    QFile::remove(dir + u"/memory.sqlite"_s);
    if (!database.open(dir + u"/memory.sqlite"_s))
        return -1;
    RosterStore store(database);
    store.replaceAll(items, u"1"_s);
    const qint64 before = heapInUse();
    qint64 after = 0;
    {
        RosterManager roster(&store);
        PresenceManager presence;
        RosterModel model(&roster, &presence);
        RosterFilterModel filter;
        filter.setSourceModel(&model);
        filter.sort(0);
        after = heapInUse();
    }
    return after - before;
}

QString fmt(double value, int decimals = 0)
{
    return value < 0 ? u"-"_s : QString::number(value, 'f', decimals);
}

void printRow(const QString &label, const QList<double> &values, double median, const QString &unit,
              const QString &target, int decimals = 0)
{
    QStringList runs;
    for (double value : values)
        runs << fmt(value, decimals);
    out() << "  " << label.leftJustified(34) << QString(fmt(median, decimals) + u' ' + unit).rightJustified(12) << "   "
          << target.leftJustified(16) << " runs: " << runs.join(u' ') << Qt::endl;
}

QString verdict(double median, double limit)
{
    if (median < 0)
        return u"not measured"_s;
    return median < limit ? u"met"_s : u"MISSED"_s;
}

// ---------------------------------------------------------------------------------------------------------
// The measurements

/// a. Login with a fresh profile each time; the empty account's runs give the memory baseline. Returns a
/// profile that now holds the cached roster (empty if no run succeeded).
QString measureLogin(const Settings &settings, Runner &runner, Figures &figures)
{
    out() << "\na. login, fresh profile (quit after logged-in)" << Qt::endl;
    QString cachedProfile;
    for (int i = 1; i <= settings.runs; ++i) {
        const QString profile = runner.makeProfile(u"login-%1"_s.arg(i), UserName);
        const auto trace = runner.runUntil(profile, u"logged-in"_s);
        if (!trace)
            continue;
        if (trace->contacts != settings.contacts)
            out() << "  WARNING: the app got " << trace->contacts << " contacts, not " << settings.contacts << Qt::endl;
        cachedProfile = profile;
        figures.add(u"main"_s, trace->at(u"main"_s));
        figures.add(u"available-sent"_s, trace->at(u"available-sent"_s));
        figures.add(u"roster-loaded"_s, trace->at(u"roster-loaded"_s));
        figures.add(u"logged-in"_s, trace->at(u"logged-in"_s));
        figures.add(u"login-cpu"_s, trace->values.value(u"cpu-ms"_s, -1));
        figures.add(u"login-rss"_s, trace->values.value(u"rss-peak-kb"_s, -1) / 1024.0);
        figures.add(u"login-stall"_s, trace->stalls.value(u"login"_s, -1));
        out() << "  run " << i << ": main " << trace->at(u"main"_s) << " ms, available-sent "
              << trace->at(u"available-sent"_s) << " ms, roster-loaded " << trace->at(u"roster-loaded"_s) << " ms ("
              << trace->contacts << " contacts), cpu " << trace->values.value(u"cpu-ms"_s) << " ms, rss "
              << trace->values.value(u"rss-peak-kb"_s) / 1024 << " MB, max stall " << trace->stalls.value(u"login"_s)
              << " ms" << Qt::endl;
    }
    for (int i = 1; i <= settings.runs; ++i) {
        const auto trace = runner.runUntil(runner.makeProfile(u"empty-%1"_s.arg(i), EmptyUserName), u"logged-in"_s);
        if (trace)
            figures.add(u"empty-rss"_s, trace->values.value(u"rss-peak-kb"_s, -1) / 1024.0);
    }
    return cachedProfile;
}

/// b. Start with the roster cached by a login.
void measureCachedStart(const Settings &settings, Runner &runner, const QString &profile, Figures &figures)
{
    out() << "\nb. cached start (quit after first-paint)" << Qt::endl;
    for (int i = 1; i <= settings.runs; ++i) {
        const auto trace = runner.runUntil(profile, u"first-paint"_s);
        if (!trace)
            continue;
        figures.add(u"cached-paint"_s, trace->at(u"first-paint"_s));
        out() << "  run " << i << ": main " << trace->at(u"main"_s) << " ms, first-paint "
              << trace->at(u"first-paint"_s) << " ms" << Qt::endl;
    }
}

/// c. All contacts available at once, once the app has logged in and settled.
void measurePresenceFlood(const Settings &settings, Runner &runner, const QString &profile,
                          ComponentConnection &contacts, const QString &to, Figures &figures)
{
    out() << "\nc. presence flood: " << settings.contacts << " available presences in one write" << Qt::endl;
    for (int i = 1; i <= settings.runs; ++i) {
        const auto run = runner.launch(profile, u"all-available-painted"_s);
        if (!run || !run->waitForEvent(u"logged-in"_s, runner.timeoutMs())) {
            out() << "  run " << i << ": the app did not log in" << Qt::endl;
            continue;
        }
        Bench::spinUntil([] { return false; }, 1500);   // let the login's aftermath (painting) pass
        QElapsedTimer sent;
        sent.start();
        sendPresences(contacts, settings.contacts, to);
        if (!run->waitForExit(runner.timeoutMs())) {
            out() << "  run " << i << ": not all presences were shown in time" << Qt::endl;
            continue;
        }
        const qint64 wall = sent.elapsed();
        const Trace trace = run->trace();
        const qint64 shown = trace.at(u"all-available-painted"_s) - trace.at(u"first-presence"_s);
        const qint64 inModel = trace.at(u"all-available"_s) - trace.at(u"first-presence"_s);
        figures.add(u"flood-stall"_s, trace.stalls.value(u"presences"_s, -1));
        figures.add(u"flood-shown"_s, shown);
        figures.add(u"flood-model"_s, inModel);
        out() << "  run " << i << ": first→all in model " << inModel << " ms, →painted " << shown << " ms, max stall "
              << trace.stalls.value(u"presences"_s) << " ms (send→app exit " << wall << " ms)" << Qt::endl;
    }
}

/// d. Memory per contact: the roster's in-memory side in this process, and the app's peak RSS difference.
void measureMemory(const Settings &settings, const QList<RosterItem> &items, const QString &dir, Figures &figures)
{
    const qint64 heapFull = rosterHeap(items, dir);
    const qint64 heapEmpty = rosterHeap({}, dir);
    if (heapFull >= 0 && heapEmpty >= 0)
        figures.add(u"heap-per-contact"_s, double(heapFull - heapEmpty) / settings.contacts);
    if (figures.has(u"login-rss"_s) && figures.has(u"empty-rss"_s)) {
        const double delta = figures.median(u"login-rss"_s) - figures.median(u"empty-rss"_s);
        figures.add(u"rss-per-contact"_s, delta * 1024 * 1024 / settings.contacts);
    }
}

void printSummary(const Settings &settings, const Figures &figures)
{
    out() << "\n=== bench_roster: " << settings.contacts << " contacts in " << settings.groups << " groups, medians of "
          << settings.runs << " runs, on " << Bench::machineDescription() << Qt::endl;
    out() << "  " << u"figure"_s.leftJustified(34) << u"median"_s.rightJustified(12) << "   "
          << u"target"_s.leftJustified(16) << Qt::endl;
    const auto row = [&](const QString &label, const QString &name, const QString &unit, const QString &target,
                         int decimals = 0) {
        printRow(label, figures.values(name), figures.median(name), unit, target, decimals);
    };
    const auto target = [&](const QString &text, const QString &name, double limit) {
        return text + u": "_s + verdict(figures.median(name), limit);
    };
    row(u"login: start → main()"_s, u"main"_s, u"ms"_s, {});
    row(u"login: start → available sent"_s, u"available-sent"_s, u"ms"_s, {});
    row(u"login: start → roster in model"_s, u"roster-loaded"_s, u"ms"_s, {});
    row(u"login: start → both (logged in)"_s, u"logged-in"_s, u"ms"_s, target(u"< 750 ms"_s, u"logged-in"_s, 750));
    row(u"login: CPU time"_s, u"login-cpu"_s, u"ms"_s, target(u"< 1500 ms"_s, u"login-cpu"_s, 1500));
    row(u"login: peak RSS"_s, u"login-rss"_s, u"MB"_s, target(u"< 80 MB"_s, u"login-rss"_s, 80), 1);
    row(u"login: longest event-loop stall"_s, u"login-stall"_s, u"ms"_s, {});
    row(u"empty roster: peak RSS"_s, u"empty-rss"_s, u"MB"_s, {}, 1);
    row(u"cached start → first paint"_s, u"cached-paint"_s, u"ms"_s, target(u"< 200 ms"_s, u"cached-paint"_s, 200));
    row(u"presences: longest stall"_s, u"flood-stall"_s, u"ms"_s, target(u"≤ 50 ms"_s, u"flood-stall"_s, 50.5));
    row(u"presences: first → all in model"_s, u"flood-model"_s, u"ms"_s, {});
    row(u"presences: first → all painted"_s, u"flood-shown"_s, u"ms"_s, {});
    row(u"memory: heap per contact"_s, u"heap-per-contact"_s, u"B"_s, u"roster manager, model, proxy (mallinfo2)"_s);
    row(u"memory: app RSS per contact"_s, u"rss-per-contact"_s, u"B"_s, u"(peak RSS - empty roster's) / contacts"_s);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const Settings settings = parseArguments(app);
    out() << "bench_roster: " << settings.contacts << " contacts in " << settings.groups << " groups, " << settings.runs
          << " runs; app " << settings.app << Qt::endl;
    out() << "machine: " << Bench::machineDescription() << Qt::endl;

    QTemporaryDir work(QDir::tempPath() + u"/xin-bench-XXXXXX"_s);
    work.setAutoRemove(!settings.keep);
    if (settings.keep)
        out() << "work directory (kept): " << work.path() << Qt::endl;

    // The server: the user with the big roster, one with none, and the component hosting the contacts.
    ProsodyServer server;
    ProsodyServer::Options options;
    options.users = {UserName + u':' + Password, EmptyUserName + u':' + Password};
    options.componentSecret = QString::number(QRandomGenerator::system()->generate64(), 16);
    options.logLevel = u"warn"_s;   // info logs a line per session: noise in the server's CPU time
    QString error;
    if (!server.start(options, &error)) {
        out() << error << Qt::endl;
        return 1;
    }
    out() << "prosody: pid " << server.pid() << ", c2s 127.0.0.1:" << server.c2sPort() << ", component "
          << server.componentDomain() << " on 127.0.0.1:" << server.componentPort() << Qt::endl;
    const QList<RosterItem> items = rosterItems(settings, server.componentDomain());
    if (!server.seedRoster(UserName, items, &error)) {
        out() << "cannot seed the roster: " << error << Qt::endl;
        return 1;
    }
    ComponentConnection contacts;
    contacts.setKeepReceived(false);   // the user's probes and broadcasts: read and dropped
    if (!contacts.connectTo(server, options.componentSecret, &error)) {
        out() << error << Qt::endl;
        return 1;
    }

    Runner runner(settings, server, work.path());
    Figures figures;
    const QString cachedProfile = measureLogin(settings, runner, figures);
    if (!cachedProfile.isEmpty()) {
        measureCachedStart(settings, runner, cachedProfile, figures);
        measurePresenceFlood(settings, runner, cachedProfile, contacts, UserName + u'@' + server.domain(), figures);
    }
    measureMemory(settings, items, work.path(), figures);
    server.stop();
    printSummary(settings, figures);
    return 0;
}
