#pragma once

#include <QString>

/// XML namespaces used on the wire, one place for all of them.
namespace ns {
inline const QString Client = QStringLiteral("jabber:client");
inline const QString Stream = QStringLiteral("http://etherx.jabber.org/streams");
inline const QString Streams = QStringLiteral("urn:ietf:params:xml:ns:xmpp-streams");   // stream errors
inline const QString Stanzas = QStringLiteral("urn:ietf:params:xml:ns:xmpp-stanzas");   // stanza errors
inline const QString Tls = QStringLiteral("urn:ietf:params:xml:ns:xmpp-tls");
inline const QString Sasl = QStringLiteral("urn:ietf:params:xml:ns:xmpp-sasl");
inline const QString Bind = QStringLiteral("urn:ietf:params:xml:ns:xmpp-bind");
inline const QString Session = QStringLiteral("urn:ietf:params:xml:ns:xmpp-session");
inline const QString Ping = QStringLiteral("urn:xmpp:ping");                      // XEP-0199
inline const QString StreamManagement = QStringLiteral("urn:xmpp:sm:3");          // XEP-0198
inline const QString SaslChannelBinding = QStringLiteral("urn:xmpp:sasl-cb:0");   // XEP-0440
inline const QString Delay = QStringLiteral("urn:xmpp:delay");                    // XEP-0203
inline const QString Xml = QStringLiteral("http://www.w3.org/XML/1998/namespace");
} // namespace ns
