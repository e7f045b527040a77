// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// VCardManager over the in-memory transport (XEP-0054 vcard-temp, XEP-0172 nicknames): the requests it
// sends for our own and others' vCards, publishing ours, how it reads each kind of answer (a vCard, "no
// vCard", errors, malformed or oversized answers, timeouts, the end of the stream), its cache (in memory and
// in a VCardStore), and answers or nicknames from someone else than the one asked.
#include "TestClient.h"

#include "extensions/VCardManager.h"
#include "storage/Database.h"
#include "storage/VCardStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const Jid Bob = Jid::fromString(u"bob@example.org");

struct Catch
{
    std::optional<VCardManager::VCardReply> reply;
    int calls = 0;
    auto callback()
    {
        return [this](const VCardManager::VCardReply &r) {
            reply = r;
            ++calls;
        };
    }
};

QString vCardResult(const QString &id, const QString &from, const QString &fields)
{
    const QString to = from.isEmpty() ? QString() : u" from='%1'"_s.arg(from);
    return u"<iq type='result' id='%1'%2><vCard xmlns='vcard-temp'>%3</vCard></iq>"_s.arg(id, to, fields);
}

} // namespace

class tst_VCardManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestOwnVCard();
    void requestContactVCard();
    void noVCardIsAnEmptyOne();
    void errorsAreNotCached();
    void malformedAnswer();
    void timeoutAndDisconnect();
    void answerFromSomeoneElseIgnored();
    void ownVCardOnlyFromOwnAccount();
    void oversizedVCardEndsTheStream();
    void remoteMarkupStaysText();
    void publishVCard();
    void publishRefused();
    void cacheKeepsStoreAcrossSessions();
    void nicknameFromPresence();
};

void tst_VCardManager::requestOwnVCard()
{
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    QSignalSpy received(vCards, &VCardManager::vCardReceived);
    Catch got;
    // XEP-0054 §3.1: our own vCard is asked for without 'to', whether we name ourselves or not.
    vCards->requestVCard({}, &client, got.callback());
    client.expect(u"<iq type='get' id='id1'><vCard xmlns='vcard-temp'/></iq>"_s);
    vCards->requestVCard(Jid::fromString(u"alice@example.org/phone"), &client, got.callback());
    client.expect(u"<iq type='get' id='id2'><vCard xmlns='vcard-temp'/></iq>"_s);
    client.inject(vCardResult(u"id1"_s, {}, u"<FN>Alice</FN><NICKNAME>爱丽丝</NICKNAME>"_s));
    QCOMPARE(got.calls, 1);
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.fullName, u"Alice"_s);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<Jid>(), Jid::fromString(u"alice@example.org"));
    QCOMPARE(vCards->nickname(Jid::fromString(u"alice@example.org")), u"爱丽丝"_s);
    // Our server may answer from our bare JID, too.
    client.inject(vCardResult(u"id2"_s, u"alice@example.org"_s, u"<FN>Alice 2</FN>"_s));
    QCOMPARE(got.calls, 2);
    QCOMPARE(vCards->cachedVCard(Jid::fromString(u"alice@example.org"))->fullName, u"Alice 2"_s);
    client.expectNoSent();
}

void tst_VCardManager::requestContactVCard()
{
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs());
    QSignalSpy received(vCards, &VCardManager::vCardReceived);
    QSignalSpy nickChanged(vCards, &VCardManager::nicknameChanged);
    Catch got;
    // XEP-0054 §3.2: another user's vCard is asked of their bare JID, whatever resource we were given.
    vCards->requestVCard(Jid::fromString(u"bob@example.org/phone"), &client, got.callback());
    client.expect(u"<iq type='get' id='id1' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    QVERIFY(!vCards->cachedVCard(Bob));
    client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s,
                              u"<FN>Bob</FN><NICKNAME>小鲍</NICKNAME><EMAIL><INTERNET/>"
                              "<USERID>bob@example.org</USERID></EMAIL>"
                              "<X-UNKNOWN xmlns='urn:example'>kept</X-UNKNOWN>"_s));
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.nickname, u"小鲍"_s);
    QCOMPARE(got.reply->value.emails.size(), 1);
    QCOMPARE(got.reply->value.unknownElements.size(), 1);
    // The signal comes before the callback (the cache is up to date when the caller looks).
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<Jid>(), Bob);
    QCOMPARE(nickChanged.size(), 1);
    QCOMPARE(vCards->cachedVCard(Jid::fromString(u"bob@example.org/any"))->fullName, u"Bob"_s);
    QCOMPARE(vCards->nickname(Bob), u"小鲍"_s);
}

