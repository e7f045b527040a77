// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for the <presence/> decoder (RFC 6121 §4; docs/SECURITY.md rule 11). A decoded presence
// written back out must be well-formed XML.
#include "FuzzCheck.h"
#include "FuzzInput.h"
#include "stanza/Presence.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput::forEachElement(data, size, [](const QDomElement &element) {
        const auto presence = Presence::fromElement(element);
        if (!presence)
            return;
        if (presence->priority < -128 || presence->priority > 127)
            FuzzCheck::fail("presence priority outside -128..127 (RFC 6121 §4.7.2.3)");
        FuzzCheck::wellFormed(presence->toXml(), "Presence::toXml");
    });
    return 0;
}
