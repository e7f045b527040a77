// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/ChatManager.h"

#include "messaging/MessagePayloads.h"
#include "client/XmppClient.h"
#include "extensions/Chat.h"
#include "extensions/ConfirmationGate.h"
#include "extensions/OfflineWindow.h"
#include "storage/MessageStore.h"
#include "xml/Namespaces.h"

#include <QDomElement>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;
namespace mp = MessagePayloads;

Q_LOGGING_CATEGORY(lcChat, "xin.chat")

namespace {
/// When a message was sent, as far as we can trust it (issue 13 finding 4): anyone can write a <delay/>, and
/// a stamp years old buries a message in the history while one in the future pins its chat to the top.
QDateTime trustedTime(const Message &message, ChatManager::Origin origin, const QDateTime &archiveStamp,
                      const QString &server, const OfflineWindow &offline, const QDateTime &now)
{
    QDateTime when;
    if (origin == ChatManager::Origin::Archive || origin == ChatManager::Origin::ArchiveHistory) {
        // XEP-0313 §5.1.2: the <forwarded/>'s delay is our archive's record of when the message came; the
        // inner message's own <delay/> is the sender's word and stays unused.
        when = archiveStamp;
    } else if (origin == ChatManager::Origin::Live && !server.isEmpty()) {
        // XEP-0160 §2 / XEP-0203 §2: offline storage stamps delivery with from= our server's domain. A
        // delay from anyone else (a sender, another server) is ignored; carbons carry none we could trust.
        // A sender can write from= our domain too and the server relays it, so the stamp must also lie in
        // the span offline storage can have held the message: since our previous session ended.
        when = MessagePayloads::delayStampFrom(message, Jid::fromString(server));
        if (when.isValid() && !offline.accepts(when, now))
            when = {};
    }
    // A stamp ahead of our clock (by skew or on purpose) is never used: the message came now.
    if (!when.isValid() || when > now)
        return now;
    return when;
}
} // namespace

class ChatManager::Private
{
public:
    explicit Private(Database *database) : offline(database) { }

    bool stanzaIdTrusted = false;
    OfflineWindow offline;   // when our server's offline storage can have held a message for us
    ConfirmationGate gate;   // who gets receipts, markers and chat states
    // Our messages written under stream management and not yet acknowledged: id → rowId. As long as the
    // stream's own queue (XmppClient::unacknowledgedCount()), and emptied when the session ends.
    QHash<QString, qint64> inFlight;
    // Without a store (xin-cli) there is nothing to de-duplicate against; messages are announced as they come.
};

ChatManager::ChatManager(MessageStore *store, QObject *parent)
    : Extension(parent)
    , d(std::make_unique<Private>(store ? &store->database() : nullptr))
    , m_store(store)
{
    qRegisterMetaType<ChatMessage>();
    qRegisterMetaType<ChatManager::Origin>();
    d->gate.setStore(store);
}

ChatManager::~ChatManager() = default;

Chat *ChatManager::chat(const Jid &jid)
{
    const Jid bare = jid.bare();
    if (Chat *existing = m_chats.value(bare))
        return existing;
    auto *created = new Chat(bare, this);
    m_chats.insert(bare, created);
    Q_EMIT chatCreated(created, true);
    return created;
}

Chat *ChatManager::existingChat(const Jid &jid) const
{
    return m_chats.value(jid.bare());
}

QList<Chat *> ChatManager::chats() const
{
    return m_chats.values();
}

void ChatManager::setStanzaIdTrusted(bool trusted)
{
    d->stanzaIdTrusted = trusted;
}

bool ChatManager::isStanzaIdTrusted() const
{
    return d->stanzaIdTrusted;
}

void ChatManager::setRosterManager(RosterManager *roster)
{
    d->gate.setRosterManager(roster);
}

void ChatManager::setConfirmToEveryone(bool everyone)
{
    d->gate.setConfirmToEveryone(everyone);
}

bool ChatManager::confirmsToEveryone() const
{
    return d->gate.confirmsToEveryone();
}

