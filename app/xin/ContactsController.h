// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class AddFriendDialog;
class BlockingManager;
class BurstNotifier;
class ContactListView;
class Database;
class DirectorySearch;
class FriendRequestsDialog;
class MainWindow;
class PresenceManager;
class ProfilesController;
class QTimer;
class RosterFilterModel;
class RosterManager;
class RosterModel;
class TrayIcon;

/// The contact list in the app: what the contact view and the main window ask of the roster (rename, move to
/// a group, remove, block, the last-seen time, search and "hide offline"), the add-friend dialog with its
/// directory search, and the friend-request inbox with its popups. Part of the composition root: widgets
/// report intents here, the managers do the XMPP.
class ContactsController : public QObject
{
    Q_OBJECT
public:
    struct Parts
    {
        RosterManager *roster;
        BlockingManager *blocking;
        PresenceManager *presence;
        DirectorySearch *directory;
        RosterModel *model;
        RosterFilterModel *filter;
        ContactListView *view;
        MainWindow *main;
        ProfilesController *profiles;
        FriendRequestsDialog *requests;
        Database *database;                 // may be closed: the preferences are then not kept
        std::function<Jid()> ownAccount;   // the account signed in with, for the add-friend dialog
    };
    ContactsController(const Parts &parts, QObject *parent = nullptr);

    /// Friend-request popups go to @p tray, which may be null (no system tray).
    void setTrayIcon(TrayIcon *tray);

    /// Opens the add-friend dialog, filled in with @p jid if it is not null.
    void showAddFriendDialog(const Jid &jid = Jid());
    void showFriendRequests();

    /// The roster groups of a contact put in @p group: none for the default group.
    static QStringList groupsFor(const QString &group);

private:
    void wireView();
    void wireFriendRequests();
    void refreshFriendRequests();

    Parts m_parts;
    QPointer<TrayIcon> m_tray;
    BurstNotifier *m_requestPopups;   // one popup per burst of friend requests
    QTimer *m_friendRequestsRefresh;
    QPointer<AddFriendDialog> m_addFriend;
};
