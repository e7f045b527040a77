// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CliSession.h"

#include "CliStdinSender.h"

#include "client/ClientErrors.h"
#include "client/ExtensionRegistry.h"
#include "client/Reconnector.h"
#include "extensions/ArchiveManager.h"
#include "extensions/AvatarManager.h"
#include "extensions/CarbonsManager.h"
#include "extensions/ChatManager.h"
#include "extensions/BlockingManager.h"
#include "extensions/DiscoveryManager.h"
#include "extensions/RosterManager.h"
#include "extensions/SearchManager.h"
#include "extensions/VCardManager.h"
#include "stanza/Iq.h"
#include "stanza/Message.h"
#include "stanza/Presence.h"
#include "xml/Namespaces.h"

#include <QCoreApplication>
#include <QJsonArray>
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

namespace {
/// The managers a command needs: chats only for the chat commands, carbons only to listen, the archive only
/// for `history`, profiles only for `vcard` and `avatar`. No presence manager: a one-shot command sends no
/// initial presence of its own (`presence` and `listen` send theirs).
ExtensionRegistry::Features featuresFor(const QString &command)
{
    using Feature = ExtensionRegistry::Feature;
    ExtensionRegistry::Features features = Feature::Discovery | Feature::Directory;
    if (command == u"vcard" || command == u"avatar")
        features |= Feature::Profiles;
    if (command == u"send" || command == u"listen" || command == u"history")
        features |= Feature::Chats;
    if (command == u"listen")
        features |= Feature::Carbons;
    if (command == u"history")
        features |= Feature::Archive;
    return features;
}
} // namespace

CliSession::CliSession(const CliOptions &options, QObject *parent) : QObject(parent), m_options(options)
{
    // No profile: nothing is kept, so no stores.
    const auto managers = ExtensionRegistry::install(m_client, {}, featuresFor(m_options.command));
    m_blocking = managers.blocking;
    m_roster = managers.roster;
    m_discovery = managers.discovery;
    m_search = managers.search;
    m_vCards = managers.vCards;
    m_avatars = managers.avatars;
    m_chats = managers.chats;
    m_carbons = managers.carbons;
    m_archive = managers.archive;
    // A one-shot command answers nothing by itself: friend requests wait for the user (`accept`).
    m_roster->setSubscriptionMode(RosterManager::SubscriptionMode::Manual);
    if (m_archive)
        m_archive->setAutoCatchUp(false);
    if (m_chats)
        wireChatPrinting();
    connect(m_roster, &RosterManager::friendRequestReceived, this, &CliSession::printFriendRequest);
    connect(m_roster, &RosterManager::contactUpdateFailed, this, [this](const Jid &jid, const QString &reason) {
        m_failure = QCoreApplication::translate("xin-cli", "the server refused the change for %1: %2")
                        .arg(jid.toString(), reason);
    });
    connect(m_roster, &RosterManager::rosterReceived, this, [this] {
        if (m_options.command == u"roster")
            runRosterCommand();
    });
    m_timeout.setSingleShot(true);
    m_listenTimer.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_stdinSender)
            return finish(TimedOut, unconfirmedLine());
        if (!m_sentId.isEmpty() && m_waitForReceipt) {
            finish(TimedOut, QCoreApplication::translate("xin-cli", "no delivery receipt from %1 within %2 s")
                                 .arg(m_options.arguments.at(0))
                                 .arg(m_options.timeoutSeconds));
            return;
        }
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
    if (!parseCommandArguments())
        return false;
    if (m_stdin && !startStdinSend())
        return false;
    m_timeout.start(std::chrono::seconds(m_options.timeoutSeconds));
    m_client.connectToHost(m_options.configuration);
    return true;
}

bool CliSession::parseCommandArguments()
{
    const QString &command = m_options.command;
    const QStringList &args = m_options.arguments;
    // Options of the command, then what remains must match the command's positional arguments.
    QStringList positional;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (!arg.startsWith(u"--") || arg == u"--") {
            positional << arg;
            continue;
        }
        if (arg == u"--receipt" && command == u"send") {   // a flag: no value
            m_waitForReceipt = true;
            continue;
        }
        if (arg == u"--stdin" && command == u"send") {
            m_stdin = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "option %1 needs a value").arg(arg));
            return false;
        }
        if (!setCommandOption(arg, args.at(++i)))
            return false;
    }

    if (!m_outboxPath.isEmpty() && !m_stdin) {
        finish(UsageError, QCoreApplication::translate("xin-cli", "--outbox works only with --stdin"));
        return false;
    }
    if (command == u"vcard" || command == u"avatar") {
        if (!parseProfileArguments(positional))
            return false;
        m_options.arguments = positional;
        return true;
    }
    if (!checkPositionalArguments(positional))
        return false;
    m_options.arguments = positional;
    return true;
}

