// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// StreamParser: incremental parsing at every split, RFC 6120 §11.1 restricted XML, size and depth limits.
#include "xml/Namespaces.h"
#include "xml/StreamParser.h"
#include "xml/XmlWriter.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                          "xmlns:stream='http://etherx.jabber.org/streams' id='c2s-7Kq' from='例子.中国' "
                          "version='1.0' xml:lang='zh'>"_ba;

/// A semantic rendering of an element: expanded names, attributes sorted, adjacent text (and CDATA) joined,
/// prefixes and namespace declarations ignored. Two elements are the same XML when these are equal.
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
        else
            children.append(u"node:" + QString::number(child.nodeType()));
    }
    if (!text.isEmpty())
        children.append(u"text:" + text);
    const QString name = element.localName().isEmpty() ? element.tagName() : element.localName();
    return u'{' + element.namespaceURI() + u'}' + name + u'[' + attributes.join(u' ') + u"](" + children.join(u", ")
         + u')';
}

/// Everything a parser reported, in order, as comparable strings.
struct Recorder : QObject
{
    explicit Recorder(StreamParser *parser)
    {
        connect(parser, &StreamParser::streamOpened, this, [this](const StreamHeader &h) {
            header = h;
            events.append(u"open from=%1 id=%2 version=%3 lang=%4 xmlns=%5"_s.arg(h.from, h.id, h.version, h.lang,
                                                                                  h.defaultNamespace));
        });
        connect(parser, &StreamParser::elementReceived, this, [this](const QDomElement &element) {
            elements.append(element);
            events.append(canonical(element));
        });
        connect(parser, &StreamParser::streamClosed, this, [this] { events.append(u"close"_s); });
        connect(parser, &StreamParser::errorOccurred, this, [this](StreamParser::Error e, const QString &why) {
            QVERIFY(!why.isEmpty());
            errors.append(e);
            events.append(u"error %1"_s.arg(int(e)));
        });
    }
    StreamHeader header;
    QList<QDomElement> elements;
    QList<StreamParser::Error> errors;
    QStringList events;
};

/// Feeds @p data in pieces of @p step bytes (0: all at once) and returns what was reported.
QStringList parse(const QByteArray &data, qsizetype step = 0, const StreamParser::Limits &limits = {})
{
    StreamParser parser;
    parser.setLimits(limits);
    Recorder recorder(&parser);
    if (step <= 0)
        step = std::max<qsizetype>(data.size(), 1);
    for (qsizetype i = 0; i < data.size(); i += step)
        parser.feed(data.mid(i, step));
    return recorder.events;
}

/// The errors reported for @p data fed at once: one at most, whatever follows it.
QList<StreamParser::Error> errors(const QByteArray &data)
{
    StreamParser parser;
    Recorder recorder(&parser);
    parser.feed(data);
    return recorder.errors;
}

QByteArray realisticStream()
{
    return Header
         + "\n<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
           "<sm xmlns='urn:xmpp:sm:3'/></stream:features>"
           "<iq type='result' id='bind_1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
           "<jid>小明@例子.中国/电脑</jid></bind></iq>\r\n"
           "<message from='小红@例子.中国/手机' to='小明@例子.中国/电脑' type='chat' id='m1' xml:lang='zh'>"
           "<body>你好，世界！&lt;3 &amp; &#x1F600; &quot;引号&apos; 😀</body>"
           "<active xmlns='http://jabber.org/protocol/chatstates'/></message> "
           "<presence from='小红@例子.中国/手机'><show>chat</show><status>在线 — 有空聊天</status>"
           "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://xin.example' "
           "ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>"
           "<message type='groupchat'><body><![CDATA[<b>不是标签</b>]]> 后文</body>"
           "<x:data xmlns:x='jabber:x:data' x:type='form'/></message>"
           "<iq type='get' id='p1' from='例子.中国'><ping xmlns='urn:xmpp:ping'/></iq>"
           "</stream:stream>"_ba;
}

