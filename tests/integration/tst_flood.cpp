// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Strangers against a real Prosody (issue 13, finding 6: strangers must not flood us or learn that we are
// online): a stranger account asks for receipts and gets none while a contact does; an XEP-0114 component
// speaks for thousands of strangers who send friend requests, presences and avatar hashes at once, and the
// client's state stays bounded and it fetches nothing for them.
#include "ClientTestUtils.h"
#include "ComponentConnection.h"
#include "ProsodyServer.h"
#include "messaging/MessagePayloads.h"
#include "client/XmppClient.h"
#include "extensions/AvatarManager.h"
#include "extensions/Chat.h"
#include "extensions/ChatManager.h"
#include "extensions/PresenceManager.h"
#include "extensions/ProfileFetcher.h"
#include "extensions/RosterManager.h"
#include "extensions/VCardManager.h"
#include "storage/AvatarStore.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "storage/RosterStore.h"
#include "xml/Namespaces.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;

namespace {
const auto Password = u"p4ss-密码"_s;

template <typename Predicate>
bool waitFor(Predicate done, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return done();
}

/// The account under attack, with the managers as the app wires them (roster, presence, avatars, chats).
struct Target
{
    QTemporaryDir dir;
    Database database;
    std::unique_ptr<RosterStore> rosterStore;
    std::unique_ptr<MessageStore> messages;
    std::unique_ptr<AvatarStore> avatarStore;
    XmppClient client;
    VCardManager *vCards = nullptr;
    RosterManager *roster = nullptr;
    PresenceManager *presence = nullptr;
    AvatarManager *avatars = nullptr;
    ChatManager *chats = nullptr;
    QByteArray sent;

    Target()
    {
        if (!dir.isValid() || !database.open(Database::filePath(dir.path())))
            qFatal("cannot open the test database");
        rosterStore = std::make_unique<RosterStore>(database);
        messages = std::make_unique<MessageStore>(database);
        avatarStore = std::make_unique<AvatarStore>(AvatarStore::directoryFor(dir.path()));
        vCards = client.addExtension<VCardManager>();
        roster = client.addExtension<RosterManager>(rosterStore.get());
        presence = client.addExtension<PresenceManager>();
        presence->setRosterManager(roster);
        avatars = client.addExtension<AvatarManager>(avatarStore.get(), vCards);
        avatars->setRosterManager(roster);
        chats = client.addExtension<ChatManager>(messages.get());
        chats->setRosterManager(roster);
        QObject::connect(&client, &XmppClient::xmlSent, &client, [this](const QByteArray &xml) { sent += xml; });
    }
};

QByteArray hashOf(int i)
{
    return QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha1).toHex();
}

} // namespace

class tst_Flood : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void receiptsAndStatesOnlyToContacts();
    void subscribeFloodStaysBounded();
    void strangersPresencesAndAvatarsCostNothing();
    void contactAvatarFetchedOneAtATime();
    void strangersProfilesRateLimited();
    void cleanupTestCase();

private:
    bool login(XmppClient &client, const QString &user, const QString &resource = u"pc"_s);
    ProsodyServer m_server;
    QString m_secret;
    Target m_me;
    ComponentConnection m_component;
};

