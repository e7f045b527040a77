#pragma once

#include "stanza/Jid.h"
#include "stanza/VCard.h"

#include <QObject>
#include <QPointer>

class AvatarImages;
class AvatarManager;
class ContactListView;
class MainWindow;
class RosterManager;
class RosterModel;
class VCardEditor;
class VCardManager;
class VCardStore;
class XmppClient;

/// Profiles and avatars in the app: feeds nicknames, vCard names and avatar hashes to the contact list
/// (the display name rule lives in RosterModel), keeps our own avatar and name in the main window's header,
/// and runs the profile editor and the contacts' profile views. Part of the composition root: widgets
/// report intents here, the managers do the XMPP.
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
    };
    explicit ProfilesController(const Parts &parts, QObject *parent = nullptr);

    /// Our own name for the header and greetings: the vCard nickname, else full name, else the local part.
    QString ownName() const;

    void showProfile(const Jid &jid);
    void editOwnProfile();

Q_SIGNALS:
    /// From a profile view of someone not in the contact list.
    void addFriendRequested(const Jid &jid);

private:
    void loadCachedProfiles();
    void showContactProfile(const Jid &bareJid, const VCard &card);
    void showOwnProfile(const VCard &card);
    void avatarChanged(const Jid &bareJid, const QString &hash);
    void publish(const VCard &card);

    Parts m_parts;
    QString m_ownName;
    QPointer<VCardEditor> m_editor;
    VCard m_editedFrom;   // the own vCard the editor started from
};
