// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/Glyphs.h"

#include "common/PaintedIconEngine.h"

#include <QPainter>
#include <QPainterPath>

QPen Glyphs::stroke(const QColor &colour, const QRectF &rect, QIcon::Mode mode)
{
    QColor c = colour;
    if (mode == QIcon::Disabled)
        c.setAlphaF(c.alphaF() * 0.4);
    return QPen(c, qMax(1.2, rect.width() / 12), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

QIcon Glyphs::search(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(stroke(colour, r, mode));
        const qreal s = r.width();
        p->drawEllipse(QRectF(r.x() + s * 0.18, r.y() + s * 0.18, s * 0.5, s * 0.5));
        p->drawLine(QPointF(r.x() + s * 0.6, r.y() + s * 0.6), QPointF(r.x() + s * 0.82, r.y() + s * 0.82));
    });
}

QIcon Glyphs::menu(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(stroke(colour, r, mode));
        const qreal s = r.width();
        for (const qreal y : {0.3, 0.5, 0.7})
            p->drawLine(QPointF(r.x() + s * 0.2, r.y() + s * y), QPointF(r.x() + s * 0.8, r.y() + s * y));
    });
}

QIcon Glyphs::chevronDown(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(stroke(colour, r, mode));
        const qreal s = r.width();
        p->drawPolyline(QPolygonF{QPointF(r.x() + s * 0.28, r.y() + s * 0.4),
                                  QPointF(r.x() + s * 0.5, r.y() + s * 0.62),
                                  QPointF(r.x() + s * 0.72, r.y() + s * 0.4)});
    });
}

QIcon Glyphs::chevronRight(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(stroke(colour, r, mode));
        const qreal s = r.width();
        p->drawPolyline(QPolygonF{QPointF(r.x() + s * 0.4, r.y() + s * 0.28),
                                  QPointF(r.x() + s * 0.62, r.y() + s * 0.5),
                                  QPointF(r.x() + s * 0.4, r.y() + s * 0.72)});
    });
}

QIcon Glyphs::contacts(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(stroke(colour, r, mode));
        const qreal s = r.width();
        p->drawEllipse(QRectF(r.x() + s * 0.34, r.y() + s * 0.14, s * 0.32, s * 0.32));
        QPainterPath body;
        body.moveTo(r.x() + s * 0.16, r.y() + s * 0.86);
        body.cubicTo(r.x() + s * 0.16, r.y() + s * 0.58, r.x() + s * 0.84, r.y() + s * 0.58, r.x() + s * 0.84,
                     r.y() + s * 0.86);
        p->drawPath(body);
    });
}

QIcon Glyphs::folder(const QColor &colour)
{
    return PaintedIconEngine::icon([colour](QPainter *p, const QRectF &r, QIcon::Mode mode) {
        p->setPen(stroke(colour, r, mode));
        const qreal s = r.width();
        QPainterPath path;
        path.moveTo(r.x() + s * 0.14, r.y() + s * 0.78);
        path.lineTo(r.x() + s * 0.14, r.y() + s * 0.24);
        path.lineTo(r.x() + s * 0.4, r.y() + s * 0.24);
        path.lineTo(r.x() + s * 0.48, r.y() + s * 0.34);
        path.lineTo(r.x() + s * 0.86, r.y() + s * 0.34);
        path.lineTo(r.x() + s * 0.86, r.y() + s * 0.78);
        path.closeSubpath();
        p->drawPath(path);
    });
}
