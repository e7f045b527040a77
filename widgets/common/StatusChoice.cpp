// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/StatusChoice.h"

#include "common/PaintedIconEngine.h"

#include <QPainter>

using namespace Qt::StringLiterals;

namespace {

// White marks inside the dot: they tell the states apart for colour-blind users too.
void paintMark(QPainter *painter, StatusChoice choice, const QRectF &dot)
{
    const qreal r = dot.width() / 2;
    const QPointF c = dot.center();
    QPen pen(Qt::white, qMax(1.0, r * 0.28), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    switch (choice) {
    case StatusChoice::Online:
        break;
    case StatusChoice::Chat:   // a smile: "talk to me" (QQ's Q我吧)
        painter->drawArc(QRectF(c.x() - r * 0.5, c.y() - r * 0.55, r, r * 0.9), -20 * 16, -140 * 16);
        break;
    case StatusChoice::Away:
    case StatusChoice::ExtendedAway:   // clock hands
        painter->drawPolyline(
            QPolygonF{QPointF(c.x(), c.y() - r * 0.5), c, QPointF(c.x() + r * 0.38, c.y() + r * 0.2)});
        break;
    case StatusChoice::DoNotDisturb:
        painter->drawLine(QPointF(c.x() - r * 0.45, c.y()), QPointF(c.x() + r * 0.45, c.y()));
        break;
    case StatusChoice::Offline:   // a ring: nobody home
        painter->setPen(Qt::NoPen);
        painter->setBrush(Qt::white);
        painter->drawEllipse(c, r * 0.5, r * 0.5);
        break;
    }
}

}   // namespace

QList<StatusChoice> StatusChoices::all()
{
    return {StatusChoice::Online,       StatusChoice::Chat,         StatusChoice::Away,
            StatusChoice::ExtendedAway, StatusChoice::DoNotDisturb, StatusChoice::Offline};
}

QString StatusChoices::name(StatusChoice choice)
{
    switch (choice) {
    case StatusChoice::Online:
        return tr("Online");
    case StatusChoice::Chat:
        return tr("Free to chat");
    case StatusChoice::Away:
        return tr("Away");
    case StatusChoice::ExtendedAway:
        return tr("Extended away");
    case StatusChoice::DoNotDisturb:
        return tr("Do not disturb");
    case StatusChoice::Offline:
        return tr("Offline");
    }
    return {};
}

QString StatusChoices::key(StatusChoice choice)
{
    switch (choice) {
    case StatusChoice::Online:
        return u"online"_s;
    case StatusChoice::Chat:
        return u"chat"_s;
    case StatusChoice::Away:
        return u"away"_s;
    case StatusChoice::ExtendedAway:
        return u"xa"_s;
    case StatusChoice::DoNotDisturb:
        return u"dnd"_s;
    case StatusChoice::Offline:
        return u"offline"_s;
    }
    return {};
}

std::optional<StatusChoice> StatusChoices::fromKey(QStringView key)
{
    for (const StatusChoice choice : all()) {
        if (StatusChoices::key(choice) == key)
            return choice;
    }
    return std::nullopt;
}

QColor StatusChoices::colour(StatusChoice choice)
{
    switch (choice) {
    case StatusChoice::Online:
    case StatusChoice::Chat:
        return QColor(0x2b, 0xc4, 0x6d);
    case StatusChoice::Away:
        return QColor(0xff, 0xb0, 0x20);
    case StatusChoice::ExtendedAway:
        return QColor(0xf0, 0x7c, 0x1e);
    case StatusChoice::DoNotDisturb:
        return QColor(0xf5, 0x47, 0x5b);
    case StatusChoice::Offline:
        return QColor(0xa3, 0xab, 0xb8);
    }
    return {};
}

QIcon StatusChoices::icon(StatusChoice choice)
{
    return PaintedIconEngine::icon([choice](QPainter *painter, const QRectF &rect, QIcon::Mode mode) {
        const qreal border = qMax(1.0, rect.width() / 10);
        const QRectF dot = rect.adjusted(border, border, -border, -border);
        painter->setPen(QPen(Qt::white, border));
        QColor fill = colour(choice);
        if (mode == QIcon::Disabled)
            fill.setAlphaF(0.4);
        painter->setBrush(fill);
        painter->drawEllipse(dot);
        paintMark(painter, choice, dot);
    });
}

Presence StatusChoices::presence(StatusChoice choice, const QString &statusMessage)
{
    Presence presence;
    presence.status = statusMessage;
    switch (choice) {
    case StatusChoice::Online:
        break;
    case StatusChoice::Chat:
        presence.show = Presence::Show::Chat;
        break;
    case StatusChoice::Away:
        presence.show = Presence::Show::Away;
        break;
    case StatusChoice::ExtendedAway:
        presence.show = Presence::Show::Xa;
        break;
    case StatusChoice::DoNotDisturb:
        presence.show = Presence::Show::Dnd;
        break;
    case StatusChoice::Offline:
        presence.type = Presence::Type::Unavailable;
        break;
    }
    return presence;
}
