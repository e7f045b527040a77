// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "extensions/ResourcePresence.h"
#include "extensions/RosterManager.h"
#include "models/DisplayName.h"
#include "models/RosterModel.h"

#include <QCollator>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

/// The rows of RosterModel, in a namespace of their own: no other Contact or Group can clash with them.
namespace RosterRows {

/// One contact, shared by every group row that shows it.
struct Contact
{
    RosterItem item;
    ResourcePresence presence;
    QString displayName;
    std::optional<QCollatorSortKey> nameKey;   // displayName's collation key: sorting compares bytes, not ICU calls
    QStringList groups;   // the group rows it sits under: the item's groups, or the default group
    int unread = 0;
    QDateTime lastSeen;   // UTC; invalid: unknown
};

/// A top-level row. Its children are kept in insertion order (the proxy sorts); rowOf indexes them.
struct Group
{
    QString name;
    QList<Contact *> members;   // into RosterModel::Private::contacts, whose nodes do not move
    QHash<Jid, int> rowOf;
    int online = 0;
};

/// What contacts say about themselves (XEP-0172 nickname, vCard), fed by the app.
struct Profile
{
    QString nickname;
    QString fullName;
    QString avatarKey;
};

struct JidHash
{
    size_t operator()(const Jid &jid) const noexcept { return qHash(jid); }
};

} // namespace RosterRows

/// The model's rows: groups, each with its contacts, kept up to date one change at a time with the model's
/// row signals (beginInsertRows(), dataChanged(), ...) around each change. The Qt model interface
/// (RosterModel.cpp) only reads it.
class RosterModel::Private
{
public:
    using Contact = RosterRows::Contact;
    using Group = RosterRows::Group;
    using Profile = RosterRows::Profile;

    explicit Private(RosterModel *q) : q(q)
    {
        collator.setCaseSensitivity(Qt::CaseInsensitive);
        collator.setNumericMode(true);
    }

    // Lookups, all hashed: an update costs O(groups of the contact), never a scan of the roster.
    int groupRow(const QString &name) const { return groupRows.value(name, -1); }
    Group *group(const QString &name) const
    {
        const int row = groupRow(name);
        return row < 0 ? nullptr : groups.at(row).get();
    }
    int rowOfGroup(const Group *group) const { return groupRow(group->name); }
    QModelIndex contactIndex(const Group *group, const Jid &jid) const
    {
        const int row = group->rowOf.value(jid, -1);
        return row < 0 ? QModelIndex() : q->createIndex(row, 0, const_cast<Group *>(group));
    }

    bool groupLessThan(const QString &a, const QString &b) const
    {
        const QString defaultName = RosterManager::defaultGroupName();
        if (a == defaultName || b == defaultName)
            return a == defaultName && b != defaultName;
        return collator.compare(a, b) < 0;
    }

    Group *ensureGroup(const QString &name);
    void removeGroupIfEmpty(Group *group);
    void insertMember(Group *group, const Jid &jid, bool available);
    void removeMember(Group *group, const Jid &jid, bool available);
    void emitGroupCounts(Group *group, bool total);
    void emitContactChanged(const Jid &jid, const QList<int> &roles);

    void addContact(const RosterItem &item);
    void updateContact(const RosterItem &item);
    void removeContact(const Jid &jid);
    void updatePresence(const Jid &jid);
    void syncWithRoster();
    void reset();

    RosterModel *q;
    bool resetting = false;   // inside beginResetModel(): rows go in without a signal each
    RosterManager *roster = nullptr;
    PresenceManager *presence = nullptr;
    QCollator collator{QLocale(QLocale::Chinese, QLocale::China)};
    std::vector<std::unique_ptr<Group>> groups;   // the top-level rows, default group first, then collated
    QHash<QString, int> groupRows;                  // group name → row
    // Bare JID → contact. Node-based: a Contact stays where it is while others come and go, so that the
    // group rows point at it and sorting reads it without a lookup.
    std::unordered_map<Jid, Contact, RosterRows::JidHash> contacts;
    QHash<Jid, int> pendingUnread;                  // unread counts of JIDs not (yet) on the roster
    QHash<Jid, Profile> profiles;                   // by bare JID, on the roster or not (yet)

    void setDisplayName(Contact &contact, const QString &name) const
    {
        contact.displayName = name;
        contact.nameKey = collator.sortKey(name);
    }

    QString displayNameOf(const RosterItem &item) const
    {
        const Profile profile = profiles.value(item.jid);
        return DisplayName::choose(item.jid, item.name, profile.nickname, profile.fullName);
    }
};
