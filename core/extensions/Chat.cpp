// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/Chat.h"

#include "messaging/MessagePayloads.h"
#include "client/XmppClient.h"
#include "extensions/ChatManager.h"
#include "storage/MessageStore.h"
#include "xml/Namespaces.h"

using namespace Qt::StringLiterals;
namespace mp = MessagePayloads;

Chat::Chat(const Jid &jid, ChatManager *manager) : QObject(manager), m_jid(jid), m_manager(manager) { }

ChatMessage Chat::sendMessage(const QString &text)
{
    Message message;
    message.type = Message::Type::Chat;   // RFC 6121 §5.2.2: one-to-one chat, with its chat state (XEP-0085 §5.2)
    message.body = text;
    return sendMessage(message);
}

ChatMessage Chat::sendMessage(Message message)
{
    XmppClient *client = m_manager->client();
    if (message.to.isNull() || message.to.bare() != m_jid)
        message.to = m_jid;
    if (message.type != Message::Type::Normal && message.type != Message::Type::Chat)
        message.type = Message::Type::Chat;
    if (message.id.isEmpty())
        message.id = client ? client->generateId() : IdGenerator::randomId();

    ChatMessage entry;
    entry.chat = m_jid;
    entry.direction = ChatMessage::Direction::Outgoing;
    entry.type = message.type;
    entry.body = message.body;
    entry.subject = message.subject;
    entry.thread = message.thread;
    entry.id = message.id;
    // XEP-0359 §3: our own unique id travels with the message; equal to the id, so that receipts, markers
    // and corrections naming either find it, and the archive's copy is recognised as this one.
    const QString origin = mp::originId(message);
    entry.originId = origin.isEmpty() ? message.id : origin;
    entry.timestamp = QDateTime::currentDateTimeUtc();
    entry.state = ChatMessage::State::Pending;
    entry.read = true;
    entry = store(entry);

    m_manager->noteWrittenTo(m_jid);   // from now on they may get our receipts and chat states
    m_ownState = ChatState::Active;   // a message says we are here (XEP-0085 §5.2)
    if (transmit(entry))
        entry.state = m_manager->transmitted(entry);   // Pending until the server acknowledges it (XEP-0198)
    Q_EMIT messageAdded(entry);
    Q_EMIT m_manager->messageAdded(entry, ChatManager::Origin::Local);
    return entry;
}

ChatMessage Chat::store(ChatMessage message)
{
    if (MessageStore *history = m_manager->store())
        history->add(message);
    return message;
}

bool Chat::transmit(const ChatMessage &entry, const QString &replaces)
{
    XmppClient *client = m_manager->client();
    if (!client || !client->isConnected())
        return false;
    Message message;
    message.to = entry.chat;
    message.type = entry.type;
    message.id = entry.id;
    message.body = entry.body;
    message.subject = entry.subject;
    message.thread = entry.thread;
    mp::add(message, u"request"_s, ns::Receipts);               // XEP-0184 §5.1
    mp::add(message, u"markable"_s, ns::ChatMarkers);               // XEP-0333 §3
    mp::add(message, u"origin-id"_s, ns::StanzaIds, u"id"_s, entry.originId.isEmpty() ? entry.id : entry.originId);
    if (entry.type == Message::Type::Chat)
        mp::add(message, u"active"_s, ns::ChatStates);          // XEP-0085 §5.2: sent with every message
    if (!replaces.isEmpty())
        mp::add(message, u"replace"_s, ns::MessageCorrection, u"id"_s, replaces);
    return client->send(message);
}

bool Chat::correctLastMessage(const QString &text)
{
    MessageStore *history = m_manager->store();
    XmppClient *client = m_manager->client();
    if (!history || !client || !client->isConnected() || text.isEmpty())
        return false;
    const auto last = history->lastOutgoing(m_jid);
    // A message not written yet cannot be corrected on the wire (it has no id the peer knows); one written
    // and awaiting the server's acknowledgement can.
    if (!last || (last->state == ChatMessage::State::Pending && !m_manager->isInFlight(last->id)))
        return false;
    ChatMessage correction = *last;
    correction.id = client->generateId();
    correction.originId = correction.id;
    correction.body = text;
    // XEP-0308 §4: the replace id names the original message, also when it was corrected before.
    if (!transmit(correction, last->id))
        return false;
    if (history->replaceBody(last->rowId, text))
        m_manager->announceChange(last->rowId);
    return true;
}

void Chat::setChatState(ChatState state)
{
    if (state == m_ownState || state == ChatState::None)
        return;
    m_ownState = state;
    XmppClient *client = m_manager->client();
    // XEP-0085 §5.1: standalone notifications only to a client that showed it supports them.
    // Nor to a stranger: "composing" says we are online (ChatManager::mayConfirmTo()).
    if (!m_remoteSupportsStates || !client || !client->isConnected() || !m_manager->mayConfirmTo(m_jid))
        return;
    Message notification;
    notification.to = m_jid;
    notification.type = Message::Type::Chat;
    mp::add(notification, ChatStates::elementName(state), ns::ChatStates);
    mp::add(notification, u"no-store"_s, ns::Hints);   // XEP-0334: not worth archiving or storing offline
    client->send(notification);
}

void Chat::setRemoteState(ChatState state, bool supportsStates)
{
    m_remoteSupportsStates = supportsStates;
    if (state == m_remoteState)
        return;
    m_remoteState = state;
    Q_EMIT remoteStateChanged(state);
}

void Chat::markRead()
{
    MessageStore *history = m_manager->store();
    if (!history)
        return;
    if (history->markRead(m_jid) == 0)
        return;
    // XEP-0333 §4: one <displayed/> for the newest markable message says all before it were seen too.
    const QList<ChatMessage> recent = history->messages(m_jid, 50);
    for (auto it = recent.crbegin(); it != recent.crend(); ++it) {
        if (it->direction != ChatMessage::Direction::Incoming)
            continue;
        if (!it->markable || it->id.isEmpty())
            break;
        XmppClient *client = m_manager->client();
        if (!client || !client->isConnected() || !m_manager->mayConfirmTo(m_jid))
            break;   // a marker says we are online and reading: not to a stranger
        Message marker;
        marker.to = m_jid;
        marker.type = Message::Type::Chat;
        marker.id = client->generateId();
        mp::add(marker, u"displayed"_s, ns::ChatMarkers, u"id"_s, it->id);
        mp::add(marker, u"store"_s, ns::Hints);   // XEP-0333 §4: so the sender's offline devices learn it
        client->send(marker);
        break;
    }
}
