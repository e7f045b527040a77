#pragma once

#include "client/Extension.h"
#include "stanza/Jid.h"

#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <functional>

class ChatManager;
class Database;

/// Message Archive Management (XEP-0313 v1.1, urn:xmpp:mam:2) on our own account's archive: catches up on
/// what arrived while we were offline, and pages back through a chat's history.
///
/// Results are accepted only while their query is open, with its queryid, from the archive it went to (our
/// account: no 'from' or our bare JID) — SECURITY rule 3: a real server relays a forged <result/> from
/// another user verbatim. Each result goes to ChatManager::processMessage(), which de-duplicates by
/// stanza-id / origin-id, so nothing appears twice.
///
/// The catch-up cursor (the archive id of the newest message seen) is kept in the profile's database when
/// one is given, so the next session asks only for what is newer (XEP-0313 §5.1.2 RSM <after/>).
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
        bool complete = false;    // XEP-0313 §5.1.3 complete='true': nothing older (or newer) is left
        QString first;            // RSM <first/>: the oldest result's id, for paging further back
        QString last;             // RSM <last/>
    };
    using PageCallback = std::function<void(const Page &)>;

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

    /// Writes a cursor move still waiting for its deferred write (done on disconnection; the owner calls it
    /// before the database goes).
    void writeCursor();

    /// The cursor key in the database's properties.
    static QString cursorKey() { return QStringLiteral("archive/last-id"); }

Q_SIGNALS:
    /// After each session start, once the account said whether it has an archive.
    void supportChanged(bool supported);
    /// The catch-up after a (re)connection ended: @p added messages were new.
    void catchUpFinished(bool ok, int added);
    /// A result that did not belong to an open query from our archive was dropped.
    void forgedResultIgnored(const Jid &from);

protected:
    bool handleStanza(const QDomElement &stanza) override;
    void sessionStarted() override;
    void setClient(XmppClient *client) override;

private:
    struct Query;
    enum class Kind { CatchUp, History };
    void discoverSupport();
    void query(Kind kind, const Jid &with, const QString &after, const QString &before, bool fromNewest, int max,
               QObject *context, PageCallback callback);
    void catchUpPage(const QString &after, int added);
    enum class Write { Now, Soon };
    QString cursor() const;
    void setCursor(const QString &id, Write write = Write::Now);

    ChatManager *m_chats;
    Database *m_database;
    QHash<QString, Query *> m_open;   // by queryid
    mutable QString m_cursor;         // the cursor; the database's copy may lag by up to a second
    mutable bool m_cursorLoaded = false;
    bool m_cursorDirty = false;
    QTimer m_cursorWrite;             // live messages: one database write per second, not one per message
    bool m_supported = false;
    bool m_catchingUp = false;
    bool m_caughtUp = false;
    bool m_autoCatchUp = true;          // this session: live stanza-ids may advance the cursor
};
