// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "extensions/ResourcePresence.h"

#include <QDateTime>
#include <QList>
#include <QMap>

class Presence;

/// The presence of one contact (one bare JID) across its resources, and the single value a contact list
/// shows for it (RFC 6121 §4). A pure value: no network, no signals, so the rules are testable on their own.
///
/// Only availability presences count: available, unavailable and error. Subscription presences
/// (RFC 6121 §3) and probes are the roster's business and are ignored here.
class ContactPresence
{
public:
    /// Available resources kept per contact. One account can claim any number of resources (each login
    /// picks one); past this many a new one is ignored, so that one sender cannot grow our state without
    /// bound (issue 13, finding 6: strangers must not flood us). Far more than any person's devices.
    static constexpr int MaxResources = 32;

    /// Applies a presence from this contact, received at @p receivedAt (UTC). Returns true if what the
    /// contact or any of its resources shows has changed; a re-sent identical presence changes nothing.
    bool apply(const Presence &presence, const QDateTime &receivedAt);

    /// The contact's best available resource (see ResourcePresence::ranksAbove) or, with none available,
    /// its last unavailable or error presence (available = false; status is the text it left with).
    ResourcePresence aggregate() const;
    /// The available resources, best first.
    QList<ResourcePresence> resources() const;
    bool isAvailable() const { return !m_resources.isEmpty(); }

private:
    bool applyAvailable(const Presence &presence, const QDateTime &at);
    bool applyUnavailable(const Presence &presence, const QDateTime &at);
    bool applyError(const Presence &presence, const QDateTime &at);

    QMap<QString, ResourcePresence> m_resources;   // available resources by name
    ResourcePresence m_offline;                    // the last unavailable/error presence
};
