// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/SearchManager.h"

#include "client/XmppClient.h"
#include "stanza/Iq.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QXmlStreamWriter>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

bool isSearchQuery(const QDomElement &element)
{
    return element.localName() == u"query" && element.namespaceURI() == ns::Search;
}

QDomElement searchChild(const QDomElement &parent, QStringView name)
{
    for (QDomElement child = parent.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.localName() == name && child.namespaceURI() == ns::Search)
            return child;
    }
    return {};
}

/// Writes <query xmlns='jabber:iq:search'/> with what @p children writes inside.
void writeQueryWith(QXmlStreamWriter &out, const std::function<void(QXmlStreamWriter &)> &children)
{
    out.writeStartElement(u"query"_s);
    out.writeDefaultNamespace(ns::Search);
    children(out);
    out.writeEndElement();
}

StanzaError problem(StanzaError::Condition condition, const QString &text)
{
    StanzaError error;
    error.type = StanzaError::Type::Cancel;
    error.condition = condition;
    error.text = text;
    return error;
}

/// One row of a result form (XEP-0055 §3, XEP-0004 §3.4) as a Result; nullopt without a valid jid.
std::optional<SearchManager::Result> resultFromRow(const QList<DataForm::Field> &row)
{
    SearchManager::Result result;
    for (const DataForm::Field &field : row)
        result.values.insert(field.var, field.values);
    const auto jid = Jid::parse(result.values.value(u"jid"_s).value(0));
    if (!jid)
        return std::nullopt;
    result.jid = *jid;
    result.first = result.values.value(u"first"_s).value(0);
    result.last = result.values.value(u"last"_s).value(0);
    result.nick = result.values.value(u"nick"_s).value(0);
    result.email = result.values.value(u"email"_s).value(0);
    return result;
}

} // namespace

QStringList SearchManager::fixedFieldNames()
{
    return {u"first"_s, u"last"_s, u"nick"_s, u"email"_s};
}

SearchManager::Form SearchManager::Form::fromQuery(const QDomElement &query)
{
    Form form;
    if (!isSearchQuery(query))
        return form;
    form.instructions = searchChild(query, u"instructions").text().trimmed();
    for (const QString &name : fixedFieldNames()) {
        if (!searchChild(query, name).isNull())
            form.fields.append(name);
    }
    form.dataForm = DataForm::fromParent(query);
    return form;
}

QList<SearchManager::Result> SearchManager::resultsFromQuery(const QDomElement &query,
                                                             std::optional<DataForm> *resultForm)
{
    QList<Result> results;
    if (!isSearchQuery(query))
        return results;
    // XEP-0055 §3: a result data form ...
    if (const auto form = DataForm::fromParent(query); form && form->type == DataForm::Type::Result) {
        for (const QList<DataForm::Field> &row : form->items) {
            if (auto result = resultFromRow(row))
                results.append(*result);
        }
        if (resultForm)
            *resultForm = form;
        return results;
    }
    // ... or §2.1 items with the fixed fields.
    for (QDomElement item = query.firstChildElement(); !item.isNull(); item = item.nextSiblingElement()) {
        if (item.localName() != u"item" || item.namespaceURI() != ns::Search)
            continue;
        const auto jid = Jid::parse(item.attribute(u"jid"_s));   // REQUIRED (XEP-0055 §8 schema)
        if (!jid)
            continue;
        Result result;
        result.jid = *jid;
        result.first = searchChild(item, u"first").text();
        result.last = searchChild(item, u"last").text();
        result.nick = searchChild(item, u"nick").text();
        result.email = searchChild(item, u"email").text();
        results.append(result);
    }
    return results;
}

void SearchManager::writeQuery(QXmlStreamWriter &out, const QHash<QString, QString> &fields)
{
    writeQueryWith(out, [&](QXmlStreamWriter &inner) {
        for (const QString &name : fixedFieldNames()) {   // XEP-0055 §2.1: no other fields allowed
            if (fields.contains(name))
                inner.writeTextElement(name, XmlWriter::xmlSafe(fields.value(name)));
        }
    });
}

void SearchManager::writeQuery(QXmlStreamWriter &out, const DataForm &submission)
{
    writeQueryWith(out, [&](QXmlStreamWriter &inner) { submission.write(inner); });
}

// ---------------------------------------------------------------------------------------------------------
// Requests

SearchManager::SearchManager(QObject *parent) : Extension(parent) { }

DiscoveryManager *SearchManager::discovery() const
{
    if (!client())
        return nullptr;
    for (Extension *extension : client()->extensions()) {
        if (auto *found = qobject_cast<DiscoveryManager *>(extension))
            return found;
    }
    return nullptr;
}

