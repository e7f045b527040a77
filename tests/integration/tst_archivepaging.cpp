// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The archive catch-up and the origin checks of carbons and archive results against answers no honest
// server gives: a real Prosody (without TLS, so the bytes can be read) behind a proxy on loopback that
// answers the client's archive queries from a script and puts forged stanzas in front of the client.
// Issue 13 findings 5 and 10; docs/SECURITY.md rules 3 and 9.
#include "ChatDevice.h"
#include "ClientTestUtils.h"
#include "ProsodyServer.h"
#include "client/XmppClient.h"
#include "extensions/ArchiveManager.h"
#include "extensions/CarbonsManager.h"
#include "extensions/ChatManager.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;

namespace {
const auto Password = u"p4ss-密码"_s;
const Jid Bob = Jid::fromString(u"bob@localhost");

/// Forwards the bytes between one client and the server, except the archive queries it answers itself
/// when a script is set; and writes what the test wants in front of the client.
class ArchiveProxy : public QTcpServer
{
public:
    struct Query
    {
        QString iqId;
        QString queryId;
        QString after;    // RSM <after/>, empty if none
        QString before;   // RSM <before/>; hasBefore says whether there was one (empty = the newest page)
        bool hasBefore = false;
    };
    /// The XML to send the client in answer to @p query; unset: queries go to the server.
    std::function<QByteArray(const Query &query)> script;
    QList<Query> queries;   // the scripted ones, in order

    explicit ArchiveProxy(quint16 serverPort)
    {
        connect(this, &QTcpServer::newConnection, this, [this, serverPort] {
            m_client = nextPendingConnection();
            auto *server = new QTcpSocket(m_client);
            server->connectToHost(QHostAddress::LocalHost, serverPort);
            connect(server, &QTcpSocket::readyRead, m_client, [this, server] { m_client->write(server->readAll()); });
            connect(m_client, &QTcpSocket::readyRead, server, [this, server] {
                m_toServer += m_client->readAll();
                pass(server);
            });
            connect(m_client, &QTcpSocket::disconnected, server, &QTcpSocket::disconnectFromHost);
            connect(server, &QTcpSocket::disconnected, m_client, &QTcpSocket::disconnectFromHost);
        });
        listen(QHostAddress::LocalHost);
    }

    void toClient(const QByteArray &xml)
    {
        if (m_client)
            m_client->write(xml);
    }

private:
    static QString capture(const QByteArray &text, const QString &pattern)
    {
        return QRegularExpression(pattern).match(QString::fromUtf8(text)).captured(1);
    }

