// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class WalCheckpointer;

/// The SQLite database of one profile (PROFILE_DIR/xin.sqlite), shared by every store of that profile.
///
/// Each Database opens its own QtSql connection under a unique name, so two profiles (or a test and the
/// app) never share one by accident. Journal mode is WAL: readers do not block the writer and a crash
/// mid-write leaves the previous state. Use it from the thread that opened it (a QtSql rule).
///
/// Schema: PRAGMA user_version counts the migration steps applied; open() applies the missing ones, each
/// in a transaction of its own. The steps are listed in Database.cpp, append-only: a store that needs a
/// table adds a step at the end, never edits a shipped one. A file from a newer Xin (higher user_version)
/// is refused rather than misread.
class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// The database file inside @p profileDir.
    static QString filePath(const QString &profileDir);

    /// Opens (creating if needed) the file at @p path and brings its schema up to date. ":memory:" works
    /// for a throwaway database. On failure the database stays closed and *error says why.
    bool open(const QString &path, QString *error = nullptr);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }

    /// The connection, for QSqlQuery. Do not keep a copy past close().
    QSqlDatabase connection() const;
    /// The schema version of the open file; latestSchemaVersion() once open() succeeded.
    int schemaVersion() const;
    static int latestSchemaVersion();

    /// Whether WAL checkpoints run on a thread of their own (storage/WalCheckpointer.h) instead of inside
    /// the commit that fills the log, on the caller's thread. The app turns it on; a test may leave it off.
    /// False for a closed or in-memory database.
    bool setBackgroundCheckpoints(bool enabled);
    bool hasBackgroundCheckpoints() const { return m_checkpointer != nullptr; }

    /// Runs @p work in a transaction that holds the write lock from its start (BEGIN IMMEDIATE): committed when
    /// it returns true, rolled back otherwise. Inside another one, @p work simply runs as part of it.
    bool transaction(const std::function<bool()> &work);
    bool isInTransaction() const { return m_inTransaction; }

    /// A small key/value table for per-profile state that fits no store's table (cursor positions,
    /// versions). A missing key reads as a null QString.
    QString property(const QString &key) const;
    bool setProperty(const QString &key, const QString &value);

private:
    bool migrate(QString *error);

    QString m_connectionName;
    QString m_path;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    bool m_inTransaction = false;   // inside transaction(): nested calls join it
};
