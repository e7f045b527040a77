// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The chat XEPs' payloads read from real XML and written back (MessagePayloads), docs/SECURITY.md rule 4
// (stanza-id trust) among them. ChatManager's own rules are tested over the wire in tst_chatmanager.
#include "messaging/MessagePayloads.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QTest>

using namespace Qt::StringLiterals;
namespace mp = MessagePayloads;

namespace {
Message parseMessage(const QString &xml)
{
    const auto message = Message::fromElement(XmlWriter::parseElement(xml));
    if (!message)
        qFatal("not a message: %s", qPrintable(xml));
    return *message;
}
} // namespace

class tst_MessagePayloads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsEveryPayload();
    void stanzaIdTrustedOnlyWhenUnique();
    void delayAndExpire();
    void delayFromOneEntityOnly();
    void writtenPayloadsRoundTrip();
    void chatStateNames();
};

void tst_MessagePayloads::readsEveryPayload()
{
    const Message m = parseMessage(
        u"<message xmlns='jabber:client' from='bob@example.org/pc' to='alice@example.org' type='chat' id='m1'>"
        "<body>hi</body><request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>"
        "<composing xmlns='http://jabber.org/protocol/chatstates'/>"
        "<replace xmlns='urn:xmpp:message-correct:0' id='m0'/>"
        "<origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>"_s);
    QVERIFY(mp::hasReceiptRequest(m));
    QVERIFY(mp::isMarkable(m));
    QCOMPARE(mp::chatState(m), ChatState::Composing);
    QCOMPARE(mp::replaceId(m), u"m0"_s);
    QCOMPARE(mp::originId(m), u"o1"_s);
    QVERIFY(mp::receivedId(m).isEmpty());
    QVERIFY(mp::displayedId(m).isEmpty());

    const Message ack = parseMessage(
        u"<message xmlns='jabber:client' from='bob@example.org/pc'><received xmlns='urn:xmpp:receipts' id='m1'/>"
        "<displayed xmlns='urn:xmpp:chat-markers:0' id='m2'/></message>"_s);
    QCOMPARE(mp::receivedId(ack), u"m1"_s);
    QCOMPARE(mp::displayedId(ack), u"m2"_s);
    QCOMPARE(mp::chatState(ack), ChatState::None);
    QVERIFY(!mp::hasReceiptRequest(ack));

    // The same names in another namespace mean nothing.
    const Message foreign = parseMessage(
        u"<message xmlns='jabber:client'><request xmlns='urn:example'/><composing xmlns='urn:example'/>"
        "<replace xmlns='urn:example' id='x'/></message>"_s);
    QVERIFY(!mp::hasReceiptRequest(foreign));
    QCOMPARE(mp::chatState(foreign), ChatState::None);
    QVERIFY(mp::replaceId(foreign).isEmpty());
}

void tst_MessagePayloads::stanzaIdTrustedOnlyWhenUnique()
{
    const Jid own = Jid::fromString(u"alice@example.org");
    const Message one = parseMessage(
        u"<message xmlns='jabber:client'><stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='s1'/>"
        "<stanza-id xmlns='urn:xmpp:sid:0' by='room@muc.example.org' id='other'/></message>"_s);
    QCOMPARE(mp::stanzaIdBy(one, own), u"s1"_s);
    // docs/SECURITY.md rule 4: the sender's forged one next to the server's: neither is trusted.
    const Message two = parseMessage(
        u"<message xmlns='jabber:client'><stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='forged'/>"
        "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='s2'/></message>"_s);
    QVERIFY(mp::stanzaIdBy(two, own).isEmpty());
    const Message none = parseMessage(
        u"<message xmlns='jabber:client'><stanza-id xmlns='urn:xmpp:sid:0' by='example.org' id='s3'/></message>"_s);
    QVERIFY(mp::stanzaIdBy(none, own).isEmpty());
}

