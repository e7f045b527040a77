// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "roster/FriendRequestsDialog.h"

#include "roster/FriendRequestRow.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setContentsMargins(12, 10, 12, 2);
    label->setStyleSheet(u"color: #5f6b7a; font-size: 12px;"_s);
    return label;
}

QFrame *separator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFixedHeight(1);
    line->setStyleSheet(u"background: #eef0f4;"_s);
    return line;
}

}   // namespace

FriendRequestsDialog::FriendRequestsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(u"friendRequestsDialog"_s);
    setWindowTitle(tr("Friend requests"));
    resize(440, 520);

    auto *scroll = m_scroll = new QScrollArea(this);
    scroll->setObjectName(u"requestsScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_list = new QWidget(scroll);
    m_list->setObjectName(u"requestsList"_s);
    m_list->setAutoFillBackground(true);
    QPalette p = m_list->palette();
    p.setColor(QPalette::Window, Qt::white);
    m_list->setPalette(p);
    m_listLayout = new QVBoxLayout(m_list);
    m_listLayout->setContentsMargins(0, 0, 0, 0);
    m_listLayout->setSpacing(0);
    scroll->setWidget(m_list);

    m_empty = new QLabel(tr("No friend requests"), this);
    m_empty->setObjectName(u"noRequestsLabel"_s);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(u"color: #8a94a6; font-size: 13px;"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_empty, 1);
    layout->addWidget(buttons);
    rebuild();
}

void FriendRequestsDialog::setAvatarSource(AvatarSource source)
{
    m_avatarSource = std::move(source);
    for (FriendRequestRow *row : m_list->findChildren<FriendRequestRow *>())
        row->setAvatar(m_avatarSource ? m_avatarSource(row->jid().bare()) : QImage());
}

void FriendRequestsDialog::refreshAvatar(const Jid &jid)
{
    if (!m_avatarSource)
        return;
    const Jid bare = jid.bare();
    for (FriendRequestRow *row : m_list->findChildren<FriendRequestRow *>()) {
        if (row->jid().bare() == bare)
            row->setAvatar(m_avatarSource(bare));
    }
}

void FriendRequestsDialog::setGroups(const QStringList &groups)
{
    if (groups == m_groups)
        return;   // rebuilding would fold an accept panel the user is filling in
    m_groups = groups;
    rebuild();
}

void FriendRequestsDialog::setRequests(const QList<RosterManager::FriendRequest> &requests)
{
    const int before = incomingCount();
    QList<RosterManager::FriendRequest> shown;
    for (const auto &request : requests) {
        if (!m_ignored.contains(request.jid))
            shown << request;
    }
    if (shown == m_requests)
        return;
    m_requests = shown;
    rebuild();
    if (incomingCount() != before)
        Q_EMIT incomingCountChanged(incomingCount());
}

void FriendRequestsDialog::setWaiting(const QList<QPair<Jid, QString>> &waiting)
{
    if (waiting == m_waiting)
        return;
    m_waiting = waiting;
    rebuild();
}

void FriendRequestsDialog::answered(const Jid &jid)
{
    const int before = incomingCount();
    m_requests.removeIf([&](const RosterManager::FriendRequest &r) { return r.jid == jid; });
    rebuild();
    if (incomingCount() != before)
        Q_EMIT incomingCountChanged(incomingCount());
}

void FriendRequestsDialog::rebuild()
{
    while (QLayoutItem *item = m_listLayout->takeAt(0)) {
        if (QWidget *widget = item->widget())
            widget->deleteLater();
        delete item;
    }
    if (!m_requests.isEmpty())
        m_listLayout->addWidget(sectionTitle(tr("New requests"), m_list));
    for (const auto &request : std::as_const(m_requests)) {
        auto *row = new FriendRequestRow(FriendRequestRow::Direction::Incoming, request.jid, request.nick,
                                         request.greeting, m_groups, m_list);
        if (m_avatarSource)
            row->setAvatar(m_avatarSource(request.jid.bare()));
        connect(row, &FriendRequestRow::acceptRequested, this,
                [this](const Jid &jid, const QString &group, const QString &remark) {
            Q_EMIT acceptRequested(jid, group, remark);
            answered(jid);
        });
        connect(row, &FriendRequestRow::refuseRequested, this, [this](const Jid &jid) {
            Q_EMIT refuseRequested(jid);
            answered(jid);
        });
        connect(row, &FriendRequestRow::ignoreRequested, this, [this](const Jid &jid) {
            m_ignored.insert(jid);
            Q_EMIT ignoreRequested(jid);
            answered(jid);
        });
        m_listLayout->addWidget(row);
        m_listLayout->addWidget(separator(m_list));
    }
    if (!m_waiting.isEmpty())
        m_listLayout->addWidget(sectionTitle(tr("Sent requests"), m_list));
    for (const auto &[jid, name] : std::as_const(m_waiting)) {
        auto *row = new FriendRequestRow(FriendRequestRow::Direction::Outgoing, jid, name, {}, {}, m_list);
        if (m_avatarSource)
            row->setAvatar(m_avatarSource(jid.bare()));
        m_listLayout->addWidget(row);
        m_listLayout->addWidget(separator(m_list));
    }
    m_listLayout->addStretch(1);

    const bool empty = m_requests.isEmpty() && m_waiting.isEmpty();
    m_empty->setVisible(empty);
    m_scroll->setVisible(!empty);
}
