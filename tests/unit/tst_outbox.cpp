// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The outbox (docs/SECURITY.md rule 9: no message lost, none twice) under stream management (XEP-0198):
// a message is Pending until the server acknowledges it, goes again after a lost session with the same id
// and origin-id (XEP-0359), is never sent twice by the outbox and the stream together, survives a restart,
// and a Failed one can be retried.

#include "TestClient.h"

#include "extensions/Chat.h"
#include "extensions/ChatManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const Jid Bob = Jid::fromString(u"bob@example.org"_s);
const QString Sm = u"<sm xmlns='urn:xmpp:sm:3'/>"_s;
const QString Enable = u"<enable xmlns='urn:xmpp:sm:3' resume='true'/>"_s;
const QString Enabled = u"<enabled xmlns='urn:xmpp:sm:3' id='sess-1' resume='true' max='600'/>"_s;
const QString R = u"<r xmlns='urn:xmpp:sm:3'/>"_s;

QString sent(const QString &id, const QString &body)
{
    return u"<message to='bob@example.org' type='chat' id='%1'><body>%2</body>"
           "<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>"
           "<origin-id xmlns='urn:xmpp:sid:0' id='%1'/>"
           "<active xmlns='http://jabber.org/protocol/chatstates'/></message>"_s.arg(id, body);
}

QString ack(int h)
{
    return u"<a xmlns='urn:xmpp:sm:3' h='%1'/>"_s.arg(h);
}

bool connectManaged(TestClient &client)
{
    client.setKeepSessionStart(true);
    if (!client.connectAs(TestClient::DefaultJid, Sm))
        return false;
    client.expect(Enable);
    client.inject(Enabled);
    return client.isStreamManaged();
}

ChatMessage::State stateOf(MessageStore &store, qint64 rowId)
{
    const auto message = store.message(rowId);
    return message ? message->state : ChatMessage::State::Received;
}
} // namespace

class tst_Outbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void pendingUntilTheServerAcknowledges();
    void withoutStreamManagementWrittenIsSent();
    void resumptionSendsNothingTwice();
    void failedResumptionResendsTheRestOnce();
    void survivesARestart();
    void failedMessageRetried();
    void correctionOfAMessageInFlight();
    void resentCopyStoredOnceByTheReceiver();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<MessageStore> m_store;
};

void tst_Outbox::init()
{
    m_database = std::make_unique<Database>();
    QVERIFY(m_database->open(m_dir.filePath(u"history.sqlite"_s)));
    m_store = std::make_unique<MessageStore>(*m_database);
}

void tst_Outbox::cleanup()
{
    m_store.reset();
    m_database.reset();
    QFile::remove(m_dir.filePath(u"history.sqlite"_s));
}

void tst_Outbox::pendingUntilTheServerAcknowledges()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(connectManaged(client));
    QSignalSpy changed(chats, &ChatManager::messageChanged);
    const ChatMessage message = chats->chat(Bob)->sendMessage(u"你好"_s);
    client.expect(sent(message.id, u"你好"_s));
    // On the wire is not yet "sent": the connection may be dead without anyone knowing.
    QCOMPARE(message.state, ChatMessage::State::Pending);
    QCOMPARE(stateOf(*m_store, message.rowId), ChatMessage::State::Pending);
    QTRY_COMPARE(client.sentCount(), 1);
    client.expect(R);
    client.inject(ack(1));
    QCOMPARE(stateOf(*m_store, message.rowId), ChatMessage::State::Sent);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<ChatMessage>().state, ChatMessage::State::Sent);
}

void tst_Outbox::withoutStreamManagementWrittenIsSent()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    const ChatMessage message = chats->chat(Bob)->sendMessage(u"hi"_s);
    QCOMPARE(message.state, ChatMessage::State::Sent);
    QCOMPARE(stateOf(*m_store, message.rowId), ChatMessage::State::Sent);
}

void tst_Outbox::resumptionSendsNothingTwice()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(connectManaged(client));
    Chat *chat = chats->chat(Bob);
    const ChatMessage inFlight = chat->sendMessage(u"on the wire"_s);
    client.dropConnection();
    const ChatMessage offline = chat->sendMessage(u"written offline"_s);
    QCOMPARE(offline.state, ChatMessage::State::Pending);
    client.clearSent();

    QVERIFY(client.reconnect(Sm, u"<resumed xmlns='urn:xmpp:sm:3' previd='sess-1' h='0'/>"_s));
    // The stream sends again what the server did not handle; the outbox adds only what never went out.
    client.expect(sent(inFlight.id, u"on the wire"_s));
    client.expect(R);
    client.expect(sent(offline.id, u"written offline"_s));
    client.expectNoSent();
    client.inject(ack(2));
    QCOMPARE(stateOf(*m_store, inFlight.rowId), ChatMessage::State::Sent);
    QCOMPARE(stateOf(*m_store, offline.rowId), ChatMessage::State::Sent);
}

