// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/XmppClient.h"
#include "client/XmppClient_p.h"

#include "client/ClientErrors.h"
#include "client/Extension.h"
#include "client/IdGenerator.h"
#include "client/IqTracker.h"
#include "client/SslTransport.h"
#include "stanza/Iq.h"
#include "stanza/Message.h"
#include "stanza/Presence.h"
#include "stream/HostResolver.h"
#include "xml/Namespaces.h"
#include "xml/StreamParser.h"
#include "xml/XmlWriter.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QTimer>
#include <QXmlStreamWriter>

Q_LOGGING_CATEGORY(lcClient, "xin.client")

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// ---------------------------------------------------------------------------------------------------------
// State and errors

void XmppClient::Private::setState(State newState)
{
    if (state == newState)
        return;
    state = newState;
    Q_EMIT q->stateChanged(newState);
}

void XmppClient::Private::fail(Error code, const QString &description)
{
    if (failing || state == State::Disconnected)
        return;
    failing = true;
    error = code;
    errorString = description;
    qCInfo(lcClient) << "connection failed:" << code << description;
    Q_EMIT q->errorOccurred(code, description);
    if (keepsSession(code))
        sm->connectionLost();   // kept for resumption when the server allows it
    else
        sm->endSession();
    resolver->abort();
    if (transport) {
        // abort(), not a polite close: after a failure nothing more may be written (no credentials
        // after a TLS problem, docs/SECURITY.md rule 1).
        transport->abort();
    }
    finishDisconnect();
}

void XmppClient::Private::finishDisconnect()
{
    connectTimer.stop();
    pingTimer.stop();
    pingOutstanding = false;
    dropTransport();
    negotiator.reset();
    // The cancelled requests' callbacks run while this failure is still in progress: one that fails in turn
    // (a bind cut short) must not report a second error over the first.
    iqs->cancelAll();
    if (!failing)
        sm->endSession();   // closed on purpose: the server ends the session too (XEP-0198 §5)
    failing = false;
    if (state != State::Disconnected) {
        setState(State::Disconnected);
        Q_EMIT q->disconnected();
    }
    endSessionIfOver();
}

// ---------------------------------------------------------------------------------------------------------
// Connecting

void XmppClient::Private::start()
{
    error = Error::None;
    errorString.clear();
    sslErrors.clear();
    peerChain.clear();
    mechanism.clear();
    // A resumed session (XEP-0198 §5) keeps the full JID it was bound to: there is no binding to tell it again.
    if (!sm->canResume())
        boundJid = Jid();
    sm->setAckTimeout(config.ackTimeout);

    if (config.jid.isNull()) {
        setState(State::ResolvingHost);
        fail(Error::ConfigurationInvalid, tr("no account address (JID) is configured"));
        return;
    }
    if (!config.securityModeAllowed()) {
        // docs/SECURITY.md rule 1: optional TLS lets an attacker who strips <starttls/> (RFC 6120 §5.3.1)
        // read the SASL exchange and every stanza; only a server on this computer is exempt.
        setState(State::ResolvingHost);
        fail(Error::ConfigurationInvalid,
             config.securityMode == ConnectionConfiguration::SecurityMode::Disabled
                 ? tr("encryption can be turned off only for a server on this computer (loopback)")
                 : tr("encryption can be optional only for a server on this computer (loopback); "
                      "%1 needs security \"required\"")
                       .arg(config.targetHost()));
        return;
    }

    connectTimer.start(config.connectTimeout);
    endpoints.clear();
    endpointIndex = 0;
    lastNetworkError.clear();
    if (!config.host.isEmpty()) {
        const quint16 port = config.port ? config.port : (config.directTls ? 5223 : 5222);
        endpoints.append({config.host, port, config.directTls});
        if (const auto resumeAt = resumeEndpoint(); resumeAt && *resumeAt != endpoints.first())
            endpoints.prepend(*resumeAt);
        setState(State::Connecting);
        connectToEndpoint();
        return;
    }
    setState(State::ResolvingHost);
    resolver->resolve(config.jid.domain(), config.directTls);
}

// ---------------------------------------------------------------------------------------------------------
// Stream negotiation (RFC 6120 §4-7), run by the StreamNegotiator

void XmppClient::Private::elementReceived(const QDomElement &element)
{
    if (element.namespaceURI() == ns::Client)
        handleStanza(element);
    else if (negotiator.handleElement(element))
        return;
    else if (element.namespaceURI() == ns::StreamManagement)
        handleStreamManagementElement(element);
    else
        qCDebug(lcClient) << "ignored stream-level element" << element.namespaceURI() << element.tagName();
}

