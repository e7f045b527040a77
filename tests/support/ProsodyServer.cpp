// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProsodyServer.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QMutex>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtDebug>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#ifndef XIN_TEST_SERVERS_DIR
#error "XIN_TEST_SERVERS_DIR must point at tests/servers"
#endif

using namespace Qt::StringLiterals;

namespace {

constexpr auto ServerUser = "prosody";
constexpr int StopTimeoutMs = 5000;
constexpr int PortAttempts = 3;

QString serversDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("XIN_TEST_SERVERS_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(XIN_TEST_SERVERS_DIR) : fromEnvironment;
}

bool runningAsRoot()
{
    return ::geteuid() == 0;
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
            *error = u"cannot find a free port on 127.0.0.1: "_s + server->errorString();
            return {};
        }
        ports.append(server->serverPort());
        servers.push_back(std::move(server));
    }
    return ports;  // the servers close here
}

bool runMkcerts(const QString &directory, const QString &name, QString *error)
{
    const TestSupport::ProcessResult made = TestSupport::runProcess(u"sh"_s, {serversDirectory() + u"/mkcerts.sh"_s,
                                                                              directory, name});
    if (!made.ok()) {
        *error = u"ProsodyServer: "_s + made.describe(u"mkcerts.sh"_s);
        return false;
    }
    return true;
}

/// Puts ca.crt, NAME.crt and NAME.key into target. They are made once per test process and name (one CA
/// for the process, so that all its servers' certificates verify with the same CA), then copied.
bool makeCertificates(const QString &target, const QString &name, QString *error)
{
    static QMutex mutex;
    static std::unique_ptr<QTemporaryDir> cache;
    const QMutexLocker locker(&mutex);
    if (!cache) {
        cache = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/xin-certificates-XXXXXX"_s);
        cache->setAutoRemove(!keepDirectories());
    }
    if (!cache->isValid())  // no cache: make them in place
        return runMkcerts(target, name, error);
    const QString crt = name + u".crt"_s;
    const QString key = name + u".key"_s;
    if (!QFile::exists(cache->filePath(crt)) && !runMkcerts(cache->path(), name, error))
        return false;
    QDir().mkpath(target);
    for (const QString &file : {u"ca.crt"_s, crt, key}) {
        if (!QFile::copy(cache->filePath(file), target + u'/' + file)) {
            *error = u"ProsodyServer: cannot copy "_s + cache->filePath(file) + u" to "_s + target;
            return false;
        }
    }
    return true;
}

} // namespace

using namespace TestSupport;

ProsodyServer::ProsodyServer() = default;

ProsodyServer::~ProsodyServer()
{
    stop();
    if (m_dir && !m_dir->autoRemove())
        qInfo().noquote() << "ProsodyServer: kept" << m_dir->path();
}

bool ProsodyServer::start(QString *error)
{
    return start(Options(), error);
}

