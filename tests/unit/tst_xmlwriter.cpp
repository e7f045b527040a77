// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// XmlWriter: DOM subtrees written back with their namespaces, compared semantically after a round trip.
#include "xml/Namespaces.h"
#include "xml/StreamParser.h"
#include "stanza/Message.h"
#include "xml/XmlWriter.h"

#include <QTest>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace {

/// A semantic rendering of an element: expanded names, attributes sorted, adjacent text (and CDATA) joined,
/// prefixes and namespace declarations ignored.
QString canonical(const QDomElement &element)
{
    QStringList attributes;
    const QDomNamedNodeMap map = element.attributes();
    for (int i = 0; i < map.count(); ++i) {
        const QDomAttr attribute = map.item(i).toAttr();
        const QString name = attribute.localName().isEmpty() ? attribute.name() : attribute.localName();
        if (name == u"xmlns" || attribute.prefix() == u"xmlns")
            continue;
        attributes.append(u'{' + attribute.namespaceURI() + u'}' + name + u"=\"" + attribute.value() + u'"');
    }
    attributes.sort();
    QStringList children;
    QString text;
    for (QDomNode child = element.firstChild(); !child.isNull(); child = child.nextSibling()) {
        if (child.isText() || child.isCDATASection()) {
            text += child.nodeValue();
            continue;
        }
        if (!text.isEmpty())
            children.append(u"text:" + text);
        text.clear();
        if (child.isElement())
            children.append(canonical(child.toElement()));
    }
    if (!text.isEmpty())
        children.append(u"text:" + text);
    const QString name = element.localName().isEmpty() ? element.tagName() : element.localName();
    return u'{' + element.namespaceURI() + u'}' + name + u'[' + attributes.join(u' ') + u"](" + children.join(u", ")
         + u')';
}

QByteArray write(const QDomElement &element)
{
    return XmlWriter::toBytes([&element](QXmlStreamWriter &out) { XmlWriter::writeElement(out, element); });
}

} // namespace

class tst_XmlWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void noRedundantDeclarations();
    void xmlLangIsWrittenAsXmlLang();
    void escaping();
    void levelOneDomInheritsNamespace();
    void declarationAttributesAreNotDuplicated();
    void insideAnOpenStanza();
    void elementFromStreamParser();
    void toBytesHasNoDeclaration();
    void parseElementRejectsBadXml();
    void forbiddenCharactersAreDropped();
};

void tst_XmlWriter::roundTrip_data()
{
    QTest::addColumn<QString>("xml");

    QTest::newRow("stanza") << u"<message xmlns='jabber:client' to='小明@例子.中国/电脑' type='chat' id='a1'>"
                               "<body>你好！</body></message>"_s;
    QTest::newRow("nested namespaces") << u"<iq xmlns='jabber:client' type='result' id='r1'>"
                                          "<query xmlns='jabber:iq:roster' ver='7'>"
                                          "<item jid='ai@example.org' name='小爱'><group>同学</group></item>"
                                          "</query></iq>"_s;
    QTest::newRow("back to the parent namespace")
        << u"<message xmlns='jabber:client'><sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
           "<message xmlns='jabber:client' from='a@b/c'><body>转发</body></message></forwarded></sent></message>"_s;
    QTest::newRow("no-namespace child") << u"<x xmlns='urn:x'><y xmlns=''><z/></y><w/></x>"_s;
    QTest::newRow("no namespace at all") << u"<x a='1'><y>text</y></x>"_s;
    QTest::newRow("prefixed source") << u"<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                                        "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"_s;
    QTest::newRow("xml:lang") << u"<message xmlns='jabber:client' xml:lang='zh'><body xml:lang='en'>hi</body>"
                                 "<body>你好</body></message>"_s;
    QTest::newRow("namespaced attribute")
        << u"<x xmlns='jabber:x:data' xmlns:f='urn:f' f:type='form' type='submit'/>"_s;
    QTest::newRow("mixed content") << u"<body xmlns='urn:x'>一<b>二</b>三 &lt;&amp;&gt; <i/>四</body>"_s;
    QTest::newRow("CDATA") << u"<body xmlns='urn:x'><![CDATA[<not a tag> & ]]>尾</body>"_s;
    QTest::newRow("emoji and astral") << u"<body xmlns='urn:x' alt='😀𠀀'>😀𠀀</body>"_s;
    // Found by tests/fuzz/fuzz_message: namespace names are remote text too, and QXmlStreamWriter writes the
    // declarations it makes without escaping them, so a quote in one broke out of the attribute.
    QTest::newRow("markup in a namespace")
        << u"<message xmlns='jabber:client'><x xmlns='urn:a\"/&gt;&lt;body&gt;injected&lt;/body&gt;&lt;x xmlns=\"'>"
           "<y/></x><body>real</body></message>"_s;
    QTest::newRow("markup in an attribute's namespace")
        << u"<x xmlns='urn:x' xmlns:p='urn:p\"&amp;&lt;' p:a='1' xml:lang='zh'/>"_s;
    QTest::newRow("white space in a namespace") << u"<x xmlns='urn:a&#9;b&#10;c&#13;d'/>"_s;
}

