// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stream/HostResolver.h"

#include <QDnsLookup>

#include <algorithm>

using namespace Qt::StringLiterals;

HostResolver::HostResolver(QObject *parent) : QObject(parent) { }

void HostResolver::resolve(const QString &domain, bool directTlsOnly)
{
    abort();
    m_domain = domain;
    m_directTlsOnly = directTlsOnly;
    m_endpoints.clear();
    m_secondLookup = false;
    lookUp(u"_xmpps-client._tcp."_s + domain);
}

void HostResolver::abort()
{
    if (m_lookup) {
        m_lookup->disconnect(this);
        m_lookup->abort();
        m_lookup->deleteLater();
        m_lookup = nullptr;
    }
}

void HostResolver::lookUp(const QString &service)
{
    m_lookup = new QDnsLookup(QDnsLookup::SRV, service, this);
    connect(m_lookup, &QDnsLookup::finished, this, &HostResolver::lookupFinished);
    m_lookup->lookup();
}

QList<HostResolver::Endpoint> HostResolver::order(QList<std::tuple<QString, quint16, quint16, quint16>> records,
                                                  bool directTls)
{
    // tuple: target, port, priority, weight. RFC 2782: lower priority first; within one priority,
    // heavier weight first (a deterministic stand-in for the weighted random pick).
    std::stable_sort(records.begin(), records.end(), [](const auto &a, const auto &b) {
        if (std::get<2>(a) != std::get<2>(b))
            return std::get<2>(a) < std::get<2>(b);
        return std::get<3>(a) > std::get<3>(b);
    });
    QList<Endpoint> endpoints;
    for (const auto &[target, port, priority, weight] : records) {
        Q_UNUSED(priority)
        Q_UNUSED(weight)
        // RFC 2782: a target of "." means the service is decidedly not available.
        if (target.isEmpty() || target == u".")
            continue;
        endpoints.append({target, port, directTls});
    }
    return endpoints;
}

void HostResolver::lookupFinished()
{
    QList<std::tuple<QString, quint16, quint16, quint16>> records;
    if (m_lookup->error() == QDnsLookup::NoError) {
        const auto srv = m_lookup->serviceRecords();
        for (const QDnsServiceRecord &record : srv) {
            QString target = record.target();
            if (target.endsWith(u'.'))
                target.chop(1);
            records.append({target, record.port(), record.priority(), record.weight()});
        }
    }
    m_endpoints += order(records, !m_secondLookup);
    m_lookup->deleteLater();
    m_lookup = nullptr;

    if (!m_secondLookup && !m_directTlsOnly) {
        m_secondLookup = true;
        lookUp(u"_xmpp-client._tcp."_s + m_domain);
        return;
    }
    // RFC 6120 §3.2.2: without SRV records, the domain itself on the default port.
    m_endpoints.append(m_directTlsOnly ? Endpoint{m_domain, 5223, true} : Endpoint{m_domain, 5222, false});
    Q_EMIT finished(m_endpoints);
}