void XmppClient::Private::startTls()
{
    // RFC 6120 §5.4.3.3: after <proceed/> the server sends nothing until the TLS handshake. Plaintext that
    // follows it (in this chunk or already buffered) came from whoever sits on the wire, not the TLS peer:
    // drop it, or it would be parsed as part of the stream we are about to protect.
    parser->reset();
    if (const qint64 injected = transport->discardReceived(); injected > 0)
        qCWarning(lcClient) << "dropped" << injected << "plaintext bytes received after <proceed/>";
    transport->startTls();
}

void XmppClient::Private::sendIq(const Iq &iq, std::function<void(const IqReply &)> callback)
{
    Iq request = iq;
    request.id = q->generateId();
    // Jid(): the request goes to our own account, whose answer may come without 'from' (RFC 6120 §8.1.2.1).
    iqs->add(request.id, Jid(), q, std::move(callback), config.iqTimeout);
    writeStanza(request.toXml(), StreamManagement::Kind::IqRequest, request.id);
}

void XmppClient::Private::saslPinRaised(const QString &saslMechanism)
{
    config.saslPin = saslMechanism;
    Q_EMIT q->saslPinChanged(saslMechanism);
}

void XmppClient::Private::resourceBound(const Jid &jid)
{
    boundJid = jid;
    iqs->setOwnJid(boundJid);
}

bool XmppClient::Private::claimStreamedChildren(const QDomElement &stanza, const QDomElement &container)
{
    streamedChildrenOwner = nullptr;
    if (!negotiator.isAuthenticated() || stanza.namespaceURI() != ns::Client)
        return false;
    for (Extension *extension : std::as_const(extensions)) {
        if (extension->wantsStreamedChildren(stanza, container)) {
            streamedChildrenOwner = extension;
            return true;
        }
    }
    return false;
}

void XmppClient::Private::sessionEstablished()
{
    hadSession = true;
    connectTimer.stop();
    setState(State::Connected);
    if (config.pingInterval > 0ms)
        pingTimer.start(config.pingInterval);
    for (Extension *extension : std::as_const(extensions))
        extension->sessionStarted();
    Q_EMIT q->connected();
}

// ---------------------------------------------------------------------------------------------------------
// Stanzas

bool XmppClient::Private::offerToExtensions(const QDomElement &element)
{
    // The three steps of Extension: drop (for all), observe (by all), take (by the first in order).
    for (const Extension *extension : std::as_const(extensions)) {
        if (extension->dropsStanza(element))
            return true;
    }
    for (Extension *extension : std::as_const(extensions))
        extension->observeStanza(element);
    for (Extension *extension : std::as_const(extensions)) {
        if (extension->handleStanza(element))
            return true;
    }
    return false;
}

void XmppClient::Private::handleStanza(const QDomElement &element)
{
    const QString name = element.tagName();
    sm->stanzaReceived();   // XEP-0198 §4: every stanza counts, whatever becomes of it
    if (!boundJid.isNull() && !element.hasAttribute(u"from"_s)) {
        // RFC 6120 §8.1.2.1: a stanza without 'from' comes from the server on behalf of our own account. Say so
        // explicitly, so that no extension mistakes it for someone else's, or for nobody's.
        QDomElement stamped = element;
        stamped.setAttribute(u"from"_s, boundJid.bareString());
    }
    if (name == u"iq") {
        const auto iq = Iq::fromElement(element);
        if (!iq) {
            qCWarning(lcClient) << "dropped a malformed iq";
            return;
        }
        if (iq->isRequest()) {
            if (state == State::Connected)
                handleIqRequest(*iq, element);
        } else {
            iqs->handleAnswer(*iq);
        }
        return;
    }
    if (state != State::Connected)
        return;
    if (name == u"message") {
        if (offerToExtensions(element))
            return;
        if (const auto message = Message::fromElement(element))
            Q_EMIT q->messageReceived(*message);
        else
            qCWarning(lcClient) << "dropped a malformed message";
    } else if (name == u"presence") {
        if (offerToExtensions(element))
            return;
        if (const auto presence = Presence::fromElement(element))
            Q_EMIT q->presenceReceived(*presence);
        else
            qCWarning(lcClient) << "dropped a malformed presence";
    }
}

void XmppClient::Private::handleIqRequest(const Iq &iq, const QDomElement &element)
{
    // XEP-0199 §4: answer pings from the server or any contact.
    if (iq.type == Iq::Type::Get && iq.payload.tagName() == u"ping" && iq.payload.namespaceURI() == ns::Ping) {
        writeStanza(iq.makeResult().toXml(), StreamManagement::Kind::IqResponse, iq.id);
        return;
    }
    if (offerToExtensions(element))
        return;
    // RFC 6120 §8.4: a request nobody handles gets service-unavailable, never silence.
    writeStanza(iq.makeError(StanzaError::Type::Cancel, StanzaError::Condition::ServiceUnavailable).toXml(),
                StreamManagement::Kind::IqResponse, iq.id);
    Q_EMIT q->iqReceived(iq);
}

