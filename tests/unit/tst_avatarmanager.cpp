// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// AvatarManager over the in-memory transport: XEP-0153 hashes in presence (ours and contacts'), the vCard
// fetched for a new hash, XEP-0084 metadata events and data, publishing our own avatar, and the limits of
// docs/SECURITY.md: image checks (rule 7), origin checks (rule 3) and what a hash may cost (rule 10).
#include "ImageTestUtils.h"
#include "TestClient.h"

#include "extensions/AvatarManager.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "extensions/VCardManager.h"
#include "storage/AvatarStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using ImageTestUtils::png;

namespace {

const Jid Bob = Jid::fromString(u"bob@example.org");

QString sha1(const QByteArray &data)
{
    return AvatarStore::sha1Hex(data);
}

QString b64(const QByteArray &data)
{
    return QString::fromLatin1(data.toBase64());
}

QString photoPresence(const QString &from, const QString &hash)
{
    return u"<presence from='%1'><x xmlns='vcard-temp:x:update'><photo>%2</photo></x></presence>"_s.arg(from, hash);
}

QString vCardWithPhoto(const QString &id, const QString &from, const QByteArray &image, const QString &fields = {})
{
    const QString origin = from.isEmpty() ? QString() : u" from='%1'"_s.arg(from);
    const QString photo = image.isEmpty() ? QString()
                                          : u"<PHOTO><TYPE>image/png</TYPE>"
                                            "<BINVAL>%1</BINVAL></PHOTO>"_s.arg(b64(image));
    return u"<iq type='result' id='%1'%2><vCard xmlns='vcard-temp'>%3%4</vCard></iq>"_s.arg(id, origin, fields, photo);
}

QString metadataEvent(const QString &from, const QString &infos)
{
    return u"<message from='%1'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
           "<items node='urn:xmpp:avatar:metadata'><item id='x'><metadata xmlns='urn:xmpp:avatar:metadata'>%2"
           "</metadata></item></items></event></message>"_s.arg(from, infos);
}

QString dataRequest(const QString &id, const QString &to, const QString &hash)
{
    return u"<iq type='get' id='%1' to='%2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
           "<items node='urn:xmpp:avatar:data'><item id='%3'/></items></pubsub></iq>"_s.arg(id, to, hash);
}

QString dataResult(const QString &id, const QString &from, const QString &hash, const QString &data)
{
    return u"<iq type='result' id='%1' from='%2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
           "<items node='urn:xmpp:avatar:data'><item id='%3'><data xmlns='urn:xmpp:avatar:data'>%4</data></item>"
           "</items></pubsub></iq>"_s.arg(id, from, hash, data);
}

QString notFound(const QString &id, const QString &from)
{
    return u"<iq type='error' id='%1' from='%2'><error type='cancel'>"
           "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s.arg(id, from);
}

/// A client with a VCardManager and an AvatarManager on a temporary AvatarStore (and, if asked, a
/// RosterManager with Bob on it, or a PresenceManager). What the managers send as the session starts is kept
/// (TestClient::setKeepSessionStart), so that connect() answers it.
struct Fixture
{
    QTemporaryDir dir;
    AvatarStore store{dir.path()};
    TestClient client;
    VCardManager *vCards = nullptr;
    PresenceManager *presence = nullptr;
    RosterManager *roster = nullptr;
    AvatarManager *avatars = nullptr;

