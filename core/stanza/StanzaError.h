// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <optional>

class QDomElement;
class QXmlStreamWriter;

/// A stanza <error/> (RFC 6120 §8.3): type, one defined condition, optional text, by and redirect URI.
struct StanzaError
{
    enum class Type { Auth, Cancel, Continue, Modify, Wait };
    /// RFC 6120 §8.3.3, in the RFC's order.
    enum class Condition {
        BadRequest,
        Conflict,
        FeatureNotImplemented,
        Forbidden,
        Gone,
        InternalServerError,
        ItemNotFound,
        JidMalformed,
        NotAcceptable,
        NotAllowed,
        NotAuthorized,
        PolicyViolation,
        RecipientUnavailable,
        Redirect,
        RegistrationRequired,
        RemoteServerNotFound,
        RemoteServerTimeout,
        ResourceConstraint,
        ServiceUnavailable,
        SubscriptionRequired,
        UndefinedCondition,
        UnexpectedRequest
    };

    Type type = Type::Cancel;
    Condition condition = Condition::UndefinedCondition;
    QString text;          // optional human-readable text (remote: plain text only)
    QString by;            // optional 'by' attribute
    QString redirectUri;   // the XML character data of <gone/> or <redirect/>

    /// Parses an <error/> element; unknown conditions become UndefinedCondition, a missing type is derived
    /// from the condition's default (RFC 6120 §8.3.3).
    static std::optional<StanzaError> fromElement(const QDomElement &error);
    void write(QXmlStreamWriter &out) const;

    static QString conditionName(Condition condition);   // "item-not-found"
    static std::optional<Condition> conditionFromName(QStringView name);
    static QString typeName(Type type);                  // "cancel"
    static std::optional<Type> typeFromName(QStringView name);

    friend bool operator==(const StanzaError &, const StanzaError &) = default;
};
