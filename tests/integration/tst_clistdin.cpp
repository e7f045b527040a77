// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// `xin-cli send JID --stdin` against a real Prosody (smacks): one message per line over one session, exactly
// once and in order at the recipient, across a cut connection (XEP-0198 resumption) and across a SIGKILL of
// xin-cli (the --outbox file); exit 5 with the count of what was not confirmed.
#include "ChatDevice.h"
#include "ClientTestUtils.h"
#include "LoopbackForwarder.h"
#include "ProsodyServer.h"

#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
const auto Password = u"xin-测试-pw"_s;

/// Lines @p first to @p last (1-based) of a run, Chinese and numbered, each ending in a newline; every
/// other one ends in CR LF, which is not part of the message.
QByteArray lines(const QString &run, int first, int last)
{
    QByteArray out;
    for (int i = first; i <= last; ++i)
        out += u"%1 第%2行：你好，鲍勃"_s.arg(run).arg(i).toUtf8() + (i % 2 ? "\r\n" : "\n");
    return out;
}

QStringList expectedBodies(const QString &run, int count)
{
    QStringList bodies;
    for (int i = 1; i <= count; ++i)
        bodies << u"%1 第%2行：你好，鲍勃"_s.arg(run).arg(i);
    return bodies;
}

/// bob, signed in and available, with a history of his own: what he stored (exactly once, by
/// origin-id, docs/SECURITY.md rule 9) and every message body that reached him, duplicates included.
struct Recipient
{
    explicit Recipient(const QString &databasePath) : device(databasePath)
    {
        // bob stays online: no archive catch-up, so every body he gets came live (or resent).
        device.archive->setAutoCatchUp(false);
        QObject::connect(&device.client, &XmppClient::xmlReceived, &device.client,
                         [this](const QByteArray &xml) { traffic += xml; });
    }
    bool signIn(const ProsodyServer &server)
    {
        device.client.connectToHost(ClientTestUtils::configFor(server, u"bob"_s, Password));
        if (!ClientTestUtils::waitConnected(device.client))
            return false;
        device.client.send(Presence());   // RFC 6121 §8.5.2.1.1: available, so chat messages come live
        return true;
    }
    QStringList bodiesFrom(const QString &sender, const QString &run) const
    {
        QStringList bodies;
        for (const ChatMessage &message : device.history(Jid::fromString(sender))) {
            if (message.body.startsWith(run + u' '))
                bodies << message.body;
        }
        return bodies;
    }
    /// How many message bodies came over the wire, duplicates included.
    qsizetype arrivals() const { return traffic.count("<body>"); }

    ChatDevice device;
    QByteArray traffic;
};
} // namespace

class tst_CliStdin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sendsEachLineOnceInOrder();
    void cutConnectionResumed();
    void resumptionFailedResends();
    void receiptsMissingExitFive();
    void killNineThenOutbox();
    void outboxOfOneRunAtATime();
    void usageErrors();
    void cleanupTestCase();

private:
    QStringList args(const QString &user, quint16 port, int timeoutSeconds = 30) const;
    /// Starts `xin-cli send bob@localhost --stdin` as @p user through @p port with @p extra options.
    void startSender(QProcess &process, const QString &user, quint16 port, const QStringList &extra = {});

    ProsodyServer m_server;
    QTemporaryDir m_dir;
    QString m_passwordFile;
    std::unique_ptr<Recipient> m_bob;
};

void tst_CliStdin::initTestCase()
{
    QString error;
    ProsodyServer::Options options;
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password, u"carol:"_s + Password, u"dan:"_s + Password,
                     u"erin:"_s + Password};
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    m_passwordFile = m_dir.filePath(u"password"_s);
    QFile file(m_passwordFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Password.toUtf8() + '\n');
    file.close();
    m_bob = std::make_unique<Recipient>(m_dir.filePath(u"bob.sqlite"_s));
    QVERIFY(m_bob->signIn(m_server));
}

void tst_CliStdin::cleanupTestCase()
{
    m_bob.reset();
    m_server.stop();
}

QStringList tst_CliStdin::args(const QString &user, quint16 port, int timeoutSeconds) const
{
    return {u"--jid"_s,           user + u"@localhost"_s,
            u"--password-file"_s, m_passwordFile,
            u"--host"_s,          m_server.host(),
            u"--port"_s,          QString::number(port),
            u"--ca-file"_s,       m_server.caCertificatePath(),
            u"--timeout"_s,       QString::number(timeoutSeconds)};
}

