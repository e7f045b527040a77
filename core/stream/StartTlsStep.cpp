// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stream/StartTlsStep.h"

#include "stream/NegotiationContext.h"
#include "xml/Namespaces.h"

#include <QDomElement>

using namespace Qt::StringLiterals;

using Error = XmppClient::Error;
using SecurityMode = ConnectionConfiguration::SecurityMode;

void StartTlsStep::reset()
{
    m_requested = false;
}

NegotiationStep::Result StartTlsStep::begin(const QDomElement &features)
{
    if (m_context.encrypted)
        return Result::notNeeded();
    const ConnectionConfiguration &config = m_context.owner.configuration();
    const QDomElement starttls = features.firstChildElement(u"starttls"_s);
    const bool offered = !starttls.isNull() && starttls.namespaceURI() == ns::Tls;
    if (offered && config.securityMode != SecurityMode::Disabled) {
        m_context.owner.setState(XmppClient::State::Encrypting);
        m_context.owner.writeXml("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"_ba, {});
        m_requested = true;
        return Result::waiting();
    }
    if (config.securityMode == SecurityMode::Required) {
        // docs/SECURITY.md rule 1: a stripped <starttls/> must not lead to authenticating in the clear.
        return Result::failed(
            Error::TlsUnavailable,
            tr("the server does not offer encryption (STARTTLS); signing in without it is not allowed"));
    }
    return Result::notNeeded();
}

bool StartTlsStep::handles(const QDomElement &element) const
{
    return element.namespaceURI() == ns::Tls;
}

NegotiationStep::Result StartTlsStep::handleElement(const QDomElement &element)
{
    // RFC 6120 §5.4.2.3: one <proceed/>, and only in answer to our <starttls/>. A second one, or one nobody
    // asked for (on a Direct TLS stream, say), is out of order: it would start a handshake inside TLS.
    if (element.tagName() == u"proceed" && m_requested
        && m_context.owner.clientState() == XmppClient::State::Encrypting) {
        m_requested = false;
        m_context.owner.startTls();
        return Result::waiting();
    }
    // RFC 6120 §5.4.2.2: <failure/> ends the stream; never continue without TLS (docs/SECURITY.md rule 1).
    return Result::failed(Error::TlsUnavailable, tr("the server refused to start encryption (STARTTLS failure)"));
}
