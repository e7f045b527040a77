// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/Iq.h"
#include "stanza/Message.h"
#include "stanza/Presence.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"
#include "XmlTestUtils.h"

#include <QDomDocument>
#include <QMap>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace XmlTestUtils;

namespace {

template <typename T>
std::optional<T> fromXml(const QString &xml)
{
    return T::fromElement(parse(xml));
}

const QString receipts = u"urn:xmpp:receipts"_s;

} // namespace

class tst_Stanza : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compareHelperSeesDifferences();

    void messageRoundTrip_data();
    void messageRoundTrip();
    void messageFields();
    void messageTypes_data();
    void messageTypes();
    void messageMissingOrUnknownTypeIsNormal();
    void messageWrittenFromCode();
    void messageBodyLanguages();
    void messageErrorParsed();

    void presenceRoundTrip_data();
    void presenceRoundTrip();
    void presenceFields();
    void presenceTypes_data();
    void presenceTypes();
    void presenceUnknownTypeRejected();
    void presenceShows_data();
    void presenceShows();
    void presencePriority_data();
    void presencePriority();
    void presencePriorityClampedOnWrite_data();
    void presencePriorityClampedOnWrite();

    void iqRoundTrip_data();
    void iqRoundTrip();
    void iqTypes_data();
    void iqTypes();
    void iqRequiresIdAndType_data();
    void iqRequiresIdAndType();
    void iqPayload();
    void iqMakeResult();
    void iqMakeResultToServer();
    void iqMakeError();
    void iqMakeErrorWithText();
    void iqMakePayload();

    void invalidAddressesRejected_data();
    void invalidAddressesRejected();
    void otherElementsRejected_data();
    void otherElementsRejected();
    void langPreserved_data();
    void langPreserved();
    void extensionLookup();
};

void tst_Stanza::compareHelperSeesDifferences()
{
    const QString base = u"<a xmlns='urn:a' x='1'><b xmlns='urn:b'>文本</b></a>"_s;
    QVERIFY(
        xmlDifference(parse(base), parse(u"<p:a xmlns:p='urn:a' x='1'><b xmlns='urn:b'>文本</b></p:a>"_s)).isEmpty());
    QVERIFY(
        xmlDifference(parse(base), parse(u"<a xmlns='urn:a' x='1'>\n  <b xmlns='urn:b'>文本</b>\n</a>"_s)).isEmpty());
    QVERIFY(!xmlDifference(parse(base), parse(u"<a xmlns='urn:x' x='1'><b xmlns='urn:b'>文本</b></a>"_s)).isEmpty());
    QVERIFY(!xmlDifference(parse(base), parse(u"<a xmlns='urn:a' x='2'><b xmlns='urn:b'>文本</b></a>"_s)).isEmpty());
    QVERIFY(!xmlDifference(parse(base), parse(u"<a xmlns='urn:a'><b xmlns='urn:b'>文本</b></a>"_s)).isEmpty());
    QVERIFY(!xmlDifference(parse(base), parse(u"<a xmlns='urn:a' x='1'><b>文本</b></a>"_s)).isEmpty());
    QVERIFY(!xmlDifference(parse(base), parse(u"<a xmlns='urn:a' x='1'><b xmlns='urn:b'>文</b></a>"_s)).isEmpty());
    QVERIFY(!xmlDifference(parse(base), parse(u"<a xmlns='urn:a' x='1'/>"_s)).isEmpty());
    QVERIFY(
        !xmlDifference(parse(base), parse(u"<a xmlns='urn:a' x='1'><b xmlns='urn:b'>文本</b><c/></a>"_s)).isEmpty());
}

// ---------------------------------------------------------------------------------------------------------
// <message/>

