// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/XmppClient.h"

#include <QObject>
#include <QTimer>

#include <chrono>

/// Reconnects an XmppClient after the connection was lost, with capped exponential back-off and jitter
/// (docs/SECURITY.md rule 10), so a fleet of clients does not hammer a server that just came back.
///
/// Never retries what another attempt cannot fix: a wrong password, a disabled account, a certificate that
/// does not verify, no acceptable mechanism, a configuration error, or <conflict/> (another login of ours
/// took the resource: retrying would kick it out in turn, forever).
///
/// The back-off starts again only once a session has stayed up for a stable period (a minute): a server that
/// drops us right after each sign-in sees growing delays, not one attempt every two seconds. A session the
/// server still keeps (XEP-0198 §5, XmppClient::canResume()) is resumed at once after a drop, once per
/// stable period, so that it happens inside the server's window and before anyone notices.
class Reconnector : public QObject
{
    Q_OBJECT
public:
    explicit Reconnector(XmppClient *client, QObject *parent = nullptr);

    /// Disabled: no automatic attempt (the user went offline or signed out); re-enabling starts afresh.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    void setDelays(std::chrono::milliseconds first, std::chrono::milliseconds cap);
    /// How long a session must stay up before the back-off starts again from the first delay.
    void setStablePeriod(std::chrono::milliseconds period);
    /// Without a network (NetworkWatcher) no attempt is made; once it is back, a due attempt starts at once.
    void setNetworkReachable(bool reachable);
    bool isNetworkReachable() const { return m_reachable; }

    /// Whether an error is worth another attempt.
    static bool isRetryable(XmppClient::Error error);
    /// The delay before attempt @p attempt (1-based): first * 2^(attempt-1), capped, then a random
    /// factor in [0.5, 1.0] from @p jitter (0..1).
    static std::chrono::milliseconds delayFor(int attempt, std::chrono::milliseconds first,
                                              std::chrono::milliseconds cap, double jitter);

    /// Attempts since the last stable session.
    int attempts() const { return m_attempt; }
    bool isScheduled() const { return m_timer.isActive(); }
    /// An automatic attempt is due: scheduled, or waiting for the network.
    bool isWaiting() const { return m_waiting; }

public Q_SLOTS:
    /// Cancels the wait and connects now (the user's "Reconnect now", the network coming back). Nothing
    /// happens unless an automatic attempt is due: not while connected, not when disabled, never after an
    /// error that is not retryable.
    void reconnectNow();

Q_SIGNALS:
    /// A new attempt will start after @p delay.
    void reconnectScheduled(std::chrono::milliseconds delay, int attempt);
    /// An attempt is due but there is no network: it starts when the network is back.
    void waitingForNetwork();

private:
    void errorOccurred(XmppClient::Error error);
    void disconnected();
    void sessionUp();
    void schedule();

    XmppClient *m_client;
    QTimer m_timer;
    QTimer m_stable;
    XmppClient::Error m_lastError = XmppClient::Error::None;
    bool m_enabled = true;
    bool m_reachable = true;
    bool m_waiting = false;
    bool m_quickResumeUsed = false;   // since the last stable session
    int m_attempt = 0;
    std::chrono::milliseconds m_first{2000};
    std::chrono::milliseconds m_cap{300000};
};
