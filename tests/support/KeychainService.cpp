// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "KeychainService.h"

#include "ProsodyServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

using namespace Qt::StringLiterals;

namespace {

constexpr int StartTimeoutMs = 15000;
constexpr int StopTimeoutMs = 5000;

// Anyone on this private bus may own and call anything: only this test's processes can reach its socket.
const char busConfig[] = R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)";

QString missing(const QString &program, const QString &package)
{
    return u"%1 is not installed (Debian package %2, in scripts/packages-trixie.txt): the keychain tests "
           "need a real Secret Service"_s.arg(program, package);
}

void stopProcess(std::unique_ptr<QProcess> &process)
{
    if (!process)
        return;
    if (process->state() != QProcess::NotRunning) {
        process->terminate();   // SIGTERM to its PID
        if (!process->waitForFinished(StopTimeoutMs)) {
            process->kill();
            process->waitForFinished(StopTimeoutMs);
        }
    }
    process.reset();
}

}   // namespace

KeychainService::KeychainService() = default;

KeychainService::~KeychainService()
{
    stop();
}

bool KeychainService::start(QString *error)
{
    for (const auto &[program, package] :
         {std::pair{u"dbus-daemon"_s, u"dbus-daemon"_s}, std::pair{u"gnome-keyring-daemon"_s, u"gnome-keyring"_s},
          std::pair{u"secret-tool"_s, u"libsecret-tools"_s}, std::pair{u"dbus-send"_s, u"dbus-bin"_s},
          std::pair{u"setpriv"_s, u"util-linux"_s}}) {
        if (QStandardPaths::findExecutable(program).isEmpty()) {
            *error = missing(program, package);
            return false;
        }
    }
    // A short path: a unix socket's name has room for about 100 bytes.
    m_dir = std::make_unique<QTemporaryDir>(u"/tmp/xin-keychain-XXXXXX"_s);
    if (!m_dir->isValid()) {
        *error = u"no temporary directory for the keychain service: %1"_s.arg(m_dir->errorString());
        return false;
    }
    for (const char *sub : {"data", "runtime", "home"})
        QDir(m_dir->path()).mkdir(QString::fromLatin1(sub));
    QFile::setPermissions(m_dir->filePath(u"runtime"_s),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (!startBus(error) || !startKeyring(error) || !waitForSecretsName(error)) {
        stop();
        return false;
    }
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    // The Secret Service even where the desktop would make QtKeychain pick KWallet.
    qputenv("QTKEYCHAIN_BACKEND", "libsecret");
    return true;
}

bool KeychainService::startBus(QString *error)
{
    const QString configPath = m_dir->filePath(u"session.conf"_s);
    QFile config(configPath);
    if (!config.open(QIODevice::WriteOnly)) {
        *error = u"cannot write %1"_s.arg(configPath);
        return false;
    }
    config.write(QString::fromLatin1(busConfig).arg(m_dir->path()).toUtf8());
    config.close();

    m_bus = std::make_unique<QProcess>();
    m_bus->setStandardInputFile(QProcess::nullDevice());
    m_bus->start(u"setpriv"_s, {u"--pdeathsig=SIGKILL"_s, u"dbus-daemon"_s, u"--nofork"_s,
                                u"--config-file=%1"_s.arg(configPath), u"--print-address"_s});
    if (!m_bus->waitForStarted(StartTimeoutMs)) {
        *error = u"dbus-daemon did not start: %1"_s.arg(m_bus->errorString());
        return false;
    }
    // It prints the address once it listens.
    QDeadlineTimer deadline(StartTimeoutMs);
    while (!m_bus->canReadLine() && m_bus->state() == QProcess::Running && !deadline.hasExpired())
        m_bus->waitForReadyRead(100);
    m_address = QString::fromUtf8(m_bus->readLine()).trimmed();
    if (m_address.isEmpty()) {
        *error = u"dbus-daemon printed no address: %1"_s.arg(QString::fromUtf8(m_bus->readAllStandardError()));
        return false;
    }
    return true;
}

QProcessEnvironment KeychainService::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, m_address);
    // The keyring files and the daemon's control socket stay in the temporary directory.
    environment.insert(u"XDG_DATA_HOME"_s, m_dir->filePath(u"data"_s));
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_dir->filePath(u"runtime"_s));
    environment.insert(u"HOME"_s, m_dir->filePath(u"home"_s));
    return environment;
}

bool KeychainService::startKeyring(QString *error)
{
    m_keyring = std::make_unique<QProcess>();
    m_keyring->setProcessEnvironment(environment());
    m_keyring->setProcessChannelMode(QProcess::MergedChannels);
    // --unlock reads the login keyring's password on stdin, creating the keyring with it the first time.
    m_keyring->start(u"setpriv"_s, {u"--pdeathsig=SIGKILL"_s, u"gnome-keyring-daemon"_s, u"--foreground"_s,
                                    u"--components=secrets"_s, u"--unlock"_s});
    if (!m_keyring->waitForStarted(StartTimeoutMs)) {
        *error = u"gnome-keyring-daemon did not start: %1"_s.arg(m_keyring->errorString());
        return false;
    }
    // Written now: no event loop runs while start() waits, and QProcess only buffers a write.
    m_keyring->write("throw-away keyring password");
    m_keyring->waitForBytesWritten(StartTimeoutMs);
    m_keyring->closeWriteChannel();
    return true;
}

bool KeychainService::waitForSecretsName(QString *error)
{
    // The keyring daemon takes org.freedesktop.secrets on the bus once it serves the Secret Service API.
    QDeadlineTimer deadline(StartTimeoutMs);
    while (!deadline.hasExpired()) {
        const auto reply = TestSupport::runProcess(u"dbus-send"_s,
                                                   {u"--bus=%1"_s.arg(m_address), u"--print-reply"_s,
                                                    u"--dest=org.freedesktop.DBus"_s, u"/"_s,
                                                    u"org.freedesktop.DBus.NameHasOwner"_s,
                                                    u"string:org.freedesktop.secrets"_s},
                                                   environment(), 5000);
        if (reply.ok() && reply.output.contains("boolean true"))
            return true;
        m_keyring->waitForReadyRead(0);   // keeps what it says, for the message below
        if (m_keyring->state() != QProcess::Running) {
            *error = u"gnome-keyring-daemon ended: %1"_s.arg(QString::fromUtf8(m_keyring->readAll()));
            return false;
        }
        QThread::msleep(100);
    }
    *error = u"gnome-keyring-daemon did not offer the Secret Service within %1 ms: %2"_s.arg(StartTimeoutMs)
                 .arg(QString::fromUtf8(m_keyring->readAll()));
    return false;
}

void KeychainService::stop()
{
    stopProcess(m_keyring);
    stopProcess(m_bus);
    m_address.clear();
    m_dir.reset();
}

std::optional<QString> KeychainService::lookup(const QString &service, const QString &key) const
{
    const auto result = TestSupport::runProcess(u"secret-tool"_s, {u"lookup"_s, u"server"_s, service, u"user"_s, key},
                                                environment(), 10000);
    if (!result.ok())
        return std::nullopt;
    return QString::fromUtf8(result.output);
}

bool KeychainService::clear(const QString &service, const QString &key) const
{
    return TestSupport::runProcess(u"secret-tool"_s, {u"clear"_s, u"server"_s, service, u"user"_s, key}, environment(),
                                   10000)
        .ok();
}
