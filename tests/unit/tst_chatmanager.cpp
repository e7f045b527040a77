// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// ChatManager and Chat, XML in and XML out over TestClient (no server, no socket): what a sent message, a
// correction, a receipt, a marker and a chat state look like on the wire; what an incoming message, a
// receipt, a marker, an error and a correction do to the store and the signals; and whom the client
// confirms anything to (ConfirmationGate, issue 13 finding 6). docs/SECURITY.md rules 3, 4 and 9.
#include "TestClient.h"

#include "extensions/Chat.h"
#include "extensions/ChatManager.h"
#include "extensions/RosterManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "storage/RosterStore.h"
#include "xml/XmlWriter.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const Jid Bob = Jid::fromString(u"bob@example.org"_s);
const Jid Carol = Jid::fromString(u"carol@example.org"_s);

Message parseMessage(const QString &xml)
{
    const auto message = Message::fromElement(TestClient::parseStanza(xml));
    if (!message)
        qFatal("not a message: %s", qPrintable(xml));
    return *message;
}

QString chatMessage(const QString &from, const QString &id, const QString &body, const QString &payloads = {})
{
    return u"<message from='%1' to='alice@example.org/desk' type='chat' id='%2'><body>%3</body>%4</message>"_s.arg(
        from, id, body, payloads);
}

RosterItem rosterItem(const QString &jid, RosterItem::Subscription subscription)
{
    RosterItem item;
    item.jid = Jid::fromString(jid);
    item.subscription = subscription;
    return item;
}
} // namespace

class tst_ChatManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    // What goes out
    void sendsMessageWithOriginIdReceiptRequestMarkableAndActive();
    void messageWrittenOfflineGoesOutAtSessionStart();
    void correctionNamesTheOriginal();
    void chatStateOnlyToContactsAndPeopleWrittenTo();
    void markerForNewestMarkableMessage();
    void nothingSentAfterDisconnect();

    // What comes in
    void incomingMessageStoredAndAnnouncedOnce();
    void duplicateByTrustedStanzaIdNotStoredTwice();
    void forgedStanzaIdDoesNotHideAMessage();
    void incomingChatStates();
    void receiptMatchesOwnMessageOnly();
    void correctionOnlyFromOriginalSender();
    void errorMarksMessageFailed();
    void headlineAndGroupchatStayOutOfChats();
    void expireHonoured();
    void senderCannotSetTimestamp();
    void archiveStampTrustedButNeverFuture();

    // Whom we confirm to
    void receiptAnsweredOnlyPerConfirmationGate();
    void receiptAnsweredToOwnOtherResource();
    void strangerFloodGetsNoConfirmation();
    void confirmationsOnlyToContactsAndPeopleWrittenTo();

private:
    std::unique_ptr<Database> m_database;
    std::unique_ptr<MessageStore> m_store;
};

void tst_ChatManager::init()
{
    m_database = std::make_unique<Database>();
    QVERIFY(m_database->open(u":memory:"_s));
    m_store = std::make_unique<MessageStore>(*m_database);
}

void tst_ChatManager::cleanup()
{
    m_store.reset();
    m_database.reset();
}

void tst_ChatManager::sendsMessageWithOriginIdReceiptRequestMarkableAndActive()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    QSignalSpy added(chats, &ChatManager::messageAdded);
    QSignalSpy created(chats, &ChatManager::chatCreated);
    const ChatMessage sent = chats->chat(Jid::fromString(u"bob@example.org/phone"_s))->sendMessage(u"你好 <b>"_s);
    // XEP-0184 §5.1, XEP-0333 §3, XEP-0359 §3 (origin-id equal to the id), XEP-0085 §5.2; to the bare JID.
    client.expect(u"<message to='bob@example.org' type='chat' id='id1'><body>你好 &lt;b&gt;</body>"
                  "<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>"
                  "<origin-id xmlns='urn:xmpp:sid:0' id='id1'/>"
                  "<active xmlns='http://jabber.org/protocol/chatstates'/></message>"_s);
    client.expectNoSent();
    QCOMPARE(sent.state, ChatMessage::State::Sent);
    QCOMPARE(sent.originId, u"id1"_s);
    QCOMPARE(m_store->message(sent.rowId)->state, ChatMessage::State::Sent);
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.at(0).at(1).toBool(), true);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(1).value<ChatManager::Origin>(), ChatManager::Origin::Local);
    QCOMPARE(chats->chat(Bob)->chatState(), ChatState::Active);
}

