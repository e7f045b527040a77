// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stream/StreamManagementStep.h"

#include "client/StreamManagement.h"
#include "stream/NegotiationContext.h"
#include "xml/Namespaces.h"

#include <QDomElement>

using namespace Qt::StringLiterals;

using Error = XmppClient::Error;

namespace {
bool offersStreamManagement(const QDomElement &features)
{
    for (QDomElement child = features.firstChildElement(u"sm"_s); !child.isNull();
         child = child.nextSiblingElement(u"sm"_s)) {
        if (child.namespaceURI() == ns::StreamManagement)
            return true;
    }
    return false;
}
} // namespace

NegotiationStep::Result StreamManagementStep::begin(const QDomElement &features)
{
    StreamManagement &sm = m_context.owner.streamManagement();
    const bool offered = offersStreamManagement(features);
    if (m_role == Role::Enable) {
        if (offered && m_context.owner.configuration().streamManagement)
            sm.enable();
        return Result::notNeeded();
    }
    if (!sm.hasSession())
        return Result::notNeeded();
    if (!sm.canResume() || !offered) {
        // The server's window passed (XEP-0198 §5 'max'), or it forgot stream management (a restart with
        // another configuration): the old session cannot go on; a new one starts with binding.
        sm.resumeFailed(std::nullopt);
        m_context.owner.resumptionFailed();
        return Result::notNeeded();
    }
    m_context.owner.setState(XmppClient::State::Resuming);
    m_context.owner.writeXml(sm.resumeElement(), {});
    m_waiting = true;
    return Result::waiting();
}

bool StreamManagementStep::handles(const QDomElement &element) const
{
    // Only the answer to our <resume/>: <enabled/>, <r/> and <a/> belong to the client's StreamManagement.
    return m_role == Role::Resume && m_waiting && element.namespaceURI() == ns::StreamManagement
        && (element.tagName() == u"resumed" || element.tagName() == u"failed");
}

NegotiationStep::Result StreamManagementStep::handleElement(const QDomElement &element)
{
    m_waiting = false;
    StreamManagement &sm = m_context.owner.streamManagement();
    bool hasH = false;
    const quint32 h = element.attribute(u"h"_s).toUInt(&hasH);
    if (element.tagName() == u"failed") {
        // XEP-0198 §5: the session is gone (its window passed, the server restarted). Bind a new one on this
        // stream; what the old one did not deliver goes again from the outbox.
        sm.resumeFailed(hasH ? std::optional<quint32>(h) : std::nullopt);
        m_context.owner.resumptionFailed();
        return Result::done();
    }
    if (!hasH || element.attribute(u"previd"_s) != sm.resumptionId())
        return Result::failed(Error::ProtocolError, tr("the server resumed a session that is not ours"));
    if (!sm.resumed(h))
        return Result::failed(Error::ProtocolError,
                              tr("the server claims to have handled more messages than were sent"));
    return Result::complete();
}
