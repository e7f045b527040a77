// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"
#include "messaging/ChatState.h"
#include "client/Extension.h"

#include <QHash>

#include <memory>
#include <optional>

class Chat;
class MessageStore;
class RosterManager;

/// One-to-one chat (RFC 6121 §5) with the XEPs a desktop messenger needs: receipts (0184), markers (0333),
/// chat states (0085), correction (0308), /me (0245), delayed delivery (0203), expiry (0023), unique ids
/// (0359). Every message is stored before it is announced, so nothing shown is ever lost.
///
/// Messages of type groupchat are left to the group-chat manager; when none takes them they are announced
/// with groupchatMessageReceived() and logged, never silently dropped. Headlines go to
/// headlineReceived() and the store's headline list, never into a chat.
///
/// Receipts, read markers and chat states tell the other side we are online: they go only to contacts
/// allowed to see our presence, to people the user wrote to, and to our own account (ConfirmationGate),
/// unless the privacy setting setConfirmToEveryone() says otherwise.
class ChatManager : public Extension
{
    Q_OBJECT
public:
    /// @p store may be null (no history: messages are announced but not kept, e.g. xin-cli).
    explicit ChatManager(MessageStore *store = nullptr, QObject *parent = nullptr);
    ~ChatManager() override;

    MessageStore *store() const { return m_store; }
    /// The chat with @p jid (made bare); created when needed (chatCreated(chat, true)).
    Chat *chat(const Jid &jid);
    /// The chat with @p jid if it exists.
    Chat *existingChat(const Jid &jid) const;
    QList<Chat *> chats() const;

    /// How a message reached us; it decides who may have sent it and what it may do.
    enum class Origin : quint8 {
        Live,             // straight from the stream
        ReceivedCarbon,   // XEP-0280: a copy of a message another resource of ours received
        SentCarbon,       // XEP-0280: a copy of a message another resource of ours sent
        Archive,          // XEP-0313: from our archive, catching up after being offline (unread)
        ArchiveHistory,   // XEP-0313: from our archive, older history asked for (read)
        Local,            // sent by us from this device
    };
    /// Processes a message that came wrapped (carbons, the archive) after its manager checked the wrapper's
    /// origin. @p archiveId is the archive's id for it (a trusted stanza-id); @p stamp the <forwarded/>'s
    /// delay, used for archive results only. Returns the stored message when it is new, nullopt when it was
    /// known or carried no message; @p known (if given) says whether the store had it already.
    ///
    /// The time stored is the time received, except for a <delay/> we can trust (issue 13 finding 4): the
    /// archive's stamp, and on a live message a delay from our own server's domain (offline storage,
    /// XEP-0203 §2 and XEP-0160 §2) dated since our previous session ended (OfflineWindow); never one the
    /// sender wrote, never one from a carbon, never the future.
    std::optional<ChatMessage> processMessage(const Message &message, Origin origin, const QString &archiveId = {},
                                              const QDateTime &stamp = {}, bool *known = nullptr);
    /// Whether our server stamps <stanza-id by='our bare JID'/> (it advertises urn:xmpp:sid:0); until then a
    /// stanza-id is not trusted (docs/SECURITY.md rule 4). ArchiveManager finds out at each session start.
    void setStanzaIdTrusted(bool trusted);
    bool isStanzaIdTrusted() const;
    /// The outbox (docs/SECURITY.md rule 9): sends the Pending messages of the store, oldest first, with their
    /// own ids, except those the stream still holds unacknowledged (resumption resends them itself). Called
    /// at each session start and after each resumption.
    void sendPending();
    /// Sends the Failed message @p rowId again (the user asked to): back to Pending, then like any other.
    bool retry(qint64 rowId);

    /// The contacts whose subscription lets them get receipts, markers and chat states (not owned; null:
    /// only people the user wrote to do).
    void setRosterManager(RosterManager *roster);
    /// Privacy setting "confirm to everyone": receipts, markers and chat states to anyone who asks, which
    /// tells strangers we are online. Off by default.
    void setConfirmToEveryone(bool everyone);
    bool confirmsToEveryone() const;
    /// Whether a receipt, a read marker or a chat state may go to @p peer.
    bool mayConfirmTo(const Jid &peer) const;

    QStringList discoveryFeatures() const override;

Q_SIGNALS:
    /// A chat the other side started (createdLocally false) or we did (true).
    void chatCreated(Chat *chat, bool createdLocally);
    /// Any new message of any chat, after it was stored, and how it came.
    void messageAdded(const ChatMessage &message, ChatManager::Origin origin);
    void messageChanged(const ChatMessage &message);
    void chatStateChanged(const Jid &jid, ChatState state);
    /// A headline (XEP-0071 style news, server announcements): a notification, never a chat line.
    void headlineReceived(const ChatMessage &message);
    /// An error reply (RFC 6120 §8.3) to our message @p id; @p reason is the server's text or the condition.
    void deliveryFailed(const Jid &from, const QString &id, const QString &reason);
    /// A groupchat message nobody took.
    void groupchatMessageReceived(const Message &message);
    /// A delivery receipt (XEP-0184) or marker (XEP-0333) for our message @p id from @p from.
    void receiptReceived(const Jid &from, const QString &id, ChatMessage::State state);
    /// Another device of ours displayed the messages of @p chat (XEP-0333 marker in a sent carbon).
    void chatRead(const Jid &chat);

protected:
    bool handleStanza(const QDomElement &stanza) override;
    void setClient(XmppClient *client) override;
    void sessionStarted() override;

private:
    friend class Chat;
    // processMessage(), one step per XEP.
    struct Incoming;
    std::optional<Incoming> classify(const Message &message, Origin origin) const;
    void failDelivery(const Incoming &in);
    void applyReceipt(const Incoming &in);
    void applyChatState(const Incoming &in);
    bool applyCorrection(const Incoming &in);
    ChatMessage makeEntry(const Incoming &in) const;
    void setIds(const Incoming &in, const QString &archiveId, ChatMessage *entry) const;
    void setTimes(const Incoming &in, const QDateTime &stamp, ChatMessage *entry) const;
    void answerReceiptRequest(const Incoming &in, const ChatMessage &entry, bool isNew);
    void announce(const Incoming &in, const ChatMessage &entry);

    Chat *createRemoteChat(const Jid &peer);
    void sendReceipt(const Jid &to, const QString &id);
    void noteWrittenTo(const Jid &peer);
    /// After @p entry was written: Sent at once without stream management, else Pending until the server
    /// acknowledges it (messageAcknowledged). Returns its state now.
    ChatMessage::State transmitted(const ChatMessage &entry);
    void acknowledged(const QString &id);
    /// Whether our message @p id was written and awaits the server's acknowledgement.
    bool isInFlight(const QString &id) const;
    /// Reads the stored message @p rowId back and announces it changed.
    void announceChange(qint64 rowId);

    class Private;
    std::unique_ptr<Private> d;
    MessageStore *m_store;
    QHash<Jid, Chat *> m_chats;
};

Q_DECLARE_METATYPE(ChatManager::Origin)