QStringList expectedRealisticEvents()
{
    const QStringList stanzas = {
        u"<features xmlns='http://etherx.jabber.org/streams'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
        "<sm xmlns='urn:xmpp:sm:3'/></features>"_s,
        u"<iq xmlns='jabber:client' type='result' id='bind_1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
        "<jid>小明@例子.中国/电脑</jid></bind></iq>"_s,
        u"<message xmlns='jabber:client' from='小红@例子.中国/手机' to='小明@例子.中国/电脑' type='chat' id='m1' "
        "xml:lang='zh'><body>你好，世界！&lt;3 &amp; 😀 \"引号' 😀</body>"
        "<active xmlns='http://jabber.org/protocol/chatstates'/></message>"_s,
        u"<presence xmlns='jabber:client' from='小红@例子.中国/手机'><show>chat</show><status>在线 — 有空聊天</status>"
        "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://xin.example' "
        "ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>"_s,
        u"<message xmlns='jabber:client' type='groupchat'><body>&lt;b>不是标签&lt;/b> 后文</body>"
        "<data xmlns='jabber:x:data' xmlns:y='jabber:x:data' y:type='form'/></message>"_s,
        u"<iq xmlns='jabber:client' type='get' id='p1' from='例子.中国'><ping xmlns='urn:xmpp:ping'/></iq>"_s,
    };
    QStringList events{u"open from=例子.中国 id=c2s-7Kq version=1.0 lang=zh xmlns=jabber:client"_s};
    for (const QString &stanza : stanzas)
        events.append(canonical(XmlWriter::parseElement(stanza)));
    events.append(u"close"_s);
    return events;
}

QByteArray streamWith(const QByteArray &body)
{
    return Header + body;
}

/// <message><body>…</body></message> of exactly @p bytes bytes, its text made of @p unit (multi-byte
/// characters, line ends) so that a count in characters rather than bytes would be wrong.
QByteArray messageOfSize(qsizetype bytes, const QByteArray &unit = "中")
{
    const QByteArray open = "<message><body>", close = "</body></message>";
    const qsizetype padding = bytes - open.size() - close.size();
    Q_ASSERT(padding >= 0);
    return open + unit.repeated(padding / unit.size()) + QByteArray(padding % unit.size(), 'x') + close;
}

} // namespace

class tst_StreamParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeStream();
    void streamErrorForEachParseError();
    void everySplit();
    void byteByByte();
    void headerOnly();
    void keepAlivesAndEntities();
    void sizeLimit_data();
    void sizeLimit();
    void defaultSizeLimit();
    void unclosedElementTooLarge();
    void headerTooLarge();
    void depthLimit_data();
    void depthLimit();
    void deepNestingRefusedQuickly();
    void manyAttributesRefused();
    void namespaceFloodRefused();
    void restrictedXml_data();
    void restrictedXml();
    void billionLaughs();
    void wrongRoot_data();
    void wrongRoot();
    void notWellFormed_data();
    void notWellFormed();
    void bracketsAllowedOutsideCDataEnd();
    void errorIsReportedOnceAndInputIgnored();
    void dataAfterCloseIgnored();
    void resetStartsNewStream();
    void streamedChildren();
    void streamedChildrenLimit();
    void resetFromSlotDropsRestOfChunk();
    void feedFromSlotIsQueued();
    void deleteFromSlot();
    void throughput();
};

void tst_StreamParser::wholeStream()
{
    StreamParser parser;
    Recorder recorder(&parser);
    parser.feed(realisticStream());
    QCOMPARE(recorder.events, expectedRealisticEvents());
    QCOMPARE(recorder.header.from, u"例子.中国"_s);
    QCOMPARE(recorder.header.to, QString());
    QCOMPARE(parser.error(), StreamParser::Error::None);

    // Namespace-aware DOM: names, namespaces and xml:lang as a handler reads them.
    QCOMPARE(recorder.elements.size(), 6);
    const QDomElement features = recorder.elements.at(0);
    QCOMPARE(features.localName(), u"features"_s);
    QCOMPARE(features.namespaceURI(), ns::Stream);
    const QDomElement message = recorder.elements.at(2);
    QCOMPARE(message.tagName(), u"message"_s);
    QCOMPARE(message.namespaceURI(), ns::Client);
    QCOMPARE(message.attribute(u"type"_s), u"chat"_s);
    QCOMPARE(message.attributeNS(ns::Xml, u"lang"_s), u"zh"_s);
    QCOMPARE(message.attributes().count(), 5);   // namespace declarations are not attributes
    QCOMPARE(message.firstChildElement(u"body"_s).text(), u"你好，世界！<3 & 😀 \"引号' 😀"_s);
    QCOMPARE(message.firstChildElement(u"active"_s).namespaceURI(), u"http://jabber.org/protocol/chatstates"_s);
    const QDomElement form = recorder.elements.at(4).firstChildElement(u"data"_s);
    QCOMPARE(form.attributeNS(u"jabber:x:data"_s, u"type"_s), u"form"_s);
}