void tst_ChatManager::messageWrittenOfflineGoesOutAtSessionStart()
{
    // docs/SECURITY.md rule 9: no message lost: stored Pending while offline, sent with the same id later.
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QSignalSpy changed(chats, &ChatManager::messageChanged);
    const ChatMessage pending = chats->chat(Bob)->sendMessage(u"later"_s);
    QCOMPARE(pending.state, ChatMessage::State::Pending);
    QVERIFY(!pending.id.isEmpty());
    client.setKeepSessionStart(true);
    QVERIFY(client.connectAs());
    // The id and origin-id it was stored with, so the recipient's de-duplication recognises a resend.
    client.expect(u"<message to='bob@example.org' type='chat' id='%1'><body>later</body>"
                  "<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>"
                  "<origin-id xmlns='urn:xmpp:sid:0' id='%1'/>"
                  "<active xmlns='http://jabber.org/protocol/chatstates'/></message>"_s.arg(pending.id));
    client.expectNoSent();
    QCOMPARE(m_store->message(pending.rowId)->state, ChatMessage::State::Sent);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<ChatMessage>().id, pending.id);
    QVERIFY(m_store->pending().isEmpty());
}

void tst_ChatManager::correctionNamesTheOriginal()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    Chat *chat = chats->chat(Bob);
    QVERIFY(!chat->correctLastMessage(u"nothing to correct"_s));
    const ChatMessage first = chat->sendMessage(u"see you at 8"_s);
    client.clearSent();
    QSignalSpy changed(chat, &Chat::messageChanged);
    QVERIFY(chat->correctLastMessage(u"see you at 9"_s));
    // XEP-0308 §4: a new message with its own ids, naming the original.
    client.expect(u"<message to='bob@example.org' type='chat' id='id2'><body>see you at 9</body>"
                  "<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>"
                  "<origin-id xmlns='urn:xmpp:sid:0' id='id2'/>"
                  "<active xmlns='http://jabber.org/protocol/chatstates'/>"
                  "<replace xmlns='urn:xmpp:message-correct:0' id='id1'/></message>"_s);
    // Corrected again: the replace id still names the original (XEP-0308 §4).
    QVERIFY(chat->correctLastMessage(u"see you at 10"_s));
    const QDomElement again = client.takeSent();
    QCOMPARE(again.firstChildElement(u"replace"_s).attribute(u"id"_s), first.id);
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);
    QCOMPARE(m_store->message(first.rowId)->body, u"see you at 10"_s);
    QCOMPARE(changed.size(), 2);
}

void tst_ChatManager::chatStateOnlyToContactsAndPeopleWrittenTo()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    // A stranger's chat: "composing" would tell them we are online (issue 13 finding 6).
    Chat *stranger = chats->chat(Carol);
    stranger->setChatState(ChatState::Composing);
    client.expectNoSent();

    Chat *chat = chats->chat(Bob);
    chat->sendMessage(u"hi"_s);
    client.clearSent();
    chat->setChatState(ChatState::Composing);
    // XEP-0085 §5.1 standalone notification, XEP-0334 no-store.
    client.expect(u"<message to='bob@example.org' type='chat' id='id2'>"
                  "<composing xmlns='http://jabber.org/protocol/chatstates'/>"
                  "<no-store xmlns='urn:xmpp:hints'/></message>"_s);
    chat->setChatState(ChatState::Composing);   // unchanged: nothing
    client.expectNoSent();
    // Bob's client sends a message without a state: it does not support them (XEP-0085 §5.1).
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b1"_s, u"no states here"_s));
    chat->setChatState(ChatState::Paused);
    client.expectNoSent();
}

