// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/RosterModel.h"

#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "models/RemoteText.h"
#include "models/RosterModelPrivate.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

using namespace Qt::StringLiterals;

using namespace RosterRows;

namespace {

const QString ContactMimeType = u"application/x-xin-contact"_s;

} // namespace

RosterModel::RosterModel(RosterManager *roster, PresenceManager *presence, QObject *parent)
    : QAbstractItemModel(parent)
    , d(std::make_unique<Private>(this))
{
    d->roster = roster;
    d->presence = presence;
    if (roster) {
        // The model lives no longer than it listens: `this` as context disconnects on destruction.
        connect(roster, &RosterManager::contactAdded, this, [this](const Jid &jid) {
            if (const auto item = d->roster->item(jid))
                d->addContact(*item);
        });
        connect(roster, &RosterManager::contactChanged, this, [this](const Jid &jid) {
            if (const auto item = d->roster->item(jid))
                d->updateContact(*item);
        });
        connect(roster, &RosterManager::contactRemoved, this, [this](const Jid &jid) { d->removeContact(jid); });
        connect(roster, &RosterManager::rosterReceived, this, [this] { d->syncWithRoster(); });
        d->reset();
    }
    if (presence) {
        // Same context: no presence reaches a destroyed model.
        connect(presence, &PresenceManager::presenceChanged, this,
                [this](const Jid &bareJid) { d->updatePresence(bareJid); });
    }
}

RosterModel::~RosterModel() = default;

QModelIndex RosterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column != 0)
        return {};
    if (!parent.isValid())
        return row < int(d->groups.size()) ? createIndex(row, 0) : QModelIndex();
    if (parent.internalPointer() || parent.column() != 0 || parent.row() >= int(d->groups.size()))
        return {};   // contacts have no children
    Group *group = d->groups[parent.row()].get();
    return row < group->members.size() ? createIndex(row, 0, group) : QModelIndex();
}

QModelIndex RosterModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    const int row = d->rowOfGroup(static_cast<const Group *>(child.internalPointer()));
    return row < 0 ? QModelIndex() : createIndex(row, 0);
}

int RosterModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(d->groups.size());
    if (parent.internalPointer() || parent.column() != 0 || parent.row() >= int(d->groups.size()))
        return 0;
    return int(d->groups[parent.row()]->members.size());
}

int RosterModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return 1;
}

QVariant RosterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (!index.internalPointer()) {
        const Group *group = d->groups[index.row()].get();
        switch (role) {
        case Qt::DisplayRole:
        case GroupNameRole:
            return group->name;
        case SortKeyRole:
            return group->name;
        case KindRole:
            return int(Kind::Group);
        case OnlineCountRole:
            return group->online;
        case TotalCountRole:
            return int(group->members.size());
        default:
            return {};
        }
    }
    const auto *group = static_cast<const Group *>(index.internalPointer());
    const Contact &contact = *group->members.at(index.row());
    const Jid &jid = contact.item.jid;
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
    case SortKeyRole:
        return contact.displayName;
    case JidRole:
        return jid.toString();
    case Qt::ToolTipRole:
        return RemoteText::toolTip(jid.toString());   // escaped whatever a JID may hold (docs/SECURITY.md rule 5)
    case KindRole:
        return int(Kind::Contact);
    case AvatarKeyRole:
        return d->profiles.value(jid).avatarKey;
    case AvailableRole:
        return contact.presence.available;
    case PresenceShowRole:
        return int(contact.presence.available ? contact.presence.show : Presence::Show::None);
    case StatusTextRole:
        return contact.presence.status;
    case UnreadCountRole:
        return contact.unread;
    case LastSeenRole:
        return contact.lastSeen;
    case SubscriptionRole:
        return RosterItem::subscriptionName(contact.item.subscription);
    case PendingOutRole:
        return contact.item.pendingOut;
    case GroupNameRole:
        return group->name;
    default:
        return {};
    }
}

Qt::ItemFlags RosterModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (!index.internalPointer())
        return Qt::ItemIsEnabled | Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled
         | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> RosterModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(JidRole, "jid");
    names.insert(DisplayNameRole, "displayName");
    names.insert(AvatarKeyRole, "avatarKey");
    names.insert(AvailableRole, "available");
    names.insert(PresenceShowRole, "presenceShow");
    names.insert(StatusTextRole, "statusText");
    names.insert(UnreadCountRole, "unreadCount");
    names.insert(LastSeenRole, "lastSeen");
    names.insert(SubscriptionRole, "subscription");
    names.insert(PendingOutRole, "pendingOut");
    names.insert(GroupNameRole, "groupName");
    names.insert(OnlineCountRole, "onlineCount");
    names.insert(TotalCountRole, "totalCount");
    names.insert(SortKeyRole, "sortKey");
    return names;
}

// ---------------------------------------------------------------------------------------------------------
// Drag and drop: the payload is the contact's bare JID and the group row it was dragged from.

Qt::DropActions RosterModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList RosterModel::mimeTypes() const
{
    return {ContactMimeType};
}

QMimeData *RosterModel::mimeData(const QModelIndexList &indexes) const
{
    QByteArray payload;
    QDataStream out(&payload, QIODevice::WriteOnly);
    int count = 0;
    for (const QModelIndex &index : indexes) {
        if (!index.isValid() || !index.internalPointer())
            continue;   // groups are not dragged
        out << index.data(JidRole).toString() << index.data(GroupNameRole).toString();
        ++count;
    }
    if (count == 0)
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(ContactMimeType, payload);
    return mime;
}

