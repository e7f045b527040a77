// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/XmppClient.h"

#include <QDeadlineTimer>
#include <QFrame>
#include <QTimer>

#include <chrono>

class QLabel;
class QPushButton;

/// The main window's status area, saying what the connection really does: "Connecting…", "Resuming the
/// session…", what went wrong and "Reconnecting in N seconds" with a button to do it now, "Catching up: N of
/// M messages", then "Up to date" for a moment. Hidden while online with nothing to say.
class ConnectionBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ConnectionBanner(QWidget *parent = nullptr);

    void setState(XmppClient::State state);
    /// Shows @p sentence (see ConnectionText::error) until the next connection attempt starts.
    void showError(const QString &sentence);
    /// An automatic attempt starts after @p delay: the error so far and a countdown, with "Reconnect now".
    void showReconnecting(std::chrono::milliseconds delay);
    /// An attempt is due but there is no network: it starts when the network is back (or on the button).
    void showWaitingForNetwork();
    /// While online: the archive catch-up has @p received messages of @p total (-1: not known).
    void showCatchUp(int received, int total);
    /// The catch-up is over: "Up to date" for a moment, then the banner goes.
    void showUpToDate();
    QString text() const;

    /// How long "Up to date" stays.
    static constexpr std::chrono::milliseconds UpToDateFor{2500};

Q_SIGNALS:
    /// "Sign in", "Try again" or "Reconnect now".
    void reconnectRequested();

private:
    void display(const QString &text, const QString &kind, const QString &action);
    /// The error (if any) and the countdown to the next attempt, refreshed every second.
    void showCountdown();
    /// @p sentence after the error, if there is one.
    QString afterError(const QString &sentence) const;

    QLabel *m_text;
    QPushButton *m_action;
    QTimer m_tick;       // the countdown's seconds
    QTimer m_hide;       // "Up to date" goes
    QDeadlineTimer m_retryAt;
    XmppClient::State m_state = XmppClient::State::Disconnected;
    QString m_error;
};