void tst_StreamParser::everySplit()
{
    const QByteArray data = realisticStream();
    const QStringList expected = expectedRealisticEvents();
    int insideCharacter = 0;
    for (qsizetype split = 0; split <= data.size(); ++split) {
        StreamParser parser;
        Recorder recorder(&parser);
        parser.feed(data.left(split));
        parser.feed(data.mid(split));
        if (split < data.size() && (uchar(data.at(split)) & 0xC0) == 0x80)
            ++insideCharacter;
        QVERIFY2(recorder.events == expected, qPrintable(u"split at byte %1"_s.arg(split)));
    }
    QVERIFY(insideCharacter > 100);   // many splits fell inside a multi-byte UTF-8 character
}

void tst_StreamParser::byteByByte()
{
    QCOMPARE(parse(realisticStream(), 1), expectedRealisticEvents());
    QCOMPARE(parse(realisticStream(), 7), expectedRealisticEvents());
}

void tst_StreamParser::headerOnly()
{
    StreamParser parser;
    Recorder recorder(&parser);
    parser.feed("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client' to='a.example' "
                "id='x' version='1.0'>"_ba);
    QCOMPARE(recorder.events.size(), 1);
    QCOMPARE(recorder.header.to, u"a.example"_s);
    QCOMPARE(recorder.header.id, u"x"_s);
    QCOMPARE(recorder.header.defaultNamespace, ns::Client);
    QVERIFY(recorder.header.lang.isEmpty());
}

void tst_StreamParser::keepAlivesAndEntities()
{
    // White-space keep-alives (RFC 6120 §4.6.1) are no elements; predefined entities and character
    // references are plain text.
    const QByteArray data = streamWith(" \n <message><body>&lt;&gt;&amp;&quot;&apos;&#20013;&#x6587;</body></message>"
                                       "   \t\r\n  <presence/>  ");
    const QStringList events = parse(data);
    QCOMPARE(events.size(), 3);
    const QString expected = u"<message xmlns='jabber:client'><body>&lt;&gt;&amp;\"'中文</body></message>"_s;
    QCOMPARE(events.at(1), canonical(XmlWriter::parseElement(expected)));
    QCOMPARE(parse(data, 1), events);
}

void tst_StreamParser::sizeLimit_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<QByteArray>("unit");
    QTest::addColumn<bool>("byteOrderMark");
    QTest::addColumn<bool>("accepted");

    const QList<std::pair<const char *, QByteArray>> units = {{"CJK", "中"},
                                                              {"emoji", "😀"},
                                                              {"CRLF", "\r\n"},
                                                              {"U+FEFF", "\xEF\xBB\xBF"}};
    for (const qint64 limit : {qint64(100), qint64(4096)}) {
        for (const auto &[unitName, unit] : units) {
            for (const bool bom : {false, true}) {
                const QByteArray tag = QByteArray::number(limit) + " bytes of " + unitName + (bom ? ", BOM" : "");
                QTest::newRow(QByteArray(tag + ", at the limit").constData()) << limit << limit << unit << bom << true;
                QTest::newRow(QByteArray(tag + ", one under").constData()) << limit << limit - 1 << unit << bom << true;
                QTest::newRow(QByteArray(tag + ", one over").constData()) << limit << limit + 1 << unit << bom << false;
            }
        }
    }
}

void tst_StreamParser::sizeLimit()
{
    QFETCH(qint64, limit);
    QFETCH(qsizetype, size);
    QFETCH(QByteArray, unit);
    QFETCH(bool, byteOrderMark);
    QFETCH(bool, accepted);

    StreamParser::Limits limits;
    limits.maxElementBytes = limit;
    // Keep-alive white space before the element is not part of it.
    const QByteArray data = (byteOrderMark ? "\xEF\xBB\xBF"_ba : QByteArray())
                          + streamWith("\n  " + messageOfSize(size, unit) + "\n<presence/>");
    for (const qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(1000)}) {
        const QStringList events = parse(data, step, limits);
        if (accepted) {
            QCOMPARE(events.size(), 3);
            QVERIFY(events.at(1).startsWith(u"{jabber:client}message"));
        } else {
            QCOMPARE(events, (QStringList{events.at(0), u"error %1"_s.arg(int(StreamParser::Error::PolicyViolation))}));
        }
    }
}

