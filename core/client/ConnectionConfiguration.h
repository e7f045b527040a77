// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <chrono>

/// How to connect and log in: the Qt shape of Smack's ConnectionConfiguration.
class ConnectionConfiguration
{
public:
    /// RFC 6120 §5: TLS is required by default. IfPossible still refuses a server whose TLS fails; it only
    /// tolerates a server that offers no TLS at all. IfPossible and Disabled are honoured only for loopback
    /// hosts (targetsLoopback()): anywhere else an attacker who strips <starttls/> would get the SASL
    /// exchange in the clear (relay or offline guessing) and every later stanza (docs/SECURITY.md rule 1).
    enum class SecurityMode { Required, IfPossible, Disabled };

    Jid jid;                 // bare or full; a full JID's resource is the one asked for when binding
    QString password;
    QString resource;        // requested resource; empty = let the server choose
    QString host;            // empty: SRV lookup on the JID's domain (RFC 6120 §3.2)
    quint16 port = 0;        // 0: 5222 for STARTTLS, 5223 for Direct TLS, or from SRV
    SecurityMode securityMode = SecurityMode::Required;
    bool directTls = false;  // XEP-0368: TLS from the first byte instead of STARTTLS
    QList<QSslCertificate> extraCaCertificates;   // trusted in addition to the system's
    /// SASL mechanisms we may use, e.g. {"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"}; empty = all we support.
    QStringList allowedSaslMechanisms;
    std::chrono::milliseconds connectTimeout{30000};
    std::chrono::milliseconds iqTimeout{30000};
    std::chrono::milliseconds pingInterval{60000};   // keep-alive after this long without traffic; 0: none
    /// An acknowledgement request (XEP-0198 <r/>) or keep-alive ping unanswered this long: the connection
    /// is dead, and is resumed on a new one.
    std::chrono::milliseconds ackTimeout{20000};
    /// XEP-0198 stream management with resumption, when the server offers it.
    bool streamManagement = true;
    /// The strongest SASL mechanism this account signed in with before (e.g. "SCRAM-SHA-256-PLUS"); a
    /// weaker one is refused with XmppClient::Error::MechanismDowngrade. Empty: nothing remembered yet.
    QString saslPin;
    /// The user agreed to sign in once with a mechanism weaker than saslPin.
    bool acceptWeakerSasl = false;

    /// The host a connection goes to: the host override, else the JID's domain.
    QString targetHost() const;
    /// Whether that host is this computer ("localhost" or a loopback address).
    bool targetsLoopback() const;
    static bool isLoopbackHost(const QString &host);
    /// Whether securityMode may be used with this target: Required always, the others on loopback only.
    bool securityModeAllowed() const;
};
