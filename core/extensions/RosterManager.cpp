// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/RosterManager.h"

#include "client/IqTracker.h"
#include "client/XmppClient.h"
#include "storage/RosterStore.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QCoreApplication>
#include <QDomDocument>
#include <QDomElement>
#include <QLoggingCategory>
#include <QSet>
#include <QXmlStreamWriter>

#include <algorithm>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRoster, "xin.roster")

namespace {

/// Writes a <query xmlns='jabber:iq:roster'/>, optionally with a 'ver' and one item, into the request.
std::function<void(QXmlStreamWriter &)> rosterQuery(const std::optional<QString> &version,
                                                    const std::optional<RosterItem> &item)
{
    return [version, item](QXmlStreamWriter &out) {
        out.writeStartElement(u"query"_s);
        out.writeDefaultNamespace(ns::Roster);
        if (version)
            out.writeAttribute(u"ver"_s, *version);
        if (item)
            item->write(out);
        out.writeEndElement();
    };
}

/// A XEP-0172 <nick/> for a presence's extensions, built in a DOM of its own (no text to parse).
QDomElement nickElement(const QString &nick)
{
    QDomDocument document;
    QDomElement element = document.createElementNS(ns::Nick, u"nick"_s);
    element.appendChild(document.createTextNode(XmlWriter::xmlSafe(nick)));
    // Appended, so that the element is detached cleanly when the document goes (see Iq::makePayload()).
    document.appendChild(element);
    return element;
}

bool isRosterQuery(const QDomElement &element)
{
    return element.localName() == u"query" && element.namespaceURI() == ns::Roster;
}

QList<RosterItem> parseItems(const QDomElement &query)
{
    QList<RosterItem> items;
    for (QDomElement child = query.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (auto item = RosterItem::fromElement(child))
            items.append(*item);
        else
            qCDebug(lcRoster) << "skipped an invalid roster item";
    }
    return items;
}

} // namespace

RosterManager::RosterManager(RosterStore *store, QObject *parent) : Extension(parent)
{
    setStore(store);
}

RosterManager::~RosterManager() = default;

void RosterManager::setStore(RosterStore *store)
{
    m_store = store;
    m_items.clear();
    if (!m_store)
        return;
    const QList<RosterItem> cached = m_store->items();
    m_items.reserve(cached.size());
    for (const RosterItem &item : cached)
        m_items.insert(item.jid, item);
}

QString RosterManager::defaultGroupName()
{
    return QCoreApplication::translate("RosterManager", "My Friends");
}

QList<RosterItem> RosterManager::items() const
{
    // Sorted for stable output (xin-cli prints it); each JID is turned into a string once, not per comparison.
    std::vector<std::pair<QString, const RosterItem *>> keyed;
    keyed.reserve(m_items.size());
    for (const RosterItem &item : m_items)
        keyed.emplace_back(item.jid.toString(), &item);
    std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<RosterItem> result;
    result.reserve(qsizetype(keyed.size()));
    for (const auto &entry : keyed)
        result.append(*entry.second);
    return result;
}

void RosterManager::forEachItem(const std::function<void(const RosterItem &)> &visit) const
{
    for (const RosterItem &item : m_items)
        visit(item);
}

bool RosterManager::contains(const Jid &jid) const
{
    return m_items.contains(jid.bare());
}

std::optional<RosterItem> RosterManager::item(const Jid &jid) const
{
    const auto it = m_items.constFind(jid.bare());
    if (it == m_items.cend())
        return std::nullopt;
    return *it;
}

QStringList RosterManager::groups() const
{
    QStringList result;
    for (const RosterItem &item : m_items) {
        for (const QString &group : item.groups) {
            if (!result.contains(group))
                result.append(group);
        }
    }
    result.sort();
    return result;
}

QList<Jid> RosterManager::members(const QString &group) const
{
    const bool defaultGroup = group == defaultGroupName();
    QList<Jid> result;
    for (const RosterItem &item : m_items) {
        if (item.groups.contains(group) || (defaultGroup && item.groups.isEmpty()))
            result.append(item.jid);
    }
    std::sort(result.begin(), result.end(), [](const Jid &a, const Jid &b) { return a.toString() < b.toString(); });
    return result;
}

