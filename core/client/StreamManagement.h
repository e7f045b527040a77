// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>
#include <optional>

class QDomElement;

/// Stream management (XEP-0198) for one account: the counters, the stanzas the server has not acknowledged
/// yet, acknowledgement requests, and what a later connection needs to resume the session.
///
/// It does no networking: XmppClient tells it what was written and received, and it writes its own
/// elements (<enable/>, <r/>, <a/>) through the writer it was given. The session survives a lost
/// connection (connectionLost()) until resumption fails, its window passes, or endSession().
class StreamManagement : public QObject
{
    Q_OBJECT
public:
    /// What kind of stanza was sent: on resumption iq requests are not sent again (their callers were
    /// told the connection ended), everything else is.
    enum class Kind { Message, Presence, IqRequest, IqResponse };

    explicit StreamManagement(QObject *parent = nullptr);

    void setWriter(std::function<void(const QByteArray &)> write) { m_write = std::move(write); }
    /// How long an acknowledgement may take before the connection counts as dead (ackTimedOut()).
    void setAckTimeout(std::chrono::milliseconds timeout) { m_ackTimeout = timeout; }

    // --- negotiation (XEP-0198 §3 enabling, §5 resumption)
    /// Writes <enable resume='true'/> and starts counting what we send (§4: the outbound count starts
    /// with the enable request).
    void enable();
    /// Whether enable() was called on this stream: acknowledgements are expected for what is sent.
    bool isEnabled() const { return m_enabled; }
    /// Whether a lost session may be resumed: the server gave a resumption id and its window has not passed.
    bool canResume() const;
    QString resumptionId() const { return m_resumptionId; }
    /// The server's preferred host:port for resuming (<enabled location=.../>); empty when none.
    QString location() const { return m_location; }
    /// <resume previd=... h=.../> for the current resumption id.
    QByteArray resumeElement() const;
    /// The server resumed the session having handled @p h of our stanzas: those are acknowledged, the rest
    /// is written again, in order (iq requests excepted), and counting goes on. False
    /// when @p h is more than we ever sent (a protocol error).
    bool resumed(quint32 h);
    /// Resumption failed (§5 <failed/>), with the server's h when it gave one: what it covers is acknowledged,
    /// the rest is dropped (the messages go again with the new session, from the outbox), and the session
    /// is over.
    void resumeFailed(std::optional<quint32> h);

    // --- traffic
    /// A stanza was written; counted and kept until acknowledged when enabled.
    void stanzaSent(const QByteArray &xml, Kind kind, const QString &id);
    /// A stanza was received; counted once the server enabled stream management.
    void stanzaReceived();
    /// An element of urn:xmpp:sm:3 after negotiation: <enabled/>, <failed/>, <r/>, <a/>. False with
    /// @p error set when the server broke the protocol (an h beyond what we sent).
    bool handleElement(const QDomElement &element, QString *error);
    /// Writes <r/> unless one is already waiting for its answer; the answer is due within the ack timeout.
    void requestAck();
    /// Like requestAck(), with an answer due within @p deadline (sooner than usual: the network changed).
    void requestAckWithin(std::chrono::milliseconds deadline);
    /// How many stanzas an <a h=@p h/> acknowledges after the previous @p acked: counters wrap modulo 2^32
    /// (XEP-0198 §4), so 5 after 4294967294 acknowledges 7.
    static quint32 newlyAcknowledged(quint32 h, quint32 acked) { return h - acked; }
    /// Stanzas sent but not acknowledged yet.
    qsizetype unacknowledgedCount() const { return qsizetype(m_queue.size()); }
    bool isUnacknowledged(const QString &id) const;

    // --- the connection ends
    /// The connection dropped: the session is kept for resumption when it can be, else ended.
    void connectionLost();
    /// The session is over (clean close, a fatal error): everything is forgotten.
    void endSession();
    /// Whether a session (enabled or resumable) exists that endSession() would end.
    bool hasSession() const { return m_enabled || !m_resumptionId.isEmpty(); }

Q_SIGNALS:
    /// The server confirmed it has our message @p id (XEP-0198 <a/>, or the h of <resumed/> or <failed/>).
    void messageAcknowledged(const QString &id);
    /// An acknowledgement came (the link is alive).
    void acknowledged();
    /// An acknowledgement request went unanswered within its deadline: the connection is dead.
    void ackTimedOut();

private:
    struct Unacked
    {
        QByteArray xml;
        Kind kind;
        QString id;
    };
    /// Acknowledges up to @p h; false when @p h is beyond what we sent.
    bool acknowledge(quint32 h);
    void scheduleAckRequest();

    std::function<void(const QByteArray &)> m_write;
    bool m_enabled = false;          // <enable/> written on this stream
    bool m_serverEnabled = false;    // <enabled/> received: count what comes in
    bool m_resumable = false;
    QString m_resumptionId;
    QString m_location;
    std::chrono::seconds m_window{0};   // the server's max; 0: not said
    QDeadlineTimer m_resumeDeadline{QDeadlineTimer::Forever};
    quint32 m_inbound = 0;    // stanzas received (h we report), modulo 2^32
    quint32 m_outbound = 0;   // stanzas sent since <enable/>, modulo 2^32
    quint32 m_acked = 0;      // the server's last h
    std::deque<Unacked> m_queue;   // sent, not acknowledged: the oldest first, stanza m_acked + 1 at the front
    int m_sentSinceRequest = 0;
    QTimer m_requestTimer;   // coalesces a burst into one <r/>
    QTimer m_ackDeadline;    // an outstanding <r/> must be answered
    std::chrono::milliseconds m_ackTimeout{30000};
};