void tst_StreamParser::defaultSizeLimit()
{
    QCOMPARE(StreamParser().limits().maxElementBytes, 1024 * 1024);
    QCOMPARE(parse(streamWith(messageOfSize(1024 * 1024))).size(), 2);
    QCOMPARE(errors(streamWith(messageOfSize(1024 * 1024 + 1))), QList{StreamParser::Error::PolicyViolation});
}

void tst_StreamParser::unclosedElementTooLarge()
{
    // An element that never ends is refused once it passes the limit, not buffered forever: text, an endless
    // start tag, white space between elements.
    StreamParser::Limits limits;
    limits.maxElementBytes = 10000;
    const QList<QByteArray> fillers = {"<message><body>"_ba + QByteArray(20000, 'a'),
                                       "<message to='"_ba + QByteArray(20000, 'a'), QByteArray(20000, ' ')};
    for (const QByteArray &filler : fillers) {
        StreamParser parser;
        parser.setLimits(limits);
        Recorder recorder(&parser);
        parser.feed(Header);
        for (qsizetype i = 0; i < filler.size() && recorder.errors.isEmpty(); i += 100)
            parser.feed(filler.mid(i, 100));
        QCOMPARE(recorder.errors, QList{StreamParser::Error::PolicyViolation});
    }
}

/// A roster result whose <query/> has @p count items of about 60 bytes each.
QByteArray rosterResult(int count, const QByteArray &id = "r1")
{
    QByteArray items;
    for (int i = 0; i < count; ++i)
        items += "<item jid='c" + QByteArray::number(i)
               + "@例子.中国' subscription='both'><group>朋友</group></item>\n";
    return "<iq type='result' id='" + id + "'><query xmlns='jabber:iq:roster' ver='v9'>" + items
         + "</query><x xmlns='urn:example'/></iq>";
}

void tst_StreamParser::streamedChildren()
{
    // The filter picks the roster query of the iq with id r1: its items come one by one, detached, in order;
    // the stanza then arrives without them; another stanza's children stay in its tree.
    const QByteArray data = streamWith(rosterResult(3) + rosterResult(2, "r2") + "<message><body>hi</body></message>");
    for (const qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
        StreamParser parser;
        QStringList filterCalls;
        parser.setStreamedChildrenFilter([&](const QDomElement &stanza, const QDomElement &container) {
            filterCalls.append(stanza.attribute(u"id"_s) + u'/' + container.localName());
            return stanza.attribute(u"id"_s) == u"r1" && container.localName() == u"query";
        });
        Recorder recorder(&parser);
        QStringList children;
        connect(&parser, &StreamParser::childReceived, &recorder,
                [&](const QDomElement &stanza, const QDomElement &child) {
            QVERIFY(child.parentNode().isNull());
            QCOMPARE(stanza.attribute(u"id"_s), u"r1"_s);
            QCOMPARE(recorder.elements.size(), 0);   // before the stanza itself
            children.append(child.attribute(u"jid"_s) + u'|' + child.firstChildElement(u"group"_s).text());
        });
        for (qsizetype i = 0; i < data.size(); i += step ? step : data.size())
            parser.feed(data.mid(i, step ? step : data.size()));

        QCOMPARE(children, (QStringList{u"c0@例子.中国|朋友"_s, u"c1@例子.中国|朋友"_s, u"c2@例子.中国|朋友"_s}));
        QCOMPARE(filterCalls, (QStringList{u"r1/query"_s, u"r1/x"_s, u"r2/query"_s, u"r2/x"_s, u"/body"_s}));
        QCOMPARE(recorder.elements.size(), 3);
        const QDomElement first = recorder.elements.at(0).firstChildElement(u"query"_s);
        QCOMPARE(first.attribute(u"ver"_s), u"v9"_s);
        QVERIFY(first.firstChildElement().isNull());
        QVERIFY(!recorder.elements.at(0).firstChildElement(u"x"_s).isNull());
        QCOMPARE(recorder.elements.at(1).firstChildElement(u"query"_s).elementsByTagName(u"item"_s).size(), 2);
    }
}

