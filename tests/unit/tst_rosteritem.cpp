// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// RosterItem: parsing and writing jabber:iq:roster items (RFC 6121 §2.1.2).
#include "stanza/RosterItem.h"
#include "xml/XmlWriter.h"
#include "XmlTestUtils.h"

#include <QDomElement>
#include <QTest>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

using XmlTestUtils::parse;

namespace {

QDomElement written(const RosterItem &item)
{
    return parse(QString::fromUtf8(XmlWriter::toBytes([&](QXmlStreamWriter &out) { item.write(out); })));
}

} // namespace

class tst_RosterItem : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesAllFields();
    void roundTripChinese_data();
    void roundTripChinese();
    void writesNoDefaults();
    void rejectsBadJids_data();
    void rejectsBadJids();
    void wrongNamespaceIsNotAnItem();
    void unknownSubscriptionIsNone();
    void groupsAreDeduplicatedAndNonEmpty();
    void manyGroupsInLinearTime();
    void subscriptionHelpers();
};

void tst_RosterItem::parsesAllFields()
{
    const auto item = RosterItem::fromElement(
        parse(uR"(<item xmlns='jabber:iq:roster' jid='小红@Example.org' name='小红' subscription='both'
                  ask='subscribe' approved='true'><group>同学</group><group>好友</group></item>)"_s));
    QVERIFY(item);
    QCOMPARE(item->jid, Jid::fromString(u"小红@example.org"_s));
    QCOMPARE(item->name, u"小红"_s);
    QCOMPARE(item->subscription, RosterItem::Subscription::Both);
    QVERIFY(item->pendingOut);
    QVERIFY(item->approved);
    QCOMPARE(item->groups, (QStringList{u"同学"_s, u"好友"_s}));
}

void tst_RosterItem::roundTripChinese_data()
{
    QTest::addColumn<RosterItem>("item");
    RosterItem full;
    full.jid = Jid::fromString(u"张伟@例子.中国"_s);
    full.name = u"老张 🐼"_s;
    full.subscription = RosterItem::Subscription::To;
    full.pendingOut = true;
    full.approved = true;
    full.groups = {u"大学同学"_s, u"同事"_s, u"My Friends"_s};
    QTest::newRow("full") << full;

    RosterItem bare;
    bare.jid = Jid::fromString(u"bob@example.org"_s);
    QTest::newRow("only jid") << bare;

    RosterItem removal;
    removal.jid = Jid::fromString(u"小明@example.org"_s);
    removal.subscription = RosterItem::Subscription::Remove;
    QTest::newRow("remove") << removal;
}

void tst_RosterItem::roundTripChinese()
{
    QFETCH(RosterItem, item);
    const QDomElement element = written(item);
    QCOMPARE(element.namespaceURI(), u"jabber:iq:roster"_s);
    QCOMPARE(element.localName(), u"item"_s);
    const auto parsed = RosterItem::fromElement(element);
    QVERIFY(parsed);
    QCOMPARE(*parsed, item);
}

void tst_RosterItem::writesNoDefaults()
{
    // RFC 6121 §2.1.2.1/§2.1.2.2: a client's roster set carries no 'ask' or 'approved', and no subscription
    // other than 'remove'.
    RosterItem item;
    item.jid = Jid::fromString(u"bob@example.org"_s);
    item.groups = {u"同学"_s};
    const QDomElement element = written(item);
    QVERIFY(!element.hasAttribute(u"subscription"_s));
    QVERIFY(!element.hasAttribute(u"ask"_s));
    QVERIFY(!element.hasAttribute(u"approved"_s));
    QVERIFY(!element.hasAttribute(u"name"_s));
    QCOMPARE(element.attribute(u"jid"_s), u"bob@example.org"_s);
    QCOMPARE(element.firstChildElement().namespaceURI(), u"jabber:iq:roster"_s);
    QCOMPARE(element.firstChildElement().text(), u"同学"_s);
}

void tst_RosterItem::rejectsBadJids_data()
{
    QTest::addColumn<QString>("xml");
    QTest::newRow("missing") << u"<item xmlns='jabber:iq:roster' name='x'/>"_s;
    QTest::newRow("empty") << u"<item xmlns='jabber:iq:roster' jid=''/>"_s;
    QTest::newRow("invalid") << u"<item xmlns='jabber:iq:roster' jid='a@b@c'/>"_s;
    QTest::newRow("full jid") << u"<item xmlns='jabber:iq:roster' jid='bob@example.org/手机'/>"_s;
}

void tst_RosterItem::rejectsBadJids()
{
    QFETCH(QString, xml);
    QVERIFY(!RosterItem::fromElement(parse(xml)));
}

void tst_RosterItem::wrongNamespaceIsNotAnItem()
{
    QVERIFY(!RosterItem::fromElement(parse(u"<item xmlns='jabber:client' jid='bob@example.org'/>"_s)));
    QVERIFY(!RosterItem::fromElement(parse(u"<entry xmlns='jabber:iq:roster' jid='bob@example.org'/>"_s)));
}

void tst_RosterItem::unknownSubscriptionIsNone()
{
    const auto item = RosterItem::fromElement(
        parse(u"<item xmlns='jabber:iq:roster' jid='bob@example.org' subscription='friends' ask='maybe'/>"_s));
    QVERIFY(item);
    QCOMPARE(item->subscription, RosterItem::Subscription::None);
    QVERIFY(!item->pendingOut);
}

void tst_RosterItem::groupsAreDeduplicatedAndNonEmpty()
{
    const auto item = RosterItem::fromElement(
        parse(uR"(<item xmlns='jabber:iq:roster' jid='bob@example.org'><group>同学</group><group/>
              <group>同学</group><other xmlns='urn:x'>同事</other><group>家人</group></item>)"_s));
    QVERIFY(item);
    QCOMPARE(item->groups, (QStringList{u"同学"_s, u"家人"_s}));

    RosterItem duplicates;
    duplicates.jid = Jid::fromString(u"bob@example.org"_s);
    duplicates.groups = {u"a"_s, u""_s, u"a"_s};
    QCOMPARE(RosterItem::fromElement(written(duplicates))->groups, QStringList{u"a"_s});
}

void tst_RosterItem::manyGroupsInLinearTime()
{
    // A 1 MB stanza (StreamParser's limit) holds some 50,000 groups. With a list search per group to drop
    // duplicates, parsing such a roster push from a hostile server took 14 s of the GUI thread, and writing
    // it 17 s. Four times as many groups would take the quadratic code some four minutes, past this test's
    // CTest time-out: the time-out is the bound, not a timed assertion (timings belong in tests/bench).
    QString xml = u"<item xmlns='jabber:iq:roster' jid='bob@example.org'>"_s;
    constexpr int Count = 200000;
    for (int i = 0; i < Count; ++i)
        xml += u"<group>g"_s + QString::number(i) + u"</group>"_s;
    xml += u"<group>g0</group></item>"_s;
    const auto item = RosterItem::fromElement(parse(xml));
    QVERIFY(item);
    QCOMPARE(item->groups.size(), Count);
    QCOMPARE(item->groups.last(), u"g199999"_s);

    const QDomElement again = written(*item);
    QCOMPARE(again.elementsByTagName(u"group"_s).size(), Count);
}

void tst_RosterItem::subscriptionHelpers()
{
    RosterItem item;
    QVERIFY(!item.hasSubscriptionTo() && !item.hasSubscriptionFrom());
    item.subscription = RosterItem::Subscription::To;
    QVERIFY(item.hasSubscriptionTo() && !item.hasSubscriptionFrom());
    item.subscription = RosterItem::Subscription::From;
    QVERIFY(!item.hasSubscriptionTo() && item.hasSubscriptionFrom());
    item.subscription = RosterItem::Subscription::Both;
    QVERIFY(item.hasSubscriptionTo() && item.hasSubscriptionFrom());
    QCOMPARE(RosterItem::subscriptionName(RosterItem::Subscription::Remove), u"remove"_s);
    QCOMPARE(RosterItem::subscriptionFromName(u"from"), RosterItem::Subscription::From);
    QVERIFY(!RosterItem::subscriptionFromName(u"Both"));
}

QTEST_GUILESS_MAIN(tst_RosterItem)
#include "tst_rosteritem.moc"