bool ChatManager::mayConfirmTo(const Jid &peer) const
{
    // Our own other resources know we are online anyway.
    if (client() && !peer.isNull() && peer.bare() == client()->jid().bare())
        return true;
    return d->gate.allows(peer);
}

void ChatManager::noteWrittenTo(const Jid &peer)
{
    d->gate.noteWrittenTo(peer);
}

QStringList ChatManager::discoveryFeatures() const
{
    // XEP-0184 §6, XEP-0333 §6, XEP-0085 §4, XEP-0308 §5.
    return {ns::Receipts, ns::ChatMarkers, ns::ChatStates, ns::MessageCorrection};
}

void ChatManager::setClient(XmppClient *client)
{
    Extension::setClient(client);
    if (!client)
        return;
    // Leaving Connected in any way (a polite close, an error, a lost socket) ends the session; the offline
    // window ignores an end without a session, such as a failed connection attempt.
    connect(client, &XmppClient::stateChanged, this, [this](XmppClient::State state) {
        if (state != XmppClient::State::Connected)
            d->offline.sessionEnded(QDateTime::currentDateTimeUtc());
    });
    connect(client, &XmppClient::messageAcknowledged, this, &ChatManager::acknowledged);
    // The stream no longer holds what it had not acknowledged: those messages stay Pending in the store and
    // go again with the next session (sendPending()); a receiver recognises a copy by its id and origin-id.
    connect(client, &XmppClient::sessionEnded, this, [this] { d->inFlight.clear(); });
    connect(client, &XmppClient::resumed, this, &ChatManager::sendPending);
}

void ChatManager::sessionStarted()
{
    // Before any stanza of the session: offline storage flushes once our initial presence is in.
    d->offline.sessionStarted(QDateTime::currentDateTimeUtc());
    sendPending();
}

void ChatManager::sendPending()
{
    if (!m_store || !client() || !client()->isConnected())
        return;
    for (ChatMessage message : m_store->pending()) {
        if (d->inFlight.contains(message.id) || client()->isAwaitingAck(message.id))
            continue;   // written already; a resumed stream sent it again itself
        Chat *target = chat(message.chat);
        if (!target->transmit(message))
            return;   // the connection went again: the rest stays Pending
        message.state = transmitted(message);
        if (message.state != ChatMessage::State::Pending) {
            Q_EMIT target->messageChanged(message);
            Q_EMIT messageChanged(message);
        }
    }
}

bool ChatManager::retry(qint64 rowId)
{
    if (!m_store || !m_store->requeue(rowId))
        return false;
    announceChange(rowId);   // Failed → Pending: the clock again
    const auto message = m_store->message(rowId);
    if (!message)
        return false;
    // Sent now even if the stream still holds the failed copy unacknowledged: the user asked for it, and the
    // same id lets the receiver drop a duplicate. Offline, it waits in the outbox like any other.
    d->inFlight.remove(message->id);
    if (client() && client()->isConnected() && chat(message->chat)->transmit(*message)) {
        if (transmitted(*message) != ChatMessage::State::Pending)
            announceChange(rowId);
    }
    return true;
}

ChatMessage::State ChatManager::transmitted(const ChatMessage &entry)
{
    if (client() && client()->isStreamManaged()) {
        d->inFlight.insert(entry.id, entry.rowId);
        return ChatMessage::State::Pending;
    }
    // Without stream management, written is all we can know.
    if (m_store)
        m_store->setState(entry.rowId, ChatMessage::State::Sent);
    return ChatMessage::State::Sent;
}

bool ChatManager::isInFlight(const QString &id) const
{
    return d->inFlight.contains(id) || (client() && client()->isAwaitingAck(id));
}

void ChatManager::acknowledged(const QString &id)
{
    const auto it = d->inFlight.constFind(id);
    if (it == d->inFlight.cend())
        return;   // not a chat message of ours (a marker, a correction), or the store does not keep it
    const qint64 rowId = it.value();
    d->inFlight.erase(it);
    if (m_store && m_store->setState(rowId, ChatMessage::State::Sent))
        announceChange(rowId);
}

