// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/StanzaError.h"

#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QXmlStreamWriter>

#include <array>

using namespace Qt::StringLiterals;

namespace {

struct ConditionInfo
{
    StanzaError::Condition condition;
    QStringView name;
    StanzaError::Type defaultType;
};

using C = StanzaError::Condition;
using T = StanzaError::Type;

// RFC 6120 §8.3.3, in the enum's (the RFC's) order. The default types are those the RFC's sections and
// examples give; for undefined-condition "any error type can be used" (§8.3.3.21), so it takes cancel,
// the same as a default-constructed StanzaError.
constexpr std::array<ConditionInfo, 22> conditions{{
    {C::BadRequest, u"bad-request", T::Modify},
    {C::Conflict, u"conflict", T::Cancel},
    {C::FeatureNotImplemented, u"feature-not-implemented", T::Cancel},
    {C::Forbidden, u"forbidden", T::Auth},
    {C::Gone, u"gone", T::Cancel},
    {C::InternalServerError, u"internal-server-error", T::Cancel},
    {C::ItemNotFound, u"item-not-found", T::Cancel},
    {C::JidMalformed, u"jid-malformed", T::Modify},
    {C::NotAcceptable, u"not-acceptable", T::Modify},
    {C::NotAllowed, u"not-allowed", T::Cancel},
    {C::NotAuthorized, u"not-authorized", T::Auth},
    {C::PolicyViolation, u"policy-violation", T::Modify},
    {C::RecipientUnavailable, u"recipient-unavailable", T::Wait},
    {C::Redirect, u"redirect", T::Modify},
    {C::RegistrationRequired, u"registration-required", T::Auth},
    {C::RemoteServerNotFound, u"remote-server-not-found", T::Cancel},
    {C::RemoteServerTimeout, u"remote-server-timeout", T::Wait},
    {C::ResourceConstraint, u"resource-constraint", T::Wait},
    {C::ServiceUnavailable, u"service-unavailable", T::Cancel},
    {C::SubscriptionRequired, u"subscription-required", T::Auth},
    {C::UndefinedCondition, u"undefined-condition", T::Cancel},
    {C::UnexpectedRequest, u"unexpected-request", T::Wait},
}};

constexpr bool tableFollowsEnum()
{
    for (std::size_t i = 0; i < conditions.size(); ++i) {
        if (static_cast<std::size_t>(conditions[i].condition) != i)
            return false;
    }
    return true;
}
static_assert(tableFollowsEnum(), "the condition table must follow the order of StanzaError::Condition");

// RFC 6120 §8.3.2, in the enum's order.
constexpr std::array<QStringView, 5> typeNames{u"auth", u"cancel", u"continue", u"modify", u"wait"};

const ConditionInfo &info(StanzaError::Condition condition)
{
    return conditions[static_cast<std::size_t>(condition)];
}

// <gone/> and <redirect/> are the only conditions that carry character data: the new address (§8.3.3.5,
// §8.3.3.14).
bool carriesUri(StanzaError::Condition condition)
{
    return condition == C::Gone || condition == C::Redirect;
}

} // namespace

std::optional<StanzaError> StanzaError::fromElement(const QDomElement &error)
{
    if (error.isNull() || error.localName() != u"error" || error.namespaceURI() != ns::Client)
        return std::nullopt;

    StanzaError result;
    bool haveCondition = false;
    bool haveText = false;
    // §8.3.2: a defined condition, optional descriptive text, optionally an application-specific condition
    // in another namespace. The first condition and the first text count; anything else is skipped.
    for (QDomElement child = error.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.namespaceURI() != ns::Stanzas)
            continue;
        if (child.localName() == u"text") {
            if (!haveText) {
                result.text = child.text();
                haveText = true;
            }
            continue;
        }
        if (haveCondition)
            continue;
        haveCondition = true;
        // §8.3.2: an unknown condition is treated as undefined-condition.
        result.condition = conditionFromName(child.localName()).value_or(Condition::UndefinedCondition);
        if (carriesUri(result.condition))
            result.redirectUri = child.text().trimmed();
    }

    const auto type = typeFromName(error.attribute(u"type"_s));
    result.type = type.value_or(info(result.condition).defaultType);
    result.by = error.attribute(u"by"_s);
    return result;
}

void StanzaError::write(QXmlStreamWriter &out) const
{
    // <error/> belongs to the stanza's namespace (§8.3.2): inside a stanza that declared jabber:client as
    // its default namespace this comes out unprefixed.
    out.writeStartElement(ns::Client, u"error"_s);
    out.writeAttribute(u"type"_s, typeName(type));
    if (!by.isEmpty())
        out.writeAttribute(u"by"_s, by);

    out.writeStartElement(conditionName(condition));
    out.writeDefaultNamespace(ns::Stanzas);
    if (carriesUri(condition) && !redirectUri.isEmpty())
        out.writeCharacters(redirectUri);
    out.writeEndElement();

    if (!text.isEmpty()) {
        out.writeStartElement(u"text"_s);
        out.writeDefaultNamespace(ns::Stanzas);
        out.writeCharacters(XmlWriter::xmlSafe(text));
        out.writeEndElement();
    }
    out.writeEndElement();
}

QString StanzaError::conditionName(Condition condition)
{
    return info(condition).name.toString();
}

std::optional<StanzaError::Condition> StanzaError::conditionFromName(QStringView name)
{
    for (const ConditionInfo &entry : conditions) {
        if (entry.name == name)
            return entry.condition;
    }
    return std::nullopt;
}

QString StanzaError::typeName(Type type)
{
    return typeNames[static_cast<std::size_t>(type)].toString();
}

std::optional<StanzaError::Type> StanzaError::typeFromName(QStringView name)
{
    for (std::size_t i = 0; i < typeNames.size(); ++i) {
        if (typeNames[i] == name)
            return static_cast<Type>(i);
    }
    return std::nullopt;
}
