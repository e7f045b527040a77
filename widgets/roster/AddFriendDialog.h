#pragma once

#include "stanza/Jid.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

/// "Add friend", QQ style: the account (a JID, validated as it is typed), the group to put the contact in,
/// and a greeting sent with the request. A "Search the directory" tab is reserved for XEP-0055 search.
class AddFriendDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AddFriendDialog(QWidget *parent = nullptr);

    /// The groups to offer; @p current is selected (empty: the first).
    void setGroups(const QStringList &groups, const QString &current = {});
    /// Our own account (cannot be added) and the name the default greeting introduces.
    void setOwnAccount(const Jid &jid, const QString &name);
    /// Fills in the account, e.g. from a link.
    void setJid(const QString &text);

    /// The parsed bare JID, or a null Jid while the input is invalid.
    Jid jid() const;
    QString group() const;
    QString greeting() const;

Q_SIGNALS:
    void friendRequestSubmitted(const Jid &jid, const QString &group, const QString &greeting);

private:
    QWidget *createAccountPage();
    void validate();
    void submit();

    QLineEdit *m_jidEdit = nullptr;
    QLabel *m_error = nullptr;
    QComboBox *m_group = nullptr;
    QLineEdit *m_greeting = nullptr;
    QPushButton *m_send = nullptr;
    Jid m_ownJid;
    Jid m_jid;
    bool m_greetingEdited = false;
};
