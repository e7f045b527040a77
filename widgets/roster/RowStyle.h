// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QFont>

/// The look shared by the painted list rows (contacts, people found): colours and pixel-sized fonts.
namespace RowStyle {
inline constexpr int Margin = 12;
inline const QColor NameColour(0x1f, 0x23, 0x29);
inline const QColor GreyText(0x8a, 0x94, 0xa6);
inline const QColor HoverBackground(0xf0, 0xf6, 0xff);
inline const QColor SelectedBackground(0xdb, 0xec, 0xff);

inline QFont pixelFont(const QFont &base, int pixels, bool bold = false)
{
    QFont font = base;
    font.setPixelSize(pixels);
    font.setBold(bold);
    return font;
}
} // namespace RowStyle