void tst_Stanza::messageRoundTrip_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");   // empty: the same as input

    QTest::newRow("chat with receipt request")
        << uR"(<message xmlns='jabber:client' from='ai@example.org/手机' to='me@example.org' id='m1' type='chat'
                        xml:lang='zh'><body>你好，今晚一起吃饭吗？</body><thread>t-42</thread>
                        <request xmlns='urn:xmpp:receipts'/></message>)"_s
        << QString();
    QTest::newRow("groupchat with subject and delay")
        << uR"(<message xmlns='jabber:client' from='room@muc.example.org/老王' to='me@example.org/pc' id='g1'
                        type='groupchat'><subject>周末爬山</subject><body>大家好</body>
                        <delay xmlns='urn:xmpp:delay' from='muc.example.org' stamp='2024-05-01T08:00:00Z'>离线存储</delay>
                        </message>)"_s
        << QString();
    QTest::newRow("headline with nested payload")
        << uR"(<message xmlns='jabber:client' from='pubsub.example.org' to='me@example.org' type='headline'>
                 <event xmlns='http://jabber.org/protocol/pubsub#event'><items node='news'><item id='1'>
                   <entry xmlns='http://www.w3.org/2005/Atom'><title>标题</title><summary>摘要</summary></entry>
                 </item></items></event></message>)"_s
        << QString();
    QTest::newRow("thread with parent")
        << uR"(<message xmlns='jabber:client' to='ai@example.org' type='chat'><body>回复</body>
                 <thread parent='e0ffe42b28561960c6b12b944a092794b9683a38'>0e3141cd80894871a68e6fe6b1ec56fa</thread>
                 </message>)"_s
        << QString();
    QTest::newRow("error")
        << uR"(<message xmlns='jabber:client' from='ai@example.org' to='me@example.org/pc' type='error' id='m2'>
                 <body>原文</body><error type='cancel'>
                 <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                 <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>对方不在线</text></error></message>)"_s
        << QString();
    QTest::newRow("extensions keep their order")
        << uR"(<message xmlns='jabber:client' to='ai@example.org' id='m3' type='chat'><body>好的</body>
                 <active xmlns='http://jabber.org/protocol/chatstates'/><request xmlns='urn:xmpp:receipts'/>
                 <markable xmlns='urn:xmpp:chat-markers:0'/><origin-id xmlns='urn:xmpp:sid:0' id='abc-1'/>
                 </message>)"_s
        << QString();
    QTest::newRow("receipt without body") << uR"(<message xmlns='jabber:client' from='ai@example.org/手机' id='m4'>
                 <received xmlns='urn:xmpp:receipts' id='m1'/></message>)"_s
                                          << QString();
    QTest::newRow("prefixed extension")
        << uR"(<message xmlns='jabber:client' type='chat'><body>x</body><r:request xmlns:r='urn:xmpp:receipts'/>
                 </message>)"_s
        << QString();
    QTest::newRow("unknown jabber:client child kept")
        << uR"(<message xmlns='jabber:client'><body>x</body><nick bar='1'>阿明</nick></message>)"_s << QString();
    QTest::newRow("body whitespace and escapes")
        << u"<message xmlns='jabber:client' type='chat'><body>  第一行\n第二行 a &lt; b &amp;&amp; c &gt; d  </body>"
           "</message>"_s
        << QString();
    QTest::newRow("explicit normal type")
        << u"<message xmlns='jabber:client' type='normal' to='ai@example.org'><body>嗨</body></message>"_s
        << u"<message xmlns='jabber:client' to='ai@example.org'><body>嗨</body></message>"_s;
    QTest::newRow("prefixed jabber:client children")
        << uR"(<c:message xmlns:c='jabber:client' type='chat'><c:body>前缀</c:body>
                 <c:thread>t</c:thread></c:message>)"_s
        << uR"(<message xmlns='jabber:client' type='chat'><body>前缀</body>
                 <thread>t</thread></message>)"_s;
    QTest::newRow("body in two languages")
        << u"<message xmlns='jabber:client' xml:lang='en'><body>Hello</body><body xml:lang='zh'>你好</body></message>"_s
        << QString();
}

void tst_Stanza::messageRoundTrip()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    if (expected.isEmpty())
        expected = input;

    const auto message = fromXml<Message>(input);
    QVERIFY(message);
    const QByteArray written = message->toXml();
    COMPARE_XML(written, expected);

    // Parse → write → parse keeps everything, so writing again gives the same bytes.
    const auto reparsed = Message::fromElement(parse(written));
    QVERIFY(reparsed);
    QCOMPARE(reparsed->toXml(), written);
    QCOMPARE(reparsed->extensions.size(), message->extensions.size());
}

void tst_Stanza::messageFields()
{
    const auto message = fromXml<Message>(
        uR"(<message xmlns='jabber:client' from='ai@example.org/手机' to='me@example.org' id='m1' type='chat'
                     xml:lang='zh'><subject>晚饭</subject><body>你好，今晚一起吃饭吗？</body><thread>t-42</thread>
                     <request xmlns='urn:xmpp:receipts'/>
                     <delay xmlns='urn:xmpp:delay' stamp='2024-05-01T08:00:00Z'/></message>)"_s);
    QVERIFY(message);
    QCOMPARE(message->from.toString(), u"ai@example.org/手机"_s);
    QCOMPARE(message->from.resource(), u"手机"_s);
    QCOMPARE(message->to.toString(), u"me@example.org"_s);
    QCOMPARE(message->id, u"m1"_s);
    QCOMPARE(message->lang, u"zh"_s);
    QCOMPARE(message->type, Message::Type::Chat);
    QCOMPARE(message->subject, u"晚饭"_s);
    QCOMPARE(message->body, u"你好，今晚一起吃饭吗？"_s);
    QCOMPARE(message->thread, u"t-42"_s);
    QVERIFY(message->threadParent.isEmpty());
    QVERIFY(!message->error);
    QCOMPARE(message->extensions.size(), 2);
    QCOMPARE(message->extensions.at(0).localName(), u"request"_s);
    QCOMPARE(message->extensions.at(1).localName(), u"delay"_s);
    QCOMPARE(message->extensions.at(1).namespaceURI(), ns::Delay);
}

void tst_Stanza::messageTypes_data()
{
    QTest::addColumn<Message::Type>("type");
    QTest::addColumn<QString>("name");

    // RFC 6121 §5.2.2.
    QTest::newRow("normal") << Message::Type::Normal << u"normal"_s;
    QTest::newRow("chat") << Message::Type::Chat << u"chat"_s;
    QTest::newRow("groupchat") << Message::Type::Groupchat << u"groupchat"_s;
    QTest::newRow("headline") << Message::Type::Headline << u"headline"_s;
    QTest::newRow("error") << Message::Type::Error << u"error"_s;
}

