// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QString>

/// The chat window's palette and metrics, next to RowStyle (the list rows) and the shell's xin.qss palette:
/// brand blue, text #1f2329, secondary #8a94a6, lines #e6e9ef.
namespace ChatStyle {
inline const QColor Accent(0x12, 0x9b, 0xf0);            // links, "typing…", read ticks
inline const QColor OwnBubble(0x12, 0x9b, 0xf0);         // QQ's blue for our messages
inline const QColor OwnText(0xff, 0xff, 0xff);
inline const QColor OwnLink(0xff, 0xff, 0xff);
inline const QColor OwnCodeBackground(255, 255, 255, 46);
inline const QColor OwnQuoteBar(255, 255, 255, 150);
inline const QColor TheirBubble(0xff, 0xff, 0xff);
inline const QColor TheirText(0x1f, 0x23, 0x29);
inline const QColor TheirLink(0x0b, 0x6b, 0xd6);
inline const QColor TheirCodeBackground(0xf0, 0xf2, 0xf5);
inline const QColor TheirQuoteBar(0xc9, 0xcf, 0xd8);
inline const QColor ChatBackground(0xf2, 0xf3, 0xf5);
inline const QColor SecondaryText(0x8a, 0x94, 0xa6);
inline const QColor ActionText(0x5f, 0x6b, 0x7a);
inline const QColor ErrorText(0xe5, 0x48, 0x4d);
inline const QColor Line(0xe6, 0xe9, 0xef);
inline const QColor HighlightBand(0x12, 0x9b, 0xf0, 28);
inline const QColor UnreadBadge(0xf5, 0x4a, 0x45);

inline constexpr int BubbleRadius = 10;
inline constexpr int AvatarSize = 36;
inline constexpr int BodyPixelSize = 14;

/// The chat window's style sheet (set on the window, so it holds wherever the window is used).
QString styleSheet();
} // namespace ChatStyle
