// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/ConnectionConfiguration.h"
#include "client/IdGenerator.h"
#include "client/IqReply.h"
#include "client/Transport.h"
#include "stanza/Jid.h"
#include "stanza/Message.h"
#include "stanza/Presence.h"

#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>

#include <functional>
#include <memory>

class Extension;
class QDomElement;

/// One client-to-server XMPP session (RFC 6120): connection, TLS, SASL, resource binding, and stanza routing.
///
/// Secure by default: TLS is required and the certificate is verified against the JID's domain (RFC 6125),
/// never the SRV target; nothing of the credentials is sent before that holds.
class XmppClient : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,
        ResolvingHost,   // SRV lookup (RFC 6120 §3.2.1)
        Connecting,      // TCP
        Encrypting,      // STARTTLS or Direct TLS handshake
        Authenticating,  // SASL (RFC 6120 §6)
        Resuming,        // resuming the lost session (XEP-0198 §5)
        Binding,         // resource binding (RFC 6120 §7)
        Connected,       // session established; stanzas flow
        Disconnecting,
    };
    Q_ENUM(State)

    enum class Error {
        None,
        HostNotFound,          // no DNS answer for the domain or host
        ConnectionRefused,
        ConnectionLost,        // the socket closed after being open
        Timeout,               // connect, negotiation, or keep-alive ping timed out
        TlsUnavailable,        // SecurityMode Required and the server offers no TLS, or refuses STARTTLS
        TlsFailed,             // the TLS handshake failed for a reason other than the certificate
        CertificateInvalid,    // the certificate does not verify for the JID's domain; see sslErrors()
        NoSuitableMechanism,   // no SASL mechanism both sides allow (e.g. only PLAIN without TLS)
        AuthenticationFailed,  // <not-authorized/>: wrong user or password
        AccountDisabled,       // <account-disabled/>
        BindFailed,
        Conflict,              // <conflict/> stream error: another login took this resource
        XmlRestricted,         // our parser refused the server's XML (restricted XML, limits)
        StreamError,           // any other stream error from the server
        ProtocolError,         // the server broke the protocol
        ConfigurationInvalid,  // the configuration cannot work (no JID, optional TLS on a remote host)
        MechanismDowngrade,   // the SASL mechanism would be weaker than the pinned one (saslPin); nothing was proven
    };
    Q_ENUM(Error)

    explicit XmppClient(QObject *parent = nullptr);
    ~XmppClient() override;

    void setConfiguration(const ConnectionConfiguration &configuration);
    const ConnectionConfiguration &configuration() const;

    void connectToHost();
    void connectToHost(const ConnectionConfiguration &configuration);
    /// Closes the stream politely (RFC 6120 §4.4) and then the socket.
    void disconnectFromHost();

    State state() const;
    bool isConnected() const { return state() == State::Connected; }
    /// The full JID the server bound for us (valid once Connected).
    Jid jid() const;
    /// Whether the authenticated stream's features (RFC 6120 §4.3.2) offered <name xmlns='ns'/>, e.g.
    /// pre-approval (<sub xmlns='urn:xmpp:features:pre-approval'/>, RFC 6121 §3.4); false before that.
    bool hasStreamFeature(QStringView name, QStringView ns) const;
    Error error() const;
    QString errorString() const;
    /// The certificate chain the server presented and what was wrong with it, for a "trust it?" dialog.
    QList<QSslCertificate> peerCertificateChain() const;
    QList<QSslError> sslErrors() const;
    /// The SASL mechanism used for the last successful login, e.g. "SCRAM-SHA-256-PLUS".
    QString saslMechanism() const;
    /// The strongest SASL mechanism this account has used: configuration().saslPin, raised by each sign-in
    /// with a stronger one. Worth saving with the account (AccountStore key saslPin).
    QString saslPin() const;
    /// After Error::MechanismDowngrade: the weaker SASL mechanism the server offered instead of saslPin(),
    /// e.g. "SCRAM-SHA-1", for asking the user (who may accept it: ConnectionConfiguration::acceptWeakerSasl).
    QString offeredMechanism() const;
    /// Whether the stream is encrypted (always true unless SecurityMode allowed otherwise).
    bool isEncrypted() const;

    /// Whether stream management (XEP-0198) runs on this stream: what is sent now will be acknowledged
    /// (messageAcknowledged()); without it, written is all we can know.
    bool isStreamManaged() const;
    /// Whether a lost session can still be resumed (XEP-0198 §5) by the next connection.
    bool canResume() const;
    /// Whether our message @p id was sent and the server has not acknowledged it yet (it is sent again when
    /// the session resumes).
    bool isAwaitingAck(const QString &id) const;
    /// Stanzas sent and not acknowledged yet.
    qsizetype unacknowledgedCount() const;
    /// Proves the connection now (an acknowledgement request, or a ping without stream management): no
    /// answer within @p within and it counts as dead (Error::Timeout), to be resumed. For a network change
    /// or waking from sleep, when TCP would take minutes to notice.
    void checkConnection(std::chrono::milliseconds within = std::chrono::milliseconds{10000});

    /// Sends a stanza; false if not connected. Returns after queueing, not after delivery.
    bool send(const Message &message);
    /// Every extension may add its payload first (Extension::preparePresence()).
    bool send(const Presence &presence);
    /// Sends an iq that needs no answer tracking: a result or error answering a request (or, rarely, a
    /// request whose answer nobody waits for); false if not connected.
    bool send(const Iq &iq);
    bool sendElement(const QDomElement &element);
    /// Sends @p iq (get/set; an id is assigned if empty) and calls @p callback once with the answer, a
    /// timeout, or the end of the stream. The answer is accepted only from the JID the request went to
    /// (RFC 6120 §8.1.2.1; to our own account also from our bare JID or no 'from'). @p context ends the
    /// wait early if destroyed.
    void sendIq(const Iq &iq, QObject *context, std::function<void(const IqReply &)> callback,
                std::chrono::milliseconds timeout = std::chrono::milliseconds{0} /* 0: configuration's */);
    /// A new stanza id: random and unpredictable (IdGenerator), for every id we send, origin-ids and
    /// archive query ids included (docs/SECURITY.md rule 3).
    QString generateId();
    /// Replaces the id source (tests only need a deterministic one).
    void setIdGenerator(IdGenerator generator);

    /// Replaces how connections are made: each attempt (each endpoint) gets a new transport from
    /// @p factory. By default an SslTransport (TCP and TLS); tests use an in-memory one.
    void setTransportFactory(TransportFactory factory);

    /// Adds @p extension (the client takes ownership); stanzas are offered to extensions in this order.
    void addExtension(Extension *extension);
    template <typename T, typename... Args>
    T *addExtension(Args &&...args)
    {
        auto *extension = new T(std::forward<Args>(args)...);
        addExtension(extension);
        return extension;
    }
    QList<Extension *> extensions() const;

