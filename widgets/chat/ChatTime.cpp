// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ChatTime.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

QString timeText(const QDateTime &local)
{
    // Hours and minutes only: some locales' short format still has seconds (the C locale's "HH:mm:ss").
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(u":ss"_s).remove(u".ss"_s);
    return QLocale().toString(local.time(), format);
}

}   // namespace

QString ChatTime::separator(const QDateTime &when, const QDateTime &now)
{
    const QDateTime local = when.toLocalTime();
    const qint64 days = local.date().daysTo(now.toLocalTime().date());
    if (days == 0)
        return timeText(local);
    if (days == 1)
        return tr("Yesterday %1", "time row in a chat; %1 is the time").arg(timeText(local));
    if (days > 1 && days < 7)
        return tr("%1 %2", "time row in a chat: weekday, time")
            .arg(QLocale().dayName(local.date().dayOfWeek()), timeText(local));
    return tr("%1 %2", "time row in a chat: date, time")
        .arg(QLocale().toString(local.date(), QLocale::ShortFormat), timeText(local));
}

QString ChatTime::listTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const QDateTime local = when.toLocalTime();
    const qint64 days = local.date().daysTo(now.toLocalTime().date());
    if (days <= 0)
        return timeText(local);
    if (days == 1)
        return tr("Yesterday");
    if (days < 7)
        return QLocale().dayName(local.date().dayOfWeek(), QLocale::ShortFormat);
    return QLocale().toString(local.date(), QLocale::ShortFormat);
}

QString ChatTime::full(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime(), QLocale::LongFormat);
}

bool ChatTime::startsGroup(const QDateTime &previous, const QDateTime &current)
{
    if (!previous.isValid() || !current.isValid())
        return true;
    return previous.secsTo(current) > GroupGapSeconds || previous.toLocalTime().date() != current.toLocalTime().date();
}
