// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "roster/ContactMenu.h"

using namespace Qt::StringLiterals;

ContactMenu::ContactMenu(const Jid &jid, const QString &currentGroup, const QStringList &groups, QWidget *parent)
    : QMenu(parent)
    , m_jid(jid)
{
    setObjectName(u"contactMenu"_s);
    addAction(tr("Send message"), this, [this] {
        Q_EMIT openChatRequested(m_jid);
    })->setObjectName(u"sendMessageAction"_s);
    addAction(tr("View profile"), this, [this] {
        Q_EMIT viewProfileRequested(m_jid);
    })->setObjectName(u"viewProfileAction"_s);
    addSeparator();
    addAction(tr("Set remark…"), this, [this] {
        Q_EMIT setRemarkRequested(m_jid);
    })->setObjectName(u"setRemarkAction"_s);

    auto *move = addMenu(tr("Move to group"));
    move->setObjectName(u"moveToGroupMenu"_s);
    move->menuAction()->setObjectName(u"moveToGroupAction"_s);
    for (const QString &group : groups) {
        // Group names are remote-controlled only by our own account, but '&' would still become a mnemonic.
        QString label = group;
        label.replace(u'&', u"&&"_s);
        auto *action = move->addAction(label, this, [this, group] { Q_EMIT moveToGroupRequested(m_jid, group); });
        action->setObjectName(u"moveTo:"_s + group);
        action->setEnabled(group != currentGroup);
    }
    move->setEnabled(groups.size() > 1 || (groups.size() == 1 && groups.first() != currentGroup));

    addSeparator();
    addAction(tr("Remove contact"), this, [this] {
        Q_EMIT removeRequested(m_jid);
    })->setObjectName(u"removeContactAction"_s);
    addAction(tr("Block"), this, [this] { Q_EMIT blockRequested(m_jid); })->setObjectName(u"blockAction"_s);
}