Q_SIGNALS:
    void stateChanged(XmppClient::State state);
    /// A new session was established (extensions' sessionStarted() have run).
    void connected();
    /// A lost session was resumed (XEP-0198 §5): the server kept it, nothing has to be fetched again, and
    /// what it had not acknowledged was sent again.
    void resumed();
    /// The connection ended. The session may still be resumed (canResume()); sessionEnded() says when not.
    void disconnected();
    /// The session is over for good (closed, not resumable, or resumption failed): presences and other
    /// per-session state are stale. What it had not acknowledged is up to the outbox to send again.
    void sessionEnded();
    /// The server confirmed it received our message @p id (XEP-0198): it is no longer ours to lose.
    void messageAcknowledged(const QString &id);
    void errorOccurred(XmppClient::Error error, const QString &description);
    /// TLS verification failed; the client has already disconnected. The UI may offer to trust the chain.
    void sslErrorsOccurred(const QList<QSslError> &errors, const QList<QSslCertificate> &chain);
    /// A sign-in used a stronger SASL mechanism than saslPin() was: the new pin, to be saved.
    void saslPinChanged(const QString &mechanism);

    void messageReceived(const Message &message);
    void presenceReceived(const Presence &presence);
    /// An iq request no extension took; the client has already answered it with service-unavailable.
    void iqReceived(const Iq &iq);

    /// Raw traffic for an XML console; SASL payloads are redacted (docs/SECURITY.md rule 12).
    void xmlSent(const QByteArray &xml);
    void xmlReceived(const QByteArray &xml);

private:
    class Private;
    std::unique_ptr<Private> d;
};
