// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// XmppClient's private part, in a header of its own so that XmppClient.cpp stays one readable size; only
// XmppClient.cpp, XmppClientTransport.cpp and XmppClientSession.cpp (stream management, XEP-0198) include it.

#include "client/ConnectionConfiguration.h"
#include "client/IdGenerator.h"
#include "client/IqReply.h"
#include "client/IqTracker.h"
#include "client/StreamManagement.h"
#include "client/Transport.h"
#include "client/XmppClient.h"
#include "stanza/Jid.h"
#include "stream/HostResolver.h"
#include "stream/StreamNegotiator.h"
#include "xml/StreamParser.h"

#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QElapsedTimer>
#include <QTimer>

#include <functional>

class Extension;
class QDomElement;

class XmppClient::Private : public StreamNegotiator::Owner
{
public:
    explicit Private(XmppClient *q)
        : q(q)
        , parser(new StreamParser(q))
        , resolver(new HostResolver(q))
        , iqs(new IqTracker(q))
        , sm(new StreamManagement(q))
        , negotiator(*this)
    { }

    XmppClient *q;
    ConnectionConfiguration config;
    State state = State::Disconnected;
    Error error = Error::None;
    QString errorString;

    TransportFactory makeTransport;
    // Parented to the client, deleted later: it may be the sender of the signal being handled.
    Transport *transport = nullptr;
    StreamParser *parser;
    HostResolver *resolver;
    IqTracker *iqs;
    StreamManagement *sm;   // XEP-0198: outlives a connection, so that the next one can resume the session
    bool hadSession = false;   // a session was established and sessionEnded() not yet emitted
    QList<Extension *> extensions;
    QPointer<Extension> streamedChildrenOwner;   // took the children of the open stanza's container

    QList<HostResolver::Endpoint> endpoints;
    qsizetype endpointIndex = 0;
    HostResolver::Endpoint endpoint;
    QString lastNetworkError;
    Error lastNetworkErrorCode = Error::ConnectionRefused;

    QTimer connectTimer;
    QTimer pingTimer;
    bool pingOutstanding = false;

    Jid boundJid;
    QList<QSslError> sslErrors;
    QList<QSslCertificate> peerChain;
    StreamNegotiator negotiator;   // RFC 6120 §4-7: TLS, SASL, binding; it never sees the socket
    QString mechanism;
    bool failing = false;

    IdGenerator ids;

    void setState(State newState) override;
    void fail(Error code, const QString &description) override;
    void finishDisconnect();

    // StreamNegotiator::Owner
    const ConnectionConfiguration &configuration() const override { return config; }
    State clientState() const override { return state; }
    void writeXml(const QByteArray &data, const QByteArray &shown) override { writeData(data, shown); }
    void startTls() override;
    void restartStream() override { openStream(); }
    void sendIq(const Iq &iq, std::function<void(const IqReply &)> callback) override;
    void saslSucceeded(const QString &saslMechanism) override { mechanism = saslMechanism; }
    void saslPinRaised(const QString &saslMechanism) override;
    void resourceBound(const Jid &jid) override;
    void negotiationFinished() override { sessionEstablished(); }
    StreamManagement &streamManagement() override { return *sm; }
    void negotiationResumed() override;
    void resumptionFailed() override { endSessionIfOver(); }

    void start();
    void connectToEndpoint();
    void connectNextOrFail();
    void createTransport();
    void dropTransport();
    void openStream();
    void writeData(const QByteArray &data, const QByteArray &shown = {});
    /// Writes a stanza: counted and kept until acknowledged under stream management.
    void writeStanza(const QByteArray &data, StreamManagement::Kind kind, const QString &id);

    // Stream management (XmppClientSession.cpp)
    void setUpStreamManagement();
    /// Whether a connection that failed with @p code leaves the session resumable (a network failure) or
    /// ends it (the server or the user ended it, or a retry cannot help).
    static bool keepsSession(Error code);
    void endSessionIfOver();
    void handleStreamManagementElement(const QDomElement &element);
    /// Where the server asked us to resume (<enabled location=.../>), when it may be used.
    std::optional<HostResolver::Endpoint> resumeEndpoint() const;
    void keepAlive();

    void transportConnected();
    void transportEncrypted();
    void transportErrored(Transport::Error transportError, const QString &detail);
    void transportSslErrors(const QList<QSslError> &errors);
    void transportDisconnected();
    enum class ReadMode { TimeSliced, All };
    void readAvailable(ReadMode mode);
    bool readPending = false;   // a time-sliced read continues at the next event-loop turn
    QElapsedTimer readPendingSince;
    // A continuation that waited this long for its timer is starved (see createTransport()'s readyRead).
    static constexpr qint64 ReadStarvedMs = 20;
    // Reads closer together than this had no event-loop turn between them: they share one time slice.
    static constexpr qint64 BackToBackMs = 2;
    QElapsedTimer lastReadEnd;
    qint64 burstMs = 0;
    bool reading = false;       // readAvailable() is on the stack
    // A timer, not QTimer::singleShot(0): Qt 6 turns that into a posted event, and a chain of posted events
    // can keep the event loop from its timers (one flood's 1,200 messages in one 340 ms turn).
    QTimer readContinuation;

    void elementReceived(const QDomElement &element);
    bool claimStreamedChildren(const QDomElement &stanza, const QDomElement &container);
    void sessionEstablished();
    void handleStanza(const QDomElement &element);
    void handleIqRequest(const Iq &iq, const QDomElement &element);
    bool offerToExtensions(const QDomElement &element);

    void sendPing(std::chrono::milliseconds timeout = {});
};