    /// The client writes each stanza at once; a query split over two reads waits for its end.
    void pass(QTcpSocket *server)
    {
        for (;;) {
            const qsizetype mam = script ? m_toServer.indexOf("urn:xmpp:mam:2") : -1;
            const qsizetype start = mam < 0 ? -1 : m_toServer.lastIndexOf("<iq", mam);
            const qsizetype end = start < 0 ? -1 : m_toServer.indexOf("</iq>", mam);
            if (start < 0) {
                server->write(m_toServer);
                m_toServer.clear();
                return;
            }
            server->write(m_toServer.left(start));
            if (end < 0) {
                m_toServer.remove(0, start);
                return;
            }
            const QByteArray iq = m_toServer.mid(start, end + 5 - start);
            m_toServer.remove(0, end + 5);
            Query query;
            query.iqId = capture(iq, uR"(^<iq[^>]*\sid=['"]([^'"]+)['"])"_s);
            query.queryId = capture(iq, uR"(queryid=['"]([^'"]+)['"])"_s);
            query.after = capture(iq, uR"(<after>([^<]*)</after>)"_s);
            query.hasBefore = iq.contains("<before");
            query.before = capture(iq, uR"(<before>([^<]*)</before>)"_s);
            queries << query;
            m_client->write(script(query));
        }
    }

    QTcpSocket *m_client = nullptr;
    QByteArray m_toServer;
};

/// One archive result from our own archive (no 'from'), a chat message from bob.
QByteArray result(const ArchiveProxy::Query &query, const QString &id, const QString &body, const QString &from = {})
{
    const QString fromAttribute = from.isEmpty() ? QString() : u" from='%1'"_s.arg(from);
    return u"<message to='alice@localhost/pc'%1><result xmlns='urn:xmpp:mam:2' queryid='%2' id='%3'>"
           "<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2025-06-01T08:00:00Z'/>"
           "<message xmlns='jabber:client' from='bob@localhost/pc' to='alice@localhost' type='chat' id='%3'>"
           "<body>%4</body></message></forwarded></result></message>"_s.arg(fromAttribute, query.queryId, id, body)
               .toUtf8();
}

/// The iq result that ends a query (XEP-0313 §5.1.3), with its RSM <first/> and <last/>.
QByteArray fin(const ArchiveProxy::Query &query, const QString &first, const QString &last, bool complete)
{
    const QString set = first.isEmpty() ? u"<set xmlns='http://jabber.org/protocol/rsm'/>"_s
                                        : u"<set xmlns='http://jabber.org/protocol/rsm'><first>%1</first>"
                                          "<last>%2</last></set>"_s.arg(first, last);
    return u"<iq type='result' id='%1'><fin xmlns='urn:xmpp:mam:2' complete='%2'>%3</fin></iq>"_s
        .arg(query.iqId, complete ? u"true"_s : u"false"_s, set)
        .toUtf8();
}

QByteArray itemNotFound(const ArchiveProxy::Query &query)
{
    return u"<iq type='error' id='%1'><error type='cancel'><item-not-found "
           "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s.arg(query.iqId)
               .toUtf8();
}

/// The chat stack as the app builds it, over a history database, signed in through the proxy.
struct Device : ChatDevice
{
    using ChatDevice::ChatDevice;

    std::optional<ChatMessage> withBody(const QString &body) const
    {
        for (const ChatMessage &message : history(Bob)) {
            if (message.body == body)
                return message;
        }
        return std::nullopt;
    }
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
} // namespace

class tst_ArchivePaging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void repeatedLastStopsPaging();
    void emptyIncompletePageStopsPaging();
    void pageLimitReportsGap();
    void expiredCursorPagesBackToKnownMessage();
    void expiredCursorWithNothingKnownReportsGap();
    void liveStanzaIdDoesNotMoveCursor();
    void emptyArchiveAtFirstLoginThenNewsFromItsStart();
    void resultFromOtherSenderWithRightQueryIdIgnored();
    void carbonOnlyFromOwnAccount();

private:
    /// Signs @p device in through the proxy; true once the catch-up ended (@p caughtUp records it).
    bool login(Device &device, QSignalSpy &caughtUp);
    std::unique_ptr<Device> device(const QString &cursor = {}, QString path = {});

    ProsodyServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<ArchiveProxy> m_proxy;
    int m_databases = 0;
};

void tst_ArchivePaging::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ProsodyServer::Options options;
    options.tls = false;   // the proxy reads the stream; SCRAM still keeps the password off the wire
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password};
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
}

void tst_ArchivePaging::init()
{
    m_proxy = std::make_unique<ArchiveProxy>(m_server.c2sPort());
    QVERIFY(m_proxy->isListening());
}

void tst_ArchivePaging::cleanup()
{
    m_proxy.reset();
}

std::unique_ptr<Device> tst_ArchivePaging::device(const QString &cursor, QString path)
{
    if (path.isEmpty())
        path = m_dir.filePath(u"alice-%1.sqlite"_s.arg(++m_databases));
    auto created = std::make_unique<Device>(path);
    if (!cursor.isEmpty())
        created->database.setProperty(ArchiveManager::cursorKey(), cursor);
    return created;
}

bool tst_ArchivePaging::login(Device &device, QSignalSpy &caughtUp)
{
    auto config = configFor(m_server, u"alice"_s, Password);
    config.port = m_proxy->serverPort();
    config.resource = u"pc"_s;
    config.securityMode = ConnectionConfiguration::SecurityMode::IfPossible;
    device.client.connectToHost(config);
    if (!waitConnected(device.client))
        return false;
    return waitFor([&] { return !caughtUp.isEmpty(); });
}

void tst_ArchivePaging::repeatedLastStopsPaging()
{
    // Issue 13 finding 10: an archive that answers every page with the same <last/> kept Xin paging for ever.
    auto alice = device(u"c0"_s);
    m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray {
        return result(query, u"r1"_s, u"一遍又一遍"_s) + fin(query, u"r1"_s, u"r1"_s, false);
    };
    QSignalSpy caughtUp(alice->archive, &ArchiveManager::catchUpFinished);
    QSignalSpy gap(alice->archive, &ArchiveManager::historyGap);
    QVERIFY(login(*alice, caughtUp));
    QCOMPARE(caughtUp.at(0).at(0).toBool(), false);
    QCOMPARE(gap.size(), 1);
    QCOMPARE(gap.at(0).at(0).value<ArchiveManager::GapReason>(), ArchiveManager::GapReason::ArchiveStalled);
    QTest::qWait(200);
    QCOMPARE(m_proxy->queries.size(), 2);   // after c0, then after r1 once: r1 again is not followed
    QCOMPARE(m_proxy->queries.at(1).after, u"r1"_s);
    QCOMPARE(alice->store->count(Bob), 1);
}

