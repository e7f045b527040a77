// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/Message.h"

#include "xml/XmlWriter.h"

#include <QXmlStreamWriter>

#include <array>

using namespace Qt::StringLiterals;

namespace {

// RFC 6121 §5.2.2, in the enum's order.
constexpr std::array<QStringView, 5> typeNames{u"normal", u"chat", u"groupchat", u"headline", u"error"};

} // namespace

std::optional<Message> Message::fromElement(const QDomElement &element)
{
    if (!isClientElement(element, u"message"))
        return std::nullopt;

    Message message;
    if (!message.readCommon(element, {u"body"_s, u"subject"_s, u"thread"_s}))
        return std::nullopt;

    // RFC 6121 §5.2.2: a missing or unknown type is treated as normal.
    message.type = typeFromName(element.attribute(u"type"_s)).value_or(Type::Normal);
    message.body = message.readLocalizedChild(element, u"body"_s).text();
    message.subject = message.readLocalizedChild(element, u"subject"_s).text();
    // RFC 6121 §5.2.5 allows a single <thread/>; readLocalizedChild keeps any extra one in extensions.
    const QDomElement thread = message.readLocalizedChild(element, u"thread"_s);
    message.thread = thread.text();
    message.threadParent = thread.attribute(u"parent"_s);
    return message;
}

void Message::write(QXmlStreamWriter &out) const
{
    out.writeStartElement(u"message"_s);
    writeCommonAttributes(out);
    if (type != Type::Normal)
        out.writeAttribute(u"type"_s, typeName(type));
    if (!subject.isEmpty())
        out.writeTextElement(u"subject"_s, XmlWriter::xmlSafe(subject));
    if (!body.isEmpty())
        out.writeTextElement(u"body"_s, XmlWriter::xmlSafe(body));
    if (!thread.isEmpty()) {
        out.writeStartElement(u"thread"_s);
        if (!threadParent.isEmpty())
            out.writeAttribute(u"parent"_s, threadParent);
        out.writeCharacters(XmlWriter::xmlSafe(thread));
        out.writeEndElement();
    }
    writeErrorAndExtensions(out);
    out.writeEndElement();
}

QByteArray Message::toXml() const
{
    return XmlWriter::toBytes([this](QXmlStreamWriter &out) { write(out); });
}

QString Message::typeName(Type type)
{
    return typeNames[static_cast<std::size_t>(type)].toString();
}

std::optional<Message::Type> Message::typeFromName(QStringView name)
{
    if (name.isEmpty())
        return Type::Normal;
    for (std::size_t i = 0; i < typeNames.size(); ++i) {
        if (typeNames[i] == name)
            return static_cast<Type>(i);
    }
    return std::nullopt;
}
