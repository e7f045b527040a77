// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Presence.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

/// The availability the user picks for themselves, QQ's 在线 / Q我吧 / 离开 / 忙碌 / 请勿打扰 / 离线, mapped onto
/// RFC 6121 §4.7.2.1 <show/>. Offline means "sign out", not invisibility: invisibility needs XEP-0186, which
/// the client does not implement yet.
enum class StatusChoice { Online, Chat, Away, ExtendedAway, DoNotDisturb, Offline };

Q_DECLARE_METATYPE(StatusChoice)

/// Names, colours and icons of the StatusChoice values, and the presence each one sends.
class StatusChoices
{
    Q_DECLARE_TR_FUNCTIONS(StatusChoices)

public:
    /// Every choice, in the order a menu shows them.
    static QList<StatusChoice> all();
    static QString name(StatusChoice choice);
    /// A stable ASCII key ("online", "chat", "away", "xa", "dnd", "offline") for settings and object names.
    static QString key(StatusChoice choice);
    static std::optional<StatusChoice> fromKey(QStringView key);
    static QColor colour(StatusChoice choice);
    /// A round coloured dot (a moon for Away, a bar for Do not disturb) drawn for every device pixel ratio.
    static QIcon icon(StatusChoice choice);
    /// The initial or updated presence for @p choice (RFC 6121 §4.2, §4.4); Offline gives "unavailable".
    static Presence presence(StatusChoice choice, const QString &statusMessage);
};