void tst_MessagePayloads::delayAndExpire()
{
    // A <forwarded/>'s delay (the archive's stamp, XEP-0297 §3).
    const QString xml = u"<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
                        "stamp='2026-01-02T03:04:05.678+08:00'/><message xmlns='jabber:client'/></forwarded>"_s;
    QCOMPARE(mp::delayStamp(XmlWriter::parseElement(xml)),
             QDateTime(QDate(2026, 1, 1), QTime(19, 4, 5, 678), QTimeZone::UTC));
    const Message m = parseMessage(
        u"<message xmlns='jabber:client'><x xmlns='jabber:x:expire' seconds='30'/></message>"_s);
    QCOMPARE(mp::expireSeconds(m), std::optional<qint64>(30));
    QVERIFY(
        !mp::delayStamp(XmlWriter::parseElement(
                            u"<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='yesterday'/>"
                            "</forwarded>"_s))
             .isValid());
    const Message bad = parseMessage(
        u"<message xmlns='jabber:client'><x xmlns='jabber:x:expire' seconds='-5'/></message>"_s);
    QVERIFY(!mp::expireSeconds(bad));
}

void tst_MessagePayloads::delayFromOneEntityOnly()
{
    // XEP-0160 §2: offline storage stamps the delay with from= the server's domain; the sender may add its
    // own next to it, with any from.
    const Jid server = Jid::fromString(u"example.org");
    const Message offline = parseMessage(
        u"<message xmlns='jabber:client'><delay xmlns='urn:xmpp:delay' from='bob@example.org/pc' "
        "stamp='2001-01-01T00:00:00Z'/><delay xmlns='urn:xmpp:delay' from='example.org' "
        "stamp='2026-01-02T03:04:05Z'/></message>"_s);
    QCOMPARE(mp::delayStampFrom(offline, server), QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), QTimeZone::UTC));
    QVERIFY(!mp::delayStampFrom(offline, Jid::fromString(u"other.org")).isValid());
    QVERIFY(!mp::delayStampFrom(offline, Jid()).isValid());
    const Message twice = parseMessage(
        u"<message xmlns='jabber:client'><delay xmlns='urn:xmpp:delay' from='example.org' "
        "stamp='2001-01-01T00:00:00Z'/><delay xmlns='urn:xmpp:delay' from='example.org' "
        "stamp='2026-01-02T03:04:05Z'/></message>"_s);
    QVERIFY(!mp::delayStampFrom(twice, server).isValid());
    const Message noFrom = parseMessage(
        u"<message xmlns='jabber:client'><delay xmlns='urn:xmpp:delay' stamp='2026-01-02T03:04:05Z'/></message>"_s);
    QVERIFY(!mp::delayStampFrom(noFrom, server).isValid());
}

void tst_MessagePayloads::writtenPayloadsRoundTrip()
{
    Message m;
    m.to = Jid::fromString(u"bob@example.org");
    m.type = Message::Type::Chat;
    m.id = u"abc"_s;
    m.body = u"好的 <b>&"_s;
    mp::add(m, u"request"_s, ns::Receipts);
    mp::add(m, u"origin-id"_s, ns::StanzaIds, u"id"_s, u"abc"_s);
    mp::add(m, u"replace"_s, ns::MessageCorrection, u"id"_s, u"old"_s);
    const QByteArray xml = m.toXml();
    QVERIFY2(xml.contains("<request xmlns=\"urn:xmpp:receipts\"/>"), xml.constData());
    QVERIFY(xml.contains("&lt;b&gt;&amp;"));
    const Message back = parseMessage(
        QString::fromUtf8(xml).replace(u"<message "_s, u"<message xmlns='jabber:client' "_s));
    QVERIFY(mp::hasReceiptRequest(back));
    QCOMPARE(mp::originId(back), u"abc"_s);
    QCOMPARE(mp::replaceId(back), u"old"_s);
    QCOMPARE(back.body, m.body);
}

void tst_MessagePayloads::chatStateNames()
{
    for (ChatState state :
         {ChatState::Active, ChatState::Composing, ChatState::Paused, ChatState::Inactive, ChatState::Gone})
        QCOMPARE(ChatStates::fromElementName(ChatStates::elementName(state)), std::optional<ChatState>(state));
    QVERIFY(!ChatStates::fromElementName(u"typing"));
}

QTEST_GUILESS_MAIN(tst_MessagePayloads)
#include "tst_messagepayloads.moc"
