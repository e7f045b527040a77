// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/ThreadConnection.h"

#include <QAtomicInteger>
#include <QSqlError>

namespace {
QAtomicInteger<int> connectionCounter;
} // namespace

namespace ThreadConnection {

bool run(const QString &path, const QString &prefix, const std::function<void(QSqlDatabase &)> &work, QString *error)
{
    const QString name = prefix + QString::number(connectionCounter.fetchAndAddRelaxed(1));
    bool opened = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        opened = db.open();
        if (opened)
            work(db);
        else if (error)
            *error = db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return opened;
}

} // namespace ThreadConnection
