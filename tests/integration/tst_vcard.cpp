// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// vCards and avatars against a real Prosody 13 (mod_vcard_legacy: vcard-temp kept as vCard4 + avatar in PEP,
// XEP-0398): every field through the server, XEP-0153 hashes in presence, XEP-0084 PEP avatars, refused
// photos (wrong hash, not an image, too large), profiles of offline contacts fetched on demand (ProfileFetcher),
// and xin-cli's vcard/avatar commands end to end.
#include "ClientTestUtils.h"
#include "ImageTestUtils.h"
#include "ProsodyServer.h"
#include "client/XmppClient.h"
#include "extensions/AvatarManager.h"
#include "extensions/PresenceManager.h"
#include "extensions/ProfileFetcher.h"
#include "extensions/VCardManager.h"
#include "stanza/Iq.h"
#include "stanza/VCard.h"
#include "storage/AvatarStore.h"
#include "storage/Database.h"
#include "storage/VCardStore.h"
#include "xml/XmlWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace ClientTestUtils;
using ImageTestUtils::png;

namespace {
const auto Password = u"p4ss-密码"_s;

/// One profile: its own database, vCard cache and avatar directory, and a client with the managers.
struct Account
{
    QTemporaryDir dir;
    Database database;
    std::unique_ptr<VCardStore> vCardStore;
    std::unique_ptr<AvatarStore> avatarStore;
    XmppClient client;
    VCardManager *vCards = nullptr;
    PresenceManager *presence = nullptr;
    AvatarManager *avatars = nullptr;
    QByteArray sent;

    explicit Account(bool managers = true)
    {
        if (!database.open(Database::filePath(dir.path())))
            qFatal("cannot open the test database");
        vCardStore = std::make_unique<VCardStore>(database);
        avatarStore = std::make_unique<AvatarStore>(AvatarStore::directoryFor(dir.path()));
        if (managers) {
            vCards = client.addExtension<VCardManager>(vCardStore.get());
            presence = client.addExtension<PresenceManager>();
            avatars = client.addExtension<AvatarManager>(avatarStore.get(), vCards);
        }
        QObject::connect(&client, &XmppClient::xmlSent, &client, [this](const QByteArray &xml) { sent += xml; });
    }
};

bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition() && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    return condition();
}

/// Calls @p call with a callback and waits for its reply.
template <typename Reply>
std::optional<Reply> waitReply(const std::function<void(std::function<void(const Reply &)>)> &call)
{
    std::optional<Reply> reply;
    call([&reply](const Reply &r) { reply = r; });
    waitUntil([&reply] { return reply.has_value(); });
    return reply;
}

IqReply sendIq(XmppClient &client, const Iq &iq)
{
    return waitReply<IqReply>([&](auto callback) { client.sendIq(iq, &client, callback); }).value_or(IqReply{});
}

Iq iqSet(const QString &payload)
{
    Iq iq;
    iq.type = Iq::Type::Set;
    iq.payload = XmlWriter::parseElement(payload);
    return iq;
}

QString sha1(const QByteArray &data)
{
    return AvatarStore::sha1Hex(data);
}

bool sendPresence(XmppClient &from, const Jid &to, Presence::Type type)
{
    Presence presence;
    presence.type = type;
    presence.to = to;
    return from.send(presence);
}

bool waitForPresence(QSignalSpy &spy, const Jid &from, Presence::Type type)
{
    return waitUntil([&] {
        for (const QList<QVariant> &arguments : std::as_const(spy)) {
            const auto presence = arguments.at(0).value<Presence>();
            if (presence.type == type && presence.from.bare() == from.bare())
                return true;
        }
        return false;
    });
}

/// A mutual subscription from raw stanzas (RFC 6121 §3.1).
bool makeFriends(XmppClient &a, XmppClient &b)
{
    QSignalSpy aReceived(&a, &XmppClient::presenceReceived);
    QSignalSpy bReceived(&b, &XmppClient::presenceReceived);
    if (!sendPresence(a, b.jid().bare(), Presence::Type::Subscribe)
        || !waitForPresence(bReceived, a.jid(), Presence::Type::Subscribe))
        return false;
    if (!sendPresence(b, a.jid().bare(), Presence::Type::Subscribed)
        || !sendPresence(b, a.jid().bare(), Presence::Type::Subscribe)
        || !waitForPresence(aReceived, b.jid(), Presence::Type::Subscribe))
        return false;
    return sendPresence(a, b.jid().bare(), Presence::Type::Subscribed)
        && waitForPresence(bReceived, a.jid(), Presence::Type::Subscribed);
}

