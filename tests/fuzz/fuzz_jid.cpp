// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for Jid::parse (RFC 7622; docs/SECURITY.md rule 11). The input is UTF-8 text. Besides
// crashes it checks that normalisation is stable: a parsed JID's string form parses again to an equal JID,
// or two clients (or the roster and a chat) would disagree on whether two addresses are the same.
#include "FuzzCheck.h"
#include "FuzzInput.h"
#include "stanza/Jid.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(FuzzInput::bytes(data, size));
    QString error;
    const auto jid = Jid::parse(text, &error);
    if (!jid) {
        if (error.isEmpty())
            FuzzCheck::fail("Jid::parse refused without a reason", text.toUtf8());
        return 0;
    }
    const auto again = Jid::parse(jid->toString());
    if (!again || *again != *jid)
        FuzzCheck::fail("a parsed JID's string form does not parse to the same JID", text.toUtf8());
    if (jid->bare().toString() != jid->bareString() || !jid->bare().resource().isEmpty())
        FuzzCheck::fail("bare() and bareString() disagree", text.toUtf8());
    (void)jid->domainJid();
    (void)jid->withResource(text);
    (void)qHash(*jid);
    return 0;
}
