// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/RosterModelPrivate.h"

#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"

#include <algorithm>

using namespace RosterRows;

namespace {

QStringList groupsOf(const RosterItem &item)
{
    QStringList groups;
    for (const QString &group : item.groups) {
        if (!group.isEmpty() && !groups.contains(group))
            groups.append(group);
    }
    if (groups.isEmpty())
        groups.append(RosterManager::defaultGroupName());
    return groups;
}

} // namespace

Group *RosterModel::Private::ensureGroup(const QString &name)
{
    if (Group *existing = group(name))
        return existing;
    const auto position = std::lower_bound(groups.begin(), groups.end(), name,
                                           [this](const std::unique_ptr<Group> &g, const QString &n) {
        return groupLessThan(g->name, n);
    });
    const int row = int(position - groups.begin());
    if (!resetting)
        q->beginInsertRows({}, row, row);
    auto created = std::make_unique<Group>();
    created->name = name;
    Group *raw = created.get();
    groups.insert(position, std::move(created));
    for (int i = row; i < int(groups.size()); ++i)
        groupRows.insert(groups[i]->name, i);
    if (!resetting)
        q->endInsertRows();
    return raw;
}

void RosterModel::Private::removeGroupIfEmpty(Group *group)
{
    if (!group->members.isEmpty())
        return;
    const int row = rowOfGroup(group);
    q->beginRemoveRows({}, row, row);
    groupRows.remove(group->name);
    groups.erase(groups.begin() + row);
    for (int i = row; i < int(groups.size()); ++i)
        groupRows.insert(groups[i]->name, i);
    q->endRemoveRows();
}

void RosterModel::Private::insertMember(Group *group, const Jid &jid, bool available)
{
    const int row = int(group->members.size());
    if (!resetting)
        q->beginInsertRows(q->createIndex(rowOfGroup(group), 0), row, row);
    group->members.append(&contacts.find(jid)->second);
    group->rowOf.insert(jid, row);
    if (available)
        ++group->online;
    if (resetting)
        return;
    q->endInsertRows();
    emitGroupCounts(group, true);
}

void RosterModel::Private::removeMember(Group *group, const Jid &jid, bool available)
{
    const int row = group->rowOf.value(jid, -1);
    if (row < 0)
        return;
    q->beginRemoveRows(q->createIndex(rowOfGroup(group), 0), row, row);
    group->members.removeAt(row);
    group->rowOf.remove(jid);
    for (int i = row; i < group->members.size(); ++i)
        group->rowOf.insert(group->members.at(i)->item.jid, i);
    if (available)
        --group->online;
    q->endRemoveRows();
    if (group->members.isEmpty())
        removeGroupIfEmpty(group);
    else
        emitGroupCounts(group, true);
}

void RosterModel::Private::emitGroupCounts(Group *group, bool total)
{
    const QModelIndex index = q->createIndex(rowOfGroup(group), 0);
    QList<int> roles{OnlineCountRole};
    if (total)
        roles << TotalCountRole;
    Q_EMIT q->dataChanged(index, index, roles);
}

void RosterModel::Private::emitContactChanged(const Jid &jid, const QList<int> &roles)
{
    const auto it = contacts.find(jid);
    if (it == contacts.end())
        return;
    for (const QString &name : it->second.groups) {
        if (const Group *g = group(name)) {
            const QModelIndex index = contactIndex(g, jid);
            if (index.isValid())
                Q_EMIT q->dataChanged(index, index, roles);
        }
    }
}

void RosterModel::Private::addContact(const RosterItem &item)
{
    if (contacts.contains(item.jid)) {
        updateContact(item);
        return;
    }
    Contact contact;
    contact.item = item;
    setDisplayName(contact, displayNameOf(item));
    contact.groups = groupsOf(item);
    contact.unread = pendingUnread.take(item.jid);
    if (presence)
        contact.presence = presence->contactPresence(item.jid);
    const bool available = contact.presence.available;
    const QStringList names = contact.groups;
    contacts.emplace(item.jid, std::move(contact));
    for (const QString &name : names)
        insertMember(ensureGroup(name), item.jid, available);
}

