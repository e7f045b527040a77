// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/VCardManager.h"

#include "client/XmppClient.h"
#include "stanza/Iq.h"
#include "stanza/Presence.h"
#include "storage/VCardStore.h"
#include "xml/Namespaces.h"

#include <QDomElement>

using namespace Qt::StringLiterals;

namespace {

StanzaError malformed(const QString &what)
{
    StanzaError error;
    error.type = StanzaError::Type::Modify;
    error.condition = StanzaError::Condition::BadRequest;
    error.text = what;
    return error;
}

} // namespace

VCardManager::VCardManager(VCardStore *store, QObject *parent) : Extension(parent), m_store(store) { }

VCardManager::~VCardManager() = default;

Jid VCardManager::ownBareJid() const
{
    return client() ? client()->jid().bare() : Jid();
}

void VCardManager::requestVCard(const Jid &jid, QObject *context, std::function<void(const VCardReply &)> callback)
{
    const Jid own = client()->isConnected() ? ownBareJid() : client()->configuration().jid.bare();
    const Jid bare = jid.isNull() ? own : jid.bare();
    Iq request;
    request.type = Iq::Type::Get;
    if (bare != own)
        request.to = bare;   // XEP-0054 §3.1: our own vCard is asked for without 'to'
    request.payload = Iq::makePayload(u"vCard"_s, ns::VCardTemp);
    client()->sendIq(request, context ? context : this,
                     [this, bare, callback = std::move(callback)](const IqReply &answer) {
        auto reply = VCardReply::fromAnswer(answer);
        if (answer.status == IqReply::Status::Error && reply.error
            && reply.error->condition == StanzaError::Condition::ItemNotFound) {
            reply.status = IqReply::Status::Result;   // §3.1: "no vCard" may come as item-not-found
            reply.error.reset();
        } else if (answer.isResult()) {
            // §3.1: an empty result (no <vCard/>) also means "no vCard".
            const auto card = answer.iq.payload.isNull() ? std::optional<VCard>(VCard{})
                                                         : VCard::fromElement(answer.iq.payload);
            if (card) {
                reply.value = *card;
            } else {
                reply.status = IqReply::Status::Error;
                reply.error = malformed(u"no vCard in the answer"_s);
            }
        }
        if (reply.isOk())
            remember(bare, reply.value);
        callback(reply);
    });
}

void VCardManager::publishVCard(const VCard &vCard, QObject *context, std::function<void(const VCardReply &)> callback)
{
    Iq request;
    request.type = Iq::Type::Set;   // XEP-0054 §3.2: no 'to', the server stores it for our account
    request.payloadWriter = [vCard](QXmlStreamWriter &out) { vCard.write(out); };
    client()->sendIq(request, context ? context : this,
                     [this, vCard, callback = std::move(callback)](const IqReply &answer) {
        auto reply = VCardReply::fromAnswer(answer);
        if (reply.isOk()) {
            reply.value = vCard;
            remember(ownBareJid(), vCard);
        }
        callback(reply);
    });
}

void VCardManager::remember(const Jid &bareJid, const VCard &vCard)
{
    if (bareJid.isNull())
        return;
    const QString nickBefore = nickname(bareJid);
    m_cache.insert(bareJid, vCard);
    if (m_store)
        m_store->setVCard(bareJid, vCard);
    Q_EMIT vCardReceived(bareJid, vCard);
    if (nickname(bareJid) != nickBefore)
        Q_EMIT nicknameChanged(bareJid);
}

std::optional<VCard> VCardManager::cachedVCard(const Jid &jid) const
{
    const auto it = m_cache.constFind(jid.bare());
    if (it != m_cache.cend())
        return *it;
    return m_store ? m_store->vCard(jid.bare()) : std::nullopt;
}

QString VCardManager::nickname(const Jid &jid) const
{
    const QString fromPresence = m_nicknames.value(jid.bare());
    if (!fromPresence.isEmpty())
        return fromPresence;
    const auto card = cachedVCard(jid);
    return card ? card->nickname : QString();
}

void VCardManager::observeStanza(const QDomElement &stanza)
{
    if (stanza.tagName() != u"presence")
        return;
    const auto presence = Presence::fromElement(stanza);
    if (!presence || presence->from.isNull())
        return;
    // XEP-0172 §4.2 (subscription requests) and §4.3 (presence): the nickname the sender gives itself.
    const QDomElement nick = presence->extension(u"nick"_s, ns::Nick);
    if (!nick.isNull()) {
        const Jid bare = presence->from.bare();
        const QString before = nickname(bare);
        const QString text = nick.text().trimmed();
        if (text.isEmpty())
            m_nicknames.remove(bare);
        else
            m_nicknames.insert(bare, text);
        if (nickname(bare) != before)
            Q_EMIT nicknameChanged(bare);
    }
}
