// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FakeTransport.h"

FakeTransport::FakeTransport(QObject *parent) : Transport(parent) { }

void FakeTransport::connectToHost(const QString &host, quint16 port, bool directTls)
{
    m_host = host;
    m_port = port;
    m_open = true;
    Q_EMIT connected();
    if (directTls) {
        m_encrypted = true;
        Q_EMIT encrypted();
    }
}

void FakeTransport::write(const QByteArray &data)
{
    if (m_open)
        m_written.append(data);
}

QByteArray FakeTransport::read(qint64 maxBytes)
{
    const QByteArray piece = m_incoming.left(maxBytes);
    m_incoming.remove(0, piece.size());
    return piece;
}

qint64 FakeTransport::discardReceived()
{
    const qint64 count = m_incoming.size();
    m_incoming.clear();
    m_discarded += count;
    return count;
}

void FakeTransport::startTls()
{
    m_startedTls = true;
    m_encrypted = true;
    Q_EMIT encrypted();
}

void FakeTransport::disconnectFromHost()
{
    if (!m_open)
        return;
    m_open = false;
    Q_EMIT disconnected();
}

void FakeTransport::abort()
{
    m_open = false;
    m_incoming.clear();
}

void FakeTransport::receive(const QByteArray &data)
{
    m_incoming += data;
    Q_EMIT readyRead();
}

void FakeTransport::closeFromServer()
{
    if (!m_open)
        return;
    m_open = false;
    Q_EMIT errorOccurred(Error::RemoteHostClosed, QStringLiteral("The remote host closed the connection"));
    Q_EMIT disconnected();
}

QList<QByteArray> FakeTransport::takeWritten()
{
    return std::exchange(m_written, {});
}
