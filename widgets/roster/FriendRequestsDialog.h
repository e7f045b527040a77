// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "extensions/RosterManager.h"

#include <QDialog>
#include <QImage>
#include <QSet>

#include <functional>

class QLabel;
class QScrollArea;
class QVBoxLayout;

/// The friend-request inbox: requests waiting for our answer, then our own requests waiting for theirs.
/// It only reports the user's answers; the owner updates it from RosterManager.
class FriendRequestsDialog : public QDialog
{
    Q_OBJECT

public:
    /// The photo of a bare JID, decoded; a null image if there is none (the row draws a placeholder).
    using AvatarSource = std::function<QImage(const Jid &jid)>;

    explicit FriendRequestsDialog(QWidget *parent = nullptr);

    /// Where the rows' photos come from; without a source every row shows its placeholder.
    void setAvatarSource(AvatarSource source);
    /// @p jid's photo changed (or arrived): its rows ask the source again.
    void refreshAvatar(const Jid &jid);

    /// The groups offered when accepting.
    void setGroups(const QStringList &groups);
    /// Requests to answer (RosterManager::pendingRequests()); ignored ones stay hidden.
    void setRequests(const QList<RosterManager::FriendRequest> &requests);
    /// Our own requests still waiting (items with pendingOut), with the names to show.
    void setWaiting(const QList<QPair<Jid, QString>> &waiting);

    /// Requests shown that wait for the user's answer: the number for the badge.
    int incomingCount() const { return int(m_requests.size()); }

Q_SIGNALS:
    void acceptRequested(const Jid &jid, const QString &group, const QString &remark);
    void refuseRequested(const Jid &jid);
    /// Dismissed without an answer: the requester learns nothing.
    void ignoreRequested(const Jid &jid);
    void incomingCountChanged(int count);

private:
    void rebuild();
    void answered(const Jid &jid);

    QList<RosterManager::FriendRequest> m_requests;
    QList<QPair<Jid, QString>> m_waiting;
    QStringList m_groups;
    QSet<Jid> m_ignored;
    AvatarSource m_avatarSource;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_list = nullptr;
    QVBoxLayout *m_listLayout = nullptr;
    QLabel *m_empty = nullptr;
};
