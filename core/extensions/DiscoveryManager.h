// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Extension.h"
#include "client/IqReply.h"
#include "stanza/DataForm.h"
#include "stanza/Jid.h"
#include "stanza/StanzaError.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

/// Service discovery (XEP-0030): asks other entities what they are and offer, and answers the same
/// questions about us with the features of the client's extensions.
class DiscoveryManager : public Extension
{
    Q_OBJECT
public:
    /// One <identity/> (XEP-0030 §3.1), e.g. category "client", type "pc".
    struct Identity
    {
        QString category;
        QString type;
        QString name;
        QString lang;   // xml:lang
        friend bool operator==(const Identity &, const Identity &) = default;
    };

    /// What an entity is and offers (XEP-0030 §3.1), plus extended information forms (XEP-0128).
    struct Info
    {
        Jid jid;
        QString node;
        QList<Identity> identities;
        QStringList features;
        QList<DataForm> forms;

        bool hasFeature(const QString &feature) const { return features.contains(feature); }
        bool hasIdentity(QStringView category, QStringView type = {}) const;
        /// Parses a disco#info <query/>; nullopt if it is not one.
        static std::optional<Info> fromQuery(const QDomElement &query);
    };

    /// One <item/> of a disco#items answer (XEP-0030 §4.1).
    struct Item
    {
        Jid jid;
        QString node;
        QString name;
        friend bool operator==(const Item &, const Item &) = default;
        /// The items of a disco#items <query/>, skipping those without a valid JID.
        static QList<Item> listFromQuery(const QDomElement &query);
    };

    /// The outcome of a request: the answer, or why there is none.
    template <typename T>
    struct Reply
    {
        IqReply::Status status = IqReply::Status::Timeout;
        std::optional<StanzaError> error;   // with Status::Error; a malformed answer is a bad-request here
        T value{};
        bool isOk() const { return status == IqReply::Status::Result; }
        /// Status and error of an iq answer; the caller fills in the value.
        static Reply fromAnswer(const IqReply &answer)
        {
            Reply reply;
            reply.status = answer.status;
            reply.error = answer.iq.error;
            if (answer.status == IqReply::Status::Error && !reply.error)
                reply.error = StanzaError{};   // an error without <error/>: undefined-condition
            return reply;
        }
    };
    using InfoReply = Reply<Info>;
    using ItemsReply = Reply<QList<Item>>;

    explicit DiscoveryManager(QObject *parent = nullptr);

    /// Asks @p jid (and @p node) for its identities and features (XEP-0030 §3.1). @p callback runs once, unless
    /// @p context is destroyed first.
    void requestInfo(const Jid &jid, const QString &node, QObject *context,
                     std::function<void(const InfoReply &)> callback);
    /// Asks @p jid (and @p node) for its items (XEP-0030 §4.1).
    void requestItems(const Jid &jid, const QString &node, QObject *context,
                      std::function<void(const ItemsReply &)> callback);

    /// Who we are when asked: client/pc "Xin" by default (XEP-0030 §3.1, Registry of categories).
    void setIdentity(const Identity &identity) { m_identity = identity; }
    Identity identity() const { return m_identity; }
    /// What we answer about ourselves: disco#info, ping, and every extension's discoveryFeatures(), sorted.
    QStringList ownFeatures() const;
    QStringList discoveryFeatures() const override;

protected:
    bool handleStanza(const QDomElement &stanza) override;

private:
    Identity m_identity;
};
