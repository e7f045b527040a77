// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

class QDomElement;
class QXmlStreamWriter;

/// One <item/> of a jabber:iq:roster query (RFC 6121 §2.1.2): a contact, the user's name for it (the
/// remark), its groups and the state of the presence subscriptions between us.
struct RosterItem
{
    /// RFC 6121 §2.1.2.5. Remove appears only in a roster set or push that deletes the item.
    enum class Subscription { None, To, From, Both, Remove };

    Jid jid;                 // always a bare JID (RFC 6121 §2.1.2.3: a roster holds accounts, not resources)
    QString name;            // empty: no name given
    Subscription subscription = Subscription::None;
    bool pendingOut = false; // ask='subscribe' (§2.1.2.2): our friend request awaits their answer
    bool approved = false;   // approved='true' (§2.1.2.1): we pre-approved their subscription (§3.4)
    QStringList groups;      // in document order, without duplicates or empty names (§2.1.2.4)

    /// Parses a {jabber:iq:roster}item. std::nullopt when the jid is missing, invalid or has a resource.
    /// An unknown subscription value counts as none (what the server stores; the value is advisory to us).
    static std::optional<RosterItem> fromElement(const QDomElement &item);
    /// Writes the <item/>, in the jabber:iq:roster namespace. Default values are not written, so an item
    /// built for a roster set carries no subscription, ask or approved (RFC 6121 §2.1.2: a client MUST NOT
    /// send ask or approved, and only subscription='remove').
    void write(QXmlStreamWriter &out) const;

    bool hasSubscriptionTo() const { return subscription == Subscription::To || subscription == Subscription::Both; }
    bool hasSubscriptionFrom() const
    {
        return subscription == Subscription::From || subscription == Subscription::Both;
    }

    static QString subscriptionName(Subscription subscription);
    static std::optional<Subscription> subscriptionFromName(QStringView name);

    friend bool operator==(const RosterItem &, const RosterItem &) = default;
};

Q_DECLARE_METATYPE(RosterItem)
