// The chat XEPs' payloads read from real XML and written back (MessagePayloads), and ChatManager's rules
// that need no server: docs/SECURITY.md rule 4 (stanza-id trust), correction by the original sender only, receipts
// and markers matched to the right message, expiry, headlines and groupchat kept out of chats.
#include "chat/MessagePayloads.h"
#include "client/XmppClient.h"
#include "extensions/Chat.h"
#include "extensions/ChatManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "xml/XmlWriter.h"

#include <QSignalSpy>
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

/// The manager with its stanza entry point opened: stanzas as a server would deliver them.
class OpenChatManager : public ChatManager
{
public:
    using ChatManager::ChatManager;
    using ChatManager::handleStanza;
};
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

    void init();
    void cleanup();
    void incomingMessageStoredOnce();
    void correctionOnlyFromOriginalSender();
    void receiptMatchesOwnMessageOnly();
    void errorMarksMessageFailed();
    void headlineAndGroupchatStayOutOfChats();
    void expireHonoured();
    void senderCannotSetTimestamp();
    void archiveStampTrustedButNeverFuture();

private:
    std::unique_ptr<Database> m_database;
    std::unique_ptr<MessageStore> m_store;
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
    const Message m = parseMessage(u"<message xmlns='jabber:client'><x xmlns='jabber:x:expire' seconds='30'/></message>"_s);
    QCOMPARE(mp::expireSeconds(m), std::optional<qint64>(30));
    QVERIFY(!mp::delayStamp(XmlWriter::parseElement(
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
    mp::add(m, u"request"_s, mp::ReceiptsNs);
    mp::add(m, u"origin-id"_s, mp::UniqueIdsNs, u"id"_s, u"abc"_s);
    mp::add(m, u"replace"_s, mp::CorrectionNs, u"id"_s, u"old"_s);
    const QByteArray xml = m.toXml();
    QVERIFY2(xml.contains("<request xmlns=\"urn:xmpp:receipts\"/>"), xml.constData());
    QVERIFY(xml.contains("&lt;b&gt;&amp;"));
    const Message back = parseMessage(QString::fromUtf8(xml).replace(u"<message "_s, u"<message xmlns='jabber:client' "_s));
    QVERIFY(mp::hasReceiptRequest(back));
    QCOMPARE(mp::originId(back), u"abc"_s);
    QCOMPARE(mp::replaceId(back), u"old"_s);
    QCOMPARE(back.body, m.body);
}

void tst_MessagePayloads::chatStateNames()
{
    for (ChatState state : {ChatState::Active, ChatState::Composing, ChatState::Paused, ChatState::Inactive,
                            ChatState::Gone})
        QCOMPARE(ChatStates::fromElementName(ChatStates::elementName(state)), std::optional<ChatState>(state));
    QVERIFY(!ChatStates::fromElementName(u"typing"));
}

void tst_MessagePayloads::init()
{
    m_database = std::make_unique<Database>();
    QVERIFY(m_database->open(u":memory:"_s));
    m_store = std::make_unique<MessageStore>(*m_database);
}

void tst_MessagePayloads::cleanup()
{
    m_store.reset();
    m_database.reset();
}

void tst_MessagePayloads::incomingMessageStoredOnce()
{
    XmppClient client;   // never connected: the manager's own rules only
    auto *chats = client.addExtension<OpenChatManager>(m_store.get());
    QSignalSpy added(chats, &ChatManager::messageAdded);
    QSignalSpy created(chats, &ChatManager::chatCreated);
    const QString xml = u"<message xmlns='jabber:client' from='bob@example.org/pc' type='chat' id='m1'>"
                        "<body>第一条</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>"_s;
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(xml)));
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(xml)));   // delivered twice (resent after a lost receipt)
    QCOMPARE(added.size(), 1);
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.at(0).at(1).toBool(), false);
    const Jid bob = Jid::fromString(u"bob@example.org");
    QCOMPARE(m_store->messages(bob, 10).size(), 1);
    const ChatMessage stored = m_store->messages(bob, 10).constFirst();
    QCOMPARE(stored.body, u"第一条"_s);
    QCOMPARE(stored.resource, u"pc"_s);
    QCOMPARE(stored.originId, u"o1"_s);
    QVERIFY(!stored.read);
    QCOMPARE(chats->existingChat(bob)->jid(), bob);
}

