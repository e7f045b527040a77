// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/DiscoveryManager.h"

#include "client/XmppClient.h"
#include "stanza/Iq.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QXmlStreamWriter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool isQuery(const QDomElement &element, const QString &xmlns)
{
    return element.localName() == u"query" && element.namespaceURI() == xmlns;
}

/// Writes a <query xmlns=@p xmlns/> for a request, with the node attribute if any.
std::function<void(QXmlStreamWriter &)> queryWriter(const QString &xmlns, const QString &node)
{
    return [xmlns, node](QXmlStreamWriter &out) {
        out.writeStartElement(u"query"_s);
        out.writeDefaultNamespace(xmlns);
        if (!node.isEmpty())
            out.writeAttribute(u"node"_s, XmlWriter::xmlSafe(node));
        out.writeEndElement();
    };
}

/// Our disco#info answer (XEP-0030 §3.1): at least one identity, then the features.
void writeInfo(QXmlStreamWriter &out, const DiscoveryManager::Identity &identity, const QStringList &features)
{
    out.writeStartElement(u"query"_s);
    out.writeDefaultNamespace(ns::DiscoInfo);
    out.writeStartElement(u"identity"_s);
    out.writeAttribute(u"category"_s, identity.category);
    out.writeAttribute(u"type"_s, identity.type);
    if (!identity.name.isEmpty())
        out.writeAttribute(u"name"_s, XmlWriter::xmlSafe(identity.name));
    if (!identity.lang.isEmpty())
        out.writeAttribute(ns::Xml, u"lang"_s, identity.lang);
    out.writeEndElement();
    for (const QString &feature : features) {
        out.writeStartElement(u"feature"_s);
        out.writeAttribute(u"var"_s, feature);
        out.writeEndElement();
    }
    out.writeEndElement();
}

StanzaError malformed(const QString &what)
{
    StanzaError error;
    error.type = StanzaError::Type::Modify;
    error.condition = StanzaError::Condition::BadRequest;
    error.text = what;
    return error;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// Requests

DiscoveryManager::DiscoveryManager(QObject *parent) : Extension(parent), m_identity{u"client"_s, u"pc"_s, u"Xin"_s, {}}
{ }

void DiscoveryManager::requestInfo(const Jid &jid, const QString &node, QObject *context,
                                   std::function<void(const InfoReply &)> callback)
{
    Iq request;
    request.type = Iq::Type::Get;
    request.to = jid;
    request.payloadWriter = queryWriter(ns::DiscoInfo, node);
    client()->sendIq(request, context, [jid, callback = std::move(callback)](const IqReply &answer) {
        auto reply = InfoReply::fromAnswer(answer);
        if (answer.isResult()) {
            if (auto info = Info::fromQuery(answer.iq.payload)) {
                reply.value = *info;
                reply.value.jid = jid;
            } else {
                reply.status = IqReply::Status::Error;
                reply.error = malformed(u"no disco#info query in the answer"_s);
            }
        }
        callback(reply);
    });
}

void DiscoveryManager::requestItems(const Jid &jid, const QString &node, QObject *context,
                                    std::function<void(const ItemsReply &)> callback)
{
    Iq request;
    request.type = Iq::Type::Get;
    request.to = jid;
    request.payloadWriter = queryWriter(ns::DiscoItems, node);
    client()->sendIq(request, context, [callback = std::move(callback)](const IqReply &answer) {
        auto reply = ItemsReply::fromAnswer(answer);
        if (answer.isResult()) {
            if (isQuery(answer.iq.payload, ns::DiscoItems)) {
                reply.value = Item::listFromQuery(answer.iq.payload);
            } else {
                reply.status = IqReply::Status::Error;
                reply.error = malformed(u"no disco#items query in the answer"_s);
            }
        }
        callback(reply);
    });
}

// ---------------------------------------------------------------------------------------------------------
// Answers about ourselves

QStringList DiscoveryManager::discoveryFeatures() const
{
    return {ns::DiscoInfo, ns::DiscoItems};
}

QStringList DiscoveryManager::ownFeatures() const
{
    QStringList features{ns::Ping};   // XmppClient answers pings itself (XEP-0199 §4)
    if (client()) {
        for (const Extension *extension : client()->extensions())
            features += extension->discoveryFeatures();
    } else {
        features += discoveryFeatures();
    }
    features.sort();
    features.removeDuplicates();
    return features;
}

bool DiscoveryManager::handleStanza(const QDomElement &stanza)
{
    if (stanza.tagName() != u"iq" || stanza.attribute(u"type"_s) != u"get")
        return false;
    const QDomElement query = stanza.firstChildElement();
    const bool info = isQuery(query, ns::DiscoInfo);
    if (!info && !isQuery(query, ns::DiscoItems))
        return false;
    const auto request = Iq::fromElement(stanza);
    if (!request)
        return false;

    if (!query.attribute(u"node"_s).isEmpty()) {
        // XEP-0030 §3.1/§4.1: we publish no nodes (no entity capabilities yet).
        client()->send(request->makeError(StanzaError::Type::Cancel, StanzaError::Condition::ItemNotFound));
        return true;
    }
    Iq result = request->makeResult();
    if (info) {
        result.payloadWriter = [identity = m_identity, features = ownFeatures()](QXmlStreamWriter &out) {
            writeInfo(out, identity, features);
        };
    } else {
        result.payloadWriter = queryWriter(ns::DiscoItems, {});   // we have no items (XEP-0030 §4.1)
    }
    client()->send(result);
    return true;
}
