// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FaultProxy.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <sys/socket.h>

#include <algorithm>
#include <deque>

using namespace Qt::StringLiterals;

namespace {

/// Closes @p socket with a TCP RST instead of a FIN: SO_LINGER on with a zero timeout makes close() abort
/// the connection (what a NAT box that forgot it, or a crashed peer's kernel, sends).
void abortWithReset(QTcpSocket *socket)
{
    const qintptr descriptor = socket->socketDescriptor();
    if (descriptor >= 0) {
        const linger option{1, 0};
        ::setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
    socket->abort();
}

int index(FaultProxy::Direction direction)
{
    return direction == FaultProxy::Direction::ToTarget ? 0 : 1;
}

} // namespace

/// The bytes read in one direction and not yet written to the other side.
struct FaultProxy::Pipe
{
    struct Chunk
    {
        qint64 due = 0;     // not before this (m_clock milliseconds): the delay
        QByteArray data;
        bool cut = false;   // reset both sides once this is written (cutMidStanza)
    };
    std::deque<Chunk> queue;
    qint64 busyUntil = 0;   // the throttle: the last piece written "takes" until then
};

/// One accepted connection and its connection to the target.
struct FaultProxy::Connection
{
    QTcpSocket *client = nullptr;
    QTcpSocket *target = nullptr;
    Pipe pipes[2];  // by index(Direction)
    bool clientGone = false;
    bool targetGone = false;
    bool targetStarted = false;  // connectToHost() called (a blackholed connection waits for heal())
    bool dead = false;

    QTcpSocket *sink(Direction direction) const { return direction == Direction::ToTarget ? target : client; }
    bool sinkGone(Direction direction) const { return direction == Direction::ToTarget ? targetGone : clientGone; }
};

FaultProxy::FaultProxy(QObject *parent) : QObject(parent)
{
    m_clock.start();
    m_pumpTimer.setSingleShot(true);
    m_pumpTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pumpTimer, &QTimer::timeout, this, &FaultProxy::pumpAll);
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::accept);
}

FaultProxy::~FaultProxy()
{
    m_server.close();
    for (const auto &connection : m_connections) {
        if (!connection->dead)
            close(connection.get(), Side::Both, true);
    }
}

bool FaultProxy::listen(const QString &targetHost, quint16 targetPort, QString *error)
{
    setTarget(targetHost, targetPort);
    if (m_server.listen(QHostAddress::LocalHost, 0))
        return true;
    if (error)
        *error = u"FaultProxy: cannot listen on 127.0.0.1: "_s + m_server.errorString();
    return false;
}

void FaultProxy::setTarget(const QString &host, quint16 port)
{
    m_targetHost = host;
    m_targetPort = port;
}

int FaultProxy::openConnections() const
{
    return int(std::count_if(m_connections.cbegin(), m_connections.cend(), [](const auto &c) { return !c->dead; }));
}

qint64 FaultProxy::now() const
{
    return m_clock.elapsed();
}

void FaultProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_accepted;
        auto owned = std::make_unique<Connection>();
        Connection *connection = owned.get();
        connection->client = client;
        connection->target = new QTcpSocket(this);
        QTcpSocket *target = connection->target;
        connect(client, &QTcpSocket::readyRead, this, [this, connection] { read(connection, Direction::ToTarget); });
        connect(client, &QTcpSocket::disconnected, this, [this, connection] { sideClosed(connection, Side::Client); });
        connect(target, &QTcpSocket::readyRead, this, [this, connection] { read(connection, Direction::ToClient); });
        connect(target, &QTcpSocket::connected, this, [this, connection] { pump(connection); });
        connect(target, &QTcpSocket::disconnected, this, [this, connection] { sideClosed(connection, Side::Target); });
        connect(target, &QTcpSocket::errorOccurred, this, [this, connection, target] {
            if (target->state() == QAbstractSocket::UnconnectedState)  // the connection attempt failed
                sideClosed(connection, Side::Target);
        });
        m_connections.push_back(std::move(owned));
        if (!m_blackholed)
            connectTarget(connection);
        Q_EMIT connectionAccepted();
    }
}

void FaultProxy::connectTarget(Connection *connection)
{
    connection->targetStarted = true;
    connection->target->connectToHost(m_targetHost, m_targetPort);
}

void FaultProxy::read(Connection *connection, Direction direction)
{
    if (connection->dead)
        return;
    QTcpSocket *source = direction == Direction::ToTarget ? connection->client : connection->target;
    if (!source->isOpen())  // closed by the peer before we read (its last bytes, if any, came with readyRead)
        return;
    QByteArray data = source->readAll();
    if (data.isEmpty())
        return;
    bool cut = false;
    qsizetype &pendingCut = m_cut[index(direction)];
    if (pendingCut >= 0 && !m_blackholed) {
        data.truncate(pendingCut);
        pendingCut = -1;
        cut = true;
    }
    connection->pipes[index(direction)].queue.push_back({now() + m_delayMs, data, cut});
    pump(connection);
}

void FaultProxy::sideClosed(Connection *connection, Side side)
{
    if (connection->dead)
        return;
    QTcpSocket *socket = side == Side::Client ? connection->client : connection->target;
    bool &gone = side == Side::Client ? connection->clientGone : connection->targetGone;
    if (gone)
        return;
    read(connection, side == Side::Client ? Direction::ToTarget : Direction::ToClient);  // what it sent last
    if (connection->dead)
        return;
    gone = true;
    disconnect(socket, nullptr, this, nullptr);
    socket->deleteLater();
    // While blackholed nothing reaches the other side, not even this close: heal() settles it.
    if (!m_blackholed)
        pump(connection);
}