bool requestRoster(XmppClient &client)
{
    Iq iq;
    iq.type = Iq::Type::Get;
    iq.payload = Iq::makePayload(u"query"_s, u"jabber:iq:roster"_s);
    return sendIq(client, iq).isResult();
}

/// A vCard with every field Xin models, in Chinese where a person would write Chinese.
VCard fullVCard()
{
    VCard card;
    card.fullName = u"王小明"_s;
    card.name = {u"王"_s, u"小明"_s, u"中"_s, u"博士"_s, u"二世"_s};
    card.nickname = u"小明🐼"_s;
    card.birthday = QDate(1990, 2, 28);
    card.emails = {{u"xm@example.cn"_s, true, false, true, false}, {u"work@example.cn"_s, false, true, true, true}};
    card.phones = {{u"+86 10 1234 5678"_s, {u"HOME"_s, u"VOICE"_s}}, {u"139 0000 0000"_s, {u"WORK"_s, u"CELL"_s}}};
    card.addresses = {
        {u"信箱 8"_s, u"3 号楼"_s, u"长安街 1 号"_s, u"北京"_s, u"北京市"_s, u"100000"_s, u"中国"_s, true, false}};
    card.jabberId = u"xm@example.cn"_s;
    card.title = u"工程师"_s;
    card.role = u"开发"_s;
    card.organization = {u"信公司"_s, {u"研发部"_s}};
    card.url = u"https://example.cn/~xm"_s;
    card.description = u"第一行\n第二行 <b>不是</b> 富文本 & 符号"_s;
    card.photo = {u"image/png"_s, png(40, 40, 11), {}};
    return card;
}

/// What Prosody 13's mod_vcard_legacy gives back of @p card: it stores vCard4 (XEP-0398) and maps back only
/// ORGNAME (no ORGUNIT), HOME/WORK of a TEL (no VOICE, CELL, ...), HOME or WORK of an EMAIL (which always
/// comes back INTERNET, never PREF).
VCard asProsodyKeepsIt(VCard card)
{
    card.organization.units.clear();
    for (VCard::Phone &phone : card.phones)
        phone.types.removeIf([](const QString &type) { return type != u"HOME" && type != u"WORK"; });
    for (VCard::Email &email : card.emails) {
        email.internet = true;
        email.preferred = false;
    }
    return card;
}

} // namespace

class tst_VCard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyFieldRoundTripsThroughServer();
    void avatarThroughVCardAndPresence();
    void avatarThroughPep();
    void mismatchedPhotoIsRefused();
    void unacceptableImagesAreRefused();
    void offlineContactsProfileOnDemand();
    void cliVCardAndAvatar();
    void cleanupTestCase();

private:
    bool login(Account &account, const QString &user, const QString &resource = u"test"_s);
    QStringList cliArgs(const QString &user) const;
    int runCli(const QStringList &args, QByteArray *out, QByteArray *err);

    ProsodyServer m_server;
    QTemporaryDir m_dir;
    QString m_passwordFile;
};

bool tst_VCard::login(Account &account, const QString &user, const QString &resource)
{
    auto config = configFor(m_server, user, Password);
    config.resource = resource;
    account.client.connectToHost(config);
    if (!waitConnected(account.client) || !requestRoster(account.client))
        return false;
    // Only available resources get friend requests and presences; the PresenceManager sends initial presence.
    return account.presence || account.client.send(Presence{});
}

void tst_VCard::initTestCase()
{
    QString error;
    ProsodyServer::Options options;
    for (const QString &user : {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"erin"_s, u"fay"_s, u"gina"_s})
        options.users << user + u':' + Password;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    m_passwordFile = m_dir.filePath(u"password"_s);
    QFile file(m_passwordFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Password.toUtf8() + '\n');
    file.close();

    // bob is friends with alice, carol, dave and gina: he sees their presences.
    Account alice(false), bob(false), carol(false), dave(false), gina(false);
    QVERIFY(login(alice, u"alice"_s, u"setup"_s));
    QVERIFY(login(bob, u"bob"_s, u"setup"_s));
    QVERIFY(login(carol, u"carol"_s, u"setup"_s));
    QVERIFY(login(dave, u"dave"_s, u"setup"_s));
    QVERIFY(login(gina, u"gina"_s, u"setup"_s));
    QVERIFY(makeFriends(alice.client, bob.client));
    QVERIFY(makeFriends(carol.client, bob.client));
    QVERIFY(makeFriends(dave.client, bob.client));
    QVERIFY(makeFriends(gina.client, bob.client));
    for (Account *account : {&alice, &bob, &carol, &dave, &gina}) {
        account->client.disconnectFromHost();
        QVERIFY(waitDisconnected(account->client));
    }
}

