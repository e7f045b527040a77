// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/AccountStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace {

const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// QFile::permissions() also reports the ...User bits for the current user; only group and other matter here.
bool isOwnerOnly(const QString &path)
{
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                      | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return !(QFile::permissions(path) & others);
}

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

QString securityName(ConnectionConfiguration::SecurityMode mode)
{
    switch (mode) {
    case ConnectionConfiguration::SecurityMode::Required:
        return u"required"_s;
    case ConnectionConfiguration::SecurityMode::IfPossible:
        return u"ifpossible"_s;
    case ConnectionConfiguration::SecurityMode::Disabled:
        return u"disabled"_s;
    }
    return u"required"_s;
}

std::optional<ConnectionConfiguration::SecurityMode> securityFromName(const QString &name)
{
    if (name == "required"_L1)
        return ConnectionConfiguration::SecurityMode::Required;
    if (name == "ifpossible"_L1)
        return ConnectionConfiguration::SecurityMode::IfPossible;
    if (name == "disabled"_L1)
        return ConnectionConfiguration::SecurityMode::Disabled;
    return std::nullopt;
}

// Strict on purpose: a typo such as "ture" must not silently turn Direct TLS off.
std::optional<bool> boolFromText(const QString &text)
{
    if (text == "true"_L1)
        return true;
    if (text == "false"_L1)
        return false;
    return std::nullopt;
}

// Creates the file 0600 before QSettings writes it: QSettings saves through QSaveFile, which gives the new
// file the permissions of the old one, so the password is never readable by others, not even briefly.
bool prepareOwnerOnlyFile(const QString &path)
{
    QFile file(path);
    if (file.exists())
        return file.setPermissions(ownerOnly);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly))
        return false;
    file.close();
    return true;
}

bool ensureProfileDir(const QString &profileDir)
{
    const QDir dir(profileDir);
    if (dir.exists())
        return true;
    // The profile will hold the message history too: only its owner may list it.
    const QString absolute = dir.absolutePath();
    return QDir().mkpath(QFileInfo(absolute).path()) && QDir().mkdir(absolute, ownerOnly | QFileDevice::ExeOwner);
}

// The two password keys of [account] (the caller has begun the group), as AccountStore describes them.
void writePasswordKeys(QSettings &settings, AccountStore::PasswordPlace place, const QString &password)
{
    switch (place) {
    case AccountStore::PasswordPlace::Keychain:
        settings.setValue(u"passwordIn"_s, u"keychain"_s);
        settings.remove(u"password"_s);
        return;
    case AccountStore::PasswordPlace::File:
    case AccountStore::PasswordPlace::LegacyFile:
        settings.setValue(u"passwordIn"_s, u"file"_s);
        settings.setValue(u"password"_s, password);
        return;
    case AccountStore::PasswordPlace::None:
        break;
    }
    settings.remove(u"passwordIn"_s);
    settings.remove(u"password"_s);
}

// Belt and braces after QSettings wrote the file: should the platform's QSaveFile not carry the mode over, fix it
// now and check. On Windows Qt maps permissions to the read-only bit only; the profile lives under the user's
// own folder.
bool makePrivate(const QString &path)
{
    const bool madePrivate = QFile::setPermissions(path, ownerOnly) && isOwnerOnly(path);
#ifndef Q_OS_WIN
    return madePrivate;
#else
    Q_UNUSED(madePrivate)
    return true;
#endif
}

// The keys of [account] (the caller has begun the group), in two parts; each returns why the file is refused,
// or an empty string when its keys are valid.