void tst_CliStdin::startSender(QProcess &process, const QString &user, quint16 port, const QStringList &extra)
{
    process.start(QStringLiteral(XIN_CLI_PATH), args(user, port)
                                                    << u"send"_s << u"bob@localhost"_s << u"--stdin"_s << extra);
    QVERIFY(process.waitForStarted());
}

void tst_CliStdin::sendsEachLineOnceInOrder()
{
    // 200 lines written to standard input at once, one session: bob has each once, in order; exit 0.
    const qsizetype arrivalsBefore = m_bob->arrivals();
    QProcess sender;
    startSender(sender, u"alice"_s, m_server.c2sPort());
    sender.write(lines(u"A"_s, 1, 200) + "\n\n");   // empty lines are no messages
    sender.closeWriteChannel();
    QVERIFY(sender.waitForFinished(60000));
    QVERIFY2(sender.exitStatus() == QProcess::NormalExit && sender.exitCode() == 0,
             sender.readAllStandardError().constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->bodiesFrom(u"alice@localhost"_s, u"A"_s).size(), 200, 20000);
    QCOMPARE(m_bob->bodiesFrom(u"alice@localhost"_s, u"A"_s), expectedBodies(u"A"_s, 200));
    QTest::qWait(300);   // nothing more comes
    QCOMPARE(m_bob->arrivals() - arrivalsBefore, 200);
}

void tst_CliStdin::cutConnectionResumed()
{
    // The connection is cut in the middle of the second hundred (most likely mid-stanza, with messages in
    // flight): xin-cli reconnects, resumes (XEP-0198 §5), and bob still has each line once, in order.
    LoopbackForwarder forwarder(m_server.c2sPort());
    QProcess sender;
    startSender(sender, u"carol"_s, forwarder.port());
    sender.write(lines(u"B"_s, 1, 100));
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->bodiesFrom(u"carol@localhost"_s, u"B"_s).size(), 100, 30000);
    forwarder.arm(LoopbackForwarder::Fault::Cut, 15000);   // about 40 messages further on
    sender.write(lines(u"B"_s, 101, 200));
    sender.closeWriteChannel();
    // Not waitForFinished(): the forwarder needs the event loop.
    QTRY_COMPARE_WITH_TIMEOUT(sender.state(), QProcess::NotRunning, 60000);
    const QByteArray err = sender.readAllStandardError();
    QVERIFY2(sender.exitStatus() == QProcess::NormalExit && sender.exitCode() == 0, err.constData());
    QVERIFY(forwarder.fired());
    QVERIFY2(err.contains("the session was resumed"), err.constData());   // XEP-0198 §5, over a new connection
    QVERIFY2(forwarder.connectionCount() >= 2, err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->bodiesFrom(u"carol@localhost"_s, u"B"_s).size(), 200, 20000);
    QCOMPARE(m_bob->bodiesFrom(u"carol@localhost"_s, u"B"_s), expectedBodies(u"B"_s, 200));
}

void tst_CliStdin::resumptionFailedResends()
{
    // The connection is cut, and before xin-cli is back the server forgets the session (another login
    // took its resource): resumption fails (XEP-0198 §5 <failed/>), and xin-cli itself sends every line
    // not acknowledged again, with its id. bob still has each once, in order.
    LoopbackForwarder forwarder(m_server.c2sPort());
    QProcess sender;
    sender.start(QStringLiteral(XIN_CLI_PATH), args(u"dan"_s, forwarder.port())
                                                   << u"--resource"_s << u"stdin"_s << u"send"_s << u"bob@localhost"_s
                                                   << u"--stdin"_s);
    QVERIFY(sender.waitForStarted());
    sender.write(lines(u"R"_s, 1, 100));
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->bodiesFrom(u"dan@localhost"_s, u"R"_s).size(), 100, 30000);
    forwarder.setHolding(true);
    forwarder.arm(LoopbackForwarder::Fault::Cut, 15000);
    sender.write(lines(u"R"_s, 101, 200));
    sender.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(forwarder.fired(), 30000);

    // RFC 6120 §7.7.2.2: the server ends the older session of the resource (Prosody: kick_old).
    XmppClient other;
    ConnectionConfiguration config = ClientTestUtils::configFor(m_server, u"dan"_s, Password);
    config.resource = u"stdin"_s;
    config.streamManagement = false;
    other.connectToHost(config);
    QVERIFY(ClientTestUtils::waitConnected(other));
    other.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(other.state(), XmppClient::State::Disconnected, 10000);
    forwarder.setHolding(false);

    QTRY_COMPARE_WITH_TIMEOUT(sender.state(), QProcess::NotRunning, 60000);
    const QByteArray err = sender.readAllStandardError();
    QVERIFY2(sender.exitStatus() == QProcess::NormalExit && sender.exitCode() == 0, err.constData());
    QVERIFY2(err.contains("the session could not be resumed"), err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->bodiesFrom(u"dan@localhost"_s, u"R"_s).size(), 200, 20000);
    QCOMPARE(m_bob->bodiesFrom(u"dan@localhost"_s, u"R"_s), expectedBodies(u"R"_s, 200));
}

