// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/NetworkWatcher.h"

#include "client/Reconnector.h"
#include "client/XmppClient.h"

#include <QHostAddress>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcNetwork, "xin.network")

namespace {
/// A server on this computer stays reachable without any network (a backend then says Disconnected).
bool isOnThisComputer(const ConnectionConfiguration &config)
{
    const QString host = config.host.isEmpty() ? config.jid.domain() : config.host;
    return host.compare(u"localhost", Qt::CaseInsensitive) == 0 || QHostAddress(host).isLoopback();
}
}   // namespace

NetworkWatcher::NetworkWatcher(XmppClient *client, Reconnector *reconnector, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_reconnector(reconnector)
{ }

bool NetworkWatcher::start()
{
    // Qt's process-wide instance: NetworkManager (or GLib's GNetworkMonitor) on Linux, the system's own
    // elsewhere. Without a backend we only lose the early warning; the keep-alive still finds a dead link.
    if (!QNetworkInformation::loadDefaultBackend() || !QNetworkInformation::instance()) {
        qCInfo(lcNetwork) << "no network information backend; network changes are noticed by keep-alives only";
        return false;
    }
    const QNetworkInformation *info = QNetworkInformation::instance();
    qCInfo(lcNetwork) << "network information from" << info->backendName();
    if (info->supports(QNetworkInformation::Feature::Reachability)) {
        connect(info, &QNetworkInformation::reachabilityChanged, this, &NetworkWatcher::reachabilityChanged);
        reachabilityChanged(info->reachability());
    }
    if (info->supports(QNetworkInformation::Feature::TransportMedium))
        connect(info, &QNetworkInformation::transportMediumChanged, this, &NetworkWatcher::transportMediumChanged);
    return true;
}

void NetworkWatcher::reachabilityChanged(QNetworkInformation::Reachability reachability)
{
    qCInfo(lcNetwork) << "reachability:" << reachability;
    // Unknown counts as reachable: a backend that cannot tell must not keep us offline. Local and Site too:
    // the server may be on the local network.
    const bool reachable = reachability != QNetworkInformation::Reachability::Disconnected
                        || isOnThisComputer(m_client->configuration());
    m_reconnector->setNetworkReachable(reachable);   // back: a due attempt starts at once
    if (m_client->isConnected())
        m_client->checkConnection(m_checkWithin);   // gone or changed: is our link still there?
}

void NetworkWatcher::transportMediumChanged(QNetworkInformation::TransportMedium medium)
{
    qCInfo(lcNetwork) << "transport medium:" << medium;
    // Another network means another address: the old TCP connection is usually dead without a word.
    recheck();
}

void NetworkWatcher::wokeUp()
{
    qCInfo(lcNetwork) << "woke from sleep";
    recheck();
}

void NetworkWatcher::recheck()
{
    if (m_client->isConnected())
        m_client->checkConnection(m_checkWithin);
    else if (m_reconnector->isNetworkReachable())
        m_reconnector->reconnectNow();   // only if an attempt is due; never after conflict or a wrong password
}