bool ProsodyServer::start(const Options &options, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (isRunning()) {
        message = u"ProsodyServer: already running"_s;
        return false;
    }
    stop();
    m_options = options;
    m_startupMs = -1;
    m_c2sPort = m_directTlsPort = m_httpPort = m_httpsPort = m_componentPort = 0;
    m_certificatePath.clear();

    const QString executable = QStandardPaths::findExecutable(u"prosody"_s);
    if (executable.isEmpty()) {
        message = u"ProsodyServer: prosody is not installed (Debian packages prosody and prosody-modules)"_s;
        return false;
    }
    if (runningAsRoot() && !::getpwnam(ServerUser)) {
        message = u"ProsodyServer: running as root, but there is no \"prosody\" user to run Prosody as"_s;
        return false;
    }

    // Under /tmp when root: the prosody user must be able to traverse every parent directory.
    const QString base = runningAsRoot() ? u"/tmp"_s : QDir::tempPath();
    m_dir = std::make_unique<QTemporaryDir>(base + u"/xin-prosody-XXXXXX"_s);
    if (!m_dir->isValid()) {
        message = u"ProsodyServer: cannot create a directory in "_s + base + u": "_s + m_dir->errorString();
        m_dir.reset();
        return false;
    }
    m_dir->setAutoRemove(!keepDirectories());
    const QString dir = m_dir->path();
    QDir().mkpath(dir + u"/data"_s);

    m_configPath = dir + u"/prosody.cfg.lua"_s;
    const QString source = serversDirectory() + u"/prosody.cfg.lua"_s;
    if (!QFile::copy(source, m_configPath)) {
        message = u"ProsodyServer: cannot copy "_s + source + u" to "_s + m_configPath;
        return false;
    }

    m_environment = QProcessEnvironment::systemEnvironment();
    for (const auto *name :
         {"XT_CERT", "XT_KEY", "XT_TSEP_HASH", "XT_C2S_TLS_PORT", "XT_HTTPS_PORT", "XT_AUTH", "XT_PASSWORD_HASH",
          "XT_LOGLEVEL", "XT_DOMAIN", "XT_ARCHIVE_STORAGE", "XT_SMACKS_HIBERNATION"}) {
        m_environment.remove(QString::fromLatin1(name));
    }
    m_environment.insert(u"XT_DIR"_s, dir);
    m_environment.insert(u"XT_DOMAIN"_s, domain());
    m_environment.insert(u"XT_TLS"_s, options.tls ? u"1"_s : u"0"_s);
    if (!options.authentication.isEmpty())
        m_environment.insert(u"XT_AUTH"_s, options.authentication);
    if (!options.passwordHash.isEmpty())
        m_environment.insert(u"XT_PASSWORD_HASH"_s, options.passwordHash);
    if (!options.logLevel.isEmpty())
        m_environment.insert(u"XT_LOGLEVEL"_s, options.logLevel);
    if (!options.archiveStorage.isEmpty())
        m_environment.insert(u"XT_ARCHIVE_STORAGE"_s, options.archiveStorage);
    if (options.smacksHibernationSeconds > 0)
        m_environment.insert(u"XT_SMACKS_HIBERNATION"_s, QString::number(options.smacksHibernationSeconds));

    if (options.tls) {
        const QString name = options.certificateName.isEmpty() ? domain() : options.certificateName;
        const QString certificates = dir + u"/certs"_s;
        if (!makeCertificates(certificates, name, &message))
            return false;
        m_certificatePath = certificates + u'/' + name + u".crt"_s;
        const QSslCertificate certificate = serverCertificate();
        if (certificate.isNull()) {
            message = u"ProsodyServer: mkcerts.sh made no readable "_s + m_certificatePath;
            return false;
        }
        m_environment.insert(u"XT_CERT"_s, m_certificatePath);
        m_environment.insert(u"XT_KEY"_s, certificates + u'/' + name + u".key"_s);
        // tls-server-end-point: SHA-256 of the DER certificate (its signature uses SHA-256 too).
        m_environment.insert(u"XT_TSEP_HASH"_s,
                             QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex()));
    }

    // Users are created offline, before the server starts (prosodyctl only needs the configuration).
    fixOwnership();
    m_environment.insert(u"XT_C2S_PORT"_s, u"1"_s);  // the configuration insists on ports
    m_environment.insert(u"XT_HTTP_PORT"_s, u"1"_s);
    if (options.tls) {
        m_environment.insert(u"XT_C2S_TLS_PORT"_s, u"1"_s);
        m_environment.insert(u"XT_HTTPS_PORT"_s, u"1"_s);
    }
    if (!options.componentSecret.isEmpty()) {
        m_environment.insert(u"XT_COMPONENT_SECRET"_s, options.componentSecret);
        m_environment.insert(u"XT_COMPONENT_PORT"_s, u"1"_s);
    }
    if (!registerUsers(options.users, &message))
        return false;

    for (int attempt = 1;; ++attempt) {
        bool portClash = false;
        if (startOnce(&message, &portClash))
            return true;
        stop();
        if (!portClash || attempt == PortAttempts)
            return false;
        qWarning().noquote() << "ProsodyServer: a port was taken meanwhile, trying other ports:" << message;
    }
}