void tst_ArchivePaging::emptyIncompletePageStopsPaging()
{
    // An empty page that says more is to come would page from the same place again: stopped and told.
    auto alice = device(u"c0"_s);
    m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray { return fin(query, {}, {}, false); };
    QSignalSpy caughtUp(alice->archive, &ArchiveManager::catchUpFinished);
    QSignalSpy gap(alice->archive, &ArchiveManager::historyGap);
    QVERIFY(login(*alice, caughtUp));
    QCOMPARE(caughtUp.at(0).at(0).toBool(), false);
    QCOMPARE(gap.size(), 1);
    QCOMPARE(gap.at(0).at(0).value<ArchiveManager::GapReason>(), ArchiveManager::GapReason::ArchiveStalled);
    QCOMPARE(m_proxy->queries.size(), 1);
}

void tst_ArchivePaging::pageLimitReportsGap()
{
    // An archive whose pages advance but never end: at most MaxCatchUpPages, then history may be incomplete.
    auto alice = device(u"c0"_s);
    m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray {
        const QString id = query.after + u'+';
        return result(query, id, u"没完没了"_s) + fin(query, id, id, false);
    };
    QSignalSpy caughtUp(alice->archive, &ArchiveManager::catchUpFinished);
    QSignalSpy gap(alice->archive, &ArchiveManager::historyGap);
    QVERIFY(login(*alice, caughtUp));
    QCOMPARE(gap.size(), 1);
    QCOMPARE(gap.at(0).at(0).value<ArchiveManager::GapReason>(), ArchiveManager::GapReason::PageLimit);
    QCOMPARE(m_proxy->queries.size(), ArchiveManager::MaxCatchUpPages);
    // The cursor stands after the last page processed: the next session goes on from there.
    QCOMPARE(alice->database.property(ArchiveManager::cursorKey()),
             u"c0"_s + QString(ArchiveManager::MaxCatchUpPages, u'+'));
}

void tst_ArchivePaging::expiredCursorPagesBackToKnownMessage()
{
    // Issue 13 finding 5: when the cursor's message left the archive, Xin fetched the newest 50 as read
    // history: whatever came before them was never fetched, and what they held was never shown as news.
    // Now it pages back from the newest, unread, until it meets a message it had.
    auto alice = device(u"gone"_s);
    ChatMessage known;
    known.chat = Bob;
    known.body = u"见过的"_s;
    known.stanzaId = u"k1"_s;
    known.read = true;
    QCOMPARE(alice->store->add(known), MessageStore::AddResult::Added);
    m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray {
        if (!query.after.isEmpty())
            return itemNotFound(query);
        if (query.before.isEmpty())
            return result(query, u"n3"_s, u"错过三"_s) + result(query, u"n4"_s, u"错过四"_s)
                 + fin(query, u"n3"_s, u"n4"_s, false);
        if (query.before == u"n3")
            return result(query, u"k1"_s, u"见过的"_s) + result(query, u"n2"_s, u"错过二"_s)
                 + fin(query, u"k1"_s, u"n2"_s, false);
        return result(query, u"n1"_s, u"更早"_s) + fin(query, u"n1"_s, u"n1"_s, true);
    };
    QSignalSpy caughtUp(alice->archive, &ArchiveManager::catchUpFinished);
    QSignalSpy gap(alice->archive, &ArchiveManager::historyGap);
    QVERIFY(login(*alice, caughtUp));
    QCOMPARE(caughtUp.at(0).at(0).toBool(), true);
    QCOMPARE(caughtUp.at(0).at(1).toInt(), 3);
    QVERIFY(gap.isEmpty());
    QCOMPARE(m_proxy->queries.size(), 3);
    QVERIFY(m_proxy->queries.at(1).hasBefore);
    QCOMPARE(m_proxy->queries.at(2).before, u"n3"_s);
    for (const QString &body : {u"错过二"_s, u"错过三"_s, u"错过四"_s}) {
        const auto missed = alice->withBody(body);
        QVERIFY2(missed, qPrintable(body));
        QVERIFY2(!missed->read, qPrintable(body));   // never seen: unread, not marked read as history
    }
    QVERIFY(!alice->withBody(u"更早"_s));   // older than what we had: not fetched
    QCOMPARE(alice->store->unreadCount(Bob), 3);
    QCOMPARE(alice->database.property(ArchiveManager::cursorKey()), u"n4"_s);
}