// ---------------------------------------------------------------------------------------------------------
// Roster management (RFC 6121 §2.3-2.5)

void RosterManager::addContact(const Jid &jid, const QString &name, const QStringList &groups)
{
    RosterItem item;
    item.jid = jid.bare();
    item.name = name;
    item.groups = groups;
    sendRosterSet(item);
}

void RosterManager::renameContact(const Jid &jid, const QString &name)
{
    // §2.1.2: a roster set replaces the whole item, so the groups must be sent again.
    RosterItem item = this->item(jid).value_or(RosterItem{});
    item.jid = jid.bare();
    item.name = name;
    sendRosterSet(item);
}

void RosterManager::removeContact(const Jid &jid)
{
    RosterItem item;
    item.jid = jid.bare();
    item.subscription = RosterItem::Subscription::Remove;
    sendRosterSet(item);
}

void RosterManager::setGroups(const Jid &jid, const QStringList &groups)
{
    RosterItem item = this->item(jid).value_or(RosterItem{});
    item.jid = jid.bare();
    item.groups = groups;
    sendRosterSet(item);
}

void RosterManager::renameGroup(const QString &oldName, const QString &newName)
{
    if (oldName == newName || oldName.isEmpty())
        return;
    // Renaming to the default group (or to nothing) is moving the members there.
    if (newName.isEmpty() || newName == defaultGroupName()) {
        removeGroup(oldName, RemoveGroupMode::MoveMembersToDefault);
        return;
    }
    // RFC 6121 has no group objects: a group exists through its members, each re-sent with the new name.
    for (const RosterItem &item : items()) {
        const qsizetype index = item.groups.indexOf(oldName);
        if (index < 0)
            continue;
        QStringList groups = item.groups;
        if (groups.contains(newName))
            groups.removeAt(index);
        else
            groups[index] = newName;
        setGroups(item.jid, groups);
    }
}

void RosterManager::removeGroup(const QString &group, RemoveGroupMode mode)
{
    for (const RosterItem &item : items()) {
        if (!item.groups.contains(group))
            continue;
        if (mode == RemoveGroupMode::RemoveMembers && item.groups.size() == 1) {
            removeContact(item.jid);
            continue;
        }
        QStringList groups = item.groups;
        groups.removeAll(group);
        setGroups(item.jid, groups);
    }
}

void RosterManager::sendRosterSet(const RosterItem &item)
{
    if (!client() || item.jid.isNull())
        return;
    RosterItem request = item;
    // §2.1.2: the server owns subscription state; a client sends only jid, name and groups (or 'remove').
    if (request.subscription != RosterItem::Subscription::Remove)
        request.subscription = RosterItem::Subscription::None;
    request.pendingOut = false;
    request.approved = false;

    Iq iq;
    iq.type = Iq::Type::Set;
    iq.payloadWriter = rosterQuery(std::nullopt, request);
    const Jid jid = request.jid;
    client()->sendIq(iq, this, [this, jid](const IqReply &reply) {
        if (reply.isResult())
            return;   // the change arrives as a roster push (§2.1.5)
        QString reason = u"timeout"_s;
        if (reply.status == IqReply::Status::Disconnected)
            reason = u"disconnected"_s;
        else if (reply.status == IqReply::Status::Error && reply.iq.error)
            reason = StanzaError::conditionName(reply.iq.error->condition);
        qCWarning(lcRoster) << "roster set for" << jid.toString() << "failed:" << reason;
        Q_EMIT contactUpdateFailed(jid, reason);
    });
}

// ---------------------------------------------------------------------------------------------------------
// Friend requests (RFC 6121 §3)

void RosterManager::setSubscriptionMode(SubscriptionMode mode)
{
    m_mode = mode;
}

void RosterManager::setNickname(const QString &nickname)
{
    m_nickname = nickname;
}

