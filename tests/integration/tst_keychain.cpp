// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The remembered password in a real OS keychain (docs/SECURITY.md rule 12): QtKeychain through libsecret to a
// private gnome-keyring-daemon on a private D-Bus (KeychainService). tst_nokeychain covers the computer
// without one.
#include "KeychainService.h"
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
const QString noItem = u"(no such item in the keychain)"_s;
}

class tst_Keychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        // Never skipped: without a Secret Service this test fails and says what is missing.
        QVERIFY2(m_service.start(&error), qPrintable(u"no keychain service for the test: "_s + error));
    }

    void cleanupTestCase() { m_service.stop(); }

    void probeFindsTheKeychain()
    {
        QTemporaryDir dir;
        PasswordStore store(dir.path());
        const auto result = wait([&](auto done) { store.probe(this, done); });
        QVERIFY(result);
        QVERIFY2(result->keychainAvailable(), qPrintable(result->keychainError));
    }

    void savesInTheKeychainNotTheFile()
    {
        QTemporaryDir dir;
        const auto saved = account();
        QVERIFY(AccountStore::save(dir.path(), saved, false));
        PasswordStore store(dir.path());
        LogCollector log;

        const auto result = wait([&](auto done) { store.save(saved.configuration.jid, secret, false, this, done); });
        QVERIFY(result);
        QCOMPARE(result->place, Place::Keychain);
        QVERIFY2(result->keychainAvailable(), qPrintable(result->keychainError));

        // In the keychain, as another program sees it, under the documented service and key.
        const QString key = u"小明@example.org "_s + QDir(dir.path()).absolutePath();
        QCOMPARE(store.key(saved.configuration.jid), key);
        QCOMPARE(m_service.lookup(u"Xin"_s, key).value_or(noItem), secret);
        // Not in the profile: only the mark.
        const QByteArray ini = fileContents(dir.path());
        QVERIFY2(!ini.contains("w0rd") && !ini.contains("password="), ini.constData());
        QVERIFY(ini.contains("passwordIn=keychain"));

        // Read back at the next start.
        const auto loaded = AccountStore::load(dir.path());
        QVERIFY(loaded);
        QCOMPARE(loaded->passwordPlace, Place::Keychain);
        QVERIFY(!loaded->hasPassword());
        const auto read = wait([&](auto done) { store.load(*loaded, this, done); });
        QVERIFY(read);
        QCOMPARE(read->place, Place::Keychain);
        QCOMPARE(read->password, secret);
        QVERIFY(!log.all().contains(u"w0rd"_s));
    }

    void plainPasswordMovesIntoTheKeychain_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::newRow("older Xin") << QByteArray(
            "[account]\njid=a@example.org\npassword=old-plain-pw\nautoLogin=true\n");
        QTest::newRow("agreed, no keychain then")
            << QByteArray("[account]\njid=a@example.org\npassword=old-plain-pw\npasswordIn=file\n");
    }

    void plainPasswordMovesIntoTheKeychain()
    {
        QFETCH(QByteArray, ini);
        QTemporaryDir dir;
        writeRaw(dir.path(), ini);
        const auto loaded = AccountStore::load(dir.path());
        QVERIFY(loaded);
        QVERIFY(loaded->hasPassword());

        PasswordStore store(dir.path());
        LogCollector log;
        const auto result = wait([&](auto done) { store.load(*loaded, this, done); });
        QVERIFY(result);
        QCOMPARE(result->place, Place::Keychain);
        QVERIFY(result->movedToKeychain);
        QVERIFY(!result->plainFileNotice);
        QCOMPARE(result->password, u"old-plain-pw"_s);

        QCOMPARE(m_service.lookup(u"Xin"_s, store.key(loaded->configuration.jid)).value_or(noItem), u"old-plain-pw"_s);
        const QByteArray after = fileContents(dir.path());
        QVERIFY2(!after.contains("old-plain-pw") && !after.contains("password="), after.constData());
        QVERIFY(after.contains("passwordIn=keychain"));
        QVERIFY(after.contains("jid=a@example.org"));
        QVERIFY(!log.all().contains(u"old-plain-pw"_s));

        // The next start reads it from the keychain.
        const auto again = AccountStore::load(dir.path());
        QCOMPARE(again->passwordPlace, Place::Keychain);
        const auto read = wait([&](auto done) { store.load(*again, this, done); });
        QCOMPARE(read->password, u"old-plain-pw"_s);
        QVERIFY(!read->movedToKeychain);
    }

    void forgettingDeletesTheKeychainItem()
    {
        QTemporaryDir dir;
        const auto saved = account();
        QVERIFY(AccountStore::save(dir.path(), saved, false));
        PasswordStore store(dir.path());
        const Jid jid = saved.configuration.jid;
        QVERIFY(wait([&](auto done) { store.save(jid, secret, false, this, done); }));
        QVERIFY(m_service.lookup(u"Xin"_s, store.key(jid)));

        const auto result = wait([&](auto done) { store.forget(jid, PasswordStore::Scope::Everywhere, this, done); });
        QVERIFY(result);
        QVERIFY2(result->keychainAvailable(), qPrintable(result->keychainError));
        QCOMPARE(m_service.lookup(u"Xin"_s, store.key(jid)).value_or(noItem), noItem);
        QVERIFY(!fileContents(dir.path()).contains("passwordIn"));
        QCOMPARE(AccountStore::load(dir.path())->passwordPlace, Place::None);
    }

    void keyIsPerAccountAndProfile()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        const Jid alice = Jid::fromString(u"alice@example.org"_s);
        const Jid bob = Jid::fromString(u"bob@example.org"_s);
        PasswordStore one(first.path());
        PasswordStore two(second.path());
        QVERIFY(AccountStore::save(first.path(), account(u"alice@example.org"_s), false));
        QVERIFY(AccountStore::save(second.path(), account(u"alice@example.org"_s), false));
        QVERIFY(wait([&](auto done) { one.save(alice, u"first"_s, false, this, done); }));
        QVERIFY(wait([&](auto done) { two.save(alice, u"second"_s, false, this, done); }));
        QVERIFY(wait([&](auto done) { one.save(bob, u"bob's"_s, false, this, done); }));
        QCOMPARE(m_service.lookup(u"Xin"_s, one.key(alice)).value_or(noItem), u"first"_s);
        QCOMPARE(m_service.lookup(u"Xin"_s, two.key(alice)).value_or(noItem), u"second"_s);

        // Another account signing in to the first profile takes away alice's item there only.
        QVERIFY(wait([&](auto done) { one.forget(alice, PasswordStore::Scope::KeychainOnly, this, done); }));
        QCOMPARE(m_service.lookup(u"Xin"_s, one.key(alice)).value_or(noItem), noItem);
        QCOMPARE(m_service.lookup(u"Xin"_s, two.key(alice)).value_or(noItem), u"second"_s);
        QCOMPARE(m_service.lookup(u"Xin"_s, one.key(bob)).value_or(noItem), u"bob's"_s);
        // KeychainOnly leaves the profile's mark (bob's, now) alone.
        QVERIFY(fileContents(first.path()).contains("passwordIn=keychain"));
    }

    void itemRemovedElsewhereClearsTheMark()
    {
        QTemporaryDir dir;
        const auto saved = account();
        QVERIFY(AccountStore::save(dir.path(), saved, false));
        PasswordStore store(dir.path());
        QVERIFY(wait([&](auto done) { store.save(saved.configuration.jid, secret, false, this, done); }));
        QVERIFY(m_service.clear(u"Xin"_s, store.key(saved.configuration.jid)));

        const auto loaded = AccountStore::load(dir.path());
        QCOMPARE(loaded->passwordPlace, Place::Keychain);
        const auto result = wait([&](auto done) { store.load(*loaded, this, done); });
        QVERIFY(result);
        QCOMPARE(result->place, Place::None);
        QVERIFY(result->password.isEmpty());
        QVERIFY(result->keychainAvailable());
        QCOMPARE(AccountStore::load(dir.path())->passwordPlace, Place::None);
    }

private:
    KeychainService m_service;
};

QTEST_GUILESS_MAIN(tst_Keychain)
#include "tst_keychain.moc"
