// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// xin-cli's profile commands: `vcard get [JID]`, `vcard set FIELD=VALUE... [--photo FILE]` and
// `avatar get JID --out FILE` (XEP-0054, XEP-0153, XEP-0084).
#include "CliSession.h"

#include "client/ClientErrors.h"
#include "extensions/AvatarManager.h"
#include "extensions/VCardManager.h"
#include "storage/AvatarStore.h"
#include "xml/Namespaces.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

const QStringList SetFields{u"fn"_s,   u"nick"_s, u"given"_s, u"family"_s, u"email"_s, u"tel"_s,
                            u"bday"_s, u"org"_s,  u"title"_s, u"url"_s,    u"desc"_s};

void printObject(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

void insertIfSet(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

/// The vCard as one JSON object; field names as `vcard set` takes them, lists for repeated fields.
QJsonObject toJson(const Jid &jid, const VCard &card)
{
    QJsonObject object{{u"jid"_s, jid.toString()}};
    insertIfSet(object, u"fn"_s, card.fullName);
    insertIfSet(object, u"nick"_s, card.nickname);
    insertIfSet(object, u"family"_s, card.name.family);
    insertIfSet(object, u"given"_s, card.name.given);
    insertIfSet(object, u"middle"_s, card.name.middle);
    insertIfSet(object, u"prefix"_s, card.name.prefix);
    insertIfSet(object, u"suffix"_s, card.name.suffix);
    if (card.birthday.isValid())
        object.insert(u"bday"_s, card.birthday.toString(Qt::ISODate));
    QJsonArray emails;
    for (const VCard::Email &email : card.emails) {
        QJsonArray flags;
        for (const auto &[set, name] : {std::pair{email.home, u"home"_s},
                                        {email.work, u"work"_s},
                                        {email.internet, u"internet"_s},
                                        {email.preferred, u"pref"_s}}) {
            if (set)
                flags.append(name);
        }
        emails.append(QJsonObject{{u"address"_s, email.address}, {u"types"_s, flags}});
    }
    if (!emails.isEmpty())
        object.insert(u"email"_s, emails);
    QJsonArray phones;
    for (const VCard::Phone &phone : card.phones) {
        QStringList types;
        for (const QString &type : phone.types)
            types << type.toLower();
        phones.append(QJsonObject{{u"number"_s, phone.number}, {u"types"_s, QJsonArray::fromStringList(types)}});
    }
    if (!phones.isEmpty())
        object.insert(u"tel"_s, phones);
    QJsonArray addresses;
    for (const VCard::Address &a : card.addresses) {
        QJsonObject address;
        insertIfSet(address, u"pobox"_s, a.poBox);
        insertIfSet(address, u"extadd"_s, a.extended);
        insertIfSet(address, u"street"_s, a.street);
        insertIfSet(address, u"locality"_s, a.locality);
        insertIfSet(address, u"region"_s, a.region);
        insertIfSet(address, u"pcode"_s, a.postalCode);
        insertIfSet(address, u"ctry"_s, a.country);
        if (a.home)
            address.insert(u"home"_s, true);
        if (a.work)
            address.insert(u"work"_s, true);
        addresses.append(address);
    }
    if (!addresses.isEmpty())
        object.insert(u"adr"_s, addresses);
    insertIfSet(object, u"jabberid"_s, card.jabberId);
    insertIfSet(object, u"org"_s, card.organization.name);
    if (!card.organization.units.isEmpty())
        object.insert(u"orgunit"_s, QJsonArray::fromStringList(card.organization.units));
    insertIfSet(object, u"title"_s, card.title);
    insertIfSet(object, u"role"_s, card.role);
    insertIfSet(object, u"url"_s, card.url);
    insertIfSet(object, u"desc"_s, card.description);
    if (!card.photo.data.isEmpty()) {
        object.insert(u"photo"_s, QJsonObject{{u"type"_s, card.photo.type},
                                              {u"sha1"_s, card.photoHash()},
                                              {u"bytes"_s, card.photo.data.size()}});
    } else if (!card.photo.externalUrl.isEmpty()) {
        object.insert(u"photo"_s, QJsonObject{{u"url"_s, card.photo.externalUrl}});   // never fetched
    }
    return object;
}

/// Applies `vcard set` pairs to @p card; repeated email= / tel= give several entries, an empty value clears.
void apply(VCard &card, const QStringList &pairs)
{
    bool emailsReset = false;
    bool phonesReset = false;
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(u'=');
        const QString name = pair.left(eq);
        const QString value = pair.mid(eq + 1);
        if (name == u"fn") {
            card.fullName = value;
        } else if (name == u"nick") {
            card.nickname = value;
        } else if (name == u"given") {
            card.name.given = value;
        } else if (name == u"family") {
            card.name.family = value;
        } else if (name == u"email") {
            if (!std::exchange(emailsReset, true))
                card.emails.clear();
            if (!value.isEmpty())
                card.emails.append({value, false, false, true, false});
        } else if (name == u"tel") {
            if (!std::exchange(phonesReset, true))
                card.phones.clear();
            if (!value.isEmpty())
                card.phones.append({value, {u"VOICE"_s}});
        } else if (name == u"bday") {
            card.birthday = QDate::fromString(value, Qt::ISODate);
        } else if (name == u"org") {
            card.organization.name = value;
        } else if (name == u"title") {
            card.title = value;
        } else if (name == u"url") {
            card.url = value;
        } else if (name == u"desc") {
            card.description = value;
        }
    }
}

} // namespace

