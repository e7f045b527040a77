// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ChatGlyphs.h"

#include "chat/ChatStyle.h"
#include "common/Glyphs.h"
#include "common/PaintedIconEngine.h"

#include <QPainter>
#include <QPainterPath>

namespace {

QPen markPen(const QColor &colour, qreal height)
{
    return QPen(colour, qMax(1.3, height / 9.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

void tick(QPainter *p, qreal x, qreal y, qreal h)
{
    p->drawPolyline(
        QPolygonF{QPointF(x, y + h * 0.52), QPointF(x + h * 0.3, y + h * 0.8), QPointF(x + h * 0.82, y + h * 0.22)});
}

}   // namespace

QIcon ChatGlyphs::smiley(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        QPen pen = Glyphs::stroke(colour, r, mode);
        p->setPen(pen);
        const qreal s = r.width();
        p->drawEllipse(QRectF(r.x() + s * 0.12, r.y() + s * 0.12, s * 0.76, s * 0.76));
        QPainterPath smile;
        smile.moveTo(r.x() + s * 0.33, r.y() + s * 0.58);
        smile.quadTo(r.x() + s * 0.5, r.y() + s * 0.76, r.x() + s * 0.67, r.y() + s * 0.58);
        p->drawPath(smile);
        pen.setWidthF(pen.widthF() * 1.5);
        p->setPen(pen);
        p->drawPoint(QPointF(r.x() + s * 0.38, r.y() + s * 0.4));
        p->drawPoint(QPointF(r.x() + s * 0.62, r.y() + s * 0.4));
    });
}

QIcon ChatGlyphs::history(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(Glyphs::stroke(colour, r, mode));
        const qreal s = r.width();
        p->drawArc(QRectF(r.x() + s * 0.14, r.y() + s * 0.14, s * 0.72, s * 0.72), 200 * 16, -320 * 16);
        p->drawPolyline(QPolygonF{QPointF(r.x() + s * 0.5, r.y() + s * 0.3), QPointF(r.x() + s * 0.5, r.y() + s * 0.52),
                                  QPointF(r.x() + s * 0.65, r.y() + s * 0.6)});
        p->drawPolyline(QPolygonF{QPointF(r.x() + s * 0.08, r.y() + s * 0.48),
                                  QPointF(r.x() + s * 0.17, r.y() + s * 0.63),
                                  QPointF(r.x() + s * 0.3, r.y() + s * 0.52)});
    });
}

QIcon ChatGlyphs::close(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(Glyphs::stroke(colour, r, mode));
        const qreal s = r.width();
        p->drawLine(QPointF(r.x() + s * 0.28, r.y() + s * 0.28), QPointF(r.x() + s * 0.72, r.y() + s * 0.72));
        p->drawLine(QPointF(r.x() + s * 0.72, r.y() + s * 0.28), QPointF(r.x() + s * 0.28, r.y() + s * 0.72));
    });
}

QIcon ChatGlyphs::arrowDown(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(Glyphs::stroke(colour, r, mode));
        const qreal s = r.width();
        p->drawLine(QPointF(r.x() + s * 0.5, r.y() + s * 0.2), QPointF(r.x() + s * 0.5, r.y() + s * 0.8));
        p->drawPolyline(QPolygonF{QPointF(r.x() + s * 0.26, r.y() + s * 0.56),
                                  QPointF(r.x() + s * 0.5, r.y() + s * 0.8),
                                  QPointF(r.x() + s * 0.74, r.y() + s * 0.56)});
    });
}

int ChatGlyphs::stateMarkWidth(ChatMessage::State state, int height)
{
    switch (state) {
    case ChatMessage::State::Pending:
    case ChatMessage::State::Sent:
        return height;
    case ChatMessage::State::Delivered:
    case ChatMessage::State::Read:
        return qRound(height * 1.3);
    case ChatMessage::State::Failed:
    case ChatMessage::State::Received:
        break;
    }
    return 0;
}

void ChatGlyphs::paintStateMark(QPainter *p, const QRectF &rect, ChatMessage::State state)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setBrush(Qt::NoBrush);
    const qreal h = rect.height();
    const qreal x = rect.x();
    const qreal y = rect.y();
    switch (state) {
    case ChatMessage::State::Pending: {
        p->setPen(markPen(ChatStyle::SecondaryText, h));
        const QRectF face(x + h * 0.1, y + h * 0.1, h * 0.8, h * 0.8);
        p->drawEllipse(face);
        p->drawPolyline(QPolygonF{QPointF(face.center().x(), y + h * 0.28), face.center(),
                                  QPointF(x + h * 0.66, face.center().y())});
        break;
    }
    case ChatMessage::State::Sent:
        p->setPen(markPen(ChatStyle::SecondaryText, h));
        tick(p, x + h * 0.08, y, h);
        break;
    case ChatMessage::State::Delivered:
    case ChatMessage::State::Read:
        p->setPen(markPen(state == ChatMessage::State::Read ? ChatStyle::Accent : ChatStyle::SecondaryText, h));
        tick(p, x, y, h);
        tick(p, x + h * 0.42, y, h);
        break;
    case ChatMessage::State::Failed:
        paintFailed(p, rect);
        break;
    case ChatMessage::State::Received:
        break;
    }
    p->restore();
}

void ChatGlyphs::paintFailed(QPainter *p, const QRectF &rect)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const qreal d = qMin(rect.width(), rect.height());
    const QRectF disc(rect.center().x() - d / 2, rect.center().y() - d / 2, d, d);
    p->setPen(Qt::NoPen);
    p->setBrush(ChatStyle::ErrorText);
    p->drawEllipse(disc);
    p->setPen(QPen(Qt::white, qMax(1.5, d / 8), Qt::SolidLine, Qt::RoundCap));
    p->drawLine(QPointF(disc.center().x(), disc.top() + d * 0.24), QPointF(disc.center().x(), disc.top() + d * 0.58));
    p->drawPoint(QPointF(disc.center().x(), disc.top() + d * 0.76));
    p->restore();
}
