// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "EjabberdServer.h"

#include "ProsodyServer.h"  // TestSupport: runProcess, fetchStreamFeatures, fileTail

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>
#include <QtDebug>

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <vector>

#ifndef XIN_TEST_SERVERS_DIR
#error "XIN_TEST_SERVERS_DIR must point at tests/servers"
#endif

using namespace Qt::StringLiterals;
using namespace TestSupport;

namespace {

constexpr auto ServerUser = "ejabberd";
constexpr int StopTimeoutMs = 5000;
constexpr int PortAttempts = 3;

// Runs as the ejabberd user between the test and ejabberdctl (which keeps running as the parent of the
// Erlang VM). Its standard input is a pipe from the test: end of file means the test has ended, stopped
// or not, and then the VM gets SIGTERM and 5 s later SIGKILL. "$@" is the ejabberdctl command.
constexpr auto WatchdogScript = R"(exec 3<&0 </dev/null
"$@" 3<&- &
ctl=$!
(
  read -r _ <&3 || :
  vm= n=0
  while kill -0 "$ctl" 2>/dev/null; do
    if [ -z "$vm" ] && [ -s "$EJABBERD_PID_PATH" ]; then vm=$(cat "$EJABBERD_PID_PATH"); kill -TERM "$vm"; n=0; fi
    if [ -n "$vm" ] && [ $n -ge 50 ]; then kill -KILL "$vm"; fi
    if [ -z "$vm" ] && [ $n -ge 600 ]; then kill -KILL "$ctl"; fi
    n=$((n+1)); sleep 0.1
  done
) 3<&3 &
exec 3<&-
wait "$ctl"
)";

QString serversDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("XIN_TEST_SERVERS_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(XIN_TEST_SERVERS_DIR) : fromEnvironment;
}

bool keepDirectories()
{
    const QByteArray keep = qgetenv("XIN_TEST_KEEP_SERVERS");
    return !keep.isEmpty() && keep != "0";
}

/// Distinct free TCP ports on 127.0.0.1, all held open together while choosing so that they differ.
QList<quint16> freeLoopbackPorts(int count, QString *error)
{
    std::vector<std::unique_ptr<QTcpServer>> servers;
    QList<quint16> ports;
    for (int i = 0; i < count; ++i) {
        auto server = std::make_unique<QTcpServer>();
        if (!server->listen(QHostAddress::LocalHost, 0)) {
            *error = u"EjabberdServer: cannot find a free port on 127.0.0.1: "_s + server->errorString();
            return {};
        }
        ports.append(server->serverPort());
        servers.push_back(std::move(server));
    }
    return ports;
}

bool chownTree(const QString &dir)
{
    const passwd *account = ::getpwnam(ServerUser);
    if (!account)
        return false;
    bool ok = ::chown(QFile::encodeName(dir).constData(), account->pw_uid, account->pw_gid) == 0;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        ok = ::lchown(QFile::encodeName(it.next()).constData(), account->pw_uid, account->pw_gid) == 0 && ok;
    return ok;
}

