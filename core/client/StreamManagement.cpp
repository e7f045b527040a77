// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/StreamManagement.h"

#include "xml/Namespaces.h"

#include <QDomElement>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStreamManagement, "xin.sm")

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
// A burst of this many messages asks for an acknowledgement at once; fewer wait for the short timer below,
// so that a burst costs one <r/>, not one per message.
constexpr int BurstSize = 5;
constexpr auto CoalesceDelay = 100ms;
// Beyond this many unacknowledged stanzas of any kind, ask anyway: the queue stays short.
constexpr qsizetype QueueSoftLimit = 50;

std::optional<quint32> parseH(const QDomElement &element)
{
    bool ok = false;
    const quint32 h = element.attribute(u"h"_s).toUInt(&ok);
    return ok ? std::optional<quint32>(h) : std::nullopt;
}
} // namespace

StreamManagement::StreamManagement(QObject *parent) : QObject(parent)
{
    m_requestTimer.setSingleShot(true);
    m_requestTimer.setInterval(CoalesceDelay);
    connect(&m_requestTimer, &QTimer::timeout, this, &StreamManagement::requestAck);
    m_ackDeadline.setSingleShot(true);
    connect(&m_ackDeadline, &QTimer::timeout, this, [this] {
        qCInfo(lcStreamManagement) << "acknowledgement request unanswered";
        Q_EMIT ackTimedOut();
    });
}

void StreamManagement::enable()
{
    // XEP-0198 §3: resume='true' asks for a session that survives a lost connection.
    m_write("<enable xmlns='urn:xmpp:sm:3' resume='true'/>"_ba);
    m_enabled = true;
    m_serverEnabled = false;
    m_resumable = false;
    m_resumptionId.clear();
    m_location.clear();
    m_outbound = 0;
    m_acked = 0;
    m_inbound = 0;
    m_queue.clear();
    m_sentSinceRequest = 0;
}

bool StreamManagement::canResume() const
{
    return !m_enabled && m_resumable && !m_resumptionId.isEmpty() && !m_resumeDeadline.hasExpired();
}

QByteArray StreamManagement::resumeElement() const
{
    // XEP-0198 §5: h is what we handled of the server's stanzas, so that it resends only the rest.
    return "<resume xmlns='urn:xmpp:sm:3' h='" + QByteArray::number(m_inbound) + "' previd='"
         + m_resumptionId.toHtmlEscaped().toUtf8() + "'/>";
}

bool StreamManagement::resumed(quint32 h)
{
    if (!acknowledge(h))
        return false;
    std::deque<Unacked> rest;
    rest.swap(m_queue);
    m_enabled = true;
    m_serverEnabled = true;
    m_outbound = h;
    m_resumeDeadline = QDeadlineTimer(QDeadlineTimer::Forever);
    // XEP-0198 §5: what the server did not handle is sent again, the same bytes, so with the same id and
    // origin-id (XEP-0359): a receiver that got it after all recognises it. Not iq requests: their callers
    // were told the connection ended and may have asked again.
    for (Unacked &stanza : rest) {
        if (stanza.kind == Kind::IqRequest)
            continue;
        m_write(stanza.xml);
        stanzaSent(stanza.xml, stanza.kind, stanza.id);
    }
    if (!m_queue.empty())
        requestAck();
    return true;
}

void StreamManagement::resumeFailed(std::optional<quint32> h)
{
    // XEP-0198 §5: a <failed/> with h tells what reached the server before the session was lost.
    if (h && !acknowledge(*h))
        qCWarning(lcStreamManagement) << "resumption failed with an h beyond what we sent:" << *h;
    endSession();
}

void StreamManagement::stanzaSent(const QByteArray &xml, Kind kind, const QString &id)
{
    if (!m_enabled)
        return;
    ++m_outbound;
    m_queue.push_back({xml, kind, id});
    if (kind == Kind::Message)
        ++m_sentSinceRequest;
    if (m_sentSinceRequest >= BurstSize || qsizetype(m_queue.size()) >= QueueSoftLimit)
        requestAck();
    else if (kind == Kind::Message)
        scheduleAckRequest();
}

void StreamManagement::stanzaReceived()
{
    if (m_serverEnabled)
        ++m_inbound;   // quint32: wraps modulo 2^32 (XEP-0198 §4)
}

