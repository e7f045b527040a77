// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// xin-cli's chat commands: `send JID TEXT [--receipt]`, `history JID [--limit N] [--search TEXT]`, and what
// `listen` prints of chats: messages (carbons of our other devices too), receipts, chat states, errors.
#include "CliSession.h"

#include "CliStdinSender.h"
#include "client/Reconnector.h"

#include "messaging/ChatState.h"
#include "extensions/ArchiveManager.h"
#include "extensions/CarbonsManager.h"
#include "extensions/Chat.h"
#include "extensions/ChatManager.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
void printObject(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

void printWarning(const QString &text)
{
    const QByteArray line = "xin-cli: " + text.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

QString stateName(ChatMessage::State state)
{
    return state == ChatMessage::State::Read ? u"read"_s : u"delivered"_s;
}

/// One message as a JSON object: who wrote it to whom, when (UTC, the original time of a delayed one).
QJsonObject toJson(const ChatMessage &message, const Jid &own)
{
    const bool outgoing = message.direction == ChatMessage::Direction::Outgoing;
    const Jid peer = message.resource.isEmpty() ? message.chat : message.chat.withResource(message.resource);
    QJsonObject object{{u"kind"_s, u"message"_s},
                       {u"type"_s, Message::typeName(message.type)},
                       {u"direction"_s, outgoing ? u"out"_s : u"in"_s},
                       {u"from"_s, outgoing ? own.bareString() : peer.toString()},
                       {u"to"_s, outgoing ? message.chat.toString() : own.toString()},
                       {u"body"_s, message.body},
                       {u"stamp"_s, message.timestamp.toUTC().toString(Qt::ISODateWithMs)}};
    if (!message.id.isEmpty())
        object.insert(u"id"_s, message.id);
    if (!message.subject.isEmpty())
        object.insert(u"subject"_s, message.subject);
    if (!message.thread.isEmpty())
        object.insert(u"thread"_s, message.thread);
    if (!message.stanzaId.isEmpty())
        object.insert(u"stanza-id"_s, message.stanzaId);
    if (message.isAction())
        object.insert(u"action"_s, true);   // XEP-0245 /me
    return object;
}
} // namespace

void CliSession::wireChatPrinting()
{
    connect(m_chats, &ChatManager::messageAdded, this, [this](const ChatMessage &message, ChatManager::Origin origin) {
        if (m_options.command == u"history") {
            if (origin == ChatManager::Origin::ArchiveHistory)
                m_history << message;
            return;
        }
        if (m_options.command == u"listen" && origin != ChatManager::Origin::Local)
            printChatMessage(message, int(origin));
    });
    connect(m_chats, &ChatManager::headlineReceived, this, [this](const ChatMessage &message) {
        if (m_options.command == u"listen")
            printChatMessage(message, int(ChatManager::Origin::Live));
    });
    connect(m_chats, &ChatManager::groupchatMessageReceived, this, &CliSession::printMessage);
    connect(m_chats, &ChatManager::receiptReceived, this,
            [this](const Jid &from, const QString &id, ChatMessage::State state) {
        if (m_options.command == u"listen")
            printObject({{u"kind"_s, u"receipt"_s},
                         {u"from"_s, from.toString()},
                         {u"id"_s, id},
                         {u"state"_s, stateName(state)}});
                // send --receipt: the recipient's client confirmed our message (XEP-0184).
        if (m_options.command == u"send" && m_waitForReceipt && id == m_sentId
            && from.bare() == Jid::fromString(m_options.arguments.at(0)).bare()) {
            printObject({{u"kind"_s, u"receipt"_s},
                         {u"from"_s, from.toString()},
                         {u"id"_s, id},
                         {u"state"_s, stateName(state)}});
            finish(Ok);
        }
    });
    connect(m_chats, &ChatManager::chatStateChanged, this, [this](const Jid &from, ChatState state) {
        if (m_options.command == u"listen")
            printObject({{u"kind"_s, u"chat-state"_s},
                         {u"from"_s, from.toString()},
                         {u"state"_s, ChatStates::elementName(state)}});
    });
    connect(m_chats, &ChatManager::deliveryFailed, this,
            [this](const Jid &from, const QString &id, const QString &reason) {
        if (m_options.command == u"listen")
            printObject({{u"kind"_s, u"error"_s}, {u"from"_s, from.toString()}, {u"id"_s, id}, {u"error"_s, reason}});
        if (m_options.command == u"send" && id == m_sentId)
            finish(OtherError, QCoreApplication::translate("xin-cli", "%1 could not take the message: %2")
                                   .arg(from.toString(), reason));
    });
    if (m_carbons) {
        connect(m_carbons, &CarbonsManager::forgedCarbonIgnored, this, [](const Jid &from) {
            printWarning(
                QCoreApplication::translate("xin-cli", "ignored a forged carbon from %1").arg(from.toString()));
        });
    }
}

void CliSession::printChatMessage(const ChatMessage &message, int origin)
{
    QJsonObject object = toJson(message, m_client.jid());
    const auto how = ChatManager::Origin(origin);
    if (how == ChatManager::Origin::SentCarbon)
        object.insert(u"carbon"_s, u"sent"_s);
    else if (how == ChatManager::Origin::ReceivedCarbon)
        object.insert(u"carbon"_s, u"received"_s);
    printObject(object);
    if (m_listenCount > 0 && ++m_messagesSeen >= m_listenCount)
        finish(Ok);
}

void CliSession::runSendCommand()
{
    if (m_stdinSender) {
        // A new session (the first, or after a resumption failed): the timeout no longer covers signing
        // in, only the wait after the end of input.
        if (!m_signedIn && !m_stdinSender->inputEnded())
            m_timeout.stop();
        if (m_signedIn)
            printWarning(QCoreApplication::translate("xin-cli", "the session could not be resumed; a new one sends "
                                                                "the %1 unacknowledged messages again")
                             .arg(m_stdinSender->unacknowledgedCount()));
        m_signedIn = true;
        m_reconnector->setEnabled(true);
        m_stdinSender->sessionStarted();
        return;
    }
    const auto to = Jid::fromString(m_options.arguments.at(0));
    Message message;
    message.type = Message::Type::Chat;
    message.to = to;   // a full JID stays full: the message goes to that device
    message.body = m_options.arguments.at(1);
    m_sentId = m_chats->chat(to)->sendMessage(message).id;
    if (m_waitForReceipt)
        return;   // receiptReceived() or deliveryFailed() or the timeout ends it
    // Delivered or stored offline once the server has answered a ping sent after it.
    confirmThenFinish(QCoreApplication::translate("xin-cli", "the message"));
}

void CliSession::runHistoryCommand()
{
    connect(m_archive, &ArchiveManager::supportChanged, this, [this](bool supported) {
        if (!supported) {
            finish(OtherError, QCoreApplication::translate("xin-cli", "%1 keeps no message archive (XEP-0313)")
                                   .arg(m_client.jid().bareString()));
            return;
        }
        // Without --search: pages of up to 100 until --limit messages came. With it: up to 50 pages of 100
        // (5,000 messages) back through the archive until --limit matches.
        fetchHistoryPage({}, m_historySearch.isEmpty() ? 100 : 50);
    }, Qt::SingleShotConnection);
}

void CliSession::fetchHistoryPage(const QString &before, int pagesLeft)
{
    const Jid with = Jid::fromString(m_options.arguments.at(0));
    auto matches = [this] {
        QList<ChatMessage> found;
        for (const ChatMessage &message : std::as_const(m_history)) {
            if (m_historySearch.isEmpty() || message.body.contains(m_historySearch, Qt::CaseInsensitive))
                found << message;
        }
        return found;
    };
    const int pageSize = m_historySearch.isEmpty() ? std::min(100, m_historyLimit) : 100;
    m_archive->fetchHistory(with, before, pageSize, this,
                            [this, matches, before, pagesLeft](const ArchiveManager::Page &page) {
        if (!page.ok) {
            finish(page.error == u"timeout" ? TimedOut : OtherError,
                   QCoreApplication::translate("xin-cli", "the archive refused the query: %1").arg(page.error));
            return;
        }
        QList<ChatMessage> found = matches();
        const bool enough = found.size() >= m_historyLimit;
        // A <first/> that does not move back would fetch the same page again (issue 13 finding 10).
        const bool advanced = !page.first.isEmpty() && page.first != before;
        if (!enough && !page.complete && page.count > 0 && advanced && pagesLeft > 1) {
            fetchHistoryPage(page.first, pagesLeft - 1);
            return;
        }
        std::stable_sort(found.begin(), found.end(),
                         [](const ChatMessage &a, const ChatMessage &b) { return a.timestamp < b.timestamp; });
        if (found.size() > m_historyLimit)
            found = found.mid(found.size() - m_historyLimit);
        for (const ChatMessage &message : std::as_const(found))
            printObject(toJson(message, m_client.jid()));
        if (found.isEmpty())
            printWarning(QCoreApplication::translate("xin-cli", "no messages"));
        finish(Ok);
    });
}

bool CliSession::startStdinSend()
{
    const Jid to = Jid::fromString(m_options.arguments.at(0));
    m_stdinSender = new CliStdinSender(&m_client, to, m_waitForReceipt, this);
    if (!m_outboxPath.isEmpty()) {
        QString error;
        if (!m_stdinSender->openOutbox(m_outboxPath, &error)) {
            finish(OtherError, error);
            return false;
        }
    }
    // XEP-0198 §5: a dropped connection is resumed soon, within the server's window; the back-off
    // (docs/SECURITY.md rule 10) only starts short. Enabled once signed in: a first sign-in that fails ends
    // the run with its exit code, as for every command.
    m_reconnector = new Reconnector(&m_client, this);
    m_reconnector->setDelays(std::chrono::milliseconds(250), std::chrono::seconds(15));
    m_reconnector->setEnabled(false);
    connect(&m_client, &XmppClient::resumed, m_stdinSender, &CliStdinSender::sessionResumed);
    connect(&m_client, &XmppClient::resumed, this,
            [] { printWarning(QCoreApplication::translate("xin-cli", "connected again; the session was resumed")); });
    connect(&m_client, &XmppClient::messageAcknowledged, m_stdinSender, &CliStdinSender::acknowledged);
    connect(m_chats, &ChatManager::receiptReceived, m_stdinSender,
            [this](const Jid &from, const QString &id) { m_stdinSender->receiptReceived(from, id); });
    connect(m_chats, &ChatManager::deliveryFailed, m_stdinSender, &CliStdinSender::deliveryFailed);
    connect(m_stdinSender, &CliStdinSender::lineFailed, this, [](const QString &id, const QString &reason) {
        printWarning(QCoreApplication::translate("xin-cli", "message %1 was refused: %2").arg(id, reason));
    });
    connect(m_stdinSender, &CliStdinSender::inputFinished, this, &CliSession::stdinInputFinished);
    connect(m_stdinSender, &CliStdinSender::settled, this, [this] {
        if (m_stdinSender->unconfirmedCount() == 0)
            finish(Ok);
        else
            finish(TimedOut, unconfirmedLine());
    });
    m_stdinSender->start();
    return true;
}

void CliSession::stdinInputFinished(const QString &error)
{
    if (!error.isEmpty())
        printWarning(QCoreApplication::translate("xin-cli", "cannot read standard input: %1").arg(error));
    // From the end of input on, --timeout bounds the wait for the confirmations (and a sign-in still
    // under way).
    m_timeout.start(std::chrono::seconds(m_options.timeoutSeconds));
}

QString CliSession::unconfirmedLine() const
{
    const qsizetype missing = m_stdinSender->unconfirmedCount();
    const qsizetype total = m_stdinSender->lineCount();
    if (m_waitForReceipt)
        return QCoreApplication::translate("xin-cli", "%1 of %2 messages were not confirmed by the recipient")
            .arg(missing)
            .arg(total);
    return QCoreApplication::translate("xin-cli", "%1 of %2 messages were not confirmed by the server")
        .arg(missing)
        .arg(total);
}