/// XEP-0077 §3.1 in-band registration of each "name:password" on one unauthenticated Direct TLS stream.
bool registerInBand(quint16 port, const QList<QSslCertificate> &ca, const QStringList &users, QString *error)
{
    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(ca);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket.setSslConfiguration(tls);
    socket.connectToHostEncrypted(u"127.0.0.1"_s, port, u"localhost"_s);
    if (!socket.waitForEncrypted(10000)) {
        *error = u"no TLS with 127.0.0.1:"_s + QString::number(port) + u": "_s + socket.errorString();
        return false;
    }
    socket.write("<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xml:lang='en'"
                 " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");

    QXmlStreamReader reader;
    int depth = 0;
    bool features = false;
    QString iqId, iqType, condition;
    bool inError = false;
    QString answeredId, answeredType, answeredCondition;
    // Reads until @p done holds; false on timeout or a closed stream.
    const auto readUntil = [&](const std::function<bool()> &done) {
        QDeadlineTimer deadline(10000);
        while (!done()) {
            while (!reader.atEnd()) {
                reader.readNext();
                if (reader.isStartElement()) {
                    ++depth;
                    if (depth == 2 && reader.name() == u"features") {
                        features = true;
                    } else if (depth == 2 && reader.name() == u"iq") {
                        iqId = reader.attributes().value(u"id"_s).toString();
                        iqType = reader.attributes().value(u"type"_s).toString();
                        condition.clear();
                    } else if (depth == 3 && reader.name() == u"error") {
                        inError = true;
                    } else if (depth == 4 && inError && condition.isEmpty() && reader.name() != u"text") {
                        condition = reader.name().toString();
                    }
                } else if (reader.isEndElement()) {
                    if (depth == 3)
                        inError = false;
                    if (depth == 2 && reader.name() == u"iq") {
                        answeredId = iqId;
                        answeredType = iqType;
                        answeredCondition = condition;
                    }
                    --depth;
                }
                if (done())
                    return true;
            }
            if (reader.hasError() && reader.error() != QXmlStreamReader::PrematureEndOfDocumentError) {
                *error = u"bad XML during registration: "_s + reader.errorString();
                return false;
            }
            if (socket.state() != QAbstractSocket::ConnectedState || deadline.hasExpired()) {
                *error = u"the registration stream ended or timed out"_s;
                return false;
            }
            if (socket.bytesAvailable() == 0)
                socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
            reader.addData(socket.readAll());
        }
        return true;
    };
    if (!readUntil([&] { return features && depth == 1; }))
        return false;

    int counter = 0;
    for (const QString &user : users) {
        const qsizetype colon = user.indexOf(u':');
        if (colon <= 0) {
            *error = u"a user must be given as \"name:password\", not \""_s + user + u'"';
            return false;
        }
        const QString id = u"reg"_s + QString::number(++counter);
        QByteArray request;
        QXmlStreamWriter out(&request);
        out.writeStartElement(u"iq"_s);
        out.writeAttribute(u"type"_s, u"set"_s);
        out.writeAttribute(u"id"_s, id);
        out.writeStartElement(u"query"_s);
        out.writeDefaultNamespace(u"jabber:iq:register"_s);
        out.writeTextElement(u"username"_s, user.left(colon));
        out.writeTextElement(u"password"_s, user.mid(colon + 1));
        out.writeEndElement();
        out.writeEndElement();
        socket.write(request);
        if (!readUntil([&] { return answeredId == id; }))
            return false;
        if (answeredType != u"result") {
            *error = u"in-band registration of "_s + user.left(colon) + u" failed: "_s + answeredType + u' '
                   + answeredCondition;
            return false;
        }
    }
    socket.write("</stream:stream>");
    socket.waitForBytesWritten(1000);
    socket.disconnectFromHost();
    return true;
}

} // namespace

EjabberdServer::EjabberdServer() = default;

EjabberdServer::~EjabberdServer()
{
    stop();
    if (m_dir && !m_dir->autoRemove())
        qInfo().noquote() << "EjabberdServer: kept" << m_dir->path();
}

bool EjabberdServer::start(QString *error)
{
    return start(Options(), error);
}

bool EjabberdServer::start(const Options &options, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (isRunning()) {
        message = u"EjabberdServer: already running"_s;
        return false;
    }
    stop();
    m_options = options;
    m_startupMs = -1;
    m_vmPid = 0;
    m_c2sPort = m_directTlsPort = m_httpsPort = m_distPort = 0;

    m_ejabberdctl = QStandardPaths::findExecutable(u"ejabberdctl"_s, {u"/usr/sbin"_s, u"/usr/bin"_s});
    if (m_ejabberdctl.isEmpty()) {
        message = u"EjabberdServer: ejabberd is not installed (Debian 13 package ejabberd)"_s;
        return false;
    }
    const passwd *account = ::getpwnam(ServerUser);
    if (!account || (::geteuid() != 0 && ::geteuid() != account->pw_uid)) {
        message = u"EjabberdServer: ejabberdctl runs only as root or as the \"ejabberd\" user"_s;
        return false;
    }

    // Under /tmp: the ejabberd user must be able to traverse every parent directory.
    m_dir = std::make_unique<QTemporaryDir>(u"/tmp/xin-ejabberd-XXXXXX"_s);
    if (!m_dir->isValid()) {
        message = u"EjabberdServer: cannot create a directory in /tmp: "_s + m_dir->errorString();
        m_dir.reset();
        return false;
    }
    m_dir->setAutoRemove(!keepDirectories());
    const QString dir = m_dir->path();
    for (const QString &sub : {u"spool"_s, u"log"_s, u"upload"_s})
        QDir(dir).mkpath(sub);
    const ProcessResult made = runProcess(u"sh"_s, {serversDirectory() + u"/mkcerts.sh"_s, dir + u"/certs"_s});
    if (!made.ok()) {
        message = u"EjabberdServer: "_s + made.describe(u"mkcerts.sh"_s);
        return false;
    }
    if (::geteuid() == 0 && !chownTree(dir)) {
        message = u"EjabberdServer: cannot hand "_s + dir + u" to the ejabberd user"_s;
        return false;
    }

    m_nodeName = u"xt%1@localhost"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(u"HOME"_s, QString::fromLocal8Bit(account->pw_dir));  // the Erlang cookie lives there
    m_environment.insert(u"EJABBERD_PID_PATH"_s, dir + u"/ejabberd.pid"_s);
    m_environment.insert(u"EJABBERD_MACRO_XT_CERT"_s, dir + u"/certs/localhost.pem"_s);
    m_environment.insert(u"EJABBERD_MACRO_XT_UPLOAD_DIR"_s, dir + u"/upload"_s);
    m_environment.insert(u"EJABBERD_MACRO_XT_SCRAM_HASH"_s, options.scramHash);

    for (int attempt = 1;; ++attempt) {
        bool portClash = false;
        if (startOnce(&message, &portClash))
            break;
        stop();
        if (!portClash || attempt == PortAttempts)
            return false;
        qWarning().noquote() << "EjabberdServer: a port was taken meanwhile, trying other ports:" << message;
    }
    if (!options.users.isEmpty() && !addUsers(options.users, &message)) {
        stop();
        return false;
    }
    return true;
}

