// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The fault-injecting proxy of the reliability tests (tests/support/FaultProxy) against an echo server in
// this test: each fault does what it says, so that a scenario that passes through it proves something.
// The client side is a plain POSIX socket, so that a clean close (recv() returns 0) and a reset
// (ECONNRESET) can be told apart.

#include "FaultProxy.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/// Echoes every byte back and keeps what it received, per connection.
class EchoServer : public QObject
{
public:
    EchoServer()
    {
        QObject::connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                sockets.append(socket);
                received.append(QByteArray());
                const qsizetype number = sockets.size() - 1;
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, number] {
                    const QByteArray data = socket->readAll();
                    received[number] += data;
                    if (echo)
                        socket->write(data);
                });
            }
        });
        server.listen(QHostAddress::LocalHost, 0);
    }
    bool closed(qsizetype number) const
    {
        return !sockets.value(number) || sockets.at(number)->state() != QAbstractSocket::ConnectedState;
    }

    QTcpServer server;
    QList<QPointer<QTcpSocket>> sockets;
    QList<QByteArray> received;
    bool echo = true;
};

/// A blocking-free POSIX client socket to 127.0.0.1:port.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address);  // EINPROGRESS
        pollfd p{m_fd, POLLOUT, 0};
        ::poll(&p, 1, 1000);
    }
    ~RawClient() { ::close(m_fd); }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    void send(const QByteArray &data) { QCOMPARE(::send(m_fd, data.constData(), size_t(data.size()), 0), data.size()); }

    /// Reads what is there (running the event loop meanwhile) until @p bytes arrived, the peer closed or
    /// timeoutMs passed. Returns the bytes; `ended` says how it ended: 0 still open, 1 FIN, 2 RST.
    QByteArray read(qsizetype bytes, int timeoutMs = 1000)
    {
        QByteArray data;
        QElapsedTimer timer;
        timer.start();
        while (data.size() < bytes && ended == 0 && timer.elapsed() < timeoutMs) {
            char buffer[4096];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0)
                data.append(buffer, n);
            else if (n == 0)
                ended = 1;
            else if (errno == ECONNRESET)
                ended = 2;
            else
                QTest::qWait(2);
        }
        return data;
    }

    int ended = 0;

private:
    int m_fd = -1;
};

bool waitFor(const std::function<bool()> &done, int timeoutMs = 1000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QTest::qWait(2);
    return done();
}

} // namespace

