// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ScriptedServer.h"

#include "ProsodyServer.h"

#include <QDir>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

const QByteArray ScriptedServer::StreamHeader =
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
    "id='s1' from='localhost' version='1.0'>"_ba;

QByteArray ScriptedServer::features(const QByteArray &children)
{
    return StreamHeader + "<stream:features>" + children + "</stream:features>";
}

QList<ScriptedServer::Step> ScriptedServer::login(const QByteArray &boundJid)
{
    return {
        {"<stream:stream", features("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")},
        {"<starttls", "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", Action::StartTls},
        {"<stream:stream", features("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                                    "<mechanism>PLAIN</mechanism></mechanisms>")},
        {"</auth>", "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"},
        {"<stream:stream", features("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>")},
        {"</iq>", "<iq type='result' id='%ID%'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>" + boundJid
                      + "</jid></bind></iq>"},
    };
}

ScriptedServer::Certificate ScriptedServer::issueCertificate(const QString &name, const QString &san, QString *error)
{
    Certificate result;
    QTemporaryDir dir;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!san.isEmpty())
        environment.insert(u"MKCERTS_SAN"_s, san);
    const QString servers = qEnvironmentVariableIsSet("XIN_TEST_SERVERS_DIR")
                              ? qEnvironmentVariable("XIN_TEST_SERVERS_DIR")
                              : QStringLiteral(XIN_TEST_SERVERS_DIR);
    const auto made = TestSupport::runProcess(u"sh"_s, {servers + u"/mkcerts.sh"_s, dir.path(), name}, environment);
    if (!made.ok()) {
        if (error)
            *error = made.describe(u"mkcerts.sh"_s);
        return result;
    }
    result.ca = QSslCertificate::fromPath(dir.filePath(u"ca.crt"_s));
    const auto certificates = QSslCertificate::fromPath(dir.filePath(name + u".crt"_s));
    result.certificate = certificates.value(0);
    QFile key(dir.filePath(name + u".key"_s));
    if (key.open(QIODevice::ReadOnly))
        result.key = QSslKey(&key, QSsl::Ec);
    if (result.isNull() && error)
        *error = u"mkcerts.sh made no readable certificate or key in "_s + dir.path();
    return result;
}

ScriptedServer::ScriptedServer(QObject *parent) : QTcpServer(parent) { }

bool ScriptedServer::listen()
{
    return QTcpServer::listen(QHostAddress::LocalHost);
}

void ScriptedServer::send(const QByteArray &bytes)
{
    if (m_socket)
        m_socket->write(bytes);
}

void ScriptedServer::incomingConnection(qintptr descriptor)
{
    // One client at a time: a new connection (a reconnection) replaces the previous one.
    if (m_socket)
        m_socket->deleteLater();
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    ++m_connections;
    m_socket = socket;
    m_pending.clear();
    m_stepsDone = 0;
    connect(socket, &QSslSocket::readyRead, this, [this, socket] { readFrom(socket); });
}

void ScriptedServer::readFrom(QSslSocket *socket)
{
    if (socket != m_socket)
        return;
    const QByteArray data = socket->readAll();
    m_received += data;
    m_pending += data;
    while (m_stepsDone < script.size()) {
        const Step &step = script.at(m_stepsDone);
        const qsizetype at = m_pending.indexOf(step.expect);
        if (at < 0)
            return;
        QByteArray reply = step.reply;
        if (reply.contains("%ID%")) {
            // The id of the request the match lies in: the last id='...' before the end of the match.
            static const QRegularExpression idPattern(u"id=['\"]([^'\"]+)['\"]"_s);
            QString id;
            const QString upTo = QString::fromUtf8(m_pending.left(at + step.expect.size()));
            for (auto it = idPattern.globalMatch(upTo); it.hasNext();)
                id = it.next().captured(1);
            reply.replace("%ID%", id.toUtf8());
        }
        m_pending.remove(0, at + step.expect.size());
        ++m_stepsDone;
        socket->write(reply);
        if (step.action == Action::StartTls) {
            QSslConfiguration ssl = socket->sslConfiguration();
            ssl.setLocalCertificate(tls.certificate);
            ssl.setPrivateKey(tls.key);
            ssl.setProtocol(tlsProtocol);
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
            socket->setSslConfiguration(ssl);
            m_pending.clear();   // the rest was the ClientHello, if anything
            socket->startServerEncryption();
        } else if (step.action == Action::Close) {
            socket->disconnectFromHost();
            return;
        }
    }
}
