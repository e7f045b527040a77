// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMenu>

/// The context menu of a group row (or of the empty area below the list: then without rename/delete).
class GroupMenu : public QMenu
{
    Q_OBJECT

public:
    /// @p group empty: the menu of the empty area. @p editable false for the default group, which exists
    /// only as "contacts without a group" and cannot be renamed or deleted.
    GroupMenu(const QString &group, bool editable, QWidget *parent = nullptr);

Q_SIGNALS:
    void addGroupRequested();
    void renameGroupRequested(const QString &group);
    void removeGroupRequested(const QString &group);
    void addFriendRequested();
};
