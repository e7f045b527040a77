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

/// A <query xmlns=@p xmlns/> for a request, with the node attribute if any.
QDomElement makeQuery(const QString &xmlns, const QString &node)
{
    return XmlWriter::parseElement(QString::fromUtf8(XmlWriter::toBytes([&](QXmlStreamWriter &out) {
        out.writeStartElement(u"query"_s);
        out.writeDefaultNamespace(xmlns);
        if (!node.isEmpty())
            out.writeAttribute(u"node"_s, XmlWriter::xmlSafe(node));
        out.writeEndElement();
    })));
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

DiscoveryManager::DiscoveryManager(QObject *parent)
    : Extension(parent), m_identity{u"client"_s, u"pc"_s, u"Xin"_s, {}}
{
}

void DiscoveryManager::requestInfo(const Jid &jid, const QString &node, QObject *context,
                                   std::function<void(const InfoReply &)> callback)
{
    Iq request;
    request.type = Iq::Type::Get;
    request.to = jid;
    request.payload = makeQuery(InfoNamespace, node);
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
    request.payload = makeQuery(ItemsNamespace, node);
    client()->sendIq(request, context, [callback = std::move(callback)](const IqReply &answer) {
        auto reply = ItemsReply::fromAnswer(answer);
        if (answer.isResult()) {
            if (isQuery(answer.iq.payload, ItemsNamespace)) {
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
    return {InfoNamespace, ItemsNamespace};
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
    const bool info = isQuery(query, InfoNamespace);
    if (!info && !isQuery(query, ItemsNamespace))
        return false;
    const auto request = Iq::fromElement(stanza);
    if (!request)
        return false;

    const QString node = query.attribute(u"node"_s);
    if (!node.isEmpty()) {
        // XEP-0030 §3.1/§4.1: we publish no nodes (no entity capabilities yet).
        client()->sendElement(XmlWriter::parseElement(QString::fromUtf8(
            request->makeError(StanzaError::Type::Cancel, StanzaError::Condition::ItemNotFound).toXml())));
        return true;
    }
    Iq result = request->makeResult();
    result.payload = XmlWriter::parseElement(QString::fromUtf8(XmlWriter::toBytes([&](QXmlStreamWriter &out) {
        out.writeStartElement(u"query"_s);
        out.writeDefaultNamespace(info ? InfoNamespace : ItemsNamespace);
        if (info) {   // XEP-0030 §3.1: at least one identity, then the features
            out.writeStartElement(u"identity"_s);
            out.writeAttribute(u"category"_s, m_identity.category);
            out.writeAttribute(u"type"_s, m_identity.type);
            if (!m_identity.name.isEmpty())
                out.writeAttribute(u"name"_s, m_identity.name);
            if (!m_identity.lang.isEmpty())
                out.writeAttribute(ns::Xml, u"lang"_s, m_identity.lang);
            out.writeEndElement();
            for (const QString &feature : ownFeatures()) {
                out.writeStartElement(u"feature"_s);
                out.writeAttribute(u"var"_s, feature);
                out.writeEndElement();
            }
        }
        // disco#items: we have none (XEP-0030 §4.1: an empty query).
        out.writeEndElement();
    })));
    client()->sendElement(XmlWriter::parseElement(QString::fromUtf8(result.toXml())));
    return true;
}
