// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stream/BindStep.h"

#include "client/IqReply.h"
#include "stanza/Iq.h"
#include "stream/NegotiationContext.h"
#include "xml/Namespaces.h"

#include <QDomDocument>

using namespace Qt::StringLiterals;

using Error = XmppClient::Error;

void BindStep::reset()
{
    // Nothing to forget: a request of the previous connection knows its NegotiationContext::connection.
}

NegotiationStep::Result BindStep::begin(const QDomElement &features)
{
    const QDomElement bindFeature = features.firstChildElement(u"bind"_s);
    if (bindFeature.isNull() || bindFeature.namespaceURI() != ns::Bind)
        return Result::failed(Error::ProtocolError, tr("the server offers no resource binding"));
    // RFC 6121 Appendix E: the legacy session step, only when the server does not mark it optional.
    const QDomElement session = features.firstChildElement(u"session"_s);
    const bool sessionRequired = !session.isNull() && session.namespaceURI() == ns::Session
                              && session.firstChildElement(u"optional"_s).isNull();
    bind(sessionRequired);
    return Result::waiting();
}

void BindStep::bind(bool sessionRequired)
{
    const ConnectionConfiguration &config = m_context.owner.configuration();
    m_context.owner.setState(XmppClient::State::Binding);
    Iq iq;
    iq.type = Iq::Type::Set;
    // The document must outlive the elements built in it (a detached element's ownerDocument() is a
    // throwaway one).
    QDomDocument document;
    QDomElement payload = document.createElementNS(ns::Bind, u"bind"_s);
    document.appendChild(payload);
    const QString resource = config.resource.isEmpty() ? config.jid.resource() : config.resource;
    if (!resource.isEmpty()) {
        QDomElement resourceElement = document.createElementNS(ns::Bind, u"resource"_s);
        resourceElement.appendChild(document.createTextNode(resource));
        payload.appendChild(resourceElement);
    }
    iq.payload = payload;
    m_context.owner.sendIq(iq, [this, connection = m_context.connection, sessionRequired](const IqReply &reply) {
        if (connection == m_context.connection)   // not the cancelled request of a connection that failed
            m_context.finishedLater(*this, bound(reply, sessionRequired));
    });
}

NegotiationStep::Result BindStep::bound(const IqReply &reply, bool sessionRequired)
{
    if (!reply.isResult()) {
        const QString why = reply.iq.error ? StanzaError::conditionName(reply.iq.error->condition) : tr("no answer");
        return Result::failed(Error::BindFailed, tr("the server refused to bind a resource (%1)").arg(why));
    }
    const QString text = reply.iq.payload.firstChildElement(u"jid"_s).text();
    const auto jid = Jid::parse(text);
    // RFC 6120 §7.6.1: the server may change the resource, never the account.
    if (!jid || !jid->isFull() || jid->bare() != m_context.owner.configuration().jid.bare())
        return Result::failed(Error::ProtocolError, tr("the server bound an unexpected address: %1").arg(text));
    m_context.owner.resourceBound(*jid);
    if (!sessionRequired)
        return Result::done();
    startSession();
    return Result::waiting();
}

void BindStep::startSession()
{
    Iq session;
    session.type = Iq::Type::Set;
    session.payload = Iq::makePayload(u"session"_s, ns::Session);
    // Only a missing answer fails the sign-in: RFC 6121 Appendix E made the session a no-op, so an error
    // answer is no reason to stop.
    m_context.owner.sendIq(session, [this, connection = m_context.connection](const IqReply &reply) {
        if (connection != m_context.connection)
            return;
        if (reply.status == IqReply::Status::Timeout || reply.status == IqReply::Status::Disconnected)
            m_context.finishedLater(*this, Result::failed(Error::Timeout, tr("the server did not start the session")));
        else
            m_context.finishedLater(*this, Result::done());
    });
}