bool ProsodyServer::startOnce(QString *error, bool *portClash)
{
    const bool component = !m_options.componentSecret.isEmpty();
    const int portCount = (m_options.tls ? 4 : 2) + (component ? 1 : 0);
    const QList<quint16> ports = freeLoopbackPorts(portCount, error);
    if (ports.isEmpty())
        return false;
    m_c2sPort = ports.at(0);
    m_httpPort = ports.at(1);
    m_directTlsPort = m_options.tls ? ports.at(2) : 0;
    m_httpsPort = m_options.tls ? ports.at(3) : 0;
    m_environment.insert(u"XT_C2S_PORT"_s, QString::number(m_c2sPort));
    m_environment.insert(u"XT_HTTP_PORT"_s, QString::number(m_httpPort));
    if (m_options.tls) {
        m_environment.insert(u"XT_C2S_TLS_PORT"_s, QString::number(m_directTlsPort));
        m_environment.insert(u"XT_HTTPS_PORT"_s, QString::number(m_httpsPort));
    }
    if (component) {
        m_componentPort = ports.last();
        m_environment.insert(u"XT_COMPONENT_PORT"_s, QString::number(m_componentPort));
    }
    return launch(error, portClash);
}

bool ProsodyServer::launch(QString *error, bool *portClash)
{
    // A fresh log per attempt, so that the port check below only sees this one.
    QFile::remove(logPath());
    const QString console = directory() + u"/console.log"_s;
    QFile::remove(console);

    const QStringList command = asServerUser(u"prosody"_s, {u"--config"_s, m_configPath, u"-F"_s});
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(m_environment);
    m_process->setWorkingDirectory(directory());
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(console);
    m_process->setProcessChannelMode(QProcess::MergedChannels);

    QElapsedTimer timer;
    timer.start();
    m_process->start(command.first(), command.mid(1));
    if (!m_process->waitForStarted(10000)) {
        *error = u"ProsodyServer: cannot start "_s + command.join(u' ') + u": "_s + m_process->errorString();
        m_process.reset();
        return false;
    }
    if (!waitUntilReady(error)) {
        *portClash = fileTail(logPath(), 200).contains("Failed to open server port");
        return false;
    }
    m_startupMs = timer.elapsed();
    // Prosody does not exit when a port is taken: it logs it and goes on without that listener. The c2s
    // port answering may then even be another server's.
    const QByteArray log = fileTail(logPath(), 400, 1 << 20);
    if (log.contains("Failed to open server port")) {
        *portClash = true;
        *error = failure(u"a port was taken"_s);
        return false;
    }
    return true;
}

bool ProsodyServer::waitUntilReady(QString *error)
{
    QDeadlineTimer deadline(m_options.startTimeoutMs);
    QString lastError;
    while (true) {
        if (m_process->state() == QProcess::NotRunning || m_process->waitForFinished(0)) {
            *error = failure(u"prosody exited during its start with code "_s + QString::number(m_process->exitCode()));
            return false;
        }
        const QByteArray features = fetchStreamFeatures(m_c2sPort, domain(),
                                                        int(std::clamp<qint64>(deadline.remainingTime(), 1, 2000)),
                                                        &lastError);
        if (!features.isEmpty())
            return true;
        if (deadline.hasExpired()) {
            *error = failure(u"prosody did not answer on its c2s port within "_s
                             + QString::number(m_options.startTimeoutMs) + u" ms (last: "_s + lastError + u')');
            return false;
        }
        // Also the pause between attempts: returns at once if the process ends.
        if (m_process->waitForFinished(20)) {
            *error = failure(u"prosody exited during its start with code "_s + QString::number(m_process->exitCode()));
            return false;
        }
    }
}

