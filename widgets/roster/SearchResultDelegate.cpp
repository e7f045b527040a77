// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "roster/SearchResultDelegate.h"

#include "common/AvatarPainter.h"
#include "common/SpoofWarning.h"
#include "models/RemoteText.h"
#include "roster/RowStyle.h"

#include <QPainter>

using namespace RowStyle;

namespace {
constexpr int Gap = 10;
}

SearchResultDelegate::SearchResultDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {option.rect.width() > 0 ? option.rect.width() : 300, RowHeight};
}

void SearchResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    const QRect r = option.rect;
    const bool selectable = index.flags() & Qt::ItemIsSelectable;
    QColor background = option.palette.color(QPalette::Base);
    if (selectable && (option.state & QStyle::State_Selected))
        background = SelectedBackground;
    else if (selectable && (option.state & QStyle::State_MouseOver))
        background = HoverBackground;
    painter->fillRect(r, background);

    const QString name = index.data(Qt::DisplayRole).toString();
    const QString jid = index.data(JidRole).toString();
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QRect avatarRect(r.left() + Margin, r.center().y() - AvatarSize / 2 + 1, AvatarSize, AvatarSize);
    painter->drawPixmap(avatarRect, AvatarPainter::placeholder(name, jid, AvatarSize, dpr));

    const QString note = index.data(NoteRole).toString();
    const QFont noteFont = pixelFont(option.font, 12);
    const int noteWidth = note.isEmpty() ? 0 : QFontMetrics(noteFont).horizontalAdvance(note);
    const int textLeft = avatarRect.right() + 1 + Gap;
    const int textRight = r.right() - Margin - (noteWidth > 0 ? noteWidth + Gap : 0);
    const int textWidth = qMax(0, textRight - textLeft);

    const QFont nameFont = pixelFont(option.font, 14);
    const QFont detailFont = pixelFont(option.font, 12);
    const QRect nameRect(textLeft, r.top() + 9, textWidth, QFontMetrics(nameFont).height());
    const QRect detailRect(textLeft, r.bottom() - 8 - QFontMetrics(detailFont).height(), textWidth,
                           QFontMetrics(detailFont).height());
    const bool suspicious = !index.data(WarningRole).toString().isEmpty();
    const QFont badgeFont = pixelFont(option.font, 11);
    const int badgeWidth = suspicious
                             ? 6 + 12 + 4 + QFontMetrics(badgeFont).horizontalAdvance(SpoofWarning::badgeText()) + 8
                             : 0;
    const QString shownName = QFontMetrics(nameFont).elidedText(RemoteText::isolate(name), Qt::ElideRight,
                                                                qMax(0, nameRect.width()
                                                                            - (badgeWidth ? badgeWidth + 6 : 0)));
    painter->setFont(nameFont);
    painter->setPen(NameColour);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter, shownName);
    if (suspicious) {
        const int left = nameRect.left() + QFontMetrics(nameFont).horizontalAdvance(shownName) + 6;
        paintBadge(painter, QRect(left, nameRect.center().y() - 9, badgeWidth, 18), badgeFont, dpr);
    }
    painter->setFont(detailFont);
    painter->setPen(GreyText);
    painter->drawText(
        detailRect, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(detailFont).elidedText(index.data(DetailRole).toString(), Qt::ElideMiddle, detailRect.width()));
    if (!note.isEmpty()) {
        painter->setFont(noteFont);
        painter->drawText(QRect(r.right() - Margin - noteWidth, r.top(), noteWidth, r.height()),
                          Qt::AlignRight | Qt::AlignVCenter, note);
    }
    painter->restore();
}

void SearchResultDelegate::paintBadge(QPainter *painter, const QRect &rect, const QFont &font, qreal dpr)
{
    painter->setPen(QColor(0xf5, 0xcf, 0x8a));
    painter->setBrush(SpoofWarning::Background);
    painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 9, 9);
    const int sign = 12;
    painter->drawPixmap(QRect(rect.left() + 6, rect.center().y() - sign / 2 + 1, sign, sign),
                        SpoofWarning::sign(sign, dpr));
    painter->setFont(font);
    painter->setPen(SpoofWarning::Ink);
    painter->drawText(rect.adjusted(6 + sign + 4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      SpoofWarning::badgeText());
}
