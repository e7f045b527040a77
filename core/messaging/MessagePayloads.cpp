// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "messaging/MessagePayloads.h"

#include "stanza/Iq.h"
#include "xml/Namespaces.h"

using namespace Qt::StringLiterals;

namespace MessagePayloads {

namespace {
QString attributeOf(const Message &message, const QString &name, const QString &ns, const QString &attribute)
{
    const QDomElement element = message.extension(name, ns);
    return element.isNull() ? QString() : element.attribute(attribute);
}
} // namespace

bool hasReceiptRequest(const Message &message)
{
    return message.hasExtension(u"request"_s, ns::Receipts);
}

QString receivedId(const Message &message)
{
    return attributeOf(message, u"received"_s, ns::Receipts, u"id"_s);
}

bool isMarkable(const Message &message)
{
    return message.hasExtension(u"markable"_s, ns::ChatMarkers);
}

QString displayedId(const Message &message)
{
    return attributeOf(message, u"displayed"_s, ns::ChatMarkers, u"id"_s);
}

ChatState chatState(const Message &message)
{
    for (const QDomElement &element : message.extensions) {
        if (element.namespaceURI() != ns::ChatStates)
            continue;
        if (const auto state = ChatStates::fromElementName(element.tagName()))
            return *state;
    }
    return ChatState::None;
}

QString replaceId(const Message &message)
{
    return attributeOf(message, u"replace"_s, ns::MessageCorrection, u"id"_s);
}

QString originId(const Message &message)
{
    return attributeOf(message, u"origin-id"_s, ns::StanzaIds, u"id"_s);
}

QString stanzaIdBy(const Message &message, const Jid &by)
{
    QString found;
    int count = 0;
    for (const QDomElement &element : message.extensions) {
        if (element.tagName() != u"stanza-id" || element.namespaceURI() != ns::StanzaIds)
            continue;
        const auto elementBy = Jid::parse(element.attribute(u"by"_s));
        if (!elementBy || *elementBy != by)
            continue;
        found = element.attribute(u"id"_s);
        ++count;
    }
    return count == 1 ? found : QString();
}

QDateTime delayStamp(const QDomElement &element)
{
    for (QDomElement child = element.firstChildElement(u"delay"_s); !child.isNull();
         child = child.nextSiblingElement(u"delay"_s)) {
        if (child.namespaceURI() != ns::Delay)
            continue;
        // XEP-0203 §3: the stamp is an XEP-0082 DateTime, UTC, fractions optional.
        QDateTime stamp = QDateTime::fromString(child.attribute(u"stamp"_s), Qt::ISODateWithMs);
        if (stamp.isValid())
            return stamp.toUTC();
    }
    return {};
}

QDateTime delayStampFrom(const Message &message, const Jid &from)
{
    QDateTime found;
    int count = 0;
    for (const QDomElement &element : message.extensions) {
        if (element.tagName() != u"delay" || element.namespaceURI() != ns::Delay)
            continue;
        const auto elementFrom = Jid::parse(element.attribute(u"from"_s));
        if (!elementFrom || from.isNull() || *elementFrom != from)
            continue;
        found = QDateTime::fromString(element.attribute(u"stamp"_s), Qt::ISODateWithMs);
        ++count;
    }
    return count == 1 && found.isValid() ? found.toUTC() : QDateTime();
}

std::optional<qint64> expireSeconds(const Message &message)
{
    const QDomElement x = message.extension(u"x"_s, ns::Expire);
    if (x.isNull())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = x.attribute(u"seconds"_s).toLongLong(&ok);
    if (!ok || seconds < 0)
        return std::nullopt;
    return seconds;
}

QDomElement element(const QString &name, const QString &ns)
{
    return Iq::makePayload(name, ns);
}

void add(Message &message, const QString &name, const QString &ns, const QString &attribute, const QString &value)
{
    QDomElement payload = element(name, ns);
    if (!attribute.isEmpty())
        payload.setAttribute(attribute, value);
    message.extensions << payload;
}

} // namespace MessagePayloads
