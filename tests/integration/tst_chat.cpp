// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// One-to-one chat against a real Prosody: receipts, carbons, the archive, corrections, markers, chat states,
// error replies, and the origin checks of docs/SECURITY.md rules 3 and 4 (forged carbons and archive results).
#include "ChatDevice.h"
#include "ClientTestUtils.h"
#include "ProsodyServer.h"
#include "messaging/MessagePayloads.h"
#include "client/XmppClient.h"
#include "extensions/ArchiveManager.h"
#include "extensions/CarbonsManager.h"
#include "extensions/Chat.h"
#include "extensions/ChatManager.h"
#include "stanza/Iq.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;

namespace {
const auto Password = u"p4ss-密码"_s;

/// One signed-in device. These accounts share no subscription: the privacy gate (tst_flood) would keep
/// receipts, markers and chat states from those who never wrote. Here they are what is tested, so they go to
/// everyone.
struct Device : ChatDevice
{
    explicit Device(const QString &databasePath) : ChatDevice(databasePath) { chats->setConfirmToEveryone(true); }
};

template <typename Predicate>
bool waitFor(Predicate done, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return done();
}

int countState(const QList<ChatMessage> &messages, ChatMessage::Direction direction, ChatMessage::State state)
{
    return int(std::count_if(messages.cbegin(), messages.cend(),
                             [&](const ChatMessage &m) { return m.direction == direction && m.state == state; }));
}

int countBody(const QList<ChatMessage> &messages, const QString &body)
{
    return int(std::count_if(messages.cbegin(), messages.cend(), [&](const ChatMessage &m) { return m.body == body; }));
}
} // namespace

class tst_Chat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void hundredMessagesEachWayWithReceipts();
    void chatStatesAndReadMarkers();
    void carbonsReachOtherResource();
    void offlineMessagesFromArchiveExactlyOnce();
    void forgedServerDelayTimedAsReceived();
    void historyPagesFromArchive();
    void correctionReplacesOriginal();
    void forgedCarbonIgnored();
    void forgedArchiveResultIgnored();
    void forgedStanzaIdNotTrusted();
    void errorShownUnderFailedMessage();
    void pendingMessageSentAtNextConnection();

private:
    std::unique_ptr<Device> device(const QString &name);
    bool login(Device &device, const QString &user, const QString &resource);
    ProsodyServer m_server;
    QTemporaryDir m_dir;
    int m_databases = 0;
};

void tst_Chat::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    ProsodyServer::Options options;
    for (const auto &user : {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"erin"_s, u"frank"_s, u"grace"_s, u"heidi"_s,
                             u"ivan"_s, u"judy"_s})
        options.users << user + u':' + Password;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
}

std::unique_ptr<Device> tst_Chat::device(const QString &name)
{
    return std::make_unique<Device>(m_dir.filePath(u"%1-%2.sqlite"_s.arg(name).arg(++m_databases)));
}

bool tst_Chat::login(Device &device, const QString &user, const QString &resource)
{
    auto config = configFor(m_server, user, Password);
    config.resource = resource;
    QSignalSpy caughtUp(device.archive, &ArchiveManager::catchUpFinished);
    device.client.connectToHost(config);
    if (!waitConnected(device.client))
        return false;
    device.client.send(Presence{});   // available: the server routes messages to the bare JID to us
    // Carbons enabled and the archive caught up: from here on nothing arrives late.
    return waitFor([&] { return device.carbons->isEnabled() && !caughtUp.isEmpty(); });
}

