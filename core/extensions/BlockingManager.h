// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Extension.h"
#include "client/IqReply.h"
#include "stanza/Jid.h"

#include <QList>

#include <functional>

/// Blocking Command (XEP-0191 v1.3): the server-side list of blocked JIDs.
///
/// The server enforces the list (XEP-0191 §3.4: nothing from a blocked JID is delivered). As defence in
/// depth this manager also drops any message and any subscription request from a blocked JID that still
/// arrives (dropsStanza()), before any extension observes or handles it, wherever it was added.
///
/// The list is fetched at every session start; changes arrive as pushes from our own account, also those
/// made by our other resources (§3.3, §3.5). A push from anyone else is ignored (docs/SECURITY.md rule 3).
class BlockingManager : public Extension
{
    Q_OBJECT
public:
    using Callback = std::function<void(const IqReply &)>;

    explicit BlockingManager(QObject *parent = nullptr);
    ~BlockingManager() override;

    QList<Jid> blocklist() const { return m_items; }
    /// Whether a stanza from @p jid is blocked: an item equal to the full JID, the bare JID, the domain, or
    /// domain/resource matches (the XEP-0016 §2.1 rules that XEP-0191 §3.4 refers to).
    bool isBlocked(const Jid &jid) const;
    /// Whether the list has been received in this session.
    bool isLoaded() const { return m_loaded; }
    /// False once the server has answered the blocklist request with an error (no XEP-0191 support).
    bool isSupported() const { return m_supported; }

    /// Asks the server for the list again (done automatically at session start).
    void requestBlocklist();
    /// XEP-0191 §3.3. The callback (optional) gets the server's answer; the list changes once it agrees.
    void block(const QList<Jid> &jids, QObject *context = nullptr, Callback callback = {});
    /// XEP-0191 §3.5. An empty @p jids is nothing to do (use unblockAll() to empty the list).
    void unblock(const QList<Jid> &jids, QObject *context = nullptr, Callback callback = {});
    /// XEP-0191 §3.6: an <unblock/> without items empties the list.
    void unblockAll(QObject *context = nullptr, Callback callback = {});

Q_SIGNALS:
    /// The list was received or changed.
    void blocklistChanged();
    /// The server could not give us the list; @p error is its reason (or a timeout / disconnection).
    void blocklistFailed(const IqReply &reply);

protected:
    bool handleStanza(const QDomElement &stanza) override;
    bool dropsStanza(const QDomElement &stanza) const override;
    void sessionStarted() override;

private:
    enum class Command { Block, Unblock, UnblockAll };
    void sendCommand(Command command, const QList<Jid> &jids, QObject *context, Callback callback);
    /// Calls @p callback with @p status from the event loop, never from inside the call that asked.
    void answerLater(QObject *context, Callback callback, IqReply::Status status);
    bool handlePush(const QDomElement &stanza);
    bool isFromOwnAccount(const QDomElement &stanza) const;
    bool addItems(const QList<Jid> &jids);
    bool removeItems(const QList<Jid> &jids);

    QList<Jid> m_items;
    bool m_loaded = false;
    bool m_supported = true;
};
