// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/XmppClient.h"
#include "extensions/ArchiveManager.h"
#include "extensions/CarbonsManager.h"
#include "extensions/ChatManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <memory>

/// One signed-in device for the chat tests: the client with the chat stack as the app builds it (carbons,
/// archive, chats), over a history database of its own.
struct ChatDevice
{
    Database database;
    std::unique_ptr<MessageStore> store;
    XmppClient client;
    ChatManager *chats = nullptr;
    CarbonsManager *carbons = nullptr;
    ArchiveManager *archive = nullptr;

    explicit ChatDevice(const QString &databasePath)
    {
        QString error;
        if (!database.open(databasePath, &error))
            qFatal("cannot open %s: %s", qPrintable(databasePath), qPrintable(error));
        store = std::make_unique<MessageStore>(database);
        chats = new ChatManager(store.get());
        carbons = client.addExtension<CarbonsManager>(chats);   // before the ChatManager: it unwraps carbons
        archive = client.addExtension<ArchiveManager>(chats, &database);
        client.addExtension(chats);
    }

    QList<ChatMessage> history(const Jid &with) const { return store->messages(with.bare(), 100000); }
};