bool EjabberdServer::startOnce(QString *error, bool *portClash)
{
    const QList<quint16> ports = freeLoopbackPorts(4, error);
    if (ports.isEmpty())
        return false;
    m_c2sPort = ports.at(0);
    m_directTlsPort = ports.at(1);
    m_httpsPort = ports.at(2);
    m_distPort = ports.at(3);
    m_environment.insert(u"EJABBERD_MACRO_XT_C2S_PORT"_s, QString::number(m_c2sPort));
    m_environment.insert(u"EJABBERD_MACRO_XT_C2S_TLS_PORT"_s, QString::number(m_directTlsPort));
    m_environment.insert(u"EJABBERD_MACRO_XT_HTTPS_PORT"_s, QString::number(m_httpsPort));
    // A macro is a whole value: the URL with its port is one macro (glibc does not resolve upload.localhost).
    m_environment.insert(u"EJABBERD_MACRO_XT_UPLOAD_PUT_URL"_s, u"https://localhost:%1/upload"_s.arg(m_httpsPort));
    m_environment.insert(u"XT_ERL_DIST_PORT"_s, QString::number(m_distPort));  // read by ejabberdctl.cfg

    const QString dir = directory();
    QFile::remove(dir + u"/ejabberd.pid"_s);
    QFile::remove(logPath());
    const QString servers = serversDirectory();
    const QStringList ejabberdctl = {m_ejabberdctl,
                                     u"--config-dir"_s,
                                     servers,
                                     u"--config"_s,
                                     servers + u"/ejabberd.yml"_s,
                                     u"--ctl-config"_s,
                                     servers + u"/ejabberdctl.cfg"_s,
                                     u"--spool"_s,
                                     dir + u"/spool"_s,
                                     u"--logs"_s,
                                     dir + u"/log"_s,
                                     u"--node"_s,
                                     m_nodeName,
                                     u"foreground"_s};
    QStringList command;
    if (::geteuid() == 0)
        command << u"setpriv"_s << u"--reuid=ejabberd"_s << u"--regid=ejabberd"_s << u"--init-groups"_s;
    command << u"sh"_s << u"-c"_s << QString::fromLatin1(WatchdogScript) << u"xin-ejabberd-watchdog"_s << ejabberdctl;

    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(m_environment);
    m_process->setWorkingDirectory(dir);
    m_process->setStandardOutputFile(dir + u"/console.log"_s);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    // The standard input stays a pipe from us: the watchdog's end-of-file signal.

    QElapsedTimer timer;
    timer.start();
    m_process->start(command.first(), command.mid(1));
    if (!m_process->waitForStarted(10000)) {
        *error = u"EjabberdServer: cannot start "_s + command.join(u' ') + u": "_s + m_process->errorString();
        m_process.reset();
        return false;
    }
    if (!waitUntilReady(error)) {
        const QByteArray log = fileTail(logPath(), 200, 1 << 20) + fileTail(dir + u"/console.log"_s, 200);
        *portClash = log.contains("eaddrinuse") || log.contains("address already in use");
        return false;
    }
    m_startupMs = timer.elapsed();
    // ejabberd writes its pid file while starting, before the listeners open.
    QFile pidFile(dir + u"/ejabberd.pid"_s);
    if (pidFile.open(QIODevice::ReadOnly))
        m_vmPid = pidFile.readAll().trimmed().toLongLong();
    if (m_vmPid <= 0) {
        *error = failure(u"no pid in "_s + pidFile.fileName());
        return false;
    }
    return true;
}

