// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Helpers shared by the integration tests that drive XmppClient against a real server.

#include "ProsodyServer.h"
#include "client/XmppClient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

namespace ClientTestUtils {

inline ConnectionConfiguration configFor(const ProsodyServer &server, const QString &user, const QString &password)
{
    ConnectionConfiguration config;
    config.jid = Jid::fromString(QString(user + u'@' + server.domain()));
    config.password = password;
    config.host = server.host();
    config.port = server.c2sPort();
    config.extraCaCertificates = server.caCertificates();
    config.connectTimeout = std::chrono::seconds(20);
    return config;
}

/// Records everything a client did: its states, errors and the XML it sent.
struct Recorder
{
    explicit Recorder(XmppClient &client)
    {
        QObject::connect(&client, &XmppClient::stateChanged, &client, [this](XmppClient::State s) { states << s; });
        QObject::connect(&client, &XmppClient::errorOccurred, &client,
                         [this](XmppClient::Error e, const QString &text) {
            errors << e;
            errorTexts << text;
        });
        QObject::connect(&client, &XmppClient::xmlSent, &client, [this](const QByteArray &xml) { sent += xml; });
    }
    bool sentAuthentication() const { return sent.contains("<auth") || sent.contains("<response"); }

    QList<XmppClient::State> states;
    QList<XmppClient::Error> errors;
    QStringList errorTexts;
    QByteArray sent;
};

/// Waits until @p client is connected or has given up; true if connected. Call after connectToHost().
inline bool waitConnected(XmppClient &client, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (client.state() != XmppClient::State::Connected && client.state() != XmppClient::State::Disconnected
           && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return client.isConnected();
}

inline bool waitDisconnected(XmppClient &client, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (client.state() != XmppClient::State::Disconnected && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    return client.state() == XmppClient::State::Disconnected;
}

} // namespace ClientTestUtils
