// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Stanza.h"

#include <QByteArray>

/// A <presence/> stanza (RFC 6121 §4): availability, show, status and priority, or a subscription request.
class Presence : public Stanza
{
public:
    enum class Type { Available, Unavailable, Subscribe, Subscribed, Unsubscribe, Unsubscribed, Probe, Error };
    enum class Show { None, Chat, Away, Xa, Dnd };

    Type type = Type::Available;
    Show show = Show::None;
    QString status;
    int priority = 0;   // -128..127 (RFC 6121 §4.7.2.3); out of range input is clamped

    static std::optional<Presence> fromElement(const QDomElement &element);
    void write(QXmlStreamWriter &out) const;
    QByteArray toXml() const;

    static QString typeName(Type type);    // Available = "" (no attribute)
    static std::optional<Type> typeFromName(QStringView name);
    static QString showName(Show show);    // None = ""
    static std::optional<Show> showFromName(QStringView name);
};