void RosterManager::requestFriend(const Jid &jid, const QString &group, const QString &greeting)
{
    const Jid bare = jid.bare();
    // Keep the remark and other groups if the contact is already on the roster (e.g. asking again).
    RosterItem item = this->item(bare).value_or(RosterItem{});
    item.jid = bare;
    if (!group.isEmpty() && group != defaultGroupName() && !item.groups.contains(group))
        item.groups = QStringList{group};
    sendRosterSet(item);
    sendSubscriptionPresence(bare, Presence::Type::Subscribe, greeting);
    // §3.4: 'subscribed' before they asked is a pre-approval; the server then approves their request back
    // by itself. Without server support it would be an approval the server drops (§3.1.3), so only then.
    const bool theyHaveOurPresence = item.subscription == RosterItem::Subscription::From
                                  || item.subscription == RosterItem::Subscription::Both;
    if (isPreApprovalSupported() && !theyHaveOurPresence && !item.approved)
        sendSubscriptionPresence(bare, Presence::Type::Subscribed);
}

bool RosterManager::isPreApprovalSupported() const
{
    return client() && client()->hasStreamFeature(u"sub", ns::PreApproval);
}

void RosterManager::acceptFriend(const Jid &jid, const QString &group, const QString &remark)
{
    const Jid bare = jid.bare();
    const std::optional<RosterItem> existing = item(bare);
    if (!group.isEmpty() || !remark.isEmpty() || !existing) {
        RosterItem item = existing.value_or(RosterItem{});
        item.jid = bare;
        if (!remark.isEmpty())
            item.name = remark;
        if (!group.isEmpty())
            item.groups = group == defaultGroupName() ? QStringList{} : QStringList{group};
        sendRosterSet(item);
    }
    // §3.1.4: approve; then ask back unless we already see their presence or asked already (mutual, like QQ).
    sendSubscriptionPresence(bare, Presence::Type::Subscribed);
    if (!existing || (!existing->hasSubscriptionTo() && !existing->pendingOut))
        sendSubscriptionPresence(bare, Presence::Type::Subscribe);
    dropPendingRequest(bare);
}

void RosterManager::refuseFriend(const Jid &jid)
{
    // §3.2.1: 'unsubscribed' both refuses a pending request and ends an existing subscription from them.
    sendSubscriptionPresence(jid.bare(), Presence::Type::Unsubscribed);
    dropPendingRequest(jid.bare());
}

void RosterManager::removeFriend(const Jid &jid)
{
    const Jid bare = jid.bare();
    // §3.3 and §3.2: stop seeing them and stop them seeing us, then forget the item (§2.5).
    sendSubscriptionPresence(bare, Presence::Type::Unsubscribe);
    sendSubscriptionPresence(bare, Presence::Type::Unsubscribed);
    removeContact(bare);
    dropPendingRequest(bare);
}

void RosterManager::sendSubscriptionPresence(const Jid &to, Presence::Type type, const QString &status)
{
    if (!client())
        return;
    Presence presence;
    presence.type = type;
    presence.to = to;
    presence.status = status;
    // XEP-0172 §4.2: a nickname belongs in subscription requests, where the contact has no other name yet.
    if (type == Presence::Type::Subscribe && !m_nickname.isEmpty())
        presence.extensions.append(nickElement(m_nickname));
    client()->send(presence);
}

void RosterManager::dropPendingRequest(const Jid &jid)
{
    const auto removed = m_pending.removeIf([&](const FriendRequest &request) { return request.jid == jid; });
    if (removed > 0)
        Q_EMIT pendingRequestsChanged();
}

// ---------------------------------------------------------------------------------------------------------
// Incoming stanzas

bool RosterManager::handleStanza(const QDomElement &stanza)
{
    if (stanza.tagName() == u"iq" && stanza.attribute(u"type"_s) == u"set" && isRosterQuery(stanza.firstChildElement()))
        return handleRosterPush(stanza);
    if (stanza.tagName() == u"presence") {
        const QString type = stanza.attribute(u"type"_s);
        if (type != u"subscribe" && type != u"subscribed" && type != u"unsubscribe" && type != u"unsubscribed")
            return false;
        if (const auto presence = Presence::fromElement(stanza))
            return handleSubscriptionPresence(*presence);
    }
    return false;
}

bool RosterManager::isOwnAccount(const Jid &from) const
{
    // RFC 6120 §8.1.2.1: no 'from' means our own account; some servers stamp our bare JID instead.
    return from.isNull() || (client() && from == client()->jid().bare());
}

