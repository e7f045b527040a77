// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// SessionController on a TestClient: signing in from the login dialog, the connection's state and errors as
// the windows show them, reconnecting after a drop, a password that stops working, signing out. The server's
// side is scripted in memory (AppTestUtils), so every step is XML the test chose.
#include "AppTestUtils.h"
#include "TestClient.h"

#include "CertificateLoader.h"
#include "FirstPaintGate.h"
#include "PasswordController.h"
#include "SessionController.h"
#include "StatusController.h"

#include "client/ExtensionRegistry.h"
#include "client/Reconnector.h"
#include "common/ElidedLabel.h"
#include "common/MessageLabel.h"
#include "login/LoginDialog.h"
#include "main/MainWindow.h"
#include "roster/ContactListView.h"
#include "storage/Database.h"

#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace AppTestUtils;

namespace {

const QString Account = u"alice@example.org"_s;
const QString Bound = u"alice@example.org/desktop"_s;

/// What Application builds around a SessionController, on a TestClient.
struct Fixture
{
    QTemporaryDir profile;
    TestClient client;
    Database database;   // closed: no automatic-away minutes kept
    MainWindow main;
    ContactListView view;
    PasswordController passwords{profile.path()};
    ExtensionRegistry::Installed managers = ExtensionRegistry::install(client, {},
                                                                       ExtensionRegistry::Feature::Presence);
    StatusController status{&client, managers.presence, &main, &database};
    FirstPaintGate firstPaint{&view};
    CertificateLoader certificates{profile.path(), AccountStore::Account{}};
    SessionController session{{&client, &main, &passwords, &status, &firstPaint, &certificates, {}, profile.path()}};

    /// A saved account without a remembered password: the login dialog opens filled in with it.
    void start()
    {
        AccountStore::Account account;
        account.configuration.jid = Jid::fromString(Account);
        account.configuration.host = u"xmpp.test"_s;
        account.configuration.port = 5222;
        account.configuration.pingInterval = 0ms;
        session.start(account, {});
    }

    /// The user types the password and presses the sign-in button.
    void signIn(const QString &password = u"secret"_s)
    {
        LoginDialog *login = session.login();
        child<QLineEdit>(login, u"passwordEdit"_s)->setText(password);
        child<QPushButton>(login, u"loginButton"_s)->click();
    }

    MessageLabel *loginStatus() { return child<MessageLabel>(session.login(), u"statusLabel"_s); }

    /// Signed in and the main window up; reconnection attempts come at once.
    bool signedIn()
    {
        start();
        signIn();
        if (!serverAcceptsSignIn(client, Bound))
            return false;
        session.reconnector()->setDelays(10ms, 10ms);   // 5 to 10 ms with the jitter: "in 1 second"
        client.clearSent();
        return session.isSignedIn();
    }
};

} // namespace

class tst_SessionController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInShowsProgressThenMainWindow();
    void wrongPasswordStaysInLoginDialog();
    void reconnectsAfterDrop();
    void reconnectNowKeepsTheBackOff();
    void passwordThatStoppedWorkingShowsLoginDialog();
    void signOutClosesStreamAndShowsLoginDialog();
    void offlineStatusDisconnectsUntilOnlineAgain();
};

void tst_SessionController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // No Secret Service: the keychain fails at once instead of waiting for a bus (PasswordStore).
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/xin-test-no-bus");
}

