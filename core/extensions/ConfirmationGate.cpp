// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/ConfirmationGate.h"

#include "extensions/RosterManager.h"
#include "storage/MessageStore.h"

void ConfirmationGate::setRosterManager(RosterManager *roster)
{
    m_roster = roster;
}

void ConfirmationGate::noteWrittenTo(const Jid &peer)
{
    if (!peer.isNull())
        m_writtenTo.insert(peer.bare());
}

bool ConfirmationGate::allows(const Jid &peer) const
{
    const Jid bare = peer.bare();
    if (bare.isNull())
        return false;
    if (m_everyone || m_writtenTo.contains(bare))
        return true;
    if (m_roster) {
        // RFC 6121 §3: 'from' or 'both' means they are allowed to see our presence already.
        const std::optional<RosterItem> item = m_roster->item(bare);
        if (item && item->hasSubscriptionFrom())
            return true;
    }
    // Written to before this run: the user started or answered this conversation.
    // An index lookup: the newest outgoing message would walk back through every message they sent us, for
    // each of their receipt requests (a catch-up of thousands took seconds).
    if (m_store && m_store->hasOutgoing(bare)) {
        m_writtenTo.insert(bare);
        return true;
    }
    return false;
}
