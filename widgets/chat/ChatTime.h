// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QCoreApplication>
#include <QDateTime>

/// How the chat window writes times, in the user's locale: QQ style, short for recent ones.
class ChatTime
{
    Q_DECLARE_TR_FUNCTIONS(ChatTime)

public:
    /// A new group of messages starts after this many seconds of silence and gets a time row.
    static constexpr int GroupGapSeconds = 5 * 60;

    /// The centred time row between groups: "14:03" today, "Yesterday 14:03", "Tuesday 14:03" within the
    /// week, else the date and time.
    static QString separator(const QDateTime &when, const QDateTime &now = QDateTime::currentDateTime());
    /// The conversation list's time: "14:03" today, "Yesterday", the weekday within the week, else the date.
    static QString listTime(const QDateTime &when, const QDateTime &now = QDateTime::currentDateTime());
    /// The full local date and time, for tool tips.
    static QString full(const QDateTime &when);
    /// Whether @p current starts a new group after @p previous.
    static bool startsGroup(const QDateTime &previous, const QDateTime &current);
};
