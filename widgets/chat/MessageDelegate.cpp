// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/MessageDelegate.h"

#include "chat/ChatGlyphs.h"
#include "chat/ChatStyle.h"
#include "chat/ChatTime.h"
#include "chat/MessageDocument.h"
#include "common/AvatarPainter.h"
#include "common/SafeText.h"
#include "models/MessageListModel.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <QtMath>

using namespace Qt::StringLiterals;
using namespace ChatStyle;

namespace {

constexpr int Side = 16;            // from the view's edges to the avatars
constexpr int AvatarGap = 8;        // avatar to bubble
constexpr int PadH = 12;            // inside the bubble
constexpr int PadV = 9;
constexpr int RowGap = 7;           // above and below each row
constexpr int SeparatorHeight = 32;
constexpr int MetaGap = 6;          // bubble to the marks beside it
constexpr int MetaHeight = 14;
constexpr int FailedSize = 18;
constexpr int MetaReserve = 70;     // room kept beside the widest bubble for the marks
constexpr int MaxTextWidth = 520;
constexpr int MinTextWidth = 60;
constexpr int ErrorLines = 3;

QFont pixelFont(const QFont &base, int pixels, bool bold = false)
{
    QFont font = base;
    font.setPixelSize(pixels);
    font.setBold(bold);
    return font;
}

bool isOurs(const QModelIndex &index)
{
    return index.data(MessageListModel::DirectionRole).toInt() == int(ChatMessage::Direction::Outgoing);
}

ChatMessage::State stateOf(const QModelIndex &index)
{
    return ChatMessage::State(index.data(MessageListModel::StateRole).toInt());
}

QString editedText()
{
    return MessageDelegate::tr("edited");
}

}   // namespace

MessageDelegate::MessageDelegate(QObject *parent) : QStyledItemDelegate(parent), m_documents(400) { }

MessageDelegate::~MessageDelegate() = default;

void MessageDelegate::setAvatarSource(AvatarSource source)
{
    m_avatarSource = std::move(source);
    m_avatars.clear();
}

void MessageDelegate::setPeer(const Jid &jid, const QString &name, const QString &avatarKey)
{
    if (m_peer.name != name)
        clearCache();   // actions show the name
    m_peer = Person{jid.bare(), name, avatarKey};
}

void MessageDelegate::setOwn(const Jid &jid, const QString &name, const QString &avatarKey)
{
    if (m_own.name != name)
        clearCache();
    m_own = Person{jid.bare(), name, avatarKey};
}

void MessageDelegate::clearCache()
{
    m_documents.clear();
    m_sizes.clear();
}

QString MessageDelegate::documentKey(const QModelIndex &index, int maxTextWidth) const
{
    const bool action = index.data(MessageListModel::ActionRole).toBool();
    const bool normal = index.data(MessageListModel::TypeRole).toInt() == int(Message::Type::Normal);
    return QString::number(maxTextWidth) + u'|' + QString::number(isOurs(index)) + QString::number(action) + u'|'
         + (normal ? index.data(MessageListModel::SubjectRole).toString() : QString()) + u'\x1f'
         + index.data(MessageListModel::BodyRole).toString();
}

