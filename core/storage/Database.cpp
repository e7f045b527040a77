#include "storage/Database.h"

#include <QAtomicInteger>
#include <QDir>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDatabase, "xin.storage")

namespace {

/// The migration steps; step i (0-based) takes user_version from i to i + 1. Append-only (see the class
/// comment). Each entry is a list of statements run in one transaction.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps{
        // 1: general properties and the roster (RFC 6121 §2.1.2 item fields; groups in their own table,
        // one row per membership, position keeping the server's order).
        {
            u"CREATE TABLE properties (key TEXT PRIMARY KEY NOT NULL, value TEXT)"_s,
            u"CREATE TABLE roster_items ("
            "  jid TEXT PRIMARY KEY NOT NULL,"
            "  name TEXT NOT NULL DEFAULT '',"
            "  subscription TEXT NOT NULL DEFAULT 'none',"
            "  pending_out INTEGER NOT NULL DEFAULT 0,"
            "  approved INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE roster_groups ("
            "  jid TEXT NOT NULL REFERENCES roster_items(jid) ON DELETE CASCADE,"
            "  name TEXT NOT NULL,"
            "  position INTEGER NOT NULL,"
            "  PRIMARY KEY (jid, name))"_s,
        },
        // 2: cached vCards (XEP-0054) by bare JID, without the photo's bytes (those are files in the
        // AvatarStore), and the avatar hash each contact last advertised and we verified (XEP-0153, XEP-0084).
        {
            u"CREATE TABLE vcards ("
            "  jid TEXT PRIMARY KEY NOT NULL,"
            "  vcard TEXT,"
            "  avatar_hash TEXT NOT NULL DEFAULT '',"
            "  updated INTEGER NOT NULL DEFAULT 0)"_s,
        },
    };
    return steps;
}

QAtomicInteger<quint64> connectionCounter;

bool exec(QSqlQuery &query, const QString &statement, QString *error)
{
    if (query.exec(statement))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

} // namespace

Database::Database() = default;

Database::~Database()
{
    close();
}

QString Database::filePath(const QString &profileDir)
{
    return QDir(profileDir).filePath(u"xin.sqlite"_s);
}

bool Database::open(const QString &path, QString *error)
{
    close();
    m_connectionName = u"xin-db-%1"_s.arg(connectionCounter.fetchAndAddRelaxed(1));
    QString reason;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(path);
        if (!db.open()) {
            reason = db.lastError().text();
        } else {
            QSqlQuery query(db);
            // WAL for crash safety without blocking readers; NORMAL sync is durable enough with WAL (a power
            // cut may lose the last commit, never corrupt). Foreign keys are off by default in SQLite.
            if (path != u":memory:")
                exec(query, u"PRAGMA journal_mode=WAL"_s, nullptr);
            exec(query, u"PRAGMA synchronous=NORMAL"_s, nullptr);
            exec(query, u"PRAGMA foreign_keys=ON"_s, &reason);
        }
    }
    m_path = path;
    if (reason.isEmpty() && !migrate(&reason)) {
        if (reason.isEmpty())
            reason = u"migration failed"_s;
    }
    if (!reason.isEmpty()) {
        qCWarning(lcDatabase) << "cannot open" << path << reason;
        if (error)
            *error = reason;
        close();
        return false;
    }
    return true;
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_path.clear();
}

bool Database::isOpen() const
{
    return !m_connectionName.isEmpty() && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase Database::connection() const
{
    return m_connectionName.isEmpty() ? QSqlDatabase() : QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    QSqlQuery query(connection());
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return -1;
    return query.value(0).toInt();
}

int Database::latestSchemaVersion()
{
    return int(migrations().size());
}

bool Database::transaction(const std::function<bool()> &work)
{
    QSqlDatabase db = connection();
    if (!db.transaction())
        return false;
    if (work() && db.commit())
        return true;
    db.rollback();
    return false;
}

bool Database::migrate(QString *error)
{
    const int current = schemaVersion();
    if (current < 0) {
        *error = u"cannot read the schema version"_s;
        return false;
    }
    if (current > latestSchemaVersion()) {
        // Written by a newer Xin: its tables may mean something this version does not know.
        *error = u"the database has schema version %1, newer than this program's %2"_s.arg(current).arg(
            latestSchemaVersion());
        return false;
    }
    for (int step = current; step < latestSchemaVersion(); ++step) {
        const bool ok = transaction([&] {
            QSqlQuery query(connection());
            for (const QString &statement : migrations().at(step)) {
                if (!exec(query, statement, error))
                    return false;
            }
            // PRAGMA takes no bound parameters; the number is ours.
            return exec(query, u"PRAGMA user_version = %1"_s.arg(step + 1), error);
        });
        if (!ok) {
            qCWarning(lcDatabase) << "migration to schema version" << step + 1 << "failed:" << *error;
            return false;
        }
    }
    return true;
}

QString Database::property(const QString &key) const
{
    QSqlQuery query(connection());
    query.prepare(u"SELECT value FROM properties WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

bool Database::setProperty(const QString &key, const QString &value)
{
    QSqlQuery query(connection());
    query.prepare(u"INSERT INTO properties (key, value) VALUES (?, ?) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    query.addBindValue(key);
    query.addBindValue(value);
    if (query.exec())
        return true;
    qCWarning(lcDatabase) << "cannot write property" << key << query.lastError().text();
    return false;
}
