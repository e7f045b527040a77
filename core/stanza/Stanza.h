// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"
#include "stanza/StanzaError.h"

#include <QDomElement>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QXmlStreamWriter;

/// What every stanza has (RFC 6120 §8.1): addresses, id, xml:lang, an optional error, and the child
/// elements this layer does not interpret (extension payloads, kept as DOM so managers can read them).
class Stanza
{
public:
    Jid from;
    Jid to;
    QString id;
    QString lang;
    std::optional<StanzaError> error;
    QList<QDomElement> extensions;   // children this layer does not interpret (other namespaces), in order

    /// The first extension child named @p name in namespace @p xmlns, or a null element.
    QDomElement extension(const QString &name, const QString &xmlns) const;
    bool hasExtension(const QString &name, const QString &xmlns) const { return !extension(name, xmlns).isNull(); }

protected:
    /// Reads from/to/id/xml:lang/<error/>; collects unknown children into extensions. False if an address
    /// attribute is present but not a valid JID.
    bool readCommon(const QDomElement &element, const QStringList &knownChildren);
    /// The {jabber:client}@p name child of @p element to read into a field: the first whose xml:lang is absent
    /// or this stanza's lang, else the first. The others (RFC 6121 §5.2.3: the same text in other languages)
    /// are appended to extensions, so writing the stanza back loses nothing. Call after readCommon().
    QDomElement readLocalizedChild(const QDomElement &element, const QString &name);
    static bool isClientElement(const QDomElement &element, QStringView localName);
    void writeCommonAttributes(QXmlStreamWriter &out) const;
    void writeErrorAndExtensions(QXmlStreamWriter &out) const;
};
