// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/AccountStore.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A throw-away self-signed CA, key discarded (openssl req -x509 -newkey ec -nodes -subj "/CN=Xin Test CA").
const char testCaPem[] = R"(-----BEGIN CERTIFICATE-----
MIIBhDCCASmgAwIBAgIUIhCHAbOPnVWPNPUDduVSBhLHYsUwCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLWGluIFRlc3QgQ0EwIBcNMjYxMTI0MDQ1MzI4WhgPMjEyNjEw
MzEwNDUzMjhaMBYxFDASBgNVBAMMC1hpbiBUZXN0IENBMFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEoEL1GMbq0z/ix46PDJNmMpzMJVATKkx7oK+VcB7lzz0KWqvG
t4JMjIkTZBzz2EvN0ZhOsTu8EPJeH/PuWDuXs6NTMFEwHQYDVR0OBBYEFLz0b07n
JdPkYJKIEpM1lWODNtaIMB8GA1UdIwQYMBaAFLz0b07nJdPkYJKIEpM1lWODNtaI
MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAJ3+3O1xCof3V3BO
uSN/DBlIjWfEbkxoIqLKb6ONWkj0AiEAnwq099Z8SEPc6x4HvDH8OU4/E1denhrz
kgMoCg8mWZ0=
-----END CERTIFICATE-----
)";

AccountStore::Account sampleAccount()
{
    AccountStore::Account account;
    account.configuration.jid = Jid::fromString(u"小明@example.org"_s);
    account.configuration.password = u"p@ss=w0rd;[x]"_s;
    account.configuration.resource = u"笔记本"_s;
    account.configuration.host = u"xmpp.example.net"_s;
    account.configuration.port = 5223;
    account.configuration.securityMode = ConnectionConfiguration::SecurityMode::Required;
    account.configuration.directTls = true;
    account.configuration.saslPin = u"SCRAM-SHA-256-PLUS"_s;
    account.autoLogin = true;
    return account;
}

void writeRaw(const QString &profileDir, const QByteArray &ini)
{
    QFile file(AccountStore::filePath(profileDir));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(ini);
}

}   // namespace

