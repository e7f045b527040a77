// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// XmppClient's part that drives the transport: making it, reading from it in time slices, and what its
// signals (connected, encrypted, errors, disconnected) mean for the session.

#include "client/XmppClient.h"
#include "client/XmppClient_p.h"

#include "client/ClientErrors.h"
#include "client/SslTransport.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QScopeGuard>

Q_DECLARE_LOGGING_CATEGORY(lcClient)

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

void XmppClient::Private::createTransport()
{
    transport = makeTransport ? makeTransport(config).release()
                              : new SslTransport(config.jid.domain(), config.extraCaCertificates);
    transport->setParent(q);
    QObject::connect(transport, &Transport::connected, q, [this] { transportConnected(); });
    QObject::connect(transport, &Transport::encrypted, q, [this] { transportEncrypted(); });
    QObject::connect(transport, &Transport::errorOccurred, q,
                     [this](Transport::Error e, const QString &detail) { transportErrored(e, detail); });
    QObject::connect(transport, &Transport::sslErrors, q, [this](const QList<QSslError> &e) { transportSslErrors(e); });
    QObject::connect(transport, &Transport::disconnected, q, [this] { transportDisconnected(); });
    QObject::connect(transport, &Transport::readyRead, q, [this] {
        // TLS records announce themselves every few KB: while a continuation is already scheduled, it reads
        // them; starting a new time slice here would make the slices back to back and stall the UI anyway.
        if (reading)
            return;
        // While the socket keeps bringing data, Qt's event loop (glib) runs timers only when it is otherwise
        // idle: the continuation could wait for seconds while the server floods us (a catch-up of thousands).
        // Then the socket's own news carries the reading on, one slice per event, as fairly as the timer would.
        if (readPending && readPendingSince.elapsed() < ReadStarvedMs)
            return;
        if (readPending) {
            readPending = false;
            readContinuation.stop();
        }
        readAvailable(ReadMode::TimeSliced);
    });
}

void XmppClient::Private::dropTransport()
{
    if (!transport)
        return;
    transport->disconnect(q);
    transport->abort();
    transport->deleteLater();
    transport = nullptr;
}

void XmppClient::Private::readAvailable(ReadMode mode)
{
    // A burst (a 5,000-item roster, thousands of presences at login) may arrive faster than the stanzas can
    // be handled. Handling it all in one go would freeze the UI, so it is read in pieces and, once a time
    // slice is used up, the rest waits for the next event-loop turn. The order of stanzas is unchanged.
    constexpr qint64 PieceBytes = 16 * 1024;
    constexpr qint64 SliceMs = 15;
    // Answering a stanza writes to the socket, and QSslSocket may decrypt what came meanwhile and emit
    // readyRead right inside that write: a nested read with a slice of its own would handle the whole burst
    // before this one could yield (1,400 messages in one 340 ms turn). The loop below reads that data too.
    if (reading)
        return;
    // QSslSocket decrypts one TLS record (16 KB) at a time and emits readyRead for each, all inside one
    // socket event while the kernel holds more: each call below then empties what it was given and returns
    // with its slice unused, and the next record starts a new one — a catch-up of 5,000 messages kept the
    // event loop away for 10 s. So calls that follow each other without a pause (no event-loop turn between)
    // share one slice.
    if (!lastReadEnd.isValid() || lastReadEnd.elapsed() >= BackToBackMs)
        burstMs = 0;
    const auto deferRest = [this] {
        if (!readPending) {
            readPending = true;
            readPendingSince.start();
            readContinuation.start();
        }
    };
    if (mode == ReadMode::TimeSliced && burstMs >= SliceMs) {
        deferRest();
        return;
    }
    reading = true;
    QElapsedTimer slice;
    slice.start();
    const auto done = qScopeGuard([this, &slice] {
        reading = false;
        burstMs += slice.elapsed();
        lastReadEnd.start();
    });
    while (transport && transport->bytesAvailable() > 0) {
        const QByteArray data = transport->read(PieceBytes);
        if (state == State::Connected && config.pingInterval > 0ms)
            pingTimer.start(config.pingInterval);
        Q_EMIT q->xmlReceived(data);
        parser->feed(data);
        if (mode == ReadMode::TimeSliced && burstMs + slice.elapsed() >= SliceMs && transport
            && transport->bytesAvailable() > 0) {
            deferRest();
            return;
        }
    }
}

