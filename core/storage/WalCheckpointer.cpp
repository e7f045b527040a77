// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/WalCheckpointer.h"

#include "storage/ThreadConnection.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCheckpoint, "xin.storage.checkpoint")

WalCheckpointer::WalCheckpointer(const QString &path, std::chrono::milliseconds interval, QObject *parent)
    : QThread(parent)
    , m_path(path)
    , m_interval(interval)
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
    QString error;
    const bool opened = ThreadConnection::run(m_path, u"xin-checkpoint-"_s, [this](QSqlDatabase &db) {
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
    }, &error);
    if (!opened)
        qCWarning(lcCheckpoint) << "cannot open" << m_path << error;
}