    explicit Fixture(bool withRoster = false, bool withPresence = false)
    {
        client.setKeepSessionStart(true);
        vCards = client.addExtension<VCardManager>();
        if (withRoster)
            roster = client.addExtension<RosterManager>();
        if (withPresence)
            presence = client.addExtension<PresenceManager>();
        avatars = client.addExtension<AvatarManager>(&store, vCards);
        avatars->setRosterManager(roster);
    }
    /// Signs in and answers what the session start asks: the roster (Bob) and our own vCard (XEP-0153 §4.2,
    /// with @p ownPhoto). Then nothing is left sent and the ids start again at "id1".
    void connect(const QByteArray &ownPhoto = {})
    {
        QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
        QString ownId = u"id1"_s;
        if (roster) {
            client.expect(u"<iq type='get' id='id1'><query xmlns='jabber:iq:roster'/></iq>"_s);
            client.inject(u"<iq type='result' id='id1'><query xmlns='jabber:iq:roster'>"
                          "<item jid='bob@example.org' subscription='both'/></query></iq>"_s);
            ownId = u"id2"_s;
        }
        if (presence)
            client.expect(u"<presence><x xmlns='vcard-temp:x:update'/></presence>"_s);   // not ready yet
        client.expect(u"<iq type='get' id='%1'><vCard xmlns='vcard-temp'/></iq>"_s.arg(ownId));
        client.inject(vCardWithPhoto(ownId, {}, ownPhoto));
        client.clearSent();
        client.resetIds();
    }
};

struct Catch
{
    std::optional<AvatarManager::AvatarReply> reply;
    auto callback()
    {
        return [this](const AvatarManager::AvatarReply &r) { reply = r; };
    }
};

} // namespace

class tst_AvatarManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presenceBeforeOwnVCardSaysNotReady();
    void ownHashInPresence();
    void newOwnHashAnnounced();
    void newHashFetchesVCard();
    void knownHashNeedsNoFetch();
    void notReadyAndNoAvatar();
    void mismatchedPhotoRefused();
    void oversizedImageRefused();
    void strangersHashCostsNothing();
    void oneFetchAtATimeLatestWins();
    void fetchesRateLimited();
    void fetchEndsWithTheStream();
    void offlineFetchFails();
    void pepEventFetchesData();
    void pepEventNotFromBareJidIgnored();
    void pepUrlNeverFetched();
    void pepDataNotBase64OrTooLargeRefused();
    void requestAvatarPepThenVCard();
    void avatarFromFetchedVCard();
    void setOwnAvatarPublishes();
    void setOwnAvatarRefusesBadImage();
};

void tst_AvatarManager::presenceBeforeOwnVCardSaysNotReady()
{
    // XEP-0153 §4.2: our own vCard is read as the session starts; until it is, presences carry <x/> without
    // <photo/> ("not ready").
    Fixture f;
    QVERIFY(f.client.connectAs(u"alice@example.org/desk"_s));
    f.client.expect(u"<iq type='get' id='id1'><vCard xmlns='vcard-temp'/></iq>"_s);
    QVERIFY(f.client.send(Presence()));
    f.client.expect(u"<presence><x xmlns='vcard-temp:x:update'/></presence>"_s);
    // Only available presences carry it.
    Presence subscribe;
    subscribe.type = Presence::Type::Subscribe;
    subscribe.to = Bob;
    QVERIFY(f.client.send(subscribe));
    f.client.expect(u"<presence type='subscribe' to='bob@example.org'/>"_s);
}

void tst_AvatarManager::ownHashInPresence()
{
    Fixture f;
    const QByteArray image = png(8, 8, 1);
    f.connect(image);
    QCOMPARE(f.avatars->ownAvatarHash(), sha1(image));
    QCOMPARE(f.store.load(sha1(image)), image);
    QVERIFY(f.client.send(Presence()));
    f.client.expect(u"<presence><x xmlns='vcard-temp:x:update'><photo>%1</photo></x></presence>"_s.arg(sha1(image)));
    // An <x/> the caller put in already is left alone.
    Presence own;
    own.extensions.append(TestClient::parseStanza(u"<x xmlns='vcard-temp:x:update'><photo/></x>"_s));
    QVERIFY(f.client.send(own));
    f.client.expect(u"<presence><x xmlns='vcard-temp:x:update'><photo/></x></presence>"_s);
}

void tst_AvatarManager::newOwnHashAnnounced()
{
    // XEP-0153 §4.1: a hash learnt at login is announced in a new presence; without a photo, an empty one.
    Fixture f(false, true);
    QVERIFY(f.client.connectAs(u"alice@example.org/desk"_s));
    f.client.expect(u"<presence><x xmlns='vcard-temp:x:update'/></presence>"_s);   // the initial presence
    f.client.expect(u"<iq type='get' id='id1'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id1"_s, {}, {}, u"<FN>Alice</FN>"_s));
    f.client.expect(u"<presence><x xmlns='vcard-temp:x:update'><photo/></x></presence>"_s);
    f.client.expectNoSent();
    QCOMPARE(f.avatars->ownAvatarHash(), QString());
}

