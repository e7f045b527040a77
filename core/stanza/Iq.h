// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Stanza.h"

#include <QByteArray>

#include <functional>

/// An <iq/> stanza (RFC 6120 §8.2.3): a request (get/set) with exactly one payload child, or its answer.
class Iq : public Stanza
{
public:
    enum class Type { Get, Set, Result, Error };

    Type type = Type::Get;
    QDomElement payload;   // the one child element of a get/set (or of a result, if any); null if none
    /// For an iq we send: writes the payload straight into the stanza, so that a request or answer built by
    /// a manager is written once, not written to a DOM, parsed and written again. Set either this or
    /// payload (this wins). Received iqs never have one.
    std::function<void(QXmlStreamWriter &)> payloadWriter;

    /// Fails (nullopt) on a missing/unknown type or a missing id (RFC 6120 §8.2.3).
    static std::optional<Iq> fromElement(const QDomElement &element);
    void write(QXmlStreamWriter &out) const;
    QByteArray toXml() const;

    bool isRequest() const { return type == Type::Get || type == Type::Set; }
    /// The result answering this request: to = from, same id, type result, no payload.
    Iq makeResult() const;
    /// The error answering this request (RFC 6120 §8.3.1: the request's payload is not echoed).
    Iq makeError(StanzaError::Type type, StanzaError::Condition condition, const QString &text = {}) const;
    /// A payload element in namespace @p xmlns named @p name, for building requests. It is detached (it
    /// outlives the document that made it, so ownerDocument() is null): create its children with a
    /// QDomDocument you keep until they are appended.
    static QDomElement makePayload(const QString &name, const QString &xmlns);

    static QString typeName(Type type);
    static std::optional<Type> typeFromName(QStringView name);
};
