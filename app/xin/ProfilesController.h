// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"
#include "stanza/VCard.h"

#include <QIcon>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>

class AvatarImages;
class AvatarManager;
class ContactListView;
class FriendRequestsDialog;
class MainWindow;
class ProfileFetcher;
class RosterManager;
class RosterModel;
class VCardEditor;
class VCardManager;
class VCardStore;
class XmppClient;

/// Profiles and avatars in the app: feeds nicknames, vCard names and avatar hashes to the contact list
/// (the display name rule lives in RosterModel), keeps our own avatar and name in the main window's header,
/// runs the profile editor and the contacts' profile views, and gives friend requests (the inbox and the
/// notification) the requester's face. Profiles of contacts that never advertise an avatar hash are fetched
/// on demand (ProfileFetcher) when the contact list shows them or they ask to be friends. Part of the
/// composition root: widgets report intents here, the managers do the XMPP.
class ProfilesController : public QObject
{
    Q_OBJECT
public:
    struct Parts
    {
        XmppClient *client;
        VCardManager *vCards;
        AvatarManager *avatars;
        VCardStore *vCardStore;      // may be null (no database)
        AvatarImages *images;
        RosterManager *roster;
        RosterModel *model;
        ContactListView *view;
        MainWindow *main;
        FriendRequestsDialog *requests;   // may be null
    };
    explicit ProfilesController(const Parts &parts, QObject *parent = nullptr);

    /// Our own name for the header and greetings: the vCard nickname, else full name, else the local part.
    QString ownName() const;

    void showProfile(const Jid &jid);
    void editOwnProfile();

    /// @p jid's round avatar as an icon, e.g. for a notification: the photo, else the placeholder of the name
    /// the contact list would show.
    QIcon avatarIcon(const Jid &jid) const;
    /// Calls @p callback once @p jid's profile is known: at once if it is cached (or cannot be fetched), else
    /// when the fetch (ahead of the queue) ends, and at the latest after @p patience. Nothing is called if
    /// @p context is destroyed first.
    void withProfile(const Jid &jid, QObject *context, std::function<void()> callback,
                     std::chrono::milliseconds patience = std::chrono::seconds(3));

Q_SIGNALS:
    /// From a profile view of someone not in the contact list.
    void addFriendRequested(const Jid &jid);
    /// "Send message" in a profile view.
    void openChatRequested(const Jid &jid);

private:
    void loadCachedProfiles();
    void showContactProfile(const Jid &bareJid, const VCard &card);
    void showOwnProfile(const VCard &card);
    void avatarChanged(const Jid &bareJid, const QString &hash);
    void publish(const VCard &card);

    Parts m_parts;
    ProfileFetcher *m_fetcher;
    QString m_ownName;
    QPointer<VCardEditor> m_editor;
    VCard m_editedFrom;   // the own vCard the editor started from
};
