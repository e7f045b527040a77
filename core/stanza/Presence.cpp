// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/Presence.h"

#include "xml/XmlWriter.h"

#include <QXmlStreamWriter>

#include <array>

using namespace Qt::StringLiterals;

namespace {

// RFC 6121 §4.7.1, in the enum's order; available presence has no type attribute.
constexpr std::array<QStringView, 8> typeNames{u"",           u"unavailable", u"subscribe",
                                               u"subscribed", u"unsubscribe", u"unsubscribed",
                                               u"probe",      u"error"};
// RFC 6121 §4.7.2.1, in the enum's order; None means no <show/>.
constexpr std::array<QStringView, 5> showNames{u"", u"chat", u"away", u"xa", u"dnd"};

constexpr int minPriority = -128;
constexpr int maxPriority = 127;

// RFC 6121 §4.7.2.3: an xs:byte. A number outside the range is clamped rather than dropped (it still says
// "high" or "low"); anything that is not an integer at all counts as absent, i.e. 0.
int parsePriority(const QString &text)
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    const qlonglong value = trimmed.toLongLong(&ok);
    if (ok)
        return int(qBound(qlonglong(minPriority), value, qlonglong(maxPriority)));

    // Too long even for 64 bits: still clamp by sign if it is a well-formed integer.
    const QStringView digits = trimmed.startsWith(u'-') || trimmed.startsWith(u'+') ? QStringView(trimmed).mid(1)
                                                                                    : QStringView(trimmed);
    if (digits.isEmpty())
        return 0;
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return 0;
    }
    return trimmed.startsWith(u'-') ? minPriority : maxPriority;
}

} // namespace

std::optional<Presence> Presence::fromElement(const QDomElement &element)
{
    if (!isClientElement(element, u"presence"))
        return std::nullopt;

    Presence presence;
    // RFC 6121 §4.7.1 defines the only type values; a presence of any other type has no meaning to act on.
    const auto type = typeFromName(element.attribute(u"type"_s));
    if (!type)
        return std::nullopt;
    presence.type = *type;
    if (!presence.readCommon(element, {u"show"_s, u"status"_s, u"priority"_s}))
        return std::nullopt;

    // RFC 6121 §4.7.2.1: an unknown <show/> value is ignored (plain "available").
    presence.show = showFromName(presence.readLocalizedChild(element, u"show"_s).text().trimmed()).value_or(Show::None);
    presence.status = presence.readLocalizedChild(element, u"status"_s).text();
    presence.priority = parsePriority(presence.readLocalizedChild(element, u"priority"_s).text());
    return presence;
}

void Presence::write(QXmlStreamWriter &out) const
{
    out.writeStartElement(u"presence"_s);
    writeCommonAttributes(out);
    if (type != Type::Available)
        out.writeAttribute(u"type"_s, typeName(type));
    if (show != Show::None)
        out.writeTextElement(u"show"_s, showName(show));
    if (!status.isEmpty())
        out.writeTextElement(u"status"_s, XmlWriter::xmlSafe(status));
    // RFC 6121 §4.7.2.3: no <priority/> means 0.
    const int clamped = qBound(minPriority, priority, maxPriority);
    if (clamped != 0)
        out.writeTextElement(u"priority"_s, QString::number(clamped));
    writeErrorAndExtensions(out);
    out.writeEndElement();
}

QByteArray Presence::toXml() const
{
    return XmlWriter::toBytes([this](QXmlStreamWriter &out) { write(out); });
}

QString Presence::typeName(Type type)
{
    return typeNames[static_cast<std::size_t>(type)].toString();
}

std::optional<Presence::Type> Presence::typeFromName(QStringView name)
{
    for (std::size_t i = 0; i < typeNames.size(); ++i) {
        if (typeNames[i] == name)
            return static_cast<Type>(i);
    }
    return std::nullopt;
}

QString Presence::showName(Show show)
{
    return showNames[static_cast<std::size_t>(show)].toString();
}

std::optional<Presence::Show> Presence::showFromName(QStringView name)
{
    for (std::size_t i = 0; i < showNames.size(); ++i) {
        if (showNames[i] == name)
            return static_cast<Show>(i);
    }
    return std::nullopt;
}
