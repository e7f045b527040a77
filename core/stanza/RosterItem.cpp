// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/RosterItem.h"

#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QSet>
#include <QXmlStreamWriter>

#include <array>

using namespace Qt::StringLiterals;

namespace {

// RFC 6121 §2.1.2.5, in the enum's order.
constexpr std::array<QStringView, 5> subscriptionNames{u"none", u"to", u"from", u"both", u"remove"};

} // namespace

std::optional<RosterItem> RosterItem::fromElement(const QDomElement &item)
{
    if (item.localName() != u"item" || item.namespaceURI() != ns::Roster)
        return std::nullopt;
    const auto jid = Jid::parse(item.attribute(u"jid"_s));
    // RFC 6121 §2.1.2.3: the item is for an account (a bare JID); a full JID here is not a contact.
    if (!jid || !jid->isBare())
        return std::nullopt;

    RosterItem result;
    result.jid = *jid;
    result.name = item.attribute(u"name"_s);
    result.subscription = subscriptionFromName(item.attribute(u"subscription"_s)).value_or(Subscription::None);
    // §2.1.2.2: 'subscribe' is the only defined value of ask.
    result.pendingOut = item.attribute(u"ask"_s) == u"subscribe";
    // §2.1.2.1: xs:boolean.
    const QString approved = item.attribute(u"approved"_s);
    result.approved = approved == u"true" || approved == u"1";
    // A set beside the list: a hostile server's item may carry tens of thousands of groups, and a list search
    // for each would take seconds (docs/SECURITY.md rule 6: bounded work per stanza).
    QSet<QString> seen;
    for (QDomElement group = item.firstChildElement(); !group.isNull(); group = group.nextSiblingElement()) {
        if (group.localName() != u"group" || group.namespaceURI() != ns::Roster)
            continue;
        // §2.1.2.4: an empty group name is not allowed, and an item is in each group once.
        const QString groupName = group.text();
        if (!groupName.isEmpty() && !seen.contains(groupName)) {
            seen.insert(groupName);
            result.groups.append(groupName);
        }
    }
    return result;
}

void RosterItem::write(QXmlStreamWriter &out) const
{
    out.writeStartElement(u"item"_s);
    out.writeDefaultNamespace(ns::Roster);
    out.writeAttribute(u"jid"_s, jid.toString());
    if (!name.isEmpty())
        out.writeAttribute(u"name"_s, XmlWriter::xmlSafe(name));
    if (subscription != Subscription::None)
        out.writeAttribute(u"subscription"_s, subscriptionName(subscription));
    if (pendingOut)
        out.writeAttribute(u"ask"_s, u"subscribe"_s);
    if (approved)
        out.writeAttribute(u"approved"_s, u"true"_s);
    QSet<QString> written;   // a set, as in fromElement(): an item read from a hostile server is written back
    for (const QString &group : groups) {
        const QString safe = XmlWriter::xmlSafe(group);
        if (safe.isEmpty() || written.contains(safe))
            continue;
        written.insert(safe);
        out.writeTextElement(u"group"_s, safe);
    }
    out.writeEndElement();
}

QString RosterItem::subscriptionName(Subscription subscription)
{
    return subscriptionNames[static_cast<std::size_t>(subscription)].toString();
}

std::optional<RosterItem::Subscription> RosterItem::subscriptionFromName(QStringView name)
{
    for (std::size_t i = 0; i < subscriptionNames.size(); ++i) {
        if (subscriptionNames[i] == name)
            return static_cast<Subscription>(i);
    }
    return std::nullopt;
}
