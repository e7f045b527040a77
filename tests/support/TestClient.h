// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "FakeTransport.h"

#include "client/XmppClient.h"

#include <QDomElement>
#include <QList>
#include <QPointer>
#include <QString>

/// An XmppClient on a FakeTransport, for XML-in/XML-out tests of a manager (the shape of QXmpp's
/// TestClient): connectAs() signs in through a scripted in-memory server (STARTTLS, SASL PLAIN, bind), then a
/// test inject()s what the server would send and expect()s what the client sends, compared as XML
/// (XmlTestUtils: names, namespaces, attributes, children, text; not prefixes or formatting).
///
/// Both sides of a comparison are read with jabber:client as the default namespace, so tests leave out
/// xmlns='jabber:client'. Ids are deterministic: "id1", "id2", ... counted afresh once connectAs() is done.
///
///     TestClient client;
///     auto *blocking = client.addExtension<BlockingManager>();
///     QVERIFY(client.connectAs());
///     blocking->block(Jid::fromString(u"spam@example.net"_s));
///     client.expect(u"<iq type='set' id='id1'><block xmlns='urn:xmpp:blocking'>...</block></iq>"_s);
///     client.inject(u"<iq type='result' id='id1'/>"_s);
class TestClient : public XmppClient
{
    Q_OBJECT
public:
    static inline const QString DefaultJid = QStringLiteral("alice@example.org/desktop");

    explicit TestClient(QObject *parent = nullptr);

    /// Signs in as @p fullJid; true once Connected. @p extraFeatures (XML) are added to the features of the
    /// authenticated stream, e.g. "<sub xmlns='urn:xmpp:features:pre-approval'/>". Whatever the client wrote
    /// during the negotiation is dropped; the next id is "id1".
    bool connectAs(const QString &fullJid = DefaultJid, const QString &extraFeatures = {});
    /// After the connection dropped: connects again and signs in. When the client asks to resume the session
    /// (XEP-0198 <resume/>, offered with "<sm xmlns='urn:xmpp:sm:3'/>" in @p extraFeatures), the server answers
    /// @p resumeAnswer (<resumed/> or <failed/>); what the client writes after that answer is kept for
    /// expect(). After <failed/> (or without resumption) a new session is bound as in connectAs(). Ids go on
    /// from where they were. True once Connected.
    bool reconnect(const QString &extraFeatures, const QString &resumeAnswer = {});
    /// The server sends @p xml: one or more complete stanzas (or stream-level elements) of the open stream.
    void inject(const QString &xml);
    /// The next element the client sent must equal @p xml; reported as a test failure otherwise. An id='*' in
    /// @p xml matches any id; returns the id the client sent, for the answer a test injects.
    QString expect(const QString &xml);
    /// The next element the client sent, removed from the queue; null if it sent nothing more.
    QDomElement takeSent();
    /// The client sent nothing (more); reported as a test failure otherwise.
    void expectNoSent();
    /// Forgets what the client sent so far.
    void clearSent();
    /// How many elements the client sent that no take/expect has consumed yet.
    qsizetype sentCount();
    /// The server closes the connection (the client sees it drop).
    void dropConnection();
    /// Keep what the extensions send as the session starts (a roster get, an initial presence, ...): with
    /// this set, connectAs() drops only the negotiation and restarts the ids just before the session
    /// starts, so those stanzas are the first expect()ed, numbered from "id1".
    void setKeepSessionStart(bool keep) { m_keepSessionStart = keep; }
    /// Restarts the ids at "id1".
    void resetIds() { m_nextId = 1; }
    /// The transport of the current (last) connection attempt.
    FakeTransport *transport() const { return m_transport; }

    /// @p xml read as a client stanza: with jabber:client as the default namespace.
    static QDomElement parseStanza(const QString &xml);

private:
    bool negotiate(const QString &fullJid, const QString &extraFeatures, const QString &resumeAnswer, bool restartIds);
    void collectSent();
    void serverStream(const QString &features);
    QDomElement lastWrittenElement();

    QPointer<FakeTransport> m_transport;
    QList<QDomElement> m_sent;
    int m_nextId = 1;
    bool m_keepSessionStart = false;
};
