// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class ChatManager;
class ContactListView;
class Jid;
class PresenceManager;
class QTimer;
class RosterManager;
class XmppClient;

/// An opt-in record of how fast the app starts and how responsive it stays, for tests/bench/bench_roster and
/// tests/bench/bench_chat.
/// Off (and free) unless the environment sets XIN_TRACE_FILE=path; then it appends JSON lines
/// `{"event":"...","ms":N}`, ms counting from the process start:
///
///   main                  main() was entered (dynamic loading and static initialisation are before it)
///   stage:NAME            main() reached a step of the start (mark()): qapplication, crypto, look,
///                         application (the composition root built), started (Application::start() returned)
///   first-paint           the contact list's viewport finished painting while its model had rows
///   available-sent        the initial available presence was written to the socket (RFC 6121 §4.2)
///   roster-loaded         the server answered the roster get and the model holds the roster ("contacts": N)
///   logged-in             both of the above
///   first-presence        the first available presence of a roster contact reached the model
///   all-available         every roster contact is available in the model
///   all-available-painted the contact list painted after that
///   first-message         the first incoming message that came live (not a carbon, not from the archive) was
///                         stored and announced (ChatManager::messageAdded, after the app's own slots ran);
///                         "value" is the CPU time so far (ms, getrusage)
///   all-messages          the N-th such message, when XIN_TRACE_MESSAGES=N is set ("messages": N); "value"
///                         is the CPU time so far
///   messages-settled      300 ms of event loop after all-messages, for the work the messages left queued
///                         (the receipts still in the socket's buffer, repaints); "value" is the CPU time
///   stall                 within the messages window, each gap of 50 ms or more when it ended: "value" is
///                         its length, "messages" how many messages had come by then
///   max-stall             the longest gap between two ticks of a 5 ms timer, i.e. how long the event loop
///                         did not answer; one line per window ("window"), each starting where the one before
///                         ended: login (start to logged-in), after-login (to first-presence), presences (to
///                         all-available-painted), before-messages (to first-message), messages (to
///                         messages-settled, or to quit without XIN_TRACE_MESSAGES), rest (to quit)
///   cpu-ms, rss-peak-kb   at quit: "value" is the user+system CPU time (getrusage) and the peak resident
///                         size (VmHWM of /proc/self/status)
///
/// "Process start" is the kernel's start time of the process (/proc/self/stat, in clock ticks of 10 ms,
/// compared with CLOCK_BOOTTIME): it includes the dynamic loader, unlike a timer started in main(). Where
/// that is not available (not Linux) the clock starts when the trace is constructed, first thing in main().
///
/// XIN_QUIT_AFTER=event makes the app quit right after recording that event (for unattended runs), e.g.
/// XIN_TRACE_MESSAGES=2000 XIN_QUIT_AFTER=messages-settled ends a run once a flood of 2,000 was handled.
///
/// The trace finds the client, roster, chat manager and contact list in the application's object tree, so that
/// the composition root needs no hooks beyond main() constructing and attaching it.
class StartupTrace : public QObject
{
    Q_OBJECT

public:
    /// Construct first thing in main(): without /proc, that is when the clock starts.
    StartupTrace();
    ~StartupTrace() override;

    bool isEnabled() const { return m_file.isOpen(); }
    /// Records "stage:@p name" now (a step of main(), to see where the start spends its time).
    void mark(const QString &name) { record(QStringLiteral("stage:") + name, elapsedMs()); }
    /// Starts watching @p application (the composition root) and the event loop; call before it starts.
    void attach(QObject *application);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    qint64 elapsedMs() const;
    void record(const QString &event, qint64 ms, const QString &extra = {});
    enum class StallCarry { No, Yes };
    void recordStall(const QString &window, StallCarry carry = StallCarry::No);
    void tick();
    void xmlSent(const QByteArray &xml);
    void rosterReceived();
    void presenceChanged(const Jid &bareJid);
    void liveMessageAdded();
    void messagesSettled();
    void checkLoggedIn();
    void painted();
    void finish();

    QFile m_file;
    QString m_quitAfter;
    qint64 m_startOffsetMs = 0;   // process start → construction of this object
    QElapsedTimer m_clock;        // since construction

    XmppClient *m_client = nullptr;
    RosterManager *m_roster = nullptr;
    PresenceManager *m_presence = nullptr;
    ChatManager *m_chats = nullptr;
    QPointer<ContactListView> m_view;
    QTimer *m_stallTimer = nullptr;
    qint64 m_lastTickMs = -1;
    qint64 m_maxStallMs = 0;

    bool m_inPaint = false;
    bool m_painted = false;
    bool m_availableSent = false;
    bool m_rosterLoaded = false;
    bool m_finished = false;
    bool m_waitingForAllAvailablePaint = false;
    qsizetype m_rosterSize = 0;
    QSet<QString> m_available;   // bare JIDs of roster contacts seen available
    qint64 m_expectedMessages = 0;   // XIN_TRACE_MESSAGES: all-messages after this many; 0 = never
    qint64 m_liveMessages = 0;       // incoming live messages announced so far
    bool m_messagesWindowOpen = false;
};