void tst_VCard::cleanupTestCase()
{
    m_server.stop();
}

void tst_VCard::everyFieldRoundTripsThroughServer()
{
    Account alice, bob;
    QVERIFY(login(alice, u"alice"_s));
    QVERIFY(login(bob, u"bob"_s));
    const VCard card = fullVCard();
    const auto published = waitReply<VCardManager::VCardReply>(
        [&](auto callback) { alice.vCards->publishVCard(card, &alice.client, callback); });
    QVERIFY(published && published->isOk());

    const VCard expected = asProsodyKeepsIt(card);
    const auto own = waitReply<VCardManager::VCardReply>(
        [&](auto callback) { alice.vCards->requestVCard({}, &alice.client, callback); });
    QVERIFY(own && own->isOk());
    QCOMPARE(own->value, expected);

    QSignalSpy received(bob.vCards, &VCardManager::vCardReceived);
    const auto theirs = waitReply<VCardManager::VCardReply>(
        [&](auto callback) { bob.vCards->requestVCard(alice.client.jid(), &bob.client, callback); });
    QVERIFY(theirs && theirs->isOk());
    QCOMPARE(theirs->value, expected);
    QCOMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).value<Jid>(), alice.client.jid().bare());
    // Cached by bare JID, without the photo's bytes.
    const auto cached = bob.vCardStore->vCard(alice.client.jid());
    QVERIFY(cached);
    QCOMPARE(cached->fullName, u"王小明"_s);
    QVERIFY(cached->photo.data.isEmpty());
    QCOMPARE(bob.vCards->nickname(alice.client.jid()), u"小明🐼"_s);

    // Nobody else's answer is taken for alice's vCard: a vCard of a user that has none is empty.
    const auto none = waitReply<VCardManager::VCardReply>(
        [&](auto callback) { bob.vCards->requestVCard(Jid::fromString(u"fay@localhost"), &bob.client, callback); });
    QVERIFY(none && none->isOk());
    QVERIFY(none->value.photo.isEmpty());
    QVERIFY(none->value.fullName.isEmpty());
}

void tst_VCard::avatarThroughVCardAndPresence()
{
    Account alice, bob;
    QVERIFY(login(alice, u"alice"_s));
    QVERIFY(login(bob, u"bob"_s));
    QTRY_VERIFY_WITH_TIMEOUT(bob.presence->contactPresence(alice.client.jid()).available, 10000);

    QSignalSpy changed(bob.avatars, &AvatarManager::avatarChanged);
    const QByteArray image = png(64, 64, 21);
    const QString hash = sha1(image);
    const auto set = waitReply<AvatarManager::AvatarReply>(
        [&](auto callback) { alice.avatars->setOwnAvatar(image, &alice.client, callback); });
    QVERIFY(set && set->isOk());
    QCOMPARE(set->value.hash, hash);
    QCOMPARE(alice.avatars->ownAvatarHash(), hash);
    // XEP-0153 §3.2: the new presence carries the hash.
    QVERIFY(waitUntil([&] { return alice.sent.contains(QByteArray("<photo>" + hash.toLatin1() + "</photo>")); }));

    // bob saw the hash, fetched alice's vCard, checked the photo and stored it.
    QVERIFY(waitUntil([&] {
        for (const QList<QVariant> &arguments : std::as_const(changed)) {
            if (arguments.at(0).value<Jid>() == alice.client.jid().bare() && arguments.at(1).toString() == hash)
                return true;
        }
        return false;
    }));
    QCOMPARE(bob.avatars->avatarHash(alice.client.jid()), hash);
    QCOMPARE(bob.avatarStore->load(hash), image);
    QCOMPARE(bob.vCardStore->avatarHash(alice.client.jid()), hash);

    // A later login knows alice's own hash from her vCard and advertises it at once.
    Account again;
    QVERIFY(login(again, u"alice"_s, u"second"_s));
    QVERIFY(waitUntil([&] { return again.avatars->ownAvatarHash() == hash; }));
    QVERIFY(waitUntil([&] { return again.sent.contains(QByteArray("<photo>" + hash.toLatin1() + "</photo>")); }));
}

