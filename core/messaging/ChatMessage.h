// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"
#include "stanza/Message.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

/// One message of a one-to-one conversation as the user sees it: what the history stores, the models list
/// and the chat window shows. Built from a <message/> by ChatManager (live, carbon or archive); never holds
/// XML. Every text field is remote, plain text (docs/SECURITY.md rule 5).
struct ChatMessage
{
    enum class Direction { Incoming, Outgoing };
    /// Where an outgoing message stands; incoming messages are Received.
    enum class State {
        Pending,     // stored; not yet acknowledged by the server (XEP-0198): sent (again) at the next connection
        Sent,        // the server acknowledged it (or, without stream management, it was written)
        Delivered,   // the recipient's client confirmed it (XEP-0184 <received/>)
        Read,        // the recipient displayed it (XEP-0333 <displayed/>)
        Failed,      // an error reply came back: errorText says why
        Received,    // incoming
    };

    qint64 rowId = 0;          // the MessageStore's key; 0 until stored
    Jid chat;                  // bare JID of the other side: the conversation this belongs to
    QString resource;          // the other side's resource when known (incoming; ours for carbons of sent)
    Direction direction = Direction::Incoming;
    Message::Type type = Message::Type::Chat;   // Chat, Normal (shown with its subject) or Headline
    QString body;
    QString subject;
    QString thread;
    QString id;                // the stanza's id attribute: what receipts, markers and corrections refer to
    QString originId;          // XEP-0359 <origin-id/>: for outgoing messages we make it equal to id
    QString stanzaId;   // XEP-0359 <stanza-id/> from our own server only (docs/SECURITY.md rule 4); else empty
    QDateTime timestamp;   // UTC; the original time (XEP-0203 <delay/>) when the message was delayed
    QDateTime expires;   // UTC; XEP-0023 jabber:x:expire: hidden after this; invalid = never
    State state = State::Received;
    QString errorText;   // State::Failed: the server's reason, for display under the message
    bool edited = false;   // the body was replaced by a correction (XEP-0308)
    bool read = true;   // incoming: the user has seen it (false counts as unread)
    bool receiptRequested = false;   // incoming: the sender asked for XEP-0184 receipts
    bool markable = false;   // incoming: the sender asked for XEP-0333 markers

    /// XEP-0245: a body starting with "/me " is shown as an action by the sender.
    bool isAction() const { return body.startsWith(QLatin1String("/me ")); }
    bool isExpired(const QDateTime &now) const { return expires.isValid() && expires <= now; }
};

Q_DECLARE_METATYPE(ChatMessage)
