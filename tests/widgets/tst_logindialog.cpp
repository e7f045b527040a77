// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "login/LoginDialog.h"

#include "common/MessageLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using SecurityMode = ConnectionConfiguration::SecurityMode;

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

template <typename T>
T *child(QWidget &parent, const QString &name)
{
    auto *widget = parent.findChild<T *>(name);
    if (!widget)
        qFatal("no child %s", qPrintable(name));
    return widget;
}

bool isItemEnabled(QComboBox *combo, SecurityMode mode)
{
    const int index = combo->findData(int(mode));
    return combo->model()->flags(combo->model()->index(index, 0)) & Qt::ItemIsEnabled;
}

}   // namespace

class tst_LoginDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dialog = std::make_unique<LoginDialog>();
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }
    void cleanup() { m_dialog.reset(); }

    void startsDisabled() { QVERIFY(!button()->isEnabled()); }

    void invalidJidShowsTheReasonAndBlocksLogin()
    {
        QSignalSpy login(m_dialog.get(), &LoginDialog::loginRequested);
        QTest::keyClicks(password(), u"secret"_s);

        const QString bad = u"alice@exa mple.org"_s;
        QString reason;
        QVERIFY(!Jid::parse(bad, &reason));
        jid()->setText(bad);
        auto *error = child<MessageLabel>(*m_dialog, u"jidError"_s);
        QVERIFY(error->isVisible());
        QVERIFY(!error->text().isEmpty());
        QVERIFY2(error->text().contains(reason), qPrintable(error->text()));   // the parser's specific reason
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QVERIFY(!button()->isEnabled());
        QTest::mouseClick(button(), Qt::LeftButton);
        QTest::keyClick(password(), Qt::Key_Return);
        QCOMPARE(login.count(), 0);

        jid()->setText(u"example.org"_s);   // a valid JID, but not an account
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(u"example.org"_s));
        QVERIFY(!button()->isEnabled());

        jid()->setText(u"小明@example.org"_s);
        QVERIFY(!error->isVisible());
        QVERIFY(button()->isEnabled());
        QTest::mouseClick(button(), Qt::LeftButton);
        QCOMPARE(login.count(), 1);
    }

    void emptyPasswordIsReportedOnceTouched()
    {
        jid()->setText(u"alice@example.org"_s);
        auto *error = child<MessageLabel>(*m_dialog, u"passwordError"_s);
        QVERIFY(!error->isVisible());   // no scolding before the user got there
        QVERIFY(!button()->isEnabled());
        QTest::keyClicks(password(), u"x"_s);
        QVERIFY(button()->isEnabled());
        QTest::keyClick(password(), Qt::Key_Backspace);
        QVERIFY(error->isVisible());
        QVERIFY(!button()->isEnabled());
    }

    void portMustBeInRange_data()
    {
        QTest::addColumn<QString>("port");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("5223") << u"5223"_s << true;
        QTest::newRow("65535") << u"65535"_s << true;
        QTest::newRow("0") << u"0"_s << false;
        QTest::newRow("65536") << u"65536"_s << false;
        QTest::newRow("text") << u"http"_s << false;
        QTest::newRow("negative") << u"-1"_s << false;
    }
    void portMustBeInRange()
    {
        QFETCH(QString, port);
        QFETCH(bool, valid);
        fillValid();
        child<QLineEdit>(*m_dialog, u"portEdit"_s)->setText(port);
        QCOMPARE(button()->isEnabled(), valid);
        QCOMPARE(child<MessageLabel>(*m_dialog, u"portError"_s)->text().isEmpty(), valid);
    }

    void disabledSecurityOnlyForLoopback_data()
    {
        QTest::addColumn<QString>("jid");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("remote domain") << u"a@example.org"_s << QString() << false;
        QTest::newRow("remote host") << u"a@localhost"_s << u"xmpp.example.org"_s << false;
        QTest::newRow("private address") << u"a@example.org"_s << u"10.0.0.1"_s << false;
        QTest::newRow("127.0.0.1") << u"a@example.org"_s << u"127.0.0.1"_s << true;
        QTest::newRow("::1") << u"a@example.org"_s << u"::1"_s << true;
        QTest::newRow("localhost host") << u"a@example.org"_s << u"localhost"_s << true;
        QTest::newRow("localhost domain") << u"a@localhost"_s << QString() << true;
    }
    void disabledSecurityOnlyForLoopback()
    {
        QFETCH(QString, jid);
        QFETCH(QString, host);
        QFETCH(bool, allowed);
        this->jid()->setText(jid);
        child<QLineEdit>(*m_dialog, u"hostEdit"_s)->setText(host);
        auto *security = child<QComboBox>(*m_dialog, u"securityCombo"_s);
        QCOMPARE(isItemEnabled(security, SecurityMode::Disabled), allowed);
        // docs/SECURITY.md rule 1: optional encryption, too, only on this computer (issue 13, finding 3).
        QCOMPARE(isItemEnabled(security, SecurityMode::IfPossible), allowed);
    }

    void leavingLoopbackRevertsToRequired()
    {
        fillValid();
        auto *host = child<QLineEdit>(*m_dialog, u"hostEdit"_s);
        auto *security = child<QComboBox>(*m_dialog, u"securityCombo"_s);
        host->setText(u"127.0.0.1"_s);
        security->setCurrentIndex(security->findData(int(SecurityMode::Disabled)));
        QCOMPARE(m_dialog->configuration().securityMode, SecurityMode::Disabled);
        host->setText(u"xmpp.example.org"_s);
        QCOMPARE(m_dialog->configuration().securityMode, SecurityMode::Required);
    }

    void producesTheConfiguration()
    {
        QTemporaryDir dir;
        const QString caPath = dir.filePath(u"ca.pem"_s);
        QFile pem(caPath);
        QVERIFY(pem.open(QIODevice::WriteOnly));
        pem.write(testCaPem);
        pem.close();

        jid()->setText(u"小明@Example.org"_s);   // QTest::keyClicks() types ASCII only
        password()->setText(u"密码 secret"_s);
        child<QLineEdit>(*m_dialog, u"hostEdit"_s)->setText(u" localhost "_s);   // IfPossible: loopback only
        child<QLineEdit>(*m_dialog, u"portEdit"_s)->setText(u"5223"_s);
        auto *security = child<QComboBox>(*m_dialog, u"securityCombo"_s);
        security->setCurrentIndex(security->findData(int(SecurityMode::IfPossible)));
        child<QCheckBox>(*m_dialog, u"directTlsCheck"_s)->setChecked(true);
        child<QLineEdit>(*m_dialog, u"caFileEdit"_s)->setText(caPath);
        child<QCheckBox>(*m_dialog, u"autoLoginCheck"_s)->setChecked(true);
        QVERIFY(button()->isEnabled());

        const ConnectionConfiguration config = m_dialog->configuration();
        QCOMPARE(config.jid, Jid::fromString(u"小明@example.org"_s));
        QCOMPARE(config.password, u"密码 secret"_s);
        QCOMPARE(config.host, u"localhost"_s);
        QCOMPARE(config.port, quint16(5223));
        QCOMPARE(config.securityMode, SecurityMode::IfPossible);
        QVERIFY(config.directTls);
        QCOMPARE(config.extraCaCertificates.size(), 1);
        QCOMPARE(m_dialog->caFile(), caPath);
        QVERIFY(m_dialog->autoLogin());
        QVERIFY(m_dialog->rememberPassword());   // auto sign-in needs the saved password

        child<QCheckBox>(*m_dialog, u"rememberPasswordCheck"_s)->setChecked(false);
        QVERIFY(!m_dialog->autoLogin());
    }

    void badCaFileBlocksLogin()
    {
        fillValid();
        auto *ca = child<QLineEdit>(*m_dialog, u"caFileEdit"_s);
        ca->setText(u"/nonexistent/ca.pem"_s);
        QVERIFY(!button()->isEnabled());
        QVERIFY(!child<MessageLabel>(*m_dialog, u"caFileError"_s)->text().isEmpty());
        ca->clear();
        QVERIFY(button()->isEnabled());
    }

    void setConfigurationFillsTheForm()
    {
        ConnectionConfiguration config;
        config.jid = Jid::fromString(u"bob@example.org"_s);
        config.password = u"pw"_s;
        config.host = u"127.0.0.1"_s;
        config.port = 5222;
        config.securityMode = SecurityMode::Disabled;
        m_dialog->setConfiguration(config, QString());
        const auto back = m_dialog->configuration();
        QCOMPARE(back.jid, config.jid);
        QCOMPARE(back.password, config.password);
        QCOMPARE(back.host, config.host);
        QCOMPARE(back.port, config.port);
        QCOMPARE(back.securityMode, SecurityMode::Disabled);
        QVERIFY(child<QWidget>(*m_dialog, u"serverSettings"_s)->isVisible());   // non-default: shown
    }

    void busyTurnsTheButtonIntoCancel()
    {
        fillValid();
        QSignalSpy cancel(m_dialog.get(), &LoginDialog::cancelRequested);
        QSignalSpy login(m_dialog.get(), &LoginDialog::loginRequested);
        m_dialog->setBusy(true);
        QVERIFY(!jid()->isEnabled());
        QVERIFY(button()->isEnabled());
        QTest::mouseClick(button(), Qt::LeftButton);
        QCOMPARE(cancel.count(), 1);
        QCOMPARE(login.count(), 0);
        m_dialog->setBusy(false);
        QVERIFY(jid()->isEnabled());
    }

    void messagesArePlainText()
    {
        const QString hostile = u"<b>x</b><img src=x>"_s;
        auto *status = child<MessageLabel>(*m_dialog, u"statusLabel"_s);
        m_dialog->showError(hostile);
        QCOMPARE(status->textFormat(), Qt::PlainText);
        QCOMPARE(status->text(), hostile);
        QVERIFY(status->isVisible());
        m_dialog->showProgress(u"Connecting…"_s);
        QCOMPARE(status->kind(), MessageLabel::Kind::Progress);
        m_dialog->clearMessage();
        QVERIFY(!status->isVisible());
    }

    void rememberSaysTheKeychainHoldsIt()
    {
        // docs/SECURITY.md rule 12: the dialog says where a remembered password lives.
        auto *place = child<MessageLabel>(*m_dialog, u"passwordPlaceLabel"_s);
        auto *consent = child<QCheckBox>(*m_dialog, u"passwordFileConsentCheck"_s);
        QVERIFY(!place->isVisible());
        remember()->setChecked(true);
        QVERIFY(place->isVisible());
        QCOMPARE(place->textFormat(), Qt::PlainText);
        QVERIFY2(place->text().contains(u"keychain"_s), qPrintable(place->text()));
        QVERIFY(!consent->isVisible());
        QVERIFY(!m_dialog->passwordFileConsent());
        remember()->setChecked(false);
        QVERIFY(!place->isVisible());
    }

    void withoutKeychainTheFileNeedsConsent()
    {
        QTemporaryDir profile;
        m_dialog->setProfileDir(profile.path());
        m_dialog->setKeychainAvailable(false);
        auto *place = child<MessageLabel>(*m_dialog, u"passwordPlaceLabel"_s);
        auto *consent = child<QCheckBox>(*m_dialog, u"passwordFileConsentCheck"_s);
        QVERIFY(!consent->isVisible());

        remember()->setChecked(true);
        QVERIFY(consent->isVisible());
        QVERIFY(!consent->isChecked());   // never agreed for the user
        QCOMPARE(place->text(), u"No keychain is available on this computer; save the password in the profile "
                                "folder, readable only by you?"_s);
        QVERIFY(!m_dialog->passwordFileConsent());

        QTest::mouseClick(consent, Qt::LeftButton);
        QVERIFY(m_dialog->passwordFileConsent());
        QVERIFY2(place->text().contains(QDir::toNativeSeparators(profile.filePath(u"account.ini"_s))),
                 qPrintable(place->text()));

        // Forgetting the password withdraws the consent with it.
        remember()->setChecked(false);
        QVERIFY(!consent->isVisible());
        QVERIFY(!m_dialog->passwordFileConsent());
        remember()->setChecked(true);
        QVERIFY(!consent->isChecked());

        // A keychain found after all: no question, no file.
        remember()->setChecked(true);
        m_dialog->setKeychainAvailable(true);
        QVERIFY(!consent->isVisible());
        QVERIFY(!m_dialog->passwordFileConsent());
    }

    void savedPasswordDoesNotOverwriteTyping()
    {
        jid()->setText(u"alice@example.org"_s);
        m_dialog->offerSavedPassword(u"from keychain"_s);
        QCOMPARE(password()->text(), u"from keychain"_s);

        init();
        QTest::keyClicks(password(), u"typed"_s);
        m_dialog->offerSavedPassword(u"from keychain"_s);
        QCOMPARE(password()->text(), u"typed"_s);
    }

private:
    QCheckBox *remember() { return child<QCheckBox>(*m_dialog, u"rememberPasswordCheck"_s); }
    QLineEdit *jid() { return child<QLineEdit>(*m_dialog, u"jidEdit"_s); }
    QLineEdit *password() { return child<QLineEdit>(*m_dialog, u"passwordEdit"_s); }
    QPushButton *button() { return child<QPushButton>(*m_dialog, u"loginButton"_s); }
    void fillValid()
    {
        jid()->setText(u"alice@example.org"_s);
        password()->setText(u"secret"_s);
        QVERIFY(button()->isEnabled());
    }

    std::unique_ptr<LoginDialog> m_dialog;
};

QTEST_MAIN(tst_LoginDialog)
#include "tst_logindialog.moc"
