// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "storage/AccountStore.h"
#include "storage/PasswordStore.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStringList>
#include <QTest>

#include <functional>
#include <optional>

/// Helpers shared by the keychain tests (with and without a keychain service).
namespace PasswordTestUtils {

using namespace Qt::StringLiterals;

inline AccountStore::Account account(const QString &jid = u"小明@example.org"_s)
{
    AccountStore::Account account;
    account.configuration.jid = Jid::fromString(jid);
    account.autoLogin = true;
    return account;
}

/// Runs one asynchronous PasswordStore call and waits for its result, the event loop running meanwhile.
inline std::optional<PasswordStore::Result> wait(const std::function<void(PasswordStore::Callback)> &call,
                                                 int timeoutMs = 30000)
{
    std::optional<PasswordStore::Result> result;
    call([&result](const PasswordStore::Result &r) { result = r; });
    QDeadlineTimer deadline(timeoutMs);
    while (!result && !deadline.hasExpired())
        QTest::qWait(10);
    return result;
}

inline QByteArray fileContents(const QString &profileDir)
{
    QFile file(AccountStore::filePath(profileDir));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline void writeRaw(const QString &profileDir, const QByteArray &ini)
{
    QFile file(AccountStore::filePath(profileDir));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(ini);
}

/// Collects every message logged while it lives, to check that no secret reaches a log.
class LogCollector
{
public:
    LogCollector()
    {
        s_messages.clear();
        s_previous = qInstallMessageHandler(&LogCollector::handle);
    }
    ~LogCollector() { qInstallMessageHandler(s_previous); }
    QString all() const { return s_messages.join(u'\n'); }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        s_messages.append(message);
        if (s_previous)
            s_previous(type, context, message);
    }
    static inline QStringList s_messages;
    static inline QtMessageHandler s_previous = nullptr;
};

}   // namespace PasswordTestUtils