void tst_Flood::initTestCase()
{
    // One debug line per ignored stanza would be thousands here.
    QLoggingCategory::setFilterRules(u"xin.*.debug=false"_s);
    ProsodyServer::Options options;
    for (const auto &user : {u"me"_s, u"friend"_s, u"stranger"_s})
        options.users << user + u':' + Password;
    m_secret = QString::number(QRandomGenerator::system()->generate64(), 16);
    options.componentSecret = m_secret;
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    // me and friend share a subscription both ways; so do me and the component's contact "pal".
    RosterItem friendItem;
    friendItem.jid = Jid::fromString(QString(u"friend@"_s + m_server.domain()));
    RosterItem palItem;
    palItem.jid = Jid::fromString(QString(u"pal@"_s + m_server.componentDomain()));
    RosterItem meItem;
    meItem.jid = Jid::fromString(QString(u"me@"_s + m_server.domain()));
    QVERIFY2(m_server.seedRoster(u"me"_s, {friendItem, palItem}, &error), qPrintable(error));
    QVERIFY2(m_server.seedRoster(u"friend"_s, {meItem}, &error), qPrintable(error));
    QVERIFY2(m_component.connectTo(m_server, m_secret, &error), qPrintable(error));

    QSignalSpy rosterReceived(m_me.roster, &RosterManager::rosterReceived);
    QVERIFY(login(m_me.client, u"me"_s));
    QVERIFY(waitFor([&] { return !rosterReceived.isEmpty(); }));
    QCOMPARE(m_me.roster->itemCount(), 2);
    // The initial presence went out after the roster (PresenceManager): the server routes to us now.
    QVERIFY(waitFor([&] { return m_me.sent.contains("<presence"); }));
}

bool tst_Flood::login(XmppClient &client, const QString &user, const QString &resource)
{
    auto config = configFor(m_server, user, Password);
    config.resource = resource;
    client.connectToHost(config);
    return waitConnected(client);
}

void tst_Flood::receiptsAndStatesOnlyToContacts()
{
    XmppClient friendClient;
    XmppClient strangerClient;
    QVERIFY(login(friendClient, u"friend"_s));
    QVERIFY(login(strangerClient, u"stranger"_s));
    friendClient.send(Presence{});
    strangerClient.send(Presence{});
    QSignalSpy toFriend(&friendClient, &XmppClient::messageReceived);
    QSignalSpy toStranger(&strangerClient, &XmppClient::messageReceived);
    QSignalSpy added(m_me.chats, &ChatManager::messageAdded);

    // Each asks for a receipt (XEP-0184 §5.1) and says it is composing (XEP-0085), as any client does.
    const auto ask = [](XmppClient &from, const Jid &to, const QString &id, const QString &body) {
        Message message;
        message.to = to;
        message.type = Message::Type::Chat;
        message.id = id;
        message.body = body;
        MessagePayloads::add(message, u"request"_s, ns::Receipts);
        MessagePayloads::add(message, u"markable"_s, ns::ChatMarkers);
        MessagePayloads::add(message, u"active"_s, ns::ChatStates);
        return from.send(message);
    };
    const Jid me = m_me.client.jid().bare();
    QVERIFY(ask(strangerClient, me, u"from-stranger-1"_s, u"在吗？我是你老同学"_s));
    QVERIFY(ask(friendClient, me, u"from-friend-1"_s, u"晚上吃饭吗"_s));
    QVERIFY(waitFor([&] { return added.size() == 2; }));   // both reached us

    // The contact gets its receipt; then we read both chats and type in both.
    QVERIFY(waitFor([&] { return !toFriend.isEmpty(); }));
    QCOMPARE(MessagePayloads::receivedId(toFriend.at(0).at(0).value<Message>()), u"from-friend-1"_s);
    const Jid strangerJid = strangerClient.jid().bare();
    const Jid friendJid = friendClient.jid().bare();
    m_me.chats->chat(strangerJid)->markRead();
    m_me.chats->chat(friendJid)->markRead();
    m_me.chats->chat(strangerJid)->setChatState(ChatState::Composing);
    m_me.chats->chat(friendJid)->setChatState(ChatState::Composing);
    QVERIFY(waitFor([&] { return toFriend.size() == 3; }));   // receipt, <displayed/>, <composing/>
    QTest::qWait(1500);   // what the server would have routed to the stranger has long arrived
    QCOMPARE(toStranger.size(), 0);
    QVERIFY(!m_me.chats->mayConfirmTo(strangerJid));

    // Once the user answers the stranger, the conversation is theirs too: a receipt for the next message.
    m_me.chats->chat(strangerJid)->sendMessage(u"你好，请问你是？"_s);
    QVERIFY(waitFor([&] { return toStranger.size() == 1; }));   // our message
    QVERIFY(ask(strangerClient, me, u"from-stranger-2"_s, u"小学同桌啊"_s));
    QVERIFY(waitFor([&] { return toStranger.size() == 2; }));
    QCOMPARE(MessagePayloads::receivedId(toStranger.at(1).at(0).value<Message>()), u"from-stranger-2"_s);

    friendClient.disconnectFromHost();
    strangerClient.disconnectFromHost();
    QVERIFY(waitDisconnected(friendClient));
    QVERIFY(waitDisconnected(strangerClient));
}

