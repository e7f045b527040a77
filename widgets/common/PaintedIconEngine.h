// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QIconEngine>

#include <functional>

/// A QIcon drawn by code at whatever size and device pixel ratio is asked for, so small glyphs stay crisp
/// on high-DPI screens without shipping a bitmap per scale (and without depending on Qt's SVG plugin).
class PaintedIconEngine : public QIconEngine
{
public:
    /// @p paint draws into a square of the given size; the mode tells disabled icons apart.
    using PaintFunction = std::function<void(QPainter *painter, const QRectF &rect, QIcon::Mode mode)>;

    explicit PaintedIconEngine(PaintFunction paint);

    static QIcon icon(PaintFunction paint);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    QIconEngine *clone() const override;
    QString key() const override;

private:
    PaintFunction m_paint;
};