bool ProsodyServer::registerUsers(const QStringList &users, QString *error)
{
    // Each prosodyctl call takes ~70 ms: run them side by side.
    std::vector<std::unique_ptr<QProcess>> processes;
    QStringList names;
    for (const QString &user : users) {
        const qsizetype colon = user.indexOf(u':');
        if (colon <= 0) {
            *error = u"ProsodyServer: a user must be given as \"name:password\", not \""_s + user + u'"';
            return false;
        }
        const QStringList command = asServerUser(u"prosodyctl"_s, {u"--config"_s, m_configPath, u"register"_s,
                                                                   user.left(colon), domain(), user.mid(colon + 1)});
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(m_environment);
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setStandardInputFile(QProcess::nullDevice());
        process->start(command.first(), command.mid(1));
        processes.push_back(std::move(process));
        names.append(user.left(colon));
    }
    QStringList failures;
    for (size_t i = 0; i < processes.size(); ++i) {
        QProcess &process = *processes[i];
        ProcessResult result;
        result.started = process.waitForStarted(10000);
        if (result.started && !process.waitForFinished(30000)) {
            result.timedOut = true;
            process.kill();
            process.waitForFinished(2000);
        }
        result.output = result.started ? process.readAll() : process.errorString().toUtf8();
        result.crashed = process.exitStatus() == QProcess::CrashExit;
        result.exitCode = process.exitCode();
        if (!result.ok())
            failures.append(result.describe(u"prosodyctl register "_s + names.at(qsizetype(i))));
    }
    if (!failures.isEmpty()) {
        *error = u"ProsodyServer: "_s + failures.join(u'\n');
        return false;
    }
    return true;
}

bool ProsodyServer::addUser(const QString &name, const QString &password, QString *error)
{
    QString ignored;
    if (!m_dir) {
        (error ? *error : ignored) = u"ProsodyServer: addUser() before start()"_s;
        return false;
    }
    return registerUsers({name + u':' + password}, error ? error : &ignored);
}

void ProsodyServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();  // SIGTERM to the PID: Prosody shuts down cleanly
        if (!m_process->waitForFinished(StopTimeoutMs)) {
            qWarning().noquote() << "ProsodyServer: pid" << m_process->processId()
                                 << "ignored SIGTERM; sending SIGKILL";
            m_process->kill();
            m_process->waitForFinished(StopTimeoutMs);
        }
    }
    m_process.reset();
}

void ProsodyServer::kill()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();  // SIGKILL to the PID (setpriv has exec'd prosody: the same process)
        m_process->waitForFinished(StopTimeoutMs);
    }
    m_process.reset();
}

bool ProsodyServer::restart(QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (!m_dir || m_c2sPort == 0) {
        message = u"ProsodyServer: restart() before start()"_s;
        return false;
    }
    stop();
    // launch() starts a fresh log: keep the one of the run before as prosody-N.log.
    for (int run = 1; QFile::exists(logPath()); ++run)
        QFile::rename(logPath(), directory() + u"/prosody-"_s + QString::number(run) + u".log"_s);
    bool portClash = false;
    if (launch(&message, &portClash))
        return true;
    stop();
    return false;
}

bool ProsodyServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString ProsodyServer::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString ProsodyServer::caCertificatePath() const
{
    return m_certificatePath.isEmpty() ? QString() : QFileInfo(m_certificatePath).path() + u"/ca.crt"_s;
}

QList<QSslCertificate> ProsodyServer::caCertificates() const
{
    const QString path = caCertificatePath();
    return path.isEmpty() ? QList<QSslCertificate>() : QSslCertificate::fromPath(path, QSsl::Pem);
}

QString ProsodyServer::serverCertificatePath() const
{
    return m_certificatePath;
}

QSslCertificate ProsodyServer::serverCertificate() const
{
    if (m_certificatePath.isEmpty())
        return QSslCertificate();
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_certificatePath, QSsl::Pem);
    return certificates.isEmpty() ? QSslCertificate() : certificates.first();
}

QString ProsodyServer::logPath() const
{
    return m_dir ? m_dir->path() + u"/prosody.log"_s : QString();
}

QByteArray ProsodyServer::logTail(int lines) const
{
    if (!m_dir)
        return {};
    QByteArray tail = fileTail(logPath(), lines).trimmed();
    if (tail.isEmpty())
        tail = "(prosody.log is empty)";
    // The console gets errors only, after a notice about lua-unbound between two lines of stars.
    QByteArray console = fileTail(directory() + u"/console.log"_s, lines);
    const qsizetype notice = console.indexOf("lua-unbound");
    if (notice >= 0) {
        const qsizetype stars = console.indexOf("*****", notice);
        const qsizetype lineEnd = stars >= 0 ? console.indexOf('\n', stars) : -1;
        console.remove(0, lineEnd >= 0 ? lineEnd + 1 : console.size());
    }
    console = console.trimmed();
    if (!console.isEmpty())
        tail += "\n--- console output:\n" + console;
    return tail;
}

