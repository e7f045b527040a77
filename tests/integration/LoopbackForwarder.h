// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// A minimal TCP forwarder on 127.0.0.1 for the xin-cli fault tests: it passes bytes both ways between a
// client and the server, and can cut every connection or stop passing what the clients send, after a
// given number of further bytes from them. Until the fault-injecting proxy of tests/support is there.

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <utility>

class LoopbackForwarder : public QObject
{
public:
    enum class Fault { None, Cut, Blackhole };

    explicit LoopbackForwarder(quint16 targetPort, QObject *parent = nullptr)
        : QObject(parent)
        , m_targetPort(targetPort)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                pair(client);
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    quint16 port() const { return m_server.serverPort(); }
    int connectionCount() const { return m_connections; }
    /// After @p bytes more from the clients: Cut aborts every connection at once (both sides), once;
    /// Blackhole passes nothing more from any client, on this connection or later ones (the server hears
    /// nothing, the client gets what the server still sends).
    void arm(Fault fault, qint64 bytes)
    {
        m_fault = fault;
        m_budget = bytes;
    }
    bool fired() const { return m_fired; }
    /// While holding, new connections wait (unanswered) until released.
    void setHolding(bool holding)
    {
        m_holding = holding;
        if (holding)
            return;
        const auto held = std::exchange(m_held, {});
        for (const QPointer<QTcpSocket> &client : held) {
            if (client)
                pair(client);
        }
    }
    /// Aborts every connection (both sides).
    void cutAll()
    {
        const auto sockets = m_sockets;
        for (const QPointer<QTcpSocket> &socket : sockets) {
            if (socket)
                socket->abort();
        }
    }

private:
    void pair(QTcpSocket *client)
    {
        if (m_holding) {
            m_held << client;
            return;
        }
        ++m_connections;
        auto *upstream = new QTcpSocket(client);
        m_sockets << client << upstream;
        connect(client, &QTcpSocket::readyRead, this, [this, client, upstream] { fromClient(client, upstream); });
        connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
        connect(upstream, &QTcpSocket::connected, this, [this, client, upstream] { fromClient(client, upstream); });
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::abort);
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }

    void fromClient(QTcpSocket *client, QTcpSocket *upstream)
    {
        if (upstream->state() != QAbstractSocket::ConnectedState)
            return;   // kept in the client socket's buffer until the server side is connected
        QByteArray data = client->readAll();
        if (m_fault == Fault::Blackhole && m_fired)
            return;   // swallowed
        if (m_fault != Fault::None && data.size() >= m_budget) {
            data.truncate(m_budget);   // cut mid-stanza, most likely
            m_fired = true;
            upstream->write(data);
            upstream->flush();
            if (m_fault == Fault::Cut) {
                m_fault = Fault::None;
                cutAll();
            }
            return;
        }
        if (m_fault != Fault::None)
            m_budget -= data.size();
        upstream->write(data);
    }

    QTcpServer m_server;
    quint16 m_targetPort;
    QList<QPointer<QTcpSocket>> m_sockets;
    Fault m_fault = Fault::None;
    qint64 m_budget = 0;
    bool m_fired = false;
    bool m_holding = false;
    QList<QPointer<QTcpSocket>> m_held;
    int m_connections = 0;
};
