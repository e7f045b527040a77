// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CliStdinSender.h"

#include "client/XmppClient.h"
#include "messaging/MessagePayloads.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "xml/Namespaces.h"

#include <QCoreApplication>

#include <algorithm>

#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;
namespace mp = MessagePayloads;

CliStdinSender::CliStdinSender(XmppClient *client, const Jid &to, bool waitForReceipt, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_to(to)
    , m_waitForReceipt(waitForReceipt)
{ }

CliStdinSender::~CliStdinSender() = default;

bool CliStdinSender::openOutbox(const QString &path, QString *error)
{
    m_lock = std::make_unique<QLockFile>(path + u".lock"_s);
    // A lock left by a killed run names a process that is gone: QLockFile takes it over.
    if (!m_lock->tryLock(0)) {
        *error = QCoreApplication::translate("xin-cli", "the outbox %1 is in use by another xin-cli").arg(path);
        return false;
    }
    m_database = std::make_unique<Database>();
    QString why;
    if (!m_database->open(path, &why)) {
        *error = QCoreApplication::translate("xin-cli", "cannot open the outbox %1: %2").arg(path, why);
        return false;
    }
    m_store = std::make_unique<MessageStore>(*m_database);
    // What a previous run stored and the server never acknowledged goes first, with its original id, so
    // a recipient who got it already recognises it (XEP-0359 origin-id, docs/SECURITY.md rule 9).
    const QList<ChatMessage> pending = m_store->pending();
    for (const ChatMessage &message : pending) {
        Line line;
        line.rowId = message.rowId;
        line.id = message.originId.isEmpty() ? message.id : message.originId;
        line.to = message.resource.isEmpty() ? message.chat : message.chat.withResource(message.resource);
        line.body = message.body;
        if (line.id.isEmpty())
            continue;
        m_byId.insert(line.id, m_lines.size());
        m_lines << line;
    }
    return true;
}

void CliStdinSender::start()
{
    // Standard input may be a pipe, a terminal or a file: a notifier on it keeps everything on this thread,
    // and each read takes what is there without waiting for more.
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &CliStdinSender::readInput);
}

void CliStdinSender::readInput()
{
    char buffer[65536];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n > 0) {
        m_partial.append(buffer, n);
        qsizetype start = 0;
        for (qsizetype end = m_partial.indexOf('\n'); end >= 0; end = m_partial.indexOf('\n', start)) {
            addLine(m_partial.mid(start, end - start));
            start = end + 1;
        }
        m_partial.remove(0, start);
        transmitFrom(m_written);
        return;
    }
    const QString error = n < 0 ? QString::fromLocal8Bit(std::strerror(errno)) : QString();
    m_notifier->setEnabled(false);
    if (!m_partial.isEmpty())   // a last line without a newline is a line too
        addLine(std::exchange(m_partial, {}));
    m_inputEnded = true;
    transmitFrom(m_written);
    Q_EMIT inputFinished(error);
    checkSettled();
}

void CliStdinSender::addLine(QByteArray bytes)
{
    if (bytes.endsWith('\r'))   // a line from Windows
        bytes.chop(1);
    if (bytes.isEmpty())
        return;
    Line line;
    line.id = m_client->generateId();
    line.to = m_to;
    line.body = QString::fromUtf8(bytes);
    if (m_store) {
        // Stored Pending before it is sent: a crash from here on cannot lose it.
        ChatMessage entry;
        entry.chat = m_to.bare();
        entry.resource = m_to.resource();
        entry.direction = ChatMessage::Direction::Outgoing;
        entry.type = Message::Type::Chat;
        entry.body = line.body;
        entry.id = line.id;
        entry.originId = line.id;
        entry.timestamp = QDateTime::currentDateTimeUtc();
        entry.state = ChatMessage::State::Pending;
        m_store->add(entry);
        line.rowId = entry.rowId;
    }
    m_byId.insert(line.id, m_lines.size());
    m_lines << line;
}

void CliStdinSender::sessionStarted()
{
    // A new session: the previous one's stream management is gone (resumption failed or was not
    // possible), so every line the server did not acknowledge goes again, in order, with its id.
    transmitFrom(0);
}

