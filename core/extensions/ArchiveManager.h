// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Extension.h"
#include "stanza/Jid.h"
#include "stanza/Message.h"

#include <QDateTime>
#include <QSet>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>

class ChatManager;
class Database;
class QXmlStreamWriter;
struct IqReply;

/// Message Archive Management (XEP-0313 v1.1, urn:xmpp:mam:2) on our own account's archive: catches up on
/// what arrived while we were offline, and pages back through a chat's history.
///
/// Results are accepted only while their query is open, with its queryid, from the archive it went to (our
/// account: no 'from' or our bare JID) — docs/SECURITY.md rule 3: a real server relays a forged <result/> from
/// another user verbatim. Each result goes to ChatManager::processMessage(), which de-duplicates by
/// stanza-id / origin-id, so nothing appears twice.
///
/// The catch-up cursor (the archive id of the newest archive result seen) is kept in the profile's database
/// when one is given, so the next session asks only for what is newer (XEP-0313 §5.1.2 RSM <after/>). Only
/// archive results move it, never a live message's stanza-id (docs/SECURITY.md rule 9: catch up from the
/// last trusted stanza-id). Paging stops when the archive's <last/> (or <first/>) does not advance, on an
/// empty page that is not complete, and after MaxCatchUpPages pages; each of those, and a cursor the archive
/// no longer has, is announced with historyGap(), so the user learns that history may be missing.
class ArchiveManager : public Extension
{
    Q_OBJECT
public:
    /// One page of a history query: how many results came, and whether the archive has no more.
    struct Page
    {
        bool ok = false;          // false: the query failed (error, timeout, disconnection)
        QString error;            // why, for display
        int count = 0;            // results received for the query
        int added = 0;            // of them, messages that were new to us
        int known = 0;            // of them, messages we had stored already
        bool complete = false;    // XEP-0313 §5.1.3 complete='true': nothing older (or newer) is left
        QString first;            // RSM <first/>: the oldest result's id, for paging further back
        QString last;             // RSM <last/>
        /// Results from this page's first on to the end of the set, when the archive says: RSM <count/>
        /// less <first index=''/> (XEP-0059 §2.6); <count/> alone where there is no index. -1: not said.
        int total = -1;
    };
    using PageCallback = std::function<void(const Page &)>;
    /// Why history may be missing after a catch-up.
    enum class GapReason {
        CursorExpired,    // the archive no longer has the cursor's message and we met none we had before
        PageLimit,        // MaxCatchUpPages pages came and the archive still had more
        ArchiveStalled,   // the archive repeated a page, or sent an empty one that it did not call complete
    };
    Q_ENUM(GapReason)
    /// Pages one catch-up asks for at most (of 100 results each).
    static constexpr int MaxCatchUpPages = 100;

    /// What a <message/> with an archive <result/> (XEP-0313 §4.2) says, before any check of where it comes
    /// from. A static decoder, so that the fuzz harness reaches it without a client (docs/SECURITY.md rule 11).
    struct Result
    {
        QString queryId;                  // the queryid of the query it answers
        QString archiveId;                // the result's id: the message's id in the archive
        QString fromText;                 // the stanza's 'from' as written
        std::optional<Jid> from;          // a null Jid when there is no 'from'; nullopt when it is invalid
        bool hasForwarded = false;        // a <forwarded/> (XEP-0297) with a <message/> in it
        std::optional<Message> message;   // that message, if it parses
        QDateTime stamp;                  // the <forwarded/>'s XEP-0203 delay
    };
    /// The archive result in @p stanza; nullopt when it is no {urn:xmpp:mam:2}result message.
    static std::optional<Result> resultFromStanza(const QDomElement &stanza);
    /// complete, first and last of @p page from the <fin/> of a query's answer (XEP-0313 §5.1.3, XEP-0059).
    static void readFin(const QDomElement &fin, Page *page);

    /// @p database (may be null) keeps the catch-up cursor.
    explicit ArchiveManager(ChatManager *chats, Database *database = nullptr, QObject *parent = nullptr);
    ~ArchiveManager() override;

