// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/PaintedIconEngine.h"

#include <QPainter>
#include <QPixmap>

PaintedIconEngine::PaintedIconEngine(PaintFunction paint) : m_paint(std::move(paint)) { }

QIcon PaintedIconEngine::icon(PaintFunction paint)
{
    return QIcon(new PaintedIconEngine(std::move(paint)));
}

void PaintedIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int side = qMin(rect.width(), rect.height());
    const QRectF square(rect.x() + (rect.width() - side) / 2.0, rect.y() + (rect.height() - side) / 2.0, side, side);
    m_paint(painter, square, mode);
    painter->restore();
}

QPixmap PaintedIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    return scaledPixmap(size, mode, state, 1.0);
}

QPixmap PaintedIconEngine::scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale)
{
    QPixmap pixmap(size * scale);
    pixmap.setDevicePixelRatio(scale);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paint(&painter, QRect(QPoint(0, 0), size), mode, state);
    return pixmap;
}

QIconEngine *PaintedIconEngine::clone() const
{
    return new PaintedIconEngine(m_paint);
}

QString PaintedIconEngine::key() const
{
    return QStringLiteral("XinPaintedIconEngine");
}
