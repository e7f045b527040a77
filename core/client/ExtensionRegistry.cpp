// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/ExtensionRegistry.h"

#include "client/XmppClient.h"
#include "extensions/ArchiveManager.h"
#include "extensions/AvatarManager.h"
#include "extensions/BlockingManager.h"
#include "extensions/CarbonsManager.h"
#include "extensions/ChatManager.h"
#include "extensions/DiscoveryManager.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "extensions/SearchManager.h"
#include "extensions/VCardManager.h"

ExtensionRegistry::Features ExtensionRegistry::allFeatures()
{
    return Feature::Presence | Feature::Profiles | Feature::Discovery | Feature::Directory | Feature::Chats
         | Feature::Carbons | Feature::Archive;
}

ExtensionRegistry::Installed ExtensionRegistry::install(XmppClient &client, const Stores &stores, Features features)
{
    Installed installed;
    installed.blocking = client.addExtension<BlockingManager>();
    installed.roster = client.addExtension<RosterManager>(stores.roster);
    if (features.testFlag(Feature::Profiles))
        installed.vCards = client.addExtension<VCardManager>(stores.vCards);
    if (features.testFlag(Feature::Presence)) {
        installed.presence = client.addExtension<PresenceManager>();
        installed.presence->setRosterManager(installed.roster);   // initial presence after the roster
    }
    if (features.testFlag(Feature::Profiles)) {
        installed.avatars = client.addExtension<AvatarManager>(stores.avatars, installed.vCards);
        installed.avatars->setRosterManager(installed.roster);   // only contacts' advertised avatars are fetched
    }
    if (features.testFlag(Feature::Discovery))
        installed.discovery = client.addExtension<DiscoveryManager>();
    if (features.testFlag(Feature::Directory))
        installed.search = client.addExtension<SearchManager>();
    if (!features.testFlag(Feature::Chats))
        return installed;
    // Created first, added last: the carbons and archive managers hand it what they unwrap.
    auto *chats = new ChatManager(stores.messages);
    // Receipts, markers and chat states only to contacts and people the user wrote to.
    chats->setRosterManager(installed.roster);
    if (features.testFlag(Feature::Carbons))
        installed.carbons = client.addExtension<CarbonsManager>(chats);
    if (features.testFlag(Feature::Archive))
        installed.archive = client.addExtension<ArchiveManager>(chats, stores.database);
    client.addExtension(chats);
    installed.chats = chats;
    return installed;
}
