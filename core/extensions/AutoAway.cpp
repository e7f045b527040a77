// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/AutoAway.h"

#include "extensions/PresenceManager.h"

#include <QTimer>

using namespace std::chrono_literals;

AutoAway::AutoAway(PresenceManager *presence, IdleProvider idleProvider, QObject *parent)
    : QObject(parent)
    , m_presence(presence)
    , m_idle(std::move(idleProvider))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(10s);
    connect(m_timer, &QTimer::timeout, this, &AutoAway::poll);
    if (m_presence)
        connect(m_presence, &PresenceManager::ownPresenceChanged, this, &AutoAway::onOwnPresenceChanged);
}

AutoAway::~AutoAway() = default;

void AutoAway::setPollInterval(std::chrono::milliseconds interval)
{
    m_timer->setInterval(interval);
}

void AutoAway::setEnabled(bool enabled)
{
    if (enabled) {
        m_timer->start();
        return;
    }
    m_timer->stop();
    enter(State::Active);
}

bool AutoAway::isEnabled() const
{
    return m_timer->isActive();
}

void AutoAway::poll()
{
    if (!m_presence || !m_idle)
        return;
    const std::optional<std::chrono::seconds> idle = m_idle();
    if (!idle)
        return;
    if (m_state == State::Active) {
        // Only "online" and "chat" are ours to change: dnd/away/xa were the user's own choice.
        const Presence::Show show = m_presence->ownPresence().show;
        if (show != Presence::Show::None && show != Presence::Show::Chat)
            return;
    }
    enter(targetFor(*idle));
}

AutoAway::State AutoAway::targetFor(std::chrono::seconds idle) const
{
    if (m_xaAfter > 0s && idle >= m_xaAfter)
        return State::ExtendedAway;
    if (m_awayAfter > 0s && idle >= m_awayAfter)
        return State::Away;
    return State::Active;
}

void AutoAway::enter(State state)
{
    if (state == m_state || !m_presence)
        return;
    if (m_state == State::Active)
        m_saved = m_presence->ownPresence();
    m_state = state;
    m_applying = true;
    switch (state) {
    case State::Active:
        m_presence->setOwnPresence(m_saved.show, m_saved.status, m_saved.priority);
        break;
    case State::Away:
        m_presence->setOwnPresence(Presence::Show::Away, m_saved.status, m_saved.priority);
        break;
    case State::ExtendedAway:
        m_presence->setOwnPresence(Presence::Show::Xa, m_saved.status, m_saved.priority);
        break;
    }
    m_applying = false;
    Q_EMIT stateChanged(m_state);
}

void AutoAway::onOwnPresenceChanged()
{
    if (m_applying || m_state == State::Active)
        return;
    // The user chose a presence while we had switched it: theirs wins, nothing to restore later.
    m_state = State::Active;
    Q_EMIT stateChanged(m_state);
}