void tst_ChatManager::markerForNewestMarkableMessage()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    chats->setConfirmToEveryone(true);
    const QString markable = u"<markable xmlns='urn:xmpp:chat-markers:0'/>"_s;
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b1"_s, u"one"_s, markable));
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b2"_s, u"two"_s, markable));
    client.expectNoSent();
    QCOMPARE(m_store->conversations().constFirst().unread, 2);
    chats->existingChat(Bob)->markRead();
    // XEP-0333 §4: one <displayed/> for the newest; with a store hint so offline devices learn it.
    client.expect(u"<message to='bob@example.org' type='chat' id='id1'>"
                  "<displayed xmlns='urn:xmpp:chat-markers:0' id='b2'/><store xmlns='urn:xmpp:hints'/></message>"_s);
    QCOMPARE(m_store->conversations().constFirst().unread, 0);
    chats->existingChat(Bob)->markRead();   // nothing unread: no second marker
    client.expectNoSent();

    // A message that is not markable gets none.
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b3"_s, u"three"_s));
    chats->existingChat(Bob)->markRead();
    client.expectNoSent();
}

void tst_ChatManager::nothingSentAfterDisconnect()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    Chat *chat = chats->chat(Bob);
    chat->sendMessage(u"first"_s);
    client.clearSent();
    client.dropConnection();
    const ChatMessage offline = chat->sendMessage(u"second"_s);
    QCOMPARE(offline.state, ChatMessage::State::Pending);
    QVERIFY(!chat->correctLastMessage(u"first!"_s));
    chat->setChatState(ChatState::Gone);
    QCOMPARE(client.transport()->written().size(), 0);
}

void tst_ChatManager::incomingMessageStoredAndAnnouncedOnce()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    QSignalSpy added(chats, &ChatManager::messageAdded);
    QSignalSpy created(chats, &ChatManager::chatCreated);
    const QString xml = chatMessage(u"bob@example.org/pc"_s, u"m1"_s, u"第一条"_s,
                                    u"<origin-id xmlns='urn:xmpp:sid:0' id='o1'/>"_s);
    client.inject(xml);
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.at(0).at(1).toBool(), false);
    QSignalSpy chatAdded(chats->existingChat(Bob), &Chat::messageAdded);
    // docs/SECURITY.md rule 9: delivered twice (resent after a lost receipt), stored once.
    client.inject(xml);
    // The same origin-id under another stanza id (the sender resent it) is the same message too.
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"m1-again"_s, u"第一条"_s,
                              u"<origin-id xmlns='urn:xmpp:sid:0' id='o1'/>"_s));
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(1).value<ChatManager::Origin>(), ChatManager::Origin::Live);
    QCOMPARE(chatAdded.size(), 0);
    QCOMPARE(created.size(), 1);
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);
    const ChatMessage stored = m_store->messages(Bob, 10).constFirst();
    QCOMPARE(stored.body, u"第一条"_s);
    QCOMPARE(stored.resource, u"pc"_s);
    QCOMPARE(stored.originId, u"o1"_s);
    QCOMPARE(stored.direction, ChatMessage::Direction::Incoming);
    QVERIFY(!stored.read);
    QCOMPARE(chats->existingChat(Bob)->jid(), Bob);
    client.expectNoSent();   // no receipt was asked for
}

void tst_ChatManager::duplicateByTrustedStanzaIdNotStoredTwice()
{
    // docs/SECURITY.md rule 4 and 9: our server's stanza-id (by= our bare JID, urn:xmpp:sid:0 advertised)
    // recognises a message that comes again (live, then from the archive).
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    chats->setStanzaIdTrusted(true);
    QSignalSpy added(chats, &ChatManager::messageAdded);
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"m1"_s, u"once"_s,
                              u"<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='S1'/>"_s));
    QCOMPARE(m_store->messages(Bob, 10).constFirst().stanzaId, u"S1"_s);
    const Message archived = parseMessage(chatMessage(u"bob@example.org/pc"_s, u"m1"_s, u"once"_s));
    bool known = false;
    QVERIFY(!chats->processMessage(archived, ChatManager::Origin::Archive, u"S1"_s, {}, &known));
    QVERIFY(known);
    QCOMPARE(added.size(), 1);
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);
}

