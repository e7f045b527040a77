// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Extension.h"
#include "extensions/DiscoveryManager.h"
#include "stanza/DataForm.h"
#include "stanza/Jid.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QXmlStreamWriter;
#include <optional>

/// Finding people: user directory search (XEP-0055, jabber:iq:search), e.g. ejabberd's search.<domain>.
/// Works with a DiscoveryManager added to the same client (for finding the service). Results are accepted
/// only from the service asked (the client's iq tracking enforces it, RFC 6120 §8.1.2.1); everything in them
/// is remote text (docs/SECURITY.md rule 5).
class SearchManager : public Extension
{
    Q_OBJECT
public:
    /// The fixed search fields of XEP-0055 §2.1, in its order.
    static QStringList fixedFieldNames();

    /// What a service lets us search by (XEP-0055 §2.1, §3): fixed fields and/or a data form.
    struct Form
    {
        QString instructions;
        QStringList fields;                // of fixedFieldNames() that the service offers
        std::optional<DataForm> dataForm;  // XEP-0055 §3; prefer it when present
        static Form fromQuery(const QDomElement &query);
    };

    /// One person found. For a data-form result, values holds every column by var (jid, fn, nick, ...).
    struct Result
    {
        Jid jid;
        QString first;
        QString last;
        QString nick;
        QString email;
        QHash<QString, QStringList> values;
        friend bool operator==(const Result &, const Result &) = default;
    };

    /// The results of a search <query/> (XEP-0055 §2.1 items, or a §3 result form); entries without a valid
    /// JID are skipped.
    static QList<Result> resultsFromQuery(const QDomElement &query, std::optional<DataForm> *resultForm = nullptr);
    /// Writes a search request <query/>: the fixed fields given (names from fixedFieldNames(); others are
    /// ignored).
    static void writeQuery(QXmlStreamWriter &out, const QHash<QString, QString> &fields);
    /// Writes a search request <query/> carrying a submitted data form (XEP-0055 §3).
    static void writeQuery(QXmlStreamWriter &out, const DataForm &submission);

    template <typename T>
    using Reply = DiscoveryManager::Reply<T>;
    using FormReply = Reply<Form>;
    struct Results
    {
        QList<Result> results;
        std::optional<DataForm> form;   // the result form (reported columns, items) when the service used one
    };
    using SearchReply = Reply<Results>;
    using ServicesReply = Reply<QList<Jid>>;

    explicit SearchManager(QObject *parent = nullptr);

    /// The search services of our server (XEP-0030): its domain's items, and the domain itself, whose
    /// disco#info lists jabber:iq:search. Ok with an empty list if there is none.
    void findSearchServices(QObject *context, std::function<void(const ServicesReply &)> callback);
    /// Asks @p service what we can search by (XEP-0055 §2.1).
    void requestSearchForm(const Jid &service, QObject *context, std::function<void(const FormReply &)> callback);
    /// Searches @p service by fixed fields, e.g. {{"nick", "小明"}} (XEP-0055 §2.1).
    void search(const Jid &service, const QHash<QString, QString> &fields, QObject *context,
                std::function<void(const SearchReply &)> callback);
    /// Searches @p service with a filled-in data form (XEP-0055 §3); a form of type "form" is submitted
    /// as DataForm::toSubmission().
    void search(const Jid &service, const DataForm &form, QObject *context,
                std::function<void(const SearchReply &)> callback);

    QStringList discoveryFeatures() const override { return {}; }   // we search; we are no search service

protected:
    bool handleStanza(const QDomElement &) override { return false; }

private:
    DiscoveryManager *discovery() const;
    void sendSearch(const Jid &service, std::function<void(QXmlStreamWriter &)> writePayload, QObject *context,
                    std::function<void(const SearchReply &)> callback);
};
