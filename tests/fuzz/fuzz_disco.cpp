// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for service discovery answers (XEP-0030 §3.1, §4.1, with XEP-0128 forms; docs/SECURITY.md
// rule 11): DiscoveryManager's static decoders for disco#info and disco#items, on every element of the input.
#include "FuzzInput.h"
#include "extensions/DiscoveryManager.h"
#include "xml/Namespaces.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput::forEachElement(data, size, [](const QDomElement &element) {
        if (const auto info = DiscoveryManager::Info::fromQuery(element)) {
            (void)info->hasIdentity(u"client");
            (void)info->hasFeature(ns::DiscoInfo);
        }
        (void)DiscoveryManager::Item::listFromQuery(element);
    });
    return 0;
}
