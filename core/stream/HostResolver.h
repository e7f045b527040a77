// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QDnsLookup;

/// Where to connect for a domain (RFC 6120 §3.2, XEP-0368): SRV records for Direct TLS
/// (_xmpps-client._tcp) and for STARTTLS (_xmpp-client._tcp), each ordered by priority and weight
/// (RFC 2782), then the domain itself on 5222 as the fallback.
class HostResolver : public QObject
{
    Q_OBJECT
public:
    struct Endpoint
    {
        QString host;
        quint16 port = 0;
        bool directTls = false;
        friend bool operator==(const Endpoint &, const Endpoint &) = default;
    };

    explicit HostResolver(QObject *parent = nullptr);

    /// Looks up @p domain; emits finished() once with every endpoint to try, in order.
    /// With @p directTlsOnly only _xmpps-client records and the domain on 5223 are returned.
    void resolve(const QString &domain, bool directTlsOnly);
    void abort();

    /// Orders SRV targets by priority, then weight (heavier first): deterministic, testable.
    static QList<Endpoint> order(QList<std::tuple<QString, quint16, quint16, quint16>> records, bool directTls);

Q_SIGNALS:
    void finished(const QList<HostResolver::Endpoint> &endpoints);

private:
    void lookUp(const QString &service);
    void lookupFinished();

    QString m_domain;
    bool m_directTlsOnly = false;
    QDnsLookup *m_lookup = nullptr;
    bool m_secondLookup = false;
    QList<Endpoint> m_endpoints;
};