void tst_VCardManager::noVCardIsAnEmptyOne()
{
    // XEP-0054 §3.1: "no vCard" comes as item-not-found or as an empty result; both are an empty vCard.
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs());
    Catch notFound, empty, emptyVCard;
    vCards->requestVCard(Bob, &client, notFound.callback());
    vCards->requestVCard(Jid::fromString(u"carol@example.org"), &client, empty.callback());
    vCards->requestVCard(Jid::fromString(u"dave@example.org"), &client, emptyVCard.callback());
    client.clearSent();
    client.inject(u"<iq type='error' id='id1' from='bob@example.org'><error type='cancel'>"
                  "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    client.inject(u"<iq type='result' id='id2' from='carol@example.org'/>"_s);
    client.inject(u"<iq type='result' id='id3' from='dave@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    for (Catch *c : {&notFound, &empty, &emptyVCard}) {
        QVERIFY(c->reply->isOk());
        QVERIFY(!c->reply->error);
        QVERIFY(c->reply->value.isEmpty());
    }
    QVERIFY(vCards->cachedVCard(Bob));
    QVERIFY(vCards->cachedVCard(Bob)->isEmpty());
}

void tst_VCardManager::errorsAreNotCached()
{
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs());
    QSignalSpy received(vCards, &VCardManager::vCardReceived);
    Catch forbidden, unavailable;
    vCards->requestVCard(Bob, &client, forbidden.callback());
    vCards->requestVCard(Jid::fromString(u"carol@example.org"), &client, unavailable.callback());
    client.clearSent();
    client.inject(u"<iq type='error' id='id1' from='bob@example.org'><error type='auth'>"
                  "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    client.inject(u"<iq type='error' id='id2' from='carol@example.org'><error type='cancel'>"
                  "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(forbidden.reply->status, IqReply::Status::Error);
    QCOMPARE(forbidden.reply->error->condition, StanzaError::Condition::Forbidden);
    QCOMPARE(unavailable.reply->error->condition, StanzaError::Condition::ServiceUnavailable);
    QCOMPARE(received.size(), 0);
    QVERIFY(!vCards->cachedVCard(Bob));
}

void tst_VCardManager::malformedAnswer()
{
    // A result whose payload is no vcard-temp <vCard/> is not "no vCard": it is refused, and the cache
    // keeps what it had.
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs());
    Catch first;
    vCards->requestVCard(Bob, &client, first.callback());
    client.clearSent();
    client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s, u"<FN>Bob</FN>"_s));
    Catch wrongNamespace;
    vCards->requestVCard(Bob, &client, wrongNamespace.callback());
    client.clearSent();
    client.inject(u"<iq type='result' id='id2' from='bob@example.org'><vCard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
                  "<fn><text>Mallory</text></fn></vCard></iq>"_s);
    QCOMPARE(wrongNamespace.reply->status, IqReply::Status::Error);
    QCOMPARE(wrongNamespace.reply->error->condition, StanzaError::Condition::BadRequest);
    QCOMPARE(vCards->cachedVCard(Bob)->fullName, u"Bob"_s);
}

void tst_VCardManager::timeoutAndDisconnect()
{
    TestClient client;
    auto config = client.configuration();
    config.iqTimeout = 30ms;
    client.setConfiguration(config);
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs());
    QSignalSpy received(vCards, &VCardManager::vCardReceived);
    Catch timedOut;
    vCards->requestVCard(Bob, &client, timedOut.callback());
    QTRY_VERIFY_WITH_TIMEOUT(timedOut.reply.has_value(), 2000);
    QCOMPARE(timedOut.reply->status, IqReply::Status::Timeout);
    client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s, u"<FN>late</FN>"_s));
    QCOMPARE(timedOut.calls, 1);
    QVERIFY(!vCards->cachedVCard(Bob));

    Catch dropped, publish;
    vCards->requestVCard(Bob, &client, dropped.callback());
    vCards->publishVCard(VCard{}, &client, publish.callback());
    client.dropConnection();
    QCOMPARE(dropped.reply->status, IqReply::Status::Disconnected);
    QCOMPARE(publish.reply->status, IqReply::Status::Disconnected);
    QCOMPARE(received.size(), 0);
}

