// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatState.h"
#include "stanza/Jid.h"

#include <QHash>
#include <QObject>
#include <QTimer>

/// Our chat states (XEP-0085 §5) from what the user does in the chat window, announced only on change:
/// composing while typing, paused after a few seconds without typing, active when the chat is in front (or
/// the text was sent or erased), inactive when it has been in the background for a while, gone when the
/// window closes.
class ChatStateTracker : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultPausedMs = 5000;          // XEP-0085 §5.3 suggests about 5 seconds
    static constexpr int DefaultInactiveMs = 2 * 60 * 1000;   // and about 2 minutes

    explicit ChatStateTracker(QObject *parent = nullptr);

    void setTimeouts(int pausedMs, int inactiveMs);
    ChatState state(const Jid &chat) const { return m_states.value(chat, ChatState::None); }

    /// The user edited the composer of @p chat; @p empty when nothing is left.
    void textEdited(const Jid &chat, bool empty);
    /// The message typed in @p chat was sent (its stanza carries "active").
    void messageSent(const Jid &chat);
    /// @p chat is in front of the user now (opened, or the window got the focus back).
    void chatShown(const Jid &chat);
    /// @p chat left the front (another chat opened, or the window lost the focus).
    void chatHidden(const Jid &chat);
    /// The user closed @p chat: gone.
    void chatClosed(const Jid &chat);
    /// The window closed: every chat we took part in is gone.
    void windowClosed();

Q_SIGNALS:
    void stateChanged(const Jid &chat, ChatState state);

private:
    void set(const Jid &chat, ChatState state);

    QHash<Jid, ChatState> m_states;
    QTimer m_paused;
    Jid m_composingIn;
    QHash<Jid, QTimer *> m_inactive;
    int m_inactiveMs = DefaultInactiveMs;
};
