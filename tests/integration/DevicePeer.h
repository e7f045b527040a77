// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// One account's device for the reliability tests (tst_reliability against Prosody, tst_ejabberdresumption):
// the client with the app's managers over a history database of its own, a quick Reconnector, and counts of
// what happened to its sessions.

#include "client/ExtensionRegistry.h"
#include "client/Reconnector.h"
#include "client/XmppClient.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QRegularExpression>
#include <QStringList>

#include <chrono>
#include <memory>

namespace {
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

/// One account's device: the client with the app's managers over its own history database, and a
/// Reconnector that brings it back quickly (first retry after 50 ms, at most 1 s apart).
struct Peer
{
    Database database;
    std::unique_ptr<MessageStore> store;
    XmppClient client;
    ExtensionRegistry::Installed managers;
    Reconnector reconnector{&client};
    int disconnections = 0;
    int sessions = 0;           // new sessions (connected())
    int resumptions = 0;        // sessions resumed (resumed())
    int sessionsEnded = 0;      // sessions over for good (sessionEnded(): not resumable, or resumption failed)
    int failedResumptions = 0;  // <failed/> answers to <resume/> (XEP-0198 §5)
    int streamErrors = 0;       // streams the server ended with a stream error
    QStringList events;         // "new", "resumed", "ended" in the order they happened
    bool resumable = false;     // the server said <enabled resume='true'/> or <resumed/> on this connection

    explicit Peer(const QString &databasePath)
    {
        QString error;
        if (!database.open(databasePath, &error))
            qFatal("cannot open %s: %s", qPrintable(databasePath), qPrintable(error));
        store = std::make_unique<MessageStore>(database);
        using Feature = ExtensionRegistry::Feature;
        managers = ExtensionRegistry::install(client, {.messages = store.get(), .database = &database},
                                              Feature::Presence | Feature::Chats | Feature::Carbons | Feature::Archive);
        reconnector.setDelays(50ms, 1s);
        QObject::connect(&client, &XmppClient::disconnected, &client, [this] {
            ++disconnections;
            resumable = false;
        });
        QObject::connect(&client, &XmppClient::connected, &client, [this] {
            ++sessions;
            events << u"new"_s;
        });
        QObject::connect(&client, &XmppClient::resumed, &client, [this] {
            ++resumptions;
            events << u"resumed"_s;
        });
        QObject::connect(&client, &XmppClient::errorOccurred, &client, [this](XmppClient::Error error) {
            streamErrors += error == XmppClient::Error::StreamError ? 1 : 0;
        });
        QObject::connect(&client, &XmppClient::sessionEnded, &client, [this] {
            ++sessionsEnded;
            events << u"ended"_s;
        });
        QObject::connect(&client, &XmppClient::xmlReceived, &client, [this](const QByteArray &xml) {
            static const QRegularExpression failed(u"<failed[^>]*urn:xmpp:sm:3"_s);  // attributes in any order
            failedResumptions += xml.contains("<failed") && failed.match(QString::fromUtf8(xml)).hasMatch() ? 1 : 0;
            static const QRegularExpression enabled(u"<enabled[^>]*resume=.true|<resumed[ >/]"_s);
            resumable = resumable
                     || ((xml.contains("<enabled") || xml.contains("<resumed"))
                         && enabled.match(QString::fromUtf8(xml)).hasMatch());
        });
    }

    QList<ChatMessage> history(const Jid &with) const { return store->messages(with.bare(), 100000); }
    QString describe() const
    {
        return u"%1 disconnections, %2 new sessions, %3 resumed, %4 ended, %5 resumptions failed, %6 stream errors"_s
            .arg(disconnections)
            .arg(sessions)
            .arg(resumptions)
            .arg(sessionsEnded)
            .arg(failedResumptions)
            .arg(streamErrors);
    }
};

} // namespace
