// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Presence.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <optional>

class PresenceManager;
class QTimer;

/// Automatic away / extended away (RFC 6121 §4.7.2.1 show 'away' and 'xa') from the user's idle time.
///
/// The idle time comes from a provider function, polled by a timer, so the platform source (X11/Wayland
/// idle, Windows GetLastInputInfo, ...) is plugged in by the application and tests use a fake clock.
/// Only a user who shows "online" or "chat" is switched; a status the user chose (dnd, away, xa) is left
/// alone. The status text and priority are kept, and the previous show comes back on activity. A presence
/// the user sets meanwhile wins and ends the automatic state.
class AutoAway : public QObject
{
    Q_OBJECT
public:
    enum class State { Active, Away, ExtendedAway };
    Q_ENUM(State)
    /// Seconds since the user's last input; std::nullopt if the platform cannot tell (then nothing changes).
    using IdleProvider = std::function<std::optional<std::chrono::seconds>()>;

    AutoAway(PresenceManager *presence, IdleProvider idleProvider, QObject *parent = nullptr);
    ~AutoAway() override;

    /// 0 disables that step. Defaults: away after 5 minutes, extended away after 15.
    void setAwayAfter(std::chrono::seconds seconds) { m_awayAfter = seconds; }
    std::chrono::seconds awayAfter() const { return m_awayAfter; }
    void setExtendedAwayAfter(std::chrono::seconds seconds) { m_xaAfter = seconds; }
    std::chrono::seconds extendedAwayAfter() const { return m_xaAfter; }
    void setPollInterval(std::chrono::milliseconds interval);

    /// Starts or stops polling; disabling while away restores the user's presence.
    void setEnabled(bool enabled);
    bool isEnabled() const;

    State state() const { return m_state; }
    /// Checks the idle time once (the timer calls this).
    void poll();

Q_SIGNALS:
    void stateChanged(AutoAway::State state);

private:
    State targetFor(std::chrono::seconds idle) const;
    void enter(State state);
    void onOwnPresenceChanged();

    QPointer<PresenceManager> m_presence;
    IdleProvider m_idle;
    QTimer *m_timer;
    std::chrono::seconds m_awayAfter{5 * 60};
    std::chrono::seconds m_xaAfter{15 * 60};
    State m_state = State::Active;
    Presence m_saved;        // the user's own presence before we switched it
    bool m_applying = false; // our own setOwnPresence() call, not the user's
};