namespace {

struct DraggedContact
{
    Jid jid;
    QString sourceGroup;
};

QList<DraggedContact> draggedContacts(const QMimeData *data)
{
    QList<DraggedContact> result;
    if (!data || !data->hasFormat(ContactMimeType))
        return result;
    QDataStream in(data->data(ContactMimeType));
    while (!in.atEnd()) {
        QString jid;
        QString group;
        in >> jid >> group;
        if (in.status() != QDataStream::Ok)
            break;
        const Jid parsed = Jid::fromString(jid);
        if (!parsed.isNull())
            result.append({parsed.bare(), group});
    }
    return result;
}

} // namespace

bool RosterModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                  const QModelIndex &parent) const
{
    Q_UNUSED(row)
    Q_UNUSED(column)
    return action == Qt::MoveAction && d->roster && parent.isValid() && data && data->hasFormat(ContactMimeType);
}

bool RosterModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                               const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString target = parent.data(GroupNameRole).toString();   // a group row, or a contact in one
    const QString defaultName = RosterManager::defaultGroupName();
    bool moved = false;
    for (const DraggedContact &dragged : draggedContacts(data)) {
        const auto item = d->roster->item(dragged.jid);
        if (!item || dragged.sourceGroup == target)
            continue;
        QStringList groups = item->groups;
        groups.removeAll(dragged.sourceGroup);
        if (target != defaultName && !groups.contains(target))
            groups.append(target);
        // The default group is "no group": it is never written to the roster.
        groups.removeAll(defaultName);
        // The model follows when the server pushes the changed item back.
        d->roster->setGroups(dragged.jid, groups);
        moved = true;
    }
    // True: the drop was handled. The view may then ask to remove the dragged rows; removeRows() is not
    // implemented, so the rows stay until the push moves them.
    return moved;
}

void RosterModel::setUnreadCount(const Jid &jid, int count)
{
    const Jid bare = jid.bare();
    const auto it = d->contacts.find(bare);
    if (it == d->contacts.end()) {
        if (count > 0)
            d->pendingUnread.insert(bare, count);
        else
            d->pendingUnread.remove(bare);
        return;
    }
    if (it->second.unread == count)
        return;
    it->second.unread = count;
    d->emitContactChanged(bare, {UnreadCountRole});
}

bool RosterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.model() != this || right.model() != this)
        return false;
    if (!left.internalPointer() || !right.internalPointer()) {
        if (left.internalPointer() || right.internalPointer())
            return !left.internalPointer();   // groups before contacts (never siblings in practice)
        return d->groupLessThan(d->groups[left.row()]->name, d->groups[right.row()]->name);
    }
    const auto contactAt = [](const QModelIndex &index) -> const Contact & {
        return *static_cast<const Group *>(index.internalPointer())->members.at(index.row());
    };
    const Contact &a = contactAt(left);
    const Contact &b = contactAt(right);
    // Available first; among them the more present first (chat, online, away, xa, dnd); then by name.
    if (a.presence.available != b.presence.available)
        return a.presence.available;
    if (a.presence.available) {
        const int rankA = ResourcePresence::showRank(a.presence.show);
        const int rankB = ResourcePresence::showRank(b.presence.show);
        if (rankA != rankB)
            return rankA > rankB;
    }
    const int byName = a.nameKey && b.nameKey ? a.nameKey->compare(*b.nameKey)
                                              : d->collator.compare(a.displayName, b.displayName);
    if (byName != 0)
        return byName < 0;
    // Same name: the JID decides, so equal names never swap places between updates.
    return a.item.jid.toString() < b.item.jid.toString();
}

void RosterModel::setProfile(const Jid &jid, const QString &nickname, const QString &fullName)
{
    const Jid bare = jid.bare();
    Profile &profile = d->profiles[bare];
    if (profile.nickname == nickname && profile.fullName == fullName)
        return;
    profile.nickname = nickname;
    profile.fullName = fullName;
    const auto it = d->contacts.find(bare);
    if (it == d->contacts.end())
        return;
    const QString name = d->displayNameOf(it->second.item);
    if (name == it->second.displayName)
        return;   // e.g. a remark hides the nickname
    d->setDisplayName(it->second, name);
    d->emitContactChanged(bare, {Qt::DisplayRole, DisplayNameRole, SortKeyRole});
}

void RosterModel::setAvatarKey(const Jid &jid, const QString &key)
{
    const Jid bare = jid.bare();
    Profile &profile = d->profiles[bare];
    if (profile.avatarKey == key)
        return;
    profile.avatarKey = key;
    if (d->contacts.contains(bare))
        d->emitContactChanged(bare, {AvatarKeyRole});
}

void RosterModel::setLastSeen(const Jid &jid, const QDateTime &when)
{
    const auto it = d->contacts.find(jid.bare());
    if (it == d->contacts.end() || it->second.lastSeen == when)
        return;
    it->second.lastSeen = when.toUTC();
    d->emitContactChanged(it->first, {LastSeenRole});
}

QModelIndex RosterModel::groupIndex(const QString &group) const
{
    const int row = d->groupRow(group);
    return row < 0 ? QModelIndex() : createIndex(row, 0);
}

QModelIndexList RosterModel::contactIndexes(const Jid &jid) const
{
    QModelIndexList result;
    const auto it = d->contacts.find(jid.bare());
    if (it == d->contacts.end())
        return result;
    for (const QString &name : it->second.groups) {
        if (const Group *g = d->group(name)) {
            const QModelIndex index = d->contactIndex(g, it->first);
            if (index.isValid())
                result.append(index);
        }
    }
    return result;
}
