// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Smoke test of the ProsodyServer fixture itself: the servers the other integration tests rely on.

#include "ClientTestUtils.h"
#include "ProsodyServer.h"
#include "client/XmppClient.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TestSupport;

namespace {

bool processExists(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno != ESRCH);
}

/// Reads from socket until `until` (or a SASL outcome) shows up or the time is over.
QByteArray readUntil(QSslSocket &socket, const QList<QByteArray> &until, int timeoutMs = 5000)
{
    QByteArray received;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        for (const QByteArray &marker : until) {
            if (received.contains(marker))
                return received;
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        received += socket.readAll();
    }
    return received;
}

/// Direct TLS to the server, trusting only its CA, verifying the name "localhost". Returns the handshake's
/// certificate errors (empty = trusted); *encrypted tells whether the handshake completed.
QList<QSslError> directTlsErrors(const ProsodyServer &server, QSslSocket &socket, bool *encrypted)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(server.caCertificates());
    socket.setSslConfiguration(configuration);
    QList<QSslError> errors;
    QObject::connect(&socket, &QSslSocket::sslErrors, &socket,
                     [&errors](const QList<QSslError> &list) { errors += list; });
    socket.connectToHostEncrypted(server.host(), server.directTlsPort(), server.domain());
    *encrypted = socket.waitForEncrypted(10000);
    return errors;
}

/// Logs in with SASL PLAIN over Direct TLS; returns the server's <success/> or <failure/> element.
QByteArray plainLogin(const ProsodyServer &server, const QString &user, const QString &password)
{
    QSslSocket socket;
    bool encrypted = false;
    const QList<QSslError> errors = directTlsErrors(server, socket, &encrypted);
    if (!encrypted || !errors.isEmpty())
        return "no TLS: " + socket.errorString().toUtf8();
    socket.write("<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xmlns='jabber:client'"
                 " xmlns:stream='http://etherx.jabber.org/streams'>");
    const QByteArray features = readUntil(socket, {"</stream:features>"});
    if (!features.contains("<mechanism>PLAIN</mechanism>"))
        return "no PLAIN offered: " + features;
    const QByteArray credentials = '\0' + user.toUtf8() + '\0' + password.toUtf8();
    socket.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials.toBase64()
                 + "</auth>");
    const QByteArray reply = readUntil(socket, {"<success", "</failure>"});
    const qsizetype success = reply.indexOf("<success");
    const qsizetype failure = reply.indexOf("<failure");
    return success >= 0 ? reply.mid(success) : failure >= 0 ? reply.mid(failure) : "no answer: " + reply;
}

/// The local addresses (hex, as in /proc/net/tcp*) of the listening sockets on the given ports.
QStringList listeningAddresses(const QList<quint16> &ports)
{
    QStringList addresses;
    for (const QString &table : {u"/proc/net/tcp"_s, u"/proc/net/tcp6"_s}) {
        QFile file(table);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray &line : lines) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() < 4 || fields.at(3) != "0A")  // 0A: LISTEN
                continue;
            const QList<QByteArray> local = fields.at(1).split(':');
            bool ok = false;
            if (local.size() == 2 && ports.contains(quint16(local.at(1).toUInt(&ok, 16))) && ok)
                addresses.append(QString::fromLatin1(local.at(0)));
        }
    }
    return addresses;
}

bool refusesConnections(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return !socket.waitForConnected(2000);
}

} // namespace

