// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Helpers of the benchmark programs: running the real desktop app with its start-up trace
// (app/xin/StartupTrace.h) and reading what it recorded, medians, and what the machine is.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>

namespace Bench {

/// What one run of the app wrote into its trace file.
struct Trace
{
    QHash<QString, qint64> ms;       // event → milliseconds since the process start (first occurrence)
    QHash<QString, qint64> values;   // cpu-ms, rss-peak-kb → their "value"
    QHash<QString, qint64> stalls;   // max-stall window → milliseconds
    qint64 contacts = -1;            // of roster-loaded

    qint64 at(const QString &event) const { return ms.value(event, -1); }
    bool has(const QString &event) const { return ms.contains(event); }

    static Trace read(const QString &path)
    {
        Trace trace;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return trace;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            const QString event = object.value(QStringLiteral("event")).toString();
            if (event.isEmpty())
                continue;
            const auto ms = qint64(object.value(QStringLiteral("ms")).toDouble());
            if (event == QStringLiteral("max-stall"))
                trace.stalls.insert(object.value(QStringLiteral("window")).toString(), ms);
            else if (object.contains(QStringLiteral("value")))
                trace.values.insert(event, qint64(object.value(QStringLiteral("value")).toDouble()));
            if (!trace.ms.contains(event))
                trace.ms.insert(event, ms);
            if (object.contains(QStringLiteral("contacts")))
                trace.contacts = qint64(object.value(QStringLiteral("contacts")).toDouble());
        }
        return trace;
    }
};

/// Runs the event loop until @p done returns true (polled every 2 ms) or @p timeoutMs passed.
inline bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start(2);
    deadline.start(timeoutMs);
    loop.exec();
    return done();
}

/// Waits (at most a minute) until the server at @p host:@p port answers a new stream for @p domain promptly.
/// The run before may have left it work to do (a flood's archive writes, the unavailable presence of a quit
/// app going to every contact), which the next run would measure instead of the app.
inline void waitForQuietServer(const QString &host, int port, const QString &domain)
{
    QElapsedTimer total;
    total.start();
    while (total.elapsed() < 60000) {
        QTcpSocket probe;
        probe.connectToHost(host, quint16(port));
        if (!probe.waitForConnected(5000))
            return;
        QElapsedTimer answer;
        answer.start();
        probe.write("<?xml version='1.0'?><stream:stream to='" + domain.toUtf8()
                    + "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>");
        while (!probe.bytesAvailable() && answer.elapsed() < 10000)
            probe.waitForReadyRead(100);
        const qint64 ms = answer.elapsed();
        probe.abort();
        if (ms < 50)
            return;
        spinUntil([] { return false; }, 200);
    }
}

/// One run of the desktop app `xin --profile DIR`, offscreen, tracing into a file, until it quits by itself
/// after XIN_QUIT_AFTER (or is killed by its PID on time-out).
class AppRun
{
public:
    AppRun(const QString &program, const QString &profileDir, const QString &tracePath, const QString &quitAfter,
           const QString &logPath)
        : m_tracePath(tracePath)
    {
        QFile::remove(tracePath);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XIN_TRACE_FILE"), tracePath);
        environment.insert(QStringLiteral("XIN_QUIT_AFTER"), quitAfter);
        m_process.setProcessEnvironment(environment);
        m_process.setStandardInputFile(QProcess::nullDevice());
        m_process.setStandardOutputFile(logPath, QIODevice::Append);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setProgram(program);
        m_process.setArguments({QStringLiteral("--profile"), profileDir});
    }
    ~AppRun() { stop(); }

    bool start()
    {
        m_process.start();
        return m_process.waitForStarted(10000);
    }
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    /// Waits (running the event loop) until the trace holds @p event; false if the app ended or time ran out.
    bool waitForEvent(const QString &event, int timeoutMs)
    {
        const QByteArray needle = "\"event\":\"" + event.toUtf8() + '"';
        const auto seen = [&] {
            QFile file(m_tracePath);
            return file.open(QIODevice::ReadOnly) && file.readAll().contains(needle);
        };
        spinUntil([&] { return seen() || !isRunning(); }, timeoutMs);
        return seen();
    }

    /// Waits until the app has quit by itself; on time-out it is killed (SIGKILL to its PID) and false returned.
    bool waitForExit(int timeoutMs)
    {
        spinUntil([&] { return !isRunning(); }, timeoutMs);
        if (!isRunning())
            return m_process.exitStatus() == QProcess::NormalExit;
        stop();
        return false;
    }

    void stop()
    {
        if (!isRunning())
            return;
        m_process.kill();   // QProcess signals its own child's PID, nothing else
        m_process.waitForFinished(5000);
    }

    Trace trace() const { return Trace::read(m_tracePath); }

private:
    QString m_tracePath;
    QProcess m_process;
};

inline double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

/// "AMD EPYC, 2 cores, 7.8 GiB": the CPU model of /proc/cpuinfo, the processors, the memory.
inline QString machineDescription()
{
    QString model = QStringLiteral("unknown CPU");
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                model = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    double gib = 0;
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (meminfo.open(QIODevice::ReadOnly)) {
        const QByteArray first = meminfo.readLine();   // MemTotal:  8123456 kB
        gib = first.mid(9).trimmed().split(' ').value(0).toDouble() / 1024 / 1024;
    }
    return QStringLiteral("%1, %2 cores, %3 GiB").arg(model).arg(QThread::idealThreadCount()).arg(gib, 0, 'f', 1);
}

} // namespace Bench