bool StreamManagement::handleElement(const QDomElement &element, QString *error)
{
    const QString name = element.tagName();
    if (name == u"r") {
        if (m_serverEnabled)
            m_write("<a xmlns='urn:xmpp:sm:3' h='" + QByteArray::number(m_inbound) + "'/>");
        return true;
    }
    if (name == u"a") {
        const auto h = parseH(element);
        if (!m_enabled || !h)
            return true;
        m_ackDeadline.stop();
        if (!acknowledge(*h)) {
            *error = u"the server acknowledged %1 stanzas, more than were sent"_s.arg(*h - m_acked);
            return false;
        }
        Q_EMIT acknowledged();
        // What was sent after our request (a burst's tail) is confirmed by the next one, soon.
        if (!m_queue.empty())
            scheduleAckRequest();
        return true;
    }
    if (name == u"enabled" && m_enabled) {
        m_serverEnabled = true;
        m_inbound = 0;
        const QString resume = element.attribute(u"resume"_s);
        m_resumable = resume == u"true" || resume == u"1";
        m_resumptionId = m_resumable ? element.attribute(u"id"_s) : QString();
        m_location = element.attribute(u"location"_s);
        m_window = std::chrono::seconds(element.attribute(u"max"_s).toUInt());
        return true;
    }
    if (name == u"failed" && m_enabled && !m_serverEnabled) {
        // The server refused to enable it (XEP-0198 §3): what was written counts as sent, as on a server
        // without stream management; there will be no acknowledgement to wait for.
        qCInfo(lcStreamManagement) << "the server refused to enable stream management";
        m_enabled = false;
        std::deque<Unacked> written;
        written.swap(m_queue);
        for (const Unacked &stanza : written) {
            if (stanza.kind == Kind::Message)
                Q_EMIT messageAcknowledged(stanza.id);
        }
        endSession();
        return true;
    }
    return true;
}

void StreamManagement::requestAck()
{
    requestAckWithin(m_ackTimeout);
}

void StreamManagement::requestAckWithin(std::chrono::milliseconds deadline)
{
    if (!m_enabled)
        return;
    m_requestTimer.stop();
    if (m_ackDeadline.isActive()) {
        // One request at a time; a sooner deadline replaces the later one.
        if (m_ackDeadline.remainingTimeAsDuration() > deadline)
            m_ackDeadline.start(deadline);
        return;
    }
    m_write("<r xmlns='urn:xmpp:sm:3'/>"_ba);
    m_sentSinceRequest = 0;
    m_ackDeadline.start(deadline);
}

bool StreamManagement::isUnacknowledged(const QString &id) const
{
    if (id.isEmpty())
        return false;
    return std::any_of(m_queue.cbegin(), m_queue.cend(), [&id](const Unacked &stanza) { return stanza.id == id; });
}

void StreamManagement::connectionLost()
{
    m_requestTimer.stop();
    m_ackDeadline.stop();
    if (!m_enabled) {
        // A connection that failed before it resumed the session (the network still down, a refused
        // attempt): the session still waits on the server, until the deadline set when it was lost.
        if (!canResume())
            endSession();
        return;
    }
    const bool keep = m_resumable && !m_resumptionId.isEmpty();
    m_enabled = false;
    m_serverEnabled = false;
    if (!keep) {
        endSession();
        return;
    }
    // XEP-0198 §5: the server keeps the session for at most 'max' seconds; without it, try anyway.
    m_resumeDeadline = m_window > 0s ? QDeadlineTimer(m_window) : QDeadlineTimer(QDeadlineTimer::Forever);
}

void StreamManagement::endSession()
{
    m_requestTimer.stop();
    m_ackDeadline.stop();
    m_enabled = false;
    m_serverEnabled = false;
    m_resumable = false;
    m_resumptionId.clear();
    m_location.clear();
    m_window = 0s;
    m_inbound = 0;
    m_outbound = 0;
    m_acked = 0;
    m_queue.clear();
    m_sentSinceRequest = 0;
}

bool StreamManagement::acknowledge(quint32 h)
{
    // Modulo 2^32 (XEP-0198 §4): the difference counts the newly acknowledged stanzas across a wrap.
    const quint32 count = newlyAcknowledged(h, m_acked);
    if (count > m_queue.size())
        return false;
    m_acked = h;
    for (quint32 i = 0; i < count; ++i) {
        const Unacked stanza = std::move(m_queue.front());
        m_queue.pop_front();
        if (stanza.kind == Kind::Message && !stanza.id.isEmpty())
            Q_EMIT messageAcknowledged(stanza.id);
    }
    return true;
}

void StreamManagement::scheduleAckRequest()
{
    if (!m_requestTimer.isActive() && !m_ackDeadline.isActive())
        m_requestTimer.start();
}