class tst_AccountStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void noFileIsNoAccountAndNoError()
    {
        QTemporaryDir dir;
        QString error = u"stale"_s;
        QVERIFY(!AccountStore::load(dir.path(), &error));
        QVERIFY(error.isEmpty());
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const auto account = sampleAccount();
        QString error;
        QVERIFY2(AccountStore::save(dir.path(), account, true, &error), qPrintable(error));

        const auto loaded = AccountStore::load(dir.path(), &error);
        QVERIFY2(loaded, qPrintable(error));
        const auto &config = loaded->configuration;
        QCOMPARE(config.jid, account.configuration.jid);
        QCOMPARE(config.password, account.configuration.password);
        QCOMPARE(config.resource, account.configuration.resource);
        QCOMPARE(config.host, account.configuration.host);
        QCOMPARE(config.port, account.configuration.port);
        QCOMPARE(config.securityMode, account.configuration.securityMode);
        QCOMPARE(config.directTls, true);
        QCOMPARE(config.saslPin, u"SCRAM-SHA-256-PLUS"_s);
        QCOMPARE(loaded->autoLogin, true);
        QVERIFY(loaded->caFile.isEmpty());
    }

    void defaultsWhenKeysAreAbsent()
    {
        QTemporaryDir dir;
        writeRaw(dir.path(), "[account]\njid=bob@example.org\n");
        QString error;
        const auto loaded = AccountStore::load(dir.path(), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->configuration.securityMode, ConnectionConfiguration::SecurityMode::Required);
        QCOMPARE(loaded->configuration.port, quint16(0));
        QVERIFY(loaded->configuration.host.isEmpty());
        QVERIFY(!loaded->configuration.directTls);
        QVERIFY(!loaded->autoLogin);
        QVERIFY(!loaded->hasPassword());
    }

    void optionalTlsOnlyForLoopback_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<bool>("loads");
        QTest::newRow("ifpossible, remote domain")
            << "[account]\njid=bob@example.org\nsecurity=ifpossible\n"_ba << false;
        QTest::newRow("ifpossible, remote host")
            << "[account]\njid=bob@localhost\nhost=xmpp.example.org\nsecurity=ifpossible\n"_ba << false;
        QTest::newRow("disabled, remote domain") << "[account]\njid=bob@example.org\nsecurity=disabled\n"_ba << false;
        QTest::newRow("ifpossible, loopback host")
            << "[account]\njid=bob@example.org\nhost=127.0.0.1\nsecurity=ifpossible\n"_ba << true;
        QTest::newRow("ifpossible, localhost domain")
            << "[account]\njid=bob@localhost\nsecurity=ifpossible\n"_ba << true;
        QTest::newRow("required, remote") << "[account]\njid=bob@example.org\nsecurity=required\n"_ba << true;
    }

    void optionalTlsOnlyForLoopback()
    {
        // Issue 13, finding 3: an older profile with security=ifpossible for a remote server must not sign in
        // with optional TLS (docs/SECURITY.md rule 1); the error names the key and the way out.
        QFETCH(QByteArray, ini);
        QFETCH(bool, loads);
        QTemporaryDir dir;
        writeRaw(dir.path(), ini);
        QString error;
        const auto loaded = AccountStore::load(dir.path(), &error);
        QCOMPARE(loaded.has_value(), loads);
        if (!loads) {
            QVERIFY2(error.contains(u"security=") && error.contains(u"security=required")
                         && error.contains(u"account.ini"),
                     qPrintable(error));
        }
    }

    void passwordNotWrittenWithoutConsent()
    {
        QTemporaryDir dir;
        QVERIFY(AccountStore::save(dir.path(), sampleAccount(), false));

        QFile file(AccountStore::filePath(dir.path()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(!contents.contains("password"));
        QVERIFY(!contents.contains("w0rd"));
        QVERIFY(!AccountStore::load(dir.path())->hasPassword());
    }

    void withdrawingConsentRemovesThePassword()
    {
        QTemporaryDir dir;
        QVERIFY(AccountStore::save(dir.path(), sampleAccount(), true));
        QVERIFY(AccountStore::load(dir.path())->hasPassword());
        QVERIFY(AccountStore::save(dir.path(), sampleAccount(), false));
        QVERIFY(!AccountStore::load(dir.path())->hasPassword());

        QVERIFY(AccountStore::save(dir.path(), sampleAccount(), true));
        QVERIFY(AccountStore::forgetPassword(dir.path()));
        QVERIFY(!AccountStore::load(dir.path())->hasPassword());
    }

    void passwordPlaceIsMarked()
    {
        using Place = AccountStore::PasswordPlace;
        QTemporaryDir dir;
        QVERIFY(AccountStore::save(dir.path(), sampleAccount(), true));
        QCOMPARE(AccountStore::load(dir.path())->passwordPlace, Place::File);

        // A password line without the mark is an older Xin's: moved or announced by PasswordStore.
        writeRaw(dir.path(), "[account]\njid=a@b.org\npassword=pw\n");
        QCOMPARE(AccountStore::load(dir.path())->passwordPlace, Place::LegacyFile);

        // In the keychain: only the mark is in the file, and saving the account keeps it.
        QVERIFY(AccountStore::setPasswordPlace(dir.path(), Place::Keychain));
        QFile file(AccountStore::filePath(dir.path()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY2(!contents.contains("password=") && contents.contains("passwordIn=keychain"), contents.constData());
        QVERIFY(AccountStore::save(dir.path(), sampleAccount(), false));
        auto loaded = AccountStore::load(dir.path());
        QCOMPARE(loaded->passwordPlace, Place::Keychain);
        QVERIFY(!loaded->hasPassword());

        QVERIFY(AccountStore::forgetPassword(dir.path()));
        QCOMPARE(AccountStore::load(dir.path())->passwordPlace, Place::None);
    }

    void fileIsPrivate()
    {
#ifdef Q_OS_WIN
        QSKIP("Unix permissions");
#endif
        QTemporaryDir dir;
        const QString profile = dir.filePath(u"new/profile"_s);
        QVERIFY(AccountStore::save(profile, sampleAccount(), true));
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                          | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        const auto mode = QFile::permissions(AccountStore::filePath(profile));
        QVERIFY(mode & QFileDevice::ReadOwner);
        QVERIFY(mode & QFileDevice::WriteOwner);
        QVERIFY(!(mode & others));
        QVERIFY(!(QFile::permissions(profile) & others));

        // A world-readable file from an earlier version is tightened on the next save and on load.
        QFile::setPermissions(AccountStore::filePath(profile),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY(AccountStore::load(profile));
        QVERIFY(!(QFile::permissions(AccountStore::filePath(profile)) & others));
        QFile::setPermissions(AccountStore::filePath(profile),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY(AccountStore::save(profile, sampleAccount(), true));
        QVERIFY(!(QFile::permissions(AccountStore::filePath(profile)) & others));
    }

    void caFileIsLoadedRelativeToTheProfile()
    {
        QTemporaryDir dir;
        QFile pem(dir.filePath(u"ca.pem"_s));
        QVERIFY(pem.open(QIODevice::WriteOnly));
        pem.write(testCaPem);
        pem.close();

        auto account = sampleAccount();
        account.caFile = u"ca.pem"_s;
        QVERIFY(AccountStore::save(dir.path(), account, false));
        QString error;
        const auto loaded = AccountStore::load(dir.path(), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->caFile, u"ca.pem"_s);
        QCOMPARE(loaded->configuration.extraCaCertificates.size(), 1);
    }

    void badValues_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no jid") << QByteArray("[account]\nhost=example.org\n") << u"jid"_s;
        QTest::newRow("bad jid") << QByteArray("[account]\njid=alice@\n") << u"alice@"_s;
        QTest::newRow("port text") << QByteArray("[account]\njid=a@b.org\nport=http\n") << u"port"_s;
        QTest::newRow("port zero") << QByteArray("[account]\njid=a@b.org\nport=0\n") << u"port"_s;
        QTest::newRow("port high") << QByteArray("[account]\njid=a@b.org\nport=70000\n") << u"70000"_s;
        QTest::newRow("security") << QByteArray("[account]\njid=a@b.org\nsecurity=none\n") << u"security"_s;
        QTest::newRow("directTls") << QByteArray("[account]\njid=a@b.org\ndirectTls=ture\n") << u"directTls"_s;
        QTest::newRow("autoLogin") << QByteArray("[account]\njid=a@b.org\nautoLogin=yes\n") << u"autoLogin"_s;
        QTest::newRow("caFile") << QByteArray("[account]\njid=a@b.org\ncaFile=/nonexistent/ca.pem\n")
                                << u"/nonexistent/ca.pem"_s;
    }

    void badValues()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        writeRaw(dir.path(), ini);
        QString error;
        QVERIFY(!AccountStore::load(dir.path(), &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY2(error.contains(u"account.ini"_s), qPrintable(error));
    }

    void savingWithoutJidFails()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!AccountStore::save(dir.path(), AccountStore::Account{}, true, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(AccountStore::filePath(dir.path())));
    }
};

QTEST_GUILESS_MAIN(tst_AccountStore)
#include "tst_accountstore.moc"
