// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/ProfileFetcher.h"

#include "client/XmppClient.h"
#include "extensions/AvatarManager.h"
#include "extensions/RosterManager.h"
#include "extensions/VCardManager.h"

#include <QLoggingCategory>
#include <QTimer>

using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcProfileFetcher, "xin.profiles.fetch")

ProfileFetcher::ProfileFetcher(XmppClient *client, VCardManager *vCards, AvatarManager *avatars, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_vCards(vCards)
    , m_avatars(avatars)
    , m_startTimer(new QTimer(this))
{
    m_startTimer->setSingleShot(true);
    m_startTimer->setInterval(1500ms);
    connect(m_startTimer, &QTimer::timeout, this, [this] {
        m_ready = m_client->isConnected();
        pump();
    });
    connect(m_client, &XmppClient::connected, this, [this] {
        m_ready = false;
        m_startTimer->start();
    });
    connect(m_client, &XmppClient::resumed, this, [this] {
        m_ready = true;
        pump();
    });
    connect(m_client, &XmppClient::disconnected, this, [this] {
        m_ready = false;
        m_startTimer->stop();
    });
    if (m_client->isConnected())
        m_startTimer->start();
}

void ProfileFetcher::setRosterManager(RosterManager *roster)
{
    m_roster = roster;
}

void ProfileFetcher::setStartDelay(std::chrono::milliseconds delay)
{
    m_startTimer->setInterval(delay);
}

Jid ProfileFetcher::ownBareJid() const
{
    return m_client->isConnected() ? m_client->jid().bare() : m_client->configuration().jid.bare();
}

bool ProfileFetcher::isPending(const Jid &jid) const
{
    const Jid bare = jid.bare();
    return m_inFlight.contains(bare) || m_queue.contains(bare);
}

bool ProfileFetcher::isKnown(const Jid &bareJid) const
{
    return m_vCards->cachedVCard(bareJid).has_value();
}

void ProfileFetcher::request(const Jid &jid)
{
    enqueue(jid.bare(), false);
}

void ProfileFetcher::requestFirst(const Jid &jid)
{
    enqueue(jid.bare(), true);
}

void ProfileFetcher::enqueue(const Jid &bareJid, bool first)
{
    if (bareJid.isNull() || bareJid.local().isEmpty() || bareJid == ownBareJid())
        return;   // servers and components have no vCard of a person; ours is read at login
    if (m_asked.contains(bareJid)) {
        if (first && m_queue.removeOne(bareJid))
            m_queue.prepend(bareJid);
        return;
    }
    if (isKnown(bareJid)) {
        m_asked.insert(bareJid);
        return;
    }
    if (m_roster && !m_roster->contains(bareJid) && !m_strangers.allow(QString())) {
        qCDebug(lcProfileFetcher) << "not fetching the profile of" << bareJid.toString() << "now (rate limit)";
        return;
    }
    m_asked.insert(bareJid);
    if (!first) {
        m_queue.append(bareJid);
    } else if (!m_ready && m_client->isConnected() && m_inFlight.size() < MaxInFlight) {
        // Someone the user is waiting to see does not wait for the presences: it is fetched now.
        fetch(bareJid);
        return;
    } else {
        m_queue.prepend(bareJid);
    }
    pump();
}

void ProfileFetcher::pump()
{
    while (m_ready && m_inFlight.size() < MaxInFlight && !m_queue.isEmpty()) {
        const Jid next = m_queue.takeFirst();
        // A presence's hash may have brought the vCard while this one waited.
        if (isKnown(next))
            Q_EMIT profileFetched(next, true);
        else
            fetch(next);
    }
}

void ProfileFetcher::fetch(const Jid &bareJid)
{
    m_inFlight.insert(bareJid);
    m_vCards->requestVCard(bareJid, this, [this, bareJid](const VCardManager::VCardReply &reply) {
        if (reply.status == IqReply::Status::Disconnected) {
            // Never answered: asked again after the next connection. Nothing is sent while the stream ends.
            m_ready = false;
            m_inFlight.remove(bareJid);
            m_queue.prepend(bareJid);
            return;
        }
        if (!reply.isOk()) {
            // A refusal or a timeout is the answer for this run: asking again would cost the same.
            qCDebug(lcProfileFetcher) << "no vCard for" << bareJid.toString()
                                      << (reply.error ? reply.error->text : QString());
            return finished(bareJid, false);
        }
        // The names are in VCardManager's cache now (vCardReceived); the photo goes to the AvatarManager.
        m_avatars->avatarFromVCard(bareJid, reply.value, this,
                                   [this, bareJid](const AvatarManager::AvatarReply &avatar) {
            if (avatar.status == IqReply::Status::Disconnected) {
                // The stream (or the client) is going away: say nothing, send nothing. The vCard is cached,
                // so a later request() finds the profile known.
                m_ready = false;
                m_inFlight.remove(bareJid);
                return;
            }
            finished(bareJid, true);
        });
    });
}

void ProfileFetcher::finished(const Jid &bareJid, bool ok)
{
    m_inFlight.remove(bareJid);
    Q_EMIT profileFetched(bareJid, ok);
    pump();
}