class tst_FaultProxy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_echo = std::make_unique<EchoServer>();
        m_proxy = std::make_unique<FaultProxy>();
        QString error;
        QVERIFY2(m_proxy->listen(u"127.0.0.1"_s, m_echo->server.serverPort(), &error), qPrintable(error));
        QVERIFY(m_proxy->port() != 0 && m_proxy->port() != m_echo->server.serverPort());
    }
    void cleanup()
    {
        m_proxy.reset();
        m_echo.reset();
    }

    void forwardsBothWaysAndCounts()
    {
        RawClient client(m_proxy->port());
        client.send("hello");
        QCOMPARE(client.read(5), "hello");
        QCOMPARE(m_echo->received.value(0), "hello");
        RawClient second(m_proxy->port());
        second.send("again!");
        QCOMPARE(second.read(6), "again!");
        QCOMPARE(m_proxy->connectionsAccepted(), 2);
        QCOMPARE(m_proxy->openConnections(), 2);
        QCOMPARE(m_echo->sockets.size(), 2);
        QCOMPARE(m_proxy->bytesToTarget(), 11);
        QCOMPARE(m_proxy->bytesToClient(), 11);
        QCOMPARE(client.ended, 0);
    }

    void dropClosesBothSidesCleanly()
    {
        RawClient client(m_proxy->port());
        client.send("x");
        QCOMPARE(client.read(1), "x");
        m_proxy->drop();
        client.read(1);
        QCOMPARE(client.ended, 1);  // FIN, not RST
        QVERIFY(waitFor([&] { return m_echo->closed(0); }));
        QVERIFY(waitFor([&] { return m_proxy->openConnections() == 0; }));
        // The proxy still accepts and forwards new connections.
        RawClient next(m_proxy->port());
        next.send("y");
        QCOMPARE(next.read(1), "y");
    }

    void resetAbortsBothSides()
    {
        RawClient client(m_proxy->port());
        client.send("x");
        QCOMPARE(client.read(1), "x");
        m_proxy->reset();
        client.read(1);
        QCOMPARE(client.ended, 2);  // RST
        QVERIFY(waitFor([&] { return m_echo->closed(0); }));
        QVERIFY(waitFor([&] { return m_proxy->openConnections() == 0; }));
    }

    void blackholeHoldsUntilHealed()
    {
        RawClient client(m_proxy->port());
        client.send("a");
        QCOMPARE(client.read(1), "a");
        m_proxy->blackhole();
        QVERIFY(m_proxy->isBlackholed());
        client.send("held");
        QCOMPARE(client.read(4, 150), QByteArray());
        QCOMPARE(m_echo->received.value(0), "a");  // nothing went through...
        QCOMPARE(client.ended, 0);                  // ...and nothing was closed
        QVERIFY(!m_echo->closed(0));
        // A new connection is accepted (as a dead Wi-Fi's router would not refuse it) but goes nowhere.
        RawClient late(m_proxy->port());
        late.send("late");
        QVERIFY(waitFor([&] { return m_proxy->connectionsAccepted() == 2; }));
        QTest::qWait(50);
        QCOMPARE(m_echo->sockets.size(), 1);
        RawClient third(m_proxy->port());
        QVERIFY(waitFor([&] { return m_proxy->connectionsAccepted() == 3; }));
        third.send("kept");
        {
            RawClient leaving(m_proxy->port());  // accepted, then its client goes away during the blackhole
            QVERIFY(waitFor([&] { return m_proxy->connectionsAccepted() == 4; }));
        }
        QTest::qWait(50);

        m_proxy->heal();
        QVERIFY(!m_proxy->isBlackholed());
        QCOMPARE(client.read(4), "held");  // TCP retransmits what was held, in order
        QCOMPARE(late.read(4), "late");    // the held connection reaches the server now
        QCOMPARE(m_echo->received.value(0), "aheld");
        third.send("more");
        QCOMPARE(third.read(8), "keptmore");
        // The one whose client had left is not connected on heal.
        QCOMPARE(m_echo->sockets.size(), 3);
    }

    void blackholedServerSideResetAlone()
    {
        RawClient client(m_proxy->port());
        client.send("a");
        QCOMPARE(client.read(1), "a");
        m_proxy->blackhole();
        // The server's TCP gives up on the dead link (reset) while the client still believes in it.
        m_proxy->reset(FaultProxy::Side::Target);
        QVERIFY(waitFor([&] { return m_echo->closed(0); }));
        QCOMPARE(client.read(1, 100), QByteArray());
        QCOMPARE(client.ended, 0);
        // Once the link is back, the client's next bytes meet a connection nobody knows: reset.
        m_proxy->heal();
        client.read(1);
        QCOMPARE(client.ended, 2);
    }

    void cutMidStanzaForwardsOnlyTheFirstBytes()
    {
        RawClient client(m_proxy->port());
        client.send("<a/>");
        QCOMPARE(client.read(4), "<a/>");
        m_proxy->cutMidStanza(FaultProxy::Direction::ToTarget, 6);
        client.send("<message>hello</message>");
        client.read(1);
        QCOMPARE(client.ended, 2);
        QVERIFY(waitFor([&] { return m_echo->closed(0); }));
        QCOMPARE(m_echo->received.value(0), "<a/><messa");
        QCOMPARE(m_proxy->bytesToTarget(), 10);
        // Once only: the next connection goes through whole.
        RawClient next(m_proxy->port());
        next.send("<message>hello</message>");
        QCOMPARE(next.read(24), "<message>hello</message>");
    }

    void cutTowardsTheClient()
    {
        RawClient client(m_proxy->port());
        m_proxy->cutMidStanza(FaultProxy::Direction::ToClient, 3);
        client.send("abcdef");
        QCOMPARE(client.read(6), "abc");
        QCOMPARE(client.ended, 2);
        QCOMPARE(m_echo->received.value(0), "abcdef");
    }

    void delayKeepsOrder()
    {
        RawClient client(m_proxy->port());
        m_proxy->setDelay(100ms);
        QElapsedTimer timer;
        timer.start();
        client.send("1");
        QTest::qWait(20);
        client.send("2");
        const QByteArray first = client.read(1);
        const qint64 firstAfter = timer.elapsed();
        const QByteArray both = first + client.read(1);
        QCOMPARE(both, "12");
        QVERIFY2(firstAfter >= 190, qPrintable(QString::number(firstAfter)));  // 100 ms each way
        m_proxy->heal();
        timer.restart();
        client.send("3");
        QCOMPARE(client.read(1), "3");
        QVERIFY2(timer.elapsed() < 180, qPrintable(QString::number(timer.elapsed())));  // the delay would cost 200
    }

    void throttleLimitsTheRate()
    {
        RawClient client(m_proxy->port());
        // 20 kB/s: 4 kB take 200 ms each way; the echo overlaps the two ways (each piece comes back as soon as
        // it arrived), so the round trip takes about 200 ms (the first piece goes at once), against 1 ms unthrottled.
        m_proxy->setThrottle(20000);
        const QByteArray data(4000, 'z');
        QElapsedTimer timer;
        timer.start();
        client.send(data);
        QCOMPARE(client.read(data.size(), 3000), data);
        QVERIFY2(timer.elapsed() >= 170, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));   // throttled, not stalled
    }

    void unreachableTargetClosesTheClient()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();   // nobody listens there now
        m_proxy->setTarget(u"127.0.0.1"_s, port);
        RawClient client(m_proxy->port());
        client.read(1);
        QCOMPARE(client.ended, 1);
        QVERIFY(waitFor([&] { return m_proxy->openConnections() == 0; }));
    }

private:
    std::unique_ptr<EchoServer> m_echo;
    std::unique_ptr<FaultProxy> m_proxy;
};

QTEST_GUILESS_MAIN(tst_FaultProxy)
#include "tst_faultproxy.moc"
