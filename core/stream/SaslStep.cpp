// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stream/SaslStep.h"

#include "client/ClientErrors.h"
#include "crypto/ChannelBinding.h"
#include "stream/NegotiationContext.h"
#include "stream/SaslAuthenticator.h"
#include "xml/Namespaces.h"

#include <QDomElement>

using namespace Qt::StringLiterals;

using Error = XmppClient::Error;
using State = XmppClient::State;

namespace {
/// The offer: <mechanisms/> and the XEP-0440 channel-binding types the server supports.
SaslAuthenticator::Input offer(const QDomElement &mechanisms, const QDomElement &features)
{
    SaslAuthenticator::Input input;
    for (QDomElement m = mechanisms.firstChildElement(u"mechanism"_s); !m.isNull();
         m = m.nextSiblingElement(u"mechanism"_s))
        input.offeredMechanisms << m.text().trimmed();
    for (QDomElement child = features.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.namespaceURI() != ns::SaslChannelBinding)
            continue;
        input.channelBindingsAdvertised = true;
        for (QDomElement cb = child.firstChildElement(u"channel-binding"_s); !cb.isNull();
             cb = cb.nextSiblingElement(u"channel-binding"_s))
            input.offeredChannelBindings << cb.attribute(u"type"_s);
    }
    return input;
}
} // namespace

SaslStep::SaslStep(NegotiationContext &context) : NegotiationStep(context) { }

SaslStep::~SaslStep() = default;

void SaslStep::reset()
{
    m_sasl.reset();
}

NegotiationStep::Result SaslStep::begin(const QDomElement &features)
{
    if (m_context.authenticated)
        return Result::notNeeded();
    m_refusedMechanism.clear();
    const QDomElement mechanisms = features.firstChildElement(u"mechanisms"_s);
    if (mechanisms.isNull() || mechanisms.namespaceURI() != ns::Sasl)
        return Result::failed(Error::ProtocolError, tr("the server offers no way to sign in (no SASL mechanisms)"));
    return authenticate(mechanisms, features);
}

NegotiationStep::Result SaslStep::authenticate(const QDomElement &mechanisms, const QDomElement &features)
{
    const ConnectionConfiguration &config = m_context.owner.configuration();
    SaslAuthenticator::Input input = offer(mechanisms, features);
    input.allowedMechanisms = config.allowedSaslMechanisms;
    input.encrypted = m_context.encrypted;
    if (input.encrypted && m_context.peerCertificate)
        input.tlsServerEndPoint = ChannelBinding::tlsServerEndPoint(*m_context.peerCertificate);
    input.username = config.jid.local();
    input.password = config.password;
    input.pinnedMechanism = config.saslPin;
    input.acceptWeaker = config.acceptWeakerSasl;

    m_sasl = std::make_unique<SaslAuthenticator>();
    QString reason;
    const auto chosen = m_sasl->choose(input, &reason);
    if (!chosen) {
        if (m_sasl->failure() == SaslAuthenticator::Failure::Downgrade)
            return failDowngrade(m_sasl->mechanism());
        return Result::failed(Error::NoSuitableMechanism, tr("cannot sign in safely: %1").arg(reason));
    }
    const auto initial = m_sasl->initialResponse(&reason);
    if (!initial)
        return Result::failed(Error::AuthenticationFailed, tr("cannot sign in: %1").arg(reason));
    m_context.owner.setState(State::Authenticating);
    // RFC 6120 §6.4.2: an empty initial response is sent as "=".
    const QByteArray payload = initial->isEmpty() ? "="_ba : initial->toBase64();
    const QByteArray open = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='" + chosen->toUtf8() + "'>";
    m_context.owner.writeXml(open + payload + "</auth>", open + "[redacted]</auth>");
    return Result::waiting();
}

bool SaslStep::handles(const QDomElement &element) const
{
    return element.namespaceURI() == ns::Sasl;
}

NegotiationStep::Result SaslStep::handleElement(const QDomElement &element)
{
    // Only between our <auth/> and the outcome (RFC 6120 §6.4): a <success/> nobody asked for proves nothing.
    if (m_context.owner.clientState() != State::Authenticating || !m_sasl)
        return Result::failed(Error::ProtocolError, tr("unexpected SASL element from the server"));
    const QString name = element.tagName();
    const QByteArray data = QByteArray::fromBase64(element.text().trimmed().toLatin1());
    if (name == u"challenge")
        return respond(data);
    if (name == u"success")
        return succeed(data);
    if (name == u"failure")
        return failure(element);
    return Result::failed(Error::ProtocolError, tr("unexpected SASL element <%1/>").arg(name));
}

NegotiationStep::Result SaslStep::respond(const QByteArray &challenge)
{
    QString reason;
    const auto response = m_sasl->respond(challenge, &reason);
    if (!response) {
        m_context.owner.writeXml("<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"_ba, {});
        if (m_sasl->failure() == SaslAuthenticator::Failure::Downgrade)
            return failDowngrade(m_sasl->mechanism());
        return Result::failed(Error::ProtocolError,
                              tr("the server's authentication challenge is invalid: %1").arg(reason));
    }
    const QByteArray open = "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"_ba;
    m_context.owner.writeXml(open + (response->isEmpty() ? QByteArray() : response->toBase64()) + "</response>",
                             open + "[redacted]</response>");
    return Result::waiting();
}

NegotiationStep::Result SaslStep::succeed(const QByteArray &additionalData)
{
    QString reason;
    if (!m_sasl->verifySuccess(additionalData, &reason))
        return Result::failed(Error::ProtocolError, tr("the server could not prove its identity: %1").arg(reason));
    const QString mechanism = m_sasl->mechanism();
    m_context.owner.saslSucceeded(mechanism);
    m_context.authenticated = true;
    // XEP-0474 §5: remember the strongest mechanism this account has used, so a later offer without it is
    // noticed (SaslAuthenticator::Input::pinnedMechanism).
    const QString pin = m_context.owner.configuration().saslPin;
    if (pin.isEmpty() || SaslAuthenticator::isWeaker(pin, mechanism))
        m_context.owner.saslPinRaised(mechanism);
    m_sasl.reset();
    m_context.owner.setState(State::Binding);
    return Result::restart();
}

NegotiationStep::Result SaslStep::failure(const QDomElement &element) const
{
    const QDomElement condition = element.firstChildElement();
    const QString conditionName = condition.isNull() ? u"not-authorized"_s : condition.tagName();
    const QString text = element.firstChildElement(u"text"_s).text();
    Error code = Error::AuthenticationFailed;
    if (conditionName == u"account-disabled")
        code = Error::AccountDisabled;
    else if (conditionName == u"encryption-required")
        code = Error::TlsUnavailable;
    return Result::failed(code, ClientErrors::describeSaslFailure(conditionName, text));
}

NegotiationStep::Result SaslStep::failDowngrade(const QString &offered)
{
    // XEP-0474 §5: the account signed in with a stronger mechanism before, and nothing proves the server
    // dropped it: an attacker may have edited the offer. Only the user may accept it (acceptWeakerSasl).
    m_refusedMechanism = offered;
    return Result::failed(Error::MechanismDowngrade,
                          tr("the server now offers only %1, weaker than %2 used before; someone may be tampering with "
                             "the connection. Sign in anyway only if the server's operator changed it.")
                              .arg(offered, m_context.owner.configuration().saslPin));
}