void tst_CliStdin::receiptsMissingExitFive()
{
    // erin is offline: the server stores the messages (and acknowledges them), no receipt can come, so
    // --receipt ends after --timeout with exit 5 and the count.
    QProcess sender;
    sender.start(QStringLiteral(XIN_CLI_PATH), args(u"dan"_s, m_server.c2sPort(), 3) << u"send"_s << u"erin@localhost"_s
                                                                                     << u"--stdin"_s << u"--receipt"_s);
    QVERIFY(sender.waitForStarted());
    sender.write(lines(u"C"_s, 1, 3));
    sender.closeWriteChannel();
    QVERIFY(sender.waitForFinished(30000));
    const QByteArray err = sender.readAllStandardError();
    QCOMPARE(sender.exitCode(), 5);
    QVERIFY2(err.contains("xin-cli: 3 of 3 messages were not confirmed by the recipient"), err.constData());

    // Without --receipt the same lines are confirmed by the server: exit 0. Standard input is a file here.
    const QString input = m_dir.filePath(u"input.txt"_s);
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(lines(u"C"_s, 4, 6).chopped(1));   // the last line without its newline is a line too
    file.close();
    QProcess fromFile;
    fromFile.setStandardInputFile(input);
    fromFile.start(QStringLiteral(XIN_CLI_PATH), args(u"dan"_s, m_server.c2sPort(), 10)
                                                     << u"send"_s << u"erin@localhost"_s << u"--stdin"_s);
    QVERIFY(fromFile.waitForFinished(30000));
    QVERIFY2(fromFile.exitCode() == 0, fromFile.readAllStandardError().constData());
    // erin gets all six when she signs in (offline storage), the last one without a stray newline.
    XmppClient erin;
    QStringList bodies;
    connect(&erin, &XmppClient::messageReceived, this, [&bodies](const Message &message) { bodies << message.body; });
    erin.connectToHost(ClientTestUtils::configFor(m_server, u"erin"_s, Password));
    QVERIFY(ClientTestUtils::waitConnected(erin));
    erin.send(Presence());
    QTRY_COMPARE_WITH_TIMEOUT(bodies.size(), 6, 10000);
    QCOMPARE(bodies, expectedBodies(u"C"_s, 6));
    erin.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(erin.state(), XmppClient::State::Disconnected, 10000);
}

