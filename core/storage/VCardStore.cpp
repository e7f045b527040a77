// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/VCardStore.h"

#include "storage/Database.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcVCardStore, "xin.storage.vcard")

namespace {

bool run(QSqlQuery &query)
{
    if (query.exec())
        return true;
    qCWarning(lcVCardStore) << "query failed:" << query.lastError().text();
    return false;
}

QString key(const Jid &jid)
{
    return jid.bare().toString();
}

} // namespace

VCardStore::VCardStore(Database &database) : m_database(database) { }

std::optional<VCard> VCardStore::vCard(const Jid &jid) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT vcard FROM vcards WHERE jid = ?"_s);
    query.addBindValue(key(jid));
    if (!run(query) || !query.next() || query.value(0).isNull())
        return std::nullopt;
    return VCard::fromElement(XmlWriter::parseElement(query.value(0).toString()));
}

QDateTime VCardStore::updated(const Jid &jid) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT updated FROM vcards WHERE jid = ? AND vcard IS NOT NULL"_s);
    query.addBindValue(key(jid));
    if (!run(query) || !query.next())
        return {};
    return QDateTime::fromSecsSinceEpoch(query.value(0).toLongLong(), QTimeZone::UTC);
}

bool VCardStore::setVCard(const Jid &jid, const VCard &vCard)
{
    VCard stored = vCard;
    stored.photo.data.clear();   // the bytes live in the AvatarStore; the type stays
    QSqlQuery query(m_database.connection());
    query.prepare(u"INSERT INTO vcards (jid, vcard, updated) VALUES (?, ?, ?) "
                  "ON CONFLICT(jid) DO UPDATE SET vcard = excluded.vcard, updated = excluded.updated"_s);
    query.addBindValue(key(jid));
    query.addBindValue(QString::fromUtf8(stored.toXml()));
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    return run(query);
}

QString VCardStore::avatarHash(const Jid &jid) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT avatar_hash FROM vcards WHERE jid = ?"_s);
    query.addBindValue(key(jid));
    if (!run(query) || !query.next())
        return {};
    return query.value(0).toString();
}

bool VCardStore::setAvatarHash(const Jid &jid, const QString &hash)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"INSERT INTO vcards (jid, avatar_hash) VALUES (?, ?) "
                  "ON CONFLICT(jid) DO UPDATE SET avatar_hash = excluded.avatar_hash"_s);
    query.addBindValue(key(jid));
    query.addBindValue(hash.isNull() ? QString::fromLatin1("") : hash);   // NOT NULL: "" is "no avatar"
    return run(query);
}

bool VCardStore::remove(const Jid &jid)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"DELETE FROM vcards WHERE jid = ?"_s);
    query.addBindValue(key(jid));
    return run(query);
}

QList<Jid> VCardStore::jids() const
{
    QList<Jid> result;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT jid FROM vcards ORDER BY jid"_s);
    if (!run(query))
        return result;
    while (query.next()) {
        if (const auto jid = Jid::parse(query.value(0).toString()))
            result.append(*jid);
    }
    return result;
}
