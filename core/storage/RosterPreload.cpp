// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/RosterPreload.h"

#include "storage/RosterStore.h"
#include "storage/ThreadConnection.h"

#include <QFileInfo>
#include <QThread>

#include <utility>

struct RosterPreload::Worker
{
    std::unique_ptr<QThread> thread;
    std::optional<QList<RosterItem>> items;   // written by the thread, read once it has ended
};

RosterPreload::RosterPreload(const QString &path) : m_worker(std::make_unique<Worker>())
{
    if (!QFileInfo::exists(path))
        return;   // a new profile: nothing cached, and opening would create the file
    Worker *worker = m_worker.get();
    worker->thread.reset(QThread::create([worker, path] {
        ThreadConnection::run(path, QStringLiteral("xin-roster-preload-"), [worker](QSqlDatabase &db) {
            bool ok = false;
            QList<RosterItem> items = RosterStore::readItems(db, &ok);
            if (ok)
                worker->items = std::move(items);
        });
    }));
    worker->thread->setObjectName(QStringLiteral("xin-roster-preload"));
    worker->thread->start();
}

RosterPreload::~RosterPreload()
{
    if (m_worker->thread)
        m_worker->thread->wait();
}

std::optional<QList<RosterItem>> RosterPreload::take()
{
    if (!m_worker->thread)
        return std::nullopt;
    m_worker->thread->wait();
    return std::exchange(m_worker->items, std::nullopt);
}
