// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/AvatarManager.h"

#include "client/XmppClient.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "extensions/VCardManager.h"
#include "stanza/Iq.h"
#include "stanza/Presence.h"
#include "storage/AvatarStore.h"
#include "storage/VCardStore.h"
#include "xml/Namespaces.h"

#include <QDomDocument>
#include <QDomElement>
#include <QLoggingCategory>
#include <QTimer>
#include <QXmlStreamWriter>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAvatar, "xin.avatar")

namespace {

using AvatarReply = AvatarManager::AvatarReply;

StanzaError makeError(StanzaError::Condition condition, const QString &text)
{
    StanzaError error;
    error.type = condition == StanzaError::Condition::ItemNotFound ? StanzaError::Type::Cancel
                                                                   : StanzaError::Type::Modify;
    error.condition = condition;
    error.text = text;
    return error;
}

/// Whether another source may be tried after @p reply: only after a real answer. After a timeout or the end
/// of the stream nothing more is sent (the client may be going away: its pending requests are ended
/// while it is destroyed).
bool mayTryAnother(const AvatarReply &reply)
{
    return reply.status == IqReply::Status::Error;
}

AvatarReply failure(StanzaError::Condition condition, const QString &text)
{
    AvatarReply reply;
    reply.status = IqReply::Status::Error;
    reply.error = makeError(condition, text);
    return reply;
}

/// Writes <pubsub><items node=@p node [max_items='1']><item id=@p id/></items></pubsub> (XEP-0060 §6.5.2,
/// §6.5.8).
std::function<void(QXmlStreamWriter &)> itemsRequest(const QString &node, const QString &id)
{
    return [node, id](QXmlStreamWriter &out) {
        out.writeStartElement(u"pubsub"_s);
        out.writeDefaultNamespace(ns::PubSub);
        out.writeStartElement(u"items"_s);
        out.writeAttribute(u"node"_s, node);
        if (id.isEmpty()) {
            out.writeAttribute(u"max_items"_s, u"1"_s);
        } else {
            out.writeStartElement(u"item"_s);
            out.writeAttribute(u"id"_s, id);
            out.writeEndElement();
        }
        out.writeEndElement();
        out.writeEndElement();
    };
}

/// An iq set publishing one item (with @p id, unless empty) to our PEP @p node (XEP-0060 §7.1, XEP-0163),
/// @p payload written inside the item.
Iq publication(const QString &node, const QString &id, std::function<void(QXmlStreamWriter &)> payload)
{
    Iq request;
    request.type = Iq::Type::Set;
    request.payloadWriter = [node, id, payload = std::move(payload)](QXmlStreamWriter &out) {
        out.writeStartElement(u"pubsub"_s);
        out.writeDefaultNamespace(ns::PubSub);
        out.writeStartElement(u"publish"_s);
        out.writeAttribute(u"node"_s, node);
        out.writeStartElement(u"item"_s);
        if (!id.isEmpty())
            out.writeAttribute(u"id"_s, id);
        payload(out);
        out.writeEndElement();
        out.writeEndElement();
        out.writeEndElement();
    };
    return request;
}

/// XEP-0084 §4.1: @p avatar's bytes, base64, in an item named by their SHA-1.
Iq dataPublication(const AvatarManager::Avatar &avatar)
{
    return publication(ns::AvatarData, avatar.hash, [data = avatar.data](QXmlStreamWriter &out) {
        out.writeStartElement(u"data"_s);
        out.writeDefaultNamespace(ns::AvatarData);
        out.writeCharacters(QString::fromLatin1(data.toBase64()));
        out.writeEndElement();
    });
}

/// XEP-0084 §4.2: the metadata pointing at @p avatar's data; without data, empty metadata (§4.5: disabled).
Iq metadataPublication(const AvatarManager::Avatar &avatar)
{
    const auto info = avatar.data.isEmpty() ? std::nullopt : AvatarStore::inspect(avatar.data);
    return publication(ns::AvatarMetadata, avatar.hash, [avatar, info](QXmlStreamWriter &out) {
        out.writeStartElement(u"metadata"_s);
        out.writeDefaultNamespace(ns::AvatarMetadata);
        if (info) {
            out.writeStartElement(u"info"_s);
            out.writeAttribute(u"bytes"_s, QString::number(avatar.data.size()));
            out.writeAttribute(u"id"_s, avatar.hash);
            out.writeAttribute(u"type"_s, avatar.mimeType);
            out.writeAttribute(u"width"_s, QString::number(info->size.width()));
            out.writeAttribute(u"height"_s, QString::number(info->size.height()));
            out.writeEndElement();
        }
        out.writeEndElement();
    });
}

/// The first <item/> of the <items node=@p node/> in a pubsub result or event.
QDomElement firstItem(const QDomElement &parent, const QString &node)
{
    for (QDomElement items = parent.firstChildElement(); !items.isNull(); items = items.nextSiblingElement()) {
        if (items.localName() == u"items" && items.attribute(u"node"_s) == node)
            return items.firstChildElement(u"item"_s);
    }
    return {};
}

/// From XEP-0084 metadata: the id of the image to fetch, preferring PNG (§4.2.1: every client supports it);
/// infos with a url (an HTTP avatar) are never fetched. Null if the metadata says "no avatar" (empty),
/// nullopt if it is no metadata.
std::optional<QString> metadataId(const QDomElement &item)
{
    const QDomElement metadata = item.firstChildElement(u"metadata"_s);
    if (metadata.isNull() || metadata.namespaceURI() != ns::AvatarMetadata)
        return std::nullopt;
    QString chosen;
    for (QDomElement info = metadata.firstChildElement(u"info"_s); !info.isNull();
         info = info.nextSiblingElement(u"info"_s)) {
        if (!info.attribute(u"url"_s).isEmpty() || !AvatarStore::isValidHash(info.attribute(u"id"_s).toLower()))
            continue;
        if (chosen.isEmpty() || info.attribute(u"type"_s) == u"image/png")
            chosen = info.attribute(u"id"_s).toLower();
    }
    return chosen.isEmpty() ? QString() : chosen;
}

} // namespace

