// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Presence.h"
#include "stanza/StanzaError.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

/// What one resource of a contact last said about its availability (RFC 6121 §4.7), or, as returned by
/// ContactPresence::aggregate(), what the contact as a whole shows.
///
/// status is remote text: show it as plain text only (docs/SECURITY.md rule 5).
struct ResourcePresence
{
    QString resource;                    // empty: the presence came from the bare JID
    bool available = false;
    Presence::Show show = Presence::Show::None;
    QString status;
    int priority = 0;
    QDateTime lastChange;                // UTC; a XEP-0203 delay stamp if the presence had one; null if never seen
    std::optional<StanzaError> error;    // the contact's server answered with an error presence (RFC 6121 §4.7.1)

    /// How reachable a <show/> value says the person is, higher is better: chat > online > dnd > away > xa.
    ///
    /// dnd ranks above away and xa on purpose: "do not disturb" is chosen by someone sitting at that device,
    /// while away/xa (usually set by an idle timer) say nobody is there. For a QQ-like contact list the
    /// device where the person actually is tells the truth ("busy", not "away"), and it is where a reply
    /// will be read first.
    static int showRank(Presence::Show show);
    /// The ordering used to pick a contact's best resource: higher priority first (the resource the server
    /// routes bare-JID messages to, RFC 6121 §8.5.2.1.1), then the more reachable show, then the most recent
    /// change; the resource name breaks remaining ties so the choice never flickers.
    bool ranksAbove(const ResourcePresence &other) const;

    friend bool operator==(const ResourcePresence &, const ResourcePresence &) = default;
};

Q_DECLARE_METATYPE(ResourcePresence)