void tst_Outbox::failedResumptionResendsTheRestOnce()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(connectManaged(client));
    Chat *chat = chats->chat(Bob);
    const ChatMessage first = chat->sendMessage(u"first"_s);
    const ChatMessage second = chat->sendMessage(u"second"_s);
    client.dropConnection();
    client.clearSent();

    // XEP-0198 §5: the server lost the session, but says it had handled one stanza of ours.
    QVERIFY(client.reconnect(Sm, u"<failed xmlns='urn:xmpp:sm:3' h='1'>"
                                 "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>"_s));
    QCOMPARE(stateOf(*m_store, first.rowId), ChatMessage::State::Sent);
    client.expect(Enable);
    client.expect(sent(second.id, u"second"_s));   // once, with its own id and origin-id
    client.expectNoSent();
    client.inject(Enabled);
    QTRY_COMPARE(client.sentCount(), 1);
    client.expect(R);
    client.inject(ack(1));
    QCOMPARE(stateOf(*m_store, second.rowId), ChatMessage::State::Sent);
    QVERIFY(m_store->pending().isEmpty());
}

void tst_Outbox::survivesARestart()
{
    QString id;
    {
        // Xin is killed with the message written but never acknowledged.
        TestClient client;
        auto *chats = client.addExtension<ChatManager>(m_store.get());
        QVERIFY(connectManaged(client));
        id = chats->chat(Bob)->sendMessage(u"before the crash"_s).id;
    }
    m_store.reset();
    m_database.reset();
    init();
    QCOMPARE(m_store->pending().size(), 1);

    TestClient client;
    client.addExtension<ChatManager>(m_store.get());
    QVERIFY(connectManaged(client));
    client.expect(sent(id, u"before the crash"_s));
}

void tst_Outbox::failedMessageRetried()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(connectManaged(client));
    const ChatMessage message = chats->chat(Bob)->sendMessage(u"to nowhere"_s);
    client.clearSent();
    client.inject(
        u"<message from='bob@example.org' type='error' id='%1'><error type='cancel'>"
        "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"_s.arg(message.id));
    QCOMPARE(stateOf(*m_store, message.rowId), ChatMessage::State::Failed);
    QVERIFY(!chats->retry(message.rowId + 1));   // no such message
    QSignalSpy changed(chats, &ChatManager::messageChanged);
    QVERIFY(chats->retry(message.rowId));
    QCOMPARE(changed.first().at(0).value<ChatMessage>().state, ChatMessage::State::Pending);
    QVERIFY(m_store->message(message.rowId)->errorText.isEmpty());
    client.expect(sent(message.id, u"to nowhere"_s));
    QVERIFY(!chats->retry(message.rowId));   // only a Failed one
}

void tst_Outbox::correctionOfAMessageInFlight()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(connectManaged(client));
    Chat *chat = chats->chat(Bob);
    chat->sendMessage(u"see you at 8"_s);
    client.clearSent();
    // Written, not yet acknowledged: the peer may have it, so it is corrected on the wire (XEP-0308).
    QVERIFY(chat->correctLastMessage(u"see you at 9"_s));
    QCOMPARE(client.takeSent().firstChildElement(u"replace"_s).attribute(u"id"_s), u"id1"_s);
}

void tst_Outbox::resentCopyStoredOnceByTheReceiver()
{
    TestClient client;
    auto *chats = client.addExtension<ChatManager>(m_store.get());
    QVERIFY(client.connectAs());
    QSignalSpy added(chats, &ChatManager::messageAdded);
    const QString copy = u"<message from='bob@example.org/phone' type='chat' id='m1'><body>只一次</body>"
                         "<origin-id xmlns='urn:xmpp:sid:0' id='m1'/></message>"_s;
    client.inject(copy);
    client.inject(copy);   // the sender's stream resent it after a failed resumption
    QCOMPARE(added.size(), 1);
    QCOMPARE(m_store->count(Bob), 1);
}

QTEST_GUILESS_MAIN(tst_Outbox)
#include "tst_outbox.moc"