void tst_Chat::hundredMessagesEachWayWithReceipts()
{
    auto alice = device(u"alice"_s);
    auto bob = device(u"bob"_s);
    QVERIFY(login(*alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(*bob, u"bob"_s, u"pc"_s));
    const Jid aliceJid = alice->client.jid().bare();
    const Jid bobJid = bob->client.jid().bare();
    QSignalSpy bobCreated(bob->chats, &ChatManager::chatCreated);

    Chat *toBob = alice->chats->chat(bobJid);
    Chat *toAlice = bob->chats->chat(aliceJid);
    for (int i = 0; i < 100; ++i) {
        toBob->sendMessage(u"alice → bob %1 你好"_s.arg(i));
        toAlice->sendMessage(u"bob → alice %1 hello"_s.arg(i));
    }
    QVERIFY(waitFor([&] {
        return countState(alice->history(bobJid), ChatMessage::Direction::Outgoing, ChatMessage::State::Delivered)
            == 100;
    }));
    QVERIFY(waitFor([&] {
        return countState(bob->history(aliceJid), ChatMessage::Direction::Outgoing, ChatMessage::State::Delivered)
            == 100;
    }));
    for (const Device *d : {alice.get(), bob.get()}) {
        const QList<ChatMessage> all = d->history(d == alice.get() ? bobJid : aliceJid);
        QCOMPARE(all.size(), 200);   // each exactly once, though the archive was caught up too
        QCOMPARE(countState(all, ChatMessage::Direction::Incoming, ChatMessage::State::Received), 100);
        // Incoming ones in the order they were sent.
        int expected = 0;
        for (const ChatMessage &m : all) {
            if (m.direction != ChatMessage::Direction::Incoming)
                continue;
            QVERIFY2(m.body.contains(u" %1 "_s.arg(expected)), qPrintable(m.body));
            QVERIFY(m.receiptRequested);
            QVERIFY(!m.read);
            ++expected;
        }
        QCOMPARE(d->store->unreadCount(d == alice.get() ? bobJid : aliceJid), 100);
    }
    // bob had opened the chat himself before alice's first message came: it counts as created locally.
    QCOMPARE(bobCreated.size(), 1);
    QCOMPARE(bobCreated.at(0).at(1).toBool(), true);
}

void tst_Chat::chatStatesAndReadMarkers()
{
    auto alice = device(u"alice"_s);
    auto bob = device(u"bob"_s);
    QVERIFY(login(*alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(*bob, u"bob"_s, u"pc"_s));
    const Jid aliceJid = alice->client.jid().bare();
    const Jid bobJid = bob->client.jid().bare();
    QSignalSpy created(bob->chats, &ChatManager::chatCreated);

    const ChatMessage sent = alice->chats->chat(bobJid)->sendMessage(u"在吗？"_s);
    QVERIFY(waitFor([&] { return created.size() == 1; }));
    Chat *fromAlice = created.at(0).at(0).value<Chat *>();
    QCOMPARE(fromAlice->jid(), aliceJid);
    QCOMPARE(created.at(0).at(1).toBool(), false);   // the other side started it

    // alice's message carried <active/>: bob's client knows she does chat states and sends his.
    QSignalSpy aliceStates(alice->chats->chat(bobJid), &Chat::remoteStateChanged);
    fromAlice->setChatState(ChatState::Composing);
    QVERIFY(waitFor([&] { return alice->chats->chat(bobJid)->remoteState() == ChatState::Composing; }));
    fromAlice->setChatState(ChatState::Paused);
    QVERIFY(waitFor([&] { return alice->chats->chat(bobJid)->remoteState() == ChatState::Paused; }));
    QCOMPARE(aliceStates.size(), 2);

    // Delivered, then read when bob looks at it (XEP-0333 <displayed/>).
    QVERIFY(waitFor([&] { return alice->store->message(sent.rowId)->state == ChatMessage::State::Delivered; }));
    QCOMPARE(bob->store->unreadCount(aliceJid), 1);
    QSignalSpy changed(alice->chats, &ChatManager::messageChanged);
    fromAlice->markRead();
    QCOMPARE(bob->store->unreadCount(aliceJid), 0);
    QVERIFY(waitFor([&] { return alice->store->message(sent.rowId)->state == ChatMessage::State::Read; }));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).value<ChatMessage>().state, ChatMessage::State::Read);
}

