// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QAtomicPointer>
#include <QElapsedTimer>
#include <QString>
#include <QThread>

#include <chrono>

class QTimer;

/// Indexes the messages that MessageStore::add() stored without indexing them, on a thread and connection of
/// its own, once messages stop coming for a moment (MessageStore::setBackgroundIndexing()).
///
/// Indexing a batch of messages inside the flood that brings them cost the UI thread 60-90 ms now and then:
/// the full-text index merges its segments as it grows. Here that work waits for a pause (or, under a steady
/// trickle, runs every few seconds) and never runs on the UI thread; a search indexes what still waits itself.
class SearchIndexer : public QThread
{
    Q_OBJECT
public:
    explicit SearchIndexer(const QString &path, std::chrono::milliseconds quiet = std::chrono::milliseconds(500),
                           QObject *parent = nullptr);
    /// Stops the thread after an indexing pass in progress.
    ~SearchIndexer() override;

    /// Thread-safe: a message waits for the index. Indexing starts once none came for the quiet time.
    void schedule();

Q_SIGNALS:
    /// A pass ended (emitted from the indexer's thread); @p ok is false when the database refused it.
    void indexed(bool ok);

protected:
    void run() override;

private:
    QString m_path;
    std::chrono::milliseconds m_quiet;
    QAtomicPointer<QTimer> m_timer;   // lives in run(); null before and after
    QElapsedTimer m_waiting;          // the indexer's thread only: since the first message of this wait
    QAtomicInt m_arrivals;            // schedule() calls so far, from any thread
};