void tst_ChatManager::forgedStanzaIdDoesNotHideAMessage()
{
    // docs/SECURITY.md rule 4: a stanza-id the sender wrote next to the server's makes neither count.
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    chats->setStanzaIdTrusted(true);
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"m1"_s, u"real"_s,
                              u"<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='S1'/>"_s));
    client.inject(chatMessage(u"carol@example.org/x"_s, u"c1"_s, u"forged"_s,
                              u"<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='S1'/>"
                              "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='S2'/>"_s));
    QCOMPARE(m_store->messages(Carol, 10).size(), 1);
    QVERIFY(m_store->messages(Carol, 10).constFirst().stanzaId.isEmpty());
    // Not trusted (no urn:xmpp:sid:0 on our account): never stored as a stanza-id at all.
    chats->setStanzaIdTrusted(false);
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"m2"_s, u"second"_s,
                              u"<stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='S3'/>"_s));
    QCOMPARE(m_store->messages(Bob, 10).size(), 2);
    QVERIFY(m_store->messages(Bob, 10).constLast().stanzaId.isEmpty());
}

void tst_ChatManager::incomingChatStates()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    QSignalSpy states(chats, &ChatManager::chatStateChanged);
    QSignalSpy created(chats, &ChatManager::chatCreated);
    // A bare state opens no chat (a stranger typing is no conversation).
    client.inject(u"<message from='carol@example.org/x' type='chat'>"
                  "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>"_s);
    QCOMPARE(states.size(), 1);
    QCOMPARE(created.size(), 0);
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b1"_s, u"hi"_s,
                              u"<active xmlns='http://jabber.org/protocol/chatstates'/>"_s));
    QCOMPARE(created.size(), 1);
    Chat *chat = chats->existingChat(Bob);
    QCOMPARE(chat->remoteState(), ChatState::Active);
    QSignalSpy remote(chat, &Chat::remoteStateChanged);
    client.inject(u"<message from='bob@example.org/pc' type='chat'>"
                  "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>"_s);
    QCOMPARE(chat->remoteState(), ChatState::Composing);
    QCOMPARE(remote.size(), 1);
    QCOMPARE(states.size(), 3);
    QCOMPARE(states.constLast().at(0).value<Jid>(), Bob);
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);   // a state is no message
    // A state in a normal (non-chat) message is not a chat state (XEP-0085 §5.5).
    client.inject(u"<message from='bob@example.org/pc'>"
                  "<paused xmlns='http://jabber.org/protocol/chatstates'/></message>"_s);
    QCOMPARE(chat->remoteState(), ChatState::Composing);
    client.expectNoSent();
}

