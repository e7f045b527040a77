// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// BlockingManager (XEP-0191 v1.3) by XML in, XML out: the list at login, block and unblock with each answer
// (result, error, timeout, a dropped connection), pushes only from our own account (docs/SECURITY.md rule 3),
// and what a blocked user's stanzas still arriving meet. No server, no socket.
#include "TestClient.h"

#include "extensions/BlockingManager.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const Jid Carol = Jid::fromString(u"carol@example.org"_s);
const Jid Spam = Jid::fromString(u"spam.example"_s);

/// A client signed in whose blocklist request (id1) is still unanswered.
struct Session
{
    TestClient client;
    BlockingManager *blocking = client.addExtension<BlockingManager>();

    explicit Session(std::chrono::milliseconds iqTimeout = 30s)
    {
        ConnectionConfiguration config = client.configuration();
        config.iqTimeout = iqTimeout;
        client.setConfiguration(config);
        client.setKeepSessionStart(true);
        if (!client.connectAs(u"alice@example.org/desk"_s))
            qFatal("TestClient did not sign in");
    }

    /// Answers the blocklist request with @p itemsXml; forgets what was sent and restarts the ids.
    void answerBlocklist(const QString &itemsXml = {})
    {
        client.takeSent();
        client.inject(
            u"<iq type='result' id='id1'><blocklist xmlns='urn:xmpp:blocking'>%1</blocklist></iq>"_s.arg(itemsXml));
        client.clearSent();
        client.resetIds();
    }
};

QString blockPush(const QString &id, const QString &command, const QString &items, const QString &from = {})
{
    const QString fromAttribute = from.isEmpty() ? QString() : u" from='%1'"_s.arg(from);
    return u"<iq type='set' id='%1'%2><%3 xmlns='urn:xmpp:blocking'>%4</%3></iq>"_s.arg(id, fromAttribute, command,
                                                                                        items);
}

/// Records the callback's answer.
struct Answer
{
    std::optional<IqReply> reply;
    BlockingManager::Callback callback()
    {
        return [this](const IqReply &r) { reply = r; };
    }
};

} // namespace

class tst_BlockingManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void blocklistAtLogin();
    void blocklistFails_data();
    void blocklistFails();
    void blocklistAnswerFromElsewhereIgnored();
    void blockSendsCommand();
    void blockRefusedOrLost_data();
    void blockRefusedOrLost();
    void nothingToBlockSendsNothing();
    void unblockAndUnblockAll();
    void pushesFromOwnAccount();
    void forgedPushIgnored_data();
    void forgedPushIgnored();
    void blockedStanzasSwallowed();
};

void tst_BlockingManager::blocklistAtLogin()
{
    // §3.2: asked at every session start, of our own account (no 'to'). Items that are no JID, or no
    // {urn:xmpp:blocking}item, are skipped.
    Session session;
    QSignalSpy changed(session.blocking, &BlockingManager::blocklistChanged);
    session.client.expect(u"<iq type='get' id='id1'><blocklist xmlns='urn:xmpp:blocking'/></iq>"_s);
    session.client.expectNoSent();
    QVERIFY(!session.blocking->isLoaded());
    session.client.inject(u"<iq type='result' id='id1'><blocklist xmlns='urn:xmpp:blocking'>"
                          "<item jid='carol@example.org'/>"
                          "<item jid='spam.example'/><item jid='not a jid@@'/><item/>"
                          "<item xmlns='urn:example:other' jid='bob@example.org'/></blocklist></iq>"_s);
    QCOMPARE(changed.size(), 1);
    QVERIFY(session.blocking->isLoaded());
    QVERIFY(session.blocking->isSupported());
    QCOMPARE(session.blocking->blocklist(), (QList<Jid>{Carol, Spam}));
    // XEP-0016 §2.1 matching: the bare JID blocks every resource, the domain everyone there.
    QVERIFY(session.blocking->isBlocked(Jid::fromString(u"carol@example.org/phone"_s)));
    QVERIFY(session.blocking->isBlocked(Jid::fromString(u"anyone@spam.example/x"_s)));
    QVERIFY(!session.blocking->isBlocked(Jid::fromString(u"bob@example.org"_s)));
    session.client.expectNoSent();
}