void SearchManager::findSearchServices(QObject *context, std::function<void(const ServicesReply &)> callback)
{
    DiscoveryManager *disco = discovery();
    if (!disco) {
        ServicesReply reply;
        reply.status = IqReply::Status::Error;
        reply.error = problem(StanzaError::Condition::FeatureNotImplemented, u"no DiscoveryManager on the client"_s);
        callback(reply);
        return;
    }
    const Jid domain = client()->jid().domainJid();
    disco->requestItems(domain, {}, context, [disco, domain, context, callback](const auto &items) {
        if (!items.isOk() && items.status != IqReply::Status::Error) {   // timeout, disconnected
            ServicesReply reply;
            reply.status = items.status;
            callback(reply);
            return;
        }
        // Ask every candidate at once; answer when the last one has.
        QList<Jid> candidates;
        for (const DiscoveryManager::Item &item : items.value) {
            if (item.node.isEmpty() && !candidates.contains(item.jid))
                candidates.append(item.jid);
        }
        if (!candidates.contains(domain))
            candidates.append(domain);
        struct Pending
        {
            QList<Jid> candidates;
            QList<bool> searchable;
            qsizetype outstanding = 0;
        };
        auto pending = std::make_shared<Pending>();
        pending->candidates = candidates;
        pending->searchable = QList<bool>(candidates.size(), false);
        pending->outstanding = candidates.size();
        for (qsizetype i = 0; i < candidates.size(); ++i) {
            disco->requestInfo(candidates.at(i), {}, context, [pending, i, callback](const auto &info) {
                pending->searchable[i] = info.isOk() && info.value.hasFeature(ns::Search);
                if (--pending->outstanding > 0)
                    return;
                ServicesReply reply;
                reply.status = IqReply::Status::Result;
                for (qsizetype j = 0; j < pending->candidates.size(); ++j) {
                    if (pending->searchable.at(j))
                        reply.value.append(pending->candidates.at(j));
                }
                callback(reply);
            });
        }
    });
}

void SearchManager::requestSearchForm(const Jid &service, QObject *context,
                                      std::function<void(const FormReply &)> callback)
{
    Iq request;
    request.type = Iq::Type::Get;
    request.to = service;
    request.payloadWriter = [](QXmlStreamWriter &out) { writeQueryWith(out, [](QXmlStreamWriter &) { }); };
    client()->sendIq(request, context, [callback = std::move(callback)](const IqReply &answer) {
        auto reply = FormReply::fromAnswer(answer);
        if (answer.isResult()) {
            if (isSearchQuery(answer.iq.payload)) {
                reply.value = Form::fromQuery(answer.iq.payload);
            } else {
                reply.status = IqReply::Status::Error;
                reply.error = problem(StanzaError::Condition::BadRequest, u"no search query in the answer"_s);
            }
        }
        callback(reply);
    });
}

void SearchManager::search(const Jid &service, const QHash<QString, QString> &fields, QObject *context,
                           std::function<void(const SearchReply &)> callback)
{
    sendSearch(service, [fields](QXmlStreamWriter &out) { writeQuery(out, fields); }, context, std::move(callback));
}

void SearchManager::search(const Jid &service, const DataForm &form, QObject *context,
                           std::function<void(const SearchReply &)> callback)
{
    const DataForm submission = form.type == DataForm::Type::Form ? form.toSubmission() : form;
    sendSearch(service, [submission](QXmlStreamWriter &out) { writeQuery(out, submission); }, context,
               std::move(callback));
}

void SearchManager::sendSearch(const Jid &service, std::function<void(QXmlStreamWriter &)> writePayload,
                               QObject *context, std::function<void(const SearchReply &)> callback)
{
    Iq request;
    request.type = Iq::Type::Set;
    request.to = service;
    request.payloadWriter = std::move(writePayload);
    // The client's iq tracking drops an answer from anyone but @p service (RFC 6120 §8.1.2.1).
    client()->sendIq(request, context, [callback = std::move(callback)](const IqReply &answer) {
        auto reply = SearchReply::fromAnswer(answer);
        if (answer.isResult()) {
            // XEP-0055 §2.1: no match is an empty <query/>; a result without one is malformed.
            if (isSearchQuery(answer.iq.payload)) {
                reply.value.results = resultsFromQuery(answer.iq.payload, &reply.value.form);
            } else {
                reply.status = IqReply::Status::Error;
                reply.error = problem(StanzaError::Condition::BadRequest, u"no search query in the answer"_s);
            }
        }
        callback(reply);
    });
}