void tst_CliStdin::killNineThenOutbox()
{
    // The issue's scenario: xin-cli with --outbox sends 1,000 lines to bob and is killed with SIGKILL while
    // at least 50 are not acknowledged (the link goes silent towards the server after the first ~600: the
    // server can acknowledge nothing beyond). A second run with the same outbox and empty input sends what
    // is left with the original ids: bob has all 1,000 exactly once, in order.
    const int total = 1000;
    const QString outbox = m_dir.filePath(u"outbox.sqlite"_s);
    const qsizetype arrivalsBefore = m_bob->arrivals();
    LoopbackForwarder forwarder(m_server.c2sPort());
    QProcess first;
    startSender(first, u"alice"_s, forwarder.port(), {u"--outbox"_s, outbox});
    first.write(lines(u"K"_s, 1, 500));
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->bodiesFrom(u"alice@localhost"_s, u"K"_s).size(), 500, 60000);
    forwarder.arm(LoopbackForwarder::Fault::Blackhole, 40000);   // about 100 messages further on
    first.write(lines(u"K"_s, 501, total));
    first.closeWriteChannel();

    // Every line is in the outbox, and at least 50 are still Pending there (not acknowledged).
    Database database;
    QVERIFY(database.open(outbox));
    MessageStore store(database);
    const Jid bob = Jid::fromString(u"bob@localhost");
    QTRY_VERIFY_WITH_TIMEOUT(forwarder.fired() && store.count(bob) == total, 30000);
    QTest::qWait(1000);   // what the server had got is acknowledged by now; nothing more can be
    const qsizetype unacknowledged = store.pending().size();
    QVERIFY2(unacknowledged >= 50, QByteArray::number(unacknowledged).constData());
    QCOMPARE(first.state(), QProcess::Running);
    QCOMPARE(::kill(pid_t(first.processId()), SIGKILL), 0);
    QVERIFY(first.waitForFinished(10000));
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    forwarder.cutAll();   // the server's side of the dead client's connection

    QProcess second;
    startSender(second, u"alice"_s, m_server.c2sPort(), {u"--outbox"_s, outbox});
    second.closeWriteChannel();
    QVERIFY(second.waitForFinished(60000));
    QVERIFY2(second.exitStatus() == QProcess::NormalExit && second.exitCode() == 0,
             second.readAllStandardError().constData());
    QCOMPARE(store.pending().size(), 0);

    QTRY_COMPARE_WITH_TIMEOUT(m_bob->bodiesFrom(u"alice@localhost"_s, u"K"_s).size(), total, 30000);
    QTest::qWait(500);
    const QStringList received = m_bob->bodiesFrom(u"alice@localhost"_s, u"K"_s);
    const QStringList expected = expectedBodies(u"K"_s, total);
    const qsizetype distinct = QSet<QString>(received.cbegin(), received.cend()).size();
    qsizetype lost = 0;
    for (const QString &body : expected)
        lost += received.contains(body) ? 0 : 1;
    std::printf("scenario kill-9: sent %d, received %lld, duplicates %lld, lost %lld\n", total, qlonglong(distinct),
                qlonglong(received.size() - distinct), qlonglong(lost));
    std::printf("scenario kill-9: %lld not acknowledged at the kill; %lld arrivals at bob before his "
                "de-duplication\n",
                qlonglong(unacknowledged), qlonglong(m_bob->arrivals() - arrivalsBefore));
    std::fflush(stdout);
    QCOMPARE(received, expected);
}

void tst_CliStdin::outboxOfOneRunAtATime()
{
    // Two runs on one outbox would send the same Pending lines twice: the second one is refused (exit 1)
    // while the first still reads its input; once that one is gone, the outbox is free again.
    const QString outbox = m_dir.filePath(u"shared-outbox.sqlite"_s);
    QProcess first;
    startSender(first, u"carol"_s, m_server.c2sPort(), {u"--outbox"_s, outbox});
    first.write(lines(u"L"_s, 1, 1));
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->bodiesFrom(u"carol@localhost"_s, u"L"_s).size(), 1, 20000);
    QProcess second;
    startSender(second, u"carol"_s, m_server.c2sPort(), {u"--outbox"_s, outbox});
    second.closeWriteChannel();
    QVERIFY(second.waitForFinished(20000));
    const QByteArray err = second.readAllStandardError();
    QCOMPARE(second.exitCode(), 1);
    QVERIFY2(err.contains("is in use by another xin-cli"), err.constData());
    first.closeWriteChannel();
    QVERIFY(first.waitForFinished(20000));
    QCOMPARE(first.exitCode(), 0);
    startSender(second, u"carol"_s, m_server.c2sPort(), {u"--outbox"_s, outbox});
    second.closeWriteChannel();
    QVERIFY(second.waitForFinished(20000));
    QCOMPARE(second.exitCode(), 0);
}

void tst_CliStdin::usageErrors()
{
    const QStringList global = args(u"carol"_s, m_server.c2sPort());
    QProcess process;
    process.start(QStringLiteral(XIN_CLI_PATH),
                  global + QStringList{u"send"_s, u"bob@localhost"_s, u"hi"_s, u"--outbox"_s, m_dir.filePath(u"x"_s)});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("--outbox works only with --stdin"));
    process.start(QStringLiteral(XIN_CLI_PATH),
                  global + QStringList{u"send"_s, u"bob@localhost"_s, u"hi"_s, u"--stdin"_s});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("usage: send JID --stdin"));
}

QTEST_GUILESS_MAIN(tst_CliStdin)
#include "tst_clistdin.moc"