void tst_BlockingManager::blocklistFails_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<bool>("supported");
    QTest::newRow("error") << u"error"_s << false;   // a server without XEP-0191
    QTest::newRow("timeout") << u"timeout"_s << true;
    QTest::newRow("disconnect") << u"disconnect"_s << true;
}

void tst_BlockingManager::blocklistFails()
{
    // Only an error answer says the server has no XEP-0191; a timeout or a lost connection says nothing.
    QFETCH(QString, how);
    QFETCH(bool, supported);
    Session session(50ms);
    QSignalSpy failed(session.blocking, &BlockingManager::blocklistFailed);
    session.client.takeSent();
    if (how == u"error") {
        session.client.inject(u"<iq type='error' id='id1'><error type='cancel'>"
                              "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
        QCOMPARE(failed.size(), 1);
    } else if (how == u"timeout") {
        QVERIFY(failed.wait(2000));
    } else {
        session.client.dropConnection();
        QCOMPARE(failed.size(), 1);
    }
    QCOMPARE(session.blocking->isSupported(), supported);
    QVERIFY(!session.blocking->isLoaded());
    QVERIFY(session.blocking->blocklist().isEmpty());
}

void tst_BlockingManager::blocklistAnswerFromElsewhereIgnored()
{
    // RFC 6120 §8.1.2.1, docs/SECURITY.md rule 3: someone else cannot answer for our account, e.g. with an
    // empty list that would unblock everyone.
    Session session;
    session.client.takeSent();
    session.client.inject(u"<iq type='result' id='id1' from='mallory@evil.example/x'>"
                          "<blocklist xmlns='urn:xmpp:blocking'>"
                          "<item jid='bob@example.org'/></blocklist></iq>"_s);
    QVERIFY(!session.blocking->isLoaded());
    QVERIFY(session.blocking->blocklist().isEmpty());
    session.client.inject(u"<iq type='result' id='id1' from='alice@example.org'><blocklist xmlns='urn:xmpp:blocking'>"
                          "<item jid='carol@example.org'/></blocklist></iq>"_s);
    QVERIFY(session.blocking->isLoaded());
    QCOMPARE(session.blocking->blocklist(), QList<Jid>{Carol});
}

void tst_BlockingManager::blockSendsCommand()
{
    // §3.3: duplicates and null JIDs are not sent; the list changes once the server agrees.
    Session session;
    session.answerBlocklist();
    QSignalSpy changed(session.blocking, &BlockingManager::blocklistChanged);
    Answer answer;
    session.blocking->block({Carol, Jid(), Spam, Carol}, this, answer.callback());
    session.client.expect(u"<iq type='set' id='id1'><block xmlns='urn:xmpp:blocking'><item jid='carol@example.org'/>"
                          "<item jid='spam.example'/></block></iq>"_s);
    QVERIFY(session.blocking->blocklist().isEmpty());
    session.client.inject(u"<iq type='result' id='id1'/>"_s);
    QVERIFY(answer.reply);
    QCOMPARE(answer.reply->status, IqReply::Status::Result);
    QCOMPARE(session.blocking->blocklist(), (QList<Jid>{Carol, Spam}));
    QCOMPARE(changed.size(), 1);
    // The server's push of the same change (§3.3) is acknowledged and changes nothing more.
    session.client.inject(
        blockPush(u"p1"_s, u"block"_s, u"<item jid='carol@example.org'/><item jid='spam.example'/>"_s));
    session.client.expect(u"<iq type='result' id='p1' to='alice@example.org'/>"_s);
    QCOMPARE(changed.size(), 1);
}

void tst_BlockingManager::blockRefusedOrLost_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("status");
    QTest::newRow("error") << u"error"_s << int(IqReply::Status::Error);
    QTest::newRow("timeout") << u"timeout"_s << int(IqReply::Status::Timeout);
    QTest::newRow("disconnect") << u"disconnect"_s << int(IqReply::Status::Disconnected);
}