void tst_VCardManager::answerFromSomeoneElseIgnored()
{
    // RFC 6120 §8.1.2.1, docs/SECURITY.md rule 3: a vCard is Bob's only if Bob's account answered. Mallory
    // (who saw or guessed the id) cannot put her name on Bob's profile; neither can Bob's own full JID, as
    // the account answers for the bare JID.
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs());
    QSignalSpy received(vCards, &VCardManager::vCardReceived);
    Catch got;
    vCards->requestVCard(Bob, &client, got.callback());
    client.clearSent();
    client.inject(vCardResult(u"id1"_s, u"mallory@evil.example"_s, u"<FN>Mallory</FN>"_s));
    client.inject(vCardResult(u"id1"_s, u"example.org"_s, u"<FN>Server</FN>"_s));
    client.inject(vCardResult(u"id1"_s, u"bob@example.org/phone"_s, u"<FN>Resource</FN>"_s));
    client.inject(vCardResult(u"id1"_s, {}, u"<FN>Own account</FN>"_s));
    QCOMPARE(got.calls, 0);
    QCOMPARE(received.size(), 0);
    QVERIFY(!vCards->cachedVCard(Bob));
    client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s, u"<FN>Bob</FN>"_s));
    QCOMPARE(got.calls, 1);
    QCOMPARE(vCards->cachedVCard(Bob)->fullName, u"Bob"_s);
    QVERIFY(!vCards->cachedVCard(Jid::fromString(u"mallory@evil.example")));
}

void tst_VCardManager::ownVCardOnlyFromOwnAccount()
{
    // docs/SECURITY.md rule 3: our own vCard (asked without 'to') is answered by our account only.
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    Catch got;
    vCards->requestVCard({}, &client, got.callback());
    client.clearSent();
    client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s, u"<FN>Bob</FN>"_s));
    client.inject(vCardResult(u"id1"_s, u"alice@example.org.evil.example"_s, u"<FN>Evil</FN>"_s));
    QCOMPARE(got.calls, 0);
    client.inject(vCardResult(u"id1"_s, u"alice@example.org/desk"_s, u"<FN>Alice</FN>"_s));
    QCOMPARE(got.calls, 1);
    QCOMPARE(vCards->cachedVCard(Jid::fromString(u"alice@example.org"))->fullName, u"Alice"_s);
}

void tst_VCardManager::oversizedVCardEndsTheStream()
{
    // docs/SECURITY.md rule 6: a stanza over the parser's size limit (1 MiB) never becomes a DOM; the stream
    // ends and the request with it, and nothing is cached.
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs());
    Catch got;
    vCards->requestVCard(Bob, &client, got.callback());
    client.clearSent();
    const QString photo = QString(1100 * 1024, u'A');
    client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s,
                              u"<PHOTO><TYPE>image/png</TYPE><BINVAL>%1</BINVAL></PHOTO>"_s.arg(photo)));
    QCOMPARE(got.calls, 1);
    QCOMPARE(got.reply->status, IqReply::Status::Disconnected);
    QVERIFY(!vCards->cachedVCard(Bob));
    QVERIFY(!client.isConnected());
}

void tst_VCardManager::remoteMarkupStaysText()
{
    // docs/SECURITY.md rule 5: fields are remote text; markup in them is kept as the characters sent (the
    // views show it plain), an undecodable photo is kept as unknown XML, never guessed at.
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs());
    Catch got;
    vCards->requestVCard(Bob, &client, got.callback());
    client.clearSent();
    client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s,
                              u"<NICKNAME>&lt;img src='/dev/zero'&gt;</NICKNAME>"
                              "<PHOTO><TYPE>image/png</TYPE><BINVAL>!!not base64!!</BINVAL></PHOTO>"_s));
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.nickname, u"<img src='/dev/zero'>"_s);
    QVERIFY(got.reply->value.photo.data.isEmpty());
    QCOMPARE(got.reply->value.unknownElements.size(), 1);
    QCOMPARE(vCards->nickname(Bob), u"<img src='/dev/zero'>"_s);
}

void tst_VCardManager::publishVCard()
{
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    QSignalSpy received(vCards, &VCardManager::vCardReceived);
    VCard card;
    card.fullName = u"Alice <Liddell> & co"_s;
    card.nickname = u"爱丽丝"_s;
    card.emails = {{u"alice@example.org"_s, false, false, true, false}};
    card.photo = {u"image/png"_s, QByteArray("PNG"), {}};
    Catch got;
    vCards->publishVCard(card, &client, got.callback());
    // XEP-0054 §3.2: an iq set without 'to', the whole vCard in the DTD's order.
    client.expect(u"<iq type='set' id='id1'><vCard xmlns='vcard-temp'><FN>Alice &lt;Liddell&gt; &amp; co</FN>"
                  "<NICKNAME>爱丽丝</NICKNAME><PHOTO><TYPE>image/png</TYPE><BINVAL>UE5H</BINVAL></PHOTO>"
                  "<EMAIL><INTERNET/><USERID>alice@example.org</USERID></EMAIL></vCard></iq>"_s);
    QCOMPARE(received.size(), 0);   // nothing is ours before the server agreed
    client.inject(u"<iq type='result' id='id1'/>"_s);
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value, card);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<Jid>(), Jid::fromString(u"alice@example.org"));
    QCOMPARE(vCards->cachedVCard(Jid::fromString(u"alice@example.org")), card);
}