void tst_Stanza::messageTypes()
{
    QFETCH(Message::Type, type);
    QFETCH(QString, name);

    QCOMPARE(Message::typeName(type), name);
    QCOMPARE(Message::typeFromName(name), type);

    const auto message = fromXml<Message>(u"<message xmlns='jabber:client' type='"_s + name + u"'/>"_s);
    QVERIFY(message);
    QCOMPARE(message->type, type);

    // Normal is the default and needs no attribute (RFC 6121 §5.2.2).
    const QDomElement written = parse(message->toXml());
    QCOMPARE(written.attribute(u"type"_s), type == Message::Type::Normal ? QString() : name);
    QCOMPARE(Message::fromElement(written)->type, type);
}

void tst_Stanza::messageMissingOrUnknownTypeIsNormal()
{
    QCOMPARE(Message::typeFromName(u""), Message::Type::Normal);
    QCOMPARE(Message::typeFromName(u"Chat"), std::nullopt);
    QCOMPARE(Message::typeFromName(u"whisper"), std::nullopt);

    // RFC 6121 §5.2.2: not understood means normal.
    QCOMPARE(fromXml<Message>(u"<message xmlns='jabber:client'><body>x</body></message>"_s)->type,
             Message::Type::Normal);
    QCOMPARE(fromXml<Message>(u"<message xmlns='jabber:client' type='whisper'/>"_s)->type, Message::Type::Normal);
}

void tst_Stanza::messageWrittenFromCode()
{
    Message message;
    message.to = Jid::fromString(u"ai@example.org");
    message.id = u"c1"_s;
    message.type = Message::Type::Chat;
    message.body = u"明天见 👋"_s;
    message.thread = u"t-1"_s;
    message.threadParent = u"t-0"_s;
    message.extensions.append(XmlWriter::parseElement(u"<request xmlns='urn:xmpp:receipts'/>"_s));
    QDomElement origin = Iq::makePayload(u"origin-id"_s, u"urn:xmpp:sid:0"_s);
    origin.setAttribute(u"id"_s, u"c1"_s);
    message.extensions.append(origin);

    const QByteArray xml = message.toXml();
    COMPARE_XML(xml, uR"(<message xmlns='jabber:client' to='ai@example.org' id='c1' type='chat'>
                           <body>明天见 👋</body><thread parent='t-0'>t-1</thread>
                           <request xmlns='urn:xmpp:receipts'/><origin-id xmlns='urn:xmpp:sid:0' id='c1'/>
                         </message>)"_s);
    // The stanza carries jabber:client as its default namespace; no generated prefixes anywhere.
    QVERIFY2(xml.startsWith("<message xmlns=\"jabber:client\""), xml.constData());
    QVERIFY2(!xml.contains("xmlns:"), xml.constData());
    QVERIFY2(xml.contains(u"明天见 👋"_s.toUtf8()), xml.constData());
}

void tst_Stanza::messageBodyLanguages()
{
    // RFC 6121 §5.2.3: the body in the stanza's language (or without one) is the body; the others are kept.
    const auto zh = fromXml<Message>(uR"(<message xmlns='jabber:client' xml:lang='zh'><body xml:lang='en'>Hello</body>
                     <body xml:lang='zh'>你好</body><subject xml:lang='en'>Hi</subject></message>)"_s);
    QVERIFY(zh);
    QCOMPARE(zh->body, u"你好"_s);
    QCOMPARE(zh->subject, u"Hi"_s);   // no subject in zh: the first one
    QCOMPARE(zh->extensions.size(), 1);
    QCOMPARE(zh->extensions.at(0).localName(), u"body"_s);
    QCOMPARE(zh->extensions.at(0).text(), u"Hello"_s);

    const auto plain = fromXml<Message>(
        u"<message xmlns='jabber:client'><body xml:lang='de'>Hallo</body><body>你好</body></message>"_s);
    QVERIFY(plain);
    QCOMPARE(plain->body, u"你好"_s);
    QCOMPARE(plain->extensions.size(), 1);

    // Written back, both languages are still there.
    const QDomElement written = parse(zh->toXml());
    int bodies = 0;
    for (QDomElement body = written.firstChildElement(u"body"_s); !body.isNull();
         body = body.nextSiblingElement(u"body"_s)) {
        QCOMPARE(body.namespaceURI(), ns::Client);
        ++bodies;
    }
    QCOMPARE(bodies, 2);
}

void tst_Stanza::messageErrorParsed()
{
    const auto message = fromXml<Message>(
        uR"(<message xmlns='jabber:client' from='ai@example.org' type='error' id='m2'><body>原文</body>
                     <error type='wait' by='example.org'>
                     <resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                     <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>稍后再试</text></error></message>)"_s);
    QVERIFY(message);
    QCOMPARE(message->type, Message::Type::Error);
    QVERIFY(message->error);
    QCOMPARE(message->error->type, StanzaError::Type::Wait);
    QCOMPARE(message->error->condition, StanzaError::Condition::ResourceConstraint);
    QCOMPARE(message->error->text, u"稍后再试"_s);
    QCOMPARE(message->error->by, u"example.org"_s);
    QCOMPARE(message->body, u"原文"_s);
    QVERIFY(message->extensions.isEmpty());
}

// ---------------------------------------------------------------------------------------------------------
// <presence/>

