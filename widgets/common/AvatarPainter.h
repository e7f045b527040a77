// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QImage>
#include <QPixmap>
#include <QString>

/// Round avatars: the user's picture clipped to a circle, or, without one, the first character of the name
/// (a Chinese character as well as a Latin letter) on a colour derived from the JID.
class AvatarPainter
{
public:
    /// A stable colour for @p key (a bare JID): the hue of XEP-0392 §5 (SHA-1, first two bytes), shown at
    /// a fixed saturation and lightness that keeps white text readable, so a contact keeps its colour
    /// everywhere and across clients that follow the XEP.
    static QColor colour(const QString &key);
    /// The first user-perceived character of @p name, upper-cased ("小明" → "小", "alice" → "A").
    static QString initial(const QString &name);
    /// A circle of @p diameter logical pixels for a screen with @p devicePixelRatio.
    static QPixmap placeholder(const QString &name, const QString &key, int diameter, qreal devicePixelRatio);
    static QPixmap fromImage(const QImage &image, int diameter, qreal devicePixelRatio);
    /// The grey version QQ shows for contacts (and ourselves) that are offline.
    static QPixmap greyed(const QPixmap &pixmap);
};
