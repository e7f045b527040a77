// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The app's answer to a SASL mechanism downgrade (issue 13, finding 9; XEP-0474 §5), against a scripted
// server on loopback that offers only PLAIN to an account pinned to SCRAM-SHA-1: SaslPinController asks
// (DowngradeQuestion), reconnects once accepting the weaker mechanism only when the user agrees, and lowers
// the saved pin only when the check box says the administrator changed it.
#include "ClientTestUtils.h"
#include "SaslPinController.h"
#include "ScriptedServer.h"
#include "client/XmppClient.h"
#include "login/DowngradeQuestion.h"

#include <QApplication>
#include <QCheckBox>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;

class tst_SaslPin : public QObject
{
    Q_OBJECT

private:
    /// A client, its controller and what the controller asked of the app.
    struct Session
    {
        explicit Session(const ScriptedServer &server)
        {
            config.jid = Jid::fromString(u"alice@localhost");
            config.password = u"secret"_s;
            config.host = u"127.0.0.1"_s;
            config.port = server.serverPort();
            config.connectTimeout = std::chrono::seconds(10);
            config.pingInterval = std::chrono::milliseconds(0);
            config.extraCaCertificates = server.tls.ca;
            config.saslPin = u"SCRAM-SHA-1"_s;   // ScriptedServer::login() offers PLAIN alone
            controller = std::make_unique<SaslPinController>(&client,
                                                             SaslPinController::Hooks{[this](const QString &pin) {
                savedPins << pin;
                config.saslPin = pin;
            }, [this](bool acceptWeaker) {
                signIns << acceptWeaker;
                ConnectionConfiguration once = config;
                once.acceptWeakerSasl = acceptWeaker;
                client.connectToHost(once);
            }, [] { return nullptr; }});
        }

        ConnectionConfiguration config;
        XmppClient client;
        Recorder recorder{client};
        std::unique_ptr<SaslPinController> controller;
        QStringList savedPins;
        QList<bool> signIns;
    };

    ScriptedServer::Certificate m_localhost;

    /// Signs in, sees the downgrade refused, and returns the question the controller put up.
    static DowngradeQuestion *refusedAndAsked(Session &session)
    {
        session.client.connectToHost(session.config);
        if (waitConnected(session.client))
            return nullptr;
        if (session.recorder.errors != QList{XmppClient::Error::MechanismDowngrade})
            return nullptr;
        return session.controller->pendingQuestion();
    }

    static void click(DowngradeQuestion *question, const QString &button)
    {
        QTest::mouseClick(question->findChild<QPushButton *>(button), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_localhost = ScriptedServer::issueCertificate(u"localhost"_s, {}, &error);
        QVERIFY2(!m_localhost.isNull(), qPrintable(error));
    }

    void signInThisTimeAcceptsOnce()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.tls = m_localhost;
        server.script = ScriptedServer::login();
        Session session(server);
        DowngradeQuestion *question = refusedAndAsked(session);
        QVERIFY(question);
        QVERIFY2(question->explanation().contains(u"PLAIN") && question->explanation().contains(u"SCRAM-SHA-1"),
                 qPrintable(question->explanation()));
        QVERIFY(!server.received().contains("<auth"));

        click(question, u"signInOnceButton"_s);
        QVERIFY(waitConnected(session.client));
        QCOMPARE(session.signIns, QList{true});
        QCOMPARE(server.connectionCount(), 2);
        QVERIFY(session.savedPins.isEmpty());   // nothing saved: the pin stays
        QCOMPARE(session.client.saslPin(), u"SCRAM-SHA-1"_s);
        // The acceptance was for that connection: an automatic reconnection (Reconnector reuses the client's
        // configuration) is refused and asks again.
        QVERIFY(!session.client.configuration().acceptWeakerSasl);
        session.client.disconnectFromHost();
        QVERIFY(waitDisconnected(session.client));
        session.client.connectToHost();
        QVERIFY(!waitConnected(session.client));
        QCOMPARE(session.recorder.errors,
                 (QList{XmppClient::Error::MechanismDowngrade, XmppClient::Error::MechanismDowngrade}));
        QTRY_VERIFY(session.controller->pendingQuestion());
        QCOMPARE(session.signIns, QList{true});
    }

    void dontSignInRefuses()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.tls = m_localhost;
        server.script = ScriptedServer::login();
        Session session(server);
        DowngradeQuestion *question = refusedAndAsked(session);
        QVERIFY(question);
        question->findChild<QCheckBox *>(u"dontAskAgainCheck"_s)->setChecked(true);   // no effect without "sign in"
        click(question, u"refuseButton"_s);
        QTest::qWait(200);
        QVERIFY(session.signIns.isEmpty());
        QVERIFY(session.savedPins.isEmpty());
        QCOMPARE(server.connectionCount(), 1);
        QCOMPARE(session.client.state(), XmppClient::State::Disconnected);
    }

    void checkBoxLowersThePin()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.tls = m_localhost;
        server.script = ScriptedServer::login();
        Session session(server);
        DowngradeQuestion *question = refusedAndAsked(session);
        QVERIFY(question);
        question->findChild<QCheckBox *>(u"dontAskAgainCheck"_s)->setChecked(true);
        click(question, u"signInOnceButton"_s);
        QVERIFY(waitConnected(session.client));
        QCOMPARE(session.savedPins, QStringList{u"PLAIN"_s});
        // The lowered pin lets the connection through by itself: no acceptance is needed, or given.
        QCOMPARE(session.signIns, QList{false});
        QCOMPARE(session.client.saslPin(), u"PLAIN"_s);
    }
};

QTEST_MAIN(tst_SaslPin)
#include "tst_saslpin.moc"