void tst_ArchivePaging::expiredCursorWithNothingKnownReportsGap()
{
    // Paged back to the archive's start without meeting a message we had: what lay between is gone, and
    // the user is told.
    auto alice = device(u"gone"_s);
    m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray {
        if (!query.after.isEmpty())
            return itemNotFound(query);
        if (query.before.isEmpty())
            return result(query, u"n2"_s, u"二"_s) + fin(query, u"n2"_s, u"n2"_s, false);
        return result(query, u"n1"_s, u"一"_s) + fin(query, u"n1"_s, u"n1"_s, true);
    };
    QSignalSpy caughtUp(alice->archive, &ArchiveManager::catchUpFinished);
    QSignalSpy gap(alice->archive, &ArchiveManager::historyGap);
    QVERIFY(login(*alice, caughtUp));
    QCOMPARE(gap.size(), 1);
    QCOMPARE(gap.at(0).at(0).value<ArchiveManager::GapReason>(), ArchiveManager::GapReason::CursorExpired);
    QCOMPARE(alice->store->unreadCount(Bob), 2);
    QCOMPARE(alice->database.property(ArchiveManager::cursorKey()), u"n2"_s);
}

void tst_ArchivePaging::liveStanzaIdDoesNotMoveCursor()
{
    // Issue 13 finding 5: a live message's stanza-id moved the catch-up cursor. Only archive results may:
    // the archive's order is the one the cursor pages in.
    auto alice = device(u"c0"_s);
    m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray {
        return result(query, u"a1"_s, u"存档"_s) + fin(query, u"a1"_s, u"a1"_s, true);
    };
    QSignalSpy caughtUp(alice->archive, &ArchiveManager::catchUpFinished);
    QVERIFY(login(*alice, caughtUp));
    QVERIFY(alice->chats->isStanzaIdTrusted());   // Prosody advertises urn:xmpp:sid:0
    QCOMPARE(alice->database.property(ArchiveManager::cursorKey()), u"a1"_s);

    m_proxy->toClient("<message from='bob@localhost/pc' to='alice@localhost/pc' type='chat' id='l1'>"
                      "<body>live</body><stanza-id xmlns='urn:xmpp:sid:0' by='alice@localhost' id='live-1'/>"
                      "</message>");
    QVERIFY(waitFor([&] { return alice->withBody(u"live"_s).has_value(); }));
    QCOMPARE(alice->withBody(u"live"_s)->stanzaId, u"live-1"_s);
    QTest::qWait(1500);   // longer than any deferred write
    QCOMPARE(alice->database.property(ArchiveManager::cursorKey()), u"a1"_s);
}

void tst_ArchivePaging::emptyArchiveAtFirstLoginThenNewsFromItsStart()
{
    // Only archive results move the cursor, so an archive empty at the first login leaves none. What it holds
    // at the next login came since: news, from its start, not the newest page shown as read history.
    const QString path = m_dir.filePath(u"alice-empty-archive.sqlite"_s);
    {
        auto first = device({}, path);
        m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray { return fin(query, {}, {}, true); };
        QSignalSpy caughtUp(first->archive, &ArchiveManager::catchUpFinished);
        QVERIFY(login(*first, caughtUp));
        QVERIFY(caughtUp.at(0).at(0).toBool());
        QVERIFY(m_proxy->queries.at(0).hasBefore);   // the first login: the newest page
        first->client.disconnectFromHost();
        QVERIFY(waitDisconnected(first->client));
    }
    init();   // a new proxy for the new connection
    auto second = device({}, path);
    m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray {
        return result(query, u"m1"_s, u"你走以后"_s) + result(query, u"m2"_s, u"又一条"_s)
             + fin(query, u"m1"_s, u"m2"_s, true);
    };
    QSignalSpy caughtUp(second->archive, &ArchiveManager::catchUpFinished);
    QVERIFY(login(*second, caughtUp));
    QCOMPARE(m_proxy->queries.size(), 1);
    QVERIFY(!m_proxy->queries.at(0).hasBefore);
    QVERIFY(m_proxy->queries.at(0).after.isEmpty());
    QCOMPARE(second->store->unreadCount(Bob), 2);
    QCOMPARE(second->database.property(ArchiveManager::cursorKey()), u"m2"_s);
}

