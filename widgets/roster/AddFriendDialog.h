// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QDialog>
#include <QList>
#include <QSet>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class SpoofWarning;

/// "Add friend", QQ style. Two ways to say who: "Find people" searches the server's user directory by
/// nickname, name or e-mail (the app runs the search and hands back the people found), "Add by account"
/// takes an address, validated as it is typed. Below both: the group to put the contact in and a greeting
/// sent with the request.
class AddFriendDialog : public QDialog
{
    Q_OBJECT

public:
    /// Someone the directory found; every text is remote and shown as plain text only.
    struct Person
    {
        Jid jid;
        QString nickname;
        QString name;
        QString email;
    };

    explicit AddFriendDialog(QWidget *parent = nullptr);

    /// The groups to offer; @p current is selected (empty: the first).
    void setGroups(const QStringList &groups, const QString &current = {});
    /// Our own account (cannot be added) and the name the default greeting introduces.
    void setOwnAccount(const Jid &jid, const QString &name);
    /// People already in the contact list: found, they are marked and cannot be asked again.
    void setContacts(const QSet<Jid> &contacts);
    /// Fills in the account, e.g. from a link, and shows the "Add by account" page.
    void setJid(const QString &text);

    /// The answer to directorySearchRequested().
    void setSearchResults(const QList<Person> &people);
    void setSearchFailed(const QString &reason);

    /// The chosen bare JID (the selected person, or the typed account), or a null Jid if there is none.
    Jid jid() const;
    QString group() const;
    QString greeting() const;

Q_SIGNALS:
    void directorySearchRequested(const QString &text);
    void friendRequestSubmitted(const Jid &jid, const QString &group, const QString &greeting);

private:
    QWidget *createSearchPage();
    QWidget *createAccountPage();
    void startSearch();
    void setSearchStatus(const QString &text, bool error);
    void validate();
    void submit();

    QTabWidget *m_tabs = nullptr;
    QWidget *m_searchPage = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QPushButton *m_searchButton = nullptr;
    QLabel *m_searchStatus = nullptr;
    QListWidget *m_results = nullptr;
    QLineEdit *m_jidEdit = nullptr;
    QLabel *m_error = nullptr;
    SpoofWarning *m_jidWarning = nullptr;
    SpoofWarning *m_resultWarning = nullptr;
    QComboBox *m_group = nullptr;
    QLineEdit *m_greeting = nullptr;
    QPushButton *m_send = nullptr;
    Jid m_ownJid;
    Jid m_typedJid;
    QSet<Jid> m_contacts;
    bool m_greetingEdited = false;
};
