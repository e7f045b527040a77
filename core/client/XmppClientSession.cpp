// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// XmppClient's part of stream management (XEP-0198): the session that outlives a connection.

#include "client/XmppClient.h"
#include "client/XmppClient_p.h"

#include "xml/Namespaces.h"

#include <QDomElement>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcClient)

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

void XmppClient::Private::setUpStreamManagement()
{
    sm->setWriter([this](const QByteArray &xml) { writeData(xml); });
    QObject::connect(sm, &StreamManagement::messageAcknowledged, q, &XmppClient::messageAcknowledged);
    QObject::connect(sm, &StreamManagement::ackTimedOut, q,
                     [this] { fail(Error::Timeout, tr("the server stopped answering")); });
}

void XmppClient::Private::writeStanza(const QByteArray &data, StreamManagement::Kind kind, const QString &id)
{
    writeData(data);
    sm->stanzaSent(data, kind, id);
}

bool XmppClient::Private::keepsSession(Error code)
{
    switch (code) {
    case Error::ConnectionLost:      // the network, not the server, ended it: the server keeps the session
    case Error::Timeout:             // a dead link (no acknowledgement, no pong) or a slow reconnection
    case Error::HostNotFound:        // a reconnection attempt failed; the session may still wait
    case Error::ConnectionRefused:
    case Error::TlsFailed:
        return true;
    default:
        return false;
    }
}

void XmppClient::Private::endSessionIfOver()
{
    if (!hadSession || sm->hasSession())
        return;
    hadSession = false;
    Q_EMIT q->sessionEnded();
}

void XmppClient::Private::negotiationResumed()
{
    connectTimer.stop();
    setState(State::Connected);
    if (config.pingInterval > 0ms)
        pingTimer.start(config.pingInterval);
    qCInfo(lcClient) << "session resumed;" << sm->unacknowledgedCount() << "stanzas await acknowledgement";
    Q_EMIT q->resumed();
}

void XmppClient::Private::handleStreamManagementElement(const QDomElement &element)
{
    QString why;
    if (sm->handleElement(element, &why))
        return;
    // XEP-0198 §4: an h beyond what was sent ends the stream with undefined-condition.
    writeData("<stream:error><undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
              "<handled-count-too-high xmlns='urn:xmpp:sm:3'/></stream:error>"_ba);
    writeData("</stream:stream>"_ba);
    if (transport)
        transport->flush();
    fail(Error::ProtocolError, tr("the server broke stream management: %1").arg(why));
}

std::optional<HostResolver::Endpoint> XmppClient::Private::resumeEndpoint() const
{
    if (!sm->canResume() || sm->location().isEmpty())
        return std::nullopt;
    // <enabled location='host:port'/> (XEP-0198 §5), an IPv6 address in brackets. The connection there is
    // verified like any other: the certificate must name the account's domain (SslTransport never trusts
    // the host it connects to), and unencrypted only on loopback (docs/SECURITY.md rule 1).
    const QString location = sm->location();
    QString host = location;
    quint16 port = config.directTls ? 5223 : 5222;
    const qsizetype colon = location.lastIndexOf(u':');
    const bool bracketed = location.startsWith(u'[');
    if (colon > 0 && (!bracketed || location.at(colon - 1) == u']')) {
        bool ok = false;
        const uint parsed = location.mid(colon + 1).toUInt(&ok);
        if (!ok || parsed == 0 || parsed > 65535)
            return std::nullopt;
        port = quint16(parsed);
        host = location.left(colon);
    }
    if (bracketed) {
        if (!host.endsWith(u']'))
            return std::nullopt;
        host = host.mid(1, host.size() - 2);
    }
    if (host.isEmpty())
        return std::nullopt;
    if (config.securityMode != ConnectionConfiguration::SecurityMode::Required
        && !ConnectionConfiguration::isLoopbackHost(host)) {
        qCWarning(lcClient) << "ignored a resumption location off this computer on an unencrypted account:" << location;
        return std::nullopt;
    }
    return HostResolver::Endpoint{host, port, endpoint.directTls};
}

void XmppClient::Private::keepAlive()
{
    // Nothing came for a while: prove the link. Under stream management an acknowledgement request does it
    // and confirms what was sent; otherwise a ping (XEP-0199).
    if (sm->isEnabled())
        sm->requestAck();
    else
        sendPing();
}

// ---------------------------------------------------------------------------------------------------------
// Public API

bool XmppClient::isStreamManaged() const
{
    return d->sm->isEnabled();
}

bool XmppClient::canResume() const
{
    return d->sm->canResume();
}

bool XmppClient::isAwaitingAck(const QString &id) const
{
    return d->sm->isUnacknowledged(id);
}

qsizetype XmppClient::unacknowledgedCount() const
{
    return d->sm->unacknowledgedCount();
}

void XmppClient::checkConnection(std::chrono::milliseconds within)
{
    if (d->state != State::Connected)
        return;
    if (d->sm->isEnabled())
        d->sm->requestAckWithin(within);
    else
        d->sendPing(within);
}