void tst_XmlWriter::roundTrip()
{
    QFETCH(QString, xml);
    const QDomElement original = XmlWriter::parseElement(xml);
    QVERIFY(!original.isNull());
    const QByteArray bytes = write(original);
    const QDomElement reparsed = XmlWriter::parseElement(QString::fromUtf8(bytes));
    QVERIFY2(!reparsed.isNull(), bytes.constData());
    QCOMPARE(canonical(reparsed), canonical(original));
}

void tst_XmlWriter::noRedundantDeclarations()
{
    const QByteArray bytes = write(XmlWriter::parseElement(
        u"<iq xmlns='jabber:client'><query xmlns='jabber:iq:roster'><item jid='a@b'><group>G</group></item>"
        "<item jid='c@d'/><x xmlns='jabber:client'/></query></iq>"_s));
    QCOMPARE(bytes.count("xmlns=\"jabber:iq:roster\""), 1);
    QCOMPARE(bytes.count("xmlns=\"jabber:client\""), 2);   // the top, and where it comes back
    QVERIFY(!bytes.contains("n1:"));                        // no invented prefixes
    QVERIFY(!bytes.contains("xmlns:"));
}

void tst_XmlWriter::xmlLangIsWrittenAsXmlLang()
{
    const QByteArray bytes = write(XmlWriter::parseElement(u"<message xmlns='jabber:client' xml:lang='zh-Hans'/>"_s));
    QVERIFY2(bytes.contains("xml:lang=\"zh-Hans\""), bytes.constData());
    QVERIFY(!bytes.contains("xmlns:xml"));
    QCOMPARE(XmlWriter::parseElement(QString::fromUtf8(bytes)).attributeNS(ns::Xml, u"lang"_s), u"zh-Hans"_s);
}

void tst_XmlWriter::escaping()
{
    QDomDocument document;
    QDomElement body = document.createElementNS(ns::Client, u"body"_s);
    body.setAttribute(u"title"_s, u"\"引号\" & 'apostrophe' <tag>"_s);
    body.appendChild(document.createTextNode(u"</body><script>alert(1)</script> & ]]> 中文"_s));
    const QByteArray bytes = write(body);
    QVERIFY(!bytes.contains("<script>"));
    const QDomElement reparsed = XmlWriter::parseElement(QString::fromUtf8(bytes));
    QCOMPARE(reparsed.text(), u"</body><script>alert(1)</script> & ]]> 中文"_s);
    QCOMPARE(reparsed.attribute(u"title"_s), u"\"引号\" & 'apostrophe' <tag>"_s);
}

void tst_XmlWriter::levelOneDomInheritsNamespace()
{
    // createElement() nodes have no namespace of their own: they are written in their parent's.
    QDomDocument document;
    QDomElement query = document.createElementNS(u"jabber:iq:roster"_s, u"query"_s);
    QDomElement item = document.createElement(u"item"_s);
    item.setAttribute(u"jid"_s, u"ai@example.org"_s);
    query.appendChild(item);
    const QByteArray bytes = write(query);
    QCOMPARE(bytes, "<query xmlns=\"jabber:iq:roster\"><item jid=\"ai@example.org\"/></query>"_ba);
    const QDomElement reparsed = XmlWriter::parseElement(QString::fromUtf8(bytes));
    QCOMPARE(reparsed.firstChildElement().namespaceURI(), u"jabber:iq:roster"_s);
}

