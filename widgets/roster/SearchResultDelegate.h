// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QStyledItemDelegate>

/// Paints a person found in the directory: a round placeholder avatar, the nickname (or name), the details
/// (name, address, e-mail) on a grey line, and a note such as "Already a friend" on the right. Every text is
/// remote and drawn with QPainter::drawText, i.e. as plain text (docs/SECURITY.md rule 5).
class SearchResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// WarningRole: the JidSpoofCheck sentence for a look-alike address (a badge is drawn after the name).
    enum Role { JidRole = Qt::UserRole + 1, DetailRole, NoteRole, WarningRole };
    static constexpr int RowHeight = 56;
    static constexpr int AvatarSize = 40;

    explicit SearchResultDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static void paintBadge(QPainter *painter, const QRect &rect, const QFont &font, qreal dpr);
};
