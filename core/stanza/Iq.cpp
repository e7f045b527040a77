// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/Iq.h"

#include "xml/XmlWriter.h"

#include <QDomDocument>
#include <QXmlStreamWriter>

#include <array>

using namespace Qt::StringLiterals;

namespace {

// RFC 6120 §8.2.3, in the enum's order.
constexpr std::array<QStringView, 4> typeNames{u"get", u"set", u"result", u"error"};

} // namespace

std::optional<Iq> Iq::fromElement(const QDomElement &element)
{
    if (!isClientElement(element, u"iq"))
        return std::nullopt;

    // RFC 6120 §8.2.3: the id and a known type are REQUIRED; without them nobody can answer or match it.
    const auto type = typeFromName(element.attribute(u"type"_s));
    if (!type || element.attribute(u"id"_s).isEmpty())
        return std::nullopt;

    Iq iq;
    iq.type = *type;
    if (!iq.readCommon(element, {}))
        return std::nullopt;
    // The first child that is not the <error/> is the payload (a get/set has exactly one, a result at most
    // one, an error may echo the request's). Any further children stay in extensions, so that the caller
    // can still see them (and answer a malformed request with bad-request).
    if (!iq.extensions.isEmpty())
        iq.payload = iq.extensions.takeFirst();
    return iq;
}

void Iq::write(QXmlStreamWriter &out) const
{
    out.writeStartElement(u"iq"_s);
    writeCommonAttributes(out);
    out.writeAttribute(u"type"_s, typeName(type));
    if (payloadWriter)
        payloadWriter(out);
    else if (!payload.isNull())
        XmlWriter::writeElement(out, payload);
    writeErrorAndExtensions(out);
    out.writeEndElement();
}

QByteArray Iq::toXml() const
{
    return XmlWriter::toBytes([this](QXmlStreamWriter &out) { write(out); });
}

Iq Iq::makeResult() const
{
    // RFC 6120 §8.2.3: the answer goes back to the requester with the same id. No 'from': our server
    // stamps it (§8.1.2.1).
    Iq result;
    result.type = Type::Result;
    result.id = id;
    result.to = from;
    return result;
}

Iq Iq::makeError(StanzaError::Type type, StanzaError::Condition condition, const QString &text) const
{
    Iq reply = makeResult();
    reply.type = Type::Error;
    StanzaError stanzaError;
    stanzaError.type = type;
    stanzaError.condition = condition;
    stanzaError.text = text;
    reply.error = stanzaError;
    return reply;
}

QDomElement Iq::makePayload(const QString &name, const QString &xmlns)
{
    // Appended to its document rather than only created by it: when the document goes, Qt detaches its
    // children cleanly, whereas a node that was never in the tree would keep a dangling owner pointer
    // that a later appendChild() on it writes through.
    QDomDocument document;
    QDomElement element = document.createElementNS(xmlns, name);
    document.appendChild(element);
    return element;
}

QString Iq::typeName(Type type)
{
    return typeNames[static_cast<std::size_t>(type)].toString();
}

std::optional<Iq::Type> Iq::typeFromName(QStringView name)
{
    for (std::size_t i = 0; i < typeNames.size(); ++i) {
        if (typeNames[i] == name)
            return static_cast<Type>(i);
    }
    return std::nullopt;
}
