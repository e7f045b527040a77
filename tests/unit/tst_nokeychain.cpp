// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The remembered password on a computer without a keychain (docs/SECURITY.md rule 12): the session bus points
// nowhere, so QtKeychain's Secret Service backend cannot answer. tst_keychain covers a real keychain.
#include "PasswordTestUtils.h"

#include "storage/AccountStore.h"
#include "storage/PasswordStore.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace PasswordTestUtils;
using Place = AccountStore::PasswordPlace;

namespace {
const QString secret = u"秘密 p@ss=w0rd;[x]"_s;
}

class tst_NoKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Before the first keychain job: GLib keeps the first session-bus connection it makes. A bus address
        // that leads nowhere, and the Secret Service backend even on a KDE desktop.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/xin-test-no-bus");
        qputenv("QTKEYCHAIN_BACKEND", "libsecret");
    }

    void probeFindsNoKeychain()
    {
        QTemporaryDir dir;
        PasswordStore store(dir.path());
        const auto result = wait([&](auto done) { store.probe(this, done); });
        QVERIFY(result);
        QVERIFY(!result->keychainAvailable());
    }

    void withoutConsentNothingIsSaved()
    {
        QTemporaryDir dir;
        const auto saved = account();
        QVERIFY(AccountStore::save(dir.path(), saved, false));
        PasswordStore store(dir.path());
        LogCollector log;

        const auto result = wait([&](auto done) { store.save(saved.configuration.jid, secret, false, this, done); });
        QVERIFY(result);
        QCOMPARE(result->place, Place::None);
        QVERIFY(!result->keychainError.isEmpty());   // the reason the user is told
        const QByteArray ini = fileContents(dir.path());
        QVERIFY2(!ini.contains("w0rd") && !ini.contains("password"), ini.constData());
        QCOMPARE(AccountStore::load(dir.path())->passwordPlace, Place::None);
        QVERIFY(!log.all().contains(u"w0rd"_s));
    }

    void withConsentTheProfileFileHoldsIt()
    {
        QTemporaryDir dir;
        const auto saved = account();
        QVERIFY(AccountStore::save(dir.path(), saved, false));
        PasswordStore store(dir.path());
        LogCollector log;

        const auto result = wait([&](auto done) { store.save(saved.configuration.jid, secret, true, this, done); });
        QVERIFY(result);
        QCOMPARE(result->place, Place::File);
        const QByteArray ini = fileContents(dir.path());
        QVERIFY2(ini.contains("passwordIn=file"), ini.constData());
#ifndef Q_OS_WIN
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                          | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QVERIFY(!(QFile::permissions(AccountStore::filePath(dir.path())) & others));
#endif
        const auto loaded = AccountStore::load(dir.path());
        QCOMPARE(loaded->passwordPlace, Place::File);
        const auto read = wait([&](auto done) { store.load(*loaded, this, done); });
        QCOMPARE(read->place, Place::File);
        QCOMPARE(read->password, secret);
        QVERIFY(!read->plainFileNotice);   // the user chose it: nothing to announce
        QVERIFY(!log.all().contains(u"w0rd"_s));

        // Unticking "Remember password" removes it from the file.
        QVERIFY(wait(
            [&](auto done) { store.forget(saved.configuration.jid, PasswordStore::Scope::Everywhere, this, done); }));
        QVERIFY(!fileContents(dir.path()).contains("password"));
    }

    void olderXinsPasswordStaysAndIsAnnouncedOnce()
    {
        QTemporaryDir dir;
        writeRaw(dir.path(), "[account]\njid=a@example.org\npassword=old-plain-pw\nautoLogin=true\n");
        PasswordStore store(dir.path());

        auto loaded = AccountStore::load(dir.path());
        QCOMPARE(loaded->passwordPlace, Place::LegacyFile);
        auto result = wait([&](auto done) { store.load(*loaded, this, done); });
        QVERIFY(result);
        QCOMPARE(result->place, Place::File);
        QCOMPARE(result->password, u"old-plain-pw"_s);   // auto-login still works
        QVERIFY(result->plainFileNotice);
        QVERIFY(!result->movedToKeychain);
        QVERIFY(!result->keychainAvailable());

        // Told once: the next start says nothing more.
        loaded = AccountStore::load(dir.path());
        QCOMPARE(loaded->passwordPlace, Place::File);
        result = wait([&](auto done) { store.load(*loaded, this, done); });
        QCOMPARE(result->password, u"old-plain-pw"_s);
        QVERIFY(!result->plainFileNotice);
    }

    void keychainMarkWithoutKeychainSaysWhy()
    {
        QTemporaryDir dir;
        writeRaw(dir.path(), "[account]\njid=a@example.org\npasswordIn=keychain\nautoLogin=true\n");
        PasswordStore store(dir.path());
        const auto loaded = AccountStore::load(dir.path());
        QCOMPARE(loaded->passwordPlace, Place::Keychain);
        const auto result = wait([&](auto done) { store.load(*loaded, this, done); });
        QVERIFY(result);
        QCOMPARE(result->place, Place::None);
        QVERIFY(result->password.isEmpty());
        QVERIFY(!result->keychainError.isEmpty());
        // The keychain may be back at the next start: the mark stays.
        QVERIFY(fileContents(dir.path()).contains("passwordIn=keychain"));
    }
};

QTEST_GUILESS_MAIN(tst_NoKeychain)
#include "tst_nokeychain.moc"
