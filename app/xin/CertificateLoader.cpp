// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CertificateLoader.h"

#include <QSslSocket>
#include <QThread>

#include <utility>

CertificateLoader::CertificateLoader(const QString &profileDir, const AccountStore::Account &account, Start when,
                                     QObject *parent)
    : QObject(parent)
    , m_account(account)
{
    m_thread.reset(QThread::create([this, profileDir] {
        QSslSocket::supportsSsl();   // loads and initialises the TLS backend even without a CA file
        m_ok = AccountStore::loadCertificates(profileDir, m_account, &m_error);
    }));
    m_thread->setObjectName(QStringLiteral("xin-certificates"));
    // Queued to this object's thread: the members are read there only once the worker has ended.
    connect(m_thread.get(), &QThread::finished, this, [this] {
        m_finished = true;
        Q_EMIT finished();
    });
    if (when == Start::Now)
        start();
}

void CertificateLoader::start()
{
    if (!std::exchange(m_started, true))
        m_thread->start();
}

CertificateLoader::~CertificateLoader()
{
    if (m_started)
        m_thread->wait();
}