void RosterModel::Private::updateContact(const RosterItem &item)
{
    const auto it = contacts.find(item.jid);
    if (it == contacts.end()) {
        addContact(item);
        return;
    }
    Contact &contact = it->second;
    const QStringList oldGroups = contact.groups;
    const QStringList newGroups = groupsOf(item);
    const bool available = contact.presence.available;
    const QString name = displayNameOf(item);
    const bool nameChanged = name != contact.displayName;
    contact.item = item;
    if (nameChanged)
        setDisplayName(contact, name);

    // Leave the groups it is no longer in, join the new ones; rows in the groups it keeps stay put.
    for (const QString &name : oldGroups) {
        if (newGroups.contains(name))
            continue;
        contact.groups.removeAll(name);
        if (Group *g = group(name))
            removeMember(g, item.jid, available);
    }
    for (const QString &name : newGroups) {
        if (oldGroups.contains(name))
            continue;
        contact.groups.append(name);
        insertMember(ensureGroup(name), item.jid, available);
    }
    contact.groups = newGroups;

    QList<int> roles{SubscriptionRole, PendingOutRole};
    if (nameChanged)
        roles << Qt::DisplayRole << DisplayNameRole << SortKeyRole;
    emitContactChanged(item.jid, roles);
}

void RosterModel::Private::removeContact(const Jid &jid)
{
    const auto it = contacts.find(jid);
    if (it == contacts.end())
        return;
    const QStringList names = it->second.groups;
    const bool available = it->second.presence.available;
    // Leave each group first (the contact stays readable while its rows are being removed).
    for (const QString &name : names) {
        if (Group *g = group(name))
            removeMember(g, jid, available);
    }
    contacts.erase(jid);
}

void RosterModel::Private::updatePresence(const Jid &jid)
{
    const auto it = contacts.find(jid.bare());
    if (it == contacts.end())
        return;   // not on the roster: nothing to show
    Contact &contact = it->second;
    const ResourcePresence now = presence->contactPresence(jid);
    if (now == contact.presence)
        return;
    const bool wasAvailable = contact.presence.available;
    contact.presence = now;
    if (wasAvailable && !now.available)
        contact.lastSeen = QDateTime::currentDateTimeUtc();   // we saw them leave
    const QStringList names = contact.groups;
    emitContactChanged(it->first, {Qt::DisplayRole, AvailableRole, PresenceShowRole, StatusTextRole, LastSeenRole});
    if (wasAvailable == now.available)
        return;
    for (const QString &name : names) {
        if (Group *g = group(name)) {
            g->online += now.available ? 1 : -1;
            emitGroupCounts(g, false);
        }
    }
}

void RosterModel::Private::syncWithRoster()
{
    // The manager emits per-item signals for a full roster too; this only catches what they could not
    // tell (a store switched with setStore()), item by item so that views keep their state.
    QList<Jid> gone;
    for (const auto &[jid, contact] : contacts) {
        if (!roster->contains(jid))
            gone.append(jid);
    }
    for (const Jid &jid : std::as_const(gone))
        removeContact(jid);
    roster->forEachItem([this](const RosterItem &item) {
        const auto it = contacts.find(item.jid);
        if (it == contacts.end())
            addContact(item);
        else if (!(it->second.item == item))
            updateContact(item);
    });
}

void RosterModel::Private::reset()
{
    // The first fill (thousands of cached contacts at start-up): one reset instead of a pair of insert
    // signals and a count change per contact.
    q->beginResetModel();
    resetting = true;
    contacts.reserve(size_t(roster->itemCount()));
    syncWithRoster();
    resetting = false;
    q->endResetModel();
}