void CliStdinSender::sessionResumed()
{
    // XEP-0198 §5: the resumed stream sent again what the server had not handled; the lines never
    // written go now.
    transmitFrom(m_written);
}

void CliStdinSender::transmitFrom(qsizetype from)
{
    for (qsizetype i = from; i < m_lines.size(); ++i) {
        Line &line = m_lines[i];
        if (!line.acknowledged && !line.failed && !m_client->isAwaitingAck(line.id)) {
            if (!transmit(line))
                return;   // not connected: the next session sends it
            if (!m_client->isStreamManaged()) {
                // No stream management: written is all we can know (documented in the usage).
                const bool was = isConfirmed(line);
                line.acknowledged = true;
                update(line, was);
            }
        }
        m_written = std::max(m_written, i + 1);
    }
}

bool CliStdinSender::transmit(const Line &line)
{
    if (!m_client->isConnected())
        return false;
    // The stanza Chat::transmit() writes: a receipt request (XEP-0184 §5.1), markable (XEP-0333 §3), the
    // origin-id equal to the id (XEP-0359 §3), and the active chat state (XEP-0085 §5.2).
    Message message;
    message.to = line.to;
    message.type = Message::Type::Chat;
    message.id = line.id;
    message.body = line.body;
    mp::add(message, u"request"_s, ns::Receipts);
    mp::add(message, u"markable"_s, ns::ChatMarkers);
    mp::add(message, u"origin-id"_s, ns::StanzaIds, u"id"_s, line.id);
    mp::add(message, u"active"_s, ns::ChatStates);
    return m_client->send(message);
}

qsizetype CliStdinSender::unacknowledgedCount() const
{
    return std::count_if(m_lines.cbegin(), m_lines.cend(),
                         [](const Line &line) { return !line.acknowledged && !line.failed; });
}

bool CliStdinSender::isConfirmed(const Line &line) const
{
    return m_waitForReceipt ? line.delivered : line.acknowledged;
}

void CliStdinSender::acknowledged(const QString &id)
{
    // The stream management asks again by itself while messages remain unacknowledged (XEP-0198 §4).
    const auto it = m_byId.constFind(id);
    if (it == m_byId.cend())
        return;
    Line &line = m_lines[*it];
    if (line.acknowledged)
        return;
    const bool was = isConfirmed(line);
    line.acknowledged = true;
    if (m_store)
        m_store->setState(line.rowId, ChatMessage::State::Sent);
    update(line, was);
}

void CliStdinSender::receiptReceived(const Jid &from, const QString &id)
{
    const auto it = m_byId.constFind(id);
    if (it == m_byId.cend())
        return;
    Line &line = m_lines[*it];
    // Only the recipient confirms its delivery (docs/SECURITY.md rule 3).
    if (line.delivered || from.bare() != line.to.bare())
        return;
    const bool was = isConfirmed(line);
    line.delivered = true;
    line.acknowledged = true;   // the recipient has it, so the server had it
    if (m_store)
        m_store->setState(line.rowId, ChatMessage::State::Delivered);
    update(line, was);
}

void CliStdinSender::deliveryFailed(const Jid &from, const QString &id, const QString &reason)
{
    const auto it = m_byId.constFind(id);
    if (it == m_byId.cend())
        return;
    Line &line = m_lines[*it];
    // An error for our message comes from where it went or from our own server (RFC 6120 §8.3).
    const bool fromRecipientSide = from.bare() == line.to.bare() || from == Jid::fromString(line.to.domain())
                                || from.isNull() || from.bare() == m_client->jid().bare();
    if (line.failed || isConfirmed(line) || !fromRecipientSide)
        return;
    line.failed = true;
    ++m_settledOrFailed;
    if (m_store)
        m_store->setState(line.rowId, ChatMessage::State::Failed, reason);
    Q_EMIT lineFailed(id, reason);
    checkSettled();
}

void CliStdinSender::update(Line &line, bool wasConfirmed)
{
    if (wasConfirmed || !isConfirmed(line))
        return;
    ++m_confirmed;
    if (!line.failed)
        ++m_settledOrFailed;
    checkSettled();
}

void CliStdinSender::checkSettled()
{
    if (m_inputEnded && m_settledOrFailed == m_lines.size())
        Q_EMIT settled();
}