void XmppClient::Private::sendPing(std::chrono::milliseconds timeout)
{
    if (state != State::Connected || pingOutstanding)
        return;
    Iq ping;
    ping.type = Iq::Type::Get;
    ping.to = Jid::fromString(config.jid.domain());
    ping.payload = Iq::makePayload(u"ping"_s, ns::Ping);
    pingOutstanding = true;
    q->sendIq(ping, q, [this](const IqReply &reply) {
        pingOutstanding = false;
        // An error reply still proves the server is alive; only silence is fatal.
        if (reply.status == IqReply::Status::Timeout)
            fail(Error::Timeout, tr("the server stopped answering"));
    }, timeout > 0ms ? timeout : config.ackTimeout);
}

// ---------------------------------------------------------------------------------------------------------
// Public API

XmppClient::XmppClient(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    d->connectTimer.setSingleShot(true);
    d->pingTimer.setSingleShot(true);
    d->readContinuation.setSingleShot(true);
    d->readContinuation.setInterval(0);
    connect(&d->readContinuation, &QTimer::timeout, this, [this] {
        d->readPending = false;
        d->readAvailable(Private::ReadMode::TimeSliced);
    });
    connect(&d->connectTimer, &QTimer::timeout, this,
            [this] { d->fail(Error::Timeout, tr("the server did not complete the sign-in in time")); });
    connect(&d->pingTimer, &QTimer::timeout, this, [this] { d->keepAlive(); });
    d->setUpStreamManagement();
    connect(d->parser, &StreamParser::elementReceived, this, [this](const QDomElement &e) { d->elementReceived(e); });
    d->parser->setStreamedChildrenFilter([this](const QDomElement &stanza, const QDomElement &container) {
        return d->claimStreamedChildren(stanza, container);
    });
    connect(d->parser, &StreamParser::childReceived, this, [this](const QDomElement &stanza, const QDomElement &child) {
        if (d->streamedChildrenOwner)
            d->streamedChildrenOwner->handleStreamedChild(stanza, child);
    });
    connect(d->parser, &StreamParser::streamClosed, this, [this] {
        if (d->state == State::Disconnecting) {
            if (d->transport)
                d->transport->disconnectFromHost();
            return;
        }
        d->fail(Error::ConnectionLost, tr("the server closed the stream"));
    });
    connect(d->parser, &StreamParser::errorOccurred, this, [this](StreamParser::Error e, const QString &why) {
        // RFC 6120 §4.9.3: tell the server why before closing.
        d->writeData(StreamParser::streamError(e) + "</stream:stream>");
        if (d->transport)
            d->transport->flush();
        d->fail(Error::XmlRestricted, tr("the server sent XML that is not allowed (%1)").arg(why));
    });
    connect(d->resolver, &HostResolver::finished, this, [this](const QList<HostResolver::Endpoint> &endpoints) {
        d->endpoints = endpoints;
        d->endpointIndex = 0;
        d->lastNetworkErrorCode = Error::HostNotFound;
        d->lastNetworkError = tr("no server found for %1").arg(d->config.jid.domain());
        if (const auto resumeAt = d->resumeEndpoint(); resumeAt && !d->endpoints.contains(*resumeAt))
            d->endpoints.prepend(*resumeAt);
        if (d->endpoints.isEmpty()) {
            d->fail(d->lastNetworkErrorCode, d->lastNetworkError);
            return;
        }
        d->connectToEndpoint();
    });
}

XmppClient::~XmppClient()
{
    if (d->transport) {
        if (d->state == State::Connected && d->transport->isOpen()) {
            // Nobody will resume this session: close the stream (RFC 6120 §4.4), so that the server ends it
            // now instead of keeping it for resumption (XEP-0198 §5), our presence still "online".
            d->transport->write("</stream:stream>"_ba);
            d->transport->flush();
        }
        d->transport->disconnect(this);
        d->transport->abort();
    }
    // Callbacks of pending requests run below; one that sends another request must find us disconnected,
    // not write to the aborted socket.
    d->state = State::Disconnected;
    d->iqs->cancelAll();
}

void XmppClient::setConfiguration(const ConnectionConfiguration &configuration)
{
    d->config = configuration;
}

const ConnectionConfiguration &XmppClient::configuration() const
{
    return d->config;
}

void XmppClient::connectToHost()
{
    if (d->state != State::Disconnected)
        return;
    d->start();
}

void XmppClient::connectToHost(const ConnectionConfiguration &configuration)
{
    if (d->state != State::Disconnected)
        return;
    d->config = configuration;
    d->start();
}

