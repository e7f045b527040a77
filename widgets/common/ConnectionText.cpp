// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/ConnectionText.h"

#include <QStringList>

namespace {

// XmppClient describes the actual cause in a lower-case clause ("wrong user name or password", "the server's
// certificate is not valid for example.org (it is for mail.example.net)"), already translated; it becomes
// a sentence here. It may quote the server, so it is only ever shown as plain text.
QString sentence(const QString &clause)
{
    QString text = clause.trimmed();
    if (text.isEmpty())
        return text;
    text[0] = text[0].toUpper();
    const QChar last = text.back();
    if (last == u'.' || last == u'!' || last == u'?' || last == u'\u3002' || last == u'\uff01' || last == u'\uff1f')
        return text;
    return ConnectionText::tr("%1.", "ends a sentence; use the language's full stop").arg(text);
}

}   // namespace

QString ConnectionText::state(XmppClient::State state)
{
    switch (state) {
    case XmppClient::State::Disconnected:
        return tr("Offline");
    case XmppClient::State::ResolvingHost:
        return tr("Looking up the server…");
    case XmppClient::State::Connecting:
        return tr("Connecting…");
    case XmppClient::State::Encrypting:
        return tr("Checking the server's certificate…");
    case XmppClient::State::Authenticating:
        return tr("Signing in…");
    case XmppClient::State::Binding:
        return tr("Setting up the session…");
    case XmppClient::State::Resuming:
        return tr("Resuming the session…");
    case XmppClient::State::Connected:
        return tr("Online");
    case XmppClient::State::Disconnecting:
        return tr("Signing out…");
    }
    return {};
}

bool ConnectionText::isInProgress(XmppClient::State state)
{
    switch (state) {
    case XmppClient::State::ResolvingHost:
    case XmppClient::State::Connecting:
    case XmppClient::State::Encrypting:
    case XmppClient::State::Authenticating:
    case XmppClient::State::Binding:
    case XmppClient::State::Resuming:
        return true;
    case XmppClient::State::Disconnected:
    case XmppClient::State::Connected:
    case XmppClient::State::Disconnecting:
        return false;
    }
    return false;
}

QString ConnectionText::error(XmppClient::Error error, const QString &description, const QString &domain,
                              const QList<QSslError> &sslErrors)
{
    using E = XmppClient::Error;
    // Where the cause is always the same, our own sentence says what to do about it.
    switch (error) {
    case E::None:
        return {};
    case E::HostNotFound:
        return tr("The server for %1 cannot be found. Check the address, or enter the server's host name "
                  "under Advanced.")
            .arg(domain);
    case E::ConnectionRefused:
        return tr("The server for %1 refused the connection. It may be down, or the port may be wrong.").arg(domain);
    case E::Timeout:
        return tr("The server did not answer in time. Check your network connection.");
    default:
        break;
    }
    if (!description.trimmed().isEmpty())
        return sentence(description);

    switch (error) {
    case E::None:
    case E::HostNotFound:
    case E::ConnectionRefused:
    case E::Timeout:
        break;
    case E::ConnectionLost:
        return tr("The connection to the server was lost.");
    case E::TlsUnavailable:
        return tr("The server does not offer an encrypted connection, so your password was not sent.");
    case E::TlsFailed:
        return tr("A secure connection to the server could not be set up.");
    case E::CertificateInvalid: {
        QStringList reasons;
        for (const QSslError &sslError : sslErrors) {
            if (!reasons.contains(sslError.errorString()))
                reasons.append(sslError.errorString());
        }
        return reasons.isEmpty()
                 ? tr("The server's certificate is not valid for %1.").arg(domain)
                 : tr("The server's certificate is not valid for %1: %2").arg(domain, reasons.join(u"; "));
    }
    case E::NoSuitableMechanism:
        return tr("The server offers no sign-in method that keeps your password safe.");
    case E::AuthenticationFailed:
        return tr("Wrong password, or no such account.");
    case E::AccountDisabled:
        return tr("This account has been disabled by the server's administrator.");
    case E::BindFailed:
        return tr("The server did not let this device sign in.");
    case E::Conflict:
        return tr("You signed in from another place, so this session was closed.");
    case E::XmlRestricted:
        return tr("The server sent data that is refused for safety reasons.");
    case E::StreamError:
        return tr("The server closed the connection.");
    case E::ProtocolError:
        return tr("The server did not follow the XMPP protocol.");
    case E::ConfigurationInvalid:
        return tr("These settings cannot work.");
    case E::MechanismDowngrade:
        return tr("The server now offers only a weaker sign-in method than before; someone may be tampering "
                  "with the connection.");
    }
    return {};
}
