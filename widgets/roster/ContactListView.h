// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "extensions/RosterManager.h"
#include "stanza/Jid.h"

#include <QSet>
#include <QTreeView>

#include <functional>

class ContactDelegate;
class QTimer;

/// The QQ-style contact list: folding group headers with "online/total" counts over contact rows, painted
/// by ContactDelegate from RosterModel roles (through RosterFilterModel). It never talks to the network:
/// every user action leaves as an intent signal. Dragging a contact onto a group moves it (the model's
/// dropMimeData does that).
class ContactListView : public QTreeView
{
    Q_OBJECT

public:
    /// Asks the user for a line of text; returns a null QString when cancelled.
    using TextPrompt = std::function<QString(const QString &title, const QString &label, const QString &text)>;
    /// Asks the user to confirm; true to go ahead.
    using Confirm = std::function<bool(const QString &title, const QString &question)>;
    /// Asks what deleting @p group does to its members; nullopt when cancelled.
    using RemoveGroupPrompt = std::function<std::optional<RosterManager::RemoveGroupMode>(const QString &group)>;

    explicit ContactListView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    ContactDelegate *contactDelegate() const { return m_delegate; }

    /// The groups shown plus those added with "Add group" that have no member yet, in that order.
    QStringList groups() const;

    /// The context menu for the row at @p index (a contact, a group, or invalid: the empty area). The
    /// caller owns it. Public for tests.
    QMenu *createContextMenu(const QModelIndex &index);

    /// For tests: replaces the modal input and confirmation dialogs.
    void setTextPrompt(TextPrompt prompt) { m_prompt = std::move(prompt); }
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setRemoveGroupPrompt(RemoveGroupPrompt prompt) { m_removeGroupPrompt = std::move(prompt); }

Q_SIGNALS:
    void openChatRequested(const Jid &jid);
    void viewProfileRequested(const Jid &jid);
    /// Set the remark (the roster name); an empty name removes it.
    void renameContactRequested(const Jid &jid, const QString &name);
    void moveToGroupRequested(const Jid &jid, const QString &group);
    void removeContactRequested(const Jid &jid);
    void blockRequested(const Jid &jid);
    void addFriendRequested();
    /// A group exists in XMPP only through its members: it is kept here until a contact is moved into it.
    void groupAdded(const QString &group);
    void renameGroupRequested(const QString &oldName, const QString &newName);
    /// Delete @p group: its members move to the default group, or are removed, as the user chose.
    void removeGroupRequested(const QString &group, RosterManager::RemoveGroupMode mode);
    /// An offline contact without a known last-seen time is on screen: the app may ask (XEP-0012).
    /// Emitted once per contact, only for rows the user can see, so a large roster costs a few queries.
    void lastSeenWanted(const Jid &jid);
    /// A contact is on screen: the app may fetch its profile (vCard, XEP-0054) if it has none cached, for the
    /// contacts that never advertise an avatar hash (XEP-0153), e.g. offline ones. Emitted once per contact,
    /// only for rows the user can see, so a large roster costs a few queries.
    void profileWanted(const Jid &jid);
    /// The list has been drawn for the first time (emitted once, from inside that paint).
    void firstPainted();

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void useStandardDialogs();   // QInputDialog and QMessageBox, until a test sets its own
    bool isGroup(const QModelIndex &index) const;
    void itemClicked(const QModelIndex &index);
    void itemActivated(const QModelIndex &index);
    void applyFolding();
    void measureAllRows();
    void scheduleVisibleRowsCheck();
    void checkVisibleRows();
    void promptRemark(const Jid &jid);
    void promptAddGroup();
    void promptRenameGroup(const QString &group);
    void confirmRemoveGroup(const QString &group);
    void confirmRemoveContact(const Jid &jid);

    ContactDelegate *m_delegate;
    QSet<QString> m_folded;        // groups the user folded, by name (rows come and go with filtering)
    QStringList m_extraGroups;     // added with "Add group", still without members
    QSet<Jid> m_lastSeenAsked;
    QSet<Jid> m_profileAsked;
    QTimer *m_visibleRowsTimer;
    bool m_painted = false;
    TextPrompt m_prompt;
    Confirm m_confirm;
    RemoveGroupPrompt m_removeGroupPrompt;
};