AvatarManager::AvatarManager(AvatarStore *store, VCardManager *vCards, QObject *parent)
    : Extension(parent)
    , m_store(store)
    , m_vCards(vCards)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &AvatarManager::retryWanted);
}

AvatarManager::~AvatarManager() = default;

Jid AvatarManager::ownBareJid() const
{
    return client() ? client()->jid().bare() : Jid();
}

QString AvatarManager::avatarHash(const Jid &jid) const
{
    const Jid bare = jid.bare();
    const auto it = m_hashes.constFind(bare);
    if (it != m_hashes.cend())
        return *it;
    if (m_vCards && m_vCards->store()) {
        const QString hash = m_vCards->store()->avatarHash(bare);
        if (m_store && m_store->contains(hash))
            return hash;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------------
// Incoming

bool AvatarManager::handleStanza(const QDomElement &stanza)
{
    return stanza.tagName() == u"message" && handleEvent(stanza);
}

void AvatarManager::observeStanza(const QDomElement &stanza)
{
    if (stanza.tagName() == u"presence")
        handlePresence(stanza);
}

void AvatarManager::handlePresence(const QDomElement &stanza)
{
    const auto presence = Presence::fromElement(stanza);
    if (!presence || presence->from.isNull() || presence->type != Presence::Type::Available)
        return;
    const QDomElement update = presence->extension(u"x"_s, ns::VCardUpdate);
    const QDomElement photo = update.firstChildElement(u"photo"_s);
    // XEP-0153 §4.3: no <photo/> means the sender is not ready to say; leave what we know.
    if (!photo.isNull()) {
        const QString hash = photo.text().trimmed().toLower();
        if (hash.isEmpty() || AvatarStore::isValidHash(hash))
            hashAdvertised(presence->from.bare(), hash, false);
    }
}

bool AvatarManager::handleEvent(const QDomElement &stanza)
{
    const QDomElement event = stanza.firstChildElement(u"event"_s);
    if (event.isNull() || event.namespaceURI() != ns::PubSubEvent)
        return false;
    const QDomElement item = firstItem(event, ns::AvatarMetadata);
    if (item.isNull())
        return false;
    // XEP-0163 §4.3: a PEP notification comes from the publisher's bare JID; anything else is forged.
    const auto from = Jid::parse(stanza.attribute(u"from"_s));
    if (!from || !from->isBare() || from->local().isEmpty()) {
        qCWarning(lcAvatar) << "ignored an avatar event not from a bare JID:" << stanza.attribute(u"from"_s);
        return true;
    }
    if (const auto id = metadataId(item))
        hashAdvertised(*from, *id, true);
    return true;
}

void AvatarManager::setRosterManager(RosterManager *roster)
{
    m_roster = roster;
}

bool AvatarManager::fetchesFor(const Jid &bareJid) const
{
    if (!m_roster || bareJid == ownBareJid())
        return true;
    return m_roster->contains(bareJid);
}

void AvatarManager::hashAdvertised(const Jid &bareJid, const QString &hash, bool fromPep)
{
    if (!fetchesFor(bareJid)) {
        qCDebug(lcAvatar) << "ignored an avatar hash from" << bareJid.toString() << "(not a contact)";
        return;
    }
    if (hash.isEmpty() || hash == avatarHash(bareJid)) {
        m_wanted.remove(bareJid);
        setHash(bareJid, hash);
        return;
    }
    if (m_store && !m_store->load(hash).isEmpty()) {
        m_wanted.remove(bareJid);
        setHash(bareJid, hash);
        return;
    }
    if (m_fetching.value(bareJid) == hash) {
        m_wanted.remove(bareJid);   // being fetched already; an older hash still waiting is stale
        return;
    }
    m_wanted.insert(bareJid, Wanted{hash, fromPep});
    startWanted(bareJid);
}

void AvatarManager::startWanted(const Jid &bareJid)
{
    const auto wanted = m_wanted.constFind(bareJid);
    if (wanted == m_wanted.cend() || m_fetching.contains(bareJid) || !client())
        return;   // offline the fetch is tried and fails at once (avatarRefused); a hash is taken once: no loop
    if (!m_fetchLimiter.allow(bareJid.toString())) {
        // Over its rate: the latest hash waits for the next token (only it: older ones are stale).
        const auto wait = m_fetchLimiter.timeUntilAllowed(bareJid.toString());
        if (!m_retryTimer.isActive())
            m_retryTimer.start(std::max(wait, std::chrono::milliseconds(1)));
        return;
    }
    const Wanted next = *wanted;
    m_wanted.erase(wanted);
    m_fetching.insert(bareJid, next.hash);
    fetchAdvertised(bareJid, next.hash, next.fromPep);
}

void AvatarManager::retryWanted()
{
    const QList<Jid> waiting = m_wanted.keys();
    for (const Jid &jid : waiting)
        startWanted(jid);
}

void AvatarManager::fetchAdvertised(const Jid &bareJid, const QString &hash, bool fromPep)
{
    auto done = [this, bareJid, hash](const AvatarReply &reply) {
        m_fetching.remove(bareJid);
        if (reply.isOk()) {
            setHash(bareJid, reply.value.hash);
        } else {
            const QString reason = reply.error ? reply.error->text : QString();
            qCWarning(lcAvatar) << "no avatar" << hash << "for" << bareJid.toString() << reason;
            Q_EMIT avatarRefused(bareJid,
                                 reason.isEmpty() ? u"the avatar %1 could not be fetched"_s.arg(hash) : reason);
        }
        startWanted(bareJid);   // a newer hash advertised meanwhile
    };
    if (fromPep) {
        fetchPepData(bareJid, hash, hash, done);
    } else {
        // XEP-0153 §4.3: the vCard holds the photo; with XEP-0398 the same image is also in PEP.
        fetchVCardPhoto(bareJid, hash, [this, bareJid, hash, done](const AvatarReply &reply) {
            if (reply.isOk() || !mayTryAnother(reply))
                return done(reply);
            fetchPepData(bareJid, hash, hash,
                         [reply, done](const AvatarReply &pep) { done(pep.isOk() ? pep : reply); });
        });
    }
}

AvatarReply AvatarManager::accept(const QByteArray &data, const QString &expected)
{
    QString error;
    const auto info = AvatarStore::inspect(data, &error);
    if (!info)
        return failure(StanzaError::Condition::NotAcceptable, error);
    const QString hash = AvatarStore::sha1Hex(data);
    if (!expected.isEmpty() && hash != expected)
        return failure(StanzaError::Condition::NotAcceptable,
                       u"the image's SHA-1 is %1, not the advertised %2"_s.arg(hash, expected));
    if (m_store && m_store->store(data, &error).isEmpty())
        return failure(StanzaError::Condition::InternalServerError, error);
    AvatarReply reply;
    reply.status = IqReply::Status::Result;
    reply.value = {hash, data, AvatarStore::mimeType(info->format)};
    return reply;
}

void AvatarManager::fetchVCardPhoto(const Jid &bareJid, const QString &expected,
                                    std::function<void(const AvatarReply &)> done)
{
    if (!m_vCards)
        return done(failure(StanzaError::Condition::FeatureNotImplemented, u"no vCard manager"_s));
    m_vCards->requestVCard(bareJid, this, [this, expected, done](const VCardManager::VCardReply &reply) {
        if (!reply.isOk()) {
            auto result = AvatarReply::fromAnswer(IqReply{reply.status, {}});
            result.error = reply.error;
            return done(result);
        }
        if (reply.value.photo.data.isEmpty())
            return done(failure(StanzaError::Condition::ItemNotFound, u"the vCard has no photo"_s));
        done(accept(reply.value.photo.data, expected));
    });
}

void AvatarManager::fetchPepData(const Jid &bareJid, const QString &id, const QString &expected,
                                 std::function<void(const AvatarReply &)> done)
{
    Iq request;
    request.type = Iq::Type::Get;
    request.to = bareJid;
    request.payloadWriter = itemsRequest(ns::AvatarData, id);
    client()->sendIq(request, this, [this, id, expected, done](const IqReply &answer) {
        if (!answer.isResult())
            return done(AvatarReply::fromAnswer(answer));
        const QDomElement data = firstItem(answer.iq.payload, ns::AvatarData).firstChildElement(u"data"_s);
        if (data.isNull() || data.namespaceURI() != ns::AvatarData)
            return done(failure(StanzaError::Condition::ItemNotFound, u"no avatar data %1"_s.arg(id)));
        // Refuse what cannot be small enough before decoding it (base64: 4 characters per 3 bytes).
        const QString text = data.text();
        if (text.size() > AvatarStore::MaxBytes / 3 * 4 + 4096)
            return done(failure(StanzaError::Condition::NotAcceptable,
                                u"the image is too large: over %1 bytes"_s.arg(AvatarStore::MaxBytes)));
        QByteArray compact = text.toLatin1();
        compact.removeIf([](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
        const auto bytes = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
        if (!bytes)
            return done(failure(StanzaError::Condition::NotAcceptable, u"the avatar data is not base64"_s));
        done(accept(*bytes, expected));   // XEP-0084 §4.2: the id is the SHA-1 of the data
    });
}

void AvatarManager::fetchPepMetadata(const Jid &bareJid, std::function<void(const AvatarReply &)> done)
{
    Iq request;
    request.type = Iq::Type::Get;
    request.to = bareJid;
    request.payloadWriter = itemsRequest(ns::AvatarMetadata, {});
    client()->sendIq(request, this, [this, bareJid, done](const IqReply &answer) {
        if (!answer.isResult())
            return done(AvatarReply::fromAnswer(answer));
        const auto id = metadataId(firstItem(answer.iq.payload, ns::AvatarMetadata));
        if (!id || id->isEmpty())
            return done(failure(StanzaError::Condition::ItemNotFound, u"no avatar in PEP"_s));
        if (m_store) {
            const QByteArray stored = m_store->load(*id);
            if (!stored.isEmpty())
                return done(accept(stored, *id));
        }
        fetchPepData(bareJid, *id, *id, done);
    });
}

void AvatarManager::requestAvatar(const Jid &jid, QObject *context, std::function<void(const AvatarReply &)> callback)
{
    const Jid bare = jid.bare();
    QPointer<QObject> guard(context);
    auto finish = [this, bare, guard, hadContext = context != nullptr, callback](const AvatarReply &reply) {
        if (reply.isOk())
            setHash(bare, reply.value.hash);
        if (!hadContext || guard)
            callback(reply);
    };
    fetchPepMetadata(bare, [this, bare, finish](const AvatarReply &pep) {
        if (pep.isOk() || !mayTryAnother(pep))
            return finish(pep);
        fetchVCardPhoto(bare, {}, [pep, finish](const AvatarReply &vcard) {
            // "No avatar" from the vCard is the answer unless PEP refused a real image.
            const bool pepRefused = pep.error && pep.error->condition == StanzaError::Condition::NotAcceptable;
            finish(vcard.isOk() || !pepRefused ? vcard : pep);
        });
    });
}

void AvatarManager::avatarFromVCard(const Jid &jid, const VCard &vCard, QObject *context,
                                    std::function<void(const AvatarReply &)> callback)
{
    const Jid bare = jid.bare();
    QPointer<QObject> guard(context);
    auto finish = [this, bare, guard, hadContext = context != nullptr, callback](const AvatarReply &reply) {
        // Only a real answer says anything; a hash known already came from the contact itself and wins.
        if (!m_hashes.contains(bare)) {
            if (reply.isOk())
                setHash(bare, reply.value.hash);
            else if (reply.error && reply.error->condition == StanzaError::Condition::ItemNotFound)
                setHash(bare, QString());
            else if (reply.error && reply.error->condition == StanzaError::Condition::NotAcceptable)
                Q_EMIT avatarRefused(bare, reply.error->text);
        }
        if (!hadContext || guard)
            callback(reply);
    };
    if (!vCard.photo.data.isEmpty())
        return finish(accept(vCard.photo.data, {}));
    fetchPepMetadata(bare, finish);
}

void AvatarManager::setHash(const Jid &bareJid, const QString &hash)
{
    if (bareJid == ownBareJid()) {
        m_ownHash = hash;
        m_ownHashKnown = true;
    }
    const bool changed = avatarHash(bareJid) != hash || !m_hashes.contains(bareJid);
    m_hashes.insert(bareJid, hash);
    if (m_vCards && m_vCards->store())
        m_vCards->store()->setAvatarHash(bareJid, hash);
    if (changed)
        Q_EMIT avatarChanged(bareJid, hash);
}

// ---------------------------------------------------------------------------------------------------------
// Our own avatar

void AvatarManager::sessionStarted()
{
    m_ownHashKnown = false;
    m_fetching.clear();
    m_wanted.clear();   // the new session's presences advertise again what is current
    if (!m_vCards)
        return;
    // XEP-0153 §4.2: learn our own photo's hash before advertising one.
    m_vCards->requestVCard({}, this, [this](const VCardManager::VCardReply &reply) {
        if (!reply.isOk())
            return;
        QString hash;
        if (!reply.value.photo.data.isEmpty()) {
            const AvatarReply accepted = accept(reply.value.photo.data, {});
            hash = accepted.isOk() ? accepted.value.hash : QString();
        }
        const bool changed = !m_ownHashKnown || hash != m_ownHash;
        setHash(ownBareJid(), hash);
        if (changed)
            announce();
    });
}

void AvatarManager::preparePresence(Presence &presence)
{
    if (presence.type != Presence::Type::Available || presence.hasExtension(u"x"_s, ns::VCardUpdate))
        return;
    // Built as a DOM directly: presence extensions are elements (Stanza::extensions).
    QDomDocument document;
    QDomElement update = document.createElementNS(ns::VCardUpdate, u"x"_s);
    document.appendChild(update);   // detached cleanly when the document goes (see Iq::makePayload)
    if (m_ownHashKnown) {
        QDomElement photo = document.createElementNS(ns::VCardUpdate, u"photo"_s);
        photo.appendChild(document.createTextNode(m_ownHash));   // empty: we have no avatar (§3.2)
        update.appendChild(photo);
    }
    presence.extensions.append(update);
}

void AvatarManager::announce()
{
    // XEP-0153 §4.1: a new hash is announced with a new presence broadcast, the same presence otherwise.
    if (!client() || !client()->isConnected())
        return;
    for (Extension *extension : client()->extensions()) {
        if (auto *presence = qobject_cast<PresenceManager *>(extension))
            client()->send(presence->ownPresence());
    }
}

void AvatarManager::setOwnAvatar(const QByteArray &image, QObject *context,
                                 std::function<void(const AvatarReply &)> callback)
{
    AvatarReply checked;
    if (!m_vCards) {
        checked = failure(StanzaError::Condition::FeatureNotImplemented, u"no vCard manager"_s);
    } else if (!image.isEmpty()) {
        checked = accept(image, {});
    } else {
        checked.status = IqReply::Status::Result;
    }
    if (!checked.isOk()) {   // refused before anything is sent; still answered asynchronously
        QTimer::singleShot(0, context ? context : this, [checked, callback] { callback(checked); });
        return;
    }
    QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    // XEP-0054 §3.2 replaces the whole vCard: read ours first, change only the photo.
    m_vCards->requestVCard({}, this, [this, checked, guard, hadContext, callback](const VCardManager::VCardReply &own) {
        if (!own.isOk()) {
            AvatarReply reply = AvatarReply::fromAnswer(IqReply{own.status, {}});
            reply.error = own.error;
            if (!hadContext || guard)
                callback(reply);
            return;
        }
        VCard card = own.value;
        card.photo = {};
        if (!checked.value.data.isEmpty())
            card.photo = {checked.value.mimeType, checked.value.data, {}};
        m_vCards->publishVCard(card, this,
                               [this, checked, guard, hadContext, callback](const VCardManager::VCardReply &published) {
            AvatarReply reply = checked;
            if (!published.isOk()) {
                reply = AvatarReply::fromAnswer(IqReply{published.status, {}});
                reply.error = published.error;
            } else {
                publishPep(checked.value);
                setHash(ownBareJid(), checked.value.hash);
                announce();
            }
            if (!hadContext || guard)
                callback(reply);
        });
    });
}

void AvatarManager::publishPep(const Avatar &avatar)
{
    // XEP-0084 §4.1: the data first, then the metadata that points at it; §4.5: empty metadata disables.
    const auto publishMetadata = [this, avatar] {
        client()->sendIq(metadataPublication(avatar), this, [](const IqReply &reply) {
            if (!reply.isResult())
                qCWarning(lcAvatar) << "publishing the avatar metadata failed";
        });
    };
    if (avatar.data.isEmpty())
        return publishMetadata();
    client()->sendIq(dataPublication(avatar), this, [publishMetadata](const IqReply &reply) {
        if (reply.isResult())
            publishMetadata();
        else
            qCWarning(lcAvatar) << "publishing the avatar data failed; no metadata published";
    });
}