void tst_ChatManager::receiptMatchesOwnMessageOnly()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    QSignalSpy receipts(chats, &ChatManager::receiptReceived);
    const ChatMessage sent = chats->chat(Bob)->sendMessage(u"hello"_s);
    QCOMPARE(sent.state, ChatMessage::State::Sent);
    client.clearSent();
    // A receipt for our id from carol changes nothing; from bob it is delivered; his marker makes it read.
    client.inject(u"<message from='carol@example.org/x'>"
                  "<received xmlns='urn:xmpp:receipts' id='%1'/></message>"_s.arg(sent.id));
    QCOMPARE(m_store->message(sent.rowId)->state, ChatMessage::State::Sent);
    client.inject(u"<message from='bob@example.org/pc'>"
                  "<received xmlns='urn:xmpp:receipts' id='%1'/></message>"_s.arg(sent.id));
    QCOMPARE(m_store->message(sent.rowId)->state, ChatMessage::State::Delivered);
    client.inject(u"<message from='bob@example.org/pc' type='chat'>"
                  "<displayed xmlns='urn:xmpp:chat-markers:0' id='%1'/></message>"_s.arg(sent.id));
    QCOMPARE(m_store->message(sent.rowId)->state, ChatMessage::State::Read);
    // A late receipt never moves it back.
    client.inject(u"<message from='bob@example.org/pc'>"
                  "<received xmlns='urn:xmpp:receipts' id='%1'/></message>"_s.arg(sent.id));
    QCOMPARE(m_store->message(sent.rowId)->state, ChatMessage::State::Read);
    QCOMPARE(receipts.size(), 4);
    QCOMPARE(receipts.at(1).at(0).value<Jid>().toString(), u"bob@example.org/pc"_s);
    QCOMPARE(receipts.at(2).at(2).value<ChatMessage::State>(), ChatMessage::State::Read);
    // A receipt is never answered, and adds no message.
    client.expectNoSent();
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);
}

void tst_ChatManager::correctionOnlyFromOriginalSender()
{
    // docs/SECURITY.md rule 3: a correction only from the original sender (XEP-0308 §5).
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b1"_s, u"see you at 8"_s));
    // carol names bob's id: she gets a message of her own, bob's stays.
    client.inject(chatMessage(u"carol@example.org/x"_s, u"c1"_s, u"see you at 9"_s,
                              u"<replace xmlns='urn:xmpp:message-correct:0' id='b1'/>"_s));
    QCOMPARE(m_store->messages(Bob, 10).constFirst().body, u"see you at 8"_s);
    QCOMPARE(m_store->messages(Carol, 10).size(), 1);
    // Nor can bob rewrite what we sent.
    const ChatMessage ours = chats->chat(Bob)->sendMessage(u"ok"_s);
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b9"_s, u"I owe bob money"_s,
                              u"<replace xmlns='urn:xmpp:message-correct:0' id='%1'/>"_s.arg(ours.id)));
    QCOMPARE(m_store->message(ours.rowId)->body, u"ok"_s);
    QCOMPARE(m_store->messages(Bob, 10).size(), 3);
    // bob corrects his own (from another resource of his).
    QSignalSpy changed(chats, &ChatManager::messageChanged);
    QSignalSpy added(chats, &ChatManager::messageAdded);
    client.inject(chatMessage(u"bob@example.org/phone"_s, u"b2"_s, u"see you at 8:30"_s,
                              u"<replace xmlns='urn:xmpp:message-correct:0' id='b1'/>"_s));
    QCOMPARE(m_store->messages(Bob, 10).size(), 3);
    QCOMPARE(m_store->messages(Bob, 10).constFirst().body, u"see you at 8:30"_s);
    QVERIFY(m_store->messages(Bob, 10).constFirst().edited);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(added.size(), 0);
}

void tst_ChatManager::errorMarksMessageFailed()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    QSignalSpy failed(chats, &ChatManager::deliveryFailed);
    const ChatMessage first = chats->chat(Bob)->sendMessage(u"one"_s);
    const ChatMessage second = chats->chat(Bob)->sendMessage(u"two"_s);
    client.clearSent();
    // RFC 6120 §8.3: the error comes back with our id; the server's text is the reason.
    client.inject(
        u"<message from='bob@example.org' type='error' id='%1'><body>two</body>"
        "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>User is gone</text></error></message>"_s.arg(second.id));
    QCOMPARE(m_store->message(second.rowId)->state, ChatMessage::State::Failed);
    QCOMPARE(m_store->message(second.rowId)->errorText, u"User is gone"_s);
    QCOMPARE(m_store->message(first.rowId)->state, ChatMessage::State::Sent);
    QCOMPARE(m_store->messages(Bob, 10).size(), 2);   // the error body is not a new message
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(1).toString(), second.id);
    QCOMPARE(failed.at(0).at(2).toString(), u"User is gone"_s);
    // Without a text: the condition's name.
    client.inject(
        u"<message from='bob@example.org' type='error' id='%1'><error type='wait'>"
        "<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"_s.arg(first.id));
    QCOMPARE(m_store->message(first.rowId)->state, ChatMessage::State::Failed);
    QCOMPARE(failed.at(1).at(2).toString(), u"resource-constraint"_s);
    // An error naming carol's id, or none, fails nothing of bob's and is never answered (RFC 6120 §8.3).
    client.inject(u"<message from='carol@example.org' type='error' id='%1'><error type='cancel'>"
                  "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"_s.arg(first.id));
    client.inject(u"<message from='bob@example.org' type='error'><error type='cancel'>"
                  "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"_s);
    QCOMPARE(failed.size(), 3);
    QVERIFY(m_store->messages(Carol, 10).isEmpty());
    client.expectNoSent();
}