void tst_Flood::subscribeFloodStaysBounded()
{
    // 500 strangers ask to be friends in one write: five times what the client keeps. (Prosody rewrites the
    // user's roster file for each pending request, so thousands take minutes on its side, not on ours.)
    QSignalSpy received(m_me.roster, &RosterManager::friendRequestReceived);
    QByteArray flood;
    constexpr int Count = 500;
    const QString me = m_me.client.jid().bare().toString();
    for (int i = 0; i < Count; ++i) {
        flood += "<presence type='subscribe' from='" + m_component.jid(u"bot%1"_s.arg(i)).toUtf8() + "' to='"
               + me.toUtf8() + "'><status>加个好友 " + QByteArray::number(i) + "</status></presence>";
    }
    m_component.write(flood);
    const Jid last = Jid::fromString(m_component.jid(u"bot%1"_s.arg(Count - 1)));
    QVERIFY(waitFor([&] {
        const auto pending = m_me.roster->pendingRequests();
        return !pending.isEmpty() && pending.constLast().jid == last;
    }, 90000));
    QCOMPARE(m_me.roster->pendingRequests().size(), RosterManager::MaxPendingRequests);
    QCOMPARE(m_me.roster->pendingRequests().constFirst().jid,
             Jid::fromString(m_component.jid(u"bot%1"_s.arg(Count - RosterManager::MaxPendingRequests))));
    QVERIFY(received.size() <= Count);
    QCOMPARE(m_me.roster->itemCount(), 2);   // nothing was added to the roster
    // The client answered none of them by itself (Manual mode) and sent them nothing.
    // (The server itself answers each with an unavailable presence from our bare JID,)
    const QString sent = QString::fromUtf8(m_me.sent);
    const qsizetype toBot = sent.indexOf(QRegularExpression(u"to=['\"]bot"_s));
    QVERIFY2(toBot < 0, qPrintable(sent.mid(std::max<qsizetype>(0, toBot - 200), 400)));
}

void tst_Flood::strangersPresencesAndAvatarsCostNothing()
{
    // 2,000 strangers become available, each advertising an avatar (XEP-0153) and a PEP avatar event
    // (XEP-0084), then one of them with 50 resources.
    QByteArray flood;
    constexpr int Count = 2000;
    const QString me = m_me.client.jid().bare().toString();
    for (int i = 0; i < Count; ++i) {
        const QByteArray from = m_component.jid(u"ghost%1"_s.arg(i)).toUtf8();
        flood += "<presence from='" + from + "/pc' to='" + me.toUtf8()
               + "'><status>路过</status>"
                 "<x xmlns='vcard-temp:x:update'><photo>"
               + hashOf(i)
               + "</photo></x></presence>"
                 "<message from='"
               + from + "' to='" + me.toUtf8()
               + "'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
                 "<items node='urn:xmpp:avatar:metadata'><item id='"
               + hashOf(i + Count)
               + "'>"
                 "<metadata xmlns='urn:xmpp:avatar:metadata'><info bytes='100' id='"
               + hashOf(i + Count)
               + "' type='image/png'/>"
                 "</metadata></item></items></event></message>";
    }
    // The last stanza is from a contact: when it is seen, everything before it was processed.
    flood += "<presence from='" + m_component.jid(u"pal"_s).toUtf8() + "/pc' to='" + me.toUtf8() + "'/>";
    QSignalSpy presenceSeen(&m_me.client, &XmppClient::presenceReceived);
    m_component.write(flood);
    const Jid pal = Jid::fromString(m_component.jid(u"pal"_s));
    QVERIFY(waitFor([&] { return m_me.presence->contactPresence(pal).available; }, 60000));
    QVERIFY(presenceSeen.size() >= Count);   // they all reached the client
    // Only contacts are tracked (friend from the first test, offline now, and pal), and our own account
    // (the server echoes our presence to us): no ghost.
    const QList<Jid> tracked = m_me.presence->contacts();
    QVERIFY(tracked.contains(pal));
    for (const Jid &jid : tracked)
        QVERIFY2(jid == pal || jid.domain() == m_server.domain(), qPrintable(jid.toString()));
    QTest::qWait(500);
    // Not one vCard or PEP request went to a stranger.
    QVERIFY2(!m_component.received().contains("<iq"), m_component.received().left(600).constData());
    QVERIFY(m_me.avatars->avatarHash(Jid::fromString(m_component.jid(u"ghost1"_s))).isEmpty());
}

