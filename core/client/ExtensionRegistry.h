// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFlags>

class ArchiveManager;
class AvatarManager;
class AvatarStore;
class BlockingManager;
class CarbonsManager;
class ChatManager;
class Database;
class DiscoveryManager;
class MessageStore;
class PresenceManager;
class RosterManager;
class RosterStore;
class SearchManager;
class VCardManager;
class VCardStore;
class XmppClient;

/// Creates the protocol managers on an XmppClient, in their one order, for xin, xin-cli and the tests alike.
///
/// The order, and why each comes where it does. Stanzas a manager only reads (nicknames, presences, avatar
/// hashes) reach every manager through Extension::observeStanza(), and a blocked sender's stanzas are dropped
/// through Extension::dropsStanza() before anyone sees them, so neither depends on this order. What it still
/// decides: the order of the requests sent at session start, of preparePresence(), and who takes a stanza
/// first where one manager unwraps what another would otherwise take as its own:
///  1. BlockingManager: its list request is the first of the session, so that the list is known before the
///     roster and the contacts' presences arrive (XEP-0191 §3.2).
///  2. RosterManager: the roster before anything that asks who is a contact (RFC 6121 §2.2); takes roster
///     pushes and subscription presences.
///  3. VCardManager: observes nicknames (XEP-0172); needed by the avatar manager.
///  4. PresenceManager: sends the initial presence once the roster is there (RFC 6121 §2.2); observes
///     contacts' presences.
///  5. AvatarManager: adds the XEP-0153 hash to every presence we send; takes the XEP-0084 PEP events,
///     which are <message/>s, so it comes before the ChatManager.
///  6. DiscoveryManager and SearchManager (XEP-0030, XEP-0055).
///  7. CarbonsManager, ArchiveManager: take the <message/>s that wrap other messages (XEP-0280, XEP-0313),
///     unwrap them and hand the inner message to the ChatManager, so they come before it.
///  8. ChatManager last: it takes every <message/> that reaches it.
class ExtensionRegistry
{
public:
    /// The optional managers. Blocking and roster are always installed: every session has them.
    enum class Feature {
        Presence = 0x01,    ///< PresenceManager
        Profiles = 0x02,    ///< VCardManager and AvatarManager
        Discovery = 0x04,   ///< DiscoveryManager
        Directory = 0x08,   ///< SearchManager
        Chats = 0x10,       ///< ChatManager
        Carbons = 0x20,     ///< CarbonsManager (needs Chats)
        Archive = 0x40,     ///< ArchiveManager (needs Chats)
    };
    Q_DECLARE_FLAGS(Features, Feature)

    /// Where the managers may keep what they learn; a null store keeps nothing (xin-cli has no profile).
    /// The stores must outlive the managers, or be taken back from them first (RosterManager::setStore()).
    struct Stores
    {
        RosterStore *roster = nullptr;
        VCardStore *vCards = nullptr;
        AvatarStore *avatars = nullptr;
        MessageStore *messages = nullptr;
        Database *database = nullptr;   ///< the archive's catch-up position; must be open
    };

    /// The managers installed; those not asked for are null. All are owned by the client.
    struct Installed
    {
        BlockingManager *blocking = nullptr;
        RosterManager *roster = nullptr;
        VCardManager *vCards = nullptr;
        PresenceManager *presence = nullptr;
        AvatarManager *avatars = nullptr;
        DiscoveryManager *discovery = nullptr;
        SearchManager *search = nullptr;
        CarbonsManager *carbons = nullptr;
        ArchiveManager *archive = nullptr;
        ChatManager *chats = nullptr;
    };

    /// Everything the desktop app uses.
    static Features allFeatures();
    /// Adds the managers of @p features (and the two always there) to @p client, in the order above, and
    /// introduces them to each other (who is a contact, which vCards hold the avatars).
    static Installed install(XmppClient &client, const Stores &stores, Features features);
};

Q_DECLARE_OPERATORS_FOR_FLAGS(ExtensionRegistry::Features)
