// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QThread>

#include <chrono>

/// Runs SQLite's WAL checkpoints for one database file on a thread of its own.
///
/// A checkpoint copies the write-ahead log into the database file and syncs it. SQLite runs one by itself
/// in whichever commit makes the log pass 1000 pages, on the thread that commits: in the app, the UI thread,
/// where a message flood met checkpoints of 50 to 200 ms. With the owner's automatic checkpoints turned
/// off (PRAGMA wal_autocheckpoint=0), this thread runs a PASSIVE checkpoint at each interval on a
/// connection of its own: it copies what no reader still needs and never blocks the writer.
class WalCheckpointer : public QThread
{
    Q_OBJECT
public:
    explicit WalCheckpointer(const QString &path, std::chrono::milliseconds interval = std::chrono::seconds(1),
                             QObject *parent = nullptr);
    /// Stops the thread (after a checkpoint in progress) and closes its connection.
    ~WalCheckpointer() override;

protected:
    void run() override;

private:
    QString m_path;
    std::chrono::milliseconds m_interval;
};
