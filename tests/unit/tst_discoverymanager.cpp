// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// DiscoveryManager over the in-memory transport (XEP-0030): the disco#info and disco#items requests it
// sends and how it reads their answers (results, errors, malformed answers, timeouts, the end of the
// stream, answers from someone else than the addressee), and what it answers when others ask about us.
// Xin publishes no entity capabilities (XEP-0115): our presences carry no <c/>, so there is no caps hash
// or caps node to answer for.
#include "TestClient.h"

#include "extensions/DiscoveryManager.h"
#include "xml/Namespaces.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const Jid Server = Jid::fromString(u"example.org");
const Jid Bob = Jid::fromString(u"bob@example.org/phone");

// An extension with a feature of its own, to see it in our disco#info answer.
class FeatureExtension : public Extension
{
public:
    QStringList discoveryFeatures() const override { return {u"urn:xmpp:example:0"_s, u"jabber:iq:version"_s}; }

protected:
    bool handleStanza(const QDomElement &) override { return false; }
};

template <typename Reply>
struct Catch
{
    std::optional<Reply> reply;
    int calls = 0;
    auto callback()
    {
        return [this](const Reply &r) {
            reply = r;
            ++calls;
        };
    }
};

} // namespace

class tst_DiscoveryManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void infoRequestAndResult();
    void infoRequestWithNode();
    void itemsRequestAndResult();
    void errorAnswer();
    void errorWithoutCondition();
    void answerWithoutQueryIsMalformed();
    void timeout();
    void disconnectEndsRequests();
    void answerFromAnotherEntityIgnored();
    void destroyedContextGetsNoCallback();
    void answersOwnInfo();
    void ownIdentityIsEscaped();
    void answersOwnItems();
    void nodeQueryGetsItemNotFound();
    void setIsNotADiscoRequest();
};

void tst_DiscoveryManager::infoRequestAndResult()
{
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::InfoReply> got;
    disco->requestInfo(Server, {}, &client, got.callback());
    client.expect(u"<iq type='get' id='id1' to='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.inject(u"<iq type='result' id='id1' from='example.org'><query xmlns='http://jabber.org/protocol/disco#info'>"
                  "<identity category='server' type='im' name='Prosody'/><feature var='urn:xmpp:mam:2'/>"
                  "<feature var='jabber:iq:search'/><x xmlns='jabber:x:data' type='result'>"
                  "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/network/serverinfo</value></field>"
                  "</x></query></iq>"_s);
    QCOMPARE(got.calls, 1);
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.jid, Server);   // the entity asked, not whatever the answer claims
    QCOMPARE(got.reply->value.identities,
             (QList<DiscoveryManager::Identity>{{u"server"_s, u"im"_s, u"Prosody"_s, {}}}));
    QCOMPARE(got.reply->value.features, (QStringList{u"urn:xmpp:mam:2"_s, u"jabber:iq:search"_s}));
    QCOMPARE(got.reply->value.forms.size(), 1);
    client.expectNoSent();
}

void tst_DiscoveryManager::infoRequestWithNode()
{
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::InfoReply> got;
    // Markup in a node is escaped and characters XML forbids are left out: the stanza is never broken.
    disco->requestInfo(Bob, u"http://example.org/caps#abc&<\x01"_s, &client, got.callback());
    client.expect(u"<iq type='get' id='id1' to='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'"
                  " node='http://example.org/caps#abc&amp;&lt;'/></iq>"_s);
    client.inject(u"<iq type='result' id='id1' from='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'"
                  " node='http://example.org/caps#abc&amp;&lt;'><identity category='client' type='phone'/>"
                  "</query></iq>"_s);
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.node, u"http://example.org/caps#abc&<"_s);
    QVERIFY(got.reply->value.hasIdentity(u"client", u"phone"));
}

void tst_DiscoveryManager::itemsRequestAndResult()
{
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::ItemsReply> got;
    disco->requestItems(Server, u"music"_s, &client, got.callback());
    client.expect(u"<iq type='get' id='id1' to='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#items' node='music'/></iq>"_s);
    // XEP-0030 §4.1: jid is REQUIRED; an item without a valid one is skipped.
    client.inject(u"<iq type='result' id='id1' from='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#items'>"
                  "<item jid='search.example.org' name='Directory'/><item jid='pubsub.example.org' node='n1'/>"
                  "<item name='no jid'/><item jid='@broken'/><other jid='x.example.org'/></query></iq>"_s);
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value,
             (QList<DiscoveryManager::Item>{{Jid::fromString(u"search.example.org"), {}, u"Directory"_s},
                                            {Jid::fromString(u"pubsub.example.org"), u"n1"_s, {}}}));
}

