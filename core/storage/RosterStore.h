// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/RosterItem.h"

#include <QList>
#include <QString>

class Database;
class QSqlDatabase;
class RosterPreload;

/// The cached roster of a profile and its version (RFC 6121 §2.6, XEP-0237): what lets the contact list
/// appear before the server answers, and lets the server send only what changed since.
///
/// Items and version are always written together in one transaction: a version must never describe items
/// the cache does not hold, or the server's "nothing changed" answer would freeze a wrong roster.
class RosterStore
{
public:
    /// @p database must be open and outlive the store. A @p preload of the same file, if any, answers the
    /// first items() unless the store has written before; it must live until then.
    explicit RosterStore(Database &database, RosterPreload *preload = nullptr);

    /// The cached items, ordered by JID.
    QList<RosterItem> items() const;
    /// What items() reads, through any connection to a profile database (a worker's). *ok: it could.
    static QList<RosterItem> readItems(const QSqlDatabase &connection, bool *ok = nullptr);
    /// The version the cached items correspond to; empty when the server gave none (no versioning).
    QString version() const;

    /// Replaces the whole cache (the answer to a roster get that carried the full roster).
    bool replaceAll(const QList<RosterItem> &items, const QString &version);
    /// Applies one roster push (§2.1.6): adds or updates the item, or deletes it when its subscription is
    /// Remove; then records @p version (left unchanged when empty: the push had no 'ver').
    bool apply(const RosterItem &item, const QString &version);
    /// Forgets everything, version included (e.g. another account was signed in with this profile).
    bool clear();

private:
    struct Writer;
    bool writeItem(Writer &writer, const RosterItem &item);
    bool deleteItem(const Jid &jid);
    bool writeVersion(const QString &version);

    Database &m_database;
    mutable RosterPreload *m_preload = nullptr;   // until the first items() or the first write
};
