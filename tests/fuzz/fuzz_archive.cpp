// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for message archive results and the <fin/> of a query (XEP-0313 §4.2, §5.1.3;
// docs/SECURITY.md rule 11): ArchiveManager's static decoders, on every element of the input.
#include "FuzzInput.h"
#include "extensions/ArchiveManager.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput::forEachElement(data, size, [](const QDomElement &element) {
        (void)ArchiveManager::resultFromStanza(element);
        ArchiveManager::Page page;
        ArchiveManager::readFin(element, &page);
    });
    return 0;
}