bool RosterManager::handleRosterPush(const QDomElement &stanza)
{
    const auto iq = Iq::fromElement(stanza);
    if (!iq)
        return false;
    // RFC 6121 §2.1.6, docs/SECURITY.md rule 3: only our own server may push. A forged push is not taken, so the
    // client answers it with service-unavailable (RFC 6120 §8.4) as if we had no roster to offer: never a
    // result, which would tell the sender the push was accepted.
    if (!isOwnAccount(iq->from)) {
        qCWarning(lcRoster) << "ignored a roster push from" << iq->from.toString() << "(not our server)";
        return false;
    }
    // §2.1.6: a push carries exactly one item.
    const QList<RosterItem> pushed = parseItems(iq->payload);
    if (pushed.size() != 1 || iq->payload.elementsByTagNameNS(ns::Roster, u"item"_s).size() != 1) {
        qCWarning(lcRoster) << "refused a roster push with" << pushed.size() << "valid items";
        client()->send(iq->makeError(StanzaError::Type::Modify, StanzaError::Condition::BadRequest));
        return true;
    }
    client()->send(iq->makeResult());

    const RosterItem &item = pushed.constFirst();
    if (m_store)
        m_store->apply(item, iq->payload.attribute(u"ver"_s));
    applyItem(item);
    return true;
}

void RosterManager::applyItem(const RosterItem &item)
{
    const auto existing = m_items.constFind(item.jid);
    if (item.subscription == RosterItem::Subscription::Remove) {
        if (existing == m_items.cend())
            return;
        m_items.erase(existing);
        dropPendingRequest(item.jid);
        Q_EMIT contactRemoved(item.jid);
        return;
    }
    // Approved from elsewhere (another resource of ours): the request is no longer pending.
    if (item.hasSubscriptionFrom())
        dropPendingRequest(item.jid);
    if (existing == m_items.cend()) {
        m_items.insert(item.jid, item);
        Q_EMIT contactAdded(item.jid);
    } else if (*existing != item) {
        m_items.insert(item.jid, item);
        Q_EMIT contactChanged(item.jid);
    }
}

bool RosterManager::handleSubscriptionPresence(const Presence &presence)
{
    // RFC 6121 §3.1.3: the server stamps the contact's bare JID. Without one there is nobody to answer.
    if (presence.from.isNull()) {
        qCWarning(lcRoster) << "ignored a subscription presence without 'from'";
        return true;
    }
    const Jid from = presence.from.bare();
    switch (presence.type) {
    case Presence::Type::Subscribe:
        handleSubscribe(from, presence);
        break;
    case Presence::Type::Subscribed:
        Q_EMIT friendRequestAccepted(from);
        break;
    case Presence::Type::Unsubscribed:
        Q_EMIT friendRequestRefused(from);
        break;
    case Presence::Type::Unsubscribe:
        // §3.2: a requester who withdraws a pending request sends 'unsubscribe'.
        dropPendingRequest(from);
        Q_EMIT contactUnsubscribed(from);
        break;
    default:
        return false;
    }
    return true;
}

void RosterManager::handleSubscribe(const Jid &from, const Presence &presence)
{
    if (client() && from == client()->jid().bare())
        return;
    const std::optional<RosterItem> existing = item(from);
    // The other half of a friendship we asked for: they approved us and now ask back. Approving is what
    // the user already chose by asking (the QQ model); nothing else is approved without the user.
    if (existing && (existing->hasSubscriptionTo() || existing->pendingOut)) {
        sendSubscriptionPresence(from, Presence::Type::Subscribed);
        return;
    }
    switch (m_mode) {
    case SubscriptionMode::AcceptAll:
        acceptFriend(from);
        return;
    case SubscriptionMode::RejectAll:
        refuseFriend(from);
        return;
    case SubscriptionMode::Manual:
        break;
    }
    FriendRequest request;
    request.jid = from;
    request.greeting = presence.status;
    request.nick = presence.extension(u"nick"_s, ns::Nick).text();
    // §3.1.3: the server delivers a pending request again at each login; one entry per JID, the latest text.
    const auto known = std::find_if(m_pending.begin(), m_pending.end(),
                                    [&](const FriendRequest &pending) { return pending.jid == from; });
    if (known != m_pending.end()) {
        if (*known != request) {
            *known = request;
            Q_EMIT pendingRequestsChanged();
        }
        return;
    }
    // Bounded whatever the number of senders: the oldest waiting request makes room (a real one is
    // delivered again by the server at the next login, RFC 6121 §3.1.3).
    while (m_pending.size() >= MaxPendingRequests)
        m_pending.removeFirst();
    m_pending.append(request);
    Q_EMIT pendingRequestsChanged();
    if (m_requestAlerts.allow(from.toString()))
        Q_EMIT friendRequestReceived(from, request.greeting, request.nick);
    else
        qCDebug(lcRoster) << "friend request from" << from.toString() << "kept without a new alert (rate limit)";
}