void tst_Stanza::presenceRoundTrip_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("available with caps and avatar")
        << uR"(<presence xmlns='jabber:client' from='ai@example.org/手机' to='me@example.org' xml:lang='zh'>
                 <show>dnd</show><status>开会中，请勿打扰</status><priority>5</priority>
                 <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://xin.example/'
                    ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>
                 <x xmlns='vcard-temp:x:update'><photo>01b87fcd030b72895ff8e88db57ec525450f000d</photo></x>
               </presence>)"_s
        << QString();
    QTest::newRow("initial presence") << u"<presence xmlns='jabber:client'/>"_s << QString();
    QTest::newRow("negative priority")
        << u"<presence xmlns='jabber:client'><show>away</show><priority>-1</priority></presence>"_s << QString();
    QTest::newRow("unavailable with status")
        << u"<presence xmlns='jabber:client' type='unavailable'><status>下班了</status></presence>"_s << QString();
    QTest::newRow("subscribe with nick")
        << uR"(<presence xmlns='jabber:client' to='ai@example.org' id='s1' type='subscribe'>
                 <status>我是小明，加个好友吧</status><nick xmlns='http://jabber.org/protocol/nick'>小明</nick></presence>)"_s
        << QString();
    QTest::newRow("probe") << u"<presence xmlns='jabber:client' from='example.org' to='ai@example.org' type='probe'/>"_s
                           << QString();
    QTest::newRow("delayed") << uR"(<presence xmlns='jabber:client' from='ai@example.org/pc'><show>xa</show>
                 <delay xmlns='urn:xmpp:delay' from='ai@example.org/pc' stamp='2024-05-01T08:00:00Z'/></presence>)"_s
                             << QString();
    QTest::newRow("error")
        << uR"(<presence xmlns='jabber:client' from='nobody@example.org' type='error'><error type='auth'>
                 <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>)"_s
        << QString();
    QTest::newRow("status in two languages")
        << uR"(<presence xmlns='jabber:client' xml:lang='zh'><status>忙</status><status xml:lang='en'>busy</status>
               </presence>)"_s
        << QString();
    QTest::newRow("zero priority omitted") << u"<presence xmlns='jabber:client'><priority>0</priority></presence>"_s
                                           << u"<presence xmlns='jabber:client'/>"_s;
    QTest::newRow("priority clamped") << u"<presence xmlns='jabber:client'><priority>500</priority></presence>"_s
                                      << u"<presence xmlns='jabber:client'><priority>127</priority></presence>"_s;
}

void tst_Stanza::presenceRoundTrip()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    if (expected.isEmpty())
        expected = input;

    const auto presence = fromXml<Presence>(input);
    QVERIFY(presence);
    const QByteArray written = presence->toXml();
    COMPARE_XML(written, expected);

    const auto reparsed = Presence::fromElement(parse(written));
    QVERIFY(reparsed);
    QCOMPARE(reparsed->toXml(), written);
}

