// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// BlockingManager (XEP-0191) against a real Prosody: the list at login, blocking keeps a user's messages and
// friend requests away, unblocking lets them through, pushes from our other resources apply, forged pushes
// do not (docs/SECURITY.md rule 3).
#include "ClientTestUtils.h"
#include "ProsodyServer.h"
#include "client/XmppClient.h"
#include "extensions/BlockingManager.h"
#include "stanza/Iq.h"
#include "xml/XmlWriter.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;

namespace {
const auto Password = u"p4ss-密码"_s;

struct Account
{
    XmppClient client;
    BlockingManager *blocking = client.addExtension<BlockingManager>();
    QByteArray received;   // all XML the server sent us

    Account()
    {
        QObject::connect(&client, &XmppClient::xmlReceived, &client,
                         [this](const QByteArray &xml) { received += xml; });
    }
};

/// Waits for the callback of a block/unblock call and returns its answer.
IqReply waitReply(const std::function<void(BlockingManager::Callback)> &call)
{
    std::optional<IqReply> reply;
    call([&reply](const IqReply &r) { reply = r; });
    QElapsedTimer timer;
    timer.start();
    while (!reply && timer.elapsed() < 10000)
        QTest::qWait(5);
    return reply.value_or(IqReply{});
}

Message chat(const Jid &to, const QString &body)
{
    Message message;
    message.type = Message::Type::Chat;
    message.to = to;
    message.body = body;
    return message;
}

bool containsSubscribeFrom(const QSignalSpy &spy, const Jid &from)
{
    for (const QList<QVariant> &arguments : spy) {
        const auto presence = arguments.at(0).value<Presence>();
        if (presence.type == Presence::Type::Subscribe && presence.from.bare() == from.bare())
            return true;
    }
    return false;
}
} // namespace

class tst_Blocking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void blocklistAtLogin();
    void blockedUserNeverReaches();
    void pushFromOtherResourceApplies();
    void forgedPushChangesNothing();

private:
    bool login(Account &account, const QString &user, const QString &resource);
    ProsodyServer m_server;
};

bool tst_Blocking::login(Account &account, const QString &user, const QString &resource)
{
    auto config = configFor(m_server, user, Password);
    config.resource = resource;
    account.client.connectToHost(config);
    if (!waitConnected(account.client))
        return false;
    // Prosody delivers friend requests only to resources that asked for the roster (RFC 6121 §3.1.3); the
    // RosterManager does that in the app, a raw request does it here. Initial presence makes us available.
    Iq roster;
    roster.type = Iq::Type::Get;
    roster.payload = Iq::makePayload(u"query"_s, u"jabber:iq:roster"_s);
    bool rosterDone = false;
    account.client.sendIq(roster, &account.client, [&rosterDone](const IqReply &) { rosterDone = true; });
    account.client.send(Presence{});
    // The blocklist is fetched at session start.
    QElapsedTimer timer;
    timer.start();
    while ((!account.blocking->isLoaded() || !rosterDone) && timer.elapsed() < 10000)
        QTest::qWait(5);
    return account.blocking->isLoaded() && rosterDone;
}

void tst_Blocking::initTestCase()
{
    QString error;
    ProsodyServer::Options options;
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password, u"carol:"_s + Password};
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
}

void tst_Blocking::blocklistAtLogin()
{
    Account alice;
    QSignalSpy changed(alice.blocking, &BlockingManager::blocklistChanged);
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    QVERIFY(alice.blocking->isSupported());
    QVERIFY(alice.blocking->blocklist().isEmpty());
    QCOMPARE(changed.size(), 1);

    // Blocked, logged out, logged in again: the list comes from the server.
    QCOMPARE(waitReply([&](auto cb) { alice.blocking->block({Jid::fromString(u"troll@localhost")}, this, cb); }).status,
             IqReply::Status::Result);
    alice.client.disconnectFromHost();
    QVERIFY(waitDisconnected(alice.client));
    Account again;
    QVERIFY(login(again, u"alice"_s, u"pc"_s));
    QCOMPARE(again.blocking->blocklist(), QList<Jid>{Jid::fromString(u"troll@localhost")});
    QVERIFY(waitReply([&](auto cb) { again.blocking->unblockAll(this, cb); }).isResult());
    QVERIFY(again.blocking->blocklist().isEmpty());
}

