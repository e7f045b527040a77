// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stream/StreamNegotiator.h"

#include "client/ClientErrors.h"
#include "stream/BindStep.h"
#include "stream/NegotiationContext.h"
#include "stream/SaslStep.h"
#include "stream/StartTlsStep.h"
#include "stream/StreamManagementStep.h"
#include "xml/Namespaces.h"

using namespace Qt::StringLiterals;

using Error = XmppClient::Error;
using Result = NegotiationStep::Result;

StreamNegotiator::StreamNegotiator(Owner &owner) : m_context(std::make_unique<NegotiationContext>(owner))
{
    m_context->finishedLater = [this](const NegotiationStep &step, const Result &result) {
        finishedLater(step, result);
    };
    auto sasl = std::make_unique<SaslStep>(*m_context);
    m_sasl = sasl.get();
    m_steps.push_back(std::make_unique<StartTlsStep>(*m_context));
    m_steps.push_back(std::move(sasl));
    m_steps.push_back(std::make_unique<StreamManagementStep>(*m_context, StreamManagementStep::Role::Resume));
    m_steps.push_back(std::make_unique<BindStep>(*m_context));
    m_steps.push_back(std::make_unique<StreamManagementStep>(*m_context, StreamManagementStep::Role::Enable));
}

StreamNegotiator::~StreamNegotiator() = default;

void StreamNegotiator::reset()
{
    m_context->encrypted = false;
    m_context->peerCertificate.reset();
    m_context->authenticated = false;
    ++m_context->connection;
    for (const auto &step : m_steps)
        step->reset();
    m_current = 0;
    m_features = QDomElement();
    m_streamFeatures.clear();
}

void StreamNegotiator::setEncrypted(const std::optional<QSslCertificate> &peerCertificate)
{
    m_context->encrypted = true;
    m_context->peerCertificate = peerCertificate;
}

QByteArray StreamNegotiator::streamHeader() const
{
    const ConnectionConfiguration &config = m_context->owner.configuration();
    QByteArray header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                        "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' xml:lang='en' to='"_ba;
    header += config.jid.domain().toHtmlEscaped().toUtf8() + '\'';
    // RFC 6120 §4.7.1: a client includes 'from' only once the stream is protected.
    if (m_context->encrypted)
        header += " from='" + config.jid.bareString().toHtmlEscaped().toUtf8() + '\'';
    header += '>';
    return header;
}

bool StreamNegotiator::isAuthenticated() const
{
    return m_context->authenticated;
}

bool StreamNegotiator::hasStreamFeature(QStringView name, QStringView ns) const
{
    return m_streamFeatures.contains({ns.toString(), name.toString()});
}

QString StreamNegotiator::refusedMechanism() const
{
    return m_sasl->refusedMechanism();
}

bool StreamNegotiator::handleElement(const QDomElement &element)
{
    const QString xmlns = element.namespaceURI();
    const QString name = element.tagName();
    if (xmlns == ns::Stream && name == u"features") {
        handleFeatures(element);
        return true;
    }
    if (xmlns == ns::Stream && name == u"error") {
        handleStreamError(element);
        return true;
    }
    // A step takes the elements of its namespace whenever they come, so that one out of order fails there.
    for (qsizetype i = 0; i < qsizetype(m_steps.size()); ++i) {
        if (m_steps[i]->handles(element)) {
            if (follow(i, m_steps[i]->handleElement(element)))
                advance();
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------------------------------------------------
// The sequence of steps (RFC 6120 §4.3: negotiation goes stage by stage, here in the order of m_steps)

void StreamNegotiator::handleFeatures(const QDomElement &features)
{
    if (m_context->authenticated) {
        m_streamFeatures.clear();
        for (QDomElement child = features.firstChildElement(); !child.isNull(); child = child.nextSiblingElement())
            m_streamFeatures.insert({child.namespaceURI(), child.localName()});
    }
    if (m_current >= qsizetype(m_steps.size()))
        return;   // negotiation is over: there is nothing left to negotiate, nor to do twice
    m_features = features;
    advance();
}

void StreamNegotiator::advance()
{
    while (m_current < qsizetype(m_steps.size())) {
        if (!follow(m_current, m_steps[m_current]->begin(m_features)))
            return;
    }
    m_context->owner.negotiationFinished();
}

bool StreamNegotiator::follow(qsizetype index, const Result &result)
{
    switch (result.kind) {
    case Result::Kind::Waiting:
        return false;
    case Result::Kind::NotNeeded:
    case Result::Kind::Done:
        m_current = index + 1;
        return true;
    case Result::Kind::Restart:
        m_current = index + 1;
        m_context->owner.restartStream();
        return false;
    case Result::Kind::Complete:
        m_current = qsizetype(m_steps.size());
        m_context->owner.negotiationResumed();
        return false;
    case Result::Kind::Failed:
        // Last: the owner's fail() may reset this negotiator and its steps.
        m_context->owner.fail(result.error, result.description);
        return false;
    }
    return false;
}

void StreamNegotiator::finishedLater(const NegotiationStep &step, const Result &result)
{
    // Only the step that runs has something to finish: any other one's late answer is stale.
    if (m_current >= qsizetype(m_steps.size()) || m_steps[m_current].get() != &step)
        return;
    if (follow(m_current, result))
        advance();
}

// ---------------------------------------------------------------------------------------------------------
// Stream errors (RFC 6120 §4.9)

void StreamNegotiator::handleStreamError(const QDomElement &element)
{
    QString condition;
    QString text;
    for (QDomElement child = element.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.namespaceURI() != ns::Streams)
            continue;
        if (child.tagName() == u"text")
            text = child.text();
        else if (condition.isEmpty())
            condition = child.tagName();
    }
    Error code = Error::StreamError;
    if (condition == u"conflict")
        code = Error::Conflict;
    else if (condition == u"not-authorized")
        code = Error::AuthenticationFailed;
    m_context->owner.fail(code, ClientErrors::describeStreamError(condition, text));
}