void tst_BlockingManager::blockRefusedOrLost()
{
    QFETCH(QString, how);
    QFETCH(int, status);
    Session session(50ms);
    session.answerBlocklist();
    QSignalSpy changed(session.blocking, &BlockingManager::blocklistChanged);
    Answer answer;
    session.blocking->block({Carol}, this, answer.callback());
    session.client.takeSent();
    if (how == u"error") {
        session.client.inject(u"<iq type='error' id='id1'><error type='modify'>"
                              "<jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    } else if (how == u"timeout") {
        QTRY_VERIFY_WITH_TIMEOUT(answer.reply.has_value(), 2000);
    } else {
        session.client.dropConnection();
    }
    QVERIFY(answer.reply);
    QCOMPARE(int(answer.reply->status), status);
    if (how == u"error")
        QCOMPARE(answer.reply->iq.error->condition, StanzaError::Condition::JidMalformed);
    QVERIFY(session.blocking->blocklist().isEmpty());
    QCOMPARE(changed.size(), 0);
}

void tst_BlockingManager::nothingToBlockSendsNothing()
{
    // §3.3: a <block/> without items is a bad request; an empty list of valid JIDs is nothing to do. The
    // callback still comes, later (never from inside the call).
    Session session;
    session.answerBlocklist();
    Answer blockNothing;
    Answer unblockNothing;
    session.blocking->block({Jid()}, this, blockNothing.callback());
    session.blocking->unblock({}, this, unblockNothing.callback());
    QVERIFY(!blockNothing.reply);
    session.client.expectNoSent();
    QTRY_VERIFY(blockNothing.reply.has_value() && unblockNothing.reply.has_value());
    QCOMPARE(blockNothing.reply->status, IqReply::Status::Result);
    QCOMPARE(unblockNothing.reply->status, IqReply::Status::Result);
    session.client.expectNoSent();
}

void tst_BlockingManager::unblockAndUnblockAll()
{
    Session session;
    session.answerBlocklist(u"<item jid='carol@example.org'/><item jid='spam.example'/>"_s);
    QSignalSpy changed(session.blocking, &BlockingManager::blocklistChanged);
    // §3.5
    session.blocking->unblock({Carol});
    session.client.expect(u"<iq type='set' id='id1'><unblock xmlns='urn:xmpp:blocking'>"
                          "<item jid='carol@example.org'/></unblock></iq>"_s);
    session.client.inject(u"<iq type='result' id='id1'/>"_s);
    QCOMPARE(session.blocking->blocklist(), QList<Jid>{Spam});
    // §3.6: an <unblock/> without items empties the list.
    session.blocking->unblockAll();
    session.client.expect(u"<iq type='set' id='id2'><unblock xmlns='urn:xmpp:blocking'/></iq>"_s);
    session.client.inject(u"<iq type='result' id='id2'/>"_s);
    QVERIFY(session.blocking->blocklist().isEmpty());
    QCOMPARE(changed.size(), 2);
    session.client.expectNoSent();
}

void tst_BlockingManager::pushesFromOwnAccount()
{
    // §3.3, §3.5: our other resources' changes arrive as pushes from our account (no 'from' or our bare JID).
    Session session;
    session.answerBlocklist();
    QSignalSpy changed(session.blocking, &BlockingManager::blocklistChanged);
    session.client.inject(blockPush(u"p1"_s, u"block"_s, u"<item jid='carol@example.org'/><item jid='bad@@'/>"_s));
    session.client.expect(u"<iq type='result' id='p1' to='alice@example.org'/>"_s);
    session.client.inject(blockPush(u"p2"_s, u"block"_s, u"<item jid='spam.example'/>"_s, u"alice@example.org"_s));
    session.client.expect(u"<iq type='result' id='p2' to='alice@example.org'/>"_s);
    QCOMPARE(session.blocking->blocklist(), (QList<Jid>{Carol, Spam}));
    QCOMPARE(changed.size(), 2);
    session.client.inject(blockPush(u"p3"_s, u"unblock"_s, u"<item jid='carol@example.org'/>"_s));
    session.client.expect(u"<iq type='result' id='p3' to='alice@example.org'/>"_s);
    QCOMPARE(session.blocking->blocklist(), QList<Jid>{Spam});
    // §3.6: unblock without items is everything.
    session.client.inject(blockPush(u"p4"_s, u"unblock"_s, {}));
    session.client.expect(u"<iq type='result' id='p4' to='alice@example.org'/>"_s);
    QVERIFY(session.blocking->blocklist().isEmpty());
    QCOMPARE(changed.size(), 4);
    session.client.expectNoSent();
}

void tst_BlockingManager::forgedPushIgnored_data()
{
    QTest::addColumn<QString>("from");
    QTest::newRow("a contact") << u"bob@example.org/pc"_s;
    QTest::newRow("a blocked user") << u"carol@example.org"_s;
    QTest::newRow("our server's domain") << u"example.org"_s;
    QTest::newRow("our own full JID") << u"alice@example.org/phone"_s;
}

void tst_BlockingManager::forgedPushIgnored()
{
    // docs/SECURITY.md rule 3: only our own account changes our blocklist. A forged push (e.g. a blocked
    // user unblocking itself) is not taken: the client answers it service-unavailable (RFC 6120 §8.4).
    QFETCH(QString, from);
    Session session;
    session.answerBlocklist(u"<item jid='carol@example.org'/>"_s);
    QSignalSpy changed(session.blocking, &BlockingManager::blocklistChanged);
    session.client.inject(blockPush(u"f1"_s, u"unblock"_s, {}, from));
    session.client.expect(u"<iq type='error' id='f1' to='%1'><error type='cancel'><service-unavailable "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s.arg(from));
    session.client.inject(blockPush(u"f2"_s, u"block"_s, u"<item jid='bob@example.org'/>"_s, from));
    session.client.takeSent();
    QCOMPARE(session.blocking->blocklist(), QList<Jid>{Carol});
    QCOMPARE(changed.size(), 0);
}

void tst_BlockingManager::blockedStanzasSwallowed()
{
    // Defence in depth (§3.4 is the server's job): a blocked user's message or friend request that still
    // arrives reaches nobody; its plain availability and everyone else's stanzas pass.
    Session session;
    session.answerBlocklist(u"<item jid='carol@example.org'/><item jid='spam.example'/>"_s);
    QSignalSpy messages(&session.client, &XmppClient::messageReceived);
    QSignalSpy presences(&session.client, &XmppClient::presenceReceived);
    session.client.inject(u"<message from='carol@example.org/phone' type='chat'><body>在吗</body></message>"_s);
    session.client.inject(u"<message from='bot@spam.example/x' type='chat'><body>广告</body></message>"_s);
    session.client.inject(u"<presence from='carol@example.org' type='subscribe'/>"_s);
    QCOMPARE(messages.size(), 0);
    QCOMPARE(presences.size(), 0);
    session.client.inject(u"<presence from='carol@example.org/phone'/>"_s);
    session.client.inject(u"<message from='bob@example.org/pc' type='chat'><body>hi</body></message>"_s);
    QCOMPARE(presences.size(), 1);
    QCOMPARE(messages.size(), 1);
    session.client.expectNoSent();
}

QTEST_GUILESS_MAIN(tst_BlockingManager)
#include "tst_blockingmanager.moc"
