// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// CarbonsManager (XEP-0280), XML in and XML out over TestClient: carbons enabled at each session start and
// what each answer does; received and sent carbons accepted only from our own bare JID (XEP-0280 §11,
// docs/SECURITY.md rule 3: CVE-2017-5589 and its family), their inner message only when it is ours.
#include "TestClient.h"

#include "extensions/CarbonsManager.h"
#include "extensions/Chat.h"
#include "extensions/ChatManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const Jid Bob = Jid::fromString(u"bob@example.org"_s);
const Jid Mallory = Jid::fromString(u"mallory@evil.example"_s);
const QString Enable = u"<iq type='set' id='*'><enable xmlns='urn:xmpp:carbons:2'/></iq>"_s;

/// A carbon: <received/> or <sent/> (@p kind) from @p from, wrapping @p inner.
QString carbon(const QString &from, const QString &kind, const QString &inner)
{
    return u"<message from='%1' to='alice@example.org/desk' type='chat'><%2 xmlns='urn:xmpp:carbons:2'>"
           "<forwarded xmlns='urn:xmpp:forward:0'>%3</forwarded></%2></message>"_s.arg(from, kind, inner);
}

QString fromBob(const QString &id, const QString &body, const QString &payloads = {})
{
    return u"<message xmlns='jabber:client' from='bob@example.org/pc' to='alice@example.org/phone' type='chat' "
           "id='%1'><body>%2</body>%3</message>"_s.arg(id, body, payloads);
}

QString toBob(const QString &id, const QString &body, const QString &payloads = {})
{
    return u"<message xmlns='jabber:client' from='alice@example.org/phone' to='bob@example.org/pc' type='chat' "
           "id='%1'><body>%2</body>%3</message>"_s.arg(id, body, payloads);
}
} // namespace

class tst_CarbonsManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void enabledAtSessionStart();
    void enableRefused();
    void enableTimesOut();
    void disconnectionBeforeTheAnswer();
    void receivedCarbonFromOwnAccount();
    void sentCarbonFromOwnAccount();
    void sentCarbonWithMarkerReadsChatHere();
    void carbonOfKnownMessageNotDuplicated();
    void forgedCarbonsIgnored_data();
    void forgedCarbonsIgnored();
    void innerMessageNotOursIgnored();
    void malformedCarbonsSwallowed();

private:
    struct Setup
    {
        TestClient client;
        ChatManager *chats = nullptr;
        CarbonsManager *carbons = nullptr;
    };
    /// CarbonsManager before the ChatManager (it unwraps what the ChatManager then gets), signed in with
    /// carbons enabled.
    void signIn(Setup &setup);

    std::unique_ptr<Database> m_database;
    std::unique_ptr<MessageStore> m_store;
};

void tst_CarbonsManager::init()
{
    m_database = std::make_unique<Database>();
    QVERIFY(m_database->open(u":memory:"_s));
    m_store = std::make_unique<MessageStore>(*m_database);
}

void tst_CarbonsManager::cleanup()
{
    m_store.reset();
    m_database.reset();
}

void tst_CarbonsManager::signIn(Setup &setup)
{
    setup.chats = new ChatManager(m_store.get());
    setup.carbons = setup.client.addExtension<CarbonsManager>(setup.chats);
    setup.client.addExtension(setup.chats);
    setup.client.setKeepSessionStart(true);
    QVERIFY(setup.client.connectAs(u"alice@example.org/desk"_s));
    const QString id = setup.client.expect(Enable);
    setup.client.inject(u"<iq type='result' id='%1' from='alice@example.org'/>"_s.arg(id));
    QVERIFY(setup.carbons->isEnabled());
    setup.client.expectNoSent();
}