void tst_AvatarManager::newHashFetchesVCard()
{
    Fixture f;
    f.connect();
    QSignalSpy changed(f.avatars, &AvatarManager::avatarChanged);
    const QByteArray image = png(16, 16, 2);
    // XEP-0153 §4.3: a hash we do not hold fetches the contact's vCard from its bare JID.
    f.client.inject(photoPresence(u"bob@example.org/phone"_s, sha1(image)));
    f.client.expect(u"<iq type='get' id='id1' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id1"_s, u"bob@example.org"_s, image));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<Jid>(), Bob);
    QCOMPARE(changed.at(0).at(1).toString(), sha1(image));
    QCOMPARE(f.avatars->avatarHash(Jid::fromString(u"bob@example.org/pc")), sha1(image));
    QCOMPARE(f.store.load(sha1(image)), image);
    f.client.expectNoSent();
}

void tst_AvatarManager::knownHashNeedsNoFetch()
{
    Fixture f;
    f.connect();
    QSignalSpy changed(f.avatars, &AvatarManager::avatarChanged);
    const QByteArray image = png(8, 8, 1);
    const QString hash = f.store.store(image);
    QVERIFY(!hash.isEmpty());
    // The hash is case-insensitive hex (XEP-0153 §3.1); an image we hold is used at once.
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, hash.toUpper()));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(f.avatars->avatarHash(Bob), hash);
    // What is no SHA-1 is not a hash at all.
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, u"../../etc/passwd"_s));
    QCOMPARE(f.avatars->avatarHash(Bob), hash);
    f.client.expectNoSent();
}

void tst_AvatarManager::notReadyAndNoAvatar()
{
    Fixture f;
    f.connect();
    QSignalSpy changed(f.avatars, &AvatarManager::avatarChanged);
    const QString hash = f.store.store(png(8, 8, 1));
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, hash));
    // XEP-0153 §4.3: <x/> without <photo/> is "not ready": nothing changes; an empty <photo/> is "no avatar".
    f.client.inject(u"<presence from='bob@example.org/pc'><x xmlns='vcard-temp:x:update'/></presence>"_s);
    QCOMPARE(f.avatars->avatarHash(Bob), hash);
    f.client.inject(u"<presence from='bob@example.org/pc' type='unavailable'><x xmlns='vcard-temp:x:update'><photo/>"
                    "</x></presence>"_s);
    QCOMPARE(f.avatars->avatarHash(Bob), hash);   // only available presences advertise
    f.client.inject(u"<presence from='bob@example.org/pc'><x xmlns='vcard-temp:x:update'><photo/></x></presence>"_s);
    QCOMPARE(f.avatars->avatarHash(Bob), QString());
    QCOMPARE(changed.size(), 2);
    f.client.expectNoSent();
}

void tst_AvatarManager::mismatchedPhotoRefused()
{
    // XEP-0153 §4.3 and docs/SECURITY.md rule 7: a photo is kept only if it hashes to what was advertised;
    // then PEP (XEP-0398) is tried for the same hash, and without it the old avatar stays.
    Fixture f;
    f.connect();
    QSignalSpy changed(f.avatars, &AvatarManager::avatarChanged);
    QSignalSpy refused(f.avatars, &AvatarManager::avatarRefused);
    const QByteArray advertised = png(8, 8, 3);
    const QByteArray other = png(8, 8, 4);
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(advertised)));
    f.client.expect(u"<iq type='get' id='id1' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id1"_s, u"bob@example.org"_s, other));
    f.client.expect(dataRequest(u"id2"_s, u"bob@example.org"_s, sha1(advertised)));
    f.client.inject(notFound(u"id2"_s, u"bob@example.org"_s));
    QCOMPARE(refused.size(), 1);
    QVERIFY(refused.at(0).at(1).toString().contains(sha1(other)));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(f.avatars->avatarHash(Bob), QString());
    QVERIFY(!f.store.contains(sha1(other)));
    f.client.expectNoSent();
}

