// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>
#include <QTcpSocket>

class ProsodyServer;

/// An XEP-0114 component connection to a ProsodyServer's component port: one connection that speaks for any
/// number of JIDs at the component's domain (bots.<domain>). Benchmarks make thousands of contacts of it;
/// tests make strangers of it and read what the client sent them.
class ComponentConnection
{
public:
    /// Connects and shakes hands (XEP-0114 §3); blocks up to a few seconds.
    bool connectTo(const ProsodyServer &server, const QString &secret, QString *error);

    /// Keep what the server routes to the component (the default), or read and drop it, as a component
    /// that keeps thousands of contacts quiet would.
    void setKeepReceived(bool keep) { m_keepReceived = keep; }

    QString domain() const { return m_domain; }
    QString jid(const QString &local) const { return local + u'@' + m_domain; }
    void write(const QByteArray &stanzas);

    /// Everything routed to the component's JIDs so far (when kept).
    const QByteArray &received() const { return m_received; }
    /// How many <iq/> requests reached @p bareJid or one of its resources.
    int iqsTo(const QString &bareJid) const;

private:
    QTcpSocket m_socket;
    QString m_domain;
    QByteArray m_received;
    bool m_keepReceived = true;
};