/// Who signs in: jid, resource, and where the password is.
QString readIdentity(const QSettings &settings, AccountStore::Account &account)
{
    using PasswordPlace = AccountStore::PasswordPlace;
    const auto text = [&](const QString &key) { return settings.value(key).toString(); };
    ConnectionConfiguration &config = account.configuration;

    const QString jidText = text(u"jid"_s);
    if (jidText.isEmpty())
        return AccountStore::tr("the key \"jid\" is missing.");
    QString reason;
    const auto jid = Jid::parse(jidText, &reason);
    if (!jid)
        return AccountStore::tr("jid \"%1\" is not a valid address: %2").arg(jidText, reason);
    config.jid = *jid;

    config.password = text(u"password"_s);
    const QString passwordIn = text(u"passwordIn"_s);
    if (!config.password.isEmpty())
        account.passwordPlace = passwordIn == "file"_L1 ? PasswordPlace::File : PasswordPlace::LegacyFile;
    else if (passwordIn == "keychain"_L1)
        account.passwordPlace = PasswordPlace::Keychain;

    config.resource = text(u"resource"_s);
    if (!config.resource.isEmpty() && jid->withResource(config.resource).isNull())
        return AccountStore::tr("resource \"%1\" is not a valid resource.").arg(config.resource);
    return {};
}

/// How to connect: host, port, security, directTls, and whether to sign in at start.
QString readConnection(const QSettings &settings, AccountStore::Account &account)
{
    const auto text = [&](const QString &key) { return settings.value(key).toString(); };
    ConnectionConfiguration &config = account.configuration;
    config.host = text(u"host"_s);

    if (settings.contains(u"port"_s)) {
        bool ok = false;
        const uint port = text(u"port"_s).toUInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return AccountStore::tr("port must be a number from 1 to 65535, not \"%1\".").arg(text(u"port"_s));
        config.port = quint16(port);
    }

    if (settings.contains(u"security"_s)) {
        const auto mode = securityFromName(text(u"security"_s));
        if (!mode)
            return AccountStore::tr("security must be required, ifpossible or disabled, not \"%1\".")
                .arg(text(u"security"_s));
        config.securityMode = *mode;
    }

    for (const auto &[key, target] :
         {std::pair{u"directTls"_s, &config.directTls}, std::pair{u"autoLogin"_s, &account.autoLogin}}) {
        if (!settings.contains(key))
            continue;
        const auto value = boolFromText(text(key));
        if (!value)
            return AccountStore::tr("%1 must be true or false, not \"%2\".").arg(key, text(key));
        *target = *value;
    }

    // docs/SECURITY.md rule 1: an older profile may say ifpossible for a remote server. Refuse it here with
    // a sentence naming the key, rather than let the connection fail later for a reason the user cannot see.
    if (!config.securityModeAllowed())
        return AccountStore::tr(
                   "security=%1 is allowed only for a server on this computer, not %2; use security=required.")
            .arg(securityName(config.securityMode), config.targetHost());
    return {};
}

}   // namespace

QString AccountStore::filePath(const QString &profileDir)
{
    return QDir(profileDir).filePath(u"account.ini"_s);
}

std::optional<AccountStore::Account> AccountStore::load(const QString &profileDir, QString *error,
                                                        Certificates certificates)
{
    setError(error, {});
    const QString path = filePath(profileDir);
    if (!QFileInfo::exists(path))
        return std::nullopt;

    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        setError(error, tr("%1 cannot be read.").arg(QDir::toNativeSeparators(path)));
        return std::nullopt;
    }
    const auto fail = [&](const QString &reason) {
        setError(error, tr("%1: %2").arg(QDir::toNativeSeparators(path), reason));
        return std::nullopt;
    };

    settings.beginGroup(u"account"_s);
    Account account;
    QString reason = readIdentity(settings, account);
    if (reason.isEmpty())
        reason = readConnection(settings, account);
    if (!reason.isEmpty())
        return fail(reason);
    account.configuration.saslPin = settings.value(u"saslPin"_s).toString();
    account.caFile = settings.value(u"caFile"_s).toString();
    if (certificates == Certificates::Now && !loadCertificates(profileDir, account, error))
        return std::nullopt;

    // A file copied in from elsewhere may be readable by others; a saved password must not stay that way.
    if (account.hasPassword() && !isOwnerOnly(path))
        QFile::setPermissions(path, ownerOnly);

    return account;
}

