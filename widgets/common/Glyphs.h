// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QIcon>
#include <QPen>
#include <QRectF>

/// The few line icons the shell needs, drawn by code (see PaintedIconEngine) in one consistent stroke.
class Glyphs
{
public:
    static QIcon search(const QColor &colour);
    static QIcon menu(const QColor &colour);
    static QIcon chevronDown(const QColor &colour);
    static QIcon chevronRight(const QColor &colour);
    static QIcon contacts(const QColor &colour);
    static QIcon folder(const QColor &colour);

    /// The one stroke every glyph is drawn with, so icons drawn elsewhere (e.g. RosterGlyphs) match.
    static QPen stroke(const QColor &colour, const QRectF &rect, QIcon::Mode mode);
};