void FaultProxy::pump(Connection *connection)
{
    if (connection->dead || m_blackholed)
        return;
    const qint64 time = now();
    for (const Direction direction : {Direction::ToTarget, Direction::ToClient}) {
        if (!pumpPipe(connection, direction, time))
            return;
    }
    // A side that closed: once what it sent is through, close the other side the same clean way.
    const bool upDrained = connection->pipes[0].queue.empty() || connection->targetGone;
    const bool downDrained = connection->pipes[1].queue.empty() || connection->clientGone;
    if ((connection->clientGone && upDrained) || (connection->targetGone && downDrained)) {
        close(connection, Side::Both, false);
        finish(connection);
    }
}

bool FaultProxy::pumpPipe(Connection *connection, Direction direction, qint64 time)
{
    Pipe &pipe = connection->pipes[index(direction)];
    if (connection->sinkGone(direction)) {
        pipe.queue.clear();
        return true;
    }
    QTcpSocket *sink = connection->sink(direction);
    if (sink->state() != QAbstractSocket::ConnectedState)  // the target is still being connected to
        return true;
    while (!pipe.queue.empty()) {
        Pipe::Chunk &chunk = pipe.queue.front();
        if (chunk.due > time) {
            schedule(chunk.due - time);
            return true;
        }
        qsizetype size = chunk.data.size();
        if (m_bytesPerSecond > 0) {
            if (pipe.busyUntil > time) {
                schedule(pipe.busyUntil - time);
                return true;
            }
            // Pieces of 20 ms worth each, so that the rate holds within a chunk too.
            size = std::min(size, std::max<qsizetype>(1, m_bytesPerSecond / 50));
            pipe.busyUntil = std::max(pipe.busyUntil, time) + std::max<qint64>(1, size * 1000 / m_bytesPerSecond);
        }
        sink->write(chunk.data.constData(), size);
        m_bytes[index(direction)] += size;
        chunk.data.remove(0, size);
        if (!chunk.data.isEmpty())
            continue;
        const bool cut = chunk.cut;
        pipe.queue.pop_front();
        if (cut) {
            sink->flush();
            close(connection, Side::Both, true);
            finish(connection);
            return false;
        }
    }
    return true;
}

void FaultProxy::pumpAll()
{
    for (size_t i = 0; i < m_connections.size(); ++i)
        pump(m_connections[i].get());
}

void FaultProxy::schedule(qint64 inMs)
{
    inMs = std::max<qint64>(inMs, 0);
    if (!m_pumpTimer.isActive() || m_pumpTimer.remainingTime() > inMs)
        m_pumpTimer.start(int(inMs));
}

void FaultProxy::close(Connection *connection, Side side, bool rst)
{
    const auto closeOne = [this, rst](QTcpSocket *socket, bool &gone) {
        if (gone)
            return;
        gone = true;
        disconnect(socket, nullptr, this, nullptr);
        if (rst || socket->state() != QAbstractSocket::ConnectedState) {
            abortWithReset(socket);
            socket->deleteLater();
            return;
        }
        socket->flush();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();  // FIN once Qt's buffer is written
    };
    if (side != Side::Target)
        closeOne(connection->client, connection->clientGone);
    if (side != Side::Client)
        closeOne(connection->target, connection->targetGone);
}

void FaultProxy::finish(Connection *connection)
{
    close(connection, Side::Both, true);  // whatever side is left (none, normally)
    connection->dead = true;
    connection->pipes[0].queue.clear();
    connection->pipes[1].queue.clear();
    if (!m_reapQueued) {
        m_reapQueued = true;
        QMetaObject::invokeMethod(this, &FaultProxy::reap, Qt::QueuedConnection);
    }
}

void FaultProxy::reap()
{
    m_reapQueued = false;
    std::erase_if(m_connections, [](const auto &connection) { return connection->dead; });
}

void FaultProxy::drop()
{
    for (size_t i = 0; i < m_connections.size(); ++i) {
        Connection *connection = m_connections[i].get();
        if (connection->dead)
            continue;
        close(connection, Side::Both, false);
        finish(connection);
    }
}

void FaultProxy::reset(Side side)
{
    for (size_t i = 0; i < m_connections.size(); ++i) {
        Connection *connection = m_connections[i].get();
        if (connection->dead)
            continue;
        close(connection, side, true);
        if (side == Side::Both)
            finish(connection);
        else
            pump(connection);  // unless blackholed, the other side is closed as after any close
    }
}

void FaultProxy::blackhole()
{
    m_blackholed = true;
}

void FaultProxy::cutMidStanza(Direction direction, qsizetype bytes)
{
    m_cut[index(direction)] = std::max<qsizetype>(bytes, 0);
}

void FaultProxy::setDelay(std::chrono::milliseconds perChunk)
{
    m_delayMs = std::max<qint64>(perChunk.count(), 0);
}

void FaultProxy::setThrottle(qint64 bytesPerSecond)
{
    m_bytesPerSecond = std::max<qint64>(bytesPerSecond, 0);
}

void FaultProxy::heal()
{
    const bool wasBlackholed = m_blackholed;
    m_blackholed = false;
    m_delayMs = 0;
    m_bytesPerSecond = 0;
    m_cut[0] = m_cut[1] = -1;
    for (size_t i = 0; wasBlackholed && i < m_connections.size(); ++i) {
        Connection *connection = m_connections[i].get();
        if (connection->dead)
            continue;
        if (connection->clientGone || connection->targetGone) {
            // The side still open retransmits into a connection its peer's TCP has forgotten: RST.
            close(connection, Side::Both, true);
            finish(connection);
        } else if (!connection->targetStarted) {
            connectTarget(connection);
        }
    }
    pumpAll();
}
