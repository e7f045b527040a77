// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QPointer>
#include <QSet>

class MessageStore;
class RosterManager;

/// Who may get what the client sends by itself about a conversation: delivery receipts (XEP-0184), read
/// markers (XEP-0333) and chat states (XEP-0085). Each of them tells the other side that we are online and
/// reading, so a stranger who asks for a receipt would learn what only our contacts may know: our presence.
///
/// Allowed (issue 13, finding 6: strangers must not learn or flood): contacts with a presence
/// subscription from us (RFC 6121 §3, 'from' or 'both': they may see our presence anyway); and people the
/// user has written to (in this run, or any outgoing message in the history). setConfirmToEveryone() widens
/// it to everyone, a privacy setting that is off by default (no settings dialog offers it yet). Our own
/// account is the ChatManager's to allow: it knows the session's JID.
class ConfirmationGate
{
public:
    /// @p roster and @p store may be null (no contacts, no history to judge by); not owned.
    void setRosterManager(RosterManager *roster);
    void setStore(MessageStore *store) { m_store = store; }

    void setConfirmToEveryone(bool everyone) { m_everyone = everyone; }
    bool confirmsToEveryone() const { return m_everyone; }

    /// The user wrote to @p peer (from this device or, seen in a sent carbon, another).
    void noteWrittenTo(const Jid &peer);
    /// Whether receipts, markers and chat states may go to @p peer.
    bool allows(const Jid &peer) const;

private:
    QPointer<RosterManager> m_roster;
    MessageStore *m_store = nullptr;
    bool m_everyone = false;
    mutable QSet<Jid> m_writtenTo;   // bare JIDs; also a cache of what the history said
};
