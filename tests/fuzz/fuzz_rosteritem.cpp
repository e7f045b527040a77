// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for roster items (RFC 6121 §2.1.2; docs/SECURITY.md rule 11): every element of the input
// (the items of a roster result or push among them) goes to RosterItem::fromElement. An item that parses
// has a bare JID and no empty or repeated group, and written back out it is well-formed XML.
#include "FuzzCheck.h"
#include "FuzzInput.h"
#include "stanza/RosterItem.h"

#include <QSet>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput::forEachElement(data, size, [](const QDomElement &element) {
        const auto item = RosterItem::fromElement(element);
        if (!item)
            return;
        if (!item->jid.isBare())
            FuzzCheck::fail("a roster item with a JID that is not bare", item->jid.toString().toUtf8());
        if (item->groups.contains(QString())
            || QSet<QString>(item->groups.begin(), item->groups.end()).size() != item->groups.size()) {
            FuzzCheck::fail("a roster item with an empty or repeated group");
        }
        FuzzCheck::wellFormed(FuzzCheck::written([&](QXmlStreamWriter &out) { item->write(out); }),
                              "RosterItem::write");
    });
    return 0;
}