void tst_SessionController::signInShowsProgressThenMainWindow()
{
    Fixture f;
    QSignalSpy signedIn(&f.session, &SessionController::signedIn);
    f.start();
    QVERIFY(f.session.login()->isVisible());
    QVERIFY(!f.main.isVisible());
    QCOMPARE(f.session.currentWindow(), f.session.login());

    f.signIn();
    // The dialog waits, saying what happens; the client connects with what the dialog holds.
    QVERIFY(f.session.login()->isBusy());
    QCOMPARE(f.loginStatus()->kind(), MessageLabel::Kind::Progress);
    QVERIFY(!f.loginStatus()->text().isEmpty());
    QCOMPARE(f.client.configuration().jid, Jid::fromString(Account));
    QCOMPARE(f.client.configuration().password, u"secret"_s);
    QVERIFY(!f.session.isSignedIn());

    QVERIFY(serverAcceptsSignIn(f.client, Bound));
    QCOMPARE(signedIn.size(), 1);
    QVERIFY(f.session.isSignedIn());
    QVERIFY(f.main.isVisible());
    QVERIFY(!f.session.login()->isVisible());
    QCOMPARE(f.session.currentWindow(), &f.main);
    QCOMPARE(child<ElidedLabel>(&f.main, u"accountLabel"_s)->text(), Account);
    QCOMPARE(f.main.displayName(), u"alice"_s);   // no nickname known yet: the JID's local part
    QCOMPARE(f.main.connectionText(), QString());   // connected: no banner
    QVERIFY(f.session.reconnector()->isEnabled());
    // The session's managers start: the blocklist, then the roster (ExtensionRegistry's order).
    f.client.expect(u"<iq type='get' id='id1'><blocklist xmlns='urn:xmpp:blocking'/></iq>"_s);
    f.client.expect(u"<iq type='get' id='id2'><query xmlns='jabber:iq:roster'/></iq>"_s);
}

void tst_SessionController::wrongPasswordStaysInLoginDialog()
{
    Fixture f;
    QSignalSpy signedIn(&f.session, &SessionController::signedIn);
    f.start();
    f.signIn(u"wrong"_s);
    QVERIFY(serverRefusesPassword(f.client));

    QCOMPARE(f.client.state(), XmppClient::State::Disconnected);
    QCOMPARE(signedIn.size(), 0);
    QVERIFY(f.session.login()->isVisible());
    QVERIFY(!f.session.login()->isBusy());   // the user may try again
    QVERIFY(!f.main.isVisible());
    QCOMPARE(f.loginStatus()->kind(), MessageLabel::Kind::Error);
    QVERIFY2(f.loginStatus()->text().contains(u"password"_s, Qt::CaseInsensitive), qPrintable(f.loginStatus()->text()));
    // During the first sign-in the user decides: nothing tries again behind the dialog.
    QVERIFY(!f.session.reconnector()->isEnabled());
}

void tst_SessionController::reconnectsAfterDrop()
{
    Fixture f;
    QVERIFY(f.signedIn());

    f.client.dropConnection();
    // The banner says what happened and when the next attempt comes (docs/SECURITY.md rule 10).
    QVERIFY(f.session.reconnector()->isScheduled());
    QVERIFY2(f.main.connectionText().contains(u"Reconnecting in 1 second(s)."_s), qPrintable(f.main.connectionText()));
    QVERIFY(f.main.isVisible());
    QVERIFY(f.session.isSignedIn());   // a drop keeps the main window

    QCOMPARE(f.client.state(), XmppClient::State::Disconnected);
    QTRY_VERIFY(f.client.state() != XmppClient::State::Disconnected);   // a new connection
    QVERIFY(serverAcceptsSignIn(f.client, Bound));
    QCOMPARE(f.main.connectionText(), QString());
    QVERIFY(f.main.isVisible());
    QVERIFY(!f.session.login()->isVisible());
}

void tst_SessionController::reconnectNowKeepsTheBackOff()
{
    Fixture f;
    QVERIFY(f.signedIn());
    // 20-40 s with the jitter: a wait the banner counts in seconds (a minute or more shows the time instead).
    f.session.reconnector()->setDelays(40s, 300s);
    f.client.dropConnection();
    QVERIFY(f.session.reconnector()->isScheduled());
    auto *button = child<QPushButton>(&f.main, u"reconnectButton"_s);
    QVERIFY(button->isVisible());
    QVERIFY2(f.main.connectionText().contains(u"Reconnecting in "_s), qPrintable(f.main.connectionText()));
    QCOMPARE(button->text(), u"Reconnect now"_s);
    f.session.reconnect();   // Application wires MainWindow::reconnectRequested here: at once, not in a minute
    QVERIFY(f.client.state() != XmppClient::State::Disconnected);
    QVERIFY(!f.session.reconnector()->isScheduled());
    QVERIFY(serverAcceptsSignIn(f.client, Bound));
    QVERIFY(f.main.connectionText().isEmpty());

    // Dropped again at once: the button did not reset the back-off (docs/SECURITY.md rule 10).
    f.client.dropConnection();
    QCOMPARE(f.session.reconnector()->attempts(), 2);

    // Going offline stops the countdown; the banner says offline, not "reconnecting".
    f.session.changePresence(StatusChoice::Offline, {});
    QVERIFY(!f.session.reconnector()->isScheduled());
    QVERIFY2(!f.main.connectionText().contains(u"Reconnecting"_s), qPrintable(f.main.connectionText()));
}

