// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/PresenceManager.h"

#include "client/XmppClient.h"
#include "extensions/RosterManager.h"
#include "stanza/Iq.h"
#include "xml/Namespaces.h"

#include <QDomElement>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPresence, "xin.presence")

namespace {
LastActivity parseLastActivity(const IqReply &reply)
{
    LastActivity result;
    result.status = reply.status;
    if (reply.status == IqReply::Status::Error) {
        result.error = reply.iq.error;
        return result;
    }
    if (reply.status != IqReply::Status::Result)
        return result;
    // XEP-0012 §2: <query xmlns='jabber:iq:last' seconds='N'>status</query>. A result without a usable
    // number is treated as an answer that says nothing.
    const QDomElement query = reply.iq.payload;
    bool ok = false;
    const qint64 seconds = query.attribute(u"seconds"_s).toLongLong(&ok);
    if (query.tagName() != u"query" || query.namespaceURI() != ns::Last || !ok || seconds < 0) {
        result.status = IqReply::Status::Error;
        result.error = StanzaError{StanzaError::Type::Cancel,
                                   StanzaError::Condition::UndefinedCondition,
                                   u"invalid last activity answer"_s,
                                   {},
                                   {}};
        return result;
    }
    result.seconds = seconds;
    result.text = query.text();
    return result;
}
} // namespace

PresenceManager::PresenceManager(QObject *parent) : Extension(parent) { }

PresenceManager::~PresenceManager() = default;

ResourcePresence PresenceManager::contactPresence(const Jid &jid) const
{
    const auto it = m_contacts.constFind(jid.bare());
    return it == m_contacts.cend() ? ResourcePresence{} : it->aggregate();
}

QList<ResourcePresence> PresenceManager::resources(const Jid &jid) const
{
    const auto it = m_contacts.constFind(jid.bare());
    return it == m_contacts.cend() ? QList<ResourcePresence>{} : it->resources();
}

QList<Jid> PresenceManager::contacts() const
{
    return m_contacts.keys();
}

void PresenceManager::setOwnPresence(Presence::Show show, const QString &status, int priority)
{
    Presence presence;
    presence.show = show;
    presence.status = status;
    presence.priority = qBound(-128, priority, 127);   // RFC 6121 §4.7.2.3
    const bool changed = presence.show != m_own.show || presence.status != m_own.status
                      || presence.priority != m_own.priority;
    m_own = presence;
    if (client() && client()->isConnected() && !m_initialPresencePending)
        client()->send(m_own);   // RFC 6121 §4.4: a broadcast, no 'to'
    else if (changed)
        m_ownUnsent = true;   // sent with the next session's initial presence, or when this one resumes
    if (changed)
        Q_EMIT ownPresenceChanged(m_own);
}

void PresenceManager::requestLastActivity(const Jid &jid, QObject *context,
                                          std::function<void(const LastActivity &)> callback)
{
    Iq iq;
    iq.type = Iq::Type::Get;
    iq.to = jid.bare();   // XEP-0012 §3: the bare JID asks the server about an offline contact
    iq.payload = Iq::makePayload(u"query"_s, ns::Last);
    if (!client()) {
        QTimer::singleShot(0, context ? context : this, [callback = std::move(callback)] {
            LastActivity result;
            result.status = IqReply::Status::Disconnected;
            callback(result);
        });
        return;
    }
    client()->sendIq(iq, context ? context : this,
                     [callback = std::move(callback)](const IqReply &reply) { callback(parseLastActivity(reply)); });
}

void PresenceManager::observeStanza(const QDomElement &stanza)
{
    if (stanza.tagName() != u"presence")
        return;
    const auto presence = Presence::fromElement(stanza);
    if (!presence || presence->from.isNull())
        return;
    if (presence->type != Presence::Type::Available && presence->type != Presence::Type::Unavailable
        && presence->type != Presence::Type::Error)
        return;   // subscriptions and probes: the RosterManager's (RFC 6121 §3)

    const Jid bare = presence->from.bare();
    if (!acceptsPresenceFrom(bare)) {
        qCDebug(lcPresence) << "ignored presence from" << bare.toString() << "(no subscription)";
        return;
    }
    ContactPresence &contact = m_contacts[bare];
    const ResourcePresence before = contact.aggregate();
    const QList<ResourcePresence> resourcesBefore = contact.resources();
    if (contact.apply(*presence, QDateTime::currentDateTimeUtc())) {
        if (contact.resources() != resourcesBefore)
            Q_EMIT resourcesChanged(bare);
        if (contact.aggregate() != before)
            Q_EMIT presenceChanged(bare);
    }
}

