// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ChatStateTracker.h"

ChatStateTracker::ChatStateTracker(QObject *parent) : QObject(parent)
{
    m_paused.setSingleShot(true);
    m_paused.setInterval(DefaultPausedMs);
    connect(&m_paused, &QTimer::timeout, this, [this] {
        if (state(m_composingIn) == ChatState::Composing)
            set(m_composingIn, ChatState::Paused);
    });
}

void ChatStateTracker::setTimeouts(int pausedMs, int inactiveMs)
{
    m_paused.setInterval(pausedMs);
    m_inactiveMs = inactiveMs;
}

void ChatStateTracker::textEdited(const Jid &chat, bool empty)
{
    if (chat.isNull())
        return;
    if (QTimer *timer = m_inactive.value(chat))
        timer->stop();
    if (empty) {
        m_paused.stop();
        set(chat, ChatState::Active);
        return;
    }
    if (m_composingIn != chat && state(m_composingIn) == ChatState::Composing)
        set(m_composingIn, ChatState::Paused);
    m_composingIn = chat;
    m_paused.start();
    set(chat, ChatState::Composing);
}

void ChatStateTracker::messageSent(const Jid &chat)
{
    if (chat == m_composingIn)
        m_paused.stop();
    set(chat, ChatState::Active);
}

void ChatStateTracker::chatShown(const Jid &chat)
{
    if (chat.isNull())
        return;
    if (QTimer *timer = m_inactive.value(chat))
        timer->stop();
    const ChatState current = state(chat);
    // Composing or paused text waiting in the composer stays as it is; otherwise the user is here.
    if (current != ChatState::Composing && current != ChatState::Paused)
        set(chat, ChatState::Active);
}

void ChatStateTracker::chatHidden(const Jid &chat)
{
    if (chat.isNull() || state(chat) == ChatState::None || state(chat) == ChatState::Gone)
        return;
    if (state(chat) == ChatState::Composing) {
        m_paused.stop();
        set(chat, ChatState::Paused);
    }
    QTimer *timer = m_inactive.value(chat);
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, chat] {
            if (state(chat) != ChatState::None && state(chat) != ChatState::Gone)
                set(chat, ChatState::Inactive);
        });
        m_inactive.insert(chat, timer);
    }
    timer->start(m_inactiveMs);
}

void ChatStateTracker::chatClosed(const Jid &chat)
{
    if (chat == m_composingIn)
        m_paused.stop();
    if (QTimer *timer = m_inactive.value(chat))
        timer->stop();
    if (state(chat) != ChatState::None)
        set(chat, ChatState::Gone);
}

void ChatStateTracker::windowClosed()
{
    m_paused.stop();
    for (QTimer *timer : std::as_const(m_inactive))
        timer->stop();
    const QList<Jid> chats = m_states.keys();
    for (const Jid &chat : chats) {
        if (state(chat) != ChatState::None)
            set(chat, ChatState::Gone);
    }
}

void ChatStateTracker::set(const Jid &chat, ChatState state)
{
    if (chat.isNull() || m_states.value(chat, ChatState::None) == state)
        return;
    m_states.insert(chat, state);
    Q_EMIT stateChanged(chat, state);
}
