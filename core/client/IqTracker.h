// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/IqReply.h"
#include "stanza/Jid.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>

class QTimer;

/// The iq requests we sent that await an answer (RFC 6120 §8.2.3): each owns its id, its callback and
/// its timeout. An answer is accepted only from the entity the request went to (RFC 6120 §8.1.2.1):
/// otherwise anyone could answer our roster or vCard request in the server's name.
class IqTracker : public QObject
{
    Q_OBJECT
public:
    explicit IqTracker(QObject *parent = nullptr);
    ~IqTracker() override;

    /// Our own full JID, for judging answers to requests sent to our own account.
    void setOwnJid(const Jid &jid);

    void add(const QString &id, const Jid &to, QObject *context, std::function<void(const IqReply &)> callback,
             std::chrono::milliseconds timeout);
    /// Takes a result/error iq. True if it answered a pending request (the callback has been called);
    /// false if unknown or from the wrong sender (then it is dropped).
    bool handleAnswer(const Iq &iq);
    /// Ends every pending request with Disconnected.
    void cancelAll();
    int pendingCount() const { return int(m_pending.size()); }

    /// Whether an answer from @p from may answer a request sent to @p to, with @p own our full JID.
    static bool isValidOrigin(const Jid &to, const Jid &from, const Jid &own);

private:
    struct Pending
    {
        Jid to;
        QPointer<QObject> context;
        bool hadContext = false;
        std::function<void(const IqReply &)> callback;
        QTimer *timer = nullptr;
    };
    void finish(const QString &id, const IqReply &reply);

    QHash<QString, Pending> m_pending;
    Jid m_ownJid;
};
