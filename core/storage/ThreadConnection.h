// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSqlDatabase>
#include <QString>

#include <functional>

/// For a thread of its own that works on a database file (WalCheckpointer, SearchIndexer): a QtSql
/// connection belongs to the thread that made it, so it is made, used and removed on that thread.
namespace ThreadConnection {

/// Opens @p path under a new connection name starting with @p prefix, calls @p work with it (not when the
/// open failed: false then, with *error set), then closes and removes the connection.
bool run(const QString &path, const QString &prefix, const std::function<void(QSqlDatabase &)> &work,
         QString *error = nullptr);

} // namespace ThreadConnection
