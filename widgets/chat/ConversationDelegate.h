// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QHash>
#include <QPixmap>
#include <QStyledItemDelegate>

#include <functional>

/// Paints the rows of a ConversationModel like QQ's message list: a round avatar, the name with the time of
/// the last message at the right, and below it the last message (or "typing…") with the unread badge.
/// Every text is drawn with QPainter::drawText, i.e. as plain text (docs/SECURITY.md rule 5).
class ConversationDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int RowHeight = 66;
    static constexpr int AvatarSize = 44;

    using AvatarSource = std::function<QImage(const QString &key)>;

    explicit ConversationDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    void setAvatarSource(AvatarSource source);
    /// The second line of a row (unless "typing…"): the last message, bidi-isolated.
    static QString previewLine(const QModelIndex &index);
    void invalidateAvatars() { m_avatars.clear(); }

private:
    QPixmap avatar(const QModelIndex &index, qreal devicePixelRatio) const;

    mutable QHash<QString, QPixmap> m_avatars;
    AvatarSource m_avatarSource;
};
