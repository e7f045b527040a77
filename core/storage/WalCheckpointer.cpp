#include "storage/WalCheckpointer.h"

#include <QAtomicInteger>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCheckpoint, "xin.storage.checkpoint")

namespace {
QAtomicInteger<int> checkpointerCounter;
} // namespace

WalCheckpointer::WalCheckpointer(const QString &path, std::chrono::milliseconds interval, QObject *parent)
    : QThread(parent), m_path(path), m_interval(interval)
{
    setObjectName(u"WalCheckpointer"_s);
}

WalCheckpointer::~WalCheckpointer()
{
    quit();
    wait();
}

void WalCheckpointer::run()
{
    // A QtSql connection belongs to the thread that made it: this one is made, used and removed here.
    const QString name = u"xin-checkpoint-%1"_s.arg(checkpointerCounter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            qCWarning(lcCheckpoint) << "cannot open" << m_path << db.lastError().text();
        } else {
            QSqlQuery query(db);
            QTimer timer;
            timer.setInterval(m_interval);
            QObject::connect(&timer, &QTimer::timeout, &timer, [&query, this] {
                // PASSIVE: as much as can be copied without waiting for readers or the writer.
                if (!query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
                    qCDebug(lcCheckpoint) << "checkpoint of" << m_path << "failed:" << query.lastError().text();
                query.finish();
            });
            timer.start();
            exec();
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}
