// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"
#include "stanza/VCard.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Database;

/// The vCards (XEP-0054) of contacts and of ourselves, cached by bare JID, and each one's verified avatar
/// hash (XEP-0153 / XEP-0084): what lets profiles and avatars show before the network answers.
///
/// The photo's bytes are not kept here (they are files in the AvatarStore, by hash): a cached vCard comes
/// back with its photo type but empty photo data, and avatarHash() names the file.
class VCardStore
{
public:
    /// @p database must be open and outlive the store.
    explicit VCardStore(Database &database);

    std::optional<VCard> vCard(const Jid &jid) const;
    /// When the vCard of @p jid was stored; null if never.
    QDateTime updated(const Jid &jid) const;
    /// Stores @p vCard for @p jid's bare JID (without the photo's bytes). The avatar hash is left alone:
    /// only a verified image changes it (setAvatarHash()).
    bool setVCard(const Jid &jid, const VCard &vCard);
    /// The hash of @p jid's avatar as last verified and stored; empty if none or unknown.
    QString avatarHash(const Jid &jid) const;
    bool setAvatarHash(const Jid &jid, const QString &hash);
    bool remove(const Jid &jid);
    /// Every bare JID with a row, sorted.
    QList<Jid> jids() const;

private:
    Database &m_database;
};