bool CliSession::parseProfileArguments(const QStringList &positional)
{
    const QString &command = m_options.command;
    const QString sub = positional.value(0);
    auto usage = [this](const char *text) {
        finish(UsageError, QCoreApplication::translate("xin-cli", "usage: %1").arg(QString::fromLatin1(text)));
        return false;
    };
    auto checkJid = [this](const QString &text) {
        QString reason;
        const auto jid = Jid::parse(text, &reason);
        if (!jid) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "invalid address %1: %2").arg(text, reason));
            return false;
        }
        if (!jid->isBare()) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "%1 takes a bare address (no /resource)")
                                   .arg(m_options.command));
            return false;
        }
        return true;
    };
    if (command == u"avatar") {
        if (sub != u"get" || positional.size() != 2 || m_outFile.isEmpty())
            return usage("avatar get JID --out FILE");
        return checkJid(positional.at(1));
    }
    if (sub == u"get") {
        if (positional.size() > 2 || !m_photoFile.isEmpty())
            return usage("vcard get [JID]");
        return positional.size() == 1 || checkJid(positional.at(1));
    }
    if (sub != u"set" || (positional.size() < 2 && m_photoFile.isEmpty()))
        return usage("vcard set FIELD=VALUE... [--photo FILE]");
    for (const QString &pair : positional.mid(1)) {
        const qsizetype eq = pair.indexOf(u'=');
        const QString name = eq > 0 ? pair.left(eq) : pair;
        if (eq <= 0 || !SetFields.contains(name)) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "unknown vCard field %1; the fields are: %2")
                                   .arg(name, SetFields.join(u", "_s)));
            return false;
        }
        if (name == u"bday" && eq + 1 < pair.size() && !QDate::fromString(pair.mid(eq + 1), Qt::ISODate).isValid()) {
            finish(UsageError, QCoreApplication::translate("xin-cli", "bday must be a date like 1990-12-31, not %1")
                                   .arg(pair.mid(eq + 1)));
            return false;
        }
    }
    if (!m_photoFile.isEmpty()) {
        // Checked before signing in: a photo that would be refused is never sent.
        QFile file(m_photoFile);
        if (!file.open(QIODevice::ReadOnly)) {
            finish(OtherError, QCoreApplication::translate("xin-cli", "cannot read the photo %1: %2")
                                   .arg(m_photoFile, file.errorString()));
            return false;
        }
        QString reason;
        if (!AvatarStore::inspect(file.read(AvatarStore::MaxBytes + 1), &reason)) {
            finish(OtherError,
                   QCoreApplication::translate("xin-cli", "cannot use %1 as a photo: %2").arg(m_photoFile, reason));
            return false;
        }
    }
    return true;
}

