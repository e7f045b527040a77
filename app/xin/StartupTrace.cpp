// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StartupTrace.h"

#include "client/XmppClient.h"
#include "extensions/ChatManager.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "roster/ContactListView.h"
#include "stanza/Jid.h"

#include <QApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int StallTickMs = 5;
constexpr int MessagesSettleMs = 300;
constexpr int LongStallMs = 50;   // the limit for a stall of the UI

/// Milliseconds from the process start to now, from the kernel's records; -1 where they are missing.
qint64 processAgeMs()
{
#if defined(Q_OS_LINUX)
    QFile stat(u"/proc/self/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Field 2 (the command) is in parentheses and may contain spaces: count fields after its ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    constexpr int StartTimeIndex = 22 - 3;   // proc(5): field 22 "starttime", counted from field 3
    if (fields.size() <= StartTimeIndex)
        return -1;
    bool ok = false;
    const qint64 startTicks = fields.at(StartTimeIndex).toLongLong(&ok);
    const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    timespec now{};
    if (!ok || ticksPerSecond <= 0 || ::clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    const qint64 nowMs = qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
    return nowMs - startTicks * 1000 / ticksPerSecond;
#else
    return -1;
#endif
}

qint64 cpuMs()
{
    rusage usage{};
    if (::getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    const auto ms = [](const timeval &t) { return qint64(t.tv_sec) * 1000 + t.tv_usec / 1000; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

qint64 peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QString jsonString(const QString &text)
{
    // Event and window names are ours: plain ASCII without quotes or backslashes.
    return u'"' + text + u'"';
}

} // namespace

StartupTrace::StartupTrace()
{
    m_clock.start();
    const QString path = qEnvironmentVariable("XIN_TRACE_FILE");
    if (path.isEmpty())
        return;
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        qWarning("xin: cannot write the trace file %s", qPrintable(path));
        return;
    }
    m_quitAfter = qEnvironmentVariable("XIN_QUIT_AFTER");
    m_expectedMessages = qMax(0, qEnvironmentVariableIntValue("XIN_TRACE_MESSAGES"));
    m_startOffsetMs = qMax<qint64>(0, processAgeMs());
    record(u"main"_s, elapsedMs());
}

StartupTrace::~StartupTrace() = default;

qint64 StartupTrace::elapsedMs() const
{
    return m_startOffsetMs + m_clock.elapsed();
}

void StartupTrace::attach(QObject *application)
{
    if (!isEnabled())
        return;
    m_client = application->findChild<XmppClient *>();
    m_roster = m_client ? m_client->findChild<RosterManager *>() : nullptr;
    m_presence = m_client ? m_client->findChild<PresenceManager *>() : nullptr;
    m_chats = m_client ? m_client->findChild<ChatManager *>() : nullptr;
    for (QWidget *window : QApplication::topLevelWidgets()) {
        if (!m_view)
            m_view = window->findChild<ContactListView *>();
    }
    if (m_client)
        connect(m_client, &XmppClient::xmlSent, this, &StartupTrace::xmlSent);
    // Connected after the model's and the application's own slots: recorded once they are done.
    if (m_roster)
        connect(m_roster, &RosterManager::rosterReceived, this, &StartupTrace::rosterReceived);
    if (m_presence)
        connect(m_presence, &PresenceManager::presenceChanged, this, &StartupTrace::presenceChanged);
    if (m_chats) {
        connect(m_chats, &ChatManager::messageAdded, this,
                [this](const ChatMessage &message, ChatManager::Origin origin) {
            if (origin == ChatManager::Origin::Live && message.direction == ChatMessage::Direction::Incoming)
                liveMessageAdded();
        });
    }
    if (m_view)
        m_view->viewport()->installEventFilter(this);
    if (!m_client || !m_roster || !m_presence || !m_chats || !m_view)
        qWarning("xin: the trace found only part of the application");

    m_stallTimer = new QTimer(this);
    m_stallTimer->setTimerType(Qt::PreciseTimer);
    m_stallTimer->setInterval(StallTickMs);
    connect(m_stallTimer, &QTimer::timeout, this, &StartupTrace::tick);
    m_stallTimer->start();
    connect(qApp, &QCoreApplication::aboutToQuit, this, &StartupTrace::finish);
}

void StartupTrace::record(const QString &event, qint64 ms, const QString &extra)
{
    if (!isEnabled() || m_finished)
        return;
    QString line = u"{\"event\":"_s + jsonString(event) + u",\"ms\":"_s + QString::number(ms);
    if (!extra.isEmpty())
        line += u',' + extra;
    line += u"}\n"_s;
    m_file.write(line.toUtf8());
    m_file.flush();   // a reader polls the file while the app runs
    if (event == m_quitAfter) {
        finish();
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    }
}

void StartupTrace::recordStall(const QString &window, StallCarry carry)
{
    // The gap still open (the one being measured now) belongs to this window, unless it is carried into
    // the next: a window that opens on an event (the first presence) includes the gap in progress, whose
    // processing began before that event was seen. A window that is not carried into starts now.
    const qint64 now = m_clock.elapsed();
    const qint64 open = m_lastTickMs < 0 || carry == StallCarry::Yes ? 0 : now - m_lastTickMs;
    record(u"max-stall"_s, qMax(m_maxStallMs, open), u"\"window\":"_s + jsonString(window));
    m_maxStallMs = 0;
    if (carry == StallCarry::No && m_lastTickMs >= 0)
        m_lastTickMs = now;
}

void StartupTrace::tick()
{
    const qint64 now = m_clock.elapsed();
    if (m_lastTickMs >= 0) {
        const qint64 gap = now - m_lastTickMs;
        m_maxStallMs = qMax(m_maxStallMs, gap);
        if (m_messagesWindowOpen && gap >= LongStallMs) {
            record(u"stall"_s, elapsedMs(),
                   u"\"value\":"_s + QString::number(gap) + u",\"messages\":"_s + QString::number(m_liveMessages));
        }
    }
    m_lastTickMs = now;
}

void StartupTrace::xmlSent(const QByteArray &xml)
{
    if (m_availableSent || !xml.startsWith("<presence"))
        return;
    const qsizetype tagEnd = xml.indexOf('>');
    if (QByteArrayView(xml).first(tagEnd < 0 ? xml.size() : tagEnd).contains("type="))
        return;   // a subscription or unavailable presence, not the initial available one
    m_availableSent = true;
    record(u"available-sent"_s, elapsedMs());
    checkLoggedIn();
}

void StartupTrace::rosterReceived()
{
    if (m_rosterLoaded)
        return;
    const qint64 ms = elapsedMs();
    m_rosterLoaded = true;
    m_rosterSize = m_roster->items().size();
    record(u"roster-loaded"_s, ms, u"\"contacts\":"_s + QString::number(m_rosterSize));
    checkLoggedIn();
}

void StartupTrace::checkLoggedIn()
{
    if (!m_availableSent || !m_rosterLoaded)
        return;
    const qint64 ms = elapsedMs();
    recordStall(u"login"_s);   // first: recording logged-in may end the run (XIN_QUIT_AFTER)
    record(u"logged-in"_s, ms);
}

void StartupTrace::presenceChanged(const Jid &bareJid)
{
    if (!m_rosterLoaded || m_rosterSize == 0 || m_available.size() == m_rosterSize)
        return;
    if (!m_presence->contactPresence(bareJid).available || !m_roster->item(bareJid))
        return;
    const qsizetype before = m_available.size();
    m_available.insert(bareJid.bareString());
    if (before == 0 && m_available.size() == 1) {
        // The flood window starts here, with the gap in progress (see recordStall()).
        const qint64 ms = elapsedMs();
        recordStall(u"after-login"_s, StallCarry::Yes);
        record(u"first-presence"_s, ms);
    }
    if (m_available.size() == m_rosterSize) {
        record(u"all-available"_s, elapsedMs());
        m_waitingForAllAvailablePaint = true;
    }
}

void StartupTrace::liveMessageAdded()
{
    ++m_liveMessages;
    if (m_liveMessages == 1) {
        // The messages window starts here, with the gap in progress (see recordStall()).
        const qint64 ms = elapsedMs();
        recordStall(u"before-messages"_s, StallCarry::Yes);
        m_messagesWindowOpen = true;
        record(u"first-message"_s, ms, u"\"value\":"_s + QString::number(cpuMs()));
    }
    if (m_liveMessages == m_expectedMessages) {
        record(u"all-messages"_s, elapsedMs(),
               u"\"messages\":"_s + QString::number(m_liveMessages) + u",\"value\":"_s + QString::number(cpuMs()));
        QTimer::singleShot(MessagesSettleMs, this, &StartupTrace::messagesSettled);
    }
}

void StartupTrace::messagesSettled()
{
    if (!m_messagesWindowOpen)
        return;
    const qint64 ms = elapsedMs();
    const qint64 cpu = cpuMs();
    recordStall(u"messages"_s);   // first: recording messages-settled may end the run (XIN_QUIT_AFTER)
    m_messagesWindowOpen = false;
    record(u"messages-settled"_s, ms, u"\"value\":"_s + QString::number(cpu));
}

bool StartupTrace::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Paint || m_inPaint || !m_view || watched != m_view->viewport())
        return QObject::eventFilter(watched, event);
    // Paint now, inside this filter, so that the time recorded is after the painting, not before it.
    m_inPaint = true;
    QCoreApplication::sendEvent(watched, event);
    m_inPaint = false;
    painted();
    return true;
}

void StartupTrace::painted()
{
    const bool hasRows = m_view->model() && m_view->model()->rowCount() > 0;
    if (!m_painted && hasRows) {
        m_painted = true;
        record(u"first-paint"_s, elapsedMs());
    }
    if (m_waitingForAllAvailablePaint) {
        m_waitingForAllAvailablePaint = false;
        const qint64 ms = elapsedMs();
        recordStall(u"presences"_s);
        record(u"all-available-painted"_s, ms);
    }
}

void StartupTrace::finish()
{
    if (!isEnabled() || m_finished)
        return;
    if (m_messagesWindowOpen) {
        m_messagesWindowOpen = false;
        recordStall(u"messages"_s);
    }
    recordStall(u"rest"_s);
    const qint64 ms = elapsedMs();
    record(u"cpu-ms"_s, ms, u"\"value\":"_s + QString::number(cpuMs()));
    record(u"rss-peak-kb"_s, ms, u"\"value\":"_s + QString::number(peakRssKb()));
    m_finished = true;
    if (m_stallTimer)
        m_stallTimer->stop();
    if (m_view)
        m_view->viewport()->removeEventFilter(this);
}
