// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "TestClient.h"
#include "XmlTestUtils.h"

#include <QDomDocument>

/// What the client sends as a session starts (Extension::sessionStarted: carbons enabled, the archive's
/// support asked for), which TestClient::connectAs() drops with the negotiation. Made before connectAs(); it
/// keeps the stanzas written from the moment the client is Connected until connected() is emitted, in each
/// session of @p client. Header-only, for tests of managers that speak first.
class SessionStartCapture
{
public:
    explicit SessionStartCapture(TestClient &client)
    {
        QObject::connect(&client, &XmppClient::stateChanged, &m_context, [this, &client](XmppClient::State state) {
            if (state == XmppClient::State::Connected && client.transport())
                m_from = client.transport()->written().size();
        });
        QObject::connect(&client, &XmppClient::connected, &m_context, [this, &client] {
            if (!client.transport())
                return;
            for (const QByteArray &chunk : client.transport()->written().mid(m_from))
                m_sent.append(TestClient::parseStanza(QString::fromUtf8(chunk)));
        });
    }

    /// The next stanza sent at a session start, removed; null when there is none (more).
    QDomElement take() { return m_sent.isEmpty() ? QDomElement() : m_sent.takeFirst(); }
    /// The next stanza sent at a session start must equal @p xml (as TestClient::expect); returns its id.
    QString expect(const QString &xml)
    {
        const QDomElement actual = take();
        if (actual.isNull()) {
            const QString message = QStringLiteral("expected %1 at the session start, but nothing more was sent");
            QTest::qFail(qPrintable(message.arg(xml)), __FILE__, __LINE__);
            return {};
        }
        QDomElement expected = TestClient::parseStanza(xml);
        // The id is whatever the generator gave during the sign-in: taken from what was sent.
        if (expected.attribute(QStringLiteral("id")) == u"*")
            expected.setAttribute(QStringLiteral("id"), actual.attribute(QStringLiteral("id")));
        const QString difference = XmlTestUtils::xmlDifference(expected, actual);
        if (!difference.isEmpty()) {
            const QString message = QStringLiteral(
                "sent at the session start differs at %1\n   sent: %2\n   expected: %3");
            QTest::qFail(qPrintable(message.arg(difference, XmlTestUtils::toString(actual), xml)), __FILE__, __LINE__);
        }
        return actual.attribute(QStringLiteral("id"));
    }
    qsizetype count() const { return m_sent.size(); }

private:
    QObject m_context;
    QList<QDomElement> m_sent;
    qsizetype m_from = 0;
};