void tst_CarbonsManager::enabledAtSessionStart()
{
    TestClient client;
    auto *chats = new ChatManager(m_store.get());
    auto *carbons = client.addExtension<CarbonsManager>(chats);
    client.addExtension(chats);
    QVERIFY(carbons->discoveryFeatures().contains(u"urn:xmpp:carbons:2"_s));
    QSignalSpy enabled(carbons, &CarbonsManager::enabledChanged);
    client.setKeepSessionStart(true);
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    // XEP-0280 §5: to our own account, no 'to'.
    const QString id = client.expect(Enable);
    QVERIFY(!carbons->isEnabled());
    QCOMPARE(enabled.size(), 0);
    client.inject(u"<iq type='result' id='%1'/>"_s.arg(id));
    QVERIFY(carbons->isEnabled());
    QCOMPARE(enabled.size(), 1);
    QCOMPARE(enabled.at(0).at(0).toBool(), true);

    // Each session asks again, and is off until the server agrees.
    client.dropConnection();
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    const QString again = client.expect(Enable);
    QVERIFY(!carbons->isEnabled());
    client.inject(u"<iq type='result' id='%1' from='alice@example.org'/>"_s.arg(again));
    QVERIFY(carbons->isEnabled());
}

void tst_CarbonsManager::enableRefused()
{
    TestClient client;
    auto *chats = new ChatManager(m_store.get());
    auto *carbons = client.addExtension<CarbonsManager>(chats);
    client.addExtension(chats);
    QSignalSpy enabled(carbons, &CarbonsManager::enabledChanged);
    client.setKeepSessionStart(true);
    QVERIFY(client.connectAs());
    const QString id = client.expect(Enable);
    // An answer from someone else is not the server's (RFC 6120 §8.1.2.1, docs/SECURITY.md rule 3).
    client.inject(u"<iq type='result' id='%1' from='mallory@evil.example/x'/>"_s.arg(id));
    QCOMPARE(enabled.size(), 0);
    client.inject(u"<iq type='error' id='%1'><error type='cancel'>"
                  "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s.arg(id));
    QCOMPARE(enabled.size(), 1);
    QCOMPARE(enabled.at(0).at(0).toBool(), false);
    QVERIFY(!carbons->isEnabled());
    client.expectNoSent();
}

void tst_CarbonsManager::enableTimesOut()
{
    TestClient client;
    ConnectionConfiguration config;
    config.iqTimeout = 30ms;
    client.setConfiguration(config);
    auto *chats = new ChatManager(m_store.get());
    auto *carbons = client.addExtension<CarbonsManager>(chats);
    client.addExtension(chats);
    QSignalSpy enabled(carbons, &CarbonsManager::enabledChanged);
    QVERIFY(client.connectAs());
    QVERIFY(enabled.wait(2000));
    QCOMPARE(enabled.at(0).at(0).toBool(), false);
    QVERIFY(!carbons->isEnabled());
}

void tst_CarbonsManager::disconnectionBeforeTheAnswer()
{
    TestClient client;
    auto *chats = new ChatManager(m_store.get());
    auto *carbons = client.addExtension<CarbonsManager>(chats);
    client.addExtension(chats);
    QSignalSpy enabled(carbons, &CarbonsManager::enabledChanged);
    QVERIFY(client.connectAs());
    client.dropConnection();
    QCOMPARE(enabled.size(), 1);
    QCOMPARE(enabled.at(0).at(0).toBool(), false);
    QVERIFY(!carbons->isEnabled());
}

void tst_CarbonsManager::receivedCarbonFromOwnAccount()
{
    Setup setup;
    signIn(setup);
    QSignalSpy added(setup.chats, &ChatManager::messageAdded);
    // A message another device of ours received, with a receipt request: that device answers it, not us.
    setup.client.inject(carbon(u"alice@example.org"_s, u"received"_s,
                               fromBob(u"b1"_s, u"到手机了"_s, u"<request xmlns='urn:xmpp:receipts'/>"_s)));
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(1).value<ChatManager::Origin>(), ChatManager::Origin::ReceivedCarbon);
    const ChatMessage stored = added.at(0).at(0).value<ChatMessage>();
    QCOMPARE(stored.chat, Bob);
    QCOMPARE(stored.direction, ChatMessage::Direction::Incoming);
    QCOMPARE(stored.body, u"到手机了"_s);
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);
    setup.client.expectNoSent();
}