void tst_AvatarManager::oversizedImageRefused()
{
    // docs/SECURITY.md rule 7: an image whose header declares more pixels than an avatar may have is refused
    // from its header, before any decoding; a file that is no image is refused too.
    Fixture f;
    f.connect();
    QSignalSpy refused(f.avatars, &AvatarManager::avatarRefused);
    const QByteArray bomb = png(60000, 60000, 5, 1);
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(bomb)));
    f.client.expect(u"<iq type='get' id='id1' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id1"_s, u"bob@example.org"_s, bomb));
    f.client.expect(dataRequest(u"id2"_s, u"bob@example.org"_s, sha1(bomb)));
    f.client.inject(dataResult(u"id2"_s, u"bob@example.org"_s, sha1(bomb), b64(bomb)));
    QCOMPARE(refused.size(), 1);
    QVERIFY(!f.store.contains(sha1(bomb)));
    QCOMPARE(f.avatars->avatarHash(Bob), QString());

    const QByteArray svg = "<svg xmlns='http://www.w3.org/2000/svg'/>";
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(svg)));
    f.client.expect(u"<iq type='get' id='id3' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id3"_s, u"bob@example.org"_s, svg));
    f.client.expect(dataRequest(u"id4"_s, u"bob@example.org"_s, sha1(svg)));
    f.client.inject(notFound(u"id4"_s, u"bob@example.org"_s));
    QCOMPARE(refused.size(), 2);
    QVERIFY(!f.store.contains(sha1(svg)));
}

void tst_AvatarManager::strangersHashCostsNothing()
{
    // docs/SECURITY.md rule 10 (issue 13, finding 6): given a roster, only contacts and our own account
    // have advertised hashes fetched; a stranger's presence or PEP event sends nothing.
    Fixture f(true);
    f.connect();
    QSignalSpy changed(f.avatars, &AvatarManager::avatarChanged);
    f.client.inject(photoPresence(u"stranger@spam.example/x"_s, sha1("one")));
    f.client.inject(
        metadataEvent(u"stranger@spam.example"_s, u"<info id='%1' bytes='3' type='image/png'/>"_s.arg(sha1("two"))));
    f.client.expectNoSent();
    QCOMPARE(changed.size(), 0);
    // Bob is a contact: his hash is fetched.
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1("three")));
    f.client.expect(u"<iq type='get' id='id1' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
}

void tst_AvatarManager::oneFetchAtATimeLatestWins()
{
    // docs/SECURITY.md rule 10: one fetch per contact at a time; hashes advertised meanwhile wait, and only
    // the latest of them is fetched next.
    Fixture f;
    f.connect();
    const QByteArray a = png(8, 8, 10), b = png(8, 8, 11), c = png(8, 8, 12);
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(a)));
    f.client.expect(u"<iq type='get' id='id1' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(b)));
    f.client.inject(photoPresence(u"bob@example.org/phone"_s, sha1(c)));
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(a)));   // being fetched already
    f.client.expectNoSent();
    f.client.inject(vCardWithPhoto(u"id1"_s, u"bob@example.org"_s, a));
    QCOMPARE(f.avatars->avatarHash(Bob), sha1(a));
    // a is current again: b and c are stale, nothing more is fetched.
    f.client.expectNoSent();
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(b)));
    f.client.expect(u"<iq type='get' id='id2' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(c)));
    f.client.expectNoSent();
    f.client.inject(vCardWithPhoto(u"id2"_s, u"bob@example.org"_s, c));   // the vCard changed meanwhile
    // b does not match: PEP is asked for b ...
    f.client.expect(dataRequest(u"id3"_s, u"bob@example.org"_s, sha1(b)));
    f.client.inject(notFound(u"id3"_s, u"bob@example.org"_s));
    // ... and then c, the latest, is fetched.
    f.client.expect(u"<iq type='get' id='id4' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id4"_s, u"bob@example.org"_s, c));
    QCOMPARE(f.avatars->avatarHash(Bob), sha1(c));
    f.client.expectNoSent();
}

