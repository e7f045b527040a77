// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "roster/RosterGlyphs.h"

#include "common/Glyphs.h"
#include "common/PaintedIconEngine.h"

#include <QPainter>
#include <QPainterPath>

QIcon RosterGlyphs::addFriend(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(Glyphs::stroke(colour, r, mode));
        p->setBrush(Qt::NoBrush);
        const qreal s = r.width();
        const qreal x = r.x();
        const qreal y = r.y();
        p->drawEllipse(QRectF(x + s * 0.22, y + s * 0.16, s * 0.3, s * 0.3));
        QPainterPath body;
        body.moveTo(x + s * 0.1, y + s * 0.84);
        body.cubicTo(x + s * 0.12, y + s * 0.6, x + s * 0.26, y + s * 0.54, x + s * 0.37, y + s * 0.54);
        body.cubicTo(x + s * 0.48, y + s * 0.54, x + s * 0.58, y + s * 0.58, x + s * 0.62, y + s * 0.66);
        p->drawPath(body);
        p->drawLine(QPointF(x + s * 0.78, y + s * 0.5), QPointF(x + s * 0.78, y + s * 0.84));
        p->drawLine(QPointF(x + s * 0.61, y + s * 0.67), QPointF(x + s * 0.95, y + s * 0.67));
    });
}

QIcon RosterGlyphs::requests(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(Glyphs::stroke(colour, r, mode));
        p->setBrush(Qt::NoBrush);
        const qreal s = r.width();
        const qreal x = r.x();
        const qreal y = r.y();
        QPainterPath bell;
        bell.moveTo(x + s * 0.2, y + s * 0.72);
        bell.lineTo(x + s * 0.8, y + s * 0.72);
        bell.cubicTo(x + s * 0.72, y + s * 0.62, x + s * 0.72, y + s * 0.55, x + s * 0.72, y + s * 0.45);
        bell.cubicTo(x + s * 0.72, y + s * 0.27, x + s * 0.62, y + s * 0.17, x + s * 0.5, y + s * 0.17);
        bell.cubicTo(x + s * 0.38, y + s * 0.17, x + s * 0.28, y + s * 0.27, x + s * 0.28, y + s * 0.45);
        bell.cubicTo(x + s * 0.28, y + s * 0.55, x + s * 0.28, y + s * 0.62, x + s * 0.2, y + s * 0.72);
        p->drawPath(bell);
        p->drawLine(QPointF(x + s * 0.43, y + s * 0.84), QPointF(x + s * 0.57, y + s * 0.84));
    });
}
