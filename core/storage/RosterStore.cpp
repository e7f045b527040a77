// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/RosterStore.h"

#include "storage/Database.h"
#include "storage/RosterPreload.h"

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
constexpr QChar GroupSeparator{0x1f};   // between the names in group_names (schema step 6)

bool run(QSqlQuery &query)
{
    if (query.exec())
        return true;
    qCWarning(lcRosterStore) << "query failed:" << query.lastError().text();
    return false;
}

} // namespace

RosterStore::RosterStore(Database &database, RosterPreload *preload) : m_database(database), m_preload(preload) { }

QList<RosterItem> RosterStore::items() const
{
    if (RosterPreload *preload = std::exchange(m_preload, nullptr)) {
        if (auto items = preload->take())
            return *std::move(items);
    }
    return readItems(m_database.connection());
}

QList<RosterItem> RosterStore::readItems(const QSqlDatabase &connection, bool *ok)
{
    if (ok)
        *ok = false;
    // This runs at every start before the contact list can be drawn, thousands of rows: a plain table scan
    // (ORDER BY jid would walk the index and fetch each row apart), ordered here instead.
    std::vector<std::pair<QString, RosterItem>> keyed;
    QSqlQuery query(connection);
    query.setForwardOnly(true);
    query.prepare(u"SELECT jid, name, subscription, pending_out, approved, group_names FROM roster_items"_s);
    if (!run(query))
        return {};
    while (query.next()) {
        QString jidText = query.value(0).toString();
        const auto jid = Jid::parse(jidText);
        if (!jid)
            continue;   // hand-edited or corrupt row: skip it rather than show an unusable contact
        RosterItem item;
        item.jid = *jid;
        item.name = query.value(1).toString();
        item.subscription =
            RosterItem::subscriptionFromName(query.value(2).toString()).value_or(RosterItem::Subscription::None);
        item.pendingOut = query.value(3).toBool();
        item.approved = query.value(4).toBool();
        const QString groups = query.value(5).toString();
        if (!groups.isEmpty())
            item.groups = groups.split(GroupSeparator);
        keyed.emplace_back(std::move(jidText), std::move(item));
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<RosterItem> result;
    result.reserve(qsizetype(keyed.size()));
    for (auto &entry : keyed)
        result.append(std::move(entry.second));
    if (ok)
        *ok = true;
    return result;
}

QString RosterStore::version() const
{
    return m_database.property(VersionKey);
}

/// The statements that write items, prepared once per transaction: preparing costs more than running, and
/// a full roster writes thousands of items.
struct RosterStore::Writer
{
    explicit Writer(const QSqlDatabase &connection) : item(connection)
    {
        item.prepare(u"INSERT INTO roster_items (jid, name, subscription, pending_out, approved, group_names) "
                     "VALUES (?, COALESCE(?, ''), ?, ?, ?, COALESCE(?, '')) ON CONFLICT(jid) DO UPDATE SET name = "
                     "excluded.name, "
                     "subscription = excluded.subscription, pending_out = excluded.pending_out, "
                     "approved = excluded.approved, group_names = excluded.group_names"_s);
    }

    QSqlQuery item;
};

bool RosterStore::replaceAll(const QList<RosterItem> &items, const QString &version)
{
    m_preload = nullptr;   // it no longer holds what is cached
    return m_database.transaction([&] {
        QSqlQuery query(m_database.connection());
        if (!query.exec(u"DELETE FROM roster_items"_s))
            return false;
        Writer writer(m_database.connection());
        for (const RosterItem &item : items) {
            if (item.subscription != RosterItem::Subscription::Remove && !writeItem(writer, item))
                return false;
        }
        return writeVersion(version);
    });
}

bool RosterStore::apply(const RosterItem &item, const QString &version)
{
    m_preload = nullptr;
    return m_database.transaction([&] {
        bool ok = false;
        if (item.subscription == RosterItem::Subscription::Remove) {
            ok = deleteItem(item.jid);
        } else {
            Writer writer(m_database.connection());
            ok = writeItem(writer, item);
        }
        return ok && (version.isEmpty() || writeVersion(version));
    });
}

bool RosterStore::clear()
{
    return replaceAll({}, {});
}

bool RosterStore::writeItem(Writer &writer, const RosterItem &item)
{
    QStringList groups = item.groups;
    groups.removeAll(QString());   // an empty name would not survive the join
    writer.item.bindValue(0, item.jid.toString());
    writer.item.bindValue(1, item.name);
    writer.item.bindValue(2, RosterItem::subscriptionName(item.subscription));
    writer.item.bindValue(3, item.pendingOut);
    writer.item.bindValue(4, item.approved);
    writer.item.bindValue(5, groups.join(GroupSeparator));
    return run(writer.item);
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
