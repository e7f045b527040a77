#include "extensions/BlockingManager.h"

#include "client/XmppClient.h"
#include "stanza/Iq.h"
#include "stanza/Presence.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QPointer>
#include <QTimer>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace {
const QString BlockingNs = u"urn:xmpp:blocking"_s;   // XEP-0191 §2

// The <item jid='...'/> children of a <blocklist/>, <block/> or <unblock/>; items that are no valid JID are
// skipped rather than guessed at.
QList<Jid> itemsOf(const QDomElement &element)
{
    QList<Jid> jids;
    for (QDomElement item = element.firstChildElement(u"item"_s); !item.isNull();
         item = item.nextSiblingElement(u"item"_s)) {
        if (item.namespaceURI() != BlockingNs)
            continue;
        if (const auto jid = Jid::parse(item.attribute(u"jid"_s)))
            jids << *jid;
    }
    return jids;
}

// A <block/> or <unblock/> payload, built with a writer and parsed once, so no DOM document must outlive it.
QDomElement commandPayload(const QString &command, const QList<Jid> &jids)
{
    const QByteArray xml = XmlWriter::toBytes([&](QXmlStreamWriter &out) {
        out.writeStartElement(command);
        out.writeDefaultNamespace(BlockingNs);
        for (const Jid &jid : jids) {
            out.writeEmptyElement(u"item"_s);
            out.writeAttribute(u"jid"_s, jid.toString());
        }
        out.writeEndElement();
    });
    return XmlWriter::parseElement(QString::fromUtf8(xml));
}

QDomElement toElement(const Iq &iq)
{
    return XmlWriter::parseElement(QString::fromUtf8(iq.toXml()));
}
} // namespace

BlockingManager::BlockingManager(QObject *parent) : Extension(parent) {}

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
    iq.payload = Iq::makePayload(u"blocklist"_s, BlockingNs);
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
        if (list.tagName() == u"blocklist" && list.namespaceURI() == BlockingNs)
            addItems(itemsOf(list));
        m_supported = true;
        m_loaded = true;
        Q_EMIT blocklistChanged();
    });
}

void BlockingManager::block(const QList<Jid> &jids, QObject *context, Callback callback)
{
    sendCommand(u"block"_s, jids, context, std::move(callback));
}

void BlockingManager::unblock(const QList<Jid> &jids, QObject *context, Callback callback)
{
    sendCommand(u"unblock"_s, jids, context, std::move(callback));
}

void BlockingManager::unblockAll(QObject *context, Callback callback)
{
    sendCommand(u"unblock"_s, {}, context, std::move(callback));
}

void BlockingManager::sendCommand(const QString &command, const QList<Jid> &jids, QObject *context,
                                  Callback callback)
{
    const bool isBlock = command == u"block";
    QList<Jid> valid;
    for (const Jid &jid : jids) {
        if (!jid.isNull() && !valid.contains(jid))
            valid << jid;
    }
    // XEP-0191 §3.3: a <block/> without items is a bad request; nothing to block is nothing to do. An empty
    // <unblock/> means "everything", so only unblockAll() sends one.
    const bool nothingToDo = valid.isEmpty() && (isBlock || !jids.isEmpty());
    if (nothingToDo || !client()) {
        const auto status = client() ? IqReply::Status::Result : IqReply::Status::Disconnected;
        QTimer::singleShot(0, context ? context : this, [callback = std::move(callback), status] {
            if (callback) {
                IqReply reply;
                reply.status = status;
                callback(reply);
            }
        });
        return;
    }

    Iq iq;
    iq.type = Iq::Type::Set;
    iq.payload = commandPayload(command, valid);
    QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    client()->sendIq(iq, this, [this, isBlock, valid, guard, hadContext, callback = std::move(callback)](
                                   const IqReply &reply) {
        // The server also pushes the change (§3.3); applying it here too keeps the list right even if the push
        // comes later. Both are idempotent.
        if (reply.isResult()) {
            const bool changed = isBlock ? addItems(valid) : removeItems(valid.isEmpty() ? m_items : valid);
            if (changed)
                Q_EMIT blocklistChanged();
        }
        if (callback && (!hadContext || guard))
            callback(reply);
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
    if (payload.namespaceURI() != BlockingNs || (payload.tagName() != u"block" && payload.tagName() != u"unblock"))
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
    client()->sendElement(toElement(iq->makeResult()));
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