class tst_ProsodyServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"prosody"_s).isEmpty())
            QSKIP("prosody is not installed: run the tests inside scripts/env");
    }

    void startsWithStartTlsAndUsers()
    {
        ProsodyServer server;
        ProsodyServer::Options options;
        options.users = {u"alice:secret"_s, u"bob:pa:ss word"_s};
        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(server.start(options, &error), qPrintable(error));
        qInfo("start() took %lld ms, with certificates and 2 users; the server was ready %lld ms after its "
              "process start (pid %lld, c2s port %u, Direct TLS port %u)",
              timer.elapsed(), server.startupMilliseconds(), server.pid(), server.c2sPort(), server.directTlsPort());
        QVERIFY(server.isRunning());
        QVERIFY(server.pid() > 0);
        QCOMPARE(server.domain(), u"localhost"_s);

        const QList<quint16> ports = {server.c2sPort(), server.directTlsPort(), server.httpPort(), server.httpsPort()};
        for (const quint16 port : ports) {
            QVERIFY(port != 0);
            QCOMPARE(ports.count(port), 1);
        }
        // Loopback only: every listener is on 127.0.0.1 (0100007F), none on IPv6.
        const QStringList addresses = listeningAddresses(ports);
        QCOMPARE(addresses, QStringList(ports.size(), u"0100007F"_s));
        if (::geteuid() == 0) {  // never as root
            QFile status(u"/proc/"_s + QString::number(server.pid()) + u"/status"_s);
            QVERIFY(status.open(QIODevice::ReadOnly));
            const QByteArray text = status.readAll();
            const qsizetype uid = text.indexOf("\nUid:");
            QVERIFY(uid >= 0);
            QVERIFY2(text.mid(uid + 5, 40).simplified().split(' ').value(0) != "0", "prosody runs as root");
        }

        const QByteArray features = fetchStreamFeatures(server.c2sPort(), server.domain(), 5000, &error);
        QVERIFY2(!features.isEmpty(), qPrintable(error));
        QVERIFY2(features.contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"),
                 features.constData());
        QVERIFY2(!features.contains("<mechanisms"), features.constData());  // no SASL before TLS

        QVERIFY(QFile::exists(server.caCertificatePath()));
        QCOMPARE(server.caCertificates().size(), 1);
        QVERIFY(server.serverCertificate().subjectAlternativeNames().values(QSsl::DnsEntry).contains(u"localhost"_s));
        QVERIFY(server.logPath().startsWith(server.directory()));
        QVERIFY(QFile::exists(server.logPath()));
        QVERIFY(!server.logTail().isEmpty());

        // Direct TLS with a certificate the CA vouches for.
        QSslSocket socket;
        bool encrypted = false;
        const QList<QSslError> errors = directTlsErrors(server, socket, &encrypted);
        QVERIFY2(encrypted, qPrintable(socket.errorString()));
        QVERIFY(errors.isEmpty());
        socket.abort();

        // The users are there, with their passwords (a ':' in it too), and no one else.
        const QByteArray alice = plainLogin(server, u"alice"_s, u"secret"_s);
        QVERIFY2(alice.startsWith("<success"), alice.constData());
        QVERIFY(plainLogin(server, u"bob"_s, u"pa:ss word"_s).startsWith("<success"));
        const QByteArray wrong = plainLogin(server, u"alice"_s, u"wrong"_s);
        QVERIFY2(wrong.startsWith("<failure") && wrong.contains("not-authorized"), wrong.constData());
        QVERIFY(plainLogin(server, u"mallory"_s, u"secret"_s).startsWith("<failure"));

        // Users added while it runs can log in at once.
        QVERIFY2(server.addUser(u"dave"_s, u"later"_s, &error), qPrintable(error));
        QVERIFY(plainLogin(server, u"dave"_s, u"later"_s).startsWith("<success"));
    }

    void withoutTls()
    {
        ProsodyServer server;
        ProsodyServer::Options options;
        options.tls = false;
        options.users = {u"alice:secret"_s};
        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(server.start(options, &error), qPrintable(error));
        qInfo("start() without TLS took %lld ms (ready %lld ms after the process start)", timer.elapsed(),
              server.startupMilliseconds());
        QCOMPARE(server.directTlsPort(), quint16(0));
        QCOMPARE(server.httpsPort(), quint16(0));
        QVERIFY(server.caCertificatePath().isEmpty());
        QVERIFY(server.caCertificates().isEmpty());

        const QByteArray features = fetchStreamFeatures(server.c2sPort(), server.domain(), 5000, &error);
        QVERIFY2(!features.isEmpty(), qPrintable(error));
        QVERIFY2(!features.contains("starttls"), features.constData());
        // Authentication is offered in the clear, PLAIN included: the client has to be the one refusing.
        QVERIFY2(features.contains("<mechanism>PLAIN</mechanism>"), features.constData());
    }

    void certificateForAnotherName()
    {
        ProsodyServer server;
        ProsodyServer::Options options;
        options.certificateName = u"wrong.example"_s;
        QString error;
        QVERIFY2(server.start(options, &error), qPrintable(error));
        QCOMPARE(server.domain(), u"localhost"_s);
        QVERIFY(
            server.serverCertificate().subjectAlternativeNames().values(QSsl::DnsEntry).contains(u"wrong.example"_s));

        QSslSocket socket;
        bool encrypted = false;
        const QList<QSslError> errors = directTlsErrors(server, socket, &encrypted);
        QVERIFY(!encrypted);
        QVERIFY(!errors.isEmpty());
        for (const QSslError &sslError : errors)  // trusted CA: only the name is wrong
            QCOMPARE(sslError.error(), QSslError::HostNameMismatch);
    }

    void stopEndsTheProcess()
    {
        ProsodyServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const qint64 pid = server.pid();
        const quint16 port = server.c2sPort();
        QVERIFY(processExists(pid));
        QElapsedTimer timer;
        timer.start();
        server.stop();
        qInfo("stop() took %lld ms", timer.elapsed());
        QVERIFY(!server.isRunning());
        QCOMPARE(server.pid(), qint64(0));
        QVERIFY(!processExists(pid));
        QVERIFY(refusesConnections(port));
        server.stop();  // a second stop is harmless

        // The destructor stops it as well.
        qint64 secondPid = 0;
        {
            ProsodyServer scoped;
            QVERIFY2(scoped.start(&error), qPrintable(error));
            secondPid = scoped.pid();
            QVERIFY(processExists(secondPid));
        }
        QVERIFY(!processExists(secondPid));
    }

    void killAndRestartKeepData()
    {
        ProsodyServer server;
        ProsodyServer::Options options;
        options.users = {u"alice:secret"_s};
        QString error;
        QVERIFY(!server.restart(&error));  // nothing to restart yet
        QVERIFY2(error.contains(u"before start()"_s), qPrintable(error));
        QVERIFY2(server.start(options, &error), qPrintable(error));
        QVERIFY2(server.addUser(u"dave"_s, u"later"_s, &error), qPrintable(error));
        const qint64 pid = server.pid();
        const quint16 port = server.c2sPort();
        const quint16 tlsPort = server.directTlsPort();
        const QString directory = server.directory();

        QElapsedTimer timer;
        timer.start();
        server.kill();
        qInfo("kill() took %lld ms", timer.elapsed());
        QVERIFY(!server.isRunning());
        QVERIFY(!processExists(pid));
        QVERIFY(refusesConnections(port));
        // SIGKILL, not SIGTERM: Prosody logs its clean shutdown, and a crash leaves no such line.
        QVERIFY2(!QFile(server.logPath()).exists() || !fileTail(server.logPath(), 400).contains("Shutting down"),
                 fileTail(server.logPath()).constData());
        QVERIFY(QFile::exists(directory + u"/data"_s));

        timer.restart();
        QVERIFY2(server.restart(&error), qPrintable(error));
        qInfo("restart() took %lld ms", timer.elapsed());
        QVERIFY(server.isRunning());
        QVERIFY(server.pid() != pid);
        QCOMPARE(server.c2sPort(), port);
        QCOMPARE(server.directTlsPort(), tlsPort);
        QCOMPARE(server.directory(), directory);
        QVERIFY(QFile::exists(directory + u"/prosody-1.log"_s));  // the first run's log is kept
        // The accounts survived, the one added while it ran too.
        QVERIFY(plainLogin(server, u"alice"_s, u"secret"_s).startsWith("<success"));
        QVERIFY(plainLogin(server, u"dave"_s, u"later"_s).startsWith("<success"));

        // After a clean stop() as well; then stop() ends it for good.
        server.stop();
        QVERIFY2(server.restart(&error), qPrintable(error));
        QCOMPARE(server.c2sPort(), port);
        QVERIFY(plainLogin(server, u"alice"_s, u"secret"_s).startsWith("<success"));
        const qint64 restartedPid = server.pid();
        server.stop();
        QVERIFY(!processExists(restartedPid));
        server.kill();  // harmless when not running
    }

    void smacksHibernationTimeOption()
    {
        // XEP-0198 §5: <enabled resume='true' max='N'/> announces how long the server keeps a dropped
        // session; the option sets mod_smacks' smacks_hibernation_time.
        for (const int seconds : {0, 5}) {
            ProsodyServer server;
            ProsodyServer::Options options;
            options.users = {u"alice:secret"_s};
            options.smacksHibernationSeconds = seconds;
            QString error;
            QVERIFY2(server.start(options, &error), qPrintable(error));
            XmppClient client;
            QByteArray received;
            connect(&client, &XmppClient::xmlReceived, &client, [&](const QByteArray &xml) { received += xml; });
            client.connectToHost(ClientTestUtils::configFor(server, u"alice"_s, u"secret"_s));
            QVERIFY(ClientTestUtils::waitConnected(client));
            QVERIFY(QTest::qWaitFor([&] { return received.contains("<enabled"); }, 5000));
            const QByteArray max = "max='" + QByteArray::number(seconds == 0 ? 600 : seconds) + '\'';
            const QByteArray quotedMax = "max=\"" + QByteArray::number(seconds == 0 ? 600 : seconds) + '"';
            QVERIFY2(received.contains("<enabled") && (received.contains(max) || received.contains(quotedMax)),
                     received.right(2000).constData());
            client.disconnectFromHost();
        }
    }

    void twoServersAtOnce()
    {
        ProsodyServer first;
        ProsodyServer second;
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        ProsodyServer::Options options;
        options.tls = false;
        QVERIFY2(second.start(options, &error), qPrintable(error));
        QVERIFY(first.pid() != second.pid());
        QVERIFY(first.c2sPort() != second.c2sPort());
        QVERIFY(first.directory() != second.directory());

        QByteArray features = fetchStreamFeatures(first.c2sPort(), first.domain(), 5000, &error);
        QVERIFY2(features.contains("starttls"), qPrintable(error));
        features = fetchStreamFeatures(second.c2sPort(), second.domain(), 5000, &error);
        QVERIFY2(!features.isEmpty() && !features.contains("starttls"), qPrintable(error));

        const qint64 firstPid = first.pid();
        first.stop();
        QVERIFY(!processExists(firstPid));
        QVERIFY(second.isRunning());
        QVERIFY(!fetchStreamFeatures(second.c2sPort(), second.domain(), 5000, &error).isEmpty());
    }

    void reportsStartFailures()
    {
        ProsodyServer server;
        ProsodyServer::Options options;
        options.users = {u"no-password-separator"_s};
        QString error;
        QVERIFY(!server.start(options, &error));
        QVERIFY(error.contains(u"name:password"_s));
        QVERIFY(!server.isRunning());

        // Prosody exits at once (here: a broken configuration): start() says so, with Prosody's words.
        QTemporaryDir broken;
        QVERIFY(broken.isValid());
        QFile config(broken.filePath(u"prosody.cfg.lua"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("this is not Lua at all\n");
        config.close();
        const QByteArray saved = qgetenv("XIN_TEST_SERVERS_DIR");
        qputenv("XIN_TEST_SERVERS_DIR", QFile::encodeName(broken.path()));
        options = {};
        options.tls = false;
        QElapsedTimer timer;
        timer.start();
        const bool started = server.start(options, &error);
        if (saved.isNull())
            qunsetenv("XIN_TEST_SERVERS_DIR");
        else
            qputenv("XIN_TEST_SERVERS_DIR", saved);
        QVERIFY(!started);
        QVERIFY(!server.isRunning());
        QVERIFY2(error.contains(u"exited during its start"_s), qPrintable(error));
        QVERIFY2(error.contains(u"prosody.cfg.lua"_s), qPrintable(error));
        QVERIFY2(timer.elapsed() < 10000, qPrintable(error));
        qInfo("reported after %lld ms: %s", timer.elapsed(), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_ProsodyServer)
#include "tst_prosodyserver.moc"
