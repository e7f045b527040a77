// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QAbstractItemModel>
#include <QDateTime>

#include <memory>

class PresenceManager;
class RosterManager;

/// The contact list as a tree, groups → contacts, like QQ's (RFC 6121 roster + presence).
///
/// A contact in several groups appears under each of them; contacts without a group appear under
/// RosterManager::defaultGroupName(). Updates are incremental (rows inserted, removed, dataChanged):
/// a presence change never resets the model.
class RosterModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1,   // Kind
        JidRole,              // QString, bare JID (contacts)
        DisplayNameRole,      // QString: DisplayName::choose(): remark, nickname, vCard full name, local part
        AvatarKeyRole,        // QString: the avatar's hash in the AvatarStore; empty = placeholder
        AvailableRole,        // bool
        PresenceShowRole,     // int: Presence::Show of the best resource (None when online or offline)
        StatusTextRole,       // QString: remote text, plain text only (docs/SECURITY.md rule 5)
        UnreadCountRole,      // int
        SubscriptionRole,     // QString: none/to/from/both
        PendingOutRole,       // bool: our request awaits an answer ("waiting for approval")
        GroupNameRole,        // QString: the group (for a contact: the group row it sits under)
        OnlineCountRole,      // int (groups): contacts available
        TotalCountRole,       // int (groups): contacts in the group
        SortKeyRole,          // QString: the text to collate (display or group name). Compare with a QCollator for
                              // QLocale::Chinese (pinyin order), or use lessThan(), which has the keys cached
        LastSeenRole,         // QDateTime (UTC) an offline contact was last seen online; invalid when unknown
    };
    Q_ENUM(Role)
    enum class Kind { Group, Contact };
    Q_ENUM(Kind)

    explicit RosterModel(RosterManager *roster, PresenceManager *presence, QObject *parent = nullptr);
    ~RosterModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Drag and drop of a contact onto a group moves it (RosterManager::setGroups).
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    /// Unread messages per contact (fed by the chat layer later).
    void setUnreadCount(const Jid &jid, int count);
    /// What @p jid calls itself (XEP-0172 nickname, vCard full name), for the display name rule.
    void setProfile(const Jid &jid, const QString &nickname, const QString &fullName);
    /// The hash of @p jid's avatar in the AvatarStore; empty for the placeholder.
    void setAvatarKey(const Jid &jid, const QString &key);
    /// When an offline contact was last online (XEP-0012 last activity, asked by the app); the model also
    /// records the moment a contact goes offline while we watch.
    void setLastSeen(const Jid &jid, const QDateTime &when);
    /// The contact list's order for two siblings of this model: groups with the default group first, then
    /// collated; contacts available first, the more present first, then by display name in pinyin order
    /// (QCollator, zh), then by JID. Compares cached collation keys: RosterFilterModel sorts thousands of
    /// rows with it, and re-sorts one at each presence change.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const;

    /// The group row of @p group, or an invalid index.
    QModelIndex groupIndex(const QString &group) const;
    /// Every row that shows @p jid (one per group it is in).
    QModelIndexList contactIndexes(const Jid &jid) const;

private:
    class Private;
    std::unique_ptr<Private> d;
};
