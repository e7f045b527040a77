// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "roster/ContactDelegate.h"

#include "common/AvatarPainter.h"
#include "common/Glyphs.h"
#include "models/RemoteText.h"
#include "models/RosterModel.h"
#include "roster/RowStyle.h"
#include "stanza/Presence.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QTreeView>

using namespace Qt::StringLiterals;

using namespace RowStyle;

namespace {

constexpr int AvatarGap = 10;

const QColor UnreadBadge(0xf5, 0x4a, 0x45);

bool isGroup(const QModelIndex &index)
{
    return index.data(RosterModel::KindRole).toInt() == int(RosterModel::Kind::Group);
}

QColor dotColour(int show)
{
    switch (Presence::Show(show)) {
    case Presence::Show::Away:
    case Presence::Show::Xa:
        return QColor(0xf5, 0xa6, 0x23);
    case Presence::Show::Dnd:
        return QColor(0xf0, 0x4a, 0x45);
    case Presence::Show::Chat:
    case Presence::Show::None:
        break;
    }
    return QColor(0x3c, 0xc5, 0x5a);
}

}   // namespace

ContactDelegate::ContactDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

QString ContactDelegate::presenceText(bool available, int show)
{
    if (!available)
        return tr("Offline");
    switch (Presence::Show(show)) {
    case Presence::Show::Chat:
        return tr("Free to chat");
    case Presence::Show::Away:
        return tr("Away");
    case Presence::Show::Xa:
        return tr("Extended away");
    case Presence::Show::Dnd:
        return tr("Do not disturb");
    case Presence::Show::None:
        break;
    }
    return tr("Online");
}

void ContactDelegate::setAvatarSource(AvatarSource source)
{
    m_avatarSource = std::move(source);
    m_avatars.clear();
}

QString ContactDelegate::lastSeenText(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = when.secsTo(now);
    if (seconds < 60)
        return tr("last seen just now");
    if (seconds < 3600)
        return tr("last seen %n min ago", nullptr, int(seconds / 60));
    if (seconds < 24 * 3600)
        return tr("last seen %n h ago", nullptr, int(seconds / 3600));
    const QDate day = when.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    if (day.daysTo(today) == 1)
        return tr("last seen yesterday");
    if (day.daysTo(today) < 7)
        return tr("last seen %n days ago", nullptr, int(day.daysTo(today)));
    return tr("last seen %1").arg(QLocale().toString(day, QLocale::ShortFormat));
}

QString ContactDelegate::statusLine(const QModelIndex &index, const QDateTime &now)
{
    const bool available = index.data(RosterModel::AvailableRole).toBool();
    const bool pendingOut = index.data(RosterModel::PendingOutRole).toBool();
    QString line = pendingOut
                     ? tr("[Waiting for approval]")
                     : tr("[%1]", "presence in brackets before the status message; Chinese uses full-width 【】 or []")
                           .arg(presenceText(available, index.data(RosterModel::PresenceShowRole).toInt()));
    const QString status = index.data(RosterModel::StatusTextRole).toString().simplified();
    const QDateTime lastSeen = index.data(RosterModel::LastSeenRole).toDateTime();
    if (!available && lastSeen.isValid() && !pendingOut)
        line += u' ' + lastSeenText(lastSeen, now);
    // The status is remote text after ours: isolated (UAX #9 §2.7), so right-to-left characters or an
    // override in it cannot move "[Online]" around.
    if (!status.isEmpty())
        line += u' ' + RemoteText::isolate(status);
    return line;
}

QSize ContactDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return {option.rect.width() > 0 ? option.rect.width() : 200, isGroup(index) ? GroupRowHeight : ContactRowHeight};
}

void ContactDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    paintBackground(painter, option);
    if (isGroup(index))
        paintGroup(painter, option, index);
    else
        paintContact(painter, option, index);
    painter->restore();
}

void ContactDelegate::paintBackground(QPainter *painter, const QStyleOptionViewItem &option) const
{
    QColor background = option.palette.color(QPalette::Base);
    if (option.state & QStyle::State_Selected)
        background = SelectedBackground;
    else if (option.state & QStyle::State_MouseOver)
        background = HoverBackground;
    painter->fillRect(option.rect, background);
}

void ContactDelegate::paintGroup(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto *tree = qobject_cast<const QTreeView *>(option.widget);
    const bool open = tree ? tree->isExpanded(index) : bool(option.state & QStyle::State_Open);
    const QRect r = option.rect;

    const int chevron = 14;
    const QRect chevronRect(r.left() + Margin, r.center().y() - chevron / 2 + 1, chevron, chevron);
    const QIcon icon = open ? Glyphs::chevronDown(QColor(0x6b, 0x75, 0x85))
                            : Glyphs::chevronRight(QColor(0x6b, 0x75, 0x85));
    icon.paint(painter, chevronRect);

    const QString count = u"%1/%2"_s.arg(index.data(RosterModel::OnlineCountRole).toInt())
                              .arg(index.data(RosterModel::TotalCountRole).toInt());
    const QFont countFont = pixelFont(option.font, 12);
    const int countWidth = QFontMetrics(countFont).horizontalAdvance(count);
    const QRect countRect(r.right() - Margin - countWidth, r.top(), countWidth, r.height());
    painter->setFont(countFont);
    painter->setPen(GreyText);
    painter->drawText(countRect, Qt::AlignRight | Qt::AlignVCenter, count);

    const QFont nameFont = pixelFont(option.font, 13);
    const QRect nameRect(chevronRect.right() + 7, r.top(), countRect.left() - chevronRect.right() - 15, r.height());
    const QString name = index.data(RosterModel::GroupNameRole).toString();
    painter->setFont(nameFont);
    painter->setPen(QColor(0x3d, 0x45, 0x52));
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(name, Qt::ElideRight, nameRect.width()));
}