MessageDocument *MessageDelegate::document(const QModelIndex &index, int maxTextWidth, const QFont &font,
                                           const QString &key) const
{
    if (MessageDocument *cached = m_documents.object(key))
        return cached;
    const bool ours = isOurs(index);
    const bool action = index.data(MessageListModel::ActionRole).toBool();
    const bool normal = index.data(MessageListModel::TypeRole).toInt() == int(Message::Type::Normal);
    const QString body = index.data(MessageListModel::BodyRole).toString();

    auto *document = new MessageDocument;
    document->setRequestCounter(&m_resourceRequests);
    const QFont bodyFont = pixelFont(font, BodyPixelSize);
    if (action) {   // XEP-0245: "* Name does something", no bubble
        const QString name = ours ? m_own.name : m_peer.name;
        const QString text = u"* "_s + (name.isEmpty() ? (ours ? m_own.jid : m_peer.jid).bareString() : name) + u' '
                           + body.mid(4);
        document->setMessage({}, text, bodyFont, {ActionText, TheirLink, TheirCodeBackground, TheirQuoteBar}, true,
                             true);
    } else if (ours) {
        document->setMessage(normal ? index.data(MessageListModel::SubjectRole).toString() : QString(), body, bodyFont,
                             {OwnText, OwnLink, OwnCodeBackground, OwnQuoteBar});
    } else {
        document->setMessage(normal ? index.data(MessageListModel::SubjectRole).toString() : QString(), body, bodyFont,
                             {TheirText, TheirLink, TheirCodeBackground, TheirQuoteBar});
    }
    document->setTextWidth(maxTextWidth);
    document->setTextWidth(qMin<qreal>(maxTextWidth, qCeil(document->idealWidth())));
    if (m_sizes.size() > 20000)
        m_sizes.clear();
    m_sizes.insert(key, QSize(qCeil(document->idealWidth()), qCeil(document->size().height())));
    m_documents.insert(key, document);
    return document;
}

