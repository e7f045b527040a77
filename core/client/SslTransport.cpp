// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/SslTransport.h"

#include <QLoggingCategory>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSignalBlocker>
#include <QSslSocket>

Q_LOGGING_CATEGORY(lcTransport, "xin.transport")

using namespace Qt::StringLiterals;

namespace {
Transport::Error transportError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        return Transport::Error::HostNotFound;
    case QAbstractSocket::ConnectionRefusedError:
        return Transport::Error::ConnectionRefused;
    case QAbstractSocket::NetworkError:
    case QAbstractSocket::SocketTimeoutError:
        return Transport::Error::NetworkError;
    case QAbstractSocket::RemoteHostClosedError:
        return Transport::Error::RemoteHostClosed;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInvalidUserDataError:
        return Transport::Error::TlsHandshakeFailed;
    default:
        return Transport::Error::Other;
    }
}
} // namespace

SslTransport::SslTransport(const QString &verifyName, const QList<QSslCertificate> &extraCaCertificates,
                           QObject *parent)
    : Transport(parent)
    , m_socket(new QSslSocket(this))
    , m_verifyName(verifyName)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!extraCaCertificates.isEmpty())
        ssl.addCaCertificates(extraCaCertificates);
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    // RFC 8996 deprecates TLS 1.0 and 1.1, RFC 9325 §3.1.1 asks for 1.2 at least: said here rather than left
    // to Qt's and the system's defaults, which have allowed older versions before.
    ssl.setProtocol(QSsl::TlsV1_2OrLater);
    // XEP-0368 §3: offer the xmpp-client ALPN protocol; servers need not select it.
    ssl.setAllowedNextProtocols({"xmpp-client"_ba});
    m_socket->setSslConfiguration(ssl);
    // RFC 6125 / docs/SECURITY.md rule 2: verify against the domain the user typed, never the SRV target or the
    // host override, or a DNS attacker could send us to a host with a valid certificate of its own.
    m_socket->setPeerVerifyName(verifyName);

    connect(m_socket, &QSslSocket::connected, this, &Transport::connected);
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        qCDebug(lcTransport) << "TLS established:" << m_socket->sessionProtocol() << m_socket->sessionCipher().name();
        Q_EMIT encrypted();
    });
    connect(m_socket, &QSslSocket::readyRead, this, &Transport::readyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &Transport::disconnected);
    // We never call ignoreSslErrors(): QSslSocket ends the handshake and reports SslHandshakeFailedError.
    connect(m_socket, &QSslSocket::sslErrors, this, &Transport::sslErrors);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        Q_EMIT errorOccurred(transportError(error), m_socket->errorString());
    });
}

SslTransport::~SslTransport()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void SslTransport::connectToHost(const QString &host, quint16 port, bool directTls)
{
    if (directTls)
        m_socket->connectToHostEncrypted(host, port, m_verifyName);
    else
        m_socket->connectToHost(host, port);
}

bool SslTransport::isOpen() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}
void SslTransport::write(const QByteArray &data)
{
    m_socket->write(data);
}
void SslTransport::flush()
{
    m_socket->flush();
}
qint64 SslTransport::bytesAvailable() const
{
    return m_socket->bytesAvailable();
}
QByteArray SslTransport::read(qint64 maxBytes)
{
    return m_socket->read(maxBytes);
}

qint64 SslTransport::discardReceived()
{
    const qint64 count = m_socket->bytesAvailable();
    if (count > 0)
        m_socket->skip(count);
    return count;
}

void SslTransport::startTls()
{
    m_socket->startClientEncryption();
}
bool SslTransport::isEncrypted() const
{
    return m_socket->isEncrypted();
}

std::optional<QSslCertificate> SslTransport::peerCertificate() const
{
    if (!m_socket->isEncrypted())
        return std::nullopt;
    return m_socket->peerCertificate();
}

QList<QSslCertificate> SslTransport::peerCertificateChain() const
{
    return m_socket->peerCertificateChain();
}
void SslTransport::disconnectFromHost()
{
    m_socket->disconnectFromHost();
}

void SslTransport::abort()
{
    // As Transport promises: nothing follows an abort, not even QSslSocket's disconnected().
    const QSignalBlocker blocker(this);
    m_socket->abort();
}