void tst_MessagePayloads::correctionOnlyFromOriginalSender()
{
    XmppClient client;
    auto *chats = client.addExtension<OpenChatManager>(m_store.get());
    const Jid bob = Jid::fromString(u"bob@example.org");
    const Jid carol = Jid::fromString(u"carol@example.org");
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='bob@example.org/pc' type='chat' id='b1'><body>see you at 8</body></message>"_s)));
    // carol names bob's id: she gets a message of her own, bob's stays.
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='carol@example.org/x' type='chat' id='c1'><body>see you at 9</body>"
        "<replace xmlns='urn:xmpp:message-correct:0' id='b1'/></message>"_s)));
    QCOMPARE(m_store->messages(bob, 10).constFirst().body, u"see you at 8"_s);
    QCOMPARE(m_store->messages(carol, 10).size(), 1);
    // bob corrects his own.
    QSignalSpy changed(chats, &ChatManager::messageChanged);
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='bob@example.org/phone' type='chat' id='b2'><body>see you at 8:30</body>"
        "<replace xmlns='urn:xmpp:message-correct:0' id='b1'/></message>"_s)));
    QCOMPARE(m_store->messages(bob, 10).size(), 1);
    QCOMPARE(m_store->messages(bob, 10).constFirst().body, u"see you at 8:30"_s);
    QVERIFY(m_store->messages(bob, 10).constFirst().edited);
    QCOMPARE(changed.size(), 1);
}

void tst_MessagePayloads::receiptMatchesOwnMessageOnly()
{
    XmppClient client;
    auto *chats = client.addExtension<OpenChatManager>(m_store.get());
    const Jid bob = Jid::fromString(u"bob@example.org");
    const ChatMessage sent = chats->chat(bob)->sendMessage(u"hello"_s);
    QCOMPARE(sent.state, ChatMessage::State::Pending);   // not connected: waits in the store
    QVERIFY(!sent.id.isEmpty());
    m_store->setState(sent.rowId, ChatMessage::State::Sent);
    // A receipt for our id from carol changes nothing; from bob it is delivered; his marker makes it read.
    chats->handleStanza(XmlWriter::parseElement(u"<message xmlns='jabber:client' from='carol@example.org/x'>"
                                                "<received xmlns='urn:xmpp:receipts' id='%1'/></message>"_s.arg(sent.id)));
    QCOMPARE(m_store->message(sent.rowId)->state, ChatMessage::State::Sent);
    chats->handleStanza(XmlWriter::parseElement(u"<message xmlns='jabber:client' from='bob@example.org/pc'>"
                                                "<received xmlns='urn:xmpp:receipts' id='%1'/></message>"_s.arg(sent.id)));
    QCOMPARE(m_store->message(sent.rowId)->state, ChatMessage::State::Delivered);
    chats->handleStanza(XmlWriter::parseElement(u"<message xmlns='jabber:client' from='bob@example.org/pc' type='chat'>"
                                                "<displayed xmlns='urn:xmpp:chat-markers:0' id='%1'/></message>"_s.arg(sent.id)));
    QCOMPARE(m_store->message(sent.rowId)->state, ChatMessage::State::Read);
    // A late receipt never moves it back.
    chats->handleStanza(XmlWriter::parseElement(u"<message xmlns='jabber:client' from='bob@example.org/pc'>"
                                                "<received xmlns='urn:xmpp:receipts' id='%1'/></message>"_s.arg(sent.id)));
    QCOMPARE(m_store->message(sent.rowId)->state, ChatMessage::State::Read);
}

void tst_MessagePayloads::errorMarksMessageFailed()
{
    XmppClient client;
    auto *chats = client.addExtension<OpenChatManager>(m_store.get());
    const Jid bob = Jid::fromString(u"bob@example.org");
    const ChatMessage first = chats->chat(bob)->sendMessage(u"one"_s);
    const ChatMessage second = chats->chat(bob)->sendMessage(u"two"_s);
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='bob@example.org' type='error' id='%1'><body>two</body>"
        "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>User is gone</text></error></message>"_s.arg(second.id))));
    QCOMPARE(m_store->message(second.rowId)->state, ChatMessage::State::Failed);
    QCOMPARE(m_store->message(second.rowId)->errorText, u"User is gone"_s);
    QCOMPARE(m_store->message(first.rowId)->state, ChatMessage::State::Pending);
    QCOMPARE(m_store->messages(bob, 10).size(), 2);   // the error body is not a new message
}

void tst_MessagePayloads::headlineAndGroupchatStayOutOfChats()
{
    XmppClient client;
    auto *chats = client.addExtension<OpenChatManager>(m_store.get());
    QSignalSpy headlines(chats, &ChatManager::headlineReceived);
    QSignalSpy groupchat(chats, &ChatManager::groupchatMessageReceived);
    QSignalSpy added(chats, &ChatManager::messageAdded);
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='news.example.org' type='headline'><subject>新闻</subject>"
        "<body>Server maintenance tonight</body></message>"_s)));
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='room@muc.example.org/nick' type='groupchat'><body>hi all</body></message>"_s)));
    QCOMPARE(headlines.size(), 1);
    QCOMPARE(groupchat.size(), 1);
    QCOMPARE(added.size(), 0);
    QCOMPARE(m_store->headlines(10).size(), 1);
    QCOMPARE(m_store->headlines(10).constFirst().subject, u"新闻"_s);
    QVERIFY(m_store->conversations().isEmpty());
}

