// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/ArchiveManager.h"

#include "client/XmppClient.h"
#include "extensions/ChatManager.h"
#include "extensions/DiscoveryManager.h"
#include "stanza/DataForm.h"
#include "stanza/Iq.h"
#include "storage/Database.h"
#include "xml/Namespaces.h"

#include <QDomElement>
#include <QLoggingCategory>
#include <QPointer>
#include <QXmlStreamWriter>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcArchive, "xin.archive")

namespace {
constexpr int CatchUpPageSize = 100;
constexpr int FirstLoginPageSize = 50;
} // namespace

struct ArchiveManager::Query
{
    Kind kind = Kind::History;
    Jid archive;              // the archive queried: our bare JID
    QPointer<QObject> context;
    bool hadContext = false;
    PageCallback callback;
    Page page;
};

ArchiveManager::ArchiveManager(ChatManager *chats, Database *database, QObject *parent)
    : Extension(parent)
    , m_chats(chats)
    , m_database(database)
{ }

ArchiveManager::~ArchiveManager() = default;

void ArchiveManager::sessionStarted()
{
    // Queries of the previous stream died with it (their iq callbacks say Disconnected).
    m_catchingUp = false;
    discoverSupport();
}

void ArchiveManager::discoverSupport()
{
    // XEP-0313 §7 and XEP-0359 §6: our account advertises both on our bare JID.
    Iq iq;
    iq.type = Iq::Type::Get;
    iq.to = client()->jid().bare();
    iq.payload = Iq::makePayload(u"query"_s, ns::DiscoInfo);
    client()->sendIq(iq, this, [this](const IqReply &reply) {
        const auto info = reply.isResult() ? DiscoveryManager::Info::fromQuery(reply.iq.payload) : std::nullopt;
        const bool supported = info && info->hasFeature(ns::Archive);
        m_chats->setStanzaIdTrusted(info && info->hasFeature(ns::StanzaIds));
        m_supported = supported;
        Q_EMIT supportChanged(supported);
        if (supported && m_autoCatchUp)
            catchUp();
    });
}

QString ArchiveManager::cursor() const
{
    if (!m_cursorLoaded && m_database)
        m_cursor = m_database->property(cursorKey());
    m_cursorLoaded = true;
    return m_cursor;
}

void ArchiveManager::setCursor(const QString &id)
{
    if (id == cursor())
        return;
    m_cursor = id;
    if (m_database)
        m_database->setProperty(cursorKey(), m_cursor);
}

bool ArchiveManager::hasCaughtUpBefore() const
{
    return m_caughtUpBefore || (m_database && m_database->property(caughtUpKey()) == u"1");
}

void ArchiveManager::setCaughtUpBefore()
{
    m_caughtUpBefore = true;
    if (m_database && m_database->property(caughtUpKey()) != u"1")
        m_database->setProperty(caughtUpKey(), u"1"_s);
}

void ArchiveManager::catchUp()
{
    if (!m_supported || m_catchingUp || !client() || !client()->isConnected())
        return;
    m_catchingUp = true;
    Q_EMIT catchUpProgress(0, -1);
    const QString after = cursor();
    if (after.isEmpty() && !hasCaughtUpBefore()) {
        // The first session of this profile: the newest page is history to show, not news to notify.
        query(Kind::History, {}, {}, {}, true, FirstLoginPageSize, this, [this](const Page &page) {
            if (page.ok)
                setCursor(page.last);
            finishCatchUp(page.ok, page.added);
        });
        return;
    }
    // No cursor after an earlier catch-up: the archive was empty then, so all it holds now came since, and is
    // news: from its start (no RSM <after/>), never the first-login path that shows it as read.
    CatchUp run;
    run.seen.insert(after);
    catchUpPage(after, run);
}

