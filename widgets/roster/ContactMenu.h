// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QMenu>

/// The context menu of a contact row. It only reports what the user picked; the list view asks for any
/// missing input (a remark) and turns the choice into an intent.
class ContactMenu : public QMenu
{
    Q_OBJECT

public:
    /// @p currentGroup is the group row the contact was clicked under; @p groups every group to move to.
    ContactMenu(const Jid &jid, const QString &currentGroup, const QStringList &groups, QWidget *parent = nullptr);

    Jid jid() const { return m_jid; }

Q_SIGNALS:
    void openChatRequested(const Jid &jid);
    void viewProfileRequested(const Jid &jid);
    void setRemarkRequested(const Jid &jid);
    void moveToGroupRequested(const Jid &jid, const QString &group);
    void removeRequested(const Jid &jid);
    void blockRequested(const Jid &jid);

private:
    Jid m_jid;
};
