// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TestClient.h"

#include "XmlTestUtils.h"

#include <QCoreApplication>
#include <QDomDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// The stream's namespaces, for reading single elements as they appear inside it.
constexpr auto StreamOpen = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
constexpr auto StreamClose = "</stream:stream>";

QList<QDomElement> parseInStream(const QByteArray &xml)
{
    QDomDocument document;
    const QByteArray wrapped = QByteArray(StreamOpen) + xml + StreamClose;
    if (!document.setContent(wrapped, QDomDocument::ParseOption::UseNamespaceProcessing)) {
        qWarning("TestClient: not well-formed XML: %s", xml.constData());
        return {};
    }
    QList<QDomElement> elements;
    for (QDomElement e = document.documentElement().firstChildElement(); !e.isNull(); e = e.nextSiblingElement())
        elements.append(e);
    return elements;
}
} // namespace

TestClient::TestClient(QObject *parent) : XmppClient(parent)
{
    setIdGenerator(IdGenerator([this] { return u"id"_s + QString::number(m_nextId++); }));
    setTransportFactory([this](const ConnectionConfiguration &) {
        auto transport = std::make_unique<FakeTransport>();
        m_transport = transport.get();
        return transport;
    });
}

bool TestClient::connectAs(const QString &fullJid, const QString &extraFeatures)
{
    ConnectionConfiguration config = configuration();
    config.jid = Jid::fromString(fullJid);
    config.password = u"secret"_s;
    config.host = u"xmpp.test"_s;
    config.port = 5222;
    config.pingInterval = std::chrono::milliseconds{0};
    setConfiguration(config);
    connectToHost();
    return negotiate(fullJid, extraFeatures, {}, true);
}

bool TestClient::reconnect(const QString &extraFeatures, const QString &resumeAnswer)
{
    if (state() != State::Disconnected)
        return false;
    connectToHost();
    return negotiate(configuration().jid.toString(), extraFeatures, resumeAnswer, false);
}

bool TestClient::negotiate(const QString &fullJid, const QString &extraFeatures, const QString &resumeAnswer,
                           bool restartIds)
{
    if (!m_transport)
        return false;
    const QString tls = u"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"_s;
    serverStream(tls);
    inject(u"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"_s);
    serverStream(u"<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"_s);
    inject(u"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"_s);
    serverStream(u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"_s + extraFeatures);
    if (lastWrittenElement().tagName() == u"resume") {
        // XEP-0198 §5: the answer to <resume/>. What the client writes after it (the stanzas it sends again)
        // is the test's to expect.
        if (resumeAnswer.isEmpty())
            return false;
        m_transport->takeWritten();
        m_sent.clear();
        inject(resumeAnswer);
        if (state() == State::Connected)
            return true;
    }
    const QDomElement bind = lastWrittenElement();
    if (bind.tagName() != u"iq")
        return false;
    if (m_keepSessionStart) {
        m_transport->takeWritten();
        m_sent.clear();
        if (restartIds)
            resetIds();
    }
    inject(u"<iq type='result' id='%1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>%2</jid></bind></iq>"_s.arg(
        bind.attribute(u"id"_s), fullJid.toHtmlEscaped()));
    if (!m_keepSessionStart) {
        m_transport->takeWritten();
        m_sent.clear();
        if (restartIds)
            resetIds();
    }
    return state() == State::Connected;
}

void TestClient::serverStream(const QString &features)
{
    // RFC 6120 §4.3.2: each (re)started stream begins with the server's header and its features.
    const QString domain = configuration().jid.domain().toHtmlEscaped();
    inject(u"<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
           "from='%1' id='s%2' version='1.0'><stream:features>%3</stream:features>"_s.arg(domain)
               .arg(m_transport->written().size())
               .arg(features));
}

QDomElement TestClient::lastWrittenElement()
{
    if (!m_transport || m_transport->written().isEmpty())
        return {};
    const QList<QDomElement> elements = parseInStream(m_transport->written().constLast());
    return elements.isEmpty() ? QDomElement() : elements.constLast();
}

void TestClient::inject(const QString &xml)
{
    if (!m_transport) {
        QTest::qFail("TestClient::inject: not connected", __FILE__, __LINE__);
        return;
    }
    m_transport->receive(xml.toUtf8());
    // A big injection is read in time slices, continued from the event loop (XmppClient's readAvailable).
    for (int turns = 0; m_transport && m_transport->bytesAvailable() > 0 && turns < 10000; ++turns)
        QCoreApplication::processEvents();
}

void TestClient::collectSent()
{
    if (!m_transport)
        return;
    for (const QByteArray &chunk : m_transport->takeWritten()) {
        if (chunk.trimmed() == StreamClose)
            continue;   // our closing of the stream, not an element
        m_sent.append(parseInStream(chunk));
    }
}

QDomElement TestClient::takeSent()
{
    collectSent();
    return m_sent.isEmpty() ? QDomElement() : m_sent.takeFirst();
}

qsizetype TestClient::sentCount()
{
    collectSent();
    return m_sent.size();
}

void TestClient::clearSent()
{
    collectSent();
    m_sent.clear();
}

QString TestClient::expect(const QString &xml)
{
    QDomElement expected = parseStanza(xml);
    const QDomElement actual = takeSent();
    if (!actual.isNull() && expected.attribute(u"id"_s) == u"*")
        expected.setAttribute(u"id"_s, actual.attribute(u"id"_s));
    if (actual.isNull()) {
        QTest::qFail(qPrintable(u"expected the client to send %1, but it sent nothing"_s.arg(xml)), __FILE__, __LINE__);
        return {};
    }
    const QString difference = XmlTestUtils::xmlDifference(expected, actual);
    if (!difference.isEmpty()) {
        QTest::qFail(qPrintable(u"sent XML differs at %1\n   sent: %2\n   expected: %3"_s.arg(
                         difference, XmlTestUtils::toString(actual), xml)),
                     __FILE__, __LINE__);
    }
    return actual.attribute(u"id"_s);
}

void TestClient::expectNoSent()
{
    const QDomElement extra = takeSent();
    if (!extra.isNull()) {
        QTest::qFail(qPrintable(u"expected nothing sent, but the client sent %1"_s.arg(XmlTestUtils::toString(extra))),
                     __FILE__, __LINE__);
    }
}

void TestClient::dropConnection()
{
    if (m_transport)
        m_transport->closeFromServer();
}

QDomElement TestClient::parseStanza(const QString &xml)
{
    const QList<QDomElement> elements = parseInStream(xml.toUtf8());
    if (elements.size() != 1)
        qFatal("TestClient: test XML must be one element: %s", qPrintable(xml));
    return elements.first();
}
