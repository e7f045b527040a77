// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/DirectorySearch.h"

#include "client/ClientErrors.h"
#include "client/XmppClient.h"

#include <QCoreApplication>
#include <QSet>

#include <memory>

using namespace Qt::StringLiterals;

DirectorySearch::DirectorySearch(SearchManager *manager, QObject *parent) : QObject(parent), m_manager(manager) { }

void DirectorySearch::reset()
{
    ++m_generation;
    m_service.reset();
    m_form.reset();
}

void DirectorySearch::search(const QString &text)
{
    const int generation = ++m_generation;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        Q_EMIT searchFinished({});
        return;
    }
    if (m_service)
        return withForm(generation, trimmed);
    m_manager->findSearchServices(this, [this, generation, trimmed](const SearchManager::ServicesReply &reply) {
        if (generation != m_generation)
            return;
        if (!reply.isOk()) {
            Q_EMIT searchFailed(tr("Cannot look for a directory on your server: %1")
                                    .arg(ClientErrors::describeRequestFailure(reply.status, reply.error)));
            return;
        }
        m_service = reply.value.value(0);
        withForm(generation, trimmed);
    });
}

void DirectorySearch::withForm(int generation, const QString &text)
{
    if (m_service->isNull()) {
        Q_EMIT searchFailed(tr("Your server offers no user directory. Add friends by their account instead."));
        return;
    }
    if (m_form)
        return runQueries(generation, text);
    m_manager->requestSearchForm(*m_service, this, [this, generation, text](const SearchManager::FormReply &reply) {
        if (generation != m_generation)
            return;
        if (!reply.isOk()) {
            Q_EMIT searchFailed(
                tr("The directory %1 did not answer: %2")
                    .arg(m_service->toString(), ClientErrors::describeRequestFailure(reply.status, reply.error)));
            return;
        }
        m_form = reply.value;
        runQueries(generation, text);
    });
}

QList<QHash<QString, QString>> DirectorySearch::queriesFor(const QString &text, const SearchManager::Form &form)
{
    QStringList offered;
    if (form.dataForm) {
        for (const DataForm::Field &field : form.dataForm->fields)
            offered << field.var;
    } else {
        offered = form.fields;
    }
    // An address is looked up by e-mail; anything else is a nickname or a name (XEP-0055 §2.1 fields;
    // "fn" is the full name column of the common vCard-based directories, ejabberd's and Openfire's).
    const QStringList candidates = text.contains(u'@') ? QStringList{u"email"_s}
                                                       : QStringList{u"nick"_s, u"fn"_s, u"first"_s, u"last"_s};
    QList<QHash<QString, QString>> queries;
    for (const QString &field : candidates) {
        if (!offered.contains(field))
            continue;
        if (field == u"first" && offered.contains(u"fn"_s))
            continue;   // the full name covers the given name
        if (field == u"last" && offered.contains(u"fn"_s))
            continue;
        queries.append({{field, text}});
    }
    return queries;
}

void DirectorySearch::runQueries(int generation, const QString &text)
{
    const QList<QHash<QString, QString>> queries = queriesFor(text, *m_form);
    if (queries.isEmpty()) {
        Q_EMIT searchFailed(
            tr("The directory %1 cannot search by name, nickname or e-mail.").arg(m_service->toString()));
        return;
    }
    struct Pending
    {
        QList<QList<SearchManager::Result>> answers;
        qsizetype outstanding = 0;
        QString failure;
        bool anyOk = false;
    };
    auto pending = std::make_shared<Pending>();
    pending->answers.resize(queries.size());
    pending->outstanding = queries.size();
    for (qsizetype i = 0; i < queries.size(); ++i) {
        auto done = [this, generation, pending, i](const SearchManager::SearchReply &reply) {
            if (reply.isOk()) {
                pending->answers[i] = reply.value.results;
                pending->anyOk = true;
            } else if (pending->failure.isEmpty()) {
                pending->failure = ClientErrors::describeRequestFailure(reply.status, reply.error);
            }
            if (--pending->outstanding > 0 || generation != m_generation)
                return;
            if (!pending->anyOk) {
                Q_EMIT searchFailed(tr("The search failed: %1").arg(pending->failure));
                return;
            }
            // In query order (nickname matches first), each person once.
            QList<SearchManager::Result> people;
            QSet<Jid> seen;
            for (const auto &answer : std::as_const(pending->answers)) {
                for (const SearchManager::Result &result : answer) {
                    if (!seen.contains(result.jid.bare())) {
                        seen.insert(result.jid.bare());
                        people.append(result);
                    }
                }
            }
            Q_EMIT searchFinished(people);
        };
        if (m_form->dataForm) {
            DataForm form = *m_form->dataForm;
            for (auto it = queries.at(i).cbegin(); it != queries.at(i).cend(); ++it)
                form.setValue(it.key(), it.value());
            m_manager->search(*m_service, form, this, done);
        } else {
            m_manager->search(*m_service, queries.at(i), this, done);
        }
    }
}
