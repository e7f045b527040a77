// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/SenderRateLimiter.h"
#include "stanza/Jid.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <chrono>

class AvatarManager;
class QTimer;
class RosterManager;
class VCardManager;
class XmppClient;

/// Profiles fetched on demand, for contacts that never advertise an avatar hash (XEP-0153 §4.3 fetches a
/// vCard only when a presence carries one): offline contacts, and clients without XEP-0153. The app asks
/// when the user is about to see someone (a contact row on screen, a friend request); the vCard (XEP-0054)
/// then feeds VCardManager's cache and vCardReceived, its photo the AvatarManager (avatarChanged).
///
/// Cheap by construction, so that a 5,000-contact roster costs only what the user looks at: a JID is asked at
/// most once per run (never our own, never one whose vCard is cached), at most MaxInFlight at a time with the
/// rest queued in order, and only while connected. After each connection the queue waits a moment, so that
/// the presences' hashes, which fetch those vCards anyway, come first.
///
/// Given a RosterManager, people not on the roster (those asking to be friends, usually) are fetched at most
/// StrangerBurst at once and then one per StrangerInterval, all of them together: ten thousand friend
/// requests must not cost ten thousand vCard requests (issue 13, finding 6: strangers must not flood us). A
/// request over that rate is dropped, not remembered, so that asking again later (the user opens the inbox)
/// fetches it.
class ProfileFetcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxInFlight = 4;
    static constexpr int StrangerBurst = 5;
    static constexpr std::chrono::seconds StrangerInterval{6};

    /// None owned; @p vCards and @p avatars must be extensions of @p client.
    ProfileFetcher(XmppClient *client, VCardManager *vCards, AvatarManager *avatars, QObject *parent = nullptr);

    /// Fetches the profile of @p jid's bare JID unless it was asked already this run, is ours, or has a cached
    /// vCard (then it is known: nothing is sent).
    void request(const Jid &jid);
    /// As request(), but ahead of the queue: someone the user is waiting to see.
    void requestFirst(const Jid &jid);

    /// Whether @p jid's profile is queued or being fetched.
    bool isPending(const Jid &jid) const;
    int inFlight() const { return int(m_inFlight.size()); }
    int queued() const { return int(m_queue.size()); }

    /// Tells contacts (fetched freely) from strangers (rate-limited); not owned, may be null (no limit).
    void setRosterManager(RosterManager *roster);

    /// How long the queue waits after a connection (1.5 s; tests may shorten it).
    void setStartDelay(std::chrono::milliseconds delay);

Q_SIGNALS:
    /// The fetch of @p bareJid's profile ended: @p ok if the server answered with its vCard (possibly empty).
    void profileFetched(const Jid &bareJid, bool ok);

private:
    void enqueue(const Jid &jid, bool first);
    bool isKnown(const Jid &bareJid) const;
    void pump();
    void fetch(const Jid &bareJid);
    void finished(const Jid &bareJid, bool ok);
    Jid ownBareJid() const;

    XmppClient *m_client;
    VCardManager *m_vCards;
    AvatarManager *m_avatars;
    QTimer *m_startTimer;
    bool m_ready = false;      // connected, and the start delay is over
    QSet<Jid> m_asked;         // everyone ever requested this run
    QList<Jid> m_queue;
    QSet<Jid> m_inFlight;
    QPointer<RosterManager> m_roster;
    SenderRateLimiter m_strangers{StrangerBurst, StrangerInterval, 1};   // one bucket for all strangers
};