void tst_ArchivePaging::resultFromOtherSenderWithRightQueryIdIgnored()
{
    // docs/SECURITY.md rule 3: the right queryid while the query is open is not enough; the result must come from
    // the archive queried (our own account: no 'from' or our bare JID).
    auto alice = device(u"c0"_s);
    m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray {
        return result(query, u"f1"_s, u"伪造的"_s, u"mallory@localhost/pc"_s)
             + result(query, u"f2"_s, u"也是伪造的"_s, u"alice@localhost/phone"_s)
             + result(query, u"o1"_s, u"自己的存档"_s, u"alice@localhost"_s) + result(query, u"o2"_s, u"真的"_s)
             + fin(query, u"f1"_s, u"o2"_s, true);
    };
    QSignalSpy caughtUp(alice->archive, &ArchiveManager::catchUpFinished);
    QSignalSpy forged(alice->archive, &ArchiveManager::forgedResultIgnored);
    QVERIFY(login(*alice, caughtUp));
    QCOMPARE(forged.size(), 2);
    QCOMPARE(forged.at(0).at(0).value<Jid>(), Jid::fromString(u"mallory@localhost/pc"));
    QCOMPARE(forged.at(1).at(0).value<Jid>(), Jid::fromString(u"alice@localhost/phone"));
    QVERIFY(!alice->withBody(u"伪造的"_s));
    QVERIFY(!alice->withBody(u"也是伪造的"_s));
    QVERIFY(alice->withBody(u"自己的存档"_s));
    QVERIFY(alice->withBody(u"真的"_s));
}

void tst_ArchivePaging::carbonOnlyFromOwnAccount()
{
    // XEP-0280 §11, docs/SECURITY.md rule 3: a carbon is our server's copy, from our bare JID. From another user,
    // or from one of our own resources (which can write anything), it is a forgery.
    auto alice = device(u"c0"_s);
    m_proxy->script = [](const ArchiveProxy::Query &query) -> QByteArray { return fin(query, {}, {}, true); };
    QSignalSpy caughtUp(alice->archive, &ArchiveManager::catchUpFinished);
    QSignalSpy forged(alice->carbons, &CarbonsManager::forgedCarbonIgnored);
    QVERIFY(login(*alice, caughtUp));
    const QString carbon = u"<message from='%1' to='alice@localhost/pc' type='chat'>"
                           "<%2 xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                           "<message xmlns='jabber:client' from='%3' to='%4' type='chat' id='%5'>"
                           "<body>%5</body></message></forwarded></%2></message>"_s;
    m_proxy->toClient(carbon
                          .arg(u"mallory@localhost/pc"_s, u"received"_s, u"bob@localhost/pc"_s, u"alice@localhost/pc"_s,
                               u"forged-received"_s)
                          .toUtf8());
    m_proxy->toClient(carbon
                          .arg(u"alice@localhost/phone"_s, u"sent"_s, u"alice@localhost/phone"_s, u"bob@localhost"_s,
                               u"forged-sent"_s)
                          .toUtf8());
    m_proxy->toClient(
        carbon.arg(u"alice@localhost"_s, u"sent"_s, u"alice@localhost/phone"_s, u"bob@localhost"_s, u"sent-on-phone"_s)
            .toUtf8());
    m_proxy->toClient(carbon
                          .arg(u"alice@localhost"_s, u"received"_s, u"bob@localhost/pc"_s, u"alice@localhost/phone"_s,
                               u"received-on-phone"_s)
                          .toUtf8());
    QVERIFY(waitFor([&] { return alice->withBody(u"received-on-phone"_s).has_value(); }));
    QCOMPARE(forged.size(), 2);
    QCOMPARE(forged.at(0).at(0).value<Jid>(), Jid::fromString(u"mallory@localhost/pc"));
    QCOMPARE(forged.at(1).at(0).value<Jid>(), Jid::fromString(u"alice@localhost/phone"));
    QVERIFY(!alice->withBody(u"forged-received"_s));
    QVERIFY(!alice->withBody(u"forged-sent"_s));
    const auto sent = alice->withBody(u"sent-on-phone"_s);
    QVERIFY(sent);
    QCOMPARE(sent->direction, ChatMessage::Direction::Outgoing);
    QCOMPARE(alice->withBody(u"received-on-phone"_s)->direction, ChatMessage::Direction::Incoming);
}

QTEST_GUILESS_MAIN(tst_ArchivePaging)
#include "tst_archivepaging.moc"