void ArchiveManager::catchUpPage(const QString &after, CatchUp run)
{
    query(Kind::CatchUp, {}, after, {}, false, CatchUpPageSize, this, [this, run](const Page &page) mutable {
        if (!page.ok) {
            // XEP-0059 §2.4: item-not-found: the cursor's message left the archive (expired,
            // deleted). What came after it must still be fetched, as unread news: page back from the newest.
            if (page.error == u"item-not-found" && run.pages == 0) {
                qCInfo(lcArchive) << "catch-up cursor no longer in the archive; paging back from the newest";
                recoverPage({}, CatchUp{});
                return;
            }
            finishCatchUp(false, run.added);
            return;
        }
        if (run.pages == 0)
            run.total = page.total;   // the first page's count covers the whole catch-up after the cursor
        pageReceived(page, run);
        // Only archive results move the cursor (docs/SECURITY.md rule 9), and only past what was processed.
        if (page.count > 0 && !page.last.isEmpty())
            setCursor(page.last);
        if (page.complete) {
            finishCatchUp(true, run.added);
            return;
        }
        // XEP-0059 §2.2: each page's <last/> is the next <after/>. One that does not advance, or an empty page
        // with more to come, would page for ever (issue 13, finding 10).
        if (page.count == 0 || page.last.isEmpty() || run.seen.contains(page.last)) {
            qCWarning(lcArchive) << "the archive did not advance past" << page.last << "- catch-up stopped";
            finishCatchUp(false, run.added, GapReason::ArchiveStalled);
            return;
        }
        if (run.pages >= MaxCatchUpPages) {
            qCWarning(lcArchive) << "catch-up stopped after" << run.pages << "pages";
            finishCatchUp(false, run.added, GapReason::PageLimit);
            return;
        }
        run.seen.insert(page.last);
        catchUpPage(page.last, run);
    });
}

void ArchiveManager::recoverPage(const QString &before, CatchUp run)
{
    // Newest first (RSM <before/>), as unread catch-up results: a page holding a message we had already is
    // where our history resumes, so the gap is closed there. Never the first-login path, which would mark
    // the missed messages read and leave the gap unseen.
    query(Kind::CatchUp, {}, {}, before, true, CatchUpPageSize, this, [this, run](const Page &page) mutable {
        if (!page.ok) {
            finishCatchUp(false, run.added);   // the cursor stays: the next session tries again
            return;
        }
        pageReceived(page, run);
        if (run.newest.isEmpty())
            run.newest = page.last;
        if (page.known > 0) {
            setCursor(run.newest);
            finishCatchUp(true, run.added);
            return;
        }
        // From here on the cursor moves to the newest result: the user is told what may be missing, and the
        // next session does not page back through it all again.
        if (page.complete) {
            // The archive's oldest message is newer than everything we had: what lay between is gone. (An
            // archive now empty leaves no cursor: the next catch-up starts at its start.)
            setCursor(run.newest);
            finishCatchUp(true, run.added, GapReason::CursorExpired);
            return;
        }
        const bool stalled = page.count == 0 || page.first.isEmpty() || run.seen.contains(page.first);
        if (stalled || run.pages >= MaxCatchUpPages) {
            qCWarning(lcArchive) << "paging back for the lost cursor stopped after" << run.pages << "pages";
            setCursor(run.newest);
            finishCatchUp(false, run.added, stalled ? GapReason::ArchiveStalled : GapReason::PageLimit);
            return;
        }
        run.seen.insert(page.first);
        recoverPage(page.first, run);
    });
}

void ArchiveManager::pageReceived(const Page &page, CatchUp &run)
{
    ++run.pages;
    run.added += page.added;
    run.received += page.count;
    Q_EMIT catchUpProgress(run.received, run.total >= 0 ? std::max(run.total, run.received) : -1);
}

void ArchiveManager::finishCatchUp(bool ok, int added, std::optional<GapReason> gap)
{
    m_catchingUp = false;
    if (ok || gap)
        setCaughtUpBefore();
    if (gap)
        Q_EMIT historyGap(*gap);
    Q_EMIT catchUpFinished(ok, added);
}

void ArchiveManager::fetchHistory(const Jid &with, const QString &beforeId, int max, QObject *context,
                                  PageCallback callback)
{
    query(Kind::History, with.bare(), {}, beforeId, true, max, context, std::move(callback));
}

