// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// The server's side of a sign-in on a TestClient, step by step, for a connection the code under test starts
// itself (the app's SessionController, a Reconnector), where TestClient::connectAs() would start its own.
#include "TestClient.h"

#include <QDomElement>
#include <QString>

namespace ServerSignIn {

using namespace Qt::StringLiterals;

/// The server opens a (restarted) stream with @p features (RFC 6120 §4.3.2).
inline void serverStream(TestClient &client, const QString &features)
{
    client.inject(u"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                  "xmlns:stream='http://etherx.jabber.org/streams' from='%1' id='s%2' version='1.0'>"
                  "<stream:features>%3</stream:features>"_s.arg(client.configuration().jid.domain())
                      .arg(client.transport()->written().size())
                      .arg(features));
}

/// The server takes the client, which has started connecting, through STARTTLS (RFC 6120 §5) up to SASL
/// (§6), offering PLAIN. False if the client has not started.
inline bool serverUpToSasl(TestClient &client)
{
    if (!client.transport())
        return false;
    serverStream(client, u"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"_s);
    client.inject(u"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"_s);
    serverStream(client,
                 u"<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"_s);
    return true;
}

/// The server accepts the sign-in the client started and binds @p fullJid (RFC 6120 §7); what the client
/// wrote during the negotiation is dropped and the ids start again at "id1". True once the client is Connected.
inline bool serverAcceptsSignIn(TestClient &client, const QString &fullJid)
{
    if (!serverUpToSasl(client))
        return false;
    client.inject(u"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"_s);
    serverStream(client, u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"_s);
    const QDomElement bind = TestClient::parseStanza(QString::fromUtf8(client.transport()->written().constLast()));
    client.transport()->takeWritten();
    client.resetIds();   // as after TestClient::connectAs(): the session's first request is "id1"
    client.inject(
        u"<iq type='result' id='%1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>%2</jid></bind></iq>"_s.arg(
            bind.attribute(u"id"_s), fullJid));
    return client.state() == XmppClient::State::Connected;
}

/// The server refuses the password (RFC 6120 §6.5.10).
inline bool serverRefusesPassword(TestClient &client)
{
    if (!serverUpToSasl(client))
        return false;
    client.transport()->takeWritten();
    client.inject(u"<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>"_s);
    return true;
}

} // namespace ServerSignIn
