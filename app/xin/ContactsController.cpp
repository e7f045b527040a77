// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ContactsController.h"

#include "ProfilesController.h"

#include "client/BurstNotifier.h"
#include "common/SafeText.h"
#include "extensions/BlockingManager.h"
#include "extensions/DirectorySearch.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "extensions/SearchManager.h"
#include "main/MainWindow.h"
#include "main/TrayIcon.h"
#include "models/RemoteText.h"
#include "models/RosterFilterModel.h"
#include "models/RosterModel.h"
#include "roster/AddFriendDialog.h"
#include "roster/ContactListView.h"
#include "roster/FriendRequestsDialog.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace {
const QString HideOfflineProperty = QStringLiteral("ui/hideOffline");
}

ContactsController::ContactsController(const Parts &parts, QObject *parent)
    : QObject(parent)
    , m_parts(parts)
    // A burst of friend requests (thousands of strangers at once) raises one popup for the first and one
    // summary per window for the rest, and fetches one profile, not one per request.
    , m_requestPopups(new BurstNotifier(std::chrono::seconds(10), this))
    , m_friendRequestsRefresh(new QTimer(this))
{
    connect(m_parts.profiles, &ProfilesController::addFriendRequested, this,
            [this](const Jid &jid) { showAddFriendDialog(jid); });
    wireView();
    wireFriendRequests();
    refreshFriendRequests();
}

void ContactsController::setTrayIcon(TrayIcon *tray)
{
    m_tray = tray;
}

QStringList ContactsController::groupsFor(const QString &group)
{
    if (group.isEmpty() || group == RosterManager::defaultGroupName())
        return {};
    return {group};
}

void ContactsController::wireView()
{
    MainWindow *main = m_parts.main;
    RosterManager *roster = m_parts.roster;
    connect(main, &MainWindow::searchTextChanged, m_parts.filter, &RosterFilterModel::setFilterText);
    // "Hide offline contacts" is a preference of the profile, kept in its database.
    const bool hideOffline = m_parts.database->isOpen() && m_parts.database->property(HideOfflineProperty) == u"1";
    m_parts.filter->setHideOffline(hideOffline);
    main->setHideOffline(hideOffline);
    connect(main, &MainWindow::hideOfflineChanged, this, [this](bool hide) {
        m_parts.filter->setHideOffline(hide);
        if (m_parts.database->isOpen())
            m_parts.database->setProperty(HideOfflineProperty, hide ? QStringLiteral("1") : QStringLiteral("0"));
    });
    connect(main, &MainWindow::addFriendRequested, this, [this] { showAddFriendDialog(); });
    connect(main, &MainWindow::friendRequestsRequested, this, &ContactsController::showFriendRequests);

    ContactListView *view = m_parts.view;
    connect(view, &ContactListView::addFriendRequested, this, [this] { showAddFriendDialog(); });
    connect(view, &ContactListView::renameContactRequested, roster, &RosterManager::renameContact);
    connect(view, &ContactListView::moveToGroupRequested, roster,
            [roster](const Jid &jid, const QString &group) { roster->setGroups(jid, groupsFor(group)); });
    connect(view, &ContactListView::removeContactRequested, roster, &RosterManager::removeFriend);
    connect(view, &ContactListView::blockRequested, m_parts.blocking,
            [blocking = m_parts.blocking](const Jid &jid) { blocking->block({jid.bare()}); });
    connect(view, &ContactListView::renameGroupRequested, roster, &RosterManager::renameGroup);
    connect(view, &ContactListView::removeGroupRequested, roster, &RosterManager::removeGroup);
    connect(view, &ContactListView::lastSeenWanted, m_parts.presence, [this](const Jid &jid) {
        // XEP-0012 §3: asked of an offline contact's bare JID, the server tells how long ago they left.
        m_parts.presence->requestLastActivity(jid, this, [this, jid](const LastActivity &answer) {
            if (answer.isValid())
                m_parts.model->setLastSeen(jid, QDateTime::currentDateTimeUtc().addSecs(-answer.seconds));
        });
    });
}