void XmppClient::disconnectFromHost()
{
    switch (d->state) {
    case State::Disconnected:
        // Waiting to reconnect: the user gives up the session the server may still keep for us.
        d->sm->endSession();
        d->endSessionIfOver();
        return;
    case State::Disconnecting:
        return;
    case State::ResolvingHost:
        d->resolver->abort();
        d->finishDisconnect();
        return;
    default:
        break;
    }
    d->setState(State::Disconnecting);
    d->connectTimer.stop();
    d->pingTimer.stop();
    if (d->transport && d->transport->isOpen()) {
        // RFC 6120 §4.4: close our stream and wait (briefly) for the server to close its own. Before that,
        // ask for a last acknowledgement (XEP-0198), so that what was just sent is confirmed.
        if (d->sm->isEnabled())
            d->sm->requestAck();
        d->writeData("</stream:stream>"_ba);
        d->transport->flush();
        QTimer::singleShot(2s, d->transport, [this] { d->finishDisconnect(); });
    } else {
        d->finishDisconnect();
    }
}

XmppClient::State XmppClient::state() const
{
    return d->state;
}
Jid XmppClient::jid() const
{
    return d->boundJid;
}
bool XmppClient::hasStreamFeature(QStringView name, QStringView ns) const
{
    return d->negotiator.hasStreamFeature(name, ns);
}
XmppClient::Error XmppClient::error() const
{
    return d->error;
}
QString XmppClient::errorString() const
{
    return d->errorString;
}
QList<QSslCertificate> XmppClient::peerCertificateChain() const
{
    return d->peerChain;
}
QList<QSslError> XmppClient::sslErrors() const
{
    return d->sslErrors;
}
QString XmppClient::saslMechanism() const
{
    return d->mechanism;
}
QString XmppClient::saslPin() const
{
    return d->config.saslPin;
}
QString XmppClient::offeredMechanism() const
{
    return d->negotiator.refusedMechanism();
}
bool XmppClient::isEncrypted() const
{
    return d->transport && d->transport->isEncrypted();
}

bool XmppClient::send(const Message &message)
{
    if (!isConnected())
        return false;
    if (message.id.isEmpty()) {
        Message copy = message;
        copy.id = generateId();
        d->writeStanza(copy.toXml(), StreamManagement::Kind::Message, copy.id);
    } else {
        d->writeStanza(message.toXml(), StreamManagement::Kind::Message, message.id);
    }
    return true;
}

bool XmppClient::send(const Presence &presence)
{
    if (!isConnected())
        return false;
    Presence outgoing = presence;
    for (Extension *extension : std::as_const(d->extensions))
        extension->preparePresence(outgoing);
    d->writeStanza(outgoing.toXml(), StreamManagement::Kind::Presence, outgoing.id);
    return true;
}

bool XmppClient::send(const Iq &iq)
{
    if (!isConnected())
        return false;
    d->writeStanza(iq.toXml(), iq.isRequest() ? StreamManagement::Kind::IqRequest : StreamManagement::Kind::IqResponse,
                   iq.id);
    return true;
}

bool XmppClient::sendElement(const QDomElement &element)
{
    if (!isConnected())
        return false;
    const QString name = element.tagName();
    const QString type = element.attribute(u"type"_s);
    const auto kind = name == u"message"               ? StreamManagement::Kind::Message
                    : name == u"presence"              ? StreamManagement::Kind::Presence
                    : type == u"get" || type == u"set" ? StreamManagement::Kind::IqRequest
                                                       : StreamManagement::Kind::IqResponse;
    d->writeStanza(XmlWriter::toBytes([&element](QXmlStreamWriter &out) { XmlWriter::writeElement(out, element); }),
                   kind, element.attribute(u"id"_s));
    return true;
}

void XmppClient::sendIq(const Iq &iq, QObject *context, std::function<void(const IqReply &)> callback,
                        std::chrono::milliseconds timeout)
{
    if (!isConnected()) {
        // Keep one async style: the callback never runs before sendIq() returns.
        QTimer::singleShot(0, context ? context : this, [callback = std::move(callback)] {
            IqReply reply;
            reply.status = IqReply::Status::Disconnected;
            callback(reply);
        });
        return;
    }
    Iq request = iq;
    if (request.id.isEmpty())
        request.id = generateId();
    d->iqs->add(request.id, request.to, context, std::move(callback), timeout > 0ms ? timeout : d->config.iqTimeout);
    d->writeStanza(request.toXml(), StreamManagement::Kind::IqRequest, request.id);
}

QString XmppClient::generateId()
{
    return d->ids.next();
}

void XmppClient::setIdGenerator(IdGenerator generator)
{
    d->ids = std::move(generator);
}

void XmppClient::setTransportFactory(TransportFactory factory)
{
    d->makeTransport = std::move(factory);
}

void XmppClient::addExtension(Extension *extension)
{
    extension->setParent(this);
    d->extensions.append(extension);
    extension->setClient(this);
}

QList<Extension *> XmppClient::extensions() const
{
    return d->extensions;
}
