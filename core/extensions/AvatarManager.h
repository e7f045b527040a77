// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Extension.h"
#include "client/SenderRateLimiter.h"
#include "extensions/DiscoveryManager.h"
#include "stanza/Jid.h"
#include "stanza/VCard.h"

#include <QByteArray>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>

class AvatarStore;
class Presence;
class RosterManager;
class VCardManager;

/// Avatars: vCard-based avatars (XEP-0153 v1.1) and User Avatar in PEP (XEP-0084 v1.1.4), which a server with
/// PEP/vCard conversion (XEP-0398, Prosody's mod_vcard_legacy) keeps in step.
///
/// Every presence we send carries our photo's hash (<x xmlns='vcard-temp:x:update'><photo/>, XEP-0153 §3.2;
/// an empty <x/> until our own vCard has been read at login, §4.2). When a contact's presence advertises a
/// hash we do not have, its vCard is fetched from its bare JID, and a photo is stored only if its SHA-1 is
/// the advertised hash; XEP-0084 metadata events are taken only from the contact's bare JID, and the data
/// must hash to the item id. Avatars go through AvatarStore's checks (size, format, pixels) before they are
/// kept (docs/SECURITY.md rule 7); a remote URL (EXTVAL, metadata url) is never fetched.
///
/// A hash advertised costs a request, so (issue 13, finding 6: strangers must not flood us), given a
/// RosterManager, only contacts on the roster and our own account have advertised hashes fetched: a stranger
/// never triggers a fetch. Per contact at most one fetch runs at a time (a newer hash waits for it, and
/// only the latest waits), and at most FetchBurst fetches start at once, then one per FetchInterval.
///
/// Needs a VCardManager added to the same client; add this manager after the PresenceManager.
class AvatarManager : public Extension
{
    Q_OBJECT
public:
    /// A verified avatar: its bytes hash to hash.
    struct Avatar
    {
        QString hash;
        QByteArray data;
        QString mimeType;   // from the content, not from what the sender declared
    };
    template <typename T>
    using Reply = DiscoveryManager::Reply<T>;
    using AvatarReply = Reply<Avatar>;

    /// @p store (optional, not owned) keeps the images; @p vCards (not owned) must be added to the same client.
    AvatarManager(AvatarStore *store, VCardManager *vCards, QObject *parent = nullptr);
    ~AvatarManager() override;

    static constexpr int FetchBurst = 3;
    static constexpr std::chrono::seconds FetchInterval{20};

    AvatarStore *store() const { return m_store; }
    /// Only the contacts of @p roster (not owned, may be null: then everyone) get advertised hashes fetched.
    void setRosterManager(RosterManager *roster);
    /// The hash of @p jid's bare JID's avatar as verified and stored; empty if none or not known yet.
    QString avatarHash(const Jid &jid) const;
    /// Our own avatar's hash; empty if none (or not known yet).
    QString ownAvatarHash() const { return m_ownHash; }

    /// Fetches the avatar of @p jid's bare JID now: XEP-0084 metadata and data first, then the vCard photo.
    /// An Error reply with item-not-found means "no avatar"; a refused image is not-acceptable, with the
    /// reason as the error's text.
    void requestAvatar(const Jid &jid, QObject *context, std::function<void(const AvatarReply &)> callback);
    /// Takes @p jid's avatar from @p vCard, its vCard fetched without a hash advertised (an offline
    /// contact's, on demand): the photo, checked like any other (XEP-0153 §4.3: the vCard holds the avatar);
    /// without one, XEP-0084 metadata is asked, since a client may publish only there. What the contact
    /// advertised since the client started (a presence hash, a PEP event, an explicit fetch) wins: then the
    /// reply tells what was found but the known avatar stays. An Error reply with item-not-found means "no avatar".
    /// @p callback may run before this returns (the photo needs no further request).
    void avatarFromVCard(const Jid &jid, const VCard &vCard, QObject *context,
                         std::function<void(const AvatarReply &)> callback);
    /// Sets our avatar to @p image (an empty array removes it): checked like any avatar, then published as
    /// the vCard photo (the rest of our vCard kept) and in PEP (XEP-0084 §4.1: data, then metadata), and
    /// announced in a new presence. The reply is Ok once the vCard is published.
    void setOwnAvatar(const QByteArray &image, QObject *context, std::function<void(const AvatarReply &)> callback);

Q_SIGNALS:
    /// @p bareJid's avatar is now @p hash (empty: it has none); the image is in the store.
    void avatarChanged(const Jid &bareJid, const QString &hash);
    /// An avatar advertised by @p bareJid was refused, e.g. its bytes did not match the hash.
    void avatarRefused(const Jid &bareJid, const QString &reason);

protected:
    bool handleStanza(const QDomElement &stanza) override;
    /// XEP-0153 §4.3: the avatar hash of every presence, whoever takes the presence.
    void observeStanza(const QDomElement &stanza) override;
    void sessionStarted() override;
    void preparePresence(Presence &presence) override;

private:
    void handlePresence(const QDomElement &stanza);
    bool handleEvent(const QDomElement &stanza);
    /// The contact advertised @p hash: use the stored image or fetch one that matches it.
    void hashAdvertised(const Jid &bareJid, const QString &hash, bool fromPep);
    /// Whether a hash advertised by @p bareJid may cost a fetch (a contact, or our own account).
    bool fetchesFor(const Jid &bareJid) const;
    /// Starts the fetch @p bareJid waits for, if none runs for it and the rate limit allows.
    void startWanted(const Jid &bareJid);
    void fetchAdvertised(const Jid &bareJid, const QString &hash, bool fromPep);
    void retryWanted();
    void fetchVCardPhoto(const Jid &bareJid, const QString &expected, std::function<void(const AvatarReply &)> done);
    void fetchPepData(const Jid &bareJid, const QString &id, const QString &expected,
                      std::function<void(const AvatarReply &)> done);
    void fetchPepMetadata(const Jid &bareJid, std::function<void(const AvatarReply &)> done);
    /// Checks @p data against @p expected (empty: any hash) and stores it.
    AvatarReply accept(const QByteArray &data, const QString &expected);
    void setHash(const Jid &bareJid, const QString &hash);
    void publishPep(const Avatar &avatar);
    void announce();
    Jid ownBareJid() const;

    AvatarStore *m_store;
    VCardManager *m_vCards;
    QPointer<RosterManager> m_roster;
    QHash<Jid, QString> m_hashes;
    struct Wanted
    {
        QString hash;
        bool fromPep = false;
    };
    QHash<Jid, QString> m_fetching;   // the hash being fetched, per contact: one at a time
    QHash<Jid, Wanted> m_wanted;   // the latest hash advertised and not fetched yet, per contact
    SenderRateLimiter m_fetchLimiter{FetchBurst, FetchInterval, 1024};
    QTimer m_retryTimer;   // fetches the rate limit held back
    QString m_ownHash;
    bool m_ownHashKnown = false;
};