void tst_StreamParser::streamedChildrenLimit()
{
    // The limit then holds per child and for the rest: a 500-item roster of ~30 KB passes a 4 KB limit when
    // streamed and is refused when not; one child over the limit is refused either way.
    StreamParser::Limits limits;
    limits.maxElementBytes = 4096;
    const auto run = [&](const QByteArray &stanza, bool streamed) {
        StreamParser parser;
        parser.setLimits(limits);
        if (streamed)
            parser.setStreamedChildrenFilter(
                [](const QDomElement &, const QDomElement &container) { return container.localName() == u"query"; });
        Recorder recorder(&parser);
        int children = 0;
        connect(&parser, &StreamParser::childReceived, &recorder, [&] { ++children; });
        parser.feed(streamWith(stanza + "<presence/>"));
        return std::make_pair(children, recorder.events);
    };
    const QByteArray roster = rosterResult(500);
    QVERIFY(roster.size() > 7 * limits.maxElementBytes);
    const auto [streamedChildren, streamedEvents] = run(roster, true);
    QCOMPARE(streamedChildren, 500);
    QCOMPARE(streamedEvents.size(), 3);   // open, iq, presence
    const auto [plainChildren, plainEvents] = run(roster, false);
    QCOMPARE(plainChildren, 0);
    QCOMPARE(plainEvents.last(), u"error %1"_s.arg(int(StreamParser::Error::PolicyViolation)));

    const QByteArray huge = "<iq type='result' id='r1'><query xmlns='jabber:iq:roster'><item jid='a@b' name='"
                          + QByteArray(5000, 'n') + "'/></query></iq>";
    const auto [hugeChildren, hugeEvents] = run(huge, true);
    QCOMPARE(hugeChildren, 0);
    QCOMPARE(hugeEvents.last(), u"error %1"_s.arg(int(StreamParser::Error::PolicyViolation)));
}

void tst_StreamParser::headerTooLarge()
{
    const QByteArray data = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' id='"_ba
                          + QByteArray(100000, 'x');
    QCOMPARE(errors(data), QList{StreamParser::Error::PolicyViolation});
}

void tst_StreamParser::depthLimit_data()
{
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("default, 64") << 64 << 64 << true;
    QTest::newRow("default, 65") << 64 << 65 << false;
    QTest::newRow("5, 5") << 5 << 5 << true;
    QTest::newRow("5, 6") << 5 << 6 << false;
}

void tst_StreamParser::depthLimit()
{
    QFETCH(int, maxDepth);
    QFETCH(int, depth);
    QFETCH(bool, accepted);

    StreamParser::Limits limits;
    limits.maxDepth = maxDepth;
    // depth counts the top-level element as 1
    const QByteArray data = streamWith("<message>" + QByteArray("<x>").repeated(depth - 1)
                                       + QByteArray("</x>").repeated(depth - 1) + "</message>");
    StreamParser parser;
    parser.setLimits(limits);
    Recorder recorder(&parser);
    parser.feed(data);
    QCOMPARE(recorder.elements.size(), accepted ? 1 : 0);
    QCOMPARE(recorder.errors, accepted ? QList<StreamParser::Error>() : QList{StreamParser::Error::PolicyViolation});
}

void tst_StreamParser::deepNestingRefusedQuickly()
{
    // QXmlStreamReader itself has no depth limit: 200,000 nested elements went through.
    const QByteArray data = streamWith("<message>" + QByteArray("<a>").repeated(200000));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(errors(data), QList{StreamParser::Error::PolicyViolation});
    QVERIFY2(timer.elapsed() < 2000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
}

void tst_StreamParser::manyAttributesRefused()
{
    // QXmlStreamReader checks attributes pairwise: 100,000 attributes within 1 MiB would take tens of seconds.
    QByteArray tag = "<message";
    for (int i = 0; i < 100000; ++i)
        tag += " a" + QByteArray::number(i) + "=''";
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(errors(streamWith(tag + "/>")), QList{StreamParser::Error::PolicyViolation});
    QVERIFY2(timer.elapsed() < 2000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));

    // '=' inside attribute values, CDATA and text is not an attribute.
    const QByteArray equals = QByteArray("=").repeated(1000);
    const QStringList events = parse(
        streamWith("<message id='" + equals + "'><body>" + equals + "<![CDATA[" + equals + "]]></body></message>"));
    QCOMPARE(events.size(), 2);
}

