// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/ConnectionConfiguration.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

QString ConnectionConfiguration::targetHost() const
{
    return host.isEmpty() ? jid.domain() : host;
}

bool ConnectionConfiguration::targetsLoopback() const
{
    return isLoopbackHost(targetHost());
}

bool ConnectionConfiguration::isLoopbackHost(const QString &host)
{
    const QString name = host.trimmed();
    if (name == u"localhost")
        return true;
    const QHostAddress address(name);
    return !address.isNull() && address.isLoopback();
}

bool ConnectionConfiguration::securityModeAllowed() const
{
    return securityMode == SecurityMode::Required || targetsLoopback();
}
