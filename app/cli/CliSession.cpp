#include "CliSession.h"

#include "stanza/Iq.h"
#include "stanza/Message.h"
#include "stanza/Presence.h"
#include "xml/Namespaces.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
void printLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);   // scripts read line by line, as events happen
}

void printError(const QString &text)
{
    const QByteArray line = "xin-cli: " + text.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}
} // namespace

CliSession::CliSession(const CliOptions &options, QObject *parent) : QObject(parent), m_options(options)
{
    m_timeout.setSingleShot(true);
    m_listenTimer.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(TimedOut, QCoreApplication::translate("xin-cli", "timed out after %1 s").arg(m_options.timeoutSeconds));
    });
    connect(&m_listenTimer, &QTimer::timeout, this, [this] { finish(Ok); });
    connect(&m_client, &XmppClient::connected, this, &CliSession::sessionStarted);
    connect(&m_client, &XmppClient::errorOccurred, this, &CliSession::clientFailed);
    connect(&m_client, &XmppClient::messageReceived, this, &CliSession::printMessage);
    connect(&m_client, &XmppClient::presenceReceived, this, &CliSession::printPresence);
}

bool CliSession::start()
{
    const QString &command = m_options.command;
    const QStringList &args = m_options.arguments;
    if (command == u"check") {
        if (!args.isEmpty()) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "check takes no arguments"));
            return false;
        }
    } else if (command == u"send") {
        if (args.size() != 2) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "usage: send JID TEXT"));
            return false;
        }
        QString reason;
        if (!Jid::parse(args.at(0), &reason)) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "invalid recipient %1: %2").arg(args.at(0), reason));
            return false;
        }
    } else if (command == u"listen") {
        for (qsizetype i = 0; i < args.size(); ++i) {
            const QString &arg = args.at(i);
            bool ok = false;
            if ((arg == u"--count" || arg == u"--seconds") && i + 1 < args.size()) {
                const int n = args.at(++i).toInt(&ok);
                if (!ok || n <= 0) {
                    finish(UsageError, QCoreApplication::translate("xin-cli", "%1 needs a positive number").arg(arg));
                    return false;
                }
                if (arg == u"--count")
                    m_listenCount = n;
                else
                    m_listenTimer.setInterval(std::chrono::seconds(n));
            } else {
                finish(UsageError, QCoreApplication::translate("xin-cli", "usage: listen [--count N] [--seconds S]"));
                return false;
            }
        }
    } else {
        finish(UsageError, QCoreApplication::translate("xin-cli", "unknown command %1").arg(command) + u'\n' + CliOptions::usage());
        return false;
    }
    m_timeout.start(std::chrono::seconds(m_options.timeoutSeconds));
    m_client.connectToHost(m_options.configuration);
    return true;
}

void CliSession::sessionStarted()
{
    const QString &command = m_options.command;
    if (command == u"check") {
        const QByteArray line = m_client.jid().toString().toUtf8() + '\n';
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        finish(Ok);
    } else if (command == u"send") {
        Message message;
        message.type = Message::Type::Chat;
        message.to = Jid::fromString(m_options.arguments.at(0));
        message.body = m_options.arguments.at(1);
        message.id = m_client.generateId();
        m_client.send(message);
        // The server handles a session's stanzas in order: once it answers a ping sent after the
        // message, it has taken the message (delivered, or stored offline).
        Iq ping;
        ping.type = Iq::Type::Get;
        ping.to = Jid::fromString(m_client.jid().domain());
        ping.payload = Iq::makePayload(u"ping"_s, ns::Ping);
        m_client.sendIq(ping, this, [this](const IqReply &reply) {
            if (reply.status == IqReply::Status::Timeout)
                finish(TimedOut, QCoreApplication::translate("xin-cli", "the server did not confirm the message"));
            else if (reply.status == IqReply::Status::Disconnected)
                finish(NetworkError, QCoreApplication::translate("xin-cli", "the connection ended before the server confirmed the message"));
            else
                finish(Ok);
        });
    } else if (command == u"listen") {
        m_timeout.stop();   // the timeout covers signing in; listening lasts as asked
        // RFC 6121 §4.2: initial presence makes us available, so chat messages are routed to us.
        m_client.send(Presence());
        printError(QCoreApplication::translate("xin-cli", "listening as %1").arg(m_client.jid().toString()));
        if (m_listenTimer.interval() > 0)
            m_listenTimer.start();
    }
}

void CliSession::printMessage(const Message &message)
{
    if (m_options.command != u"listen")
        return;
    QJsonObject object{{u"kind"_s, u"message"_s},
                       {u"type"_s, Message::typeName(message.type)},
                       {u"from"_s, message.from.toString()},
                       {u"id"_s, message.id}};
    if (!message.to.isNull())
        object.insert(u"to"_s, message.to.toString());
    if (!message.body.isNull())
        object.insert(u"body"_s, message.body);
    if (!message.subject.isNull())
        object.insert(u"subject"_s, message.subject);
    if (!message.thread.isEmpty())
        object.insert(u"thread"_s, message.thread);
    // XEP-0203: a message stored while we were offline carries its original time.
    const QDomElement delay = message.extension(u"delay"_s, ns::Delay);
    if (!delay.isNull())
        object.insert(u"stamp"_s, delay.attribute(u"stamp"_s));
    if (message.error)
        object.insert(u"error"_s, StanzaError::conditionName(message.error->condition));
    printLine(object);
    if (m_listenCount > 0 && ++m_messagesSeen >= m_listenCount)
        finish(Ok);
}

void CliSession::printPresence(const Presence &presence)
{
    if (m_options.command != u"listen")
        return;
    QJsonObject object{{u"kind"_s, u"presence"_s},
                       {u"type"_s, presence.type == Presence::Type::Available ? u"available"_s
                                                                               : Presence::typeName(presence.type)},
                       {u"from"_s, presence.from.toString()}};
    if (presence.show != Presence::Show::None)
        object.insert(u"show"_s, Presence::showName(presence.show));
    if (!presence.status.isEmpty())
        object.insert(u"status"_s, presence.status);
    if (presence.priority != 0)
        object.insert(u"priority"_s, presence.priority);
    printLine(object);
}

int CliSession::exitCodeFor(XmppClient::Error error)
{
    switch (error) {
    case XmppClient::Error::HostNotFound:
    case XmppClient::Error::ConnectionRefused:
    case XmppClient::Error::ConnectionLost:
    case XmppClient::Error::TlsUnavailable:
    case XmppClient::Error::TlsFailed:
    case XmppClient::Error::CertificateInvalid:
        return NetworkError;
    case XmppClient::Error::NoSuitableMechanism:
    case XmppClient::Error::AuthenticationFailed:
    case XmppClient::Error::AccountDisabled:
        return AuthenticationError;
    case XmppClient::Error::Timeout:
        return TimedOut;
    case XmppClient::Error::ConfigurationInvalid:
        return UsageError;
    default:
        return OtherError;
    }
}

void CliSession::clientFailed(XmppClient::Error error, const QString &description)
{
    finish(exitCodeFor(error), description);
}

void CliSession::finish(int exitCode, const QString &errorLine)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    m_listenTimer.stop();
    if (!errorLine.isEmpty())
        printError(errorLine);
    if (m_client.state() != XmppClient::State::Disconnected) {
        connect(&m_client, &XmppClient::disconnected, this, [this, exitCode] { Q_EMIT finished(exitCode); });
        m_client.disconnectFromHost();
        return;
    }
    Q_EMIT finished(exitCode);
}
