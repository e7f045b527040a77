// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTcpServer>
#include <QTimer>

#include <chrono>
#include <memory>
#include <vector>

class QTcpSocket;

/// A fault-injecting TCP proxy on 127.0.0.1 in front of one target (a real server), for the reliability
/// tests of issue 15: put it between an XmppClient and Prosody and break the link on purpose, the ways real
/// networks do (docs/SECURITY.md rule 9: no message lost, none twice, whatever the network does).
///
/// It runs in the thread that made it (QTcpServer and QTcpSocket on that thread's event loop: the test's),
/// accepting on a free port; every accepted connection gets a connection of its own to the target. Bytes go
/// through unchanged (TLS included: the proxy sees records, not stanzas).
///
/// The faults act on the connections open now; blackhole(), setDelay() and setThrottle() also on the ones
/// accepted later, until heal():
///  - drop(): both sides closed cleanly (FIN), what was still queued in the proxy is lost;
///  - reset(): both sides (or one) aborted with a TCP RST, as a NAT box or a crashed peer does;
///  - blackhole(): nothing is forwarded either way while the sockets stay open, as on a dead Wi-Fi: bytes are
///    held; a new connection is accepted but not passed on to the target. A side that closes meanwhile is
///    not told to the other side. heal() delivers the held bytes of connections whose two sides are still
///    open (TCP retransmits them), resets those that lost a side (the peer's TCP no longer knows them, so
///    it answers the retransmission with RST) and connects the held new ones;
///  - cutMidStanza(): the next chunk read in one direction is forwarded only up to N bytes, then both sides
///    are reset: a stanza (or TLS record) cut in the middle;
///  - setDelay(): latency added to every chunk, order kept; setThrottle(): at most N bytes per second each
///    way.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Direction { ToTarget, ToClient };
    enum class Side { Client, Target, Both };

    explicit FaultProxy(QObject *parent = nullptr);
    ~FaultProxy() override;
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    /// Listens on a free port of 127.0.0.1 and forwards to targetHost:targetPort.
    bool listen(const QString &targetHost, quint16 targetPort, QString *error = nullptr);
    /// Where connections accepted from now on go (e.g. a restarted server on another port).
    void setTarget(const QString &host, quint16 port);
    QString host() const { return QStringLiteral("127.0.0.1"); }
    quint16 port() const { return m_server.serverPort(); }

    void drop();
    void reset(Side side = Side::Both);
    void blackhole();
    void cutMidStanza(Direction direction, qsizetype bytes);
    void setDelay(std::chrono::milliseconds perChunk);
    void setThrottle(qint64 bytesPerSecond);  // 0: no limit
    /// Back to normal: no blackhole, delay, throttle or pending cut (see the class comment for what
    /// happens to what was held).
    void heal();

    bool isBlackholed() const { return m_blackholed; }
    int connectionsAccepted() const { return m_accepted; }
    int openConnections() const;
    qint64 bytesToTarget() const { return m_bytes[0]; }  // forwarded from the clients to the target
    qint64 bytesToClient() const { return m_bytes[1]; }  // forwarded from the target to the clients

Q_SIGNALS:
    void connectionAccepted();

private:
    struct Pipe;
    struct Connection;

    void accept();
    void connectTarget(Connection *connection);
    void read(Connection *connection, Direction direction);
    void sideClosed(Connection *connection, Side side);
    void pump(Connection *connection);
    bool pumpPipe(Connection *connection, Direction direction, qint64 now);
    void pumpAll();
    void schedule(qint64 inMs);
    void close(Connection *connection, Side side, bool rst);
    void finish(Connection *connection);
    void reap();
    qint64 now() const;

    QTcpServer m_server;
    QElapsedTimer m_clock;
    QTimer m_pumpTimer;
    QString m_targetHost;
    quint16 m_targetPort = 0;
    std::vector<std::unique_ptr<Connection>> m_connections;
    bool m_blackholed = false;
    qint64 m_delayMs = 0;
    qint64 m_bytesPerSecond = 0;
    qsizetype m_cut[2] = {-1, -1};
    int m_accepted = 0;
    qint64 m_bytes[2] = {0, 0};
    bool m_reapQueued = false;
};