bool AccountStore::loadCertificates(const QString &profileDir, Account &account, QString *error)
{
    setError(error, {});
    account.configuration.extraCaCertificates.clear();
    if (account.caFile.isEmpty())
        return true;
    const QString caPath = QDir(profileDir).absoluteFilePath(account.caFile);
    account.configuration.extraCaCertificates = QSslCertificate::fromPath(caPath, QSsl::Pem);
    // Fail closed: dropping the CA silently would turn a working private server into a certificate error
    // the user cannot explain, and accepting a wrong path hides a misconfiguration.
    if (account.configuration.extraCaCertificates.isEmpty()) {
        setError(error, tr("%1: %2").arg(QDir::toNativeSeparators(filePath(profileDir)),
                                         tr("caFile \"%1\" holds no PEM certificate or cannot be read.").arg(caPath)));
        return false;
    }
    return true;
}

bool AccountStore::save(const QString &profileDir, const Account &account, bool passwordInFile, QString *error)
{
    setError(error, {});
    const ConnectionConfiguration &config = account.configuration;
    if (config.jid.isNull()) {
        setError(error, tr("There is no account to save."));
        return false;
    }
    const QString path = filePath(profileDir);
    if (!ensureProfileDir(profileDir) || !prepareOwnerOnlyFile(path)) {
        setError(error, tr("%1 cannot be written.").arg(QDir::toNativeSeparators(path)));
        return false;
    }

    {
        QSettings settings(path, QSettings::IniFormat);
        settings.beginGroup(u"account"_s);
        const auto setOrRemove = [&](const QString &key, const QString &value) {
            if (value.isEmpty())
                settings.remove(key);
            else
                settings.setValue(key, value);
        };
        settings.setValue(u"jid"_s, config.jid.bareString());
        // docs/SECURITY.md rule 12: the password reaches the disk only with the user's consent.
        if (passwordInFile && !config.password.isEmpty())
            writePasswordKeys(settings, PasswordPlace::File, config.password);
        else if (settings.value(u"passwordIn"_s).toString() != "keychain"_L1)
            writePasswordKeys(settings, PasswordPlace::None, {});
        else
            settings.remove(u"password"_s);
        setOrRemove(u"resource"_s, config.resource.isEmpty() ? config.jid.resource() : config.resource);
        setOrRemove(u"host"_s, config.host);
        setOrRemove(u"port"_s, config.port ? QString::number(config.port) : QString());
        settings.setValue(u"security"_s, securityName(config.securityMode));
        settings.setValue(u"directTls"_s, config.directTls ? u"true"_s : u"false"_s);
        setOrRemove(u"caFile"_s, account.caFile);
        setOrRemove(u"saslPin"_s, config.saslPin);
        settings.setValue(u"autoLogin"_s, account.autoLogin ? u"true"_s : u"false"_s);
        settings.endGroup();
        settings.sync();
        if (settings.status() != QSettings::NoError) {
            setError(error, tr("%1 cannot be written.").arg(QDir::toNativeSeparators(path)));
            return false;
        }
    }

    if (!makePrivate(path)) {
        setError(error, tr("%1 cannot be made private to you.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    return true;
}

bool AccountStore::setPasswordPlace(const QString &profileDir, PasswordPlace place, const QString &password,
                                    QString *error)
{
    setError(error, {});
    const QString path = filePath(profileDir);
    if (place == PasswordPlace::None && !QFileInfo::exists(path))
        return true;
    // Written only over an existing account (a password without its JID is of no use), and 0600 first.
    if (!QFileInfo::exists(path) || !prepareOwnerOnlyFile(path)) {
        setError(error, tr("%1 cannot be written.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    QSettings settings(path, QSettings::IniFormat);
    settings.beginGroup(u"account"_s);
    writePasswordKeys(settings, place, password);
    settings.endGroup();
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        setError(error, tr("%1 cannot be written.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (!makePrivate(path)) {
        setError(error, tr("%1 cannot be made private to you.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    return true;
}

bool AccountStore::forgetPassword(const QString &profileDir, QString *error)
{
    return setPasswordPlace(profileDir, PasswordPlace::None, {}, error);
}
