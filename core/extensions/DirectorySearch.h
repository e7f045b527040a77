// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "extensions/SearchManager.h"

#include <QObject>
#include <QString>

#include <optional>

/// "Find people" as a user types it, on top of SearchManager (XEP-0055): one text, which is an e-mail
/// address when it holds an '@' and otherwise a nickname or a name. It finds the directory by service
/// discovery (XEP-0030) once, reads its form once, asks the directory by every field the text could
/// mean (nickname, full name or first/last name, as the service's form offers) and merges the answers,
/// each person once. A newer search() makes the answers of an older one void.
class DirectorySearch : public QObject
{
    Q_OBJECT
public:
    explicit DirectorySearch(SearchManager *manager, QObject *parent = nullptr);

    void search(const QString &text);
    /// Forgets the service and its form, e.g. after signing in to another account.
    void reset();
    /// The directory in use once found; null before.
    Jid service() const { return m_service.value_or(Jid()); }

    /// The field sets @p text is searched by on a service offering @p form: e.g. {{"nick", t}}, {{"fn", t}}.
    static QList<QHash<QString, QString>> queriesFor(const QString &text, const SearchManager::Form &form);

Q_SIGNALS:
    void searchFinished(const QList<SearchManager::Result> &people);
    /// @p reason is a sentence for the user, e.g. "your server offers no directory".
    void searchFailed(const QString &reason);

private:
    void withForm(int generation, const QString &text);
    void runQueries(int generation, const QString &text);

    SearchManager *m_manager;
    std::optional<Jid> m_service;   // found (may be null: the server has none)
    std::optional<SearchManager::Form> m_form;
    int m_generation = 0;
};