qint64 ProsodyServer::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}

QStringList ProsodyServer::asServerUser(const QString &program, const QStringList &arguments) const
{
    // The parent-death signal makes the server die with us even if we crash. setpriv sets it after
    // changing the user (a change of user clears it).
    const bool haveSetpriv = !QStandardPaths::findExecutable(u"setpriv"_s).isEmpty();
    QStringList command;
    if (runningAsRoot()) {
        command << u"setpriv"_s << u"--reuid=prosody"_s << u"--regid=prosody"_s << u"--init-groups"_s
                << u"--pdeathsig=SIGKILL"_s;
    } else if (haveSetpriv) {
        command << u"setpriv"_s << u"--pdeathsig=SIGKILL"_s;
    }
    command << program << arguments;
    return command;
}

namespace {
/// A Lua string literal of @p text (Lua 5.x: backslash escapes; UTF-8 passes as bytes).
QByteArray luaString(const QString &text)
{
    QByteArray quoted = "\"";
    for (const char c : text.toUtf8()) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        if (c == '\n')
            quoted += "\\n";
        else if (c == '\r')
            quoted += "\\r";
        else if (c == '\0')
            quoted += "\\0";
        else
            quoted += c;
    }
    return quoted + '"';
}
} // namespace

bool ProsodyServer::seedRoster(const QString &user, const QList<RosterItem> &items, QString *error)
{
    // util/datamanager's "internal" keyval store: data/<host>/roster/<user>.dat, a Lua table keyed by bare
    // JID plus [false] for the roster's own metadata; the user's name is %-encoded there: every byte that is
    // not a letter or a digit (Lua's %W) as %xx ("app-1" is stored as "app%2d1"). Our host needs none.
    const QString dir = directory() + u"/data/"_s + domain() + u"/roster"_s;
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!QDir().mkpath(dir))
        return fail(u"cannot create "_s + dir);
    QByteArray lua = "return {\n\t[false] = {\n\t\t[\"version\"] = 1;\n\t\t[\"pending\"] = {};\n\t};\n";
    for (const RosterItem &item : items) {
        lua += "\t[" + luaString(item.jid.bare().toString()) + "] = {\n\t\t[\"subscription\"] = \"both\";\n";
        if (!item.name.isEmpty())
            lua += "\t\t[\"name\"] = " + luaString(item.name) + ";\n";
        lua += "\t\t[\"groups\"] = {\n";
        for (const QString &group : item.groups)
            lua += "\t\t\t[" + luaString(group) + "] = true;\n";
        lua += "\t\t};\n\t};\n";
    }
    lua += "};\n";
    QString encodedUser;
    for (const char byte : user.toUtf8()) {
        if (QChar::isLetterOrNumber(uchar(byte)) && uchar(byte) < 0x80)
            encodedUser += QLatin1Char(byte);
        else
            encodedUser += u'%' + QString::number(uchar(byte), 16).rightJustified(2, u'0');
    }
    QFile file(dir + u'/' + encodedUser + u".dat"_s);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(lua) != lua.size())
        return fail(u"cannot write "_s + file.fileName());
    file.close();
    fixOwnership();   // Prosody, running as its own user when we are root, reads and rewrites it
    return true;
}

void ProsodyServer::fixOwnership() const
{
    if (!runningAsRoot() || !m_dir)
        return;
    const passwd *account = ::getpwnam(ServerUser);
    if (!account)
        return;
    const uid_t uid = account->pw_uid;
    const gid_t gid = account->pw_gid;
    const QString dir = m_dir->path();
    if (::chown(QFile::encodeName(dir).constData(), uid, gid) != 0)
        qWarning() << "ProsodyServer: cannot chown" << dir;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (::lchown(QFile::encodeName(path).constData(), uid, gid) != 0)
            qWarning() << "ProsodyServer: cannot chown" << path;
    }
}

QString ProsodyServer::failure(const QString &message) const
{
    return u"ProsodyServer: "_s + message + u"\n--- "_s + logPath() + u":\n"_s + QString::fromUtf8(logTail(30));
}