void tst_StreamParser::namespaceFloodRefused()
{
    QByteArray declarations;
    for (int i = 0; i < 65; ++i)
        declarations += "<x xmlns:p" + QByteArray::number(i) + "='urn:p'>";
    QCOMPARE(errors(streamWith("<message>" + declarations)), QList{StreamParser::Error::PolicyViolation});
}

void tst_StreamParser::restrictedXml_data()
{
    QTest::addColumn<QByteArray>("data");

    QTest::newRow("DTD") << "<?xml version='1.0'?><!DOCTYPE stream:stream [<!ELEMENT x ANY>]>"_ba + Header.mid(21);
    QTest::newRow("external DTD") << "<!DOCTYPE stream SYSTEM 'http://evil.example/x.dtd'>"_ba + Header.mid(21);
    QTest::newRow("entity declaration") << "<!DOCTYPE stream [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"_ba
                                               + Header.mid(21) + "<m>&xxe;</m>";
    QTest::newRow("undeclared entity in text") << streamWith("<message><body>&xxe;</body></message>");
    QTest::newRow("undeclared entity in attribute") << streamWith("<message to='&xxe;'/>");
    QTest::newRow("comment in stanza") << streamWith("<message><!-- hi --><body/></message>");
    QTest::newRow("comment between stanzas") << streamWith("<presence/><!-- hi --><presence/>");
    QTest::newRow("comment before root") << "<!-- hi -->"_ba + Header.mid(21);
    QTest::newRow("PI in stanza") << streamWith("<message><?php echo 1; ?></message>");
    QTest::newRow("PI before root") << "<?xml version='1.0'?><?xml-stylesheet href='a'?>"_ba + Header.mid(21);
}

void tst_StreamParser::restrictedXml()
{
    QFETCH(QByteArray, data);
    for (const qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(5)}) {
        StreamParser parser;
        Recorder recorder(&parser);
        for (qsizetype i = 0; i < data.size(); i += step ? step : data.size())
            parser.feed(data.mid(i, step ? step : data.size()));
        QCOMPARE(recorder.errors, QList{StreamParser::Error::RestrictedXml});
        QCOMPARE(parser.error(), StreamParser::Error::RestrictedXml);
        QVERIFY(!parser.errorString().isEmpty());
    }
}

void tst_StreamParser::billionLaughs()
{
    QByteArray dtd = "<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY lol 'lol'>";
    dtd += "<!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>";
    for (int i = 2; i <= 9; ++i) {
        const QByteArray previous = "&lol" + QByteArray::number(i - 1) + ";";
        dtd += "<!ENTITY lol" + QByteArray::number(i) + " '" + previous.repeated(10) + "'>";
    }
    dtd += "]>";
    const QByteArray data = dtd + Header.mid(21) + "<message><body>&lol9;</body></message>";

    QElapsedTimer timer;
    timer.start();
    StreamParser parser;
    Recorder recorder(&parser);
    parser.feed(data);
    QCOMPARE(recorder.errors, QList{StreamParser::Error::RestrictedXml});
    QVERIFY(recorder.elements.isEmpty());
    QVERIFY(recorder.header.id.isEmpty());   // refused before the stream even opened
    QVERIFY2(timer.elapsed() < 1000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
}

void tst_StreamParser::wrongRoot_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("wrong namespace") << "<stream:stream xmlns:stream='http://etherx.jabber.org/streamz'>"_ba;
    QTest::newRow("no namespace") << "<stream xmlns='jabber:client'>"_ba;
    QTest::newRow("wrong name") << "<stream:strean xmlns:stream='http://etherx.jabber.org/streams'>"_ba;
    QTest::newRow("a stanza as root") << "<message xmlns='jabber:client'><body>hi</body></message>"_ba;
}

void tst_StreamParser::wrongRoot()
{
    QFETCH(QByteArray, data);
    StreamParser parser;
    Recorder recorder(&parser);
    parser.feed(data);
    QCOMPARE(recorder.errors, QList{StreamParser::Error::InvalidNamespace});
    QCOMPARE(recorder.events.size(), 1);
}