void tst_Stanza::presenceFields()
{
    const auto presence = fromXml<Presence>(
        uR"(<presence xmlns='jabber:client' from='ai@example.org/手机' id='p1'><show>chat</show>
                      <status>有空聊天</status><priority>10</priority>
                      <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v'/></presence>)"_s);
    QVERIFY(presence);
    QCOMPARE(presence->type, Presence::Type::Available);
    QCOMPARE(presence->show, Presence::Show::Chat);
    QCOMPARE(presence->status, u"有空聊天"_s);
    QCOMPARE(presence->priority, 10);
    QCOMPARE(presence->from.resource(), u"手机"_s);
    QCOMPARE(presence->id, u"p1"_s);
    QVERIFY(presence->to.isNull());
    QCOMPARE(presence->extensions.size(), 1);
    QVERIFY(presence->hasExtension(u"c"_s, u"http://jabber.org/protocol/caps"_s));
}

void tst_Stanza::presenceTypes_data()
{
    QTest::addColumn<Presence::Type>("type");
    QTest::addColumn<QString>("name");

    // RFC 6121 §4.7.1; available has no type attribute.
    QTest::newRow("available") << Presence::Type::Available << QString();
    QTest::newRow("unavailable") << Presence::Type::Unavailable << u"unavailable"_s;
    QTest::newRow("subscribe") << Presence::Type::Subscribe << u"subscribe"_s;
    QTest::newRow("subscribed") << Presence::Type::Subscribed << u"subscribed"_s;
    QTest::newRow("unsubscribe") << Presence::Type::Unsubscribe << u"unsubscribe"_s;
    QTest::newRow("unsubscribed") << Presence::Type::Unsubscribed << u"unsubscribed"_s;
    QTest::newRow("probe") << Presence::Type::Probe << u"probe"_s;
    QTest::newRow("error") << Presence::Type::Error << u"error"_s;
}

void tst_Stanza::presenceTypes()
{
    QFETCH(Presence::Type, type);
    QFETCH(QString, name);

    QCOMPARE(Presence::typeName(type), name);
    QCOMPARE(Presence::typeFromName(name), type);

    const QString xml = name.isEmpty() ? u"<presence xmlns='jabber:client'/>"_s
                                       : u"<presence xmlns='jabber:client' type='"_s + name + u"'/>"_s;
    const auto presence = fromXml<Presence>(xml);
    QVERIFY(presence);
    QCOMPARE(presence->type, type);
    COMPARE_XML(presence->toXml(), xml);
}

void tst_Stanza::presenceUnknownTypeRejected()
{
    QCOMPARE(Presence::typeFromName(u"available"), std::nullopt);
    QCOMPARE(Presence::typeFromName(u"Subscribe"), std::nullopt);
    QCOMPARE(fromXml<Presence>(u"<presence xmlns='jabber:client' type='invisible'/>"_s), std::nullopt);
}

void tst_Stanza::presenceShows_data()
{
    QTest::addColumn<Presence::Show>("show");
    QTest::addColumn<QString>("name");

    // RFC 6121 §4.7.2.1; no <show/> means plain available.
    QTest::newRow("none") << Presence::Show::None << QString();
    QTest::newRow("chat") << Presence::Show::Chat << u"chat"_s;
    QTest::newRow("away") << Presence::Show::Away << u"away"_s;
    QTest::newRow("xa") << Presence::Show::Xa << u"xa"_s;
    QTest::newRow("dnd") << Presence::Show::Dnd << u"dnd"_s;
}

void tst_Stanza::presenceShows()
{
    QFETCH(Presence::Show, show);
    QFETCH(QString, name);

    QCOMPARE(Presence::showName(show), name);
    QCOMPARE(Presence::showFromName(name), show);

    const QString xml = name.isEmpty() ? u"<presence xmlns='jabber:client'/>"_s
                                       : u"<presence xmlns='jabber:client'><show>"_s + name + u"</show></presence>"_s;
    const auto presence = fromXml<Presence>(xml);
    QVERIFY(presence);
    QCOMPARE(presence->show, show);
    COMPARE_XML(presence->toXml(), xml);

    // An unknown value is ignored rather than fatal.
    QCOMPARE(Presence::showFromName(u"busy"), std::nullopt);
    QCOMPARE(fromXml<Presence>(u"<presence xmlns='jabber:client'><show>busy</show></presence>"_s)->show,
             Presence::Show::None);
}

void tst_Stanza::presencePriority_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("priority");

    QTest::newRow("zero") << u"0"_s << 0;
    QTest::newRow("positive") << u"5"_s << 5;
    QTest::newRow("plus sign") << u"+7"_s << 7;
    QTest::newRow("negative") << u"-1"_s << -1;
    QTest::newRow("max") << u"127"_s << 127;
    QTest::newRow("min") << u"-128"_s << -128;
    QTest::newRow("above max") << u"128"_s << 127;
    QTest::newRow("below min") << u"-129"_s << -128;
    QTest::newRow("far above") << u"100000"_s << 127;
    QTest::newRow("beyond 64 bits") << u"99999999999999999999999"_s << 127;
    QTest::newRow("beyond 64 bits negative") << u"-99999999999999999999999"_s << -128;
    QTest::newRow("surrounding whitespace") << u" 12\n"_s << 12;
    QTest::newRow("not a number") << u"high"_s << 0;
    QTest::newRow("fraction") << u"1.5"_s << 0;
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("sign only") << u"-"_s << 0;
    QTest::newRow("fullwidth digits") << u"５"_s << 0;
}

void tst_Stanza::presencePriority()
{
    QFETCH(QString, text);
    QFETCH(int, priority);

    QDomDocument document;
    QDomElement element = document.createElementNS(ns::Client, u"presence"_s);
    QDomElement priorityElement = document.createElementNS(ns::Client, u"priority"_s);
    priorityElement.appendChild(document.createTextNode(text));
    element.appendChild(priorityElement);
    document.appendChild(element);

    const auto presence = Presence::fromElement(element);
    QVERIFY(presence);
    QCOMPARE(presence->priority, priority);
    QVERIFY(presence->extensions.isEmpty());
}

void tst_Stanza::presencePriorityClampedOnWrite_data()
{
    QTest::addColumn<int>("priority");
    QTest::addColumn<QString>("expected");

    QTest::newRow("in range") << 42 << u"<presence xmlns='jabber:client'><priority>42</priority></presence>"_s;
    QTest::newRow("zero") << 0 << u"<presence xmlns='jabber:client'/>"_s;
    QTest::newRow("too high") << 300 << u"<presence xmlns='jabber:client'><priority>127</priority></presence>"_s;
    QTest::newRow("too low") << -300 << u"<presence xmlns='jabber:client'><priority>-128</priority></presence>"_s;
}

void tst_Stanza::presencePriorityClampedOnWrite()
{
    QFETCH(int, priority);
    QFETCH(QString, expected);

    Presence presence;
    presence.priority = priority;
    COMPARE_XML(presence.toXml(), expected);
}

// ---------------------------------------------------------------------------------------------------------
// <iq/>

void tst_Stanza::iqRoundTrip_data()
{
    QTest::addColumn<QString>("input");

    QTest::newRow("roster get")
        << u"<iq xmlns='jabber:client' id='r1' type='get'><query xmlns='jabber:iq:roster'/></iq>"_s;
    QTest::newRow("roster push") << uR"(<iq xmlns='jabber:client' to='me@example.org/pc' id='p1' type='set'>
                 <query xmlns='jabber:iq:roster' ver='ver7'><item jid='ai@example.org' name='小爱'>
                 <group>同学</group><group>朋友</group></item></query></iq>)"_s;
    QTest::newRow("empty result") << u"<iq xmlns='jabber:client' from='example.org' id='r2' type='result'/>"_s;
    QTest::newRow("vcard result")
        << uR"(<iq xmlns='jabber:client' from='ai@example.org' to='me@example.org/pc' id='v1' type='result'>
                 <vCard xmlns='vcard-temp'><FN>王小爱</FN><NICKNAME>小爱</NICKNAME></vCard></iq>)"_s;
    QTest::newRow("ping")
        << u"<iq xmlns='jabber:client' from='example.org' to='me@example.org/pc' id='s2c1' type='get'>"
           "<ping xmlns='urn:xmpp:ping'/></iq>"_s;
    QTest::newRow("error echoing payload")
        << uR"(<iq xmlns='jabber:client' from='ai@example.org/pc' id='e1' type='error'>
                 <query xmlns='http://jabber.org/protocol/disco#info'/><error type='cancel'>
                 <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>)"_s;
    QTest::newRow("lang") << u"<iq xmlns='jabber:client' id='l1' type='get' xml:lang='zh-Hans'>"
                             "<query xmlns='jabber:iq:version'/></iq>"_s;
}