void tst_CarbonsManager::sentCarbonFromOwnAccount()
{
    Setup setup;
    signIn(setup);
    QSignalSpy added(setup.chats, &ChatManager::messageAdded);
    QSignalSpy created(setup.chats, &ChatManager::chatCreated);
    QVERIFY(!setup.chats->mayConfirmTo(Bob));
    setup.client.inject(carbon(u"alice@example.org"_s, u"sent"_s, toBob(u"a1"_s, u"从手机发的"_s)));
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(1).value<ChatManager::Origin>(), ChatManager::Origin::SentCarbon);
    const ChatMessage stored = added.at(0).at(0).value<ChatMessage>();
    QCOMPARE(stored.chat, Bob);
    QCOMPARE(stored.direction, ChatMessage::Direction::Outgoing);
    QVERIFY(stored.read);
    QCOMPARE(created.size(), 1);
    // The user wrote to bob from another device: bob may now get our receipts (ConfirmationGate).
    QVERIFY(setup.chats->mayConfirmTo(Bob));
    setup.client.expectNoSent();
}

void tst_CarbonsManager::sentCarbonWithMarkerReadsChatHere()
{
    // XEP-0333 §5: another device of ours displayed bob's message: it is read here too.
    Setup setup;
    signIn(setup);
    setup.client.inject(u"<message from='bob@example.org/pc' to='alice@example.org/desk' type='chat' id='b1'>"
                        "<body>hi</body><markable xmlns='urn:xmpp:chat-markers:0'/></message>"_s);
    QCOMPARE(m_store->conversations().constFirst().unread, 1);
    QSignalSpy read(setup.chats, &ChatManager::chatRead);
    QSignalSpy readElsewhere(setup.chats->existingChat(Bob), &Chat::readElsewhere);
    setup.client.inject(carbon(u"alice@example.org"_s, u"sent"_s,
                               u"<message xmlns='jabber:client' from='alice@example.org/phone' to='bob@example.org/pc' "
                               "type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='b1'/></message>"_s));
    QCOMPARE(read.size(), 1);
    QCOMPARE(readElsewhere.size(), 1);
    QCOMPARE(m_store->conversations().constFirst().unread, 0);
    setup.client.expectNoSent();   // no marker of our own for it
}

void tst_CarbonsManager::carbonOfKnownMessageNotDuplicated()
{
    // docs/SECURITY.md rule 9: the same message live and as a carbon (both delivered after a resume) once.
    Setup setup;
    signIn(setup);
    const QString payload = u"<origin-id xmlns='urn:xmpp:sid:0' id='o1'/>"_s;
    setup.client.inject(fromBob(u"b1"_s, u"一次"_s, payload));
    setup.client.inject(carbon(u"alice@example.org"_s, u"received"_s, fromBob(u"b1"_s, u"一次"_s, payload)));
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);
}

void tst_CarbonsManager::forgedCarbonsIgnored_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("inner");
    const QString toMallory = u"<message xmlns='jabber:client' from='alice@example.org/phone' "
                              "to='mallory@evil.example' type='chat' id='x1'><body>I owe you 1000</body></message>"_s;
    const QString fromMallory = u"<message xmlns='jabber:client' from='mallory@evil.example/x' "
                                "to='alice@example.org' type='chat' id='x2'><body>click here</body></message>"_s;
    // CVE-2017-5589: a contact sends a <received/> or <sent/> of his own making; the server relays it.
    QTest::newRow("received from a contact") << u"mallory@evil.example/x"_s << u"received"_s << fromMallory;
    QTest::newRow("sent from a contact") << u"mallory@evil.example/x"_s << u"sent"_s << toMallory;
    QTest::newRow("bare contact") << u"mallory@evil.example"_s << u"sent"_s << toMallory;
    // Only our bare JID speaks for our account: not another resource of ours, nor the server's domain.
    QTest::newRow("own full JID") << u"alice@example.org/phone"_s << u"sent"_s << toMallory;
    QTest::newRow("server domain") << u"example.org"_s << u"received"_s << fromMallory;
    QTest::newRow("same local part elsewhere") << u"alice@evil.example"_s << u"received"_s << fromMallory;
}

