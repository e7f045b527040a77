// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/IqTracker.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcIq, "xin.iq")

IqTracker::IqTracker(QObject *parent) : QObject(parent) { }

IqTracker::~IqTracker()
{
    cancelAll();
}

void IqTracker::setOwnJid(const Jid &jid)
{
    m_ownJid = jid;
}

void IqTracker::add(const QString &id, const Jid &to, QObject *context, std::function<void(const IqReply &)> callback,
                    std::chrono::milliseconds timeout)
{
    Pending pending;
    pending.to = to;
    pending.context = context;
    pending.hadContext = context != nullptr;
    pending.callback = std::move(callback);
    pending.timer = new QTimer(this);
    pending.timer->setSingleShot(true);
    connect(pending.timer, &QTimer::timeout, this, [this, id] {
        IqReply reply;
        reply.status = IqReply::Status::Timeout;
        finish(id, reply);
    });
    pending.timer->start(timeout);
    m_pending.insert(id, std::move(pending));
}

bool IqTracker::isValidOrigin(const Jid &to, const Jid &from, const Jid &own)
{
    // RFC 6120 §8.1.2.1 / RFC 6121 §2.1.6: a request to our own account (no 'to', or our bare JID) is
    // answered by the server on the account's behalf: no 'from', our bare JID, or our full JID.
    if (to.isNull() || to == own.bare())
        return from.isNull() || from == own.bare() || from == own;
    return from == to;
}

bool IqTracker::handleAnswer(const Iq &iq)
{
    auto it = m_pending.find(iq.id);
    if (it == m_pending.end())
        return false;
    if (!isValidOrigin(it->to, iq.from, m_ownJid)) {
        qCWarning(lcIq) << "dropped an answer to iq" << iq.id << "from" << iq.from.toString() << "- the request went to"
                        << it->to.toString();
        return false;
    }
    IqReply reply;
    reply.status = iq.type == Iq::Type::Result ? IqReply::Status::Result : IqReply::Status::Error;
    reply.iq = iq;
    finish(iq.id, reply);
    return true;
}

void IqTracker::cancelAll()
{
    const auto ids = m_pending.keys();
    for (const QString &id : ids) {
        IqReply reply;
        reply.status = IqReply::Status::Disconnected;
        finish(id, reply);
    }
}

void IqTracker::finish(const QString &id, const IqReply &reply)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending pending = std::move(*it);
    m_pending.erase(it);
    pending.timer->deleteLater();
    // A request whose context object is gone has nobody left to tell.
    if (pending.hadContext && !pending.context)
        return;
    if (pending.callback)
        pending.callback(reply);
}
