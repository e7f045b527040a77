// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ConversationDelegate.h"

#include "chat/ChatStyle.h"
#include "chat/ChatTime.h"
#include "common/AvatarPainter.h"
#include "models/ConversationModel.h"
#include "models/RemoteText.h"
#include "roster/RowStyle.h"

#include <QPainter>

using namespace Qt::StringLiterals;

namespace {

constexpr int AvatarGap = 10;

}   // namespace

ConversationDelegate::ConversationDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

void ConversationDelegate::setAvatarSource(AvatarSource source)
{
    m_avatarSource = std::move(source);
    m_avatars.clear();
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {option.rect.width() > 0 ? option.rect.width() : 240, RowHeight};
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    using namespace RowStyle;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    const QRect r = option.rect;
    QColor background = option.palette.color(QPalette::Base);
    if (option.state & QStyle::State_Selected)
        background = SelectedBackground;
    else if (option.state & QStyle::State_MouseOver)
        background = HoverBackground;
    painter->fillRect(r, background);

    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QRect avatarRect(r.left() + Margin, r.center().y() - AvatarSize / 2 + 1, AvatarSize, AvatarSize);
    painter->drawPixmap(avatarRect, avatar(index, dpr));

    const int textLeft = avatarRect.right() + 1 + AvatarGap;
    const int textRight = r.right() - Margin;
    const QFont nameFont = pixelFont(option.font, 14);
    const QFont timeFont = pixelFont(option.font, 11);
    const QFont lineFont = pixelFont(option.font, 12);
    const QFontMetrics nameMetrics(nameFont);
    const QFontMetrics timeMetrics(timeFont);
    const QFontMetrics lineMetrics(lineFont);
    const int gap = 6;
    const int top = r.center().y() + 1 - (nameMetrics.height() + gap + lineMetrics.height()) / 2;

    // First line: the name, and the time at the right.
    const QString time = ChatTime::listTime(index.data(ConversationModel::TimestampRole).toDateTime());
    const int timeWidth = time.isEmpty() ? 0 : timeMetrics.horizontalAdvance(time);
    painter->setFont(timeFont);
    painter->setPen(GreyText);
    painter->drawText(QRect(textRight - timeWidth, top, timeWidth, nameMetrics.height()),
                      Qt::AlignRight | Qt::AlignVCenter, time);
    const int nameWidth = qMax(0, textRight - textLeft - timeWidth - (timeWidth ? 8 : 0));
    painter->setFont(nameFont);
    painter->setPen(NameColour);
    painter->drawText(QRect(textLeft, top, nameWidth, nameMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(RemoteText::isolate(
                                                 index.data(ConversationModel::DisplayNameRole).toString()),
                                             Qt::ElideRight, nameWidth));

    // Second line: "typing…" or the last message, and the unread badge at the right.
    const int unread = index.data(ConversationModel::UnreadCountRole).toInt();
    const QString badge = unread > 99 ? u"99+"_s : QString::number(unread);
    QFont badgeFont = pixelFont(option.font, 11, true);
    const int badgeHeight = 18;
    const int badgeWidth = unread > 0 ? qMax(badgeHeight, QFontMetrics(badgeFont).horizontalAdvance(badge) + 10) : 0;
    const int lineTop = top + nameMetrics.height() + gap;
    const int lineWidth = qMax(0, textRight - textLeft - badgeWidth - (badgeWidth ? 8 : 0));
    const bool typing = ChatState(index.data(ConversationModel::ChatStateRole).toInt()) == ChatState::Composing;
    const QString line = typing ? tr("typing…") : previewLine(index);
    painter->setFont(lineFont);
    painter->setPen(typing ? ChatStyle::Accent : GreyText);
    painter->drawText(QRect(textLeft, lineTop, lineWidth, lineMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      lineMetrics.elidedText(line, Qt::ElideRight, lineWidth));
    if (unread > 0) {
        const QRectF pill(textRight - badgeWidth + 1, lineTop + (lineMetrics.height() - badgeHeight) / 2.0, badgeWidth,
                          badgeHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(ChatStyle::UnreadBadge);
        painter->drawRoundedRect(pill, badgeHeight / 2.0, badgeHeight / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, badge);
    }
    painter->restore();
}

QString ConversationDelegate::previewLine(const QModelIndex &index)
{
    // The last message is remote: isolated (UAX #9 §2.7) so its direction stays its own.
    return RemoteText::isolate(index.data(ConversationModel::LastMessageRole).toString());
}

QPixmap ConversationDelegate::avatar(const QModelIndex &index, qreal devicePixelRatio) const
{
    const QString jid = index.data(ConversationModel::JidRole).toString();
    const QString name = index.data(ConversationModel::DisplayNameRole).toString();
    const QString picture = m_avatarSource ? index.data(ConversationModel::AvatarKeyRole).toString() : QString();
    const QString key = (picture.isEmpty() ? QString(jid + u'\n' + name) : QString(u'#' + picture)) + u'\n'
                      + QString::number(devicePixelRatio);
    if (const auto found = m_avatars.constFind(key); found != m_avatars.constEnd())
        return *found;
    if (m_avatars.size() > 1000)
        m_avatars.clear();
    QPixmap pixmap;
    if (!picture.isEmpty()) {
        const QImage image = m_avatarSource(picture);
        if (!image.isNull())
            pixmap = AvatarPainter::fromImage(image, AvatarSize, devicePixelRatio);
    }
    if (pixmap.isNull())
        pixmap = AvatarPainter::placeholder(name.isEmpty() ? jid : name, jid, AvatarSize, devicePixelRatio);
    m_avatars.insert(key, pixmap);
    return pixmap;
}