void tst_VCard::avatarThroughPep()
{
    // carol's client knows only XEP-0084: it publishes data and metadata to PEP itself.
    Account carol(false), bob;
    QVERIFY(login(carol, u"carol"_s));
    QVERIFY(login(bob, u"bob"_s));
    const QByteArray image = png(30, 20, 31);
    const QString hash = sha1(image);
    QVERIFY(sendIq(carol.client, iqSet(uR"(<pubsub xmlns='http://jabber.org/protocol/pubsub'>
        <publish node='urn:xmpp:avatar:data'><item id='%1'><data xmlns='urn:xmpp:avatar:data'>%2</data></item>
        </publish></pubsub>)"_s.arg(hash, QString::fromLatin1(image.toBase64()))))
                .isResult());
    QVERIFY(sendIq(carol.client, iqSet(uR"(<pubsub xmlns='http://jabber.org/protocol/pubsub'>
        <publish node='urn:xmpp:avatar:metadata'><item id='%1'><metadata xmlns='urn:xmpp:avatar:metadata'>
        <info id='%1' bytes='%2' type='image/png' width='30' height='20'/>
        <info id='0000000000000000000000000000000000000000' url='http://127.0.0.1:1/never-fetched.png' type='image/png' bytes='1'/>
        </metadata></item></publish></pubsub>)"_s.arg(hash)
                                           .arg(image.size())))
                .isResult());

    // Reading it explicitly (no +notify without entity capabilities): metadata, then data by id.
    const auto reply = waitReply<AvatarManager::AvatarReply>(
        [&](auto callback) { bob.avatars->requestAvatar(carol.client.jid(), &bob.client, callback); });
    QVERIFY(reply);
    QVERIFY2(reply->isOk(), qPrintable(reply->error ? reply->error->text : u"no answer"_s));
    QCOMPARE(reply->value.hash, hash);
    QCOMPARE(reply->value.data, image);
    QCOMPARE(reply->value.mimeType, u"image/png"_s);
    QCOMPARE(bob.avatarStore->load(hash), image);
    QCOMPARE(bob.avatars->avatarHash(carol.client.jid()), hash);

    // XEP-0398: the server puts the PEP avatar's hash into carol's presence; a fresh bob follows it there.
    Account bob2;
    QSignalSpy changed(bob2.avatars, &AvatarManager::avatarChanged);
    QVERIFY(login(bob2, u"bob"_s, u"second"_s));
    carol.client.send(Presence{});
    QVERIFY(waitUntil([&] { return bob2.avatars->avatarHash(carol.client.jid()) == hash; }));
    QCOMPARE(bob2.avatarStore->load(hash), image);
}

void tst_VCard::mismatchedPhotoIsRefused()
{
    // dave's vCard holds one image, his presence advertises another's hash: bob keeps neither.
    Account dave(false), bob;
    QVERIFY(login(dave, u"dave"_s));
    QVERIFY(login(bob, u"bob"_s));
    QSignalSpy refused(bob.avatars, &AvatarManager::avatarRefused);
    VCard card;
    card.fullName = u"戴夫"_s;
    card.photo = {u"image/png"_s, png(16, 16, 41), {}};
    Iq set;
    set.type = Iq::Type::Set;
    set.payloadWriter = [card](QXmlStreamWriter &out) { card.write(out); };
    QVERIFY(sendIq(dave.client, set).isResult());
    const QString advertised = sha1(png(16, 16, 42));
    Presence presence;
    presence.extensions << XmlWriter::parseElement(
        u"<x xmlns='vcard-temp:x:update'><photo>%1</photo></x>"_s.arg(advertised));
    QVERIFY(dave.client.send(presence));

    QVERIFY(waitUntil([&] { return refused.count() > 0; }));
    QCOMPARE(refused.at(0).at(0).value<Jid>(), dave.client.jid().bare());
    const QString reason = refused.at(0).at(1).toString();
    QVERIFY2(reason.contains(u"not the advertised"_s) && reason.contains(advertised), qPrintable(reason));
    QVERIFY(!bob.avatarStore->contains(advertised));
    QVERIFY(!bob.avatarStore->contains(card.photoHash()));
    QVERIFY(bob.avatars->avatarHash(dave.client.jid()) != advertised);

    // The same with an honest hash of something that is no image: refused for what it is.
    card.photo = {u"image/png"_s, "<html>不是图片</html>", {}};
    set.payloadWriter = [card](QXmlStreamWriter &out) { card.write(out); };
    QVERIFY(sendIq(dave.client, set).isResult());
    Presence honest;
    honest.extensions << XmlWriter::parseElement(
        u"<x xmlns='vcard-temp:x:update'><photo>%1</photo></x>"_s.arg(card.photoHash()));
    QVERIFY(dave.client.send(honest));
    QVERIFY(waitUntil([&] { return refused.count() > 1; }));
    QVERIFY2(refused.at(1).at(1).toString().contains(u"not an image"_s), qPrintable(refused.at(1).at(1).toString()));
    QVERIFY(!bob.avatarStore->contains(card.photoHash()));
}