void tst_Chat::carbonsReachOtherResource()
{
    auto pc = device(u"carol-pc"_s);
    auto phone = device(u"carol-phone"_s);
    auto dave = device(u"dave"_s);
    QVERIFY(login(*pc, u"carol"_s, u"pc"_s));
    QVERIFY(login(*phone, u"carol"_s, u"phone"_s));
    QVERIFY(login(*dave, u"dave"_s, u"laptop"_s));
    const Jid daveJid = dave->client.jid().bare();

    // Sent on the pc: the phone gets a sent carbon and shows it as carol's own message to dave.
    pc->chats->chat(daveJid)->sendMessage(u"从电脑发的 sent from the pc"_s);
    QVERIFY(waitFor([&] { return phone->history(daveJid).size() == 1; }));
    const ChatMessage copy = phone->history(daveJid).constFirst();
    QCOMPARE(copy.direction, ChatMessage::Direction::Outgoing);
    QCOMPARE(copy.body, u"从电脑发的 sent from the pc"_s);
    QCOMPARE(copy.chat, daveJid);

    // dave answers the pc's full JID: the phone gets a received carbon.
    Message reply;
    reply.type = Message::Type::Chat;
    reply.to = pc->client.jid();
    reply.body = u"got it on my laptop"_s;
    reply.id = dave->client.generateId();
    MessagePayloads::add(reply, u"markable"_s, ns::ChatMarkers);
    QVERIFY(dave->client.send(reply));
    QVERIFY(waitFor([&] { return phone->history(daveJid).size() == 2 && pc->history(daveJid).size() == 2; }));
    QCOMPARE(phone->history(daveJid).constLast().direction, ChatMessage::Direction::Incoming);
    QCOMPARE(phone->history(daveJid).constLast().body, u"got it on my laptop"_s);
    QTest::qWait(300);
    QCOMPARE(phone->history(daveJid).size(), 2);   // nothing twice

    // The phone reads the chat: its <displayed/> marker reaches the pc as a sent carbon (XEP-0333 §5), and
    // the pc no longer counts the message unread either.
    QCOMPARE(pc->store->unreadCount(daveJid), 1);
    QSignalSpy readElsewhere(pc->chats, &ChatManager::chatRead);
    phone->chats->chat(daveJid)->markRead();
    QVERIFY(waitFor([&] { return readElsewhere.size() == 1; }));
    QCOMPARE(readElsewhere.at(0).at(0).value<Jid>(), daveJid);
    QCOMPARE(pc->store->unreadCount(daveJid), 0);
}

void tst_Chat::offlineMessagesFromArchiveExactlyOnce()
{
    const QString aliceDb = m_dir.filePath(u"erin-persistent.sqlite"_s);
    auto frank = device(u"frank"_s);
    QVERIFY(login(*frank, u"frank"_s, u"pc"_s));
    Jid erinJid;
    {
        Device erin(aliceDb);
        QVERIFY(login(erin, u"erin"_s, u"pc"_s));
        erinJid = erin.client.jid().bare();
        frank->chats->chat(erinJid)->sendMessage(u"before you left"_s);
        QVERIFY(waitFor([&] { return erin.history(frank->client.jid()).size() == 1; }));
        erin.client.disconnectFromHost();
        QVERIFY(waitDisconnected(erin.client));
        // Only archive results move the cursor (issue 13 finding 5): erin's archive was empty at her first
        // login, and the live message left it so; the next catch-up starts at the archive's start.
        QVERIFY(erin.database.property(ArchiveManager::cursorKey()).isEmpty());
        QCOMPARE(erin.database.property(ArchiveManager::caughtUpKey()), u"1"_s);
    }
    // While erin is away: offline storage keeps them, and so does the archive.
    for (int i = 0; i < 5; ++i)
        frank->chats->chat(erinJid)->sendMessage(u"while you were away %1 离线消息"_s.arg(i));
    QTest::qWait(300);

    Device erin(aliceDb);
    QSignalSpy added(erin.chats, &ChatManager::messageAdded);
    QSignalSpy caughtUp(erin.archive, &ArchiveManager::catchUpFinished);
    QVERIFY(login(erin, u"erin"_s, u"pc"_s));
    const Jid frankJid = frank->client.jid().bare();
    QVERIFY(waitFor([&] { return erin.history(frankJid).size() == 6; }));
    QTest::qWait(500);   // offline delivery and the catch-up both brought them: still once each
    const QList<ChatMessage> all = erin.history(frankJid);
    QCOMPARE(all.size(), 6);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(countBody(all, u"while you were away %1 离线消息"_s.arg(i)), 1);
    QCOMPARE(added.size(), 5);
    QCOMPARE(erin.store->unreadCount(frankJid), 6);
    QVERIFY(caughtUp.first().at(0).toBool());
    // Delayed delivery: shown at the time they were sent, not when they arrived.
    QVERIFY(all.constLast().timestamp <= QDateTime::currentDateTimeUtc().addMSecs(-250));
    // Receipts for the offline messages reached frank once erin was back.
    QVERIFY(waitFor([&] {
        return countState(frank->history(erinJid), ChatMessage::Direction::Outgoing, ChatMessage::State::Delivered)
            == 6;
    }));
}

