// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "xml/XmlWriter.h"

#include <QDomDocument>
#include <QXmlStreamWriter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// DOM nodes come in two kinds: namespace-aware ones (createElementNS(), QDomDocument::setContent() with
// namespace processing, StreamParser) have a localName(); DOM level 1 ones (createElement()) have none and
// no namespace of their own, so they are written in their parent's namespace, as QDomDocument would write
// them. For those a literal xmlns attribute, if any, is the namespace.
bool isNamespaceAware(const QDomNode &node)
{
    return !node.localName().isEmpty();
}

QString effectiveNamespace(const QDomElement &element, const QString &parentNamespace)
{
    if (isNamespaceAware(element))
        return element.namespaceURI();
    return element.hasAttribute(u"xmlns"_s) ? element.attribute(u"xmlns"_s) : parentNamespace;
}

/// Whether QXmlStreamWriter would write @p uri wrongly in a namespace declaration: it escapes attribute values
/// but writes the declarations it makes as they are, so a quote in a remote namespace name would end the
/// attribute and the rest become markup of ours (tests/fuzz/fuzz_message found it), and white space would
/// come back as spaces (XML 1.0 §3.3.3).
bool needsEscaping(QStringView uri)
{
    return std::any_of(uri.begin(), uri.end(), [](QChar c) {
        return c == u'"' || c == u'&' || c == u'<' || c == u'>' || c == u'\'' || c == u'\t' || c == u'\n' || c == u'\r';
    });
}

bool isNamespaceDeclaration(const QDomAttr &attribute)
{
    const QString name = attribute.name();
    return name == u"xmlns" || name.startsWith(u"xmlns:")
        || attribute.namespaceURI() == u"http://www.w3.org/2000/xmlns/";
}

void writeAttributes(QXmlStreamWriter &out, const QDomElement &element)
{
    const bool elementAware = isNamespaceAware(element);
    int ownPrefixes = 0;
    const QDomNamedNodeMap attributes = element.attributes();
    for (int i = 0; i < attributes.count(); ++i) {
        const QDomAttr attribute = attributes.item(i).toAttr();
        if (isNamespaceDeclaration(attribute)) {
            // A level 1 element gets its namespace from a literal xmlns. For the others the writer declares
            // what is needed, and a second xmlns would make the output ill-formed.
            if (!elementAware)
                out.writeAttribute(attribute.name(), attribute.value());
            continue;
        }
        const QString uri = attribute.namespaceURI();
        if (!isNamespaceAware(attribute) || uri.isEmpty()) {
            out.writeAttribute(isNamespaceAware(attribute) ? attribute.localName() : attribute.name(),
                               attribute.value());
        } else if (needsEscaping(uri)) {
            // Declared by hand, so that the namespace name is escaped as the attribute value it is.
            const QString prefix = u"xin"_s + QString::number(ownPrefixes++);
            out.writeAttribute(u"xmlns:"_s + prefix, uri);
            out.writeAttribute(prefix + u':' + attribute.localName(), attribute.value());
        } else {
            // The writer binds http://www.w3.org/XML/1998/namespace to xml (xml:lang, RFC 6120 §4.7.4) and
            // invents a prefix for any other namespace.
            out.writeAttribute(uri, attribute.localName(), attribute.value());
        }
    }
}

void writeTree(QXmlStreamWriter &out, const QDomElement &element, const QString &parentNamespace, bool topLevel)
{
    const QString xmlns = effectiveNamespace(element, parentNamespace);
    out.writeStartElement(isNamespaceAware(element) ? element.localName() : element.tagName());
    // Default namespaces only, no prefixes: the namespace is declared where it changes. At the top the
    // context is unknown, so the element's namespace is declared even if the context has it already (a stanza
    // then carries xmlns='jabber:client', which RFC 6120 §4.8.3 allows); an element in no namespace takes
    // the context's.
    if (isNamespaceAware(element) && (topLevel ? !xmlns.isEmpty() : xmlns != parentNamespace)) {
        if (needsEscaping(xmlns))
            out.writeAttribute(u"xmlns"_s, xmlns);   // escaped, unlike writeDefaultNamespace()
        else
            out.writeDefaultNamespace(xmlns);
    }
    writeAttributes(out, element);

    for (QDomNode child = element.firstChild(); !child.isNull(); child = child.nextSibling()) {
        if (child.isElement())
            writeTree(out, child.toElement(), xmlns, false);
        else if (child.isText() || child.isCDATASection())   // CDATA is text like any other once parsed
            out.writeCharacters(XmlWriter::xmlSafe(child.nodeValue()));
        // Comments, processing instructions and entity references are never sent (RFC 6120 §11.1).
    }
    out.writeEndElement();
}

}   // namespace

namespace XmlWriter {

void writeElement(QXmlStreamWriter &out, const QDomElement &element)
{
    if (!element.isNull())
        writeTree(out, element, QString(), true);
}

QByteArray toBytes(const std::function<void(QXmlStreamWriter &)> &write)
{
    QByteArray bytes;
    QXmlStreamWriter out(&bytes);   // UTF-8, as RFC 6120 §11.6 requires
    write(out);
    // QXmlStreamWriter holds back the end of a start tag until the next token: writeEmptyElement() as the last
    // call would leave "<presence". Empty text completes it and changes nothing else.
    out.writeCharacters(QString());
    return bytes;
}

QDomElement parseElement(const QString &xml)
{
    QDomDocument document;
    if (!document.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing))
        return {};
    // The element stays valid after the document handle goes away: Qt detaches it.
    return document.documentElement();
}

}   // namespace XmlWriter

QString XmlWriter::xmlSafe(const QString &text)
{
    auto allowed = [](char32_t c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
            || (c >= 0x10000 && c <= 0x10FFFF);
    };
    // Fast path: almost every text is clean.
    bool clean = true;
    for (qsizetype i = 0; i < text.size() && clean; ++i) {
        const QChar ch = text.at(i);
        if (ch.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        clean = !ch.isSurrogate() && allowed(ch.unicode());
    }
    if (clean)
        return text;
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            result.append(ch);
            result.append(text.at(++i));
        } else if (!ch.isSurrogate() && allowed(ch.unicode())) {
            result.append(ch);
        }
    }
    return result;
}
