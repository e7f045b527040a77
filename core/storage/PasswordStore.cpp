// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/PasswordStore.h"

#include <QDir>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPasswords, "xin.passwords")

PasswordStore::PasswordStore(const QString &profileDir, QObject *parent) : QObject(parent), m_profileDir(profileDir) { }

QString PasswordStore::service()
{
    return u"Xin"_s;
}

QString PasswordStore::key(const Jid &account) const
{
    // The profile path too: two profiles may sign in to the same account and forget it independently.
    return account.bareString() + u' ' + QDir::cleanPath(QDir(m_profileDir).absolutePath());
}

void PasswordStore::load(const AccountStore::Account &account, QObject *context, Callback done)
{
    switch (account.passwordPlace) {
    case Place::None:
        QTimer::singleShot(0, context, [done = std::move(done)] { done(Result{}); });
        return;
    case Place::File:
    case Place::LegacyFile:
        moveToKeychain(account, context, std::move(done));
        return;
    case Place::Keychain:
        break;
    }
    run(Op::Read, key(account.configuration.jid), {},
        [this, context = QPointer(context), done = std::move(done)](Result result) {
            // Found nowhere although a keychain answered: the user removed the item (e.g. in the keychain's
            // own manager). The mark in account.ini is stale; the login dialog asks for the password.
        if (result.keychainAvailable() && result.place == Place::None)
            setFilePlace(Place::None, {}, result);
        if (context)
            done(result);
    });
}

void PasswordStore::moveToKeychain(const AccountStore::Account &account, QObject *context, Callback done)
{
    const QString password = account.configuration.password;
    const bool announced = account.passwordPlace == Place::File;
    run(Op::Write, key(account.configuration.jid), password,
        [this, password, announced, context = QPointer(context), done = std::move(done)](Result result) {
        result.password = password;
        if (result.keychainAvailable()) {
                // docs/SECURITY.md rule 12: where a keychain exists the password belongs there, and the
                // plain copy goes (also one the user agreed to while there was no keychain).
            setFilePlace(Place::Keychain, {}, result);
            result.place = Place::Keychain;
            result.movedToKeychain = true;
        } else {
            result.place = Place::File;
                // An older Xin wrote it without asking: tell the user once, and mark it told.
            if (!announced) {
                result.plainFileNotice = true;
                setFilePlace(Place::File, password, result);
            }
        }
        if (context)
            done(result);
    });
}

void PasswordStore::save(const Jid &account, const QString &password, bool fileConsent, QObject *context, Callback done)
{
    run(Op::Write, key(account), password,
        [this, password, fileConsent, context = QPointer(context), done = std::move(done)](Result result) {
        if (result.keychainAvailable()) {
            result.place = Place::Keychain;
            setFilePlace(Place::Keychain, {}, result);
        } else if (fileConsent) {
                // docs/SECURITY.md rule 12: the profile file only with the user's consent, mode 0600.
            result.place = Place::File;
            setFilePlace(Place::File, password, result);
        } else {
            setFilePlace(Place::None, {}, result);
        }
        if (context)
            done(result);
    });
}

void PasswordStore::forget(const Jid &account, Scope scope, QObject *context, Callback done)
{
    run(Op::Delete, key(account), {},
        [this, scope, context = QPointer(context), done = std::move(done)](Result result) {
        if (scope == Scope::Everywhere)
            setFilePlace(Place::None, {}, result);
        if (context)
            done(result);
    });
}

void PasswordStore::probe(QObject *context, Callback done)
{
    run(Op::Read, u"Xin keychain probe"_s, {}, [context = QPointer(context), done = std::move(done)](Result result) {
        result.place = Place::None;
        result.password.clear();
        if (context)
            done(result);
    });
}

void PasswordStore::setFilePlace(Place place, const QString &password, Result &result)
{
    QString error;
    if (AccountStore::setPasswordPlace(m_profileDir, place, password, &error))
        return;
    qCWarning(lcPasswords) << "the password's place was not saved:" << error;   // names the file only
    result.fileError = error;
    if (place == Place::File)
        result.place = Place::None;
}

void PasswordStore::run(Op op, const QString &key, const QString &password, std::function<void(Result)> finished)
{
    QKeychain::Job *job = nullptr;
    switch (op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(service());
        break;
    case Op::Write: {
        auto *write = new QKeychain::WritePasswordJob(service());
        write->setTextData(password);
        job = write;
        break;
    }
    case Op::Delete:
        job = new QKeychain::DeletePasswordJob(service());
        break;
    }
    job->setKey(key);
    // Never QtKeychain's own fallback, a plain QSettings file made without asking: ours asks first and is
    // mode 0600 (docs/SECURITY.md rule 12).
    job->setInsecureFallback(false);
    // Parentless and deleting itself when done: a backend's callback may still arrive after whoever asked
    // is gone, and must find its job alive. The connection ends with this store.
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [op, finished = std::move(finished)](QKeychain::Job *job) {
        Result result;
        switch (job->error()) {
        case QKeychain::NoError:
            if (op == Op::Read) {
                result.place = Place::Keychain;
                result.password = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
            }
            break;
        case QKeychain::EntryNotFound:
            break;   // the keychain answered: nothing to read, or to delete
        default:
            // No backend, no Secret Service on the bus, a locked or refused keychain: not usable now.
            result.keychainError = job->errorString().isEmpty() ? tr("unknown error") : job->errorString();
            break;
        }
        finished(std::move(result));
    });
    job->start();
}
