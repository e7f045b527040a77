// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <chrono>

class Database;

/// When our server's offline storage (XEP-0160) can have held a message for us: from the end of our previous
/// session to now. A <delay/> from our server's domain on a live message is believed only inside that span
/// (issue 13 finding 4): a sender can write that very delay itself and the server relays it, so without the
/// bound a stranger could still date a message years back.
///
/// "Last online" is kept per profile in the database's properties (next to the archive cursor): written when
/// a session starts, every RefreshInterval while it lasts, and when it ends, so a crash or kill -9 loses at
/// most one interval. A session start reads the previous value first: that is where the span begins.
/// Without a database the stamp lives in memory only (xin-cli): later sessions of the process are bounded
/// all the same.
class OfflineWindow : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::seconds RefreshInterval{60};
    /// Our clock and the server's (which wrote the stamp) may disagree by this much.
    static constexpr std::chrono::minutes ClockTolerance{5};
    /// With no session known before (a new profile), a stamp is believed back to this long before now: offline
    /// storage keeps messages for weeks at most in practice, and a stranger cannot bury a message further.
    static constexpr int FirstSessionDays = 30;

    /// @p database (may be null) keeps the stamp; it must outlive this object.
    explicit OfflineWindow(Database *database = nullptr, QObject *parent = nullptr);

    /// The property key of the stamp (ISO 8601, UTC).
    static QString lastOnlineKey() { return QStringLiteral("session/last-online"); }

    /// The latest stamp written; invalid if this profile was never online.
    QDateTime lastOnline() const;
    /// A session started at @p now: the span now begins at the stamp of the previous one.
    void sessionStarted(const QDateTime &now);
    /// The session ended (disconnection, error, quit) at @p now; nothing happens when none was running.
    void sessionEnded(const QDateTime &now);
    bool isSessionRunning() const { return m_running; }

    /// Whether offline storage can have stamped a message with @p stamp, at @p now (both UTC): between the
    /// previous session's end (less ClockTolerance) and now. False outside a session.
    bool accepts(const QDateTime &stamp, const QDateTime &now) const;

private:
    void record(const QDateTime &now);

    Database *m_database;
    QTimer m_refresh;
    mutable QDateTime m_lastOnline;   // as written; read from the database once, on first use
    mutable bool m_loaded = false;
    QDateTime m_since;        // the previous session's stamp, read when this session started
    bool m_running = false;
};