    /// Whether our account's archive supports urn:xmpp:mam:2 (known after session start).
    bool isSupported() const { return m_supported; }
    bool isCatchingUp() const { return m_catchingUp; }
    /// The newest messages with @p with before the archive id @p beforeId (empty: the newest of all),
    /// at most @p max, added to the history as read. @p callback runs once unless @p context goes first.
    void fetchHistory(const Jid &with, const QString &beforeId, int max, QObject *context, PageCallback callback);
    /// Asks for everything newer than the cursor (done at each session start once support is known).
    void catchUp();

    /// Whether catchUp() runs by itself at each session start (default true; xin-cli turns it off).
    void setAutoCatchUp(bool enabled) { m_autoCatchUp = enabled; }
    /// How long a query waits for the archive's <fin/> (default DefaultQueryTimeout: a page of 100 messages
    /// can take a busy server a while).
    void setQueryTimeout(std::chrono::milliseconds timeout) { m_queryTimeout = timeout; }
    static constexpr std::chrono::seconds DefaultQueryTimeout{60};

    /// The cursor key in the database's properties.
    static QString cursorKey() { return QStringLiteral("archive/last-id"); }
    /// "1" once a catch-up of this profile succeeded: without a cursor, the archive was empty then.
    static QString caughtUpKey() { return QStringLiteral("archive/caught-up"); }

Q_SIGNALS:
    /// After each session start, once the account said whether it has an archive.
    void supportChanged(bool supported);
    /// A catch-up is under way: @p received archive results so far, of @p total (-1 while the archive has not
    /// said how many; XEP-0059 §2.6 <count/>). Emitted with (0, -1) when it starts, then after each page.
    void catchUpProgress(int received, int total);
    /// The catch-up after a (re)connection ended: @p added messages were new.
    void catchUpFinished(bool ok, int added);
    /// A result that did not belong to an open query from our archive was dropped.
    void forgedResultIgnored(const Jid &from);
    /// The catch-up could not fetch everything that came while we were offline (@p reason): history may be
    /// missing, and the user is told so.
    void historyGap(ArchiveManager::GapReason reason);

protected:
    bool handleStanza(const QDomElement &stanza) override;
    void sessionStarted() override;

private:
    struct Query;
    /// What one catch-up has done so far: pages asked for, results added, the RSM ids seen (a repeated one
    /// means the archive goes round in circles), and, when it pages back from the newest, the newest id.
    struct CatchUp
    {
        int pages = 0;
        int added = 0;
        int received = 0;   // archive results, for catchUpProgress()
        int total = -1;
        QSet<QString> seen;
        QString newest;
    };
    enum class Kind { CatchUp, History };
    void discoverSupport();
    void query(Kind kind, const Jid &with, const QString &after, const QString &before, bool fromNewest, int max,
               QObject *context, PageCallback callback);
    static void writeQuery(QXmlStreamWriter &out, const QString &queryId, const Jid &with, const QString &after,
                           const std::optional<QString> &before, int max);
    void closeQuery(const QString &queryId, const IqReply &reply);
    void catchUpPage(const QString &after, CatchUp run);
    void recoverPage(const QString &before, CatchUp run);
    /// Counts @p page into @p run and tells how far the catch-up is.
    void pageReceived(const Page &page, CatchUp &run);
    void finishCatchUp(bool ok, int added, std::optional<GapReason> gap = std::nullopt);
    QString cursor() const;
    void setCursor(const QString &id);
    bool hasCaughtUpBefore() const;
    void setCaughtUpBefore();

    ChatManager *m_chats;
    Database *m_database;
    std::map<QString, std::unique_ptr<Query>> m_open;   // by queryid
    mutable QString m_cursor;         // the cursor, as written to the database
    mutable bool m_cursorLoaded = false;
    bool m_caughtUpBefore = false;    // as caughtUpKey(), for a manager without a database
    bool m_supported = false;
    bool m_catchingUp = false;
    bool m_autoCatchUp = true;
    std::chrono::milliseconds m_queryTimeout = DefaultQueryTimeout;
};
