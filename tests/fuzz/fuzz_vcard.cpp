// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for vCards (XEP-0054 vcard-temp; docs/SECURITY.md rule 11): every element of the input
// goes to VCard::fromElement (BINVAL photos are base64-decoded there). A vCard that parses is written back
// out as well-formed XML, and its photo hash computed (XEP-0153 §3).
#include "FuzzCheck.h"
#include "FuzzInput.h"
#include "stanza/VCard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput::forEachElement(data, size, [](const QDomElement &element) {
        const auto card = VCard::fromElement(element);
        if (!card)
            return;
        (void)card->isEmpty();
        (void)card->photoHash();
        FuzzCheck::wellFormed(card->toXml(), "VCard::toXml");
    });
    return 0;
}
