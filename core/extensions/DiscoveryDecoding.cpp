// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// DiscoveryManager's value types and their decoders (XEP-0030 §3.1, §4.1), apart from the manager so that
// they link without a client: the fuzz harness tests/fuzz/fuzz_disco.cpp reaches them on their own
// (docs/SECURITY.md rule 11).
#include "extensions/DiscoveryManager.h"

#include "xml/Namespaces.h"

#include <QDomElement>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool isQuery(const QDomElement &element, const QString &xmlns)
{
    return element.localName() == u"query" && element.namespaceURI() == xmlns;
}

} // namespace

bool DiscoveryManager::Info::hasIdentity(QStringView category, QStringView type) const
{
    return std::any_of(identities.cbegin(), identities.cend(), [&](const Identity &identity) {
        return identity.category == category && (type.isEmpty() || identity.type == type);
    });
}

std::optional<DiscoveryManager::Info> DiscoveryManager::Info::fromQuery(const QDomElement &query)
{
    if (!isQuery(query, ns::DiscoInfo))
        return std::nullopt;
    Info info;
    info.node = query.attribute(u"node"_s);
    // Features are de-duplicated through a set: any entity answers disco#info, and a list search per feature
    // made 40,000 of them in one answer cost seconds (docs/SECURITY.md rule 6: bounded work per stanza).
    QSet<QString> seen;
    for (QDomElement child = query.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.namespaceURI() == ns::DiscoInfo && child.localName() == u"identity") {
            // XEP-0030 §3.1: category and type are REQUIRED.
            Identity identity{child.attribute(u"category"_s), child.attribute(u"type"_s), child.attribute(u"name"_s),
                              child.attributeNS(ns::Xml, u"lang"_s)};
            if (!identity.category.isEmpty() && !identity.type.isEmpty())
                info.identities.append(identity);
        } else if (child.namespaceURI() == ns::DiscoInfo && child.localName() == u"feature") {
            const QString feature = child.attribute(u"var"_s);
            if (!feature.isEmpty() && !seen.contains(feature)) {
                seen.insert(feature);
                info.features.append(feature);
            }
        } else if (auto form = DataForm::fromElement(child)) {   // XEP-0128
            info.forms.append(*form);
        }
    }
    return info;
}

QList<DiscoveryManager::Item> DiscoveryManager::Item::listFromQuery(const QDomElement &query)
{
    QList<Item> items;
    if (!isQuery(query, ns::DiscoItems))
        return items;
    for (QDomElement child = query.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.namespaceURI() != ns::DiscoItems || child.localName() != u"item")
            continue;
        const auto jid = Jid::parse(child.attribute(u"jid"_s));   // XEP-0030 §4.1: jid is REQUIRED
        if (jid)
            items.append({*jid, child.attribute(u"node"_s), child.attribute(u"name"_s)});
    }
    return items;
}