void tst_Stanza::iqRoundTrip()
{
    QFETCH(QString, input);

    const auto iq = fromXml<Iq>(input);
    QVERIFY(iq);
    const QByteArray written = iq->toXml();
    COMPARE_XML(written, input);

    const auto reparsed = Iq::fromElement(parse(written));
    QVERIFY(reparsed);
    QCOMPARE(reparsed->toXml(), written);
}

void tst_Stanza::iqTypes_data()
{
    QTest::addColumn<Iq::Type>("type");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("request");

    // RFC 6120 §8.2.3.
    QTest::newRow("get") << Iq::Type::Get << u"get"_s << true;
    QTest::newRow("set") << Iq::Type::Set << u"set"_s << true;
    QTest::newRow("result") << Iq::Type::Result << u"result"_s << false;
    QTest::newRow("error") << Iq::Type::Error << u"error"_s << false;
}

void tst_Stanza::iqTypes()
{
    QFETCH(Iq::Type, type);
    QFETCH(QString, name);
    QFETCH(bool, request);

    QCOMPARE(Iq::typeName(type), name);
    QCOMPARE(Iq::typeFromName(name), type);

    const QString xml = u"<iq xmlns='jabber:client' id='t1' type='"_s + name + u"'/>"_s;
    const auto iq = fromXml<Iq>(xml);
    QVERIFY(iq);
    QCOMPARE(iq->type, type);
    QCOMPARE(iq->isRequest(), request);
    COMPARE_XML(iq->toXml(), xml);
}

void tst_Stanza::iqRequiresIdAndType_data()
{
    QTest::addColumn<QString>("xml");
    QTest::addColumn<bool>("valid");

    QTest::newRow("valid") << u"<iq xmlns='jabber:client' id='a' type='get'><ping xmlns='urn:xmpp:ping'/></iq>"_s
                           << true;
    QTest::newRow("no id") << u"<iq xmlns='jabber:client' type='get'><ping xmlns='urn:xmpp:ping'/></iq>"_s << false;
    QTest::newRow("empty id") << u"<iq xmlns='jabber:client' id='' type='get'><ping xmlns='urn:xmpp:ping'/></iq>"_s
                              << false;
    QTest::newRow("no type") << u"<iq xmlns='jabber:client' id='a'><ping xmlns='urn:xmpp:ping'/></iq>"_s << false;
    QTest::newRow("unknown type") << u"<iq xmlns='jabber:client' id='a' type='fetch'/>"_s << false;
    QTest::newRow("type in capitals") << u"<iq xmlns='jabber:client' id='a' type='GET'/>"_s << false;
}

void tst_Stanza::iqRequiresIdAndType()
{
    QFETCH(QString, xml);
    QFETCH(bool, valid);
    QCOMPARE(fromXml<Iq>(xml).has_value(), valid);
}

