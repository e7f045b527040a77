// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/XmppClient.h"

#include <QCoreApplication>
#include <QList>
#include <QSslError>
#include <QString>

/// The connection's state and errors in words a user understands, for the login dialog and the main window.
class ConnectionText
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionText)

public:
    /// "Connecting…", "Checking the server's certificate…", "Signing in…", "Online", ...
    static QString state(XmppClient::State state);
    /// Whether @p state is on the way to Connected (the UI shows progress, not an error).
    static bool isInProgress(XmppClient::State state);
    /// One sentence for @p error. @p domain is the JID's domain (what the certificate is checked against),
    /// @p description the client's technical detail, @p sslErrors what was wrong with the certificate.
    static QString error(XmppClient::Error error, const QString &description, const QString &domain,
                         const QList<QSslError> &sslErrors = {});
};