void tst_AvatarManager::fetchesRateLimited()
{
    // docs/SECURITY.md rule 10: at most FetchBurst fetches per contact at once, then one per FetchInterval.
    Fixture f;
    f.connect();
    for (int i = 0; i < AvatarManager::FetchBurst; ++i) {
        const QByteArray image = png(8, 8, quint8(20 + i));
        f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(image)));
        const QString id = u"id%1"_s.arg(i + 1);
        f.client.expect(u"<iq type='get' id='%1' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s.arg(id));
        f.client.inject(vCardWithPhoto(id, u"bob@example.org"_s, image));
    }
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1(png(8, 8, 30))));
    f.client.expectNoSent();
    // Another contact has a bucket of its own.
    f.client.inject(photoPresence(u"carol@example.org/pc"_s, sha1(png(8, 8, 31))));
    f.client.expect(u"<iq type='get' id='id4' to='carol@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
}

void tst_AvatarManager::fetchEndsWithTheStream()
{
    // After the end of the stream nothing more is tried (no PEP after a vCard request that never came back).
    Fixture f;
    f.connect();
    QSignalSpy refused(f.avatars, &AvatarManager::avatarRefused);
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, sha1("x")));
    f.client.expect(u"<iq type='get' id='id1' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.dropConnection();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(f.client.transport()->written().size(), 0);
    QCOMPARE(f.avatars->avatarHash(Bob), QString());
}

void tst_AvatarManager::offlineFetchFails()
{
    // A hash we do not hold needs a fetch; offline it fails at once and the avatar we had stays.
    QTemporaryDir dir;
    AvatarStore store(dir.path());
    XmppClient client;   // never connected
    auto *vCards = client.addExtension<VCardManager>();
    auto *avatars = client.addExtension<AvatarManager>(&store, vCards);
    QSignalSpy refused(avatars, &AvatarManager::avatarRefused);
    std::optional<AvatarManager::AvatarReply> reply;
    avatars->requestAvatar(Bob, &client, [&reply](const AvatarManager::AvatarReply &r) { reply = r; });
    QTRY_VERIFY(reply.has_value());
    QVERIFY(!reply->isOk());
    QCOMPARE(avatars->avatarHash(Bob), QString());
}

void tst_AvatarManager::pepEventFetchesData()
{
    // XEP-0084 §4.2: metadata from the contact's bare JID names the image; the data must hash to its id.
    Fixture f;
    f.connect();
    QSignalSpy changed(f.avatars, &AvatarManager::avatarChanged);
    const QByteArray image = png(10, 10, 6);
    const QString hash = sha1(image);
    // PNG preferred (§4.2.1); infos with a url are never fetched.
    f.client.inject(
        metadataEvent(u"bob@example.org"_s,
                      u"<info id='%1' bytes='9' type='image/png' url='https://evil.example/a.png'/>"
                      "<info id='%2' bytes='9' type='image/jpeg'/>"
                      "<info id='%3' bytes='%4' type='image/png'/>"_s.arg(sha1("url"), sha1("jpeg"), hash.toUpper())
                          .arg(image.size())));
    f.client.expect(dataRequest(u"id1"_s, u"bob@example.org"_s, hash));
    // With line breaks, as base64 may have.
    QString wrapped = b64(image);
    wrapped.insert(20, u"\n  "_s);
    f.client.inject(dataResult(u"id1"_s, u"bob@example.org"_s, hash, wrapped));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(f.avatars->avatarHash(Bob), hash);
    QCOMPARE(f.store.load(hash), image);
    // The event is the manager's: it does not reach messageReceived.
    QSignalSpy messages(&f.client, &XmppClient::messageReceived);
    f.client.inject(metadataEvent(u"bob@example.org"_s, u"<info id='%1' bytes='9' type='image/png'/>"_s.arg(hash)));
    QCOMPARE(messages.size(), 0);
    f.client.expectNoSent();
}

