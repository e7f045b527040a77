#include "roster/SearchResultDelegate.h"

#include "common/AvatarPainter.h"
#include "roster/RowStyle.h"

#include <QPainter>

using namespace RowStyle;

namespace {
constexpr int Gap = 10;
}

SearchResultDelegate::SearchResultDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

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
    painter->setFont(nameFont);
    painter->setPen(NameColour);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(name, Qt::ElideRight, nameRect.width()));
    painter->setFont(detailFont);
    painter->setPen(GreyText);
    painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(detailFont).elidedText(index.data(DetailRole).toString(), Qt::ElideMiddle,
                                                          detailRect.width()));
    if (!note.isEmpty()) {
        painter->setFont(noteFont);
        painter->drawText(QRect(r.right() - Margin - noteWidth, r.top(), noteWidth, r.height()),
                          Qt::AlignRight | Qt::AlignVCenter, note);
    }
    painter->restore();
}