void tst_Flood::contactAvatarFetchedOneAtATime()
{
    // A contact advertises a new avatar hash ten times in a row; the component never answers the fetch.
    const QString me = m_me.client.jid().bare().toString();
    const QString pal = m_component.jid(u"pal"_s);
    QByteArray presences;
    for (int i = 0; i < 10; ++i) {
        presences += "<presence from='" + pal.toUtf8() + "/pc' to='" + me.toUtf8() + "'><status>"
                   + QByteArray::number(i) + "</status><x xmlns='vcard-temp:x:update'><photo>" + hashOf(100000 + i)
                   + "</photo></x></presence>";
    }
    m_component.write(presences);
    QVERIFY(waitFor([&] { return m_me.presence->contactPresence(Jid::fromString(pal)).status == u"9"_s; }));
    QVERIFY(waitFor([&] { return m_component.iqsTo(pal) >= 1; }));
    QTest::qWait(1000);
    // One fetch at a time: the first is unanswered, so the newer hashes wait (only the latest).
    QCOMPARE(m_component.iqsTo(pal), 1);
}

void tst_Flood::strangersProfilesRateLimited()
{
    // The app fetches the profile of each requester to show their face (ProfilesController): 50 requests
    // from strangers cost StrangerBurst vCard requests now, not 50; a contact's is not held back.
    ProfileFetcher fetcher(&m_me.client, m_me.vCards, m_me.avatars);
    fetcher.setRosterManager(m_me.roster);
    fetcher.setStartDelay(std::chrono::milliseconds(0));
    for (int i = 0; i < 50; ++i)
        fetcher.requestFirst(Jid::fromString(m_component.jid(u"asker%1"_s.arg(i))));
    const auto accepted = [&] {
        int count = 0;
        for (int i = 0; i < 50; ++i)
            count += fetcher.isPending(Jid::fromString(m_component.jid(u"asker%1"_s.arg(i)))) ? 1 : 0;
        return count;
    };
    QCOMPARE(accepted(), ProfileFetcher::StrangerBurst);
    const Jid friendJid = Jid::fromString(QString(u"friend@"_s + m_server.domain()));
    fetcher.requestFirst(friendJid);
    QVERIFY(fetcher.isPending(friendJid));
    QTest::qWait(1000);
    int asked = 0;
    for (int i = 0; i < 50; ++i)
        asked += m_component.iqsTo(m_component.jid(u"asker%1"_s.arg(i))) > 0 ? 1 : 0;
    QVERIFY2(asked <= ProfileFetcher::StrangerBurst, qPrintable(QString::number(asked)));
}

void tst_Flood::cleanupTestCase()
{
    m_me.client.disconnectFromHost();
    waitDisconnected(m_me.client);
    m_server.stop();
}

QTEST_GUILESS_MAIN(tst_Flood)
#include "tst_flood.moc"