void tst_StreamParser::notWellFormed_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("mismatched tags") << streamWith("<message></presence>");
    QTest::newRow("unbound prefix") << streamWith("<foo:message/>");
    QTest::newRow("duplicate attribute") << streamWith("<message id='a' id='b'/>");
    QTest::newRow("invalid UTF-8") << streamWith("<message><body>\xFF</body></message>");
    QTest::newRow("overlong UTF-8") << streamWith("<message><body>\xC0\xAF</body></message>");
    QTest::newRow("truncated UTF-8") << streamWith("<message><body>\xE4\xB8</body></message>");
    QTest::newRow("UTF-8 surrogate") << streamWith("<message><body>\xED\xA0\x80</body></message>");
    QTest::newRow("beyond U+10FFFF") << streamWith("<message><body>\xF4\x90\x80\x80</body></message>");
    QTest::newRow("invalid UTF-8 in a name") << streamWith("<message\xFE/>");
    QTest::newRow("control character") << streamWith("<message><body>\x01</body></message>");
    QTest::newRow("NUL byte") << streamWith(QByteArray("<message><body>\0</body></message>", 33));
    const QString root = u"<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"_s;
    QTest::newRow("UTF-16") << QByteArray(reinterpret_cast<const char *>(root.utf16()), root.size() * 2);
    QTest::newRow("Latin-1 declared") << "<?xml version='1.0' encoding='ISO-8859-1'?>"_ba + Header.mid(21);
    QTest::newRow("garbage") << "HTTP/1.1 400 Bad Request\r\n\r\n"_ba;
    QTest::newRow("'<' in attribute") << streamWith("<message to='a<b'/>");
    QTest::newRow("stray end tag") << streamWith("</message>");
    // XML 1.0 §2.4. Found by tests/fuzz/fuzz_streamparser: the reader saw these only within one chunk.
    QTest::newRow("']]>' in text") << streamWith("<message><body>a]]>b</body></message>");
    QTest::newRow("']]>' between stanzas") << streamWith("<presence/>]]]><presence/>");
}

void tst_StreamParser::notWellFormed()
{
    QFETCH(QByteArray, data);
    QCOMPARE(errors(data), QList{StreamParser::Error::NotWellFormed});
    QCOMPARE(parse(data, 1).last(), u"error %1"_s.arg(int(StreamParser::Error::NotWellFormed)));
}

void tst_StreamParser::bracketsAllowedOutsideCDataEnd()
{
    // "]]" alone, "]]&gt;", and "]]>" where it is data (an attribute value, the end of a CDATA section) are
    // well-formed, however the input is split.
    const QByteArray data = streamWith("<message a=']]>'><body>]] ]]&gt; ]]</body><body><![CDATA[x]]]]></body>"
                                       "</message>");
    for (const qsizetype step : {0, 1, 2, 3}) {
        const QStringList events = parse(data, step);
        QCOMPARE(events.size(), 2);
        QVERIFY2(events.last().startsWith(u"{jabber:client}message"_s), qPrintable(events.last()));
    }
}

void tst_StreamParser::errorIsReportedOnceAndInputIgnored()
{
    StreamParser parser;
    Recorder recorder(&parser);
    parser.feed(streamWith("<presence/><message><!-- x -->"));
    parser.feed("</message><presence/><!-- more -->");
    parser.feed("\xFF\xFF");
    QCOMPARE(recorder.errors.size(), 1);
    QCOMPARE(recorder.elements.size(), 1);
    QCOMPARE(parser.error(), StreamParser::Error::RestrictedXml);
}

void tst_StreamParser::dataAfterCloseIgnored()
{
    const QStringList events = parse(streamWith("<presence/></stream:stream><presence/>garbage<"));
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.last(), u"close"_s);
}

void tst_StreamParser::resetStartsNewStream()
{
    StreamParser parser;
    Recorder recorder(&parser);
    parser.feed(streamWith("<presence/><!-- bad -->"));
    QCOMPARE(recorder.errors.size(), 1);

    parser.reset();
    QCOMPARE(parser.error(), StreamParser::Error::None);
    QVERIFY(parser.errorString().isEmpty());
    // A fresh stream, with its own XML declaration (after STARTTLS, RFC 6120 §5.4.3.3).
    parser.feed(realisticStream().left(Header.size() + 40));
    parser.feed(realisticStream().mid(Header.size() + 40));
    QCOMPARE(recorder.events.mid(3), expectedRealisticEvents());

    // And again after a clean close.
    parser.reset();
    parser.feed(streamWith("<presence/>"));
    QCOMPARE(recorder.errors.size(), 1);
    QCOMPARE(recorder.events.last(), canonical(XmlWriter::parseElement(u"<presence xmlns='jabber:client'/>"_s)));
}

