// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Transport.h"

#include <QByteArray>
#include <QList>

/// An in-memory Transport for unit tests: what the client writes is kept in written(), what a test
/// receive()s the client reads. Connecting succeeds at once and TLS "starts" at once (no certificate), so
/// that a test scripts the server's side of a stream with no socket, no thread and no waiting.
/// Signals are emitted synchronously, from inside the call that causes them.
class FakeTransport : public Transport
{
    Q_OBJECT
public:
    explicit FakeTransport(QObject *parent = nullptr);

    // Transport
    void connectToHost(const QString &host, quint16 port, bool directTls) override;
    bool isOpen() const override { return m_open; }
    void write(const QByteArray &data) override;
    void flush() override { }
    qint64 bytesAvailable() const override { return m_incoming.size(); }
    QByteArray read(qint64 maxBytes) override;
    qint64 discardReceived() override;
    void startTls() override;
    bool isEncrypted() const override { return m_encrypted; }
    std::optional<QSslCertificate> peerCertificate() const override { return std::nullopt; }
    QList<QSslCertificate> peerCertificateChain() const override { return {}; }
    void disconnectFromHost() override;
    void abort() override;

    /// The server's side: bytes for the client to read (readyRead() is emitted).
    void receive(const QByteArray &data);
    /// The server closes the connection (errorOccurred(RemoteHostClosed), then disconnected()).
    void closeFromServer();
    /// Everything the client wrote, one entry per write, oldest first; takeWritten() empties it.
    const QList<QByteArray> &written() const { return m_written; }
    QList<QByteArray> takeWritten();

    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    bool startedTls() const { return m_startedTls; }
    /// Bytes dropped by discardReceived() (plaintext after <proceed/>), in total.
    qint64 discarded() const { return m_discarded; }

private:
    QByteArray m_incoming;
    QList<QByteArray> m_written;
    QString m_host;
    quint16 m_port = 0;
    bool m_open = false;
    bool m_encrypted = false;
    bool m_startedTls = false;
    qint64 m_discarded = 0;
};