bool EjabberdServer::waitUntilReady(QString *error)
{
    QDeadlineTimer deadline(m_options.startTimeoutMs);
    QString lastError;
    while (true) {
        if (m_process->state() == QProcess::NotRunning || m_process->waitForFinished(0)) {
            *error = failure(u"ejabberd exited during its start"_s);
            return false;
        }
        const QByteArray features = fetchStreamFeatures(m_c2sPort, domain(),
                                                        int(std::clamp<qint64>(deadline.remainingTime(), 1, 2000)),
                                                        &lastError);
        if (!features.isEmpty())
            return true;
        if (deadline.hasExpired()) {
            *error = failure(u"ejabberd did not answer on its c2s port within "_s
                             + QString::number(m_options.startTimeoutMs) + u" ms (last: "_s + lastError + u')');
            return false;
        }
        if (m_process->waitForFinished(50)) {  // the pause between attempts; returns at once if it ends
            *error = failure(u"ejabberd exited during its start"_s);
            return false;
        }
    }
}

bool EjabberdServer::addUsers(const QStringList &users, QString *error)
{
    QString ignored;
    if (!isRunning()) {
        (error ? *error : ignored) = u"EjabberdServer: addUsers() while not running"_s;
        return false;
    }
    QString &message = error ? *error : ignored;
    if (registerInBand(m_directTlsPort, caCertificates(), users, &message))
        return true;
    message = failure(message);
    return false;
}

bool EjabberdServer::addUser(const QString &name, const QString &password, QString *error)
{
    return addUsers({name + u':' + password}, error);
}

void EjabberdServer::signalVm(int signal) const
{
    if (m_vmPid > 0)
        ::kill(pid_t(m_vmPid), signal);
}

void EjabberdServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        // The watchdog shell ends once ejabberdctl has, and ejabberdctl once the VM has.
        signalVm(SIGTERM);  // a clean stop, ~1 s
        if (m_vmPid <= 0 || !m_process->waitForFinished(StopTimeoutMs)) {
            if (m_vmPid > 0) {
                qWarning().noquote() << "EjabberdServer: beam.smp pid" << m_vmPid << "ignored SIGTERM; sending SIGKILL";
                signalVm(SIGKILL);
            }
            m_process->closeWriteChannel();  // no VM pid yet: the watchdog ends what has started
            if (!m_process->waitForFinished(StopTimeoutMs + 2000))
                qWarning().noquote() << "EjabberdServer: ejabberdctl did not end";
        }
    }
    m_process->closeWriteChannel();  // and the watchdog itself ends
    m_process.reset();
    m_vmPid = 0;
}

bool EjabberdServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString EjabberdServer::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString EjabberdServer::caCertificatePath() const
{
    return m_dir ? m_dir->path() + u"/certs/ca.crt"_s : QString();
}

QList<QSslCertificate> EjabberdServer::caCertificates() const
{
    return m_dir ? QSslCertificate::fromPath(caCertificatePath(), QSsl::Pem) : QList<QSslCertificate>();
}

QSslCertificate EjabberdServer::serverCertificate() const
{
    const QList<QSslCertificate> certificates = m_dir
                                                  ? QSslCertificate::fromPath(m_dir->path() + u"/certs/localhost.crt"_s,
                                                                              QSsl::Pem)
                                                  : QList<QSslCertificate>();
    return certificates.isEmpty() ? QSslCertificate() : certificates.first();
}

QString EjabberdServer::logPath() const
{
    return m_dir ? m_dir->path() + u"/log/ejabberd.log"_s : QString();
}

QByteArray EjabberdServer::logTail(int lines) const
{
    if (!m_dir)
        return {};
    QByteArray tail = fileTail(logPath(), lines).trimmed();
    if (tail.isEmpty())
        tail = "(ejabberd.log is empty)";
    const QByteArray console = fileTail(directory() + u"/console.log"_s, lines).trimmed();
    if (!console.isEmpty())
        tail += "\n--- console output:\n" + console;
    return tail;
}

qint64 EjabberdServer::pid() const
{
    return isRunning() ? m_vmPid : 0;
}

QString EjabberdServer::failure(const QString &message) const
{
    return u"EjabberdServer: "_s + message + u"\n--- "_s + logPath() + u":\n"_s + QString::fromUtf8(logTail(30));
}