void tst_StreamParser::resetFromSlotDropsRestOfChunk()
{
    // XmppClient restarts the stream from the slot that sees SASL <success/> (RFC 6120 §6.4.6).
    StreamParser parser;
    Recorder recorder(&parser);
    QObject context;
    connect(&parser, &StreamParser::elementReceived, &context, [&parser](const QDomElement &element) {
        if (element.localName() == u"success")
            parser.reset();
    });
    parser.feed(streamWith("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/><presence/>"));
    QCOMPARE(recorder.elements.size(), 1);
    QVERIFY(recorder.errors.isEmpty());

    parser.feed(streamWith("<presence/>"));
    QCOMPARE(recorder.elements.size(), 2);
    QCOMPARE(recorder.events.size(), 4);   // open, success, open, presence
    QVERIFY(recorder.errors.isEmpty());
}

void tst_StreamParser::feedFromSlotIsQueued()
{
    StreamParser parser;
    Recorder recorder(&parser);
    QObject context;
    bool fed = false;
    connect(&parser, &StreamParser::elementReceived, &context, [&parser, &fed](const QDomElement &) {
        if (!fed) {
            fed = true;
            parser.feed("<message/>"_ba);
        }
    });
    parser.feed(streamWith("<presence/><iq/>"));
    QCOMPARE(recorder.elements.size(), 3);
    QCOMPARE(recorder.elements.at(1).localName(), u"iq"_s);      // the chunk being parsed comes first
    QCOMPARE(recorder.elements.at(2).localName(), u"message"_s);
}

void tst_StreamParser::deleteFromSlot()
{
    auto *parser = new StreamParser;
    QObject context;
    int seen = 0;
    connect(parser, &StreamParser::elementReceived, &context, [&parser, &seen](const QDomElement &) {
        ++seen;
        delete parser;
        parser = nullptr;
    });
    parser->feed(streamWith("<presence/><presence/><presence/>"));
    QCOMPARE(seen, 1);
    QVERIFY(!parser);
}

void tst_StreamParser::throughput()
{
    // Thousands of stanzas a second, in socket-sized chunks.
    QByteArray data = Header;
    const QByteArray stanza = "<message from='小红@例子.中国/手机' to='小明@例子.中国/电脑' type='chat' id='m1'>"
                              "<body>你好，今天晚上一起吃饭吗？</body>"
                              "<active xmlns='http://jabber.org/protocol/chatstates'/></message>";
    const int count = 20000;
    data += stanza.repeated(count);

    StreamParser parser;
    int received = 0;
    QObject context;
    connect(&parser, &StreamParser::elementReceived, &context, [&received](const QDomElement &) { ++received; });
    QElapsedTimer timer;
    timer.start();
    for (qsizetype i = 0; i < data.size(); i += 4096)
        parser.feed(data.mid(i, 4096));
    QCOMPARE(received, count);
    QVERIFY2(timer.elapsed() < 10000, qPrintable(u"%1 stanzas took %2 ms"_s.arg(count).arg(timer.elapsed())));
}

void tst_StreamParser::streamErrorForEachParseError()
{
    // RFC 6120 §4.9.3: what we tell the server before closing, one condition per kind of parse error.
    const auto expected = [](const char *condition) -> QByteArray {
        return "<stream:error><"_ba + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>";
    };
    QCOMPARE(StreamParser::streamError(StreamParser::Error::RestrictedXml), expected("restricted-xml"));
    QCOMPARE(StreamParser::streamError(StreamParser::Error::PolicyViolation), expected("policy-violation"));
    QCOMPARE(StreamParser::streamError(StreamParser::Error::InvalidNamespace), expected("invalid-namespace"));
    QCOMPARE(StreamParser::streamError(StreamParser::Error::NotWellFormed), expected("not-well-formed"));
}

QTEST_GUILESS_MAIN(tst_StreamParser)
#include "tst_streamparser.moc"