void tst_AvatarManager::pepEventNotFromBareJidIgnored()
{
    // XEP-0163 §4.3, docs/SECURITY.md rule 3: a PEP notification comes from the publisher's bare JID; one
    // from a full JID (a user sending it themselves) or a server is forged: taken, and changes nothing.
    Fixture f;
    f.connect();
    QSignalSpy changed(f.avatars, &AvatarManager::avatarChanged);
    QSignalSpy messages(&f.client, &XmppClient::messageReceived);
    const QString info = u"<info id='%1' bytes='9' type='image/png'/>"_s.arg(sha1("forged"));
    f.client.inject(metadataEvent(u"bob@example.org/evil"_s, info));
    f.client.inject(metadataEvent(u"example.org"_s, info));
    f.client.expectNoSent();
    QCOMPARE(changed.size(), 0);
    QCOMPARE(messages.size(), 0);
    // An event of another node is not ours to take.
    f.client.inject(u"<message from='bob@example.org'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
                    "<items node='urn:xmpp:bookmarks:1'/></event></message>"_s);
    QCOMPARE(messages.size(), 1);
}

void tst_AvatarManager::pepUrlNeverFetched()
{
    // docs/SECURITY.md rule 7: an avatar only at a URL (XEP-0084 §4.2.2) is never fetched: no avatar.
    Fixture f;
    f.connect();
    const QString hash = f.store.store(png(8, 8, 1));
    f.client.inject(photoPresence(u"bob@example.org/pc"_s, hash));
    f.client.inject(
        metadataEvent(u"bob@example.org"_s,
                      u"<info id='%1' bytes='9' type='image/png' url='http://127.0.0.1/x.png'/>"_s.arg(sha1("u"))));
    f.client.expectNoSent();
    QCOMPARE(f.avatars->avatarHash(Bob), QString());
}

void tst_AvatarManager::pepDataNotBase64OrTooLargeRefused()
{
    // docs/SECURITY.md rule 7: data that is no base64 is refused. Base64 of more than AvatarStore::MaxBytes
    // (1 MiB) is over the parser's stanza limit (also 1 MiB, rule 6) as well: the stream ends before any
    // DOM, so AvatarManager's own length check is a second line only; nothing is stored either way.
    Fixture f;
    f.connect();
    QSignalSpy refused(f.avatars, &AvatarManager::avatarRefused);
    const QString other = sha1("other");
    f.client.inject(metadataEvent(u"bob@example.org"_s, u"<info id='%1' bytes='9' type='image/png'/>"_s.arg(other)));
    f.client.expect(dataRequest(u"id1"_s, u"bob@example.org"_s, other));
    f.client.inject(dataResult(u"id1"_s, u"bob@example.org"_s, other, u"@@@not base64@@@"_s));
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(1).toString(), u"the avatar data is not base64"_s);

    const QString hash = sha1("big");
    f.client.inject(metadataEvent(u"bob@example.org"_s, u"<info id='%1' bytes='9' type='image/png'/>"_s.arg(hash)));
    f.client.expect(dataRequest(u"id2"_s, u"bob@example.org"_s, hash));
    const QString tooLong(AvatarStore::MaxBytes / 3 * 4 + 8192, u'A');
    f.client.inject(dataResult(u"id2"_s, u"bob@example.org"_s, hash, tooLong));
    QCOMPARE(refused.size(), 2);
    QVERIFY(!f.client.isConnected());
    QVERIFY(!f.store.contains(hash));
    QCOMPARE(f.avatars->avatarHash(Bob), QString());
}

void tst_AvatarManager::requestAvatarPepThenVCard()
{
    Fixture f;
    f.connect();
    const QByteArray image = png(12, 12, 7);
    Catch got;
    f.avatars->requestAvatar(Jid::fromString(u"bob@example.org/pc"), &f.client, got.callback());
    // XEP-0084 §4.3 (XEP-0060 §6.5.7): the latest metadata item first ...
    f.client.expect(u"<iq type='get' id='id1' to='bob@example.org'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    "<items node='urn:xmpp:avatar:metadata' max_items='1'/></pubsub></iq>"_s);
    f.client.inject(notFound(u"id1"_s, u"bob@example.org"_s));
    // ... then the vCard photo (XEP-0153), whatever hash it has.
    f.client.expect(u"<iq type='get' id='id2' to='bob@example.org'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id2"_s, u"bob@example.org"_s, image));
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.hash, sha1(image));
    QCOMPARE(got.reply->value.mimeType, u"image/png"_s);
    QCOMPARE(f.avatars->avatarHash(Bob), sha1(image));

    // A PEP answer from someone else than Bob never counts (docs/SECURITY.md rule 3).
    Catch second;
    f.avatars->requestAvatar(Bob, &f.client, second.callback());
    f.client.clearSent();
    f.client.inject(u"<iq type='result' id='id3' from='mallory@evil.example'>"
                    "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    "<items node='urn:xmpp:avatar:metadata'><item id='x'>"
                    "<metadata xmlns='urn:xmpp:avatar:metadata'/></item>"
                    "</items></pubsub></iq>"_s);
    QVERIFY(!second.reply);
}