void XmppClient::Private::connectToEndpoint()
{
    endpoint = endpoints.at(endpointIndex);
    dropTransport();
    createTransport();
    negotiator.reset();
    qCDebug(lcClient) << "connecting to" << endpoint.host << endpoint.port << (endpoint.directTls ? "direct TLS" : "");
    setState(State::Connecting);
    transport->connectToHost(endpoint.host, endpoint.port, endpoint.directTls);
}

void XmppClient::Private::connectNextOrFail()
{
    ++endpointIndex;
    if (endpointIndex < endpoints.size()) {
        connectToEndpoint();
        return;
    }
    fail(lastNetworkErrorCode, lastNetworkError);
}

void XmppClient::Private::transportConnected()
{
    if (endpoint.directTls) {
        setState(State::Encrypting);
        return;   // the stream opens once TLS is up
    }
    openStream();
}

void XmppClient::Private::transportEncrypted()
{
    negotiator.setEncrypted(transport->peerCertificate());
    // RFC 6120 §5.4.3.3: after TLS both sides start a fresh stream.
    openStream();
}

void XmppClient::Private::openStream()
{
    parser->reset();
    writeData(negotiator.streamHeader());
}

void XmppClient::Private::writeData(const QByteArray &data, const QByteArray &shown)
{
    if (!transport)
        return;
    transport->write(data);
    Q_EMIT q->xmlSent(shown.isEmpty() ? data : shown);
}

void XmppClient::Private::transportSslErrors(const QList<QSslError> &errors)
{
    // The transport never ignores them: the handshake ends and errorOccurred(TlsHandshakeFailed) follows.
    // Keep what the UI needs to explain the problem and offer to trust the chain next time.
    sslErrors = errors;
    peerChain = transport->peerCertificateChain();
    Q_EMIT q->sslErrorsOccurred(errors, peerChain);
}

void XmppClient::Private::transportErrored(Transport::Error transportError, const QString &detail)
{
    if (!transport || state == State::Disconnected)
        return;
    switch (transportError) {
    case Transport::Error::TlsHandshakeFailed:
        if (!sslErrors.isEmpty())
            fail(Error::CertificateInvalid, ClientErrors::describeSslErrors(sslErrors, config.jid.domain()));
        else
            fail(Error::TlsFailed, tr("the secure connection (TLS) could not be established: %1").arg(detail));
        return;
    case Transport::Error::HostNotFound:
    case Transport::Error::ConnectionRefused:
    case Transport::Error::NetworkError:
        if (state == State::Connecting) {
            lastNetworkErrorCode = transportError == Transport::Error::HostNotFound ? Error::HostNotFound
                                                                                    : Error::ConnectionRefused;
            lastNetworkError = tr("cannot reach %1 port %2: %3").arg(endpoint.host).arg(endpoint.port).arg(detail);
            connectNextOrFail();
            return;
        }
        break;
    case Transport::Error::RemoteHostClosed:
        if (state == State::Disconnecting) {
            finishDisconnect();
            return;
        }
        if (state == State::Encrypting && endpoint.directTls) {
            fail(Error::TlsFailed, tr("the server closed the connection during the TLS handshake"));
            return;
        }
        fail(Error::ConnectionLost, tr("the server closed the connection"));
        return;
    case Transport::Error::Other:
        break;
    }
    fail(Error::ConnectionLost, tr("connection error: %1").arg(detail));
}

void XmppClient::Private::transportDisconnected()
{
    // What the server sent before closing (a stream error, say) may still wait in the read buffer.
    readAvailable(ReadMode::All);
    if (!transport)
        return;   // handling it ended the session already
    if (state == State::Disconnecting || state == State::Disconnected) {
        finishDisconnect();
        return;
    }
    fail(Error::ConnectionLost, tr("the connection to the server was lost"));
}
