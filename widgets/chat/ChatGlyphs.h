// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"

#include <QColor>
#include <QIcon>

class QPainter;

/// The chat window's line icons and delivery marks, drawn by code in the stroke of Glyphs.
class ChatGlyphs
{
public:
    static QIcon smiley(const QColor &colour);
    static QIcon history(const QColor &colour);
    static QIcon close(const QColor &colour);
    static QIcon arrowDown(const QColor &colour);

    /// The width a delivery mark for @p state takes at @p height (0 for states without one).
    static int stateMarkWidth(ChatMessage::State state, int height);
    /// Draws the mark of an outgoing message's @p state in @p rect: a clock while pending, ✓ sent, ✓✓
    /// delivered, ✓✓ in the accent colour when read, a red "!" disc when it failed.
    static void paintStateMark(QPainter *painter, const QRectF &rect, ChatMessage::State state);
    /// The red disc with "!" QQ shows next to a message that could not be sent.
    static void paintFailed(QPainter *painter, const QRectF &rect);
};