bool ChatManager::handleStanza(const QDomElement &stanza)
{
    if (stanza.tagName() != u"message")
        return false;
    const auto message = Message::fromElement(stanza);
    if (!message)
        return false;
    if (message->type == Message::Type::Groupchat) {
        // Left to the group-chat manager, which comes before us when there is one; never dropped silently.
        qCInfo(lcChat) << "groupchat message from" << message->from.toString() << "not handled by a group-chat manager";
        Q_EMIT groupchatMessageReceived(*message);
        return true;
    }
    processMessage(*message, Origin::Live);
    return true;
}

/// One message on its way through processMessage(): where it came from and who is on the other side.
struct ChatManager::Incoming
{
    const Message &message;
    Origin origin;
    Jid own;        // our bare JID (null without a client)
    Jid peerFull;   // the other side as the stanza names it
    Jid peer;       // ... made bare: the chat
    bool outgoing = false;   // we sent it (a sent carbon, our own message in the archive)
    bool live = false;       // straight from the stream, or a carbon of a message passing now
    bool archived = false;   // from our archive (XEP-0313)
    ChatMessage::Direction direction = ChatMessage::Direction::Incoming;
    ChatMessage::Direction opposite = ChatMessage::Direction::Outgoing;
};

std::optional<ChatMessage> ChatManager::processMessage(const Message &message, Origin origin, const QString &archiveId,
                                                       const QDateTime &stamp, bool *known)
{
    if (known)
        *known = false;
    const std::optional<Incoming> in = classify(message, origin);
    if (!in)
        return std::nullopt;
    if (message.type == Message::Type::Error) {
        failDelivery(*in);   // RFC 6120 §8.3
        return std::nullopt;
    }
    applyReceipt(*in);                                   // XEP-0184, XEP-0333
    applyChatState(*in);                                 // XEP-0085
    if (applyCorrection(*in) || message.body.isEmpty())  // XEP-0308
        return std::nullopt;
    if (in->outgoing)
        noteWrittenTo(in->peer);   // the user wrote to them from another device

    ChatMessage entry = makeEntry(*in);                  // the body, RFC 6121 §5.2
    setIds(*in, archiveId, &entry);                      // XEP-0359
    setTimes(*in, stamp, &entry);                        // XEP-0203, XEP-0023
    bool isNew = true;
    if (m_store) {
        const auto stored = m_store->add(entry);   // docs/SECURITY.md rule 9
        isNew = stored != MessageStore::AddResult::Duplicate;
        if (stored == MessageStore::AddResult::Failed) {
            // The database refused it (locked, full): shown all the same, never silently dropped.
            qCWarning(lcChat) << "could not store a message from" << in->peer.toString() << "- shown unsaved";
        }
    }
    if (known && m_store)
        *known = !isNew && entry.rowId != 0;
    answerReceiptRequest(*in, entry, isNew);             // XEP-0184 §5.1
    if (!isNew)
        return std::nullopt;
    announce(*in, entry);
    return entry;
}

std::optional<ChatManager::Incoming> ChatManager::classify(const Message &message, Origin origin) const
{
    Incoming in{message, origin, client() ? client()->jid().bare() : Jid(), {}, {}};
    in.archived = origin == Origin::Archive || origin == Origin::ArchiveHistory;
    in.live = origin == Origin::Live || origin == Origin::ReceivedCarbon || origin == Origin::SentCarbon;
    // Who is on the other side: for what we sent (a sent carbon, our own message in the archive) the
    // recipient, else the sender. A live message without 'from' comes from our own account (RFC 6120 §8.1.2.1).
    in.outgoing = origin == Origin::SentCarbon || (in.archived && !in.own.isNull() && message.from.bare() == in.own);
    in.peerFull = in.outgoing ? message.to : (message.from.isNull() ? in.own : message.from);
    in.peer = in.peerFull.bare();
    if (in.peer.isNull())
        return std::nullopt;
    in.direction = in.outgoing ? ChatMessage::Direction::Outgoing : ChatMessage::Direction::Incoming;
    in.opposite = in.outgoing ? ChatMessage::Direction::Incoming : ChatMessage::Direction::Outgoing;
    return in;
}