void tst_ChatManager::headlineAndGroupchatStayOutOfChats()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    QSignalSpy headlines(chats, &ChatManager::headlineReceived);
    QSignalSpy groupchat(chats, &ChatManager::groupchatMessageReceived);
    QSignalSpy added(chats, &ChatManager::messageAdded);
    client.inject(u"<message from='news.example.org' type='headline'><subject>新闻</subject>"
                  "<body>Server maintenance tonight</body></message>"_s);
    client.inject(u"<message from='room@muc.example.org/nick' type='groupchat'><body>hi all</body></message>"_s);
    QCOMPARE(headlines.size(), 1);
    QCOMPARE(groupchat.size(), 1);
    QCOMPARE(added.size(), 0);
    QCOMPARE(m_store->headlines(10).size(), 1);
    QCOMPARE(m_store->headlines(10).constFirst().subject, u"新闻"_s);
    QVERIFY(m_store->conversations().isEmpty());
    QVERIFY(chats->chats().isEmpty());
}

void tst_ChatManager::expireHonoured()
{
    TestClient client;
    client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"e1"_s, u"self-destructs"_s,
                              u"<x xmlns='jabber:x:expire' seconds='1'/>"_s));
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);
    QVERIFY(m_store->messages(Bob, 10).constFirst().expires.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(m_store->messages(Bob, 10).size(), 0, 3000);
}

void tst_ChatManager::senderCannotSetTimestamp()
{
    // Issue 13 finding 4: a live message or a carbon with a <delay/> of the sender's choosing is stored at
    // the time it came, neither years back in the history nor pinned to the top of the chat list.
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    const QDateTime before = QDateTime::currentDateTimeUtc();
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"old"_s, u"很久以前"_s,
                              u"<delay xmlns='urn:xmpp:delay' from='bob@example.org/pc' "
                              "stamp='2001-01-01T00:00:00Z'/>"_s));
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"future"_s, u"置顶"_s,
                              u"<delay xmlns='urn:xmpp:delay' from='example.org' stamp='2200-01-01T00:00:00Z'/>"_s));
    const Message carbon = parseMessage(
        u"<message from='bob@example.org/pc' to='alice@example.org/pc' type='chat' "
        "id='carbon'><body>副本</body><delay xmlns='urn:xmpp:delay' stamp='2001-01-01T00:00:00Z'/></message>"_s);
    QVERIFY(chats->processMessage(carbon, ChatManager::Origin::ReceivedCarbon));
    const QDateTime after = QDateTime::currentDateTimeUtc();

    const QList<ChatMessage> stored = m_store->messages(Bob, 10);
    QCOMPARE(stored.size(), 3);
    for (const ChatMessage &message : stored) {
        QVERIFY2(message.timestamp >= before.addMSecs(-1) && message.timestamp <= after,
                 qPrintable(message.body + u' ' + message.timestamp.toString(Qt::ISODate)));
    }
}

