// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "login/LoginBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QLabel *plainLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setObjectName(objectName);
    return label;
}

}   // namespace

LoginBanner::LoginBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(u"loginBanner"_s);
    setMinimumHeight(136);

    auto *logo = plainLabel(u"信"_s, u"bannerLogo"_s, this);
    logo->setAlignment(Qt::AlignCenter);
    logo->setFixedSize(52, 52);
    auto *title = plainLabel(tr("Xin"), u"bannerTitle"_s, this);
    auto *tagline = plainLabel(tr("Open instant messaging on XMPP"), u"bannerTagline"_s, this);

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addStretch();
    text->addWidget(title);
    text->addWidget(tagline);
    text->addStretch();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(28, 18, 28, 18);
    layout->setSpacing(14);
    layout->addWidget(logo);
    layout->addLayout(text, 1);
}

void LoginBanner::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);   // the gradient from the style sheet
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    const qreal w = width();
    const qreal h = height();
    // Positions relative to the size, so the picture holds when the window is wider in another language.
    const struct
    {
        qreal x, y, r;
        int alpha;
    } bubbles[] = {
        {0.86, 0.18, 0.30, 22}, {0.70, 0.95, 0.22, 18}, {0.97, 0.80, 0.16, 26},
        {0.58, 0.10, 0.07, 30}, {0.78, 0.52, 0.05, 40}, {0.47, 0.88, 0.04, 34},
    };
    for (const auto &b : bubbles) {
        painter.setBrush(QColor(255, 255, 255, b.alpha));
        painter.drawEllipse(QPointF(w * b.x, h * b.y), h * b.r * 1.4, h * b.r * 1.4);
    }
    // A soft light wave along the bottom edge, leading the eye into the form.
    QPainterPath wave;
    wave.moveTo(0, h);
    wave.lineTo(0, h - 10);
    wave.cubicTo(w * 0.3, h - 28, w * 0.6, h + 6, w, h - 18);
    wave.lineTo(w, h);
    wave.closeSubpath();
    painter.setBrush(QColor(255, 255, 255, 40));
    painter.drawPath(wave);
}
