// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "roster/GroupMenu.h"

using namespace Qt::StringLiterals;

GroupMenu::GroupMenu(const QString &group, bool editable, QWidget *parent) : QMenu(parent)
{
    setObjectName(u"groupMenu"_s);
    addAction(tr("Add friend…"), this, &GroupMenu::addFriendRequested)->setObjectName(u"addFriendAction"_s);
    addAction(tr("Add group…"), this, &GroupMenu::addGroupRequested)->setObjectName(u"addGroupAction"_s);
    if (group.isEmpty())
        return;
    addSeparator();
    auto *rename = addAction(tr("Rename group…"), this, [this, group] { Q_EMIT renameGroupRequested(group); });
    rename->setObjectName(u"renameGroupAction"_s);
    rename->setEnabled(editable);
    auto *remove = addAction(tr("Delete group"), this, [this, group] { Q_EMIT removeGroupRequested(group); });
    remove->setObjectName(u"deleteGroupAction"_s);
    remove->setEnabled(editable);
}