void tst_Chat::forgedServerDelayTimedAsReceived()
{
    // Issue 13 finding 4: Prosody relays a <delay from='our domain'/> that a sender wrote itself. It counts
    // only when dated since our previous session ended, as offline storage's would be (OfflineWindow).
    auto ivan = device(u"ivan"_s);
    QVERIFY(login(*ivan, u"ivan"_s, u"pc"_s));
    const QString judyDb = m_dir.filePath(u"judy-persistent.sqlite"_s);
    const QDateTime firstSession = QDateTime::currentDateTimeUtc();
    {
        Device judy(judyDb);
        QVERIFY(login(judy, u"judy"_s, u"pc"_s));
        judy.client.disconnectFromHost();
        QVERIFY(waitDisconnected(judy.client));
    }
    Device judy(judyDb);
    QVERIFY(login(judy, u"judy"_s, u"pc"_s));
    const Jid judyJid = judy.client.jid().bare();
    const QString xml = u"<message xmlns='jabber:client' to='%1' type='chat' id='%2'><body>%2 伪造</body>"
                        "<delay xmlns='urn:xmpp:delay' from='%3' stamp='%4'/></message>"_s;
    const QDateTime before = QDateTime::currentDateTimeUtc();
    for (const auto &[id, stamp] :
         {std::pair{u"hour-ago"_s, firstSession.addSecs(-3600)},
          std::pair{u"ancient"_s, QDateTime(QDate(2001, 1, 1), QTime(0, 0), QTimeZone::UTC)}}) {
        QVERIFY(ivan->client.sendElement(
            XmlWriter::parseElement(xml.arg(judyJid.toString(), id, judyJid.domain(), stamp.toString(Qt::ISODate)))));
    }
    const Jid ivanJid = ivan->client.jid().bare();
    QVERIFY(waitFor([&] { return judy.history(ivanJid).size() == 2; }));
    const QDateTime after = QDateTime::currentDateTimeUtc();
    for (const ChatMessage &message : judy.history(ivanJid)) {
        QVERIFY2(message.timestamp >= before.addMSecs(-1) && message.timestamp <= after,
                 qPrintable(message.body + u' ' + message.timestamp.toString(Qt::ISODateWithMs)));
    }
}

void tst_Chat::historyPagesFromArchive()
{
    auto grace = device(u"grace"_s);
    auto heidi = device(u"heidi"_s);
    QVERIFY(login(*grace, u"grace"_s, u"pc"_s));
    QVERIFY(login(*heidi, u"heidi"_s, u"pc"_s));
    const Jid heidiJid = heidi->client.jid().bare();
    const Jid graceJid = grace->client.jid().bare();
    // One after the other, each archived before the next is sent: the history orders by time to the
    // millisecond (XEP-0203 stamps are read to the ms), and messages of one millisecond fetched on different
    // pages would keep the order they came in.
    for (int i = 0; i < 30; ++i) {
        grace->chats->chat(heidiJid)->sendMessage(u"history %1 历史"_s.arg(i));
        QVERIFY(waitFor([&] { return heidi->history(graceJid).size() == i + 1; }));
        QTest::qWait(2);
    }
    QVERIFY(waitFor([&] { return heidi->history(graceJid).size() == 30; }));

    // A new device of heidi's with an empty history pages back through the archive, newest first.
    auto tablet = device(u"heidi-tablet"_s);
    QVERIFY(login(*tablet, u"heidi"_s, u"tablet"_s));
    QVERIFY(tablet->store->removeChat(graceJid));   // forget what the first catch-up brought
    QVERIFY(tablet->history(graceJid).isEmpty());
    // Pages of 10 back from the newest (XEP-0313 §4: RSM <before/>). The archive holds heidi's receipts to
    // grace too (Prosody archives them), so a page brings fewer than 10 messages; paging on brings all.
    QString before;
    int pages = 0;
    int added = 0;
    QList<int> sizes;
    for (;;) {
        std::optional<ArchiveManager::Page> page;
        tablet->archive->fetchHistory(graceJid, before, 10, this, [&](const ArchiveManager::Page &p) { page = p; });
        QVERIFY(waitFor([&] { return page.has_value(); }));
        QVERIFY2(page->ok, qPrintable(page->error));
        QVERIFY(page->count <= 10);
        added += page->added;
        sizes << tablet->history(graceJid).size();
        ++pages;
        if (page->complete || page->count == 0)
            break;
        QVERIFY(!page->first.isEmpty());
        before = page->first;
        QVERIFY(pages < 20);
    }
    QVERIFY(pages >= 3);
    QCOMPARE(added, 30);
    QVERIFY(std::is_sorted(sizes.cbegin(), sizes.cend()));
    const QList<ChatMessage> shown = tablet->history(graceJid);
    QCOMPARE(shown.size(), 30);
    for (int i = 0; i < 30; ++i) {
        QCOMPARE(shown.at(i).body, u"history %1 历史"_s.arg(i));
        QVERIFY(shown.at(i).read);   // history, not news
        QVERIFY(!shown.at(i).stanzaId.isEmpty());
    }

    // Asking again brings nothing new: each message is stored once.
    std::optional<ArchiveManager::Page> again;
    tablet->archive->fetchHistory(graceJid, {}, 50, this, [&](const ArchiveManager::Page &p) { again = p; });
    QVERIFY(waitFor([&] { return again.has_value(); }));
    QVERIFY(again->ok);
    QCOMPARE(again->added, 0);
    QCOMPARE(tablet->history(graceJid).size(), 30);
}

