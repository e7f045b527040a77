// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "storage/AccountStore.h"

#include <QObject>

#include <memory>

class QThread;

/// Reads an account's extra CA file on a worker thread, and with it starts the TLS library: on a slow
/// machine that first use of OpenSSL and the system's certificates takes longer than building and painting
/// the whole main window, which it would otherwise delay. The sign-in waits for finished().
class CertificateLoader : public QObject
{
    Q_OBJECT
public:
    /// Starts at once, or at start(); @p account's caFile (relative to @p profileDir) may be empty.
    enum class Start { Now, Later };
    CertificateLoader(const QString &profileDir, const AccountStore::Account &account, Start when = Start::Now,
                      QObject *parent = nullptr);
    /// Waits for the worker: it must not outlive what it writes to.
    ~CertificateLoader() override;

    /// Starts the worker if it has not started yet.
    void start();
    bool isFinished() const { return m_finished; }
    /// After finished(): the account with its certificates, or the error that the CA file caused.
    const AccountStore::Account &account() const { return m_account; }
    bool ok() const { return m_ok; }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    AccountStore::Account m_account;   // written by the worker until it ends, then read here only
    bool m_ok = false;
    QString m_error;
    bool m_finished = false;
    std::unique_ptr<QThread> m_thread;
    bool m_started = false;
};