void tst_VCard::unacceptableImagesAreRefused()
{
    Account alice;
    QVERIFY(login(alice, u"alice"_s, u"refusals"_s));
    const QByteArray sentBefore = alice.sent;
    struct Case
    {
        QByteArray data;
        QString reason;
    };
    QByteArray heavy = png(64, 64, 51);
    heavy.append(QByteArray(AvatarStore::MaxBytes, '\0'));
    const Case cases[] = {
        {"GIF? no, text: 你好", u"not an image"_s},
        {png(5000, 5000, 0, 1), u"5000x5000 pixels"_s},
        {heavy, u"too large"_s},
    };
    for (const Case &c : cases) {
        const auto reply = waitReply<AvatarManager::AvatarReply>(
            [&](auto callback) { alice.avatars->setOwnAvatar(c.data, &alice.client, callback); });
        QVERIFY(reply && !reply->isOk());
        QCOMPARE(reply->error->condition, StanzaError::Condition::NotAcceptable);
        QVERIFY2(reply->error->text.contains(c.reason), qPrintable(reply->error->text));
    }
    QTest::qWait(200);
    const QByteArray sentSince = alice.sent.mid(sentBefore.size());
    QVERIFY2(!sentSince.contains("type=\"set\"") && !sentSince.contains("type='set'"), sentSince.constData());
}

