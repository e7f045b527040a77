// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/SearchIndexer.h"

#include "storage/MessageStore.h"
#include "storage/ThreadConnection.h"

#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcIndexer, "xin.storage.indexer")

namespace {
// Under a steady trickle there is never a quiet moment: index at least this often.
constexpr qint64 LongestWaitMs = 5000;
} // namespace

SearchIndexer::SearchIndexer(const QString &path, std::chrono::milliseconds quiet, QObject *parent)
    : QThread(parent)
    , m_path(path)
    , m_quiet(quiet)
{
    setObjectName(u"SearchIndexer"_s);
}

SearchIndexer::~SearchIndexer()
{
    quit();
    wait();
}

void SearchIndexer::schedule()
{
    m_arrivals.fetchAndAddRelaxed(1);
    if (QTimer *timer = m_timer.loadAcquire()) {
        QMetaObject::invokeMethod(timer, [this, timer] {
            // Runs in the indexer's thread: restart the quiet time, unless the first waiting message has
            // waited long enough already.
            if (!timer->isActive())
                m_waiting.start();
            if (!timer->isActive() || m_waiting.elapsed() < LongestWaitMs - m_quiet.count())
                timer->start();
        }, Qt::QueuedConnection);
    }
}

void SearchIndexer::run()
{
    QString error;
    const bool opened = ThreadConnection::run(m_path, u"xin-indexer-"_s, [this](QSqlDatabase &db) {
        QTimer timer;
        timer.setSingleShot(true);
        timer.setInterval(m_quiet);
        QObject::connect(&timer, &QTimer::timeout, &timer, [this, &db] {
            // Stop between batches once messages arrive again, unless this pass was overdue (a steady flow).
            const int arrivedBefore = m_arrivals.loadRelaxed();
            const bool overdue = m_waiting.isValid() && m_waiting.elapsed() >= LongestWaitMs - m_quiet.count();
            const bool ok = MessageStore::indexWaitingOn(db, [this, arrivedBefore, overdue] {
                return overdue || m_arrivals.loadRelaxed() == arrivedBefore;
            });
            m_waiting.invalidate();
            if (!ok)
                qCInfo(lcIndexer) << "indexing pass failed; the next message or search tries again";
            Q_EMIT indexed(ok);
        });
        timer.start();   // what an earlier session left waiting
        m_timer.storeRelease(&timer);
        exec();
        m_timer.storeRelease(nullptr);
    }, &error);
    if (!opened)
        qCWarning(lcIndexer) << "cannot open" << m_path << error;
}
