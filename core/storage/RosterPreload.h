// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/RosterItem.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

/// The cached roster, read on a worker thread through a connection of its own while the start-up goes on
/// (style, main window), so that thousands of cached contacts are ready when the contact list is built.
/// Hand it to the RosterStore of the same file, whose first items() takes the result.
class RosterPreload
{
public:
    /// Starts reading the profile database at @p path at once (nothing if there is no such file).
    explicit RosterPreload(const QString &path);
    /// Waits for the worker if it is still running.
    ~RosterPreload();

    RosterPreload(const RosterPreload &) = delete;
    RosterPreload &operator=(const RosterPreload &) = delete;

    /// Waits for the worker; the items, or nothing if it could not read them (no file, a schema still to
    /// be migrated, an error): then read them the usual way. Once.
    std::optional<QList<RosterItem>> take();

private:
    struct Worker;
    std::unique_ptr<Worker> m_worker;
};