void tst_VCard::offlineContactsProfileOnDemand()
{
    // gina set a vCard with a nickname and a photo, then left: no presence of hers ever tells bob a hash
    // (XEP-0153), so only an on-demand fetch gives bob her names and face.
    const QByteArray image = png(24, 24, 71);
    const Jid gina = Jid::fromString(u"gina@localhost");
    {
        Account account(false);
        QVERIFY(login(account, u"gina"_s));
        VCard card;
        card.fullName = u"吉娜"_s;
        card.nickname = u"小吉"_s;
        card.photo = {u"image/png"_s, image, {}};
        Iq set;
        set.type = Iq::Type::Set;
        set.payloadWriter = [card](QXmlStreamWriter &out) { card.write(out); };
        QVERIFY(sendIq(account.client, set).isResult());
        account.client.disconnectFromHost();
        QVERIFY(waitDisconnected(account.client));
    }

    Account bob;
    ProfileFetcher fetcher(&bob.client, bob.vCards, bob.avatars);
    fetcher.setStartDelay(0ms);
    QSignalSpy fetched(&fetcher, &ProfileFetcher::profileFetched);
    int mostInFlight = 0;
    QObject::connect(&bob.client, &XmppClient::xmlSent, &fetcher,
                     [&] { mostInFlight = qMax(mostInFlight, fetcher.inFlight()); });
    // Asked before signing in: it waits for the connection.
    fetcher.request(gina);
    QCOMPARE(fetcher.queued(), 1);
    QVERIFY(login(bob, u"bob"_s, u"on-demand"_s));
    QVERIFY(waitUntil([&] { return fetched.count() == 1; }));
    QCOMPARE(fetched.at(0).at(0).value<Jid>(), gina);
    QVERIFY(fetched.at(0).at(1).toBool());
    QCOMPARE(bob.vCards->nickname(gina), u"小吉"_s);
    QCOMPARE(bob.vCardStore->vCard(gina)->fullName, u"吉娜"_s);
    QCOMPARE(bob.avatars->avatarHash(gina), sha1(image));
    QCOMPARE(bob.vCardStore->avatarHash(gina), sha1(image));
    QCOMPARE(bob.avatarStore->load(sha1(image)), image);

    // Never twice in a run, never our own; another fetcher finds her in the cache: nothing is sent.
    const qsizetype vCardRequests = bob.sent.count("<vCard");
    fetcher.request(gina);
    fetcher.requestFirst(Jid::fromString(u"gina@localhost/phone"));
    fetcher.request(bob.client.jid());
    ProfileFetcher again(&bob.client, bob.vCards, bob.avatars);
    again.setStartDelay(0ms);
    again.request(gina);
    QCOMPARE(again.queued() + again.inFlight(), 0);
    QTest::qWait(300);
    QCOMPARE(bob.sent.count("<vCard"), vCardRequests);
    QCOMPARE(fetched.count(), 1);

    // Many at once (a list scrolled fast): at most MaxInFlight requests out, the rest queued in order, all
    // answered, including a JID with no account (an error is an answer too).
    const QList<Jid> many{Jid::fromString(u"alice@localhost"), Jid::fromString(u"carol@localhost"),
                          Jid::fromString(u"dave@localhost"),  Jid::fromString(u"erin@localhost"),
                          Jid::fromString(u"fay@localhost"),   Jid::fromString(u"nobody@localhost")};
    for (const Jid &jid : many)
        fetcher.request(jid);
    QCOMPARE(fetcher.inFlight(), ProfileFetcher::MaxInFlight);
    QCOMPARE(fetcher.queued(), int(many.size()) - ProfileFetcher::MaxInFlight);
    QVERIFY(fetcher.isPending(Jid::fromString(u"nobody@localhost")));
    QVERIFY(waitUntil([&] { return fetched.count() == 1 + many.size(); }));
    QCOMPARE(fetcher.inFlight(), 0);
    QCOMPARE(fetcher.queued(), 0);
    QCOMPARE(mostInFlight, ProfileFetcher::MaxInFlight);
    QSet<Jid> answered;
    for (const QList<QVariant> &arguments : std::as_const(fetched))
        answered.insert(arguments.at(0).value<Jid>());
    QCOMPARE(answered.size(), 1 + many.size());
    QCOMPARE(bob.sent.count("<vCard"), vCardRequests + many.size());
}

QStringList tst_VCard::cliArgs(const QString &user) const
{
    return {u"--jid"_s,           user + u"@localhost"_s,
            u"--password-file"_s, m_passwordFile,
            u"--host"_s,          m_server.host(),
            u"--port"_s,          QString::number(m_server.c2sPort()),
            u"--ca-file"_s,       m_server.caCertificatePath(),
            u"--timeout"_s,       u"20"_s};
}