void PresenceManager::setClient(XmppClient *client)
{
    Extension::setClient(client);
    // Once our session is gone we learn nothing more: what we knew is no longer true (RFC 6121 §4.2: the
    // server sends everything again after the next initial presence). A session resumed after a dropped
    // connection (XEP-0198) kept it all: the server sends what changed meanwhile.
    connect(client, &XmppClient::sessionEnded, this, &PresenceManager::forgetAll);
    // A resumed session (XEP-0198) still carries our last presence; one changed meanwhile goes now.
    connect(client, &XmppClient::resumed, this, [this] {
        if (m_ownUnsent && !m_initialPresencePending && this->client()->send(m_own))
            m_ownUnsent = false;
    });
}

bool PresenceManager::acceptsPresenceFrom(const Jid &jid) const
{
    if (!m_roster)
        return true;   // nothing to judge by (tools, tests of the aggregation alone)
    const Jid bare = jid.bare();
    if (client() && bare == client()->jid().bare())
        return true;   // RFC 6121 §4.2.2: our other resources
    if (m_directed.contains(bare))
        return true;   // RFC 6121 §4.6: we told it our presence; it may answer with its own
    // RFC 6121 §4.1: presence comes from those whose presence we are subscribed to. A pending request of ours
    // counts too: its answer may be an error presence (unknown user) the user wants to see.
    const std::optional<RosterItem> item = m_roster->item(bare);
    return item && (item->hasSubscriptionTo() || item->pendingOut);
}

void PresenceManager::rosterItemChanged(const Jid &bareJid)
{
    // A contact removed or no longer shared with us: what it said before is no longer ours to show.
    const auto it = m_contacts.find(bareJid);
    if (it == m_contacts.end() || acceptsPresenceFrom(bareJid))
        return;
    const bool wasAvailable = it->isAvailable();
    m_contacts.erase(it);
    if (wasAvailable) {
        Q_EMIT resourcesChanged(bareJid);
        Q_EMIT presenceChanged(bareJid);
    }
}

void PresenceManager::preparePresence(Presence &presence)
{
    // RFC 6121 §4.6: directed presence; the entity may send us its own (a room its occupants' presence).
    if (!presence.to.isNull() && presence.type == Presence::Type::Available)
        m_directed.insert(presence.to.bare());
}

void PresenceManager::setRosterManager(RosterManager *roster)
{
    if (m_roster)
        disconnect(m_roster, nullptr, this, nullptr);
    m_roster = roster;
    if (!roster)
        return;
    connect(roster, &RosterManager::rosterReceived, this, &PresenceManager::sendInitialPresence);
    connect(roster, &RosterManager::rosterRequestFailed, this, &PresenceManager::sendInitialPresence);
    connect(roster, &RosterManager::contactChanged, this, &PresenceManager::rosterItemChanged);
    connect(roster, &RosterManager::contactRemoved, this, &PresenceManager::rosterItemChanged);
}

void PresenceManager::sessionStarted()
{
    forgetAll();
    m_initialPresencePending = true;
    if (!m_roster)
        sendInitialPresence();
}

void PresenceManager::sendInitialPresence()
{
    if (!m_initialPresencePending || !client() || !client()->isConnected())
        return;
    m_initialPresencePending = false;
    m_ownUnsent = false;
    // RFC 6121 §4.2: initial presence, which also asks the server for our contacts' presence.
    client()->send(m_own);
}

void PresenceManager::forgetAll()
{
    m_directed.clear();   // RFC 6121 §4.6.3: directed presence ends with the session
    const QList<Jid> jids = m_contacts.keys();
    QList<Jid> wereAvailable;
    for (const Jid &jid : jids) {
        if (m_contacts.value(jid).isAvailable())
            wereAvailable << jid;
    }
    m_contacts.clear();
    for (const Jid &jid : std::as_const(wereAvailable)) {
        Q_EMIT resourcesChanged(jid);
        Q_EMIT presenceChanged(jid);
    }
}
