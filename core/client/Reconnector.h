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
class Reconnector : public QObject
{
    Q_OBJECT
public:
    explicit Reconnector(XmppClient *client, QObject *parent = nullptr);

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    void setDelays(std::chrono::milliseconds first, std::chrono::milliseconds cap);

    /// Whether an error is worth another attempt.
    static bool isRetryable(XmppClient::Error error);
    /// The delay before attempt @p attempt (1-based): first * 2^(attempt-1), capped, then a random
    /// factor in [0.5, 1.0] from @p jitter (0..1).
    static std::chrono::milliseconds delayFor(int attempt, std::chrono::milliseconds first,
                                              std::chrono::milliseconds cap, double jitter);

    int attempts() const { return m_attempt; }
    bool isScheduled() const { return m_timer.isActive(); }

Q_SIGNALS:
    /// A new attempt will start after @p delay.
    void reconnectScheduled(std::chrono::milliseconds delay, int attempt);

private:
    void errorOccurred(XmppClient::Error error);

    XmppClient *m_client;
    QTimer m_timer;
    bool m_enabled = true;
    int m_attempt = 0;
    std::chrono::milliseconds m_first{2000};
    std::chrono::milliseconds m_cap{300000};
};
