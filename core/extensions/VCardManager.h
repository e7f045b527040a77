// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Extension.h"
#include "extensions/DiscoveryManager.h"
#include "stanza/Jid.h"
#include "stanza/VCard.h"

#include <QHash>

#include <functional>
#include <optional>

class VCardStore;

/// vcard-temp (XEP-0054 v1.2): fetching anyone's vCard, publishing our own, and a local cache by bare JID
/// (VCardStore). Also keeps the nicknames contacts give themselves (XEP-0172 v1.1) in presences.
///
/// A vCard is accepted only as the answer from the JID it was asked of (the client's IqTracker,
/// RFC 6120 §8.1.2.1; our own from our account). Everything in it is remote text (docs/SECURITY.md rule 5).
/// With Prosody's mod_vcard_legacy (XEP-0398) the server keeps vCards as vCard4 in PEP and converts: what it
/// gives back is the subset it maps (see tests/integration/tst_vcard.cpp).
///
/// To see the nicknames of friend requests, add this manager before the RosterManager (which takes
/// subscription presences); it never takes a stanza itself.
class VCardManager : public Extension
{
    Q_OBJECT
public:
    template <typename T>
    using Reply = DiscoveryManager::Reply<T>;
    using VCardReply = Reply<VCard>;

    /// @p store (optional, not owned, must outlive the manager) keeps what is fetched.
    explicit VCardManager(VCardStore *store = nullptr, QObject *parent = nullptr);
    ~VCardManager() override;

    void setStore(VCardStore *store) { m_store = store; }
    VCardStore *store() const { return m_store; }

    /// Asks for the vCard of @p jid's bare JID (XEP-0054 §3.2); a null @p jid or our own bare JID asks for our
    /// own (§3.1, no 'to'). An answer with item-not-found (no vCard) is an Ok reply with an empty vCard
    /// (§3.1 allows both). On success the cache is updated and vCardReceived emitted before @p callback runs.
    void requestVCard(const Jid &jid, QObject *context, std::function<void(const VCardReply &)> callback);
    /// Publishes @p vCard as ours (XEP-0054 §3.2: an iq set, which replaces the whole vCard). The reply's
    /// value is the vCard as published.
    void publishVCard(const VCard &vCard, QObject *context, std::function<void(const VCardReply &)> callback);

    /// The cached vCard of @p jid's bare JID (photo bytes are not cached: see VCardStore).
    std::optional<VCard> cachedVCard(const Jid &jid) const;
    /// The nickname @p jid's bare JID gave itself: the latest XEP-0172 <nick/> seen in its presence, else
    /// its cached vCard's NICKNAME; empty if none. Remote text.
    QString nickname(const Jid &jid) const;

Q_SIGNALS:
    /// A vCard arrived for @p bareJid (ours: our own bare JID).
    void vCardReceived(const Jid &bareJid, const VCard &vCard);
    /// What nickname(bareJid) returns may have changed.
    void nicknameChanged(const Jid &bareJid);

protected:
    /// Reads the XEP-0172 nickname of every presence, also of a friend request the RosterManager takes.
    void observeStanza(const QDomElement &stanza) override;

private:
    Jid ownBareJid() const;
    void remember(const Jid &bareJid, const VCard &vCard);

    VCardStore *m_store = nullptr;
    QHash<Jid, VCard> m_cache;        // this session's answers, photo bytes included
    QHash<Jid, QString> m_nicknames;  // from presences (XEP-0172 §4.2, §4.3)
};
