// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// ArchiveManager's decoders of archive results and of the <fin/> (XEP-0313 §4.2, §5.1.3), apart from the
// manager so that they link without a client: the fuzz harness tests/fuzz/fuzz_archive.cpp reaches them on
// their own (docs/SECURITY.md rule 11). Whether a result is to be believed is ArchiveManager's business.
#include "extensions/ArchiveManager.h"
#include "xml/Namespaces.h"

#include "messaging/MessagePayloads.h"

#include <QDomElement>

using namespace Qt::StringLiterals;
namespace mp = MessagePayloads;

void ArchiveManager::readFin(const QDomElement &fin, Page *page)
{
    if (fin.tagName() != u"fin" || fin.namespaceURI() != ns::Archive)
        return;
    page->complete = fin.attribute(u"complete"_s) == u"true";
    const QDomElement set = fin.firstChildElement(u"set"_s);
    const QDomElement first = set.firstChildElement(u"first"_s);
    page->first = first.text();
    page->last = set.firstChildElement(u"last"_s).text();
    // XEP-0059 §2.6: <count/> is the size of the whole result set and <first index=''/> where this page starts
    // in it, so what is left from here is their difference. A server that gives no index (Prosody) counts
    // what the query matched, <after/> included.
    bool hasCount = false;
    const int count = set.firstChildElement(u"count"_s).text().toInt(&hasCount);
    if (!hasCount || count < 0)
        return;
    bool hasIndex = false;
    const int index = first.attribute(u"index"_s).toInt(&hasIndex);
    page->total = hasIndex && index >= 0 && index <= count ? count - index : count;
}

std::optional<ArchiveManager::Result> ArchiveManager::resultFromStanza(const QDomElement &stanza)
{
    if (stanza.tagName() != u"message")
        return std::nullopt;
    const QDomElement result = stanza.firstChildElement(u"result"_s);
    if (result.isNull() || result.namespaceURI() != ns::Archive)
        return std::nullopt;
    Result out;
    out.queryId = result.attribute(u"queryid"_s);
    out.archiveId = result.attribute(u"id"_s);
    out.fromText = stanza.attribute(u"from"_s);
    out.from = out.fromText.isEmpty() ? std::optional<Jid>(Jid()) : Jid::parse(out.fromText);
    const QDomElement forwarded = result.firstChildElement(u"forwarded"_s);
    const QDomElement inner = forwarded.firstChildElement(u"message"_s);
    out.hasForwarded = forwarded.namespaceURI() == ns::Forward && !inner.isNull();
    if (out.hasForwarded) {
        out.message = Message::fromElement(inner);
        out.stamp = mp::delayStamp(forwarded);
    }
    return out;
}