void tst_AvatarManager::avatarFromFetchedVCard()
{
    Fixture f;
    f.connect();
    QSignalSpy changed(f.avatars, &AvatarManager::avatarChanged);
    QSignalSpy refused(f.avatars, &AvatarManager::avatarRefused);
    const Jid li = Jid::fromString(u"li@example.cn");
    // A vCard fetched on demand with no hash advertised: its photo becomes the avatar, checked like any other.
    VCard fetched;
    fetched.photo = {u"image/png"_s, png(12, 12, 3), {}};
    Catch got;
    f.avatars->avatarFromVCard(li, fetched, &f.client, got.callback());
    QVERIFY(got.reply->isOk());
    QCOMPARE(f.avatars->avatarHash(li), sha1(fetched.photo.data));
    QCOMPARE(changed.size(), 1);
    // What the contact advertised this session wins: Bob said "no avatar" in his presence.
    f.client.inject(u"<presence from='bob@example.org/pc'><x xmlns='vcard-temp:x:update'><photo/></x></presence>"_s);
    QCOMPARE(changed.size(), 2);
    Catch bob;
    f.avatars->avatarFromVCard(Bob, fetched, &f.client, bob.callback());
    QVERIFY(bob.reply->isOk());
    QCOMPARE(f.avatars->avatarHash(Bob), QString());
    QCOMPARE(changed.size(), 2);
    // A photo that is no image is refused, with its reason, and changes nothing.
    fetched.photo = {u"image/png"_s, "<svg>不是</svg>", {}};
    Catch wu;
    f.avatars->avatarFromVCard(Jid::fromString(u"wu@example.cn"), fetched, &f.client, wu.callback());
    QCOMPARE(wu.reply->error->condition, StanzaError::Condition::NotAcceptable);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.last().at(0).value<Jid>(), Jid::fromString(u"wu@example.cn"));
    // Without a photo, PEP metadata is asked (a client may publish only there); none there: no avatar.
    Catch zhao;
    f.avatars->avatarFromVCard(Jid::fromString(u"zhao@example.cn"), VCard{}, &f.client, zhao.callback());
    f.client.expect(u"<iq type='get' id='id1' to='zhao@example.cn'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    "<items node='urn:xmpp:avatar:metadata' max_items='1'/></pubsub></iq>"_s);
    f.client.inject(u"<iq type='result' id='id1' from='zhao@example.cn'>"
                    "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    "<items node='urn:xmpp:avatar:metadata'><item id='x'>"
                    "<metadata xmlns='urn:xmpp:avatar:metadata'/></item>"
                    "</items></pubsub></iq>"_s);
    QCOMPARE(zhao.reply->error->condition, StanzaError::Condition::ItemNotFound);
    QCOMPARE(changed.size(), 3);
    QCOMPARE(changed.last().at(1).toString(), QString());
}