void tst_Stanza::iqPayload()
{
    const auto request = fromXml<Iq>(
        u"<iq xmlns='jabber:client' id='d1' type='get'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    QVERIFY(request);
    QCOMPARE(request->payload.localName(), u"query"_s);
    QCOMPARE(request->payload.namespaceURI(), u"http://jabber.org/protocol/disco#info"_s);
    QVERIFY(request->extensions.isEmpty());
    QVERIFY(!request->error);

    // An error may echo the request; the <error/> is never the payload, wherever it is.
    const auto error = fromXml<Iq>(uR"(<iq xmlns='jabber:client' id='d1' type='error'><error type='cancel'>
                <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
                <query xmlns='http://jabber.org/protocol/disco#info'/></iq>)"_s);
    QVERIFY(error);
    QCOMPARE(error->payload.localName(), u"query"_s);
    QVERIFY(error->error);
    QCOMPARE(error->error->condition, StanzaError::Condition::ItemNotFound);

    // Two children break RFC 6120 §8.2.3; the second is kept for the caller to notice.
    const auto two = fromXml<Iq>(
        u"<iq xmlns='jabber:client' id='x' type='set'><a xmlns='urn:a'/><b xmlns='urn:b'/></iq>"_s);
    QVERIFY(two);
    QCOMPARE(two->payload.localName(), u"a"_s);
    QCOMPARE(two->extensions.size(), 1);
    QCOMPARE(two->extensions.at(0).localName(), u"b"_s);
    COMPARE_XML(two->toXml(),
                u"<iq xmlns='jabber:client' id='x' type='set'><a xmlns='urn:a'/><b xmlns='urn:b'/></iq>"_s);

    const auto empty = fromXml<Iq>(u"<iq xmlns='jabber:client' id='y' type='result'/>"_s);
    QVERIFY(empty);
    QVERIFY(empty->payload.isNull());
}

void tst_Stanza::iqMakeResult()
{
    const auto request = fromXml<Iq>(
        uR"(<iq xmlns='jabber:client' from='ai@example.org/手机' to='me@example.org/pc' id='v-17' type='get'
                xml:lang='zh'><query xmlns='jabber:iq:version'/></iq>)"_s);
    QVERIFY(request);

    const Iq result = request->makeResult();
    QCOMPARE(result.type, Iq::Type::Result);
    QVERIFY(result.payload.isNull());
    COMPARE_XML(result.toXml(), u"<iq xmlns='jabber:client' to='ai@example.org/手机' id='v-17' type='result'/>"_s);
}

void tst_Stanza::iqMakeResultToServer()
{
    // A request without 'from' comes from our own account (RFC 6120 §8.1.2.1); so goes the answer.
    const auto push = fromXml<Iq>(uR"(<iq xmlns='jabber:client' id='push1' type='set'><query xmlns='jabber:iq:roster'>
                <item jid='ai@example.org'/></query></iq>)"_s);
    QVERIFY(push);
    COMPARE_XML(push->makeResult().toXml(), u"<iq xmlns='jabber:client' id='push1' type='result'/>"_s);
}

void tst_Stanza::iqMakeError()
{
    const auto request = fromXml<Iq>(
        uR"(<iq xmlns='jabber:client' from='ai@example.org/手机' to='me@example.org/pc' id='u1' type='set'>
                <unknown xmlns='urn:example:unknown'><secret>不应回显</secret></unknown></iq>)"_s);
    QVERIFY(request);

    const Iq reply = request->makeError(StanzaError::Type::Cancel, StanzaError::Condition::ServiceUnavailable);
    QCOMPARE(reply.type, Iq::Type::Error);
    QVERIFY(reply.payload.isNull());
    QVERIFY(reply.extensions.isEmpty());
    const QByteArray xml = reply.toXml();
    // RFC 6120 §8.4: the answer to an iq nobody handles; the request's payload is not echoed (§8.3.1).
    COMPARE_XML(xml, uR"(<iq xmlns='jabber:client' to='ai@example.org/手机' id='u1' type='error'>
                           <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                           </error></iq>)"_s);
    QVERIFY2(!xml.contains("secret"), xml.constData());
}

void tst_Stanza::iqMakeErrorWithText()
{
    Iq request;
    request.type = Iq::Type::Get;
    request.id = u"q9"_s;
    request.from = Jid::fromString(u"room@muc.example.org");
    request.payload = Iq::makePayload(u"query"_s, u"jabber:iq:last"_s);

    const Iq reply = request.makeError(StanzaError::Type::Modify, StanzaError::Condition::NotAcceptable,
                                       u"这个请求无法处理"_s);
    COMPARE_XML(reply.toXml(), uR"(<iq xmlns='jabber:client' to='room@muc.example.org' id='q9' type='error'>
                                     <error type='modify'>
                                       <not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                                       <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>这个请求无法处理</text>
                                     </error></iq>)"_s);

    const auto reparsed = Iq::fromElement(parse(reply.toXml()));
    QVERIFY(reparsed);
    QCOMPARE(reparsed->error, reply.error);
}

void tst_Stanza::iqMakePayload()
{
    QDomElement query = Iq::makePayload(u"query"_s, u"jabber:iq:roster"_s);
    QCOMPARE(query.localName(), u"query"_s);
    QCOMPARE(query.namespaceURI(), u"jabber:iq:roster"_s);
    QVERIFY(query.parentNode().isNull());
    QVERIFY(!query.hasChildNodes());
    {
        // Children come from a document the caller holds until they are appended.
        QDomDocument builder;
        QDomElement item = builder.createElementNS(u"jabber:iq:roster"_s, u"item"_s);
        item.setAttribute(u"jid"_s, u"ai@example.org"_s);
        item.setAttribute(u"name"_s, u"小爱"_s);
        QDomElement group = builder.createElementNS(u"jabber:iq:roster"_s, u"group"_s);
        group.appendChild(builder.createTextNode(u"同学"_s));
        item.appendChild(group);
        query.appendChild(item);
    }

    Iq iq;
    iq.type = Iq::Type::Set;
    iq.id = u"s1"_s;
    iq.payload = query;
    COMPARE_XML(iq.toXml(), uR"(<iq xmlns='jabber:client' id='s1' type='set'><query xmlns='jabber:iq:roster'>
                                  <item jid='ai@example.org' name='小爱'><group>同学</group></item></query></iq>)"_s);

    // Payloads are independent of each other.
    const QDomElement ping = Iq::makePayload(u"ping"_s, ns::Ping);
    QVERIFY(ping != query);
    QVERIFY(!ping.hasChildNodes());
    QCOMPARE(ping.namespaceURI(), ns::Ping);
}

// ---------------------------------------------------------------------------------------------------------
// Common to all three

void tst_Stanza::invalidAddressesRejected_data()
{
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");

    QTest::newRow("valid from") << u"from"_s << u"ai@example.org/手机"_s << true;
    QTest::newRow("valid to") << u"to"_s << u"example.org"_s << true;
    QTest::newRow("empty from") << u"from"_s << QString() << false;
    QTest::newRow("empty to") << u"to"_s << QString() << false;
    QTest::newRow("empty localpart") << u"from"_s << u"@example.org"_s << false;
    QTest::newRow("empty domain") << u"to"_s << u"ai@"_s << false;
    QTest::newRow("empty resource") << u"from"_s << u"ai@example.org/"_s << false;
    QTest::newRow("only a resource") << u"to"_s << u"/pc"_s << false;
}

void tst_Stanza::invalidAddressesRejected()
{
    QFETCH(QString, attribute);
    QFETCH(QString, value);
    QFETCH(bool, valid);

    const QString address = u' ' + attribute + u"='"_s + value + u'\'';
    QCOMPARE(
        fromXml<Message>(u"<message xmlns='jabber:client'"_s + address + u"><body>嗨</body></message>"_s).has_value(),
        valid);
    QCOMPARE(fromXml<Presence>(u"<presence xmlns='jabber:client'"_s + address + u"/>"_s).has_value(), valid);
    QCOMPARE(fromXml<Iq>(u"<iq xmlns='jabber:client' id='a' type='get'"_s + address + u"/>"_s).has_value(), valid);
}

void tst_Stanza::otherElementsRejected_data()
{
    QTest::addColumn<QString>("xml");

    QTest::newRow("server namespace") << u"<message xmlns='jabber:server'><body>x</body></message>"_s;
    QTest::newRow("foreign namespace") << u"<message xmlns='urn:example:other'><body>x</body></message>"_s;
    QTest::newRow("no namespace") << u"<message><body>x</body></message>"_s;
    QTest::newRow("stream element") << u"<features xmlns='http://etherx.jabber.org/streams'/>"_s;
}

void tst_Stanza::otherElementsRejected()
{
    QFETCH(QString, xml);
    QString presenceXml = xml;
    presenceXml.replace(u"message"_s, u"presence"_s);
    QString iqXml = xml;
    iqXml.replace(u"<message"_s, u"<iq id='i' type='get'"_s).replace(u"message>"_s, u"iq>"_s);

    QCOMPARE(fromXml<Message>(xml), std::nullopt);
    QCOMPARE(fromXml<Presence>(presenceXml), std::nullopt);
    QCOMPARE(fromXml<Iq>(iqXml), std::nullopt);

    // Each parser only takes its own kind.
    QCOMPARE(fromXml<Message>(u"<presence xmlns='jabber:client'/>"_s), std::nullopt);
    QCOMPARE(fromXml<Presence>(u"<iq xmlns='jabber:client' id='a' type='get'/>"_s), std::nullopt);
    QCOMPARE(fromXml<Iq>(u"<message xmlns='jabber:client' id='a' type='chat'/>"_s), std::nullopt);
    QCOMPARE(Message::fromElement(QDomElement()), std::nullopt);
}

void tst_Stanza::langPreserved_data()
{
    QTest::addColumn<QString>("xml");

    QTest::newRow("message") << u"<message xmlns='jabber:client' xml:lang='zh-Hans'><body>简体</body></message>"_s;
    QTest::newRow("presence")
        << u"<presence xmlns='jabber:client' xml:lang='zh-Hant'><status>繁體</status></presence>"_s;
    QTest::newRow("iq")
        << u"<iq xmlns='jabber:client' id='a' type='get' xml:lang='en'><ping xmlns='urn:xmpp:ping'/></iq>"_s;
}

void tst_Stanza::langPreserved()
{
    QFETCH(QString, xml);

    QByteArray written;
    QString lang;
    if (const auto message = fromXml<Message>(xml)) {
        lang = message->lang;
        written = message->toXml();
    } else if (const auto presence = fromXml<Presence>(xml)) {
        lang = presence->lang;
        written = presence->toXml();
    } else if (const auto iq = fromXml<Iq>(xml)) {
        lang = iq->lang;
        written = iq->toXml();
    }
    QVERIFY(!written.isEmpty());
    QCOMPARE(lang, parse(xml).attributeNS(ns::Xml, u"lang"_s));
    QCOMPARE(parse(written).attributeNS(ns::Xml, u"lang"_s), lang);
    COMPARE_XML(written, xml);
}

void tst_Stanza::extensionLookup()
{
    const auto message = fromXml<Message>(
        uR"(<message xmlns='jabber:client'><body>x</body><request xmlns='urn:xmpp:receipts'/>
                     <delay xmlns='urn:xmpp:delay' stamp='2024-05-01T08:00:00Z'/>
                     <delay xmlns='urn:example:not-the-delay' stamp='never'/></message>)"_s);
    QVERIFY(message);
    QVERIFY(message->hasExtension(u"request"_s, receipts));
    QVERIFY(!message->hasExtension(u"received"_s, receipts));
    QVERIFY(!message->hasExtension(u"request"_s, ns::Delay));
    QCOMPARE(message->extension(u"delay"_s, ns::Delay).attribute(u"stamp"_s), u"2024-05-01T08:00:00Z"_s);
    QCOMPARE(message->extension(u"delay"_s, u"urn:example:not-the-delay"_s).attribute(u"stamp"_s), u"never"_s);
    QVERIFY(message->extension(u"body"_s, ns::Client).isNull());
}

QTEST_GUILESS_MAIN(tst_Stanza)
#include "tst_stanza.moc"
