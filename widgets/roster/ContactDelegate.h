// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDateTime>
#include <QHash>
#include <QPixmap>
#include <QStyledItemDelegate>

#include <functional>

/// Paints the rows of the contact list the way QQ does. It reads only the RosterModel roles, so any model
/// that sets them works (the widget tests use a QStandardItemModel).
///
/// Contact rows: a round avatar (grey while offline) with a presence dot, the display name, "[presence]
/// status text" elided on one line, and an unread badge. Group rows: a chevron, the group name and the
/// "online/total" count. Every text is drawn with QPainter::drawText, i.e. as plain text (docs/SECURITY.md rule 5).
class ContactDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int ContactRowHeight = 56;
    static constexpr int GroupRowHeight = 32;
    static constexpr int AvatarSize = 40;

    explicit ContactDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// The words for a presence (PresenceShowRole + AvailableRole) shown in brackets before the status.
    static QString presenceText(bool available, int show);
    /// The grey line under a contact's name: "[presence]", "last seen…" and the status message, which is
    /// remote and therefore bidi-isolated.
    static QString statusLine(const QModelIndex &index, const QDateTime &now);
    /// "last seen 3 h ago", from LastSeenRole, for offline contacts.
    static QString lastSeenText(const QDateTime &when, const QDateTime &now);

    /// Where pictures come from: the decoded image for an AvatarKeyRole hash, or a null image (then the
    /// placeholder is drawn). Without a source every contact gets the placeholder.
    using AvatarSource = std::function<QImage(const QString &key)>;
    void setAvatarSource(AvatarSource source);
    /// Forget the painted avatars of @p key (e.g. it was refused) or of all (empty).
    void invalidateAvatars() { m_avatars.clear(); }

private:
    void paintBackground(QPainter *painter, const QStyleOptionViewItem &option) const;
    void paintGroup(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintContact(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintUnread(QPainter *painter, const QRect &row, int count) const;
    QPixmap avatar(const QModelIndex &index, bool offline, qreal devicePixelRatio) const;

    mutable QHash<QString, QPixmap> m_avatars;   // painted avatars by picture or JID+name, grey, scale
    AvatarSource m_avatarSource;
};
