// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Extension.h"
#include "client/SenderRateLimiter.h"
#include "stanza/Jid.h"
#include "stanza/Presence.h"
#include "stanza/RosterItem.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>

#include <functional>
#include <optional>

class RosterStore;

/// The contact list and friend requests: RFC 6121 §2 (roster management) and §3 (presence subscriptions),
/// with roster versioning (RFC 6121 §2.6, formerly XEP-0237 v1.3) so that a login transfers only what
/// changed, and XEP-0172 (User Nickname) v1.1 in subscription requests.
///
/// A friend request is a presence subscription. Friendship is mutual, like QQ: accepting a request also
/// asks back, and a request from someone we already asked is approved without asking the user.
///
/// The roster from the store (if any) is available at once; at each login the manager asks the server
/// for what changed since the cached version and keeps the store up to date. Only the server of our own
/// account may change the roster (RFC 6121 §2.1.6, docs/SECURITY.md rule 3).
///
/// Where the server offers pre-approval (RFC 6121 §3.4), a friend request also pre-approves the contact's
/// request back, so that their server may approve it without our client (while online, the client does).
///
/// Anyone can send a friend request, so strangers can send thousands (issue 13, finding 6: no unbounded state
/// per sender): at most MaxPendingRequests wait, the oldest dropped first; a sender asking again replaces
/// its earlier request; friendRequestReceived() is rate-limited per sender (one asking, withdrawing and
/// asking again raises it RequestAlertBurst times, then once per RequestAlertInterval).
class RosterManager : public Extension
{
    Q_OBJECT
public:
    /// What to do with an incoming friend request (presence subscribe) from someone we did not ask.
    enum class SubscriptionMode { AcceptAll, RejectAll, Manual };
    Q_ENUM(SubscriptionMode)
    enum class RemoveGroupMode {
        MoveMembersToDefault,   // members lose the group; those left without one go to the default group
        RemoveMembers,          // members only in this group are removed (and unsubscribed); others lose it
    };
    Q_ENUM(RemoveGroupMode)

    static constexpr int MaxPendingRequests = 100;
    static constexpr int RequestAlertBurst = 2;
    static constexpr std::chrono::minutes RequestAlertInterval{10};

    struct FriendRequest
    {
        Jid jid;
        QString greeting;   // the request's <status/>; remote text, show as plain text (docs/SECURITY.md rule 5)
        QString nick;       // XEP-0172 nickname the requester gave; remote text as well
        friend bool operator==(const FriendRequest &, const FriendRequest &) = default;
    };

    /// @p store (optional, not owned, must outlive the manager) provides the cached roster at once.
    explicit RosterManager(RosterStore *store = nullptr, QObject *parent = nullptr);
    ~RosterManager() override;

    /// Switches to @p store (may be null) and loads its items; emits nothing (call before showing a view).
    void setStore(RosterStore *store);
    RosterStore *store() const { return m_store; }

    /// The group of contacts that have none (RFC 6121 §2.1.2.4 allows items without a group).
    static QString defaultGroupName();

    QList<RosterItem> items() const;   // ordered by JID
    /// Calls @p visit with each item, in no particular order: no copy, no sorting (thousands at start-up).
    void forEachItem(const std::function<void(const RosterItem &)> &visit) const;
    bool contains(const Jid &jid) const;
    int itemCount() const { return int(m_items.size()); }
    std::optional<RosterItem> item(const Jid &jid) const;
    /// The named groups in use, sorted; the default group is not among them.
    QStringList groups() const;
    /// The contacts in @p group; defaultGroupName() gives those without a group.
    QList<Jid> members(const QString &group) const;
    /// True once the server has answered the roster get of the current session.
    bool isRosterReceived() const { return m_received; }
    /// The server of this session offers subscription pre-approval (RFC 6121 §3.4).
    bool isPreApprovalSupported() const;

    // Roster management (RFC 6121 §2.3-2.5). Each sends a roster set; the list changes when the server
    // pushes the result back (contactAdded/Changed/Removed), on failure contactUpdateFailed is emitted.
    void addContact(const Jid &jid, const QString &name = {}, const QStringList &groups = {});
    /// Sets the user's name for the contact (the QQ "remark"); empty removes it.
    void renameContact(const Jid &jid, const QString &name);
    /// Removes the item; the server cancels the subscriptions both ways (RFC 6121 §2.5.2).
    void removeContact(const Jid &jid);
    void setGroups(const Jid &jid, const QStringList &groups);
    /// Moves every member of @p oldName to @p newName (a roster set per member: groups are item attributes).
    void renameGroup(const QString &oldName, const QString &newName);
    void removeGroup(const QString &group, RemoveGroupMode mode = RemoveGroupMode::MoveMembersToDefault);