int tst_VCard::runCli(const QStringList &args, QByteArray *out, QByteArray *err)
{
    QProcess process;
    process.start(QStringLiteral(XIN_CLI_PATH), args);
    if (!process.waitForFinished(40000)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    *out = process.readAllStandardOutput();
    *err = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
}

void tst_VCard::cliVCardAndAvatar()
{
    const QByteArray image = png(48, 32, 61);
    const QString photo = m_dir.filePath(u"头像.png"_s);
    QFile file(photo);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(image);
    file.close();

    QByteArray out, err;
    QCOMPARE(runCli(cliArgs(u"erin"_s) << u"vcard"_s << u"set"_s << u"fn=艾琳"_s << u"nick=小艾"_s << u"given=琳"_s
                                       << u"family=艾"_s << u"email=erin@example.cn"_s << u"tel=+86 139 0000 0001"_s
                                       << u"bday=1995-05-04"_s << u"org=信公司"_s << u"title=设计师"_s
                                       << u"url=https://example.cn/erin"_s << u"desc=你好\n世界"_s << u"--photo"_s
                                       << photo,
                    &out, &err),
             0);
    QVERIFY2(err.isEmpty(), err.constData());

    // Read back by someone else: one JSON object with every field.
    QCOMPARE(runCli(cliArgs(u"fay"_s) << u"vcard"_s << u"get"_s << u"erin@localhost"_s, &out, &err), 0);
    QCOMPARE(out.count('\n'), 1);
    const QJsonObject vcard = QJsonDocument::fromJson(out).object();
    QCOMPARE(vcard.value(u"jid"_s).toString(), u"erin@localhost"_s);
    QCOMPARE(vcard.value(u"fn"_s).toString(), u"艾琳"_s);
    QCOMPARE(vcard.value(u"nick"_s).toString(), u"小艾"_s);
    QCOMPARE(vcard.value(u"given"_s).toString(), u"琳"_s);
    QCOMPARE(vcard.value(u"family"_s).toString(), u"艾"_s);
    QCOMPARE(vcard.value(u"email"_s).toArray().at(0).toObject().value(u"address"_s).toString(), u"erin@example.cn"_s);
    QCOMPARE(vcard.value(u"tel"_s).toArray().at(0).toObject().value(u"number"_s).toString(), u"+86 139 0000 0001"_s);
    QCOMPARE(vcard.value(u"bday"_s).toString(), u"1995-05-04"_s);
    QCOMPARE(vcard.value(u"org"_s).toString(), u"信公司"_s);
    QCOMPARE(vcard.value(u"title"_s).toString(), u"设计师"_s);
    QCOMPARE(vcard.value(u"url"_s).toString(), u"https://example.cn/erin"_s);
    QCOMPARE(vcard.value(u"desc"_s).toString(), u"你好\n世界"_s);
    QCOMPARE(vcard.value(u"photo"_s).toObject().value(u"sha1"_s).toString(), sha1(image));

    // Changing one field keeps the others and the photo.
    QCOMPARE(runCli(cliArgs(u"erin"_s) << u"vcard"_s << u"set"_s << u"title=总设计师"_s, &out, &err), 0);
    QCOMPARE(runCli(cliArgs(u"erin"_s) << u"vcard"_s << u"get"_s, &out, &err), 0);
    const QJsonObject own = QJsonDocument::fromJson(out).object();
    QCOMPARE(own.value(u"title"_s).toString(), u"总设计师"_s);
    QCOMPARE(own.value(u"fn"_s).toString(), u"艾琳"_s);
    QCOMPARE(own.value(u"photo"_s).toObject().value(u"sha1"_s).toString(), sha1(image));

    // The avatar, verified, into a file.
    const QString saved = m_dir.filePath(u"erin.png"_s);
    QCOMPARE(runCli(cliArgs(u"fay"_s) << u"avatar"_s << u"get"_s << u"erin@localhost"_s << u"--out"_s << saved, &out,
                    &err),
             0);
    QFile result(saved);
    QVERIFY(result.open(QIODevice::ReadOnly));
    QCOMPARE(result.readAll(), image);
    QCOMPARE(QJsonDocument::fromJson(out).object().value(u"sha1"_s).toString(), sha1(image));

    // No avatar: a clear message and a failure code, no file.
    const QString nothing = m_dir.filePath(u"nothing.png"_s);
    QCOMPARE(runCli(cliArgs(u"erin"_s) << u"avatar"_s << u"get"_s << u"fay@localhost"_s << u"--out"_s << nothing, &out,
                    &err),
             1);
    QVERIFY2(err.contains("fay@localhost has no avatar"), err.constData());
    QVERIFY(!QFile::exists(nothing));

    // A photo that is no image is refused before anything is sent; so is an unknown field.
    const QString text = m_dir.filePath(u"not-an-image.png"_s);
    QFile fake(text);
    QVERIFY(fake.open(QIODevice::WriteOnly));
    fake.write("这不是图片");
    fake.close();
    QCOMPARE(runCli(cliArgs(u"erin"_s) << u"vcard"_s << u"set"_s << u"--photo"_s << text, &out, &err), 1);
    QVERIFY2(err.contains("not an image"), err.constData());
    QCOMPARE(runCli(cliArgs(u"erin"_s) << u"vcard"_s << u"set"_s << u"colour=red"_s, &out, &err), 2);
    QVERIFY2(err.contains("unknown vCard field colour"), err.constData());
    QCOMPARE(runCli(cliArgs(u"erin"_s) << u"avatar"_s << u"get"_s << u"fay@localhost"_s, &out, &err), 2);
}

QTEST_GUILESS_MAIN(tst_VCard)
#include "tst_vcard.moc"
