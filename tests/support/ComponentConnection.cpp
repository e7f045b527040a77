// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ComponentConnection.h"

#include "ProsodyServer.h"

#include <QCryptographicHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
bool fail(const QString &message, QString *error)
{
    if (error)
        *error = message;
    return false;
}
} // namespace

bool ComponentConnection::connectTo(const ProsodyServer &server, const QString &secret, QString *error)
{
    m_domain = server.componentDomain();
    m_socket.connectToHost(u"127.0.0.1"_s, server.componentPort());
    if (!m_socket.waitForConnected(5000))
        return fail(u"cannot connect to the component port: "_s + m_socket.errorString(), error);
    m_socket.write("<stream:stream xmlns='jabber:component:accept' "
                   "xmlns:stream='http://etherx.jabber.org/streams' to='"
                   + m_domain.toUtf8() + "'>");
    const QRegularExpression idPattern(u"<stream:stream[^>]*\\sid=['\"]([^'\"]+)['\"]"_s);
    QByteArray received;
    QRegularExpressionMatch match;
    while (!(match = idPattern.match(QString::fromUtf8(received))).hasMatch()) {
        if (!m_socket.waitForReadyRead(5000))
            return fail(u"no stream header from the component port: "_s + QString::fromUtf8(received), error);
        received += m_socket.readAll();
    }
    // XEP-0114 §3: the handshake is the hex SHA-1 of the stream id followed by the secret.
    const QByteArray digest = QCryptographicHash::hash((match.captured(1) + secret).toUtf8(), QCryptographicHash::Sha1);
    m_socket.write("<handshake>" + digest.toHex() + "</handshake>");
    received.clear();
    while (!received.contains("<handshake/>") && !received.contains("<handshake></handshake>")) {
        if (received.contains("stream:error") || !m_socket.waitForReadyRead(5000))
            return fail(u"the component handshake failed: "_s + QString::fromUtf8(received), error);
        received += m_socket.readAll();
    }
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] {
        const QByteArray data = m_socket.readAll();
        if (m_keepReceived)
            m_received += data;
    });
    return true;
}

void ComponentConnection::write(const QByteArray &stanzas)
{
    m_socket.write(stanzas);
    m_socket.flush();
}

int ComponentConnection::iqsTo(const QString &bareJid) const
{
    const QRegularExpression pattern(u"<iq [^>]*to=['\"]%1(/[^'\"]*)?['\"]"_s.arg(QRegularExpression::escape(bareJid)));
    return int(QString::fromUtf8(m_received).count(pattern));
}