void tst_CarbonsManager::forgedCarbonsIgnored()
{
    QFETCH(QString, from);
    QFETCH(QString, kind);
    QFETCH(QString, inner);
    Setup setup;
    signIn(setup);
    QSignalSpy forged(setup.carbons, &CarbonsManager::forgedCarbonIgnored);
    QSignalSpy added(setup.chats, &ChatManager::messageAdded);
    QSignalSpy created(setup.chats, &ChatManager::chatCreated);
    setup.client.inject(carbon(from, kind, inner));
    QCOMPARE(forged.size(), 1);
    QCOMPARE(forged.at(0).at(0).value<Jid>(), Jid::fromString(from));
    QCOMPARE(added.size(), 0);
    QCOMPARE(created.size(), 0);
    QVERIFY(m_store->conversations().isEmpty());
    // A forged sent carbon does not make mallory someone we wrote to (who would then get our receipts).
    QVERIFY(!setup.chats->mayConfirmTo(Mallory));
    setup.client.expectNoSent();
}

void tst_CarbonsManager::innerMessageNotOursIgnored()
{
    // From our account, but a copy of a message that was neither to us (received) nor from us (sent).
    Setup setup;
    signIn(setup);
    QSignalSpy added(setup.chats, &ChatManager::messageAdded);
    QSignalSpy forged(setup.carbons, &CarbonsManager::forgedCarbonIgnored);
    setup.client.inject(carbon(u"alice@example.org"_s, u"received"_s,
                               u"<message xmlns='jabber:client' from='bob@example.org/pc' to='carol@example.org' "
                               "type='chat' id='x'><body>not for you</body></message>"_s));
    setup.client.inject(carbon(u"alice@example.org"_s, u"sent"_s,
                               u"<message xmlns='jabber:client' from='bob@example.org/pc' to='alice@example.org' "
                               "type='chat' id='y'><body>not from you</body></message>"_s));
    QCOMPARE(added.size(), 0);
    QCOMPARE(forged.size(), 0);
    QVERIFY(m_store->conversations().isEmpty());
}

void tst_CarbonsManager::malformedCarbonsSwallowed()
{
    Setup setup;
    signIn(setup);
    QSignalSpy added(setup.chats, &ChatManager::messageAdded);
    QSignalSpy headlines(setup.chats, &ChatManager::headlineReceived);
    const QString own = u"alice@example.org"_s;
    // No <forwarded/>; one in the wrong namespace; one without a message; groupchat and error copies
    // (XEP-0280 §6: not carbon-copied for one-to-one use).
    setup.client.inject(u"<message from='alice@example.org'><received xmlns='urn:xmpp:carbons:2'/></message>"_s);
    setup.client.inject(
        u"<message from='alice@example.org'><received xmlns='urn:xmpp:carbons:2'>"
        "<forwarded xmlns='urn:example:other'>%1</forwarded></received></message>"_s.arg(fromBob(u"1"_s, u"x"_s)));
    setup.client.inject(carbon(own, u"received"_s, u"<delay xmlns='urn:xmpp:delay' stamp='2020-01-01T00:00:00Z'/>"_s));
    setup.client.inject(carbon(own, u"received"_s,
                               u"<message xmlns='jabber:client' from='room@muc.example.org/bob' to='alice@example.org' "
                               "type='groupchat' id='g'><body>group</body></message>"_s));
    setup.client.inject(carbon(own, u"received"_s,
                               u"<message xmlns='jabber:client' from='bob@example.org/pc' to='alice@example.org' "
                               "type='error' id='e'><error type='cancel'><item-not-found "
                               "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"_s));
    QCOMPARE(added.size(), 0);
    QCOMPARE(headlines.size(), 0);
    QVERIFY(m_store->conversations().isEmpty());
    setup.client.expectNoSent();
    // Still working afterwards.
    setup.client.inject(carbon(own, u"received"_s, fromBob(u"b1"_s, u"ok"_s)));
    QCOMPARE(added.size(), 1);
}

QTEST_GUILESS_MAIN(tst_CarbonsManager)
#include "tst_carbonsmanager.moc"
