// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatState.h"
#include "stanza/Jid.h"
#include "stanza/Message.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

/// The payloads of one-to-one chat XEPs, read from and added to a Message's extension elements. Plain
/// functions: each XEP's wire format in one place, tested with real XML (tst_messagepayloads). Their namespaces
/// are in xml/Namespaces.h (ns::Receipts, ...).
namespace MessagePayloads {
/// <request/> (XEP-0184 §5.1).
bool hasReceiptRequest(const Message &message);
/// The id of a <received id='...'/> (XEP-0184 §5.2); empty if none.
QString receivedId(const Message &message);
/// <markable/> (XEP-0333 §3).
bool isMarkable(const Message &message);
/// The id of a <displayed id='...'/> marker; empty if none. (<received/> and <acknowledged/> markers are
/// not used by Xin: receipts say "delivered" already.)
QString displayedId(const Message &message);
/// The XEP-0085 state the message carries; None when it carries none.
ChatState chatState(const Message &message);
/// The id in <replace id='...'/> (XEP-0308 §3); empty if none.
QString replaceId(const Message &message);
/// XEP-0359 <origin-id id='...'/>; empty if none.
QString originId(const Message &message);
/// XEP-0359 <stanza-id/> elements: the id of the single one whose 'by' is @p by; empty when there is none or
/// more than one (docs/SECURITY.md rule 4: a sender may add a forged one next to the server's).
QString stanzaIdBy(const Message &message, const Jid &by);
/// XEP-0203 <delay stamp='...'/> among @p element's children (a <forwarded/> from our archive); invalid if
/// none. Whose word it is depends on where @p element came from: a message's own delay is the sender's.
QDateTime delayStamp(const QDomElement &element);
/// The stamp of the message's XEP-0203 <delay/> whose 'from' is @p from (e.g. our server's domain for
/// offline storage, XEP-0160 §2); invalid when there is none, or more than one (a sender may add its own).
QDateTime delayStampFrom(const Message &message, const Jid &from);
/// XEP-0023 <x xmlns='jabber:x:expire' seconds='N'/>: the seconds, if present and valid.
std::optional<qint64> expireSeconds(const Message &message);

/// Adds an element <name xmlns='ns' attr='value'/> to the message's extensions.
void add(Message &message, const QString &name, const QString &ns, const QString &attribute = {},
         const QString &value = {});
/// A detached element, for payloads built elsewhere.
QDomElement element(const QString &name, const QString &ns);
} // namespace MessagePayloads
