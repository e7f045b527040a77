// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/AvatarWidget.h"

#include "common/AvatarPainter.h"

#include <QEvent>
#include <QPainter>

namespace {
constexpr int ringWidth = 2;
}

AvatarWidget::AvatarWidget(int diameter, QWidget *parent) : QWidget(parent), m_diameter(diameter)
{
    setFixedSize(sizeHint());
}

void AvatarWidget::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    invalidate();
}

void AvatarWidget::setColourKey(const QString &key)
{
    if (key == m_colourKey)
        return;
    m_colourKey = key;
    invalidate();
}

void AvatarWidget::setImage(const QImage &image)
{
    m_image = image;
    invalidate();
}

void AvatarWidget::setStatus(std::optional<StatusChoice> status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidate();
}

void AvatarWidget::setRingVisible(bool visible)
{
    m_ring = visible;
    invalidate();
}

QSize AvatarWidget::sizeHint() const
{
    return QSize(m_diameter, m_diameter);
}

void AvatarWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::DevicePixelRatioChange || event->type() == QEvent::ScreenChangeInternal)
        invalidate();
    QWidget::changeEvent(event);
}

void AvatarWidget::invalidate()
{
    m_cache = QPixmap();
    update();
}

void AvatarWidget::paintEvent(QPaintEvent *)
{
    const qreal dpr = devicePixelRatioF();
    if (m_cache.isNull() || !qFuzzyCompare(m_cache.devicePixelRatio(), dpr)) {
        const int inner = m_ring ? m_diameter - 2 * ringWidth : m_diameter;
        m_cache = m_image.isNull() ? AvatarPainter::placeholder(m_name, m_colourKey, inner, dpr)
                                   : AvatarPainter::fromImage(m_image, inner, dpr);
        if (m_status == StatusChoice::Offline)
            m_cache = AvatarPainter::greyed(m_cache);
    }

    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_ring) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 230));
        painter.drawEllipse(QRectF(0, 0, m_diameter, m_diameter));
        painter.drawPixmap(QPointF(ringWidth, ringWidth), m_cache);
    } else {
        painter.drawPixmap(QPointF(0, 0), m_cache);
    }

    if (m_status) {
        // On the rim at 45°, where QQ puts it: centre at r + r·cos 45°.
        const int dot = qMax(10, m_diameter / 4);
        const int centre = qRound(m_diameter * 0.854);
        const QRect dotRect(qMin(centre - dot / 2, m_diameter - dot), qMin(centre - dot / 2, m_diameter - dot), dot,
                            dot);
        StatusChoices::icon(*m_status).paint(&painter, dotRect);
    }
}