void tst_Chat::correctionReplacesOriginal()
{
    auto alice = device(u"alice"_s);
    auto bob = device(u"bob"_s);
    QVERIFY(login(*alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(*bob, u"bob"_s, u"pc"_s));
    const Jid aliceJid = alice->client.jid().bare();
    const Jid bobJid = bob->client.jid().bare();
    bob->store->removeChat(aliceJid);
    alice->store->removeChat(bobJid);

    alice->chats->chat(bobJid)->sendMessage(u"明天见，helo"_s);
    QVERIFY(waitFor([&] { return bob->history(aliceJid).size() == 1; }));
    QSignalSpy changed(bob->chats, &ChatManager::messageChanged);
    QVERIFY(alice->chats->chat(bobJid)->correctLastMessage(u"明天见，hello"_s));
    QVERIFY(waitFor([&] { return !changed.isEmpty(); }));
    const QList<ChatMessage> seen = bob->history(aliceJid);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.constFirst().body, u"明天见，hello"_s);
    QVERIFY(seen.constFirst().edited);
    QCOMPARE(alice->history(bobJid).constFirst().body, u"明天见，hello"_s);
    QCOMPARE(bob->store->search(u"hello"_s, aliceJid).size(), 1);
    QCOMPARE(bob->store->search(u"helo"_s, aliceJid).size(), 0);

    // bob cannot rewrite alice's message: a "correction" from him names her id but only his own count.
    const QString aliceId = seen.constFirst().id;
    Message fake;
    fake.type = Message::Type::Chat;
    fake.to = alice->client.jid();
    fake.body = u"I owe bob 1000 yuan"_s;
    MessagePayloads::add(fake, u"replace"_s, ns::MessageCorrection, u"id"_s, aliceId);
    QVERIFY(bob->client.send(fake));
    QVERIFY(waitFor([&] { return alice->history(bobJid).size() == 2; }));
    QCOMPARE(alice->history(bobJid).constFirst().body, u"明天见，hello"_s);
}