void tst_ChatManager::archiveStampTrustedButNeverFuture()
{
    // XEP-0313 §5.1.2: the archive's <forwarded><delay/> is when our server got the message; the inner
    // message's own delay is the sender's word. A stamp in the future is never used.
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    const QDateTime archived(QDate(2025, 3, 4), QTime(5, 6, 7), QTimeZone::UTC);
    const Message inner = parseMessage(
        u"<message from='bob@example.org/pc' type='chat' id='a1'><body>存档</body>"
        "<delay xmlns='urn:xmpp:delay' from='example.org' stamp='2001-01-01T00:00:00Z'/></message>"_s);
    const auto stored = chats->processMessage(inner, ChatManager::Origin::Archive, u"mam-1"_s, archived);
    QVERIFY(stored);
    QCOMPARE(stored->timestamp, archived);
    QCOMPARE(stored->stanzaId, u"mam-1"_s);
    QVERIFY(!stored->read);   // caught up: news

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Message later = parseMessage(
        u"<message from='bob@example.org/pc' type='chat' id='a2'><body>未来</body></message>"_s);
    const auto future = chats->processMessage(later, ChatManager::Origin::ArchiveHistory, u"mam-2"_s,
                                              QDateTime(QDate(2200, 1, 1), QTime(0, 0), QTimeZone::UTC));
    QVERIFY(future);
    QVERIFY(future->timestamp >= before.addMSecs(-1) && future->timestamp <= QDateTime::currentDateTimeUtc());
    QVERIFY(future->read);   // older history asked for: not news
    QCOMPARE(m_store->messages(Bob, 10).constLast().body, u"未来"_s);
}

void tst_ChatManager::receiptAnsweredOnlyPerConfirmationGate()
{
    // Issue 13 finding 6: a receipt tells the sender we are online; a stranger's request goes unanswered.
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    const QString request = u"<request xmlns='urn:xmpp:receipts'/>"_s;
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b1"_s, u"hi, who is this?"_s, request));
    client.expectNoSent();
    QCOMPARE(m_store->messages(Bob, 10).size(), 1);   // the message itself is kept

    // The user answers: from now on bob gets receipts (XEP-0184 §5.2, to the full JID, with the id).
    chats->existingChat(Bob)->sendMessage(u"Alice"_s);
    client.clearSent();
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b2"_s, u"nice to meet you"_s, request));
    client.expect(u"<message to='bob@example.org/pc' type='chat' id='id2'>"
                  "<received xmlns='urn:xmpp:receipts' id='b2'/></message>"_s);
    // A resend (our receipt was lost) is answered again, though stored once.
    client.inject(chatMessage(u"bob@example.org/pc"_s, u"b2"_s, u"nice to meet you"_s, request));
    client.expect(u"<message to='bob@example.org/pc' type='chat' id='id3'>"
                  "<received xmlns='urn:xmpp:receipts' id='b2'/></message>"_s);
    QCOMPARE(m_store->messages(Bob, 10).size(), 3);
    // No id, nothing to name: no receipt.
    client.inject(u"<message from='bob@example.org/pc' type='chat'><body>x</body>%1</message>"_s.arg(request));
    client.expectNoSent();

    // The privacy setting "confirm to everyone" answers strangers too.
    chats->setConfirmToEveryone(true);
    client.inject(chatMessage(u"carol@example.org/x"_s, u"c1"_s, u"hello"_s, request));
    client.expect(u"<message to='carol@example.org/x' type='chat' id='id4'>"
                  "<received xmlns='urn:xmpp:receipts' id='c1'/></message>"_s);
}

void tst_ChatManager::receiptAnsweredToOwnOtherResource()
{
    // Our own other devices know we are online anyway.
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    QVERIFY(chats->mayConfirmTo(Jid::fromString(u"alice@example.org/phone"_s)));
    client.inject(u"<message from='alice@example.org/phone' to='alice@example.org/desk' type='chat' id='n1'>"
                  "<body>note to self</body><request xmlns='urn:xmpp:receipts'/></message>"_s);
    client.expect(u"<message to='alice@example.org/phone' type='chat' id='id1'>"
                  "<received xmlns='urn:xmpp:receipts' id='n1'/></message>"_s);
}

