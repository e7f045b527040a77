// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/AvatarPainter.h"

#include "models/DisplayName.h"

#include <QFont>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QTextBoundaryFinder>

using namespace Qt::StringLiterals;

namespace {

QPixmap transparentPixmap(int diameter, qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(diameter, diameter) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    return pixmap;
}

bool isWide(const QString &text)
{
    // CJK ideographs, kana and hangul fill the em box; they need a smaller size than Latin capitals.
    return !text.isEmpty() && text.front().unicode() >= 0x2e80;
}

}   // namespace

QColor AvatarPainter::colour(const QString &key)
{
    return QColor::fromHslF(DisplayName::hue(key) / 360.0, 0.55, 0.55);
}

QString AvatarPainter::initial(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return u"?"_s;
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, trimmed);
    const qsizetype end = graphemes.toNextBoundary();
    return trimmed.left(end > 0 ? end : 1).toUpper();
}

QPixmap AvatarPainter::placeholder(const QString &name, const QString &key, int diameter, qreal devicePixelRatio)
{
    QPixmap pixmap = transparentPixmap(diameter, devicePixelRatio);
    QPainter painter(&pixmap);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);

    const QColor base = colour(key.isEmpty() ? name : key);
    QLinearGradient gradient(0, 0, diameter, diameter);
    gradient.setColorAt(0, base.lighter(118));
    gradient.setColorAt(1, base.darker(108));
    painter.setPen(Qt::NoPen);
    painter.setBrush(gradient);
    painter.drawEllipse(QRectF(0, 0, diameter, diameter));

    const QString text = initial(name);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(qMax(6, int(diameter * (isWide(text) ? 0.42 : 0.46))));
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRectF(0, 0, diameter, diameter), Qt::AlignCenter, text);
    return pixmap;
}

QPixmap AvatarPainter::fromImage(const QImage &image, int diameter, qreal devicePixelRatio)
{
    QPixmap pixmap = transparentPixmap(diameter, devicePixelRatio);
    QPainter painter(&pixmap);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
    QPainterPath circle;
    circle.addEllipse(QRectF(0, 0, diameter, diameter));
    painter.setClipPath(circle);
    // Fill the circle: crop the longer side instead of letter-boxing.
    const QSize side = image.size().scaled(QSize(diameter, diameter), Qt::KeepAspectRatioByExpanding);
    painter.drawImage(QRectF((diameter - side.width()) / 2.0, (diameter - side.height()) / 2.0, side.width(),
                             side.height()),
                      image);
    return pixmap;
}

QPixmap AvatarPainter::greyed(const QPixmap &pixmap)
{
    QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int grey = qGray(line[x]);
            line[x] = qRgba(grey, grey, grey, qAlpha(line[x]));
        }
    }
    QPixmap result = QPixmap::fromImage(image);
    result.setDevicePixelRatio(pixmap.devicePixelRatio());
    return result;
}
