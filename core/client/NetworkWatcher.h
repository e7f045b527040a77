// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QNetworkInformation>
#include <QObject>

#include <chrono>

class Reconnector;
class XmppClient;

/// Reacts to what the computer knows before TCP does: the network going away or coming back, another
/// network (Wi-Fi to cable), the computer waking from sleep. A connection that looks up may be dead (its
/// NAT mapping is gone, its address changed): it is proved at once (XmppClient::checkConnection(), an
/// XEP-0198 <r/> or a ping) instead of waiting minutes for TCP; a reconnection that is waiting starts now
/// that the network is back, and none is tried while there is no network (docs/SECURITY.md rule 10: no
/// hammering). Never brings back a session that ended for good (Reconnector::reconnectNow()).
///
/// The events come from QNetworkInformation (start()) and from a SleepMonitor (wokeUp()); tests call the
/// slots themselves.
class NetworkWatcher : public QObject
{
    Q_OBJECT
public:
    NetworkWatcher(XmppClient *client, Reconnector *reconnector, QObject *parent = nullptr);

    /// Follows the platform's network information (its default QNetworkInformation backend). False, and
    /// nothing happens, where there is none.
    bool start();
    /// How long a connection has to answer after a change (5 s).
    void setCheckWithin(std::chrono::milliseconds within) { m_checkWithin = within; }

public Q_SLOTS:
    void reachabilityChanged(QNetworkInformation::Reachability reachability);
    void transportMediumChanged(QNetworkInformation::TransportMedium medium);
    /// The computer woke from sleep: whatever the connection was, it may not be any more.
    void wokeUp();

private:
    /// Proves a connection that looks up, or starts a reconnection that is due.
    void recheck();

    XmppClient *m_client;
    Reconnector *m_reconnector;
    std::chrono::milliseconds m_checkWithin{5000};
};