void tst_VCardManager::publishRefused()
{
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    QSignalSpy received(vCards, &VCardManager::vCardReceived);
    VCard card;
    card.fullName = u"Alice"_s;
    Catch got;
    vCards->publishVCard(card, &client, got.callback());
    client.clearSent();
    // Only our account answers a set to it (rule 3): a stranger's "result" is not our server agreeing.
    client.inject(u"<iq type='result' id='id1' from='mallory@evil.example/x'/>"_s);
    QCOMPARE(got.calls, 0);
    client.inject(u"<iq type='error' id='id1'><error type='modify'>"
                  "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(got.reply->status, IqReply::Status::Error);
    QCOMPARE(got.reply->error->condition, StanzaError::Condition::NotAcceptable);
    QCOMPARE(received.size(), 0);
    QVERIFY(!vCards->cachedVCard(Jid::fromString(u"alice@example.org")));
}

void tst_VCardManager::cacheKeepsStoreAcrossSessions()
{
    QTemporaryDir dir;
    Database database;
    QVERIFY(database.open(Database::filePath(dir.path())));
    VCardStore store(database);
    {
        TestClient client;
        auto *vCards = client.addExtension<VCardManager>(&store);
        QVERIFY(client.connectAs());
        Catch got;
        vCards->requestVCard(Bob, &client, got.callback());
        client.clearSent();
        client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s,
                                  u"<FN>Bob</FN><NICKNAME>小鲍</NICKNAME><PHOTO><TYPE>image/png</TYPE>"
                                  "<BINVAL>UE5H</BINVAL></PHOTO>"_s));
        QVERIFY(got.reply->isOk());
        // This session's cache has the photo bytes; the store keeps the vCard without them.
        QCOMPARE(vCards->cachedVCard(Bob)->photo.data, QByteArray("PNG"));
        QCOMPARE(store.vCard(Bob)->fullName, u"Bob"_s);
    }
    // A later run knows Bob from the store before (and without) asking anyone.
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>(&store);
    QVERIFY(client.connectAs());
    QCOMPARE(vCards->cachedVCard(Bob)->nickname, u"小鲍"_s);
    QVERIFY(vCards->cachedVCard(Bob)->photo.data.isEmpty());
    QCOMPARE(vCards->nickname(Bob), u"小鲍"_s);
    client.expectNoSent();
}

void tst_VCardManager::nicknameFromPresence()
{
    // XEP-0172 §4.2, §4.3: the nickname a contact gives itself in presence wins over its vCard's until it
    // is withdrawn; the presence itself is left for the other managers (and presenceReceived).
    TestClient client;
    auto *vCards = client.addExtension<VCardManager>();
    QVERIFY(client.connectAs());
    QSignalSpy changed(vCards, &VCardManager::nicknameChanged);
    QSignalSpy presences(&client, &XmppClient::presenceReceived);
    Catch got;
    vCards->requestVCard(Bob, &client, got.callback());
    client.clearSent();
    client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s, u"<NICKNAME>From vCard</NICKNAME>"_s));
    QCOMPARE(changed.size(), 1);
    client.inject(u"<presence from='bob@example.org/phone'>"
                  "<nick xmlns='http://jabber.org/protocol/nick'> 小鲍 </nick></presence>"_s);
    QCOMPARE(presences.size(), 1);
    QCOMPARE(vCards->nickname(Bob), u"小鲍"_s);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.last().at(0).value<Jid>(), Bob);
    // The same nickname again changes nothing.
    client.inject(u"<presence from='bob@example.org/pc'>"
                  "<nick xmlns='http://jabber.org/protocol/nick'>小鲍</nick></presence>"_s);
    QCOMPARE(changed.size(), 2);
    // A nick in another namespace is not XEP-0172's.
    client.inject(u"<presence from='bob@example.org/pc'><nick xmlns='urn:example'>Fake</nick></presence>"_s);
    QCOMPARE(vCards->nickname(Bob), u"小鲍"_s);
    // An empty nick withdraws it: the vCard's shows again.
    client.inject(u"<presence from='bob@example.org/phone'>"
                  "<nick xmlns='http://jabber.org/protocol/nick'/></presence>"_s);
    QCOMPARE(vCards->nickname(Bob), u"From vCard"_s);
    QCOMPARE(changed.size(), 3);
    // Carol's nickname is Carol's only: it says nothing about Bob.
    client.inject(u"<presence from='carol@example.org/x'>"
                  "<nick xmlns='http://jabber.org/protocol/nick'>Bob</nick></presence>"_s);
    QCOMPARE(vCards->nickname(Bob), u"From vCard"_s);
    QCOMPARE(vCards->nickname(Jid::fromString(u"carol@example.org")), u"Bob"_s);
    client.expectNoSent();
}

QTEST_GUILESS_MAIN(tst_VCardManager)
#include "tst_vcardmanager.moc"