void tst_MessagePayloads::expireHonoured()
{
    XmppClient client;
    auto *chats = client.addExtension<OpenChatManager>(m_store.get());
    const Jid bob = Jid::fromString(u"bob@example.org");
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='bob@example.org/pc' type='chat' id='e1'><body>self-destructs</body>"
        "<x xmlns='jabber:x:expire' seconds='1'/></message>"_s)));
    QCOMPARE(m_store->messages(bob, 10).size(), 1);
    QVERIFY(m_store->messages(bob, 10).constFirst().expires.isValid());
    QTest::qWait(1100);
    QCOMPARE(m_store->messages(bob, 10).size(), 0);
}

void tst_MessagePayloads::senderCannotSetTimestamp()
{
    // Issue 13 finding 4: a live message or a carbon with a <delay/> of the sender's choosing is stored at
    // the time it came, neither years back in the history nor pinned to the top of the chat list.
    XmppClient client;   // never connected: no own domain, so no live delay can be from our server
    auto *chats = client.addExtension<OpenChatManager>(m_store.get());
    const Jid bob = Jid::fromString(u"bob@example.org");
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='bob@example.org/pc' type='chat' id='old'><body>很久以前</body>"
        "<delay xmlns='urn:xmpp:delay' from='bob@example.org/pc' stamp='2001-01-01T00:00:00Z'/></message>"_s)));
    QVERIFY(chats->handleStanza(XmlWriter::parseElement(
        u"<message xmlns='jabber:client' from='bob@example.org/pc' type='chat' id='future'><body>置顶</body>"
        "<delay xmlns='urn:xmpp:delay' from='example.org' stamp='2200-01-01T00:00:00Z'/></message>"_s)));
    const Message carbon = parseMessage(
        u"<message xmlns='jabber:client' from='bob@example.org/pc' to='alice@example.org/pc' type='chat' "
        "id='carbon'><body>副本</body><delay xmlns='urn:xmpp:delay' stamp='2001-01-01T00:00:00Z'/></message>"_s);
    QVERIFY(chats->processMessage(carbon, ChatManager::Origin::ReceivedCarbon));
    const QDateTime after = QDateTime::currentDateTimeUtc();

    const QList<ChatMessage> stored = m_store->messages(bob, 10);
    QCOMPARE(stored.size(), 3);
    for (const ChatMessage &message : stored) {
        QVERIFY2(message.timestamp >= before.addMSecs(-1) && message.timestamp <= after,
                 qPrintable(message.body + u' ' + message.timestamp.toString(Qt::ISODate)));
    }
}

void tst_MessagePayloads::archiveStampTrustedButNeverFuture()
{
    // XEP-0313 §5.1.2: the archive's <forwarded><delay/> is when our server got the message; the inner
    // message's own delay is the sender's word. A stamp in the future is never used.
    XmppClient client;
    auto *chats = client.addExtension<OpenChatManager>(m_store.get());
    const Jid bob = Jid::fromString(u"bob@example.org");
    const QDateTime archived(QDate(2025, 3, 4), QTime(5, 6, 7), QTimeZone::UTC);
    const Message inner = parseMessage(
        u"<message xmlns='jabber:client' from='bob@example.org/pc' type='chat' id='a1'><body>存档</body>"
        "<delay xmlns='urn:xmpp:delay' from='example.org' stamp='2001-01-01T00:00:00Z'/></message>"_s);
    const auto stored = chats->processMessage(inner, ChatManager::Origin::Archive, u"mam-1"_s, archived);
    QVERIFY(stored);
    QCOMPARE(stored->timestamp, archived);

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Message later = parseMessage(
        u"<message xmlns='jabber:client' from='bob@example.org/pc' type='chat' id='a2'><body>未来</body></message>"_s);
    const auto future = chats->processMessage(later, ChatManager::Origin::ArchiveHistory, u"mam-2"_s,
                                              QDateTime(QDate(2200, 1, 1), QTime(0, 0), QTimeZone::UTC));
    QVERIFY(future);
    QVERIFY(future->timestamp >= before.addMSecs(-1) && future->timestamp <= QDateTime::currentDateTimeUtc());
    QCOMPARE(m_store->messages(bob, 10).constLast().body, u"未来"_s);
}

QTEST_GUILESS_MAIN(tst_MessagePayloads)
#include "tst_messagepayloads.moc"
