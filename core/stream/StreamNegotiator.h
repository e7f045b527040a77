// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/ConnectionConfiguration.h"
#include "client/IqReply.h"
#include "client/XmppClient.h"
#include "stanza/Jid.h"
#include "stream/NegotiationStep.h"

#include <QByteArray>
#include <QDomElement>
#include <QSet>
#include <QSslCertificate>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

struct NegotiationContext;
class StreamManagement;
class SaslStep;

/// The client side of stream negotiation (RFC 6120 §4.3 features, §5 STARTTLS, §6 SASL with the mechanism
/// pin and its XEP-0474 downgrade check, §7 resource binding, RFC 6121 Appendix E's legacy session).
///
/// It never sees the socket: it is given the stream-level elements and the news that TLS is up, writes our
/// stream header, and answers through Owner with XML to write and what to do next, so that a test can drive
/// it XML in, XML out. Stanzas (jabber:client) are not its business, not even the bind answer: that goes
/// through the owner's iq tracking (Owner::sendIq), like every other iq answer.
///
/// It is a sequencer of NegotiationSteps (StartTlsStep, SaslStep, StreamManagementStep's resume, BindStep, and
/// StreamManagementStep's enable): each <stream:features/> goes to
/// the steps in order, from the first one not yet through; each step says whether it is not needed, waits,
/// is done or needs a fresh stream, or failed. SASL2 would be one more step.
class StreamNegotiator
{
public:
    /// What the negotiator asks of whoever holds the connection.
    class Owner
    {
    public:
        virtual ~Owner() = default;
        /// Read live: a changed configuration counts from the next step on.
        virtual const ConnectionConfiguration &configuration() const = 0;
        virtual XmppClient::State clientState() const = 0;
        virtual void setState(XmppClient::State state) = 0;
        /// Writes @p data; the XML console shows @p shown instead when it is not empty (docs/SECURITY.md
        /// rule 12: the SASL exchange is never shown).
        virtual void writeXml(const QByteArray &data, const QByteArray &shown) = 0;
        /// The server said <proceed/> (RFC 6120 §5.4.2.3): start the TLS handshake now.
        virtual void startTls() = 0;
        /// Opens a fresh stream (RFC 6120 §6.4.6 after SASL success): reset the parser, write streamHeader().
        virtual void restartStream() = 0;
        /// Sends @p iq (an id is assigned) to our own account and calls @p callback with the answer.
        virtual void sendIq(const Iq &iq, std::function<void(const IqReply &)> callback) = 0;
        virtual void saslSucceeded(const QString &mechanism) = 0;
        /// The sign-in used a stronger mechanism than the pin: @p mechanism is the new pin.
        virtual void saslPinRaised(const QString &mechanism) = 0;
        /// The server bound @p jid (RFC 6120 §7); the legacy session may still follow.
        virtual void resourceBound(const Jid &jid) = 0;
        virtual void negotiationFinished() = 0;
        /// Stream management (XEP-0198): the session state that outlives a connection.
        virtual StreamManagement &streamManagement() = 0;
        /// The server resumed the lost session (XEP-0198 §5): it goes on, nothing is bound.
        virtual void negotiationResumed() = 0;
        /// The lost session could not be resumed: the one about to be bound is new.
        virtual void resumptionFailed() = 0;
        /// Negotiation failed; nothing more may be written.
        virtual void fail(XmppClient::Error code, const QString &description) = 0;
    };

    explicit StreamNegotiator(Owner &owner);
    ~StreamNegotiator();
    StreamNegotiator(const StreamNegotiator &) = delete;
    StreamNegotiator &operator=(const StreamNegotiator &) = delete;

    /// Forgets everything of the previous connection: a new one starts unencrypted and unauthenticated.
    void reset();
    /// TLS is up (STARTTLS or Direct TLS); @p peerCertificate feeds the tls-server-end-point channel binding
    /// (none: no binding of that type is offered).
    void setEncrypted(const std::optional<QSslCertificate> &peerCertificate);

    /// Our stream header (RFC 6120 §4.7) for the stream about to open.
    QByteArray streamHeader() const;
    /// Handles a stream-level element (features, stream error, STARTTLS, SASL); false for anything else.
    bool handleElement(const QDomElement &element);

    bool isAuthenticated() const;
    /// Whether the authenticated stream's features offered <name xmlns='ns'/>.
    bool hasStreamFeature(QStringView name, QStringView ns) const;
    /// After XmppClient::Error::MechanismDowngrade: the weaker mechanism the server offered, for the user's
    /// "sign in anyway?" question. Kept after the connection ends, until the next SASL negotiation starts.
    QString refusedMechanism() const;

private:
    void handleFeatures(const QDomElement &features);
    void advance();
    bool follow(qsizetype index, const NegotiationStep::Result &result);
    void finishedLater(const NegotiationStep &step, const NegotiationStep::Result &result);
    void handleStreamError(const QDomElement &element);

    std::unique_ptr<NegotiationContext> m_context;
    // STARTTLS before SASL (RFC 6120 §5.3.4), then binding (§7).
    std::vector<std::unique_ptr<NegotiationStep>> m_steps;
    SaslStep *m_sasl;                                         // one of m_steps
    qsizetype m_current = 0;       // the first step not yet through; m_steps.size() once negotiation finished
    QDomElement m_features;        // the current stream's <stream:features/>
    QSet<std::pair<QString, QString>> m_streamFeatures;   // {namespace, name} of the authenticated stream
};