void tst_ChatManager::strangerFloodGetsNoConfirmation()
{
    // Issue 13 finding 6: a flood of strangers asking for receipts, with markable messages and chat states,
    // makes the client send nothing at all, and each message is kept once.
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    QString flood;
    for (int i = 0; i < 200; ++i) {
        flood += chatMessage(u"bot%1@spam.example/x"_s.arg(i % 20), u"s%1"_s.arg(i), u"buy now"_s,
                             u"<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>"
                             "<composing xmlns='http://jabber.org/protocol/chatstates'/>"_s);
    }
    client.inject(flood);
    for (Chat *chat : chats->chats()) {
        chat->markRead();
        chat->setChatState(ChatState::Active);
    }
    client.expectNoSent();
    QCOMPARE(chats->chats().size(), 20);
    QCOMPARE(m_store->messages(Jid::fromString(u"bot3@spam.example"_s), 100).size(), 10);
}

void tst_ChatManager::confirmationsOnlyToContactsAndPeopleWrittenTo()
{
    // ConfirmationGate: a subscription 'from' or 'both' (RFC 6121 §3), or a conversation the user started.
    RosterStore rosterStore(*m_database);
    rosterStore.replaceAll({rosterItem(u"both@example.org"_s, RosterItem::Subscription::Both),
                            rosterItem(u"from@example.org"_s, RosterItem::Subscription::From),
                            rosterItem(u"to@example.org"_s, RosterItem::Subscription::To)},
                           u"1"_s);
    RosterManager roster(&rosterStore);
    const Jid stranger = Jid::fromString(u"stranger@spam.example/x"_s);
    {
        TestClient client;
        auto *chats = client.addExtension<ChatManager>(m_store.get());
        QVERIFY(client.connectAs());
        // Without a roster only people written to count.
        QVERIFY(!chats->mayConfirmTo(Jid::fromString(u"both@example.org"_s)));
        chats->setRosterManager(&roster);
        QVERIFY(chats->mayConfirmTo(Jid::fromString(u"both@example.org/pc"_s)));
        QVERIFY(chats->mayConfirmTo(Jid::fromString(u"from@example.org"_s)));   // may see our presence
        QVERIFY(!chats->mayConfirmTo(Jid::fromString(u"to@example.org"_s)));    // may not
        QVERIFY(!chats->mayConfirmTo(stranger));
        QVERIFY(!chats->confirmsToEveryone());
        const QString request = u"<request xmlns='urn:xmpp:receipts'/>"_s;
        client.inject(chatMessage(u"to@example.org/pc"_s, u"t1"_s, u"hi"_s, request));
        client.expectNoSent();
        client.inject(chatMessage(u"from@example.org/pc"_s, u"f1"_s, u"hi"_s, request));
        client.expect(u"<message to='from@example.org/pc' type='chat' id='id1'>"
                      "<received xmlns='urn:xmpp:receipts' id='f1'/></message>"_s);

        // The user writes to the stranger: now they may.
        chats->chat(stranger)->sendMessage(u"你是谁？"_s);
        QVERIFY(chats->mayConfirmTo(stranger));
        QVERIFY(!chats->mayConfirmTo(Jid::fromString(u"other@spam.example"_s)));
        chats->setConfirmToEveryone(true);
        QVERIFY(chats->mayConfirmTo(Jid::fromString(u"other@spam.example"_s)));
    }
    // In a later run the history says the user wrote to them.
    TestClient later;
    auto *chats = later.addExtension<ChatManager>(m_store.get());
    QVERIFY(later.connectAs());
    QVERIFY(chats->mayConfirmTo(stranger));
    QVERIFY(!chats->mayConfirmTo(Jid::fromString(u"other@spam.example"_s)));
}

QTEST_GUILESS_MAIN(tst_ChatManager)
#include "tst_chatmanager.moc"
