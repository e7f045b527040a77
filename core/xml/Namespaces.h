// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

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
// One-to-one chat: ChatManager, Chat, CarbonsManager, ArchiveManager, MessagePayloads.
inline const QString Receipts = QStringLiteral("urn:xmpp:receipts");                      // XEP-0184
inline const QString ChatMarkers = QStringLiteral("urn:xmpp:chat-markers:0");             // XEP-0333
inline const QString ChatStates = QStringLiteral("http://jabber.org/protocol/chatstates");   // XEP-0085
inline const QString MessageCorrection = QStringLiteral("urn:xmpp:message-correct:0");   // XEP-0308
inline const QString StanzaIds = QStringLiteral("urn:xmpp:sid:0");                        // XEP-0359
inline const QString Expire = QStringLiteral("jabber:x:expire");                          // XEP-0023
inline const QString Hints = QStringLiteral("urn:xmpp:hints");                            // XEP-0334
inline const QString Forward = QStringLiteral("urn:xmpp:forward:0");                      // XEP-0297
inline const QString Carbons = QStringLiteral("urn:xmpp:carbons:2");                      // XEP-0280
inline const QString Archive = QStringLiteral("urn:xmpp:mam:2");                          // XEP-0313
inline const QString Rsm = QStringLiteral("http://jabber.org/protocol/rsm");              // XEP-0059

// RosterManager, PresenceManager, BlockingManager, RosterItem
inline const QString Roster = QStringLiteral("jabber:iq:roster");                   // RFC 6121 §2
inline const QString Nick = QStringLiteral("http://jabber.org/protocol/nick");       // XEP-0172
inline const QString PreApproval = QStringLiteral("urn:xmpp:features:pre-approval"); // RFC 6121 §3.4
inline const QString Last = QStringLiteral("jabber:iq:last");                       // XEP-0012 (Last Activity)
inline const QString Blocking = QStringLiteral("urn:xmpp:blocking");                // XEP-0191

// DiscoveryManager, SearchManager, VCardManager, AvatarManager, VCard, DataForm (and Nick, above)
inline const QString DiscoInfo = QStringLiteral("http://jabber.org/protocol/disco#info");     // XEP-0030
inline const QString DiscoItems = QStringLiteral("http://jabber.org/protocol/disco#items");   // XEP-0030
inline const QString Search = QStringLiteral("jabber:iq:search");                              // XEP-0055
inline const QString DataForms = QStringLiteral("jabber:x:data");                              // XEP-0004
inline const QString VCardTemp = QStringLiteral("vcard-temp");                                 // XEP-0054
inline const QString VCardUpdate = QStringLiteral("vcard-temp:x:update");                      // XEP-0153
inline const QString PubSub = QStringLiteral("http://jabber.org/protocol/pubsub");             // XEP-0060
inline const QString PubSubEvent = QStringLiteral("http://jabber.org/protocol/pubsub#event");  // XEP-0060
inline const QString AvatarMetadata = QStringLiteral("urn:xmpp:avatar:metadata");              // XEP-0084
inline const QString AvatarData = QStringLiteral("urn:xmpp:avatar:data");                      // XEP-0084
} // namespace ns
