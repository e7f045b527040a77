// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/ContactPresence.h"

#include "stanza/Presence.h"
#include "xml/Namespaces.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// XEP-0203 §3: a presence the server stored and sends again later (e.g. the current presence of a contact
// when we log in) carries the time it was first sent. That is the time of the change; a stamp in the future
// (a wrong clock) is not believed.
QDateTime changeTime(const Presence &presence, const QDateTime &receivedAt)
{
    const QDomElement delay = presence.extension(u"delay"_s, ns::Delay);
    if (delay.isNull())
        return receivedAt;
    const QDateTime stamp = QDateTime::fromString(delay.attribute(u"stamp"_s), Qt::ISODateWithMs);
    if (!stamp.isValid() || stamp > receivedAt)
        return receivedAt;
    return stamp.toUTC();
}

// Equal in everything a user can see; the time of an unchanged presence stays what it was.
bool sameState(const ResourcePresence &a, const ResourcePresence &b)
{
    return a.available == b.available && a.show == b.show && a.status == b.status && a.priority == b.priority
        && a.error == b.error;
}

} // namespace

bool ContactPresence::apply(const Presence &presence, const QDateTime &receivedAt)
{
    const QDateTime at = changeTime(presence, receivedAt);
    switch (presence.type) {
    case Presence::Type::Available:
        return applyAvailable(presence, at);
    case Presence::Type::Unavailable:
        return applyUnavailable(presence, at);
    case Presence::Type::Error:
        return applyError(presence, at);
    default:
        return false;   // RFC 6121 §3 subscriptions and §4.3 probes say nothing about availability
    }
}

bool ContactPresence::applyAvailable(const Presence &presence, const QDateTime &at)
{
    ResourcePresence state;
    state.resource = presence.from.resource();
    state.available = true;
    state.show = presence.show;
    state.status = presence.status;
    state.priority = presence.priority;
    state.lastChange = at;

    // Available again: an earlier error no longer describes the contact.
    const bool hadError = m_offline.error.has_value();
    m_offline.error.reset();

    const auto existing = m_resources.constFind(state.resource);
    if (existing != m_resources.cend() && sameState(*existing, state))
        return hadError;
    if (existing == m_resources.cend() && m_resources.size() >= MaxResources)
        return hadError;   // bounded: see MaxResources
    m_resources.insert(state.resource, state);
    return true;
}

bool ContactPresence::applyUnavailable(const Presence &presence, const QDateTime &at)
{
    const QString resource = presence.from.resource();
    bool changed = false;
    if (resource.isEmpty()) {
        // RFC 6121 §4.5.3: unavailable from the bare JID (e.g. after a subscription ended) covers every resource.
        changed = !m_resources.isEmpty();
        m_resources.clear();
    } else {
        changed = m_resources.remove(resource) > 0;
    }

    ResourcePresence offline;
    offline.resource = resource;
    offline.status = presence.status;
    offline.lastChange = at;
    if (!sameState(m_offline, offline) || m_offline.lastChange.isNull()) {
        m_offline = offline;
        // Only a change the user can see counts: a resource that goes while another stays shows nothing new
        // unless it was the one shown, which the removal above already reported.
        changed = changed || m_resources.isEmpty();
    }
    return changed;
}

bool ContactPresence::applyError(const Presence &presence, const QDateTime &at)
{
    // RFC 6121 §4.7.1 type 'error': the contact cannot be reached (unknown user, server down, ...). None of
    // its resources can be assumed available any more.
    ResourcePresence offline;
    offline.resource = presence.from.resource();
    offline.lastChange = at;
    offline.error = presence.error.value_or(StanzaError{});
    if (presence.error)
        offline.status = presence.error->text;
    const bool changed = !m_resources.isEmpty() || !sameState(m_offline, offline);
    m_resources.clear();
    m_offline = offline;
    return changed;
}

ResourcePresence ContactPresence::aggregate() const
{
    const QList<ResourcePresence> ranked = resources();
    return ranked.isEmpty() ? m_offline : ranked.constFirst();
}

QList<ResourcePresence> ContactPresence::resources() const
{
    QList<ResourcePresence> ranked = m_resources.values();
    std::sort(ranked.begin(), ranked.end(),
              [](const ResourcePresence &a, const ResourcePresence &b) { return a.ranksAbove(b); });
    return ranked;
}
