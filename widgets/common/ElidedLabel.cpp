// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/ElidedLabel.h"

#include "common/SafeText.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QtMath>
#include <QPainter>

ElidedLabel::ElidedLabel(QWidget *parent) : QFrame(parent)
{
    // Never wider than the text (so whatever follows sits right after it), narrower by eliding.
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
}

void ElidedLabel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setToolTip(SafeText::toolTip(text));
    updateGeometry();
    update();
}

QString ElidedLabel::displayedText() const
{
    return fontMetrics().elidedText(m_text, Qt::ElideRight, contentsRect().width());
}

QSize ElidedLabel::sizeHint() const
{
    const QMargins m = contentsMargins();
    // Rounded up from the exact width: eliding measures in fractions, so a rounded-down hint would cut "…".
    const int textWidth = qCeil(QFontMetricsF(font()).horizontalAdvance(m_text));
    return QSize(textWidth + m.left() + m.right(), fontMetrics().height() + m.top() + m.bottom());
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QMargins m = contentsMargins();
    return QSize(fontMetrics().horizontalAdvance(u'…') * 3 + m.left() + m.right(), sizeHint().height());
}

void ElidedLabel::changeEvent(QEvent *event)
{
    // The style sheet sets the font after construction; the size hint depends on it.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateGeometry();
    QFrame::changeEvent(event);
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(contentsRect(), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, displayedText());
}
