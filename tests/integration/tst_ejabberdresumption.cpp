// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Stream management (XEP-0198) against ejabberd, whose mod_stream_mgmt differs from Prosody's smacks (its
// own resumption ids, 'max', <failed/> with h, its resend policy): 300 messages alice → bob with alice's
// connection dropped, reset and cut mid-stanza through FaultProxy; every message reaches bob exactly once, in
// order, and alice sees each acknowledged (docs/SECURITY.md rule 9). The Prosody scenarios are in
// tst_reliability.

#include "DevicePeer.h"
#include "EjabberdServer.h"
#include "FaultProxy.h"

#include "client/ExtensionRegistry.h"
#include "client/Reconnector.h"
#include "client/XmppClient.h"
#include "extensions/Chat.h"
#include "extensions/ChatManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const auto Password = u"ejabberd-sm"_s;
constexpr int Bursts = 15;
constexpr int BurstSize = 20;

bool signIn(Peer &peer, const EjabberdServer &server, const QString &user, quint16 port)
{
    ConnectionConfiguration config;
    config.jid = Jid::fromString(QString(user + u"@localhost/pc"_s));
    config.password = Password;
    config.host = server.host();
    config.port = port;
    config.extraCaCertificates = server.caCertificates();
    config.ackTimeout = 5s;
    peer.client.connectToHost(config);
    return QTest::qWaitFor([&peer] { return peer.client.isConnected(); }, 20000);
}

QString bodyFor(int number)
{
    return u"ejabberd %1 消息"_s.arg(number, 3, 10, QLatin1Char('0'));
}
} // namespace

class tst_EjabberdResumption : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void droppedConnectionsLoseNothing();

private:
    EjabberdServer m_server;
    QTemporaryDir m_dir;
};

void tst_EjabberdResumption::initTestCase()
{
    EjabberdServer::Options options;
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password};
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
}

void tst_EjabberdResumption::droppedConnectionsLoseNothing()
{
    FaultProxy proxy;
    QString error;
    QVERIFY2(proxy.listen(m_server.host(), m_server.c2sPort(), &error), qPrintable(error));
    Peer alice(m_dir.filePath(u"alice.sqlite"_s));
    Peer bob(m_dir.filePath(u"bob.sqlite"_s));
    QVERIFY(signIn(bob, m_server, u"bob"_s, m_server.c2sPort()));
    QVERIFY(signIn(alice, m_server, u"alice"_s, proxy.port()));
    QVERIFY(alice.client.isStreamManaged());
    QVERIFY(bob.client.isStreamManaged());
    QTest::qWait(300);   // the session start's requests answered, <enabled/> in

    const Jid aliceJid = Jid::fromString(u"alice@localhost"_s);
    Chat *chat = alice.managers.chats->chat(Jid::fromString(u"bob@localhost"_s));
    int number = 0;
    for (int burst = 0; burst < Bursts; ++burst) {
        for (int i = 0; i < BurstSize; ++i)
            chat->sendMessage(bodyFor(number++));
        // A fault every third burst, while the burst is in flight: a clean close, a reset, a cut stanza.
        if (burst % 3 == 1) {
            QVERIFY(QTest::qWaitFor([&] { return alice.client.isConnected(); }, 20000));
            switch (burst / 3 % 3) {
            case 0:
                proxy.drop();
                break;
            case 1:
                proxy.reset();
                break;
            default:
                proxy.cutMidStanza(FaultProxy::Direction::ToTarget, 40);
                chat->sendMessage(bodyFor(number++));
                break;
            }
        }
        QTest::qWait(100);
    }
    const int sent = number;
    QVERIFY2(QTest::qWaitFor([&] { return bob.store->count(aliceJid) >= sent; }, 60000),
             qPrintable(u"bob has %1 of %2"_s.arg(bob.store->count(aliceJid)).arg(sent)));
    QVERIFY(QTest::qWaitFor([&] { return alice.store->pending().isEmpty(); }, 30000));
    QTest::qWait(500);   // a late duplicate would arrive now

    const QList<ChatMessage> received = bob.store->messages(aliceJid, 100000);
    QStringList bodies;
    for (const ChatMessage &message : received)
        bodies << message.body;
    QStringList expected;
    for (int i = 0; i < sent; ++i)
        expected << bodyFor(i);
    const int duplicates = int(bodies.size() - QSet<QString>(bodies.cbegin(), bodies.cend()).size());
    qInfo().noquote() << u"ejabberd: sent %1, received %2, duplicates %3, resumed %4 times"_s.arg(sent)
                             .arg(bodies.size())
                             .arg(duplicates)
                             .arg(alice.resumptions);
    QCOMPARE(duplicates, 0);
    QCOMPARE(bodies, expected);   // each once, in order
    QVERIFY(alice.resumptions >= 1);   // ejabberd's sessions were resumed, not only replaced
    for (const ChatMessage &message : alice.store->messages(Jid::fromString(u"bob@localhost"_s), 100000))
        QVERIFY(message.state != ChatMessage::State::Pending && message.state != ChatMessage::State::Failed);
}

QTEST_GUILESS_MAIN(tst_EjabberdResumption)
#include "tst_ejabberdresumption.moc"
