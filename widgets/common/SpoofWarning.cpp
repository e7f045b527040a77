// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/SpoofWarning.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

const QColor SpoofWarning::Ink(0xb4, 0x53, 0x09);
const QColor SpoofWarning::Background(0xff, 0xf4, 0xdc);

SpoofWarning::SpoofWarning(QWidget *parent) : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    setObjectName(u"spoofWarning"_s);
    // By class, not by object name: the views name each warning for tests.
    setStyleSheet(u"SpoofWarning { background: %1; border: 1px solid #f5cf8a; border-radius: 6px; }"
                  "SpoofWarning QLabel { color: %2; background: transparent; border: none; }"_s.arg(Background.name(),
                                                                                                    Ink.name()));
    m_icon->setTextFormat(Qt::PlainText);   // a picture only; plain like every label near remote text
    m_icon->setPixmap(sign(16, devicePixelRatioF()));
    m_icon->setFixedSize(16, 16);
    m_text->setObjectName(u"spoofWarningText"_s);
    m_text->setTextFormat(Qt::PlainText);   // our sentence only, but never rich by accident (docs/SECURITY.md rule 5)
    m_text->setWordWrap(true);
    QFont font = m_text->font();
    font.setPixelSize(12);
    m_text->setFont(font);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 5, 8, 5);
    layout->setSpacing(6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    hide();
}

void SpoofWarning::setJid(const Jid &jid)
{
    setText(text(JidSpoofCheck::check(jid)));
}

void SpoofWarning::setText(const QString &sentence)
{
    m_text->setText(sentence);
    setVisible(!sentence.isEmpty());
}

QString SpoofWarning::text() const
{
    return m_text->text();
}

QString SpoofWarning::text(JidSpoofCheck::Issues issues)
{
    using Issue = JidSpoofCheck::Issue;
    if (issues & Issue::Invisible)
        return tr("This address contains invisible characters; it may imitate another.");
    if (issues & Issue::MixedScripts)
        return tr("This address mixes alphabets; it may imitate another.");
    if (issues & Issue::Confusable)
        return tr("This address uses letters that look like others; it may imitate another.");
    return {};
}

QString SpoofWarning::badgeText()
{
    return tr("Look-alike address");
}

QPixmap SpoofWarning::sign(int size, qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    QPainterPath triangle;
    triangle.moveTo(s / 2, 1.5);
    triangle.lineTo(s - 1, s - 2);
    triangle.lineTo(1, s - 2);
    triangle.closeSubpath();
    painter.setPen(QPen(Ink, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(QColor(0xf5, 0xa6, 0x23));
    painter.drawPath(triangle);
    painter.setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.62));
    painter.drawPoint(QPointF(s / 2, s * 0.76));
    return pixmap;
}