void tst_AvatarManager::setOwnAvatarPublishes()
{
    // XEP-0054 §3.2 replaces the whole vCard: ours is read, only the photo changes; then XEP-0084 §4.1: the
    // data, then the metadata pointing at it; and XEP-0153 §4.1: a presence with the new hash.
    Fixture f(false, true);
    f.connect();
    f.client.clearSent();
    const QByteArray image = png(8, 6, 9);
    const QString hash = sha1(image);
    Catch got;
    f.avatars->setOwnAvatar(image, &f.client, got.callback());
    f.client.expect(u"<iq type='get' id='id1'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id1"_s, {}, png(4, 4, 1), u"<FN>Alice</FN><NICKNAME>爱丽丝</NICKNAME>"_s));
    f.client.expect(u"<iq type='set' id='id2'><vCard xmlns='vcard-temp'><FN>Alice</FN><NICKNAME>爱丽丝</NICKNAME>"
                    "<PHOTO><TYPE>image/png</TYPE><BINVAL>%1</BINVAL></PHOTO></vCard></iq>"_s.arg(b64(image)));
    QVERIFY(!got.reply);
    f.client.inject(u"<iq type='result' id='id2'/>"_s);
    QVERIFY(got.reply->isOk());
    QCOMPARE(f.avatars->ownAvatarHash(), hash);
    f.client.expect(u"<iq type='set' id='id3'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    "<publish node='urn:xmpp:avatar:data'>"
                    "<item id='%1'><data xmlns='urn:xmpp:avatar:data'>%2</data></item></publish>"
                    "</pubsub></iq>"_s.arg(hash, b64(image)));
    f.client.expect(u"<presence><x xmlns='vcard-temp:x:update'><photo>%1</photo></x></presence>"_s.arg(hash));
    f.client.expectNoSent();
    f.client.inject(u"<iq type='result' id='id3'/>"_s);
    f.client.expect(u"<iq type='set' id='id4'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    "<publish node='urn:xmpp:avatar:metadata'>"
                    "<item id='%1'><metadata xmlns='urn:xmpp:avatar:metadata'><info bytes='%2' id='%1' type='image/png'"
                    " width='8' height='6'/></metadata></item></publish></pubsub></iq>"_s.arg(hash)
                        .arg(image.size()));
    f.client.inject(u"<iq type='result' id='id4'/>"_s);
    f.client.expectNoSent();

    // Removing it: the vCard without photo, then empty metadata (XEP-0084 §4.5), no data.
    Catch removed;
    f.avatars->setOwnAvatar({}, &f.client, removed.callback());
    f.client.expect(u"<iq type='get' id='id5'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id5"_s, {}, image, u"<FN>Alice</FN>"_s));
    f.client.expect(u"<iq type='set' id='id6'><vCard xmlns='vcard-temp'><FN>Alice</FN></vCard></iq>"_s);
    f.client.inject(u"<iq type='result' id='id6'/>"_s);
    f.client.expect(u"<iq type='set' id='id7'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    "<publish node='urn:xmpp:avatar:metadata'>"
                    "<item><metadata xmlns='urn:xmpp:avatar:metadata'/></item></publish></pubsub></iq>"_s);
    f.client.expect(u"<presence><x xmlns='vcard-temp:x:update'><photo/></x></presence>"_s);
    QVERIFY(removed.reply->isOk());
    QCOMPARE(f.avatars->ownAvatarHash(), QString());
}

void tst_AvatarManager::setOwnAvatarRefusesBadImage()
{
    // docs/SECURITY.md rule 7 holds for our own image too: refused before anything is sent.
    Fixture f;
    f.connect();
    Catch got;
    f.avatars->setOwnAvatar(png(60000, 60000, 1, 1), &f.client, got.callback());
    QVERIFY(!got.reply);   // answered asynchronously all the same
    QTRY_VERIFY(got.reply.has_value());
    QCOMPARE(got.reply->error->condition, StanzaError::Condition::NotAcceptable);
    f.client.expectNoSent();
    // A refusal of the vCard publication is the reply; nothing goes to PEP or presence.
    Catch refused;
    f.avatars->setOwnAvatar(png(8, 8, 2), &f.client, refused.callback());
    f.client.expect(u"<iq type='get' id='id1'><vCard xmlns='vcard-temp'/></iq>"_s);
    f.client.inject(vCardWithPhoto(u"id1"_s, {}, {}));
    f.client.clearSent();
    f.client.inject(u"<iq type='error' id='id2'><error type='auth'>"
                    "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(refused.reply->error->condition, StanzaError::Condition::Forbidden);
    f.client.expectNoSent();
    QCOMPARE(f.avatars->ownAvatarHash(), QString());
}

QTEST_GUILESS_MAIN(tst_AvatarManager)
#include "tst_avatarmanager.moc"
