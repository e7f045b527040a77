// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/BlockingManager.h"

#include "client/XmppClient.h"
#include "stanza/Iq.h"
#include "stanza/Presence.h"
#include "xml/Namespaces.h"

#include <QDomElement>
#include <QPointer>
#include <QTimer>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace {

// The <item jid='...'/> children of a <blocklist/>, <block/> or <unblock/>; items that are no valid JID are
// skipped rather than guessed at.
QList<Jid> itemsOf(const QDomElement &element)
{
    QList<Jid> jids;
    for (QDomElement item = element.firstChildElement(u"item"_s); !item.isNull();
         item = item.nextSiblingElement(u"item"_s)) {
        if (item.namespaceURI() != ns::Blocking)
            continue;
        if (const auto jid = Jid::parse(item.attribute(u"jid"_s)))
            jids << *jid;
    }
    return jids;
}

// Writes a <block/> or <unblock/> with one <item/> per JID straight into the request (XEP-0191 §3.3, §3.5).
std::function<void(QXmlStreamWriter &)> commandWriter(const QString &command, const QList<Jid> &jids)
{
    return [command, jids](QXmlStreamWriter &out) {
        out.writeStartElement(command);
        out.writeDefaultNamespace(ns::Blocking);
        for (const Jid &jid : jids) {
            out.writeEmptyElement(u"item"_s);
            out.writeAttribute(u"jid"_s, jid.toString());
        }
        out.writeEndElement();
    };
}
} // namespace

BlockingManager::BlockingManager(QObject *parent) : Extension(parent) { }

BlockingManager::~BlockingManager() = default;

bool BlockingManager::isBlocked(const Jid &jid) const
{
    if (jid.isNull())
        return false;
    const Jid bare = jid.bare();
    const Jid domain = jid.domainJid();
    const Jid domainResource = jid.isFull() ? domain.withResource(jid.resource()) : Jid();
    for (const Jid &item : m_items) {
        if (item == jid || item == bare || item == domain || (!domainResource.isNull() && item == domainResource))
            return true;
    }
    return false;
}

void BlockingManager::requestBlocklist()
{
    if (!client())
        return;
    Iq iq;
    iq.type = Iq::Type::Get;   // XEP-0191 §3.2; no 'to': our own account answers
    iq.payload = Iq::makePayload(u"blocklist"_s, ns::Blocking);
    client()->sendIq(iq, this, [this](const IqReply &reply) {
        if (!reply.isResult()) {
            // An error answer means the server has no XEP-0191; a timeout or disconnection says nothing.
            if (reply.status == IqReply::Status::Error)
                m_supported = false;
            Q_EMIT blocklistFailed(reply);
            return;
        }
        const QDomElement list = reply.iq.payload;
        m_items.clear();
        if (list.tagName() == u"blocklist" && list.namespaceURI() == ns::Blocking)
            addItems(itemsOf(list));
        m_supported = true;
        m_loaded = true;
        Q_EMIT blocklistChanged();
    });
}

void BlockingManager::block(const QList<Jid> &jids, QObject *context, Callback callback)
{
    sendCommand(Command::Block, jids, context, std::move(callback));
}

void BlockingManager::unblock(const QList<Jid> &jids, QObject *context, Callback callback)
{
    sendCommand(Command::Unblock, jids, context, std::move(callback));
}

void BlockingManager::unblockAll(QObject *context, Callback callback)
{
    sendCommand(Command::UnblockAll, {}, context, std::move(callback));
}