MessageDelegate::Layout MessageDelegate::layout(const QModelIndex &index, int width, const QFont &font,
                                                bool withDocument) const
{
    Layout l;
    int y = RowGap;
    const QDateTime when = index.data(MessageListModel::TimestampRole).toDateTime();
    const QModelIndex previous = index.siblingAtRow(index.row() - 1);
    if (ChatTime::startsGroup(previous.isValid() ? previous.data(MessageListModel::TimestampRole).toDateTime()
                                                 : QDateTime(),
                              when)) {
        l.separator = ChatTime::separator(when);
        l.separatorRect = QRect(0, y, width, SeparatorHeight - 8);
        y += SeparatorHeight;
    }

    const bool ours = isOurs(index);
    const bool action = index.data(MessageListModel::ActionRole).toBool();
    const int available = width - 2 * Side - AvatarSize - AvatarGap - MetaReserve - 2 * PadH;
    const int maxText = qBound(MinTextWidth, qMin(available, int(width * 0.68)), MaxTextWidth);

    const QString key = documentKey(index, maxText);
    QSize size = m_sizes.value(key);
    if (withDocument || size.isEmpty()) {
        l.document = document(index, maxText, font, key);
        size = m_sizes.value(key);
    }

    l.avatar = ours ? QRect(width - Side - AvatarSize, y, AvatarSize, AvatarSize)
                    : QRect(Side, y, AvatarSize, AvatarSize);
    int bottom = l.avatar.bottom();
    if (action) {
        const int top = y + qMax(0, (AvatarSize - size.height()) / 2);
        l.text = ours ? QRect(l.avatar.left() - AvatarGap - 2 - size.width(), top, size.width(), size.height())
                      : QRect(l.avatar.right() + 1 + AvatarGap + 2, top, size.width(), size.height());
        bottom = qMax(bottom, l.text.bottom());
    } else {
        const QSize bubble(qMax(size.width() + 2 * PadH, 2 * BubbleRadius + 8), size.height() + 2 * PadV);
        l.bubble = ours ? QRect(QPoint(l.avatar.left() - AvatarGap - bubble.width(), y), bubble)
                        : QRect(QPoint(l.avatar.right() + 1 + AvatarGap, y), bubble);
        l.text = QRect(l.bubble.left() + PadH, l.bubble.top() + PadV, size.width(), size.height());
        bottom = qMax(bottom, l.bubble.bottom());
    }

    // Beside the bubble: "edited" and our delivery mark; a failed message gets the red disc instead.
    const QFont metaFont = pixelFont(font, 11);
    const bool edited = index.data(MessageListModel::EditedRole).toBool();
    const ChatMessage::State state = stateOf(index);
    const bool failed = ours && state == ChatMessage::State::Failed;
    const int markWidth = ours && !failed ? ChatGlyphs::stateMarkWidth(state, 12) : 0;
    const int editedWidth = edited ? QFontMetrics(metaFont).horizontalAdvance(editedText()) : 0;
    const int metaWidth = editedWidth + markWidth + (editedWidth && markWidth ? 4 : 0);
    const QRect anchor = l.bubble.isNull() ? l.text : l.bubble;
    int metaRight = anchor.left() - MetaGap;
    if (failed) {
        l.failed = QRect(anchor.left() - MetaGap - FailedSize, anchor.center().y() - FailedSize / 2 + 1, FailedSize,
                         FailedSize);
        metaRight = l.failed.left() - 4;
    }
    if (metaWidth > 0) {
        l.meta = ours ? QRect(metaRight - metaWidth, anchor.bottom() - MetaHeight - 1, metaWidth, MetaHeight)
                      : QRect(anchor.right() + MetaGap, anchor.bottom() - MetaHeight - 1, metaWidth, MetaHeight);
    }

    const QString error = failed ? index.data(MessageListModel::ErrorTextRole).toString().simplified() : QString();
    if (failed) {
        const QFontMetrics metrics(pixelFont(font, 12));
        const QString shown = error.isEmpty() ? tr("Not sent") : error;
        const int errorWidth = qMin(maxText + 2 * PadH, width - 2 * Side);
        QRect box = metrics.boundingRect(QRect(0, 0, errorWidth, metrics.lineSpacing() * ErrorLines), Qt::TextWordWrap,
                                         shown);
        box.setHeight(qMin(box.height(), metrics.lineSpacing() * ErrorLines));
        l.error = QRect(ours ? anchor.right() - box.width() : anchor.left(), bottom + 5, box.width(), box.height());
        bottom = l.error.bottom();
    }
    l.height = bottom + 1 + RowGap;
    return l;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = option.rect.width() > 0 ? option.rect.width() : 400;
    return {width, layout(index, width, option.font, false).height};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout l = layout(index, option.rect.width(), option.font);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->translate(option.rect.topLeft());
    if (m_highlighted != 0 && index.data(MessageListModel::RowIdRole).toLongLong() == m_highlighted)
        painter->fillRect(QRect(0, 0, option.rect.width(), l.height), HighlightBand);

    if (!l.separator.isEmpty()) {
        painter->setFont(pixelFont(option.font, 12));
        painter->setPen(SecondaryText);
        painter->drawText(l.separatorRect, Qt::AlignCenter, l.separator);
    }

    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->drawPixmap(l.avatar.topLeft(), avatar(isOurs(index) ? m_own : m_peer, dpr));

    if (!l.bubble.isNull()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(isOurs(index) ? OwnBubble : TheirBubble);
        painter->drawRoundedRect(QRectF(l.bubble), BubbleRadius, BubbleRadius);
    }
    if (l.document) {
        painter->save();
        painter->translate(l.text.topLeft());
        l.document->paint(painter);
        painter->restore();
    }
    paintMeta(painter, l, index, option.font);
    painter->restore();
}

void MessageDelegate::paintMeta(QPainter *painter, const Layout &l, const QModelIndex &index, const QFont &font) const
{
    const ChatMessage::State state = stateOf(index);
    if (!l.meta.isNull()) {
        QRect rest = l.meta;
        if (isOurs(index) && state != ChatMessage::State::Failed) {
            const int markWidth = ChatGlyphs::stateMarkWidth(state, 12);
            ChatGlyphs::paintStateMark(painter, QRectF(rest.right() + 1 - markWidth, rest.top() + 1, markWidth, 12),
                                       state);
            rest.setRight(rest.right() - markWidth - 4);
        }
        if (index.data(MessageListModel::EditedRole).toBool()) {
            painter->setFont(pixelFont(font, 11));
            painter->setPen(SecondaryText);
            painter->drawText(rest, Qt::AlignRight | Qt::AlignVCenter, editedText());
        }
    }
    if (!l.failed.isNull())
        ChatGlyphs::paintFailed(painter, l.failed);
    if (!l.error.isNull()) {
        const QString error = index.data(MessageListModel::ErrorTextRole).toString().simplified();
        const QFont errorFont = pixelFont(font, 12);
        painter->setFont(errorFont);
        painter->setPen(ErrorText);
        const QFontMetrics metrics(errorFont);
        const QString shown = error.isEmpty() ? tr("Not sent") : error;
        // Plain text only: the reason comes from the server (docs/SECURITY.md rule 5).
        const Qt::Alignment align = isOurs(index) ? Qt::AlignRight : Qt::AlignLeft;
        painter->drawText(l.error, int(align) | Qt::TextWordWrap, shown);
    }
}