void tst_XmlWriter::declarationAttributesAreNotDuplicated()
{
    // A namespace-aware element that also carries a literal xmlns attribute must not get two of them.
    QDomDocument document;
    QDomElement ping = document.createElementNS(ns::Ping, u"ping"_s);
    ping.setAttribute(u"xmlns"_s, ns::Ping);
    const QByteArray bytes = write(ping);
    QCOMPARE(bytes, "<ping xmlns=\"urn:xmpp:ping\"/>"_ba);
}

void tst_XmlWriter::insideAnOpenStanza()
{
    // How Stanza writes its extensions: inside an element opened without a namespace-aware call.
    const QDomElement delay = XmlWriter::parseElement(
        u"<delay xmlns='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z'/>"_s);
    const QByteArray bytes = XmlWriter::toBytes([&delay](QXmlStreamWriter &out) {
        out.writeStartElement(u"message"_s);
        out.writeDefaultNamespace(ns::Client);
        out.writeTextElement(u"body"_s, u"你好"_s);
        XmlWriter::writeElement(out, delay);
        out.writeEndElement();
    });
    const QDomElement message = XmlWriter::parseElement(QString::fromUtf8(bytes));
    const QString expected = u"<message xmlns='jabber:client'><body>你好</body>"
                             "<delay xmlns='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z'/></message>"_s;
    QCOMPARE(canonical(message), canonical(XmlWriter::parseElement(expected)));
}

void tst_XmlWriter::elementFromStreamParser()
{
    StreamParser parser;
    QList<QDomElement> elements;
    QObject context;
    connect(&parser, &StreamParser::elementReceived, &context,
            [&elements](const QDomElement &element) { elements.append(element); });
    parser.feed("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
                "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                "</stream:features><message xml:lang='zh'><body>你好</body></message>"_ba);
    QCOMPARE(elements.size(), 2);
    for (const QDomElement &element : std::as_const(elements)) {
        const QDomElement reparsed = XmlWriter::parseElement(QString::fromUtf8(write(element)));
        QCOMPARE(canonical(reparsed), canonical(element));
    }
    QCOMPARE(write(elements.at(1)), "<message xmlns=\"jabber:client\" xml:lang=\"zh\"><body>你好</body></message>"_ba);
}

void tst_XmlWriter::toBytesHasNoDeclaration()
{
    const QByteArray bytes = XmlWriter::toBytes([](QXmlStreamWriter &out) { out.writeEmptyElement(u"presence"_s); });
    QCOMPARE(bytes, "<presence/>"_ba);   // complete, although the writer had not closed the tag yet
    QCOMPARE(write(QDomElement()), QByteArray());
    // A stream header is left open on purpose.
    const QByteArray header = XmlWriter::toBytes([](QXmlStreamWriter &out) { out.writeStartElement(u"stream"_s); });
    QCOMPARE(header, "<stream>"_ba);
}

void tst_XmlWriter::parseElementRejectsBadXml()
{
    QVERIFY(XmlWriter::parseElement(u"<a><b></a>"_s).isNull());
    QVERIFY(XmlWriter::parseElement(QString()).isNull());
    QVERIFY(XmlWriter::parseElement(u"<p:a/>"_s).isNull());
    const QDomElement element = XmlWriter::parseElement(u"<a xmlns='urn:a'><b/></a>"_s);
    QCOMPARE(element.namespaceURI(), u"urn:a"_s);
    QCOMPARE(element.firstChildElement().namespaceURI(), u"urn:a"_s);
}

void tst_XmlWriter::forbiddenCharactersAreDropped()
{
    // A body with a pasted control character must still produce well-formed XML (XML 1.0 §2.2).
    const QString dirty = u"a\u0001b\u0008c\td\ne\uFFFEf"_s + QChar(0xD800) + u"g😀h"_s;
    QCOMPARE(XmlWriter::xmlSafe(dirty), u"abc\td\nefg😀h"_s);
    QCOMPARE(XmlWriter::xmlSafe(u"你好"_s), u"你好"_s);

    Message message;
    message.body = u"x\u0007y"_s;
    const QByteArray xml = message.toXml();
    QVERIFY(!xml.contains('\x07'));
    const auto parsed = Message::fromElement(XmlWriter::parseElement(QString::fromUtf8(xml)));
    QVERIFY(parsed);
    QCOMPARE(parsed->body, u"xy"_s);
}

QTEST_GUILESS_MAIN(tst_XmlWriter)
#include "tst_xmlwriter.moc"
