#include "models/RosterModel.h"

#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "extensions/ResourcePresence.h"
#include "models/DisplayName.h"
#include "models/RemoteText.h"

#include <QCollator>

#include <unordered_map>
#include <QDataStream>
#include <QHash>
#include <QIODevice>
#include <QList>
#include <QMimeData>

#include <algorithm>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

const QString ContactMimeType = u"application/x-xin-contact"_s;

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

class RosterModel::Private
{
public:
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
    std::unordered_map<Jid, Contact, JidHash> contacts;
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

// ---------------------------------------------------------------------------------------------------------

RosterModel::RosterModel(RosterManager *roster, PresenceManager *presence, QObject *parent)
    : QAbstractItemModel(parent), d(std::make_unique<Private>(this))
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