QString MessageDelegate::linkAt(const QModelIndex &index, int width, const QFont &font, const QPoint &point) const
{
    const Layout l = layout(index, width, font);
    if (!l.document || !l.text.contains(point))
        return {};
    return l.document->linkAt(point - l.text.topLeft());
}

bool MessageDelegate::isOnFailedMark(const QModelIndex &index, int width, const QFont &font, const QPoint &point) const
{
    return layout(index, width, font, false).failed.contains(point);
}

QString MessageDelegate::stateText(ChatMessage::State state, const QString &error)
{
    switch (state) {
    case ChatMessage::State::Pending:
        return tr("Sending: not yet confirmed by the server");
    case ChatMessage::State::Sent:
        return tr("Sent: the server has it");
    case ChatMessage::State::Delivered:
        return tr("Delivered");
    case ChatMessage::State::Read:
        return tr("Read");
    case ChatMessage::State::Failed:
        // The reason comes from the server: plain text only (docs/SECURITY.md rule 5).
        return error.isEmpty() ? tr("Not sent. Click the red mark to send it again.")
                               : tr("Not sent: %1. Click the red mark to send it again.").arg(error);
    case ChatMessage::State::Received:
        break;
    }
    return {};
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const Layout l = layout(index, option.rect.width(), option.font);
    const QPoint point = event->pos() - option.rect.topLeft();
    QString tip;
    if (l.failed.contains(point) || l.error.contains(point)) {
        tip = SafeText::toolTip(
            stateText(ChatMessage::State::Failed, index.data(MessageListModel::ErrorTextRole).toString()));
    } else if (const QString link = linkAt(index, option.rect.width(), option.font, point); !link.isEmpty()) {
        tip = SafeText::toolTip(link);
    } else if (l.bubble.contains(point) || l.text.contains(point) || l.meta.contains(point)) {
        tip = ChatTime::full(index.data(MessageListModel::TimestampRole).toDateTime());
        if (l.meta.contains(point) && isOurs(index))
            tip = stateText(stateOf(index));
    }
    if (tip.isEmpty()) {
        QToolTip::hideText();
        return true;
    }
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

QPixmap MessageDelegate::avatar(const Person &person, qreal devicePixelRatio) const
{
    const QString who = person.avatarKey.isEmpty() ? QString(person.jid.bareString() + u'\n' + person.name)
                                                   : QString(u'#' + person.avatarKey);
    const QString key = who + u'\n' + QString::number(devicePixelRatio);
    if (const auto found = m_avatars.constFind(key); found != m_avatars.constEnd())
        return *found;
    if (m_avatars.size() > 200)
        m_avatars.clear();
    QPixmap pixmap;
    if (!person.avatarKey.isEmpty() && m_avatarSource) {
        const QImage image = m_avatarSource(person.avatarKey);
        if (!image.isNull())
            pixmap = AvatarPainter::fromImage(image, AvatarSize, devicePixelRatio);
    }
    if (pixmap.isNull()) {
        const QString name = person.name.isEmpty() ? person.jid.local() : person.name;
        pixmap = AvatarPainter::placeholder(name, person.jid.bareString(), AvatarSize, devicePixelRatio);
    }
    m_avatars.insert(key, pixmap);
    return pixmap;
}
