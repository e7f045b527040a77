// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Stanza.h"

#include <QByteArray>

/// A <message/> stanza (RFC 6121 §5). Payloads of later XEPs stay in extensions().
class Message : public Stanza
{
public:
    enum class Type { Normal, Chat, Groupchat, Headline, Error };

    Type type = Type::Normal;
    QString body;
    QString subject;
    QString thread;
    QString threadParent;   // the parent attribute of <thread/> (RFC 6121 §5.2.5)

    static std::optional<Message> fromElement(const QDomElement &element);
    void write(QXmlStreamWriter &out) const;
    QByteArray toXml() const;

    static QString typeName(Type type);
    static std::optional<Type> typeFromName(QStringView name);   // missing attribute = Normal
};