void ContactsController::wireFriendRequests()
{
    RosterManager *roster = m_parts.roster;
    // A full roster arrives as thousands of contactAdded signals in one go: rebuild the inbox once after
    // them (the next event-loop turn), not once per contact.
    m_friendRequestsRefresh->setSingleShot(true);
    m_friendRequestsRefresh->setInterval(0);
    connect(m_friendRequestsRefresh, &QTimer::timeout, this, &ContactsController::refreshFriendRequests);
    const auto scheduleRefresh = [timer = m_friendRequestsRefresh] { timer->start(); };
    connect(roster, &RosterManager::pendingRequestsChanged, this, scheduleRefresh);
    connect(roster, &RosterManager::rosterReceived, this, scheduleRefresh);
    connect(roster, &RosterManager::contactAdded, this, scheduleRefresh);
    connect(roster, &RosterManager::contactChanged, this, scheduleRefresh);
    connect(roster, &RosterManager::contactRemoved, this, scheduleRefresh);
    connect(roster, &RosterManager::friendRequestReceived, m_requestPopups,
            [this](const Jid &jid) { m_requestPopups->add(jid); });
    connect(m_requestPopups, &BurstNotifier::firstArrived, this, [this](const Jid &jid) {
        if (!m_tray)
            return;
        // The requester's face as the icon: their profile is fetched first, and waited for a moment at most.
        m_parts.profiles->withProfile(jid, this, [this, jid] {
            // Only the JID, bidi-isolated (UAX #9 §2.7) in our sentence; notification bodies may be rendered
            // as markup, so the text is defused all the same (docs/SECURITY.md rule 5).
            if (m_tray)
                m_tray->showMessage(tr("Friend request"),
                                    SafeText::notification(tr("%1 wants to add you as a friend.")
                                                               .arg(RemoteText::isolate(jid.bareString())),
                                                           300),
                                    m_parts.profiles->avatarIcon(jid));
        });
    });
    connect(m_requestPopups, &BurstNotifier::moreArrived, this, [this](int count) {
        if (m_tray)
            m_tray->showMessage(tr("Friend requests"), tr("%n more friend request(s) arrived.", nullptr, count));
    });

    FriendRequestsDialog *requests = m_parts.requests;
    connect(requests, &FriendRequestsDialog::incomingCountChanged, m_parts.main, &MainWindow::setFriendRequestCount);
    connect(requests, &FriendRequestsDialog::acceptRequested, roster,
            [roster](const Jid &jid, const QString &group, const QString &remark) {
        roster->acceptFriend(jid, groupsFor(group).value(0), remark);
    });
    connect(requests, &FriendRequestsDialog::refuseRequested, roster, &RosterManager::refuseFriend);
}

void ContactsController::refreshFriendRequests()
{
    // The roster unsorted (it runs at start-up with thousands of contacts), the few waiting ones sorted.
    QList<QPair<Jid, QString>> waiting;
    m_parts.roster->forEachItem([&waiting](const RosterItem &item) {
        if (item.pendingOut)
            waiting.append({item.jid, item.name});
    });
    std::sort(waiting.begin(), waiting.end(),
              [](const auto &a, const auto &b) { return a.first.toString() < b.first.toString(); });
    m_parts.requests->setGroups(m_parts.view->groups());
    m_parts.requests->setRequests(m_parts.roster->pendingRequests());
    m_parts.requests->setWaiting(waiting);
    m_parts.main->setFriendRequestCount(m_parts.requests->incomingCount());
}

void ContactsController::showAddFriendDialog(const Jid &jid)
{
    if (!m_addFriend) {
        m_addFriend = new AddFriendDialog(m_parts.main);
        m_addFriend->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_addFriend, &AddFriendDialog::friendRequestSubmitted, m_parts.roster,
                [roster = m_parts.roster](const Jid &jid, const QString &group, const QString &greeting) {
            roster->requestFriend(jid, groupsFor(group).value(0), greeting);
        });
        DirectorySearch *directory = m_parts.directory;
        connect(m_addFriend, &AddFriendDialog::directorySearchRequested, directory, &DirectorySearch::search);
        connect(directory, &DirectorySearch::searchFailed, m_addFriend, &AddFriendDialog::setSearchFailed);
        connect(directory, &DirectorySearch::searchFinished, m_addFriend,
                [dialog = m_addFriend](const QList<SearchManager::Result> &found) {
            QList<AddFriendDialog::Person> people;
            for (const SearchManager::Result &result : found) {
                const QString name = result.values.value(QStringLiteral("fn")).value(0);
                const QString fullName = !name.isEmpty() ? name
                                                         : QStringList{result.first, result.last}.join(u' ').trimmed();
                people.append({result.jid, result.nick, fullName, result.email});
            }
            dialog->setSearchResults(people);
        });
    }
    QSet<Jid> contacts;
    for (const RosterItem &item : m_parts.roster->items()) {
        if (item.subscription == RosterItem::Subscription::Both || item.subscription == RosterItem::Subscription::To)
            contacts.insert(item.jid.bare());
    }
    m_addFriend->setContacts(contacts);
    m_addFriend->setOwnAccount(m_parts.ownAccount(), m_parts.main->displayName());
    m_addFriend->setGroups(m_parts.view->groups());
    m_addFriend->show();
    m_addFriend->raise();
    m_addFriend->activateWindow();
    if (!jid.isNull())
        m_addFriend->setJid(jid.bareString());
}

void ContactsController::showFriendRequests()
{
    refreshFriendRequests();
    m_parts.requests->show();
    m_parts.requests->raise();
    m_parts.requests->activateWindow();
}
