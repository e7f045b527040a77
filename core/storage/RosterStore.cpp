#include "storage/RosterStore.h"

#include "storage/Database.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

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
    QList<RosterItem> result;
    QHash<QString, qsizetype> indexOf;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT jid, name, subscription, pending_out, approved FROM roster_items ORDER BY jid"_s);
    if (!run(query))
        return result;
    while (query.next()) {
        const auto jid = Jid::parse(query.value(0).toString());
        if (!jid)
            continue;   // hand-edited or corrupt row: skip it rather than show an unusable contact
        RosterItem item;
        item.jid = *jid;
        item.name = query.value(1).toString();
        item.subscription = RosterItem::subscriptionFromName(query.value(2).toString())
                                .value_or(RosterItem::Subscription::None);
        item.pendingOut = query.value(3).toBool();
        item.approved = query.value(4).toBool();
        indexOf.insert(query.value(0).toString(), result.size());
        result.append(item);
    }

    QSqlQuery groups(m_database.connection());
    groups.setForwardOnly(true);
    groups.prepare(u"SELECT jid, name FROM roster_groups ORDER BY jid, position"_s);
    if (!run(groups))
        return result;
    while (groups.next()) {
        const auto it = indexOf.constFind(groups.value(0).toString());
        if (it != indexOf.cend())
            result[*it].groups.append(groups.value(1).toString());
    }
    return result;
}

QString RosterStore::version() const
{
    return m_database.property(VersionKey);
}

bool RosterStore::replaceAll(const QList<RosterItem> &items, const QString &version)
{
    return m_database.transaction([&] {
        QSqlQuery query(m_database.connection());
        // roster_groups rows go with their items (ON DELETE CASCADE).
        if (!query.exec(u"DELETE FROM roster_items"_s))
            return false;
        for (const RosterItem &item : items) {
            if (item.subscription != RosterItem::Subscription::Remove && !writeItem(item))
                return false;
        }
        return writeVersion(version);
    });
}

bool RosterStore::apply(const RosterItem &item, const QString &version)
{
    return m_database.transaction([&] {
        const bool ok = item.subscription == RosterItem::Subscription::Remove ? deleteItem(item.jid)
                                                                              : writeItem(item);
        return ok && (version.isEmpty() || writeVersion(version));
    });
}

bool RosterStore::clear()
{
    return replaceAll({}, {});
}

bool RosterStore::writeItem(const RosterItem &item)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"INSERT INTO roster_items (jid, name, subscription, pending_out, approved) "
                  "VALUES (?, COALESCE(?, ''), ?, ?, ?) ON CONFLICT(jid) DO UPDATE SET name = excluded.name, "
                  "subscription = excluded.subscription, pending_out = excluded.pending_out, "
                  "approved = excluded.approved"_s);
    query.addBindValue(item.jid.toString());
    query.addBindValue(item.name);
    query.addBindValue(RosterItem::subscriptionName(item.subscription));
    query.addBindValue(item.pendingOut);
    query.addBindValue(item.approved);
    if (!run(query))
        return false;

    QSqlQuery groups(m_database.connection());
    groups.prepare(u"DELETE FROM roster_groups WHERE jid = ?"_s);
    groups.addBindValue(item.jid.toString());
    if (!run(groups))
        return false;
    groups.prepare(u"INSERT OR IGNORE INTO roster_groups (jid, name, position) VALUES (?, ?, ?)"_s);
    for (qsizetype i = 0; i < item.groups.size(); ++i) {
        groups.bindValue(0, item.jid.toString());
        groups.bindValue(1, item.groups.at(i));
        groups.bindValue(2, int(i));
        if (!run(groups))
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