void ChatManager::failDelivery(const Incoming &in)
{
    // RFC 6120 §8.3: the error comes back with the id of the message that failed.
    const Message &message = in.message;
    if (in.outgoing || message.id.isEmpty() || in.archived)
        return;
    // The server's words when it gave some, else the condition ("service-unavailable"), for display.
    const QString reason = !message.error                 ? u"undefined-condition"_s
                         : !message.error->text.isEmpty() ? message.error->text
                                                          : StanzaError::conditionName(message.error->condition);
    Q_EMIT deliveryFailed(in.peerFull, message.id, reason);
    if (!m_store)
        return;
    if (const auto failed = m_store->findById(in.peer, ChatMessage::Direction::Outgoing, message.id)) {
        if (m_store->setState(failed->rowId, ChatMessage::State::Failed, reason))
            announceChange(failed->rowId);
    }
}

void ChatManager::applyReceipt(const Incoming &in)
{
    // Receipts and markers refer to a message of the opposite direction: a receipt from the peer confirms
    // one of ours; one sent by another resource of ours (a sent carbon) acknowledges one of theirs.
    const QString receiptFor = mp::receivedId(in.message);
    const QString displayedFor = mp::displayedId(in.message);
    if (receiptFor.isEmpty() && displayedFor.isEmpty())
        return;
    const auto state = displayedFor.isEmpty() ? ChatMessage::State::Delivered : ChatMessage::State::Read;
    const QString id = displayedFor.isEmpty() ? receiptFor : displayedFor;
    if (!in.outgoing && !in.archived)
        Q_EMIT receiptReceived(in.peerFull, id, state);
    if (!m_store)
        return;
    const auto target = m_store->findById(in.peer, in.opposite, id);
    if (!target)
        return;
    if (!in.outgoing) {
        if (m_store->setState(target->rowId, state))
            announceChange(target->rowId);
    } else if (state == ChatMessage::State::Read && m_store->markRead(in.peer) > 0) {
        // XEP-0333 §5: another device of ours displayed it: it is read here too.
        if (Chat *existing = existingChat(in.peer))
            Q_EMIT existing->readElsewhere();
        Q_EMIT chatRead(in.peer);
    }
}

void ChatManager::applyChatState(const Incoming &in)
{
    // XEP-0085: only the other side's live one-to-one messages say what it is doing.
    if (in.outgoing || in.origin != Origin::Live)
        return;
    const Message &message = in.message;
    const ChatState state = mp::chatState(message);
    if (state != ChatState::None && message.type == Message::Type::Chat) {
        Chat *target = existingChat(in.peer);
        if (!target && !message.body.isEmpty())
            target = createRemoteChat(in.peer);
        if (target)
            target->setRemoteState(state, true);
        Q_EMIT chatStateChanged(in.peer, state);
    } else if (!message.body.isEmpty()) {
        // XEP-0085 §5.1: a message without a state from a client that does not send them.
        if (Chat *target = existingChat(in.peer))
            target->setRemoteState(ChatState::None, false);
    }
}

bool ChatManager::applyCorrection(const Incoming &in)
{
    // XEP-0308: a correction replaces the body of an earlier message of the same sender (docs/SECURITY.md rule 3:
    // found in the same chat and direction, so nobody else's message can be rewritten).
    const QString replaces = mp::replaceId(in.message);
    if (replaces.isEmpty() || in.message.body.isEmpty() || !m_store)
        return false;
    const auto original = m_store->findById(in.peer, in.direction, replaces);
    if (!original)
        return false;   // the original is unknown (older than our history): shown as a message of its own
    if (m_store->replaceBody(original->rowId, in.message.body))
        announceChange(original->rowId);
    return true;
}

