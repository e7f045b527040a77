// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Semantic XML comparison for tests: element names and namespaces, attribute sets (without namespace
// declarations), child elements in order, and text. Header-only; any test may include it.

#include "xml/XmlWriter.h"

#include <QDomDocument>
#include <QMap>
#include <QStringList>
#include <QTest>

namespace XmlTestUtils {
using namespace Qt::StringLiterals;

inline QDomElement parse(const QString &xml)
{
    const QDomElement element = XmlWriter::parseElement(xml);
    if (element.isNull())
        qFatal("test XML does not parse: %s", qPrintable(xml));
    return element;
}

inline QDomElement parse(const QByteArray &xml)
{
    return parse(QString::fromUtf8(xml));
}

inline QString qualifiedName(const QDomNode &node)
{
    return u'{' + node.namespaceURI() + u'}' + node.localName();
}

// Attributes by {namespace}name, without namespace declarations: those are syntax, not content.
inline QMap<QString, QString> attributeSet(const QDomElement &element)
{
    QMap<QString, QString> result;
    const QDomNamedNodeMap attributes = element.attributes();
    for (int i = 0; i < attributes.count(); ++i) {
        const QDomAttr attribute = attributes.item(i).toAttr();
        if (attribute.name() == u"xmlns" || attribute.name().startsWith(u"xmlns:")
            || attribute.namespaceURI() == u"http://www.w3.org/2000/xmlns/")
            continue;
        result.insert(qualifiedName(attribute), attribute.value());
    }
    return result;
}

inline QString directText(const QDomElement &element)
{
    QString text;
    for (QDomNode node = element.firstChild(); !node.isNull(); node = node.nextSibling()) {
        if (node.isText() || node.isCDATASection())
            text += node.nodeValue();
    }
    return text;
}

// Semantic XML comparison: element names and namespaces, attribute sets, child elements in order and text.
// Whitespace between child elements is formatting; the text of a leaf element is compared exactly.
// Returns an empty string when equal, otherwise where the two first differ.
inline QString xmlDifference(const QDomElement &expected, const QDomElement &actual, const QString &path = {})
{
    const QString here = path + u'/' + qualifiedName(expected);
    if (qualifiedName(expected) != qualifiedName(actual))
        return here + u": found "_s + qualifiedName(actual);

    const auto expectedAttributes = attributeSet(expected);
    const auto actualAttributes = attributeSet(actual);
    if (expectedAttributes != actualAttributes) {
        QStringList found;
        for (auto it = actualAttributes.cbegin(); it != actualAttributes.cend(); ++it)
            found.append(it.key() + u"='"_s + it.value() + u'\'');
        return here + u": attributes differ, found "_s + found.join(u' ');
    }

    const bool leaf = expected.firstChildElement().isNull() && actual.firstChildElement().isNull();
    const QString expectedText = leaf ? directText(expected) : directText(expected).trimmed();
    const QString actualText = leaf ? directText(actual) : directText(actual).trimmed();
    if (expectedText != actualText)
        return here + u": text '"_s + actualText + u"', expected '"_s + expectedText + u'\'';

    QDomElement e = expected.firstChildElement();
    QDomElement a = actual.firstChildElement();
    for (; !e.isNull() && !a.isNull(); e = e.nextSiblingElement(), a = a.nextSiblingElement()) {
        const QString difference = xmlDifference(e, a, here);
        if (!difference.isEmpty())
            return difference;
    }
    if (!e.isNull())
        return here + u": missing child "_s + qualifiedName(e);
    if (!a.isNull())
        return here + u": unexpected child "_s + qualifiedName(a);
    return {};
}

inline QString toString(const QDomElement &element)
{
    return QString::fromUtf8(
        XmlWriter::toBytes([&element](QXmlStreamWriter &out) { XmlWriter::writeElement(out, element); }));
}

} // namespace XmlTestUtils

#define COMPARE_XML(actualBytes, expectedXml) \
    do { \
        const QByteArray actual_ = (actualBytes); \
        const QString difference_ = XmlTestUtils::xmlDifference(XmlTestUtils::parse(QString(expectedXml)), \
                                                                XmlTestUtils::parse(actual_)); \
        QVERIFY2(difference_.isEmpty(), qPrintable(difference_ + u"\n  in: "_s + QString::fromUtf8(actual_))); \
    } while (false)