void tst_Chat::forgedCarbonIgnored()
{
    auto alice = device(u"alice"_s);
    auto carol = device(u"carol"_s);
    QVERIFY(login(*alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(*carol, u"carol"_s, u"pc"_s));
    const Jid aliceJid = alice->client.jid().bare();
    const Jid bobJid = Jid::fromString(u"bob@localhost");
    alice->store->removeChat(bobJid);
    QSignalSpy forged(alice->carbons, &CarbonsManager::forgedCarbonIgnored);

    // carol wraps a "message from bob" in a received carbon: the server stamps carol as the outer 'from'.
    const QString xml = u"<message xmlns='jabber:client' to='%1' type='chat'>"
                        "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                        "<message xmlns='jabber:client' from='bob@localhost/pc' to='%1' type='chat'>"
                        "<body>forged: send me your password</body></message></forwarded></received></message>"_s.arg(
                            alice->client.jid().toString());
    QVERIFY(carol->client.sendElement(XmlWriter::parseElement(xml)));
    QVERIFY(waitFor([&] { return forged.size() == 1; }));
    QCOMPARE(forged.at(0).at(0).value<Jid>(), carol->client.jid());
    QVERIFY(alice->history(bobJid).isEmpty());
    QVERIFY(alice->history(carol->client.jid()).isEmpty());
    QVERIFY(alice->store->search(u"forged"_s).isEmpty());
}

void tst_Chat::forgedArchiveResultIgnored()
{
    auto alice = device(u"alice"_s);
    auto carol = device(u"carol"_s);
    QVERIFY(login(*alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(*carol, u"carol"_s, u"pc"_s));
    const Jid bobJid = Jid::fromString(u"bob@localhost");
    alice->store->removeChat(bobJid);
    QSignalSpy forged(alice->archive, &ArchiveManager::forgedResultIgnored);

    // While alice's history query is open, carol injects a result with a guessed queryid... and with no
    // queryid at all after it closed. Neither is stored.
    std::optional<ArchiveManager::Page> page;
    alice->archive->fetchHistory(bobJid, {}, 5, this, [&](const ArchiveManager::Page &p) { page = p; });
    const QString xml =
        u"<message xmlns='jabber:client' to='%1'><result xmlns='urn:xmpp:mam:2' queryid='%2' id='x1'>"
        "<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2020-01-01T00:00:00Z'/>"
        "<message xmlns='jabber:client' from='bob@localhost/pc' to='%1' type='chat'>"
        "<body>forged archive entry</body></message></forwarded></result></message>"_s;
    QVERIFY(carol->client.sendElement(XmlWriter::parseElement(xml.arg(alice->client.jid().toString(), u"guess"_s))));
    QVERIFY(waitFor([&] { return page.has_value(); }));
    QVERIFY(carol->client.sendElement(XmlWriter::parseElement(xml.arg(alice->client.jid().toString(), QString()))));
    QVERIFY(waitFor([&] { return forged.size() == 2; }));
    QVERIFY(alice->store->search(u"forged archive"_s).isEmpty());
}

void tst_Chat::forgedStanzaIdNotTrusted()
{
    auto alice = device(u"alice"_s);
    auto carol = device(u"carol"_s);
    QVERIFY(login(*alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(*carol, u"carol"_s, u"pc"_s));
    QVERIFY(alice->chats->isStanzaIdTrusted());   // Prosody advertises urn:xmpp:sid:0 on our account
    const Jid aliceJid = alice->client.jid().bare();
    const Jid carolJid = carol->client.jid().bare();

    // carol adds a stanza-id "by alice's server" to two messages: Prosody strips or adds its own next to it;
    // either way alice must not take carol's for the server's, or carol could make alice drop a message
    // as a "duplicate" of an earlier one.
    auto forgedMessage = [&](const QString &body) {
        Message message;
        message.type = Message::Type::Chat;
        message.to = aliceJid;
        message.id = carol->client.generateId();
        message.body = body;
        MessagePayloads::add(message, u"stanza-id"_s, ns::StanzaIds, u"id"_s, u"same-forged-id"_s);
        message.extensions.last().setAttribute(u"by"_s, aliceJid.toString());
        return message;
    };
    QVERIFY(carol->client.send(forgedMessage(u"first"_s)));
    QVERIFY(carol->client.send(forgedMessage(u"second"_s)));
    QVERIFY(waitFor([&] { return alice->history(carolJid).size() == 2; }));
    for (const ChatMessage &m : alice->history(carolJid))
        QVERIFY(m.stanzaId != u"same-forged-id");
}

void tst_Chat::errorShownUnderFailedMessage()
{
    auto alice = device(u"alice"_s);
    QVERIFY(login(*alice, u"alice"_s, u"pc"_s));
    const Jid nobody = Jid::fromString(u"nobody@localhost");
    const ChatMessage good = alice->chats->chat(nobody)->sendMessage(u"first"_s);
    QSignalSpy changed(alice->chats, &ChatManager::messageChanged);
    QVERIFY(waitFor([&] { return alice->store->message(good.rowId)->state == ChatMessage::State::Failed; }));
    const ChatMessage failed = *alice->store->message(good.rowId);
    QVERIFY2(!failed.errorText.isEmpty(), "the server's reason is kept for display");
    QCOMPARE(changed.last().at(0).value<ChatMessage>().rowId, good.rowId);
}

void tst_Chat::pendingMessageSentAtNextConnection()
{
    const QString path = m_dir.filePath(u"pending.sqlite"_s);
    auto bob = device(u"bob"_s);
    QVERIFY(login(*bob, u"bob"_s, u"pc"_s));
    const Jid bobJid = bob->client.jid().bare();
    bob->store->removeChat(Jid::fromString(u"alice@localhost"));
    qint64 rowId = 0;
    {
        Device alice(path);   // never connected: the message waits in the store
        rowId = alice.chats->chat(bobJid)->sendMessage(u"写于离线时 written offline"_s).rowId;
        QCOMPARE(alice.store->message(rowId)->state, ChatMessage::State::Pending);
    }
    Device alice(path);
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    QVERIFY(waitFor([&] { return alice.store->message(rowId)->state == ChatMessage::State::Delivered; }));
    QCOMPARE(countBody(bob->history(alice.client.jid()), u"写于离线时 written offline"_s), 1);
}

QTEST_GUILESS_MAIN(tst_Chat)
#include "tst_chat.moc"
