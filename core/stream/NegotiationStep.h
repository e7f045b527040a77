// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/XmppClient.h"

#include <QString>

struct NegotiationContext;
class QDomElement;

/// One step of stream negotiation: STARTTLS (RFC 6120 §5), SASL (§6), resource binding (§7); stream
/// management resumption (XEP-0198) or SASL2/Bind2 (XEP-0388, XEP-0386) would each be one more.
///
/// StreamNegotiator offers each <stream:features/> to its steps in order (RFC 6120 §4.3: negotiation goes
/// stage by stage) and hands every step the stream-level elements of its namespace. A step writes
/// what its protocol needs through the owner and answers with a Result; it never ends the connection itself:
/// StreamNegotiator reports a failure to the owner last, once the step is out of the way, because the owner's
/// fail() may reset the negotiator and every step (XmppClient's does).
class NegotiationStep
{
public:
    /// What a step says after it was given features or an element.
    struct Result
    {
        enum class Kind {
            NotNeeded,   // these features do not call for this step: the next step gets them
            Waiting,     // the step runs and waits for the server
            Done,        // finished on this stream: the next step gets the same features now
            Restart,     // finished; a fresh stream follows (RFC 6120 §6.4.6), whose features go to the next step
            Failed,      // negotiation is over: error and description say why
            Complete,    // the old session resumed (XEP-0198 §5): no further step, no binding
        };
        Kind kind = Kind::Waiting;
        XmppClient::Error error = XmppClient::Error::None;
        QString description;

        static Result notNeeded() { return {Kind::NotNeeded, XmppClient::Error::None, {}}; }
        static Result waiting() { return {Kind::Waiting, XmppClient::Error::None, {}}; }
        static Result done() { return {Kind::Done, XmppClient::Error::None, {}}; }
        static Result restart() { return {Kind::Restart, XmppClient::Error::None, {}}; }
        static Result complete() { return {Kind::Complete, XmppClient::Error::None, {}}; }
        static Result failed(XmppClient::Error error, const QString &description)
        {
            return {Kind::Failed, error, description};
        }
    };

    explicit NegotiationStep(NegotiationContext &context) : m_context(context) { }
    virtual ~NegotiationStep() = default;
    NegotiationStep(const NegotiationStep &) = delete;
    NegotiationStep &operator=(const NegotiationStep &) = delete;

    /// Forgets the previous connection. Called from inside the owner's fail() too: keep it to resetting state.
    virtual void reset() = 0;
    /// The features of a new stream, when the earlier steps are through.
    virtual Result begin(const QDomElement &features) = 0;
    /// Whether @p element, a stream-level element (not a stanza), belongs to this step.
    virtual bool handles(const QDomElement &element) const;
    /// An element handles() took, whenever it comes: a step that did not expect it says Failed.
    virtual Result handleElement(const QDomElement &element);

protected:
    NegotiationContext &m_context;
};
