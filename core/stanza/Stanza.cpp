// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/Stanza.h"

#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace {

// RFC 6120 §8.1.1, §8.1.2: an address attribute, if present, must be a valid JID. An absent one leaves
// @p jid null (RFC 6120 §8.1.2.1: no 'from' means the user's own account on the server).
bool readAddress(const QDomElement &element, const QString &attribute, Jid &jid)
{
    if (!element.hasAttribute(attribute))
        return true;
    const auto parsed = Jid::parse(element.attribute(attribute));
    if (!parsed)
        return false;
    jid = *parsed;
    return true;
}

QString langOf(const QDomElement &element)
{
    // Namespace-aware DOM puts xml:lang in the XML namespace; a DOM built without namespace processing
    // keeps the qualified name instead.
    if (element.hasAttributeNS(ns::Xml, u"lang"_s))
        return element.attributeNS(ns::Xml, u"lang"_s);
    return element.attribute(u"xml:lang"_s);
}

} // namespace

QDomElement Stanza::extension(const QString &name, const QString &xmlns) const
{
    for (const QDomElement &child : extensions) {
        if (child.localName() == name && child.namespaceURI() == xmlns)
            return child;
    }
    return {};
}

bool Stanza::readCommon(const QDomElement &element, const QStringList &knownChildren)
{
    if (!readAddress(element, u"from"_s, from) || !readAddress(element, u"to"_s, to))
        return false;
    id = element.attribute(u"id"_s);
    lang = langOf(element);

    for (QDomElement child = element.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.namespaceURI() == ns::Client) {
            if (knownChildren.contains(child.localName()))
                continue;
            // RFC 6120 §8.3.2: one <error/> child; a second one is not ours to interpret, so it is kept.
            if (child.localName() == u"error" && !error) {
                error = StanzaError::fromElement(child);
                continue;
            }
        }
        extensions.append(child);
    }
    return true;
}

QDomElement Stanza::readLocalizedChild(const QDomElement &element, const QString &name)
{
    QList<QDomElement> candidates;
    // By local name and namespace, not by tag name: a prefixed <c:body xmlns:c='jabber:client'/> is a body too.
    for (QDomElement child = element.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (isClientElement(child, name))
            candidates.append(child);
    }
    if (candidates.isEmpty())
        return {};

    qsizetype chosen = 0;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const QString childLang = langOf(candidates.at(i));
        if (childLang.isEmpty() || childLang == lang) {
            chosen = i;
            break;
        }
    }
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (i != chosen)
            extensions.append(candidates.at(i));
    }
    return candidates.at(chosen);
}

bool Stanza::isClientElement(const QDomElement &element, QStringView localName)
{
    return !element.isNull() && element.namespaceURI() == ns::Client && element.localName() == localName;
}

void Stanza::writeCommonAttributes(QXmlStreamWriter &out) const
{
    // The stanza declares its own default namespace (RFC 6120 §4.8.3: jabber:client), so it is complete on
    // its own, whatever the writer wrote before it.
    out.writeDefaultNamespace(ns::Client);
    if (!from.isNull())
        out.writeAttribute(u"from"_s, from.toString());
    if (!to.isNull())
        out.writeAttribute(u"to"_s, to.toString());
    if (!id.isEmpty())
        out.writeAttribute(u"id"_s, id);
    if (!lang.isEmpty())
        out.writeAttribute(u"xml:lang"_s, lang);
}

void Stanza::writeErrorAndExtensions(QXmlStreamWriter &out) const
{
    if (error)
        error->write(out);
    for (const QDomElement &child : extensions)
        XmlWriter::writeElement(out, child);
}