void tst_SessionController::passwordThatStoppedWorkingShowsLoginDialog()
{
    Fixture f;
    QVERIFY(f.signedIn());
    f.client.dropConnection();
    QTRY_VERIFY(f.client.state() != XmppClient::State::Disconnected);   // the automatic attempt
    QVERIFY(serverRefusesPassword(f.client));

    // A password that stopped working needs the sign-in window, not a "try again" button.
    QVERIFY(!f.session.isSignedIn());
    QVERIFY(f.session.login()->isVisible());
    QVERIFY(!f.main.isVisible());
    QCOMPARE(f.loginStatus()->kind(), MessageLabel::Kind::Error);
    QVERIFY(!f.loginStatus()->text().isEmpty());
    QVERIFY(!f.session.reconnector()->isEnabled());   // never loop on not-authorized (rule 10)
    QSignalSpy states(&f.client, &XmppClient::stateChanged);
    QTest::qWait(30);
    QCOMPARE(states.size(), 0);
    QCOMPARE(f.client.state(), XmppClient::State::Disconnected);
}

void tst_SessionController::signOutClosesStreamAndShowsLoginDialog()
{
    Fixture f;
    QVERIFY(f.signedIn());
    QSignalSpy signedOut(&f.session, &SessionController::signedOut);
    FakeTransport *transport = f.client.transport();
    f.session.signOut();   // Application wires MainWindow::signOutRequested here
    QCOMPARE(signedOut.size(), 1);
    // RFC 6120 §4.4: the stream is closed politely (which ends our presence, RFC 6121 §4.6.4), nothing else.
    QVERIFY(!transport->written().isEmpty() && transport->written().constLast().contains("</stream:stream>"));
    f.client.expectNoSent();
    QVERIFY(!f.session.isSignedIn());
    QVERIFY(f.session.login()->isVisible());
    QVERIFY(!f.main.isVisible());
    QVERIFY(!f.session.reconnector()->isEnabled());
    // The form keeps the account but not a password it was not asked to remember.
    QCOMPARE(child<QLineEdit>(f.session.login(), u"jidEdit"_s)->text(), Account);
    QCOMPARE(child<QLineEdit>(f.session.login(), u"passwordEdit"_s)->text(), QString());
}

void tst_SessionController::offlineStatusDisconnectsUntilOnlineAgain()
{
    Fixture f;
    QVERIFY(f.signedIn());
    FakeTransport *transport = f.client.transport();
    f.session.changePresence(StatusChoice::Offline, {});
    QVERIFY(transport->written().constLast().contains("</stream:stream>"));
    QVERIFY(f.client.state() != XmppClient::State::Connected);
    QVERIFY(!f.session.reconnector()->isEnabled());
    QVERIFY(f.session.isSignedIn());   // offline, but the main window stays
    f.client.dropConnection();         // the server closes its side too
    QCOMPARE(f.client.state(), XmppClient::State::Disconnected);
    QSignalSpy states(&f.client, &XmppClient::stateChanged);
    QTest::qWait(30);
    QCOMPARE(states.size(), 0);   // no automatic attempt

    f.session.changePresence(StatusChoice::Away, u"开会"_s);
    QVERIFY(!states.isEmpty());   // the user's choice connects at once
    QVERIFY(serverAcceptsSignIn(f.client, Bound));
    QVERIFY(f.session.reconnector()->isEnabled());
    QCOMPARE(f.status.wanted(), StatusChoice::Away);
}

QTEST_MAIN(tst_SessionController)
#include "tst_sessioncontroller.moc"
