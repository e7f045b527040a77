// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Reconnection policy (docs/SECURITY.md rule 10): capped exponential back-off with jitter; never on conflict or a
// wrong password.
#include "client/Reconnector.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

class tst_Reconnector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void backOff();
    void retryable_data();
    void retryable();
    void retriesARefusedConnection();
};

void tst_Reconnector::backOff()
{
    QCOMPARE(Reconnector::delayFor(1, 1000ms, 60000ms, 1.0), 1000ms);
    QCOMPARE(Reconnector::delayFor(2, 1000ms, 60000ms, 1.0), 2000ms);
    QCOMPARE(Reconnector::delayFor(4, 1000ms, 60000ms, 1.0), 8000ms);
    QCOMPARE(Reconnector::delayFor(10, 1000ms, 60000ms, 1.0), 60000ms);    // capped
    QCOMPARE(Reconnector::delayFor(1000, 1000ms, 60000ms, 1.0), 60000ms);  // no overflow
    QCOMPARE(Reconnector::delayFor(3, 1000ms, 60000ms, 0.0), 2000ms);      // jitter halves at most
}

void tst_Reconnector::retryable_data()
{
    QTest::addColumn<XmppClient::Error>("error");
    QTest::addColumn<bool>("retry");
    QTest::newRow("lost") << XmppClient::Error::ConnectionLost << true;
    QTest::newRow("refused") << XmppClient::Error::ConnectionRefused << true;
    QTest::newRow("timeout") << XmppClient::Error::Timeout << true;
    QTest::newRow("conflict") << XmppClient::Error::Conflict << false;
    QTest::newRow("not-authorized") << XmppClient::Error::AuthenticationFailed << false;
    QTest::newRow("certificate") << XmppClient::Error::CertificateInvalid << false;
    QTest::newRow("stripped TLS") << XmppClient::Error::TlsUnavailable << false;
}

void tst_Reconnector::retryable()
{
    QFETCH(XmppClient::Error, error);
    QFETCH(bool, retry);
    QCOMPARE(Reconnector::isRetryable(error), retry);
}

void tst_Reconnector::retriesARefusedConnection()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();   // nothing listens there now

    XmppClient client;
    Reconnector reconnector(&client);
    reconnector.setDelays(20ms, 100ms);
    QSignalSpy scheduled(&reconnector, &Reconnector::reconnectScheduled);
    ConnectionConfiguration config;
    config.jid = Jid::fromString(u"alice@localhost");
    config.password = u"x"_s;
    config.host = u"127.0.0.1"_s;
    config.port = port;
    client.connectToHost(config);
    QTRY_VERIFY(scheduled.size() >= 3);
    QCOMPARE(scheduled.at(2).at(1).toInt(), 3);
    reconnector.setEnabled(false);
    QVERIFY(!reconnector.isScheduled());
}

QTEST_GUILESS_MAIN(tst_Reconnector)
#include "tst_reconnector.moc"