void ArchiveManager::query(Kind kind, const Jid &with, const QString &after, const QString &before, bool fromNewest,
                           int max, QObject *context, PageCallback callback)
{
    if (!client() || !client()->isConnected() || !m_supported) {
        Page page;
        page.error = u"unavailable"_s;
        if (callback)
            callback(page);
        return;
    }
    const QString queryId = client()->generateId();
    auto open = std::make_unique<Query>();
    open->kind = kind;
    open->archive = client()->jid().bare();
    open->context = context;
    open->hadContext = context != nullptr;
    open->callback = std::move(callback);
    m_open[queryId] = std::move(open);

    Iq iq;
    iq.type = Iq::Type::Set;   // no 'to': our own archive
    iq.payloadWriter = [=](QXmlStreamWriter &out) {
        writeQuery(out, queryId, with, after, fromNewest ? std::optional<QString>(before) : std::nullopt, max);
    };
    client()->sendIq(iq, this, [this, queryId](const IqReply &reply) { closeQuery(queryId, reply); }, m_queryTimeout);
}

void ArchiveManager::writeQuery(QXmlStreamWriter &out, const QString &queryId, const Jid &with, const QString &after,
                                const std::optional<QString> &before, int max)
{
    // XEP-0313 §4.1 and §5.1: a data form for the filter, RSM for paging; <before/> empty = the newest page.
    out.writeStartElement(u"query"_s);
    out.writeDefaultNamespace(ns::Archive);
    out.writeAttribute(u"queryid"_s, queryId);
    out.writeStartElement(u"x"_s);
    out.writeDefaultNamespace(ns::DataForms);
    out.writeAttribute(u"type"_s, u"submit"_s);
    out.writeStartElement(u"field"_s);
    out.writeAttribute(u"var"_s, u"FORM_TYPE"_s);
    out.writeAttribute(u"type"_s, u"hidden"_s);
    out.writeTextElement(u"value"_s, ns::Archive);
    out.writeEndElement();
    if (!with.isNull()) {
        out.writeStartElement(u"field"_s);
        out.writeAttribute(u"var"_s, u"with"_s);
        out.writeTextElement(u"value"_s, with.toString());
        out.writeEndElement();
    }
    out.writeEndElement();   // x
    out.writeStartElement(u"set"_s);
    out.writeDefaultNamespace(ns::Rsm);
    out.writeTextElement(u"max"_s, QString::number(max));
    if (!after.isEmpty())
        out.writeTextElement(u"after"_s, after);
    if (before && before->isEmpty())
        out.writeEmptyElement(u"before"_s);
    else if (before)
        out.writeTextElement(u"before"_s, *before);
    out.writeEndElement();   // set
    out.writeEndElement();   // query
}

void ArchiveManager::closeQuery(const QString &queryId, const IqReply &reply)
{
    // Closed: later results with this queryid are refused.
    const auto found = m_open.find(queryId);
    if (found == m_open.end())
        return;
    const std::unique_ptr<Query> done = std::move(found->second);
    m_open.erase(found);
    Page page = done->page;
    page.ok = reply.isResult();
    if (!page.ok) {
        page.error = reply.iq.error                           ? StanzaError::conditionName(reply.iq.error->condition)
                   : reply.status == IqReply::Status::Timeout ? u"timeout"_s
                                                              : u"disconnected"_s;
    } else {
        readFin(reply.iq.payload, &page);
    }
    if (done->callback && (!done->hadContext || done->context))
        done->callback(page);
}

bool ArchiveManager::handleStanza(const QDomElement &stanza)
{
    const auto result = resultFromStanza(stanza);
    if (!result)
        return false;

    // docs/SECURITY.md rule 3: only a query of ours that is still open, and only from the archive it went to.
    const auto found = m_open.find(result->queryId);
    Query *open = found == m_open.end() ? nullptr : found->second.get();
    const auto &from = result->from;
    const bool fromArchive = open && from && (from->isNull() || *from == open->archive);
    if (!fromArchive) {
        qCWarning(lcArchive) << "ignored an archive result from" << result->fromText
                             << "that answers no open query of ours";
        Q_EMIT forgedResultIgnored(from.value_or(Jid()));
        return true;
    }
    if (!result->hasForwarded)
        return true;
    ++open->page.count;
    const auto &message = result->message;
    if (!message || message->type == Message::Type::Groupchat)
        return true;
    const auto origin = open->kind == Kind::CatchUp ? ChatManager::Origin::Archive
                                                    : ChatManager::Origin::ArchiveHistory;
    bool known = false;
    if (m_chats->processMessage(*message, origin, result->archiveId, result->stamp, &known))
        ++open->page.added;
    else if (known)
        ++open->page.known;
    return true;
}