void ContactDelegate::paintContact(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    const QRect r = option.rect;
    const bool available = index.data(RosterModel::AvailableRole).toBool();
    const int show = index.data(RosterModel::PresenceShowRole).toInt();
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;

    const QRect avatarRect(r.left() + Margin, r.center().y() - AvatarSize / 2 + 1, AvatarSize, AvatarSize);
    painter->drawPixmap(avatarRect, avatar(index, !available, dpr));
    if (available) {
        const int dot = 12;
        const QRectF dotRect(avatarRect.right() - dot + 2, avatarRect.bottom() - dot + 2, dot, dot);
        painter->setPen(QPen(option.palette.color(QPalette::Base), 2));
        painter->setBrush(dotColour(show));
        painter->drawEllipse(dotRect);
    }

    const int unread = index.data(RosterModel::UnreadCountRole).toInt();
    const int textLeft = avatarRect.right() + 1 + AvatarGap;
    const int textRight = r.right() - Margin - (unread > 0 ? 30 : 0);
    const int textWidth = qMax(0, textRight - textLeft);

    const QFont nameFont = pixelFont(option.font, 14);
    const QFont statusFont = pixelFont(option.font, 12);
    const QFontMetrics nameMetrics(nameFont);
    const QFontMetrics statusMetrics(statusFont);
    const int gap = 4;
    const int top = r.center().y() + 1 - (nameMetrics.height() + gap + statusMetrics.height()) / 2;

    // Isolated (UAX #9): an unbalanced U+202E in a nickname ends with it, and eliding keeps the order.
    const QString name = RemoteText::isolate(index.data(RosterModel::DisplayNameRole).toString());
    painter->setFont(nameFont);
    painter->setPen(available ? NameColour : QColor(0x5f, 0x6b, 0x7a));
    painter->drawText(QRect(textLeft, top, textWidth, nameMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(name, Qt::ElideRight, textWidth));

    const QString line = statusLine(index, QDateTime::currentDateTimeUtc());
    painter->setFont(statusFont);
    painter->setPen(GreyText);
    painter->drawText(QRect(textLeft, top + nameMetrics.height() + gap, textWidth, statusMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, statusMetrics.elidedText(line, Qt::ElideRight, textWidth));

    if (unread > 0)
        paintUnread(painter, r, unread);
}

void ContactDelegate::paintUnread(QPainter *painter, const QRect &row, int count) const
{
    const QString text = count > 99 ? u"99+"_s : QString::number(count);
    QFont font = painter->font();
    font.setPixelSize(11);
    font.setBold(true);
    const int height = 18;
    const int width = qMax(height, QFontMetrics(font).horizontalAdvance(text) + 10);
    const QRectF badge(row.right() - Margin - width, row.center().y() - height / 2.0 + 1, width, height);
    painter->setPen(Qt::NoPen);
    painter->setBrush(UnreadBadge);
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, text);
}

QPixmap ContactDelegate::avatar(const QModelIndex &index, bool offline, qreal devicePixelRatio) const
{
    const QString jid = index.data(RosterModel::JidRole).toString();
    const QString name = index.data(RosterModel::DisplayNameRole).toString();
    const QString picture = m_avatarSource ? index.data(RosterModel::AvatarKeyRole).toString() : QString();
    // A picture is painted once per hash, shared by every contact who has it; a placeholder per JID and name.
    const QString key = (picture.isEmpty() ? QString(jid + u'\n' + name) : QString(u'#' + picture)) + u'\n'
                      + QString::number(offline) + u'\n' + QString::number(devicePixelRatio);
    auto found = m_avatars.constFind(key);
    if (found != m_avatars.constEnd())
        return *found;
    if (m_avatars.size() > 2000)
        m_avatars.clear();
    QPixmap pixmap;
    if (!picture.isEmpty()) {
        const QImage image = m_avatarSource(picture);
        if (!image.isNull())
            pixmap = AvatarPainter::fromImage(image, AvatarSize, devicePixelRatio);
    }
    if (pixmap.isNull())
        pixmap = AvatarPainter::placeholder(name.isEmpty() ? jid : name, jid, AvatarSize, devicePixelRatio);
    if (offline)
        pixmap = AvatarPainter::greyed(pixmap);
    m_avatars.insert(key, pixmap);
    return pixmap;
}