void tst_Blocking::blockedUserNeverReaches()
{
    Account alice, carol;
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(carol, u"carol"_s, u"phone"_s));
    const Jid carolJid = carol.client.jid().bare();
    QSignalSpy messages(&alice.client, &XmppClient::messageReceived);
    QSignalSpy presences(&alice.client, &XmppClient::presenceReceived);
    QSignalSpy changed(alice.blocking, &BlockingManager::blocklistChanged);

    QVERIFY(waitReply([&](auto cb) { alice.blocking->block({carolJid}, this, cb); }).isResult());
    QVERIFY(alice.blocking->isBlocked(carol.client.jid()));
    QCOMPARE(changed.size(), 1);   // the answer and the server's push: one change

    // carol writes and asks to be friends: nothing reaches alice, not even as XML from the server.
    alice.received.clear();
    QVERIFY(carol.client.send(chat(alice.client.jid().bare(), u"加个好友吧"_s)));
    QVERIFY(carol.client.send(chat(alice.client.jid(), u"在吗？"_s)));
    Presence request;
    request.type = Presence::Type::Subscribe;
    request.to = alice.client.jid().bare();
    QVERIFY(carol.client.send(request));
    QTest::qWait(1000);
    QVERIFY(messages.isEmpty());
    QVERIFY(!containsSubscribeFrom(presences, carolJid));
    QVERIFY2(!alice.received.contains("carol@localhost"), alice.received.constData());

    // Unblocked: carol gets through again.
    QVERIFY(waitReply([&](auto cb) { alice.blocking->unblock({carolJid}, this, cb); }).isResult());
    QVERIFY(!alice.blocking->isBlocked(carol.client.jid()));
    QVERIFY(carol.client.send(chat(alice.client.jid(), u"现在呢？"_s)));
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).at(0).value<Message>().body, u"现在呢？"_s);
    QVERIFY(carol.client.send(request));
    QTRY_VERIFY(containsSubscribeFrom(presences, carolJid));
}

void tst_Blocking::pushFromOtherResourceApplies()
{
    // XEP-0191 §3.3/§3.5: the server pushes each change to every resource that asked for the list.
    Account pc, phone;
    QVERIFY(login(pc, u"alice"_s, u"pc"_s));
    QVERIFY(login(phone, u"alice"_s, u"phone"_s));
    QSignalSpy phoneChanged(phone.blocking, &BlockingManager::blocklistChanged);

    const QList<Jid> pests{Jid::fromString(u"spammer@localhost"), Jid::fromString(u"ads.example")};
    QVERIFY(waitReply([&](auto cb) { pc.blocking->block(pests, this, cb); }).isResult());
    QTRY_COMPARE(phone.blocking->blocklist().size(), 2);
    QVERIFY(phone.blocking->isBlocked(Jid::fromString(u"x@ads.example/r")));
    QCOMPARE(phoneChanged.size(), 1);

    QVERIFY(waitReply([&](auto cb) { phone.blocking->unblockAll(this, cb); }).isResult());
    QTRY_VERIFY(pc.blocking->blocklist().isEmpty());
}

void tst_Blocking::forgedPushChangesNothing()
{
    Account alice, bob;
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(bob, u"bob"_s, u"pc"_s));
    const Jid carol = Jid::fromString(u"carol@localhost");
    QVERIFY(waitReply([&](auto cb) { alice.blocking->block({carol}, this, cb); }).isResult());
    QSignalSpy changed(alice.blocking, &BlockingManager::blocklistChanged);

    // bob, a mere user, pushes "block x" and "unblock everything" to alice's full JID.
    const QList<QString> payloads{u"<block xmlns='urn:xmpp:blocking'><item jid='x@localhost'/></block>"_s,
                                  u"<unblock xmlns='urn:xmpp:blocking'/>"_s};
    for (const QString &payload : payloads) {
        Iq forged;
        forged.type = Iq::Type::Set;
        forged.to = alice.client.jid();
        forged.payload = XmlWriter::parseElement(payload);
        std::optional<IqReply> reply;
        bob.client.sendIq(forged, this, [&reply](const IqReply &r) { reply = r; });
        QTRY_VERIFY(reply.has_value());
        QCOMPARE(reply->status, IqReply::Status::Error);
        QCOMPARE(reply->iq.error->condition, StanzaError::Condition::ServiceUnavailable);
    }
    QCOMPARE(changed.size(), 0);
    QCOMPARE(alice.blocking->blocklist(), QList<Jid>{carol});
    QVERIFY(!alice.blocking->isBlocked(Jid::fromString(u"x@localhost")));

    QVERIFY(waitReply([&](auto cb) { alice.blocking->unblockAll(this, cb); }).isResult());
}

QTEST_GUILESS_MAIN(tst_Blocking)
#include "tst_blocking.moc"