void CliSession::runVCardCommand()
{
    const QStringList args = m_options.arguments;
    const Jid own = m_client.jid().bare();
    auto failed = [this](const char *what, IqReply::Status status, const std::optional<StanzaError> &error) {
        finish(status == IqReply::Status::Timeout ? TimedOut : OtherError,
               QCoreApplication::translate("xin-cli", what).arg(ClientErrors::describeRequestFailure(status, error)));
    };
    if (args.at(0) == u"get") {
        const Jid jid = args.size() > 1 ? Jid::fromString(args.at(1)) : own;
        m_vCards->requestVCard(jid, this, [this, jid, failed](const VCardManager::VCardReply &reply) {
            if (!reply.isOk())
                return failed(QT_TRANSLATE_NOOP("xin-cli", "cannot get the vCard: %1"), reply.status, reply.error);
            printObject(toJson(jid, reply.value));
            finish(Ok);
        });
        return;
    }
    // XEP-0054 §3.2 replaces the whole vCard: read ours, change the fields given, publish.
    m_vCards->requestVCard(own, this, [this, args, own, failed](const VCardManager::VCardReply &current) {
        if (!current.isOk())
            return failed(QT_TRANSLATE_NOOP("xin-cli", "cannot read your vCard: %1"), current.status, current.error);
        VCard card = current.value;
        apply(card, args.mid(1));
        m_vCards->publishVCard(card, this, [this, own, failed](const VCardManager::VCardReply &published) {
            if (!published.isOk())
                return failed(QT_TRANSLATE_NOOP("xin-cli", "the server refused the vCard: %1"), published.status,
                              published.error);
            if (m_photoFile.isEmpty()) {
                printObject(toJson(own, published.value));
                return finish(Ok);
            }
            QFile file(m_photoFile);
            const QByteArray image = file.open(QIODevice::ReadOnly) ? file.read(AvatarStore::MaxBytes + 1)
                                                                    : QByteArray();
            m_avatars->setOwnAvatar(image, this,
                                    [this, own, published, failed](const AvatarManager::AvatarReply &reply) {
                if (!reply.isOk())
                    return failed(QT_TRANSLATE_NOOP("xin-cli", "the photo was not published: %1"), reply.status,
                                  reply.error);
                VCard card = published.value;
                card.photo = {reply.value.mimeType, reply.value.data, {}};
                printObject(toJson(own, card));
                // The PEP copies (XEP-0084) are published after the vCard: wait until the server has them.
                Iq ping;
                ping.type = Iq::Type::Get;
                ping.to = Jid::fromString(m_client.jid().domain());
                ping.payload = Iq::makePayload(u"ping"_s, ns::Ping);
                m_client.sendIq(ping, this, [this](const IqReply &) { finish(Ok); });
            });
        });
    });
}

void CliSession::runAvatarCommand()
{
    const Jid jid = Jid::fromString(m_options.arguments.at(1));
    m_avatars->requestAvatar(jid, this, [this, jid](const AvatarManager::AvatarReply &reply) {
        if (!reply.isOk()) {
            if (reply.error && reply.error->condition == StanzaError::Condition::ItemNotFound)
                return finish(OtherError,
                              QCoreApplication::translate("xin-cli", "%1 has no avatar").arg(jid.toString()));
            return finish(reply.status == IqReply::Status::Timeout ? TimedOut : OtherError,
                          QCoreApplication::translate("xin-cli", "no avatar from %1: %2")
                              .arg(jid.toString(),
                                   reply.error && !reply.error->text.isEmpty()
                                       ? reply.error->text
                                       : ClientErrors::describeRequestFailure(reply.status, reply.error)));
        }
        QSaveFile file(m_outFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(reply.value.data) != reply.value.data.size()
            || !file.commit())
            return finish(OtherError, QCoreApplication::translate("xin-cli", "cannot write %1: %2")
                                          .arg(m_outFile, file.errorString()));
        printObject(QJsonObject{{u"jid"_s, jid.toString()},
                                {u"sha1"_s, reply.value.hash},
                                {u"type"_s, reply.value.mimeType},
                                {u"bytes"_s, reply.value.data.size()},
                                {u"file"_s, m_outFile}});
        finish(Ok);
    });
}