bool CliSession::setCommandOption(const QString &arg, const QString &value)
{
    const QString &command = m_options.command;
    if (command == u"listen" && (arg == u"--count" || arg == u"--seconds")) {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n <= 0) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "%1 needs a positive number").arg(arg));
            return false;
        }
        if (arg == u"--count")
            m_listenCount = n;
        else
            m_listenTimer.setInterval(std::chrono::seconds(n));
    } else if (arg == u"--limit" && command == u"history") {
        bool ok = false;
        m_historyLimit = value.toInt(&ok);
        if (!ok || m_historyLimit <= 0 || m_historyLimit > 10000) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "--limit needs a number from 1 to 10000"));
            return false;
        }
    } else if (arg == u"--outbox" && command == u"send") {
        m_outboxPath = value;
    } else if (arg == u"--search" && command == u"history") {
        m_historySearch = value;
    } else if (arg == u"--group" && (command == u"add" || command == u"accept")) {
        m_group = value;
    } else if (arg == u"--greeting" && command == u"add") {
        m_greeting = value;
    } else if (arg == u"--show" && command == u"presence") {
        if (Presence::showFromName(value).value_or(Presence::Show::None) == Presence::Show::None) {
            finish(UsageError,
                   QCoreApplication::translate("xin-cli", "--show must be chat, away, xa or dnd, not %1").arg(value));
            return false;
        }
        m_show = value;
    } else if (arg == u"--status" && command == u"presence") {
        m_status = value;
    } else if (arg == u"--photo" && command == u"vcard") {
        m_photoFile = value;
    } else if (arg == u"--out" && command == u"avatar") {
        m_outFile = value;
    } else if (arg == u"--service" && command == u"search") {
        QString reason;
        if (!Jid::parse(value, &reason)) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "invalid address %1: %2").arg(value, reason));
            return false;
        }
        m_service = value;
    } else {
        finish(UsageError, QCoreApplication::translate("xin-cli", "unknown option %1 for %2").arg(arg, command));
        return false;
    }
    return true;
}