    // Friend requests (RFC 6121 §3).
    SubscriptionMode subscriptionMode() const { return m_mode; }
    void setSubscriptionMode(SubscriptionMode mode);
    /// Our nickname, sent with subscription requests (XEP-0172 §4.2).
    QString nickname() const { return m_nickname; }
    void setNickname(const QString &nickname);
    /// Adds @p jid to @p group (empty: the default group) and sends a subscription request with
    /// @p greeting as its status; pre-approves their request back where the server supports it.
    void requestFriend(const Jid &jid, const QString &group = {}, const QString &greeting = {});
    /// Approves the request and asks back (mutual). @p group and @p remark, if given, are set on the item.
    void acceptFriend(const Jid &jid, const QString &group = {}, const QString &remark = {});
    /// Refuses the request (presence unsubscribed, RFC 6121 §3.2).
    void refuseFriend(const Jid &jid);
    /// Ends the friendship both ways and removes the item.
    void removeFriend(const Jid &jid);
    /// Requests waiting for the user's answer (Manual mode), oldest first, one per JID, at most
    /// MaxPendingRequests (the oldest are dropped).
    QList<FriendRequest> pendingRequests() const { return m_pending; }

Q_SIGNALS:
    /// The server answered the roster get of this session; items() is current.
    void rosterReceived();
    /// The roster get of this session failed (error or timeout); items() holds the cache.
    void rosterRequestFailed();
    void contactAdded(const Jid &jid);
    void contactChanged(const Jid &jid);
    void contactRemoved(const Jid &jid);
    /// A roster set we sent was refused; @p reason is the error condition (e.g. "not-allowed").
    void contactUpdateFailed(const Jid &jid, const QString &reason);

    /// A new request for the user to answer (Manual mode), rate-limited per sender (see above); a burst from
    /// many senders raises it once each: the UI should coalesce its popups. Remote text: show as plain text.
    void friendRequestReceived(const Jid &jid, const QString &greeting, const QString &nick);
    void pendingRequestsChanged();
    /// Subscription-state presences (RFC 6121 §3.1.5, §3.2, §3.3). They change nothing by themselves
    /// (the roster push that accompanies them does): they are for the UI to tell the user.
    void friendRequestAccepted(const Jid &jid);      // 'subscribed': they approved our request
    void friendRequestRefused(const Jid &jid);       // 'unsubscribed': they refused, or ended our subscription
    void contactUnsubscribed(const Jid &jid);        // 'unsubscribe': they stopped sharing our presence

protected:
    bool handleStanza(const QDomElement &stanza) override;
    bool wantsStreamedChildren(const QDomElement &stanza, const QDomElement &container) override;
    void handleStreamedChild(const QDomElement &stanza, const QDomElement &child) override;
    void sessionStarted() override;

private:
    bool handleRosterPush(const QDomElement &stanza);
    bool handleSubscriptionPresence(const Presence &presence);
    void handleSubscribe(const Jid &from, const Presence &presence);
    void requestRoster();
    void applyFullRoster(const QList<RosterItem> &items, const QString &version);
    void applyItem(const RosterItem &item);
    void sendRosterSet(const RosterItem &item);
    void sendSubscriptionPresence(const Jid &to, Presence::Type type, const QString &status = {});
    void dropPendingRequest(const Jid &jid);
    bool isOwnAccount(const Jid &from) const;

    RosterStore *m_store = nullptr;
    QHash<Jid, RosterItem> m_items;
    QList<FriendRequest> m_pending;
    SenderRateLimiter m_requestAlerts{RequestAlertBurst, RequestAlertInterval, 1024};
    SubscriptionMode m_mode = SubscriptionMode::Manual;
    QString m_nickname;
    bool m_received = false;
    QString m_rosterGetId;               // this session's roster get, while it waits for the answer
    QList<RosterItem> m_streamedItems;   // its answer's items, read one by one as they arrived
};