void BlockingManager::sendCommand(Command command, const QList<Jid> &jids, QObject *context, Callback callback)
{
    QList<Jid> valid;
    for (const Jid &jid : jids) {
        if (!jid.isNull() && !valid.contains(jid))
            valid << jid;
    }
    // XEP-0191 §3.3: a <block/> without items is a bad request, and §3.6: an <unblock/> without items
    // unblocks everyone, so only unblockAll() sends one; nothing to (un)block is nothing to do.
    if ((valid.isEmpty() && command != Command::UnblockAll) || !client()) {
        answerLater(context, std::move(callback), client() ? IqReply::Status::Result : IqReply::Status::Disconnected);
        return;
    }

    Iq iq;
    iq.type = Iq::Type::Set;
    iq.payloadWriter = commandWriter(command == Command::Block ? u"block"_s : u"unblock"_s, valid);
    QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    client()->sendIq(iq, this,
                     [this, command, valid, guard, hadContext, callback = std::move(callback)](const IqReply &reply) {
        // The server also pushes the change (§3.3); applying it here too keeps the list right even if the push
        // comes later. Both are idempotent.
        if (reply.isResult()) {
            const bool changed = command == Command::Block ? addItems(valid)
                                                           : removeItems(valid.isEmpty() ? m_items : valid);
            if (changed)
                Q_EMIT blocklistChanged();
        }
        if (callback && (!hadContext || guard))
            callback(reply);
    });
}

void BlockingManager::answerLater(QObject *context, Callback callback, IqReply::Status status)
{
    QTimer::singleShot(0, context ? context : this, [callback = std::move(callback), status] {
        if (callback) {
            IqReply reply;
            reply.status = status;
            callback(reply);
        }
    });
}

bool BlockingManager::handleStanza(const QDomElement &stanza)
{
    return stanza.tagName() == u"iq" && handlePush(stanza);
}

bool BlockingManager::dropsStanza(const QDomElement &stanza) const
{
    const QString name = stanza.tagName();
    if (name == u"iq")
        return false;
    const auto from = Jid::parse(stanza.attribute(u"from"_s));
    if (!from || !isBlocked(*from))
        return false;
    // Defence in depth (XEP-0191 §3.4 is the server's job): a blocked user's message or friend request
    // that still arrives is dropped here, before any extension or the UI sees it.
    if (name == u"message")
        return true;
    if (name == u"presence")
        return stanza.attribute(u"type"_s) == Presence::typeName(Presence::Type::Subscribe);
    return false;
}

bool BlockingManager::handlePush(const QDomElement &stanza)
{
    if (stanza.attribute(u"type"_s) != u"set")
        return false;
    const QDomElement payload = stanza.firstChildElement();
    if (payload.namespaceURI() != ns::Blocking || (payload.tagName() != u"block" && payload.tagName() != u"unblock"))
        return false;
    // docs/SECURITY.md rule 3: only our own account may change our blocklist. Anything else is not taken, so the
    // client answers service-unavailable as for any request we do not know.
    if (!isFromOwnAccount(stanza))
        return false;
    const auto iq = Iq::fromElement(stanza);
    if (!iq)
        return false;

    const QList<Jid> jids = itemsOf(payload);
    bool changed = false;
    if (payload.tagName() == u"block")
        changed = addItems(jids);
    else
        changed = removeItems(jids.isEmpty() ? m_items : jids);   // §3.6: no items = everything
    client()->send(iq->makeResult());
    if (changed)
        Q_EMIT blocklistChanged();
    return true;
}

bool BlockingManager::isFromOwnAccount(const QDomElement &stanza) const
{
    if (!stanza.hasAttribute(u"from"_s))
        return true;
    const auto from = Jid::parse(stanza.attribute(u"from"_s));
    return from && client() && *from == client()->jid().bare();
}

bool BlockingManager::addItems(const QList<Jid> &jids)
{
    bool changed = false;
    for (const Jid &jid : jids) {
        if (!m_items.contains(jid)) {
            m_items << jid;
            changed = true;
        }
    }
    return changed;
}

bool BlockingManager::removeItems(const QList<Jid> &jids)
{
    const QList<Jid> copy = jids;   // jids may be m_items itself
    bool changed = false;
    for (const Jid &jid : copy)
        changed = m_items.removeAll(jid) > 0 || changed;
    return changed;
}

void BlockingManager::sessionStarted()
{
    m_loaded = false;
    requestBlocklist();
}