// ---------------------------------------------------------------------------------------------------------
// Roster retrieval (RFC 6121 §2.2, versioning §2.6)

void RosterManager::sessionStarted()
{
    m_received = false;
    requestRoster();
}

void RosterManager::requestRoster()
{
    // §2.6.1 forbids 'ver' towards a server without versioning; a version in the cache came from this
    // server, which therefore supports it. Without one we ask plainly; a server that versions answers
    // with a version anyway, and the next login uses it.
    std::optional<QString> version;
    if (m_store && !m_store->version().isEmpty())
        version = m_store->version();
    Iq iq;
    iq.type = Iq::Type::Get;
    iq.id = client()->generateId();
    iq.payloadWriter = rosterQuery(version, std::nullopt);
    m_rosterGetId = iq.id;
    m_streamedItems.clear();
    client()->sendIq(iq, this, [this](const IqReply &reply) {
        m_rosterGetId.clear();
        QList<RosterItem> items = std::exchange(m_streamedItems, {});
        if (!reply.isResult()) {
            qCWarning(lcRoster) << "the roster get failed" << int(reply.status);
            Q_EMIT rosterRequestFailed();
            return;
        }
        // §2.6.3: an empty result means the cache is current and changes (if any) follow as pushes.
        if (isRosterQuery(reply.iq.payload)) {
            items.append(parseItems(reply.iq.payload));   // none: they came one by one
            applyFullRoster(items, reply.iq.payload.attribute(u"ver"_s));
        }
        m_received = true;
        Q_EMIT rosterReceived();
    });
}

bool RosterManager::wantsStreamedChildren(const QDomElement &stanza, const QDomElement &container)
{
    // Only the answer to our roster get, judged as IqTracker will judge it (RFC 6120 §8.1.2.1): a large
    // roster's items are then read one at a time instead of as one DOM of kilobytes per contact.
    if (m_rosterGetId.isEmpty() || stanza.localName() != u"iq" || stanza.attribute(u"type"_s) != u"result"
        || stanza.attribute(u"id"_s) != m_rosterGetId || !isRosterQuery(container))
        return false;
    const QString from = stanza.attribute(u"from"_s);
    const auto origin = from.isEmpty() ? std::optional<Jid>(Jid()) : Jid::parse(from);
    return origin && IqTracker::isValidOrigin(Jid(), *origin, client()->jid());
}

void RosterManager::handleStreamedChild(const QDomElement &stanza, const QDomElement &child)
{
    Q_UNUSED(stanza)
    if (auto item = RosterItem::fromElement(child))
        m_streamedItems.append(std::move(*item));
    else
        qCDebug(lcRoster) << "skipped an invalid roster item";
}

void RosterManager::applyFullRoster(const QList<RosterItem> &items, const QString &version)
{
    if (m_store)
        m_store->replaceAll(items, version);
    // Tell observers what differs from the cache they were shown, item by item.
    QSet<Jid> present;
    for (const RosterItem &item : items) {
        present.insert(item.jid);
        applyItem(item);
    }
    const QList<Jid> cached = m_items.keys();
    for (const Jid &jid : cached) {
        if (!present.contains(jid)) {
            RosterItem removed;
            removed.jid = jid;
            removed.subscription = RosterItem::Subscription::Remove;
            applyItem(removed);
        }
    }
}