void tst_DiscoveryManager::errorAnswer()
{
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::InfoReply> info;
    Catch<DiscoveryManager::ItemsReply> items;
    disco->requestInfo(Bob, {}, &client, info.callback());
    disco->requestItems(Bob, {}, &client, items.callback());
    client.clearSent();
    client.inject(u"<iq type='error' id='id1' from='bob@example.org/phone'><error type='cancel'>"
                  "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    client.inject(u"<iq type='error' id='id2' from='bob@example.org/phone'><error type='cancel'>"
                  "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                  "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>gone</text></error></iq>"_s);
    QCOMPARE(info.reply->status, IqReply::Status::Error);
    QCOMPARE(info.reply->error->condition, StanzaError::Condition::ServiceUnavailable);
    QVERIFY(info.reply->value.features.isEmpty());
    QCOMPARE(items.reply->status, IqReply::Status::Error);
    QCOMPARE(items.reply->error->condition, StanzaError::Condition::ItemNotFound);
    QCOMPARE(items.reply->error->text, u"gone"_s);
    client.expectNoSent();
}

void tst_DiscoveryManager::errorWithoutCondition()
{
    // An error answer with no <error/> at all still tells the caller there was an error.
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::InfoReply> got;
    disco->requestInfo(Server, {}, &client, got.callback());
    client.clearSent();
    client.inject(u"<iq type='error' id='id1' from='example.org'/>"_s);
    QCOMPARE(got.reply->status, IqReply::Status::Error);
    QVERIFY(got.reply->error.has_value());
    QCOMPARE(got.reply->error->condition, StanzaError::Condition::UndefinedCondition);
}

void tst_DiscoveryManager::answerWithoutQueryIsMalformed()
{
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::InfoReply> empty;
    Catch<DiscoveryManager::InfoReply> wrongNamespace;
    Catch<DiscoveryManager::ItemsReply> itemsAsInfo;
    disco->requestInfo(Server, {}, &client, empty.callback());
    disco->requestInfo(Server, {}, &client, wrongNamespace.callback());
    disco->requestItems(Server, {}, &client, itemsAsInfo.callback());
    client.clearSent();
    client.inject(u"<iq type='result' id='id1' from='example.org'/>"_s);
    client.inject(u"<iq type='result' id='id2' from='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#items'>"
                  "<item jid='a.example.org'/></query></iq>"_s);
    client.inject(u"<iq type='result' id='id3' from='example.org'><query xmlns='http://jabber.org/protocol/disco#info'>"
                  "<feature var='urn:xmpp:mam:2'/></query></iq>"_s);
    for (const auto *reply : {&empty.reply, &wrongNamespace.reply}) {
        QCOMPARE((*reply)->status, IqReply::Status::Error);
        QCOMPARE((*reply)->error->condition, StanzaError::Condition::BadRequest);
        QVERIFY((*reply)->value.features.isEmpty());
    }
    QCOMPARE(itemsAsInfo.reply->status, IqReply::Status::Error);
    QCOMPARE(itemsAsInfo.reply->error->condition, StanzaError::Condition::BadRequest);
    QVERIFY(itemsAsInfo.reply->value.isEmpty());
}

void tst_DiscoveryManager::timeout()
{
    TestClient client;
    auto config = client.configuration();
    config.iqTimeout = 30ms;
    client.setConfiguration(config);
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::InfoReply> info;
    Catch<DiscoveryManager::ItemsReply> items;
    disco->requestInfo(Server, {}, &client, info.callback());
    disco->requestItems(Server, {}, &client, items.callback());
    QTRY_VERIFY_WITH_TIMEOUT(info.reply && items.reply, 2000);
    QCOMPARE(info.reply->status, IqReply::Status::Timeout);
    QCOMPARE(items.reply->status, IqReply::Status::Timeout);
    // A late answer reaches nobody.
    client.inject(u"<iq type='result' id='id1' from='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    QCOMPARE(info.calls, 1);
}

void tst_DiscoveryManager::disconnectEndsRequests()
{
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::InfoReply> info;
    Catch<DiscoveryManager::ItemsReply> items;
    disco->requestInfo(Server, {}, &client, info.callback());
    disco->requestItems(Server, {}, &client, items.callback());
    client.dropConnection();
    QCOMPARE(info.calls, 1);
    QCOMPARE(info.reply->status, IqReply::Status::Disconnected);
    QCOMPARE(items.calls, 1);
    QCOMPARE(items.reply->status, IqReply::Status::Disconnected);
}

void tst_DiscoveryManager::answerFromAnotherEntityIgnored()
{
    // RFC 6120 §8.1.2.1 and docs/SECURITY.md rule 3: only the entity asked answers. A forged disco#info
    // could make a stranger's server pass for our directory (SearchManager trusts jabber:iq:search in it).
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::InfoReply> got;
    disco->requestInfo(Jid::fromString(u"search.example.org"), {}, &client, got.callback());
    client.clearSent();
    const QString forged = u"<iq type='result' id='id1' from='%1'><query xmlns='http://jabber.org/protocol/disco#info'>"
                           "<feature var='jabber:iq:search'/></query></iq>"_s;
    client.inject(forged.arg(u"mallory@evil.example/x"_s));
    client.inject(forged.arg(u"search.evil.example"_s));
    client.inject(forged.arg(u"search.example.org/res"_s));
    QCOMPARE(got.calls, 0);
    client.inject(u"<iq type='result' id='id1' from='search.example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    QCOMPARE(got.calls, 1);
    QVERIFY(got.reply->isOk());
    QVERIFY(!got.reply->value.hasFeature(u"jabber:iq:search"_s));
}

void tst_DiscoveryManager::destroyedContextGetsNoCallback()
{
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    Catch<DiscoveryManager::InfoReply> got;
    auto context = std::make_unique<QObject>();
    disco->requestInfo(Server, {}, context.get(), got.callback());
    context.reset();
    client.inject(u"<iq type='result' id='id1' from='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.dropConnection();
    QCOMPARE(got.calls, 0);
}

void tst_DiscoveryManager::answersOwnInfo()
{
    TestClient client;
    client.addExtension<DiscoveryManager>();
    client.addExtension<FeatureExtension>();
    QVERIFY(client.connectAs());
    // XEP-0030 §3.1: our identity, then every feature of every extension (and ping, which XmppClient
    // answers itself), sorted, each once.
    client.inject(u"<iq type='get' id='q1' from='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.expect(u"<iq type='result' id='q1' to='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'>"
                  "<identity category='client' type='pc' name='Xin'/>"
                  "<feature var='http://jabber.org/protocol/disco#info'/>"
                  "<feature var='http://jabber.org/protocol/disco#items'/>"
                  "<feature var='jabber:iq:version'/><feature var='urn:xmpp:example:0'/><feature var='urn:xmpp:ping'/>"
                  "</query></iq>"_s);
    client.expectNoSent();
    // A request from our own server (no 'from') is answered to nobody in particular.
    client.inject(u"<iq type='get' id='q2'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    const QDomElement answer = client.takeSent();
    QCOMPARE(answer.attribute(u"type"_s), u"result"_s);
    QCOMPARE(answer.attribute(u"id"_s), u"q2"_s);
}

void tst_DiscoveryManager::ownIdentityIsEscaped()
{
    TestClient client;
    auto *disco = client.addExtension<DiscoveryManager>();
    disco->setIdentity({u"client"_s, u"phone"_s, u"Xin <b>&'\""_s, u"zh-CN"_s});
    QVERIFY(client.connectAs());
    client.inject(u"<iq type='get' id='q1' from='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.expect(u"<iq type='result' id='q1' to='example.org'><query xmlns='http://jabber.org/protocol/disco#info'>"
                  "<identity category='client' type='phone' name='Xin &lt;b&gt;&amp;&apos;&quot;' xml:lang='zh-CN'/>"
                  "<feature var='http://jabber.org/protocol/disco#info'/>"
                  "<feature var='http://jabber.org/protocol/disco#items'/>"
                  "<feature var='urn:xmpp:ping'/></query></iq>"_s);
}

void tst_DiscoveryManager::answersOwnItems()
{
    TestClient client;
    client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    // XEP-0030 §4.1: we have no items, an empty query.
    client.inject(u"<iq type='get' id='q1' from='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>"_s);
    client.expect(u"<iq type='result' id='q1' to='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>"_s);
}

void tst_DiscoveryManager::nodeQueryGetsItemNotFound()
{
    // XEP-0030 §3.1, §4.1: we publish no nodes (and no XEP-0115 caps node), so any node is item-not-found,
    // whatever its text.
    TestClient client;
    client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    client.inject(u"<iq type='get' id='q1' from='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'"
                  " node='https://xin.example/caps#abc'/></iq>"_s);
    client.expect(u"<iq type='error' id='q1' to='bob@example.org/phone'><error type='cancel'>"
                  "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    client.inject(u"<iq type='get' id='q2' from='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#items'"
                  " node='&lt;x&gt;'/></iq>"_s);
    client.expect(u"<iq type='error' id='q2' to='bob@example.org/phone'><error type='cancel'>"
                  "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    client.expectNoSent();
}

void tst_DiscoveryManager::setIsNotADiscoRequest()
{
    // XEP-0030 defines only 'get'; a 'set' (and a get of another payload) is left to the client, which
    // answers what nobody takes with service-unavailable (RFC 6120 §8.4). Results are never answered.
    TestClient client;
    client.addExtension<DiscoveryManager>();
    QVERIFY(client.connectAs());
    client.inject(u"<iq type='set' id='s1' from='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.expect(u"<iq type='error' id='s1' to='bob@example.org/phone'><error type='cancel'>"
                  "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    client.inject(u"<iq type='result' id='r1' from='bob@example.org/phone'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.expectNoSent();
}

QTEST_GUILESS_MAIN(tst_DiscoveryManager)
#include "tst_discoverymanager.moc"
