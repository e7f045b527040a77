// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "main/MainWindow.h"

#include "common/AvatarPainter.h"
#include "common/AvatarWidget.h"
#include "common/ConnectionText.h"
#include "common/ElidedLabel.h"
#include "common/IdleTimeSource.h"
#include "main/ConnectionBanner.h"

#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMetaEnum>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

template <typename T>
T *child(QObject &parent, const QString &name)
{
    auto *object = parent.findChild<T *>(name);
    if (!object)
        qFatal("no child %s", qPrintable(name));
    return object;
}

QAction *menuAction(QMenu *menu, const QString &name);

QAction *requireAction(QMenu *menu, const QString &name)
{
    QAction *action = menuAction(menu, name);
    if (!action)
        qFatal("no action %s", qPrintable(name));
    return action;
}

QAction *menuAction(QMenu *menu, const QString &name)
{
    // Submenus' actions too (the idle menu).
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name)
            return action;
        if (action->menu()) {
            if (QAction *found = menuAction(action->menu(), name))
                return found;
        }
    }
    return nullptr;
}

}   // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup() { m_window.reset(); }

    void statusSelectorRequestsThePresence_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<StatusChoice>("choice");
        QTest::addColumn<Presence::Type>("type");
        QTest::addColumn<Presence::Show>("show");
        QTest::newRow("online") << u"online"_s << StatusChoice::Online << Presence::Type::Available
                                << Presence::Show::None;
        QTest::newRow("chat") << u"chat"_s << StatusChoice::Chat << Presence::Type::Available << Presence::Show::Chat;
        QTest::newRow("away") << u"away"_s << StatusChoice::Away << Presence::Type::Available << Presence::Show::Away;
        QTest::newRow("xa") << u"xa"_s << StatusChoice::ExtendedAway << Presence::Type::Available << Presence::Show::Xa;
        QTest::newRow("dnd") << u"dnd"_s << StatusChoice::DoNotDisturb << Presence::Type::Available
                             << Presence::Show::Dnd;
        QTest::newRow("offline") << u"offline"_s << StatusChoice::Offline << Presence::Type::Unavailable
                                 << Presence::Show::None;
    }
    void statusSelectorRequestsThePresence()
    {
        QFETCH(QString, action);
        QFETCH(StatusChoice, choice);
        QFETCH(Presence::Type, type);
        QFETCH(Presence::Show, show);

        m_window->setStatusMessage(u"在开会"_s);
        m_window->setStatus(choice == StatusChoice::Online ? StatusChoice::Away : StatusChoice::Online);
        QSignalSpy requested(m_window.get(), &MainWindow::presenceChangeRequested);
        auto *selector = child<QToolButton>(*m_window, u"statusSelector"_s);
        requireAction(child<QMenu>(*selector, u"statusMenu"_s), u"statusAction_"_s + action)->trigger();

        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).value<StatusChoice>(), choice);
        QCOMPARE(requested.at(0).at(1).toString(), u"在开会"_s);
        QCOMPARE(m_window->status(), choice);
        QCOMPARE(selector->text(), StatusChoices::name(choice));

        const Presence presence = StatusChoices::presence(choice, u"在开会"_s);
        QCOMPARE(presence.type, type);
        QCOMPARE(presence.show, show);
        QCOMPARE(presence.status, u"在开会"_s);
    }

    void setStatusDoesNotRequest()
    {
        QSignalSpy requested(m_window.get(), &MainWindow::presenceChangeRequested);
        m_window->setStatus(StatusChoice::DoNotDisturb);
        QCOMPARE(m_window->status(), StatusChoice::DoNotDisturb);
        QCOMPARE(requested.count(), 0);
    }

    void editingTheStatusMessageRequestsThePresence()
    {
        m_window->setStatus(StatusChoice::Away);
        QSignalSpy requested(m_window.get(), &MainWindow::presenceChangeRequested);
        auto *edit = child<QLineEdit>(*m_window, u"statusMessageEdit"_s);
        edit->setFocus();
        edit->setText(u"午饭"_s);   // QTest::keyClicks() types ASCII only
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).value<StatusChoice>(), StatusChoice::Away);
        QCOMPARE(requested.at(0).at(1).toString(), u"午饭"_s);
        QCOMPARE(m_window->statusMessage(), u"午饭"_s);
    }

    void errorsArePlainText()
    {
        const QString hostile = u"<b>x</b><img src=x>"_s;
        m_window->setConnectionState(XmppClient::State::Connecting);
        m_window->showError(hostile);
        m_window->setConnectionState(XmppClient::State::Disconnected);
        auto *label = child<QLabel>(*m_window, u"connectionText"_s);
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QCOMPARE(label->text(), hostile);
        QCOMPARE(m_window->connectionText(), hostile);
        QVERIFY(child<QPushButton>(*m_window, u"reconnectButton"_s)->isVisible());

        QSignalSpy reconnect(m_window.get(), &MainWindow::reconnectRequested);
        QTest::mouseClick(child<QPushButton>(*m_window, u"reconnectButton"_s), Qt::LeftButton);
        QCOMPARE(reconnect.count(), 1);
    }

    void everyLabelIsPlainText()
    {
        m_window->setDisplayName(u"<img src=/dev/zero>"_s);
        auto *name = child<ElidedLabel>(*m_window, u"displayName"_s);
        QCOMPARE(name->text(), u"<img src=/dev/zero>"_s);
        QVERIFY(!name->toolTip().contains(u"<img"_s));   // the tool tip escapes it
        for (QLabel *label : m_window->findChildren<QLabel *>()) {
            if (label->pixmap().isNull())
                QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
        }
    }

    void bannerFollowsTheState()
    {
        m_window->setConnectionState(XmppClient::State::Encrypting);
        QCOMPARE(m_window->connectionText(), ConnectionText::state(XmppClient::State::Encrypting));
        m_window->setConnectionState(XmppClient::State::Connected);
        QVERIFY(m_window->connectionText().isEmpty());
        m_window->showError(u"lost"_s);
        m_window->setConnectionState(XmppClient::State::Disconnected);
        QCOMPARE(m_window->connectionText(), u"lost"_s);
        m_window->setConnectionState(XmppClient::State::Connecting);   // a new attempt hides the old error
        QCOMPARE(m_window->connectionText(), ConnectionText::state(XmppClient::State::Connecting));
    }

    void bannerCountsDownToTheNextAttempt()
    {
        // The truth after a drop: what happened, when the next attempt goes, and a way to go now.
        ConnectionBanner *banner = m_window->connectionBanner();
        m_window->setConnectionState(XmppClient::State::Connected);
        m_window->showError(u"The connection to the server was lost."_s);
        m_window->setConnectionState(XmppClient::State::Disconnected);
        banner->showReconnecting(std::chrono::milliseconds(2500));
        // (No translation loaded here, so %n's plural is the source's "second(s)".)
        QCOMPARE(m_window->connectionText(), u"The connection to the server was lost. Reconnecting in 3 second(s)."_s);
        auto *button = child<QPushButton>(*m_window, u"reconnectButton"_s);
        QVERIFY(button->isVisible());
        QCOMPARE(button->text(), u"Reconnect now"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionText(),
                                  u"The connection to the server was lost. Reconnecting in 2 second(s)."_s, 1500);
        QSignalSpy reconnect(m_window.get(), &MainWindow::reconnectRequested);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(reconnect.count(), 1);

        m_window->setConnectionState(XmppClient::State::Resuming);   // the attempt started: the count stops
        QCOMPARE(m_window->connectionText(), ConnectionText::state(XmppClient::State::Resuming));
        QTest::qWait(1100);
        QCOMPARE(m_window->connectionText(), ConnectionText::state(XmppClient::State::Resuming));
        QVERIFY(!button->isVisible());

        m_window->setConnectionState(XmppClient::State::Disconnected);
        banner->showReconnecting(std::chrono::minutes(5));   // far away: a time of day, not 300 seconds
        QVERIFY2(m_window->connectionText().contains(u"Reconnecting at "_s), qPrintable(m_window->connectionText()));
        banner->showWaitingForNetwork();
        QVERIFY2(m_window->connectionText().endsWith(u"Waiting for the network to come back."_s),
                 qPrintable(m_window->connectionText()));
        QCOMPARE(button->text(), u"Reconnect now"_s);
    }

    void bannerShowsTheCatchUp()
    {
        ConnectionBanner *banner = m_window->connectionBanner();
        banner->showCatchUp(10, 40);   // not online: nothing to catch up on
        QCOMPARE(m_window->connectionText(), u"You are offline."_s);
        m_window->setConnectionState(XmppClient::State::Connected);
        QVERIFY(m_window->connectionText().isEmpty());
        banner->showCatchUp(0, -1);
        QCOMPARE(m_window->connectionText(), u"Catching up on messages: 0 so far…"_s);
        banner->showCatchUp(100, 250);
        QCOMPARE(m_window->connectionText(), u"Catching up on messages: 100 of 250…"_s);
        QVERIFY(!child<QPushButton>(*m_window, u"reconnectButton"_s)->isVisible());
        banner->showUpToDate();
        QCOMPARE(m_window->connectionText(), u"Up to date."_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->connectionText().isEmpty(), 4000);   // then it goes
    }

    void menuRequestsSignOutAndQuit()
    {
        auto *menu = child<QToolButton>(*m_window, u"mainMenuButton"_s)->menu();
        QSignalSpy signOut(m_window.get(), &MainWindow::signOutRequested);
        QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
        requireAction(menu, u"signOutAction"_s)->trigger();
        requireAction(menu, u"quitAction"_s)->trigger();
        QCOMPARE(signOut.count(), 1);
        QCOMPARE(quit.count(), 1);
    }

    void editProfileFromAvatarOrMenu()
    {
        QSignalSpy edit(m_window.get(), &MainWindow::editProfileRequested);
        auto *avatar = child<AvatarWidget>(*m_window, u"ownAvatar"_s);
        QTest::mouseClick(avatar, Qt::LeftButton);
        QCOMPARE(edit.count(), 1);
        QTest::mouseClick(avatar, Qt::RightButton);   // not a click on the avatar's meaning
        QCOMPARE(edit.count(), 1);
        requireAction(child<QToolButton>(*m_window, u"mainMenuButton"_s)->menu(), u"editProfileAction"_s)->trigger();
        QCOMPARE(edit.count(), 2);
    }

    void menuTogglesHideOffline()
    {
        auto *action = requireAction(child<QToolButton>(*m_window, u"mainMenuButton"_s)->menu(),
                                     u"hideOfflineAction"_s);
        QSignalSpy changed(m_window.get(), &MainWindow::hideOfflineChanged);
        m_window->setHideOffline(true);   // the saved preference: shown, not re-announced
        QVERIFY(action->isChecked());
        QCOMPARE(changed.count(), 0);
        action->trigger();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toBool(), false);
    }

    void idleMenuChoosesAutoAway()
    {
        auto *menu = child<QToolButton>(*m_window, u"mainMenuButton"_s)->menu();
        QSignalSpy changed(m_window.get(), &MainWindow::autoAwayChanged);
        m_window->setAutoAway(10, 0);
        QVERIFY(requireAction(menu, u"awayAfter10"_s)->isChecked());
        QVERIFY(requireAction(menu, u"xaAfter0"_s)->isChecked());
        m_window->setAutoAway(7, 45);   // edited by hand: the next choice up
        QVERIFY(requireAction(menu, u"awayAfter10"_s)->isChecked());
        QVERIFY(requireAction(menu, u"xaAfter60"_s)->isChecked());
        QCOMPARE(changed.count(), 0);
        requireAction(menu, u"xaAfter30"_s)->trigger();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toInt(), 10);
        QCOMPARE(changed.first().at(1).toInt(), 30);
        QVERIFY(!requireAction(menu, u"xaAfter60"_s)->isChecked());   // one choice per step
    }

    void idleTimeCountsInput()
    {
        // Offscreen there is no desktop-wide source: the time since this application's last input counts.
        IdleTimeSource idle;
        QCOMPARE(idle.method(), IdleTimeSource::Method::Application);
        QTest::qWait(1100);
        QVERIFY(idle.idleTime().value() >= std::chrono::seconds(1));
        QTest::keyClick(child<QLineEdit>(*m_window, u"searchEdit"_s), Qt::Key_A);
        QCOMPARE(idle.idleTime().value(), std::chrono::seconds(0));
    }

    void everyErrorHasASentence()
    {
        const QMetaEnum errors = QMetaEnum::fromType<XmppClient::Error>();
        for (int i = 0; i < errors.keyCount(); ++i) {
            const auto error = XmppClient::Error(errors.value(i));
            const QString text = ConnectionText::error(error, QString(), u"example.org"_s);
            QCOMPARE(text.isEmpty(), error == XmppClient::Error::None);
        }
        QCOMPARE(ConnectionText::error(XmppClient::Error::AuthenticationFailed, u"wrong user name or password"_s,
                                       u"example.org"_s),
                 u"Wrong user name or password."_s);
        QVERIFY(ConnectionText::error(XmppClient::Error::CertificateInvalid, QString(), u"example.org"_s)
                    .contains(u"example.org"_s));
    }

    void avatarInitials()
    {
        QCOMPARE(AvatarPainter::initial(u"小明"_s), u"小"_s);
        QCOMPARE(AvatarPainter::initial(u" alice"_s), u"A"_s);
        QCOMPARE(AvatarPainter::initial(u"😀 smile"_s), u"😀"_s);
        QCOMPARE(AvatarPainter::initial(QString()), u"?"_s);
        QCOMPARE(AvatarPainter::colour(u"a@example.org"_s), AvatarPainter::colour(u"a@example.org"_s));
        QVERIFY(AvatarPainter::colour(u"a@example.org"_s) != AvatarPainter::colour(u"b@example.org"_s));
    }

private:
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
