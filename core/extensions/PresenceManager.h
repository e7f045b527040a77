// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Extension.h"
#include "extensions/ContactPresence.h"
#include "extensions/LastActivity.h"
#include "extensions/ResourcePresence.h"
#include "stanza/Jid.h"
#include "stanza/Presence.h"

#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>

class RosterManager;

/// Availability of contacts and of ourselves (RFC 6121 §4), and Last Activity of offline contacts
/// (XEP-0012 v2.0).
///
/// Every available/unavailable/error presence is tracked per resource and aggregated per bare JID
/// (ContactPresence). Given a RosterManager (setRosterManager()), only from those allowed to send it
/// (issue 13, finding 6: strangers must not flood our state): contacts whose presence we are subscribed
/// to or have asked for (RFC 6121 §4.1), the other resources of our own account, and entities we sent
/// directed presence to (RFC 6121 §4.6, e.g. a group-chat room); any other sender keeps no state here. The
/// manager only observes presences (observeStanza()), never takes one, so XmppClient still emits
/// presenceReceived and every other extension (MUC) still sees it, in whatever order they were added.
/// Subscription presences (RFC 6121 §3) are left to the RosterManager.
///
/// Our own presence is remembered and sent as initial presence at every session (RFC 6121 §4.2): at session
/// start, or, given a RosterManager (setRosterManager()), once the roster get is answered.
class PresenceManager : public Extension
{
    Q_OBJECT
public:
    explicit PresenceManager(QObject *parent = nullptr);
    ~PresenceManager() override;

    /// The aggregated presence of @p jid's bare JID (available = false if unknown or offline).
    ResourcePresence contactPresence(const Jid &jid) const;
    /// The available resources of @p jid's bare JID, best first.
    QList<ResourcePresence> resources(const Jid &jid) const;
    /// Every bare JID we have had a presence from in this session.
    QList<Jid> contacts() const;

    /// Sets, remembers and (when connected) broadcasts our own availability (RFC 6121 §4.4).
    void setOwnPresence(Presence::Show show, const QString &status = {}, int priority = 0);
    /// What we broadcast (type Available); "online" with priority 0 until setOwnPresence() is called.
    Presence ownPresence() const { return m_own; }

    /// Holds the initial presence of each session until @p roster has the answer to its roster get (or the
    /// get failed), and keeps presence only from the senders described above. RFC 6121 §2.2 recommends the
    /// roster before initial presence; waiting for the answer also matters for a big roster: a server handles
    /// our initial presence by probing and notifying every contact, thousands of stanzas, and a roster get
    /// sent next to it would be answered only after all that. Null (the default): the initial presence goes
    /// out at session start.
    void setRosterManager(RosterManager *roster);
    /// Whether a presence from @p jid's bare JID is kept (see above); always true without a RosterManager.
    bool acceptsPresenceFrom(const Jid &jid) const;

    /// Asks @p jid's bare JID how long ago it went offline (XEP-0012 §3). The server answers only for a
    /// contact whose presence we are subscribed to (§6); otherwise the callback gets an error.
    void requestLastActivity(const Jid &jid, QObject *context, std::function<void(const LastActivity &)> callback);

Q_SIGNALS:
    /// What contactPresence(bareJid) returns has changed.
    void presenceChanged(const Jid &bareJid);
    /// What resources(bareJid) returns has changed.
    void resourcesChanged(const Jid &bareJid);
    void ownPresenceChanged(const Presence &presence);

protected:
    void observeStanza(const QDomElement &stanza) override;
    void setClient(XmppClient *client) override;
    void sessionStarted() override;
    void preparePresence(Presence &presence) override;

private:
    void forgetAll();
    void rosterItemChanged(const Jid &bareJid);
    void sendInitialPresence();

    QHash<Jid, ContactPresence> m_contacts;   // by bare JID
    Presence m_own;
    QPointer<RosterManager> m_roster;
    bool m_initialPresencePending = false;   // session started, roster answer awaited
    bool m_ownUnsent = false;   // our presence changed while there was no connection to send it
    QSet<Jid> m_directed;                    // bare JIDs we sent directed presence to in this session
};
