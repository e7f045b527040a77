#include "storage/RosterStore.h"

#include "storage/Database.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRosterStore, "xin.storage.roster")

namespace {

const QString VersionKey = u"roster.version"_s;

bool run(QSqlQuery &query)
{
    if (query.exec())
        return true;
    qCWarning(lcRosterStore) << "query failed:" << query.lastError().text();
    return false;
}

} // namespace

RosterStore::RosterStore(Database &database) : m_database(database) {}

QList<RosterItem> RosterStore::items() const
{
    // This runs at every start before the contact list can be drawn, thousands of rows: plain table scans.
    // ORDER BY jid would walk the index and fetch each row apart, and groups by (jid, position) sort every
    // membership (so would a group_concat per contact, slower still); the order is made here instead.
    QList<RosterItem> result;
    QHash<QString, qsizetype> indexOf;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT jid, name, subscription, pending_out, approved FROM roster_items"_s);
    if (!run(query))
        return result;
    while (query.next()) {
        const QString jidText = query.value(0).toString();
        const auto jid = Jid::parse(jidText);
        if (!jid)
            continue;   // hand-edited or corrupt row: skip it rather than show an unusable contact
        RosterItem item;
        item.jid = *jid;
        item.name = query.value(1).toString();
        item.subscription = RosterItem::subscriptionFromName(query.value(2).toString())
                                .value_or(RosterItem::Subscription::None);
        item.pendingOut = query.value(3).toBool();
        item.approved = query.value(4).toBool();
        indexOf.insert(jidText, result.size());
        result.append(item);
    }

    QSqlQuery groups(m_database.connection());
    groups.setForwardOnly(true);
    groups.prepare(u"SELECT jid, name, position FROM roster_groups"_s);
    if (!run(groups))
        return result;
    QList<QList<std::pair<int, QString>>> memberships(result.size());   // (position, group) per item
    while (groups.next()) {
        const auto it = indexOf.constFind(groups.value(0).toString());
        if (it != indexOf.cend())
            memberships[*it].append({groups.value(2).toInt(), groups.value(1).toString()});
    }
    std::vector<std::pair<QString, qsizetype>> byJid;   // ordered by JID, as promised
    byJid.reserve(size_t(result.size()));
    for (auto it = indexOf.cbegin(); it != indexOf.cend(); ++it) {
        byJid.emplace_back(it.key(), it.value());
        auto &groupsOfItem = memberships[it.value()];
        std::sort(groupsOfItem.begin(), groupsOfItem.end());   // the server's order (position)
        for (auto &[position, name] : groupsOfItem)
            result[it.value()].groups.append(std::move(name));
    }
    std::sort(byJid.begin(), byJid.end());
    QList<RosterItem> ordered;
    ordered.reserve(result.size());
    for (const auto &entry : byJid)
        ordered.append(std::move(result[entry.second]));
    return ordered;
}

QString RosterStore::version() const
{
    return m_database.property(VersionKey);
}

/// The statements that write items, prepared once per transaction: preparing costs more than running, and
/// a full roster writes thousands of items.
struct RosterStore::Writer
{
    explicit Writer(const QSqlDatabase &connection) : item(connection), dropGroups(connection), addGroup(connection)
    {
        item.prepare(u"INSERT INTO roster_items (jid, name, subscription, pending_out, approved) "
                     "VALUES (?, COALESCE(?, ''), ?, ?, ?) ON CONFLICT(jid) DO UPDATE SET name = excluded.name, "
                     "subscription = excluded.subscription, pending_out = excluded.pending_out, "
                     "approved = excluded.approved"_s);
        dropGroups.prepare(u"DELETE FROM roster_groups WHERE jid = ?"_s);
        addGroup.prepare(u"INSERT OR IGNORE INTO roster_groups (jid, name, position) VALUES (?, ?, ?)"_s);
    }

    QSqlQuery item;
    QSqlQuery dropGroups;
    QSqlQuery addGroup;
};

bool RosterStore::replaceAll(const QList<RosterItem> &items, const QString &version)
{
    return m_database.transaction([&] {
        QSqlQuery query(m_database.connection());
        // roster_groups rows go with their items (ON DELETE CASCADE).
        if (!query.exec(u"DELETE FROM roster_items"_s))
            return false;
        Writer writer(m_database.connection());
        for (const RosterItem &item : items) {
            if (item.subscription != RosterItem::Subscription::Remove && !writeItem(writer, item, false))
                return false;
        }
        return writeVersion(version);
    });
}

bool RosterStore::apply(const RosterItem &item, const QString &version)
{
    return m_database.transaction([&] {
        bool ok = false;
        if (item.subscription == RosterItem::Subscription::Remove) {
            ok = deleteItem(item.jid);
        } else {
            Writer writer(m_database.connection());
            ok = writeItem(writer, item, true);
        }
        return ok && (version.isEmpty() || writeVersion(version));
    });
}

bool RosterStore::clear()
{
    return replaceAll({}, {});
}

bool RosterStore::writeItem(Writer &writer, const RosterItem &item, bool mayHaveGroups)
{
    const QString jid = item.jid.toString();
    writer.item.bindValue(0, jid);
    writer.item.bindValue(1, item.name);
    writer.item.bindValue(2, RosterItem::subscriptionName(item.subscription));
    writer.item.bindValue(3, item.pendingOut);
    writer.item.bindValue(4, item.approved);
    if (!run(writer.item))
        return false;

    if (mayHaveGroups) {
        writer.dropGroups.bindValue(0, jid);
        if (!run(writer.dropGroups))
            return false;
    }
    for (qsizetype i = 0; i < item.groups.size(); ++i) {
        writer.addGroup.bindValue(0, jid);
        writer.addGroup.bindValue(1, item.groups.at(i));
        writer.addGroup.bindValue(2, int(i));
        if (!run(writer.addGroup))
            return false;
    }
    return true;
}

bool RosterStore::deleteItem(const Jid &jid)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"DELETE FROM roster_items WHERE jid = ?"_s);
    query.addBindValue(jid.toString());
    return run(query);
}

bool RosterStore::writeVersion(const QString &version)
{
    return m_database.setProperty(VersionKey, version);
}
