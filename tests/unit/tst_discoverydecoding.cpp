// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// DiscoveryManager's decoders of disco#info and disco#items answers (XEP-0030 §3.1, §4.1).
#include "extensions/DiscoveryManager.h"
#include "XmlTestUtils.h"

#include <QTest>

using namespace Qt::StringLiterals;

using XmlTestUtils::parse;

class tst_DiscoveryDecoding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void infoIdentitiesFeaturesForms();
    void itemsSkipInvalidJids();
    void manyFeaturesInLinearTime();
};

void tst_DiscoveryDecoding::infoIdentitiesFeaturesForms()
{
    const auto info = DiscoveryManager::Info::fromQuery(
        parse(uR"(<query xmlns='http://jabber.org/protocol/disco#info' node='n'><identity category='server' type='im'/>
              <identity category='client'/><feature var='urn:xmpp:mam:2'/><feature var='urn:xmpp:mam:2'/>
              <feature/><x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'>
              <value>urn:example</value></field></x></query>)"_s));
    QVERIFY(info);
    QCOMPARE(info->node, u"n"_s);
    QCOMPARE(info->identities.size(), 1);   // category and type are both REQUIRED
    QVERIFY(info->hasIdentity(u"server", u"im"));
    QCOMPARE(info->features, QStringList{u"urn:xmpp:mam:2"_s});
    QCOMPARE(info->forms.size(), 1);
    QCOMPARE(info->forms.first().formType(), u"urn:example"_s);
    QVERIFY(!DiscoveryManager::Info::fromQuery(parse(u"<query xmlns='urn:example'/>"_s)));
}

void tst_DiscoveryDecoding::itemsSkipInvalidJids()
{
    const auto items = DiscoveryManager::Item::listFromQuery(parse(
        uR"(<query xmlns='http://jabber.org/protocol/disco#items'><item jid='conference.example.org' name='聊天室'/>
                   <item jid='a@@b'/><item/><item jid='pubsub.example.org' node='news'/></query>)"_s));
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).name, u"聊天室"_s);
    QCOMPARE(items.at(1).node, u"news"_s);
}

void tst_DiscoveryDecoding::manyFeaturesInLinearTime()
{
    // About the most a 1 MB stanza (StreamParser's limit) holds is 40,000 features, and any entity may send
    // them: with a list search per feature to drop duplicates, that answer took 8 s of the GUI thread. Five
    // times as many would take the quadratic code over three minutes, past this test's CTest time-out: the
    // time-out is the bound, not a timed assertion (timings belong in tests/bench).
    QString xml = u"<query xmlns='http://jabber.org/protocol/disco#info'>"_s;
    constexpr int Count = 200000;
    for (int i = 0; i < Count; ++i)
        xml += u"<feature var='f"_s + QString::number(i) + u"'/>"_s;
    xml += u"<feature var='f0'/></query>"_s;
    const auto info = DiscoveryManager::Info::fromQuery(parse(xml));
    QVERIFY(info);
    QCOMPARE(info->features.size(), Count);
}

QTEST_GUILESS_MAIN(tst_DiscoveryDecoding)
#include "tst_discoverydecoding.moc"
