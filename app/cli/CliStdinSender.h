// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"
#include "stanza/Jid.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QLockFile>
#include <QObject>
#include <QSocketNotifier>

#include <memory>

class Database;
class MessageStore;
class XmppClient;

/// `xin-cli send JID --stdin`: one chat message per non-empty line of standard input, all over one session,
/// sent as the lines come (a slow producer works), each confirmed by the server (XEP-0198 acknowledgement)
/// or, when asked, by the recipient (XEP-0184 receipt).
///
/// Nothing is lost across drops (docs/SECURITY.md rule 9): each line gets an id of its own, with
/// origin-id = id (XEP-0359 §3); a resumed session sends again what the server had not acknowledged
/// (XmppClient's stream management, XEP-0198 §5), and after a failed resumption every line not yet
/// acknowledged goes again from here with the same id, so the recipient can recognise it.
///
/// With an outbox file (MessageStore in an SQLite database of its own), a line is stored Pending before it
/// is sent and becomes Sent when acknowledged (Delivered on receipt); the Pending lines of a previous run
/// (killed, crashed) are sent first, with their original ids.
class CliStdinSender : public QObject
{
    Q_OBJECT
public:
    CliStdinSender(XmppClient *client, const Jid &to, bool waitForReceipt, QObject *parent = nullptr);
    ~CliStdinSender() override;

    /// Opens (or creates) the outbox at @p path and takes its Pending messages first; false with *error
    /// when it cannot be opened or another xin-cli uses it.
    bool openOutbox(const QString &path, QString *error);
    /// Starts reading standard input; lines are kept (and stored) at once, sent once a session runs.
    void start();

    /// A session started (new: every line not acknowledged and not awaiting acknowledgement goes) or was
    /// resumed (the stream management resent its own; the lines never written go now).
    void sessionStarted();
    void sessionResumed();
    /// The server acknowledged our message @p id (XmppClient::messageAcknowledged).
    void acknowledged(const QString &id);
    /// A receipt (XEP-0184) from @p from for our message @p id.
    void receiptReceived(const Jid &from, const QString &id);
    /// An error came back for our message @p id: it will not be delivered.
    void deliveryFailed(const Jid &from, const QString &id, const QString &reason);

    bool inputEnded() const { return m_inputEnded; }
    qsizetype lineCount() const { return m_lines.size(); }
    /// Lines not confirmed (by the server, or with receipts by the recipient).
    qsizetype unconfirmedCount() const { return m_lines.size() - m_confirmed; }
    /// Lines the server has not acknowledged (and that were not refused).
    qsizetype unacknowledgedCount() const;

Q_SIGNALS:
    /// Standard input ended (or could not be read: @p error) and every line was confirmed or refused.
    void settled();
    /// Standard input ended; @p error when it could not be read.
    void inputFinished(const QString &error);
    /// A line was refused with an error (@p reason), for a warning.
    void lineFailed(const QString &id, const QString &reason);

private:
    struct Line
    {
        qint64 rowId = 0;   // in the outbox; 0 without one
        QString id;
        Jid to;
        QString body;
        bool acknowledged = false;
        bool delivered = false;
        bool failed = false;
    };
    void readInput();
    void addLine(QByteArray bytes);
    /// Writes lines from @p from on that are neither confirmed nor awaiting the server's acknowledgement.
    void transmitFrom(qsizetype from);
    bool transmit(const Line &line);
    bool isConfirmed(const Line &line) const;
    /// Counts @p line confirmed if it now is, and says when everything is settled.
    void update(Line &line, bool wasConfirmed);
    void checkSettled();

    XmppClient *m_client;
    Jid m_to;
    bool m_waitForReceipt;
    std::unique_ptr<QLockFile> m_lock;    // one xin-cli per outbox: two would send the same lines
    std::unique_ptr<Database> m_database;
    std::unique_ptr<MessageStore> m_store;
    QList<Line> m_lines;                  // in input order: the previous run's Pending ones first
    QHash<QString, qsizetype> m_byId;
    qsizetype m_written = 0;              // lines [0, m_written) were written at least once
    qsizetype m_confirmed = 0;
    qsizetype m_settledOrFailed = 0;      // confirmed or refused
    QByteArray m_partial;                 // an incomplete last line
    QSocketNotifier *m_notifier = nullptr;
    bool m_inputEnded = false;
};