bool CliSession::checkPositionalArguments(const QStringList &positional)
{
    const QString &command = m_options.command;
    struct Shape
    {
        QString name;
        int positional;
        const char *usage;
    };
    const Shape shapes[] = {
        {u"check"_s, 0, "check"},
        {u"send"_s, m_stdin ? 1 : 2,
         m_stdin ? "send JID --stdin [--outbox FILE] [--receipt]" : "send JID TEXT [--receipt]"},
        {u"history"_s, 1, "history JID [--limit N] [--search TEXT]"},
        {u"listen"_s, 0, "listen [--count N] [--seconds S]"},
        {u"roster"_s, 0, "roster"},
        {u"add"_s, 1, "add JID [--group G] [--greeting T]"},
        {u"accept"_s, 1, "accept JID [--group G]"},
        {u"refuse"_s, 1, "refuse JID"},
        {u"remove"_s, 1, "remove JID"},
        {u"block"_s, 1, "block JID"},
        {u"unblock"_s, 1, "unblock JID"},
        {u"presence"_s, 0, "presence [--show away|xa|dnd|chat] [--status TEXT]"},
        {u"search"_s, -1, "search [--service JID] FIELD=VALUE..."},
    };
    const auto shape = std::find_if(std::begin(shapes), std::end(shapes),
                                    [&command](const Shape &s) { return s.name == command; });
    if (shape == std::end(shapes)) {
        finish(UsageError,
               QCoreApplication::translate("xin-cli", "unknown command %1").arg(command) + u'\n' + CliOptions::usage());
        return false;
    }
    if (shape->positional < 0) {   // FIELD=VALUE pairs, at least one
        const bool pairs = !positional.isEmpty()
                        && std::all_of(positional.cbegin(), positional.cend(),
                                       [](const QString &p) { return p.indexOf(u'=') > 0; });
        if (!pairs) {
            finish(UsageError,
                   QCoreApplication::translate("xin-cli", "usage: %1").arg(QString::fromLatin1(shape->usage)));
            return false;
        }
    } else if (positional.size() != shape->positional) {
        finish(UsageError, QCoreApplication::translate("xin-cli", "usage: %1").arg(QString::fromLatin1(shape->usage)));
        return false;
    }
    if (shape->positional >= 1) {
        QString reason;
        const auto jid = Jid::parse(positional.at(0), &reason);
        if (!jid) {
            finish(UsageError,
                   QCoreApplication::translate("xin-cli", "invalid address %1: %2").arg(positional.at(0), reason));
            return false;
        }
        if (command != u"send" && !jid->isBare()) {
            finish(UsageError,
                   QCoreApplication::translate("xin-cli", "%1 takes a bare address (no /resource)").arg(command));
            return false;
        }
    }
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
        runSendCommand();
    } else if (command == u"history") {
        runHistoryCommand();
    } else if (command == u"roster") {
        if (m_roster->isRosterReceived())
            runRosterCommand();   // otherwise rosterReceived() runs it
    } else if (command == u"add" || command == u"accept" || command == u"refuse" || command == u"remove") {
        const Jid jid = Jid::fromString(m_options.arguments.at(0));
        if (command == u"add")
            m_roster->requestFriend(jid, m_group, m_greeting);
        else if (command == u"accept")
            m_roster->acceptFriend(jid, m_group);
        else if (command == u"refuse")
            m_roster->refuseFriend(jid);
        else
            m_roster->removeFriend(jid);
        confirmThenFinish(command);
    } else if (command == u"block" || command == u"unblock") {
        const QList<Jid> jids{Jid::fromString(m_options.arguments.at(0))};
        auto done = [this, command](const IqReply &reply) {
            if (reply.isResult())
                return finish(Ok);
            const QString why = reply.iq.error ? StanzaError::conditionName(reply.iq.error->condition)
                                               : QCoreApplication::translate("xin-cli", "no answer");
            finish(reply.status == IqReply::Status::Timeout ? TimedOut : OtherError,
                   QCoreApplication::translate("xin-cli", "%1 failed: %2").arg(command, why));
        };
        if (command == u"block")
            m_blocking->block(jids, this, done);
        else
            m_blocking->unblock(jids, this, done);
    } else if (command == u"presence") {
        m_timeout.stop();
        Presence presence;
        presence.show = Presence::showFromName(m_show).value_or(Presence::Show::None);
        presence.status = m_status;
        m_client.send(presence);
        printError(QCoreApplication::translate("xin-cli", "present as %1; contacts' presences follow")
                       .arg(m_client.jid().toString()));
        m_listenTimer.start(m_listenTimer.interval() > 0 ? m_listenTimer.interval() : 3000);
    } else if (command == u"search") {
        runSearchCommand();
    } else if (command == u"vcard") {
        runVCardCommand();
    } else if (command == u"avatar") {
        runAvatarCommand();
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
    if (m_options.command != u"listen" && m_options.command != u"presence")
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

void CliSession::printFriendRequest(const Jid &from, const QString &greeting, const QString &nick)
{
    if (m_options.command != u"listen")
        return;
    QJsonObject object{{u"kind"_s, u"friend-request"_s}, {u"from"_s, from.toString()}};
    if (!greeting.isEmpty())
        object.insert(u"greeting"_s, greeting);
    if (!nick.isEmpty())
        object.insert(u"nick"_s, nick);
    printLine(object);
}

void CliSession::runRosterCommand()
{
    for (const RosterItem &item : m_roster->items()) {
        QJsonObject object{{u"jid"_s, item.jid.toString()},
                           {u"subscription"_s, RosterItem::subscriptionName(item.subscription)},
                           {u"groups"_s, QJsonArray::fromStringList(item.groups)}};
        if (!item.name.isEmpty())
            object.insert(u"name"_s, item.name);
        if (item.pendingOut)
            object.insert(u"pending"_s, true);   // our request awaits their answer
        printLine(object);
    }
    finish(Ok);
}

void CliSession::runSearchCommand()
{
    if (!m_service.isEmpty())
        return searchService(Jid::fromString(m_service));
    m_search->findSearchServices(this, [this](const SearchManager::ServicesReply &reply) {
        if (!reply.isOk())
            return finish(reply.status == IqReply::Status::Timeout ? TimedOut : OtherError,
                          QCoreApplication::translate("xin-cli", "cannot look for a directory on %1: %2")
                              .arg(m_client.jid().domain(),
                                   ClientErrors::describeRequestFailure(reply.status, reply.error)));
        if (reply.value.isEmpty())
            return finish(OtherError, QCoreApplication::translate("xin-cli", "%1 offers no user directory (XEP-0055); "
                                                                             "name one with --service JID")
                                          .arg(m_client.jid().domain()));
        searchService(reply.value.first());
    });
}

void CliSession::searchService(const Jid &service)
{
    m_search->requestSearchForm(service, this, [this, service](const SearchManager::FormReply &formReply) {
        if (!formReply.isOk())
            return finish(formReply.status == IqReply::Status::Timeout ? TimedOut : OtherError,
                          QCoreApplication::translate("xin-cli", "%1 gave no search form: %2")
                              .arg(service.toString(),
                                   ClientErrors::describeRequestFailure(formReply.status, formReply.error)));
        const SearchManager::Form &form = formReply.value;
        // FIELD=VALUE names a field of the service's data form (XEP-0055 §3) or, without one, a fixed field
        // (§2.1); an unknown name is an error listing the names the service takes.
        QStringList names;
        if (form.dataForm) {
            for (const DataForm::Field &field : form.dataForm->fields) {
                if (!field.var.isEmpty() && field.effectiveType() != DataForm::Field::Type::Hidden
                    && field.effectiveType() != DataForm::Field::Type::Fixed)
                    names << field.var;
            }
        } else {
            names = form.fields;
        }
        QHash<QString, QString> criteria;
        for (const QString &pair : std::as_const(m_options.arguments)) {
            const qsizetype eq = pair.indexOf(u'=');
            const QString name = pair.left(eq);
            if (!names.contains(name))
                return finish(UsageError, QCoreApplication::translate("xin-cli", "%1 cannot search by %2; it takes: %3")
                                              .arg(service.toString(), name, names.join(u", "_s)));
            criteria.insert(name, pair.mid(eq + 1));
        }
        auto printResults = [this, service](const SearchManager::SearchReply &reply) {
            if (!reply.isOk())
                return finish(reply.status == IqReply::Status::Timeout ? TimedOut : OtherError,
                              QCoreApplication::translate("xin-cli", "the search on %1 failed: %2")
                                  .arg(service.toString(),
                                       ClientErrors::describeRequestFailure(reply.status, reply.error)));
            for (const SearchManager::Result &result : reply.value.results) {
                QJsonObject object{{u"jid"_s, result.jid.toString()}};
                const std::pair<QString, QString> fixed[] = {{u"nick"_s, result.nick},
                                                             {u"first"_s, result.first},
                                                             {u"last"_s, result.last},
                                                             {u"email"_s, result.email}};
                for (const auto &[key, value] : fixed) {
                    if (!value.isEmpty())
                        object.insert(key, value);
                }
                if (!result.values.isEmpty()) {
                    QJsonObject fields;
                    for (auto it = result.values.cbegin(); it != result.values.cend(); ++it)
                        fields.insert(it.key(), QJsonArray::fromStringList(it.value()));
                    object.insert(u"fields"_s, fields);
                }
                printLine(object);
            }
            if (reply.value.results.isEmpty())
                printError(QCoreApplication::translate("xin-cli", "no match"));
            finish(Ok);
        };
        if (form.dataForm) {
            DataForm filled = *form.dataForm;
            for (auto it = criteria.cbegin(); it != criteria.cend(); ++it)
                filled.setValue(it.key(), it.value());
            m_search->search(service, filled, this, printResults);
        } else {
            m_search->search(service, criteria, this, printResults);
        }
    });
}

void CliSession::confirmThenFinish(const QString &what)
{
    Iq ping;
    ping.type = Iq::Type::Get;
    ping.to = Jid::fromString(m_client.jid().domain());
    ping.payload = Iq::makePayload(u"ping"_s, ns::Ping);
    m_client.sendIq(ping, this, [this, what](const IqReply &reply) {
        if (!m_failure.isEmpty())
            finish(OtherError, m_failure);
        else if (reply.status == IqReply::Status::Timeout)
            finish(TimedOut, QCoreApplication::translate("xin-cli", "the server did not confirm %1").arg(what));
        else if (reply.status == IqReply::Status::Disconnected)
            finish(NetworkError,
                   QCoreApplication::translate("xin-cli", "the connection ended before the server confirmed %1")
                       .arg(what));
        else
            finish(Ok);
    });
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
    case XmppClient::Error::MechanismDowngrade:
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
    if (m_stdinSender && m_signedIn) {
        // send --stdin: a dropped connection is resumed (m_reconnector); anything else ends the run
        // with what was not confirmed.
        printError(description);
        if (!Reconnector::isRetryable(error))
            finish(TimedOut, unconfirmedLine());
        return;
    }
    finish(exitCodeFor(error), description);
}

void CliSession::finish(int exitCode, const QString &errorLine)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    m_listenTimer.stop();
    if (m_reconnector)
        m_reconnector->setEnabled(false);
    if (!errorLine.isEmpty())
        printError(errorLine);
    if (m_client.state() != XmppClient::State::Disconnected) {
        connect(&m_client, &XmppClient::disconnected, this, [this, exitCode] { Q_EMIT finished(exitCode); });
        m_client.disconnectFromHost();
        return;
    }
    Q_EMIT finished(exitCode);
}