ChatMessage ChatManager::makeEntry(const Incoming &in) const
{
    const Message &message = in.message;
    ChatMessage entry;
    entry.chat = in.peer;
    entry.resource = in.peerFull.resource();
    entry.direction = in.direction;
    entry.type = message.type == Message::Type::Headline ? Message::Type::Headline
               : message.type == Message::Type::Normal   ? Message::Type::Normal
                                                         : Message::Type::Chat;
    entry.body = message.body;
    entry.subject = message.subject;
    entry.thread = message.thread;
    entry.state = in.outgoing ? ChatMessage::State::Sent : ChatMessage::State::Received;
    entry.receiptRequested = !in.outgoing && mp::hasReceiptRequest(message);
    entry.markable = !in.outgoing && mp::isMarkable(message);
    // Incoming messages are unread, live or caught up after being offline; history fetched from the archive
    // when scrolling back (or at the very first login) is not news.
    entry.read = in.outgoing || in.origin == Origin::ArchiveHistory;
    return entry;
}

void ChatManager::setIds(const Incoming &in, const QString &archiveId, ChatMessage *entry) const
{
    entry->id = in.message.id;
    entry->originId = mp::originId(in.message);
    // XEP-0359 §3: the archive's own id for an archive result (XEP-0313 §5.1.2); on a live message the single
    // stanza-id our server stamped, once we know it does (docs/SECURITY.md rule 4).
    if (in.archived)
        entry->stanzaId = archiveId;
    else if (d->stanzaIdTrusted && !in.own.isNull())
        entry->stanzaId = mp::stanzaIdBy(in.message, in.own);
}

void ChatManager::setTimes(const Incoming &in, const QDateTime &stamp, ChatMessage *entry) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Our server is the configured account's domain (RFC 6120 §7.6.1: binding never changes the account).
    const QString server = client() ? client()->configuration().jid.domain() : QString();
    entry->timestamp = trustedTime(in.message, in.origin, stamp, server, d->offline, now);
    if (const auto seconds = mp::expireSeconds(in.message); seconds && in.live)
        entry->expires = now.addSecs(*seconds);   // XEP-0023 §3: counted from when we got it
}

void ChatManager::answerReceiptRequest(const Incoming &in, const ChatMessage &entry, bool isNew)
{
    // XEP-0184 §5.1: answer a receipt request for a message that reached us live, also when we had it
    // already (the sender resends when our receipt was lost), and for one we first learn of while catching
    // up from the archive (it reached this device only now). Never for a carbon (the resource that got it
    // answers) or older history, never for errors or groupchat.
    const bool answer = in.origin == Origin::Live || (in.origin == Origin::Archive && isNew);
    // A receipt says we are online: only to those ConfirmationGate allows (a stranger's request goes unanswered).
    if (answer && entry.receiptRequested && !in.message.id.isEmpty() && client() && client()->isConnected()
        && mayConfirmTo(in.peer))
        sendReceipt(in.peerFull, in.message.id);
}

void ChatManager::announce(const Incoming &in, const ChatMessage &entry)
{
    if (entry.type == Message::Type::Headline) {
        Q_EMIT headlineReceived(entry);
        return;
    }
    Chat *target = existingChat(in.peer);
    if (!target)
        target = in.outgoing ? chat(in.peer) : createRemoteChat(in.peer);
    Q_EMIT target->messageAdded(entry);
    Q_EMIT messageAdded(entry, in.origin);
}

Chat *ChatManager::createRemoteChat(const Jid &peer)
{
    auto *created = new Chat(peer, this);
    m_chats.insert(peer, created);
    Q_EMIT chatCreated(created, false);
    return created;
}

void ChatManager::sendReceipt(const Jid &to, const QString &id)
{
    Message receipt;
    receipt.to = to;
    receipt.type = Message::Type::Chat;
    receipt.id = client()->generateId();
    mp::add(receipt, u"received"_s, ns::Receipts, u"id"_s, id);
    // XEP-0334: a receipt is not worth archiving... but it is worth delivering offline; servers store
    // receipts by default (XEP-0184 §5.4), so no hint.
    client()->send(receipt);
}

void ChatManager::announceChange(qint64 rowId)
{
    if (!m_store)
        return;
    const auto changed = m_store->message(rowId);
    if (!changed)
        return;
    if (Chat *existing = existingChat(changed->chat))
        Q_EMIT existing->messageChanged(*changed);
    Q_EMIT messageChanged(*changed);
}
