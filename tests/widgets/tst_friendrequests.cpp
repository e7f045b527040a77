// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/AvatarPainter.h"
#include "common/AvatarWidget.h"
#include "roster/AddFriendDialog.h"
#include "roster/FriendRequestRow.h"
#include "roster/FriendRequestsDialog.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

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

/// A stand-in for someone's photo: a sky, a face and shoulders, in @p shirt.
QImage portrait(const QColor &shirt)
{
    QImage image(96, 96, QImage::Format_ARGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 96);
    sky.setColorAt(0, QColor(0x8e, 0xc5, 0xfc));
    sky.setColorAt(1, QColor(0xe0, 0xf0, 0xff));
    painter.fillRect(image.rect(), sky);
    painter.setPen(Qt::NoPen);
    painter.setBrush(shirt);
    painter.drawEllipse(QRectF(14, 62, 68, 60));
    painter.setBrush(QColor(0xf1, 0xc2, 0x9a));
    painter.drawEllipse(QRectF(30, 22, 36, 42));
    painter.setBrush(QColor(0x3b, 0x2a, 0x20));
    painter.drawChord(QRectF(28, 18, 40, 30), 0, 180 * 16);
    return image;
}

/// The colour of @p avatar's pixel at (@p x, @p y), as painted.
QColor pixel(AvatarWidget *avatar, int x, int y)
{
    return avatar->grab().toImage().pixelColor(QPoint(x, y) * avatar->devicePixelRatioF());
}

RosterManager::FriendRequest request(const QString &jid, const QString &greeting, const QString &nick = {})
{
    return {Jid::fromString(jid), greeting, nick};
}

}   // namespace

class tst_FriendRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addFriendValidates();
    void addFriendSubmits();
    void addFriendSearchFlow();
    void addFriendSearchFailure();
    void inboxShowsRequests();
    void acceptChoosesGroupAndRemark();
    void refuseAndIgnore();
    void greetingIsPlainText();
    void rowsShowAvatars();
    void screenshot();
};

void tst_FriendRequests::addFriendValidates()
{
    AddFriendDialog dialog;
    dialog.setOwnAccount(Jid::fromString(u"me@example.com"), u"小明"_s);
    dialog.setContacts({Jid::fromString(u"friend@example.com")});
    auto *tabs = child<QTabWidget>(dialog, u"addFriendTabs"_s);
    tabs->setCurrentWidget(child<QWidget>(dialog, u"accountPage"_s));
    auto *edit = child<QLineEdit>(dialog, u"jidEdit"_s);
    auto *send = child<QPushButton>(dialog, u"sendButton"_s);
    auto *error = child<QLabel>(dialog, u"jidError"_s);
    QVERIFY(!send->isEnabled());

    edit->setText(u"not a jid@@"_s);
    QVERIFY(!send->isEnabled());
    QVERIFY(!error->text().isEmpty());
    edit->setText(u"example.com"_s);   // a server, not an account
    QVERIFY(!send->isEnabled());
    edit->setText(u"Me@Example.com"_s);   // ourselves, after normalisation
    QVERIFY(!send->isEnabled());
    edit->setText(u"friend@example.com"_s);   // already in the contact list
    QVERIFY(!send->isEnabled());
    QVERIFY(error->text().contains(u"already"_s));
    edit->setText(u" zhangwei@example.com/phone "_s);
    QVERIFY(send->isEnabled());
    QVERIFY(error->text().isEmpty());
    QCOMPARE(dialog.jid(), Jid::fromString(u"zhangwei@example.com"));
}

void tst_FriendRequests::addFriendSubmits()
{
    AddFriendDialog dialog;
    dialog.setOwnAccount(Jid::fromString(u"me@example.com"), u"小明"_s);
    dialog.setGroups({u"My Friends"_s, u"同事"_s}, u"同事"_s);
    auto *greeting = child<QLineEdit>(dialog, u"greetingEdit"_s);
    QVERIFY(greeting->text().contains(u"小明"_s));
    QCOMPARE(child<QComboBox>(dialog, u"groupCombo"_s)->currentText(), u"同事"_s);

    QSignalSpy spy(&dialog, &AddFriendDialog::friendRequestSubmitted);
    dialog.setJid(u"wangfang@example.com"_s);   // shows the "Add by account" page
    greeting->setText(u"我是你的同事"_s);
    child<QPushButton>(dialog, u"sendButton"_s)->click();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<Jid>(), Jid::fromString(u"wangfang@example.com"));
    QCOMPARE(spy.at(0).at(1).toString(), u"同事"_s);
    QCOMPARE(spy.at(0).at(2).toString(), u"我是你的同事"_s);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void tst_FriendRequests::addFriendSearchFlow()
{
    AddFriendDialog dialog;
    dialog.setOwnAccount(Jid::fromString(u"me@example.com"), u"小明"_s);
    dialog.setContacts({Jid::fromString(u"lihua@example.com")});
    dialog.setGroups({u"My Friends"_s, u"同学"_s}, u"同学"_s);
    auto *tabs = child<QTabWidget>(dialog, u"addFriendTabs"_s);
    QCOMPARE(tabs->currentWidget(), child<QWidget>(dialog, u"directorySearchPage"_s));   // QQ opens on "find"
    auto *send = child<QPushButton>(dialog, u"sendButton"_s);
    auto *results = child<QListWidget>(dialog, u"searchResults"_s);
    QSignalSpy searched(&dialog, &AddFriendDialog::directorySearchRequested);
    QSignalSpy submitted(&dialog, &AddFriendDialog::friendRequestSubmitted);

    // Enter in the search box searches; it does not send a request.
    auto *edit = child<QLineEdit>(dialog, u"searchEdit"_s);
    edit->setText(u" 王 "_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(searched.size(), 1);
    QCOMPARE(searched.first().first().toString(), u"王"_s);
    QCOMPARE(submitted.size(), 0);
    QVERIFY(!send->isEnabled());

    dialog.setSearchResults({{Jid::fromString(u"xiaoming@example.com/x"), u"小明"_s, u"王小明"_s, u"xm@example.cn"_s},
                             {Jid::fromString(u"lihua@example.com"), u"华华"_s, u"李华"_s, {}},
                             {Jid::fromString(u"evil@example.com"), u"<b>boss</b><img src=x>"_s, {}, {}}});
    QCOMPARE(results->count(), 3);
    QVERIFY(!send->isEnabled());   // nobody picked yet
    // Remote text stays literal (docs/SECURITY.md rule 5): the item's text is exactly what the directory sent.
    QCOMPARE(results->item(2)->text(), u"<b>boss</b><img src=x>"_s);
    // A friend already in the list cannot be picked again.
    results->setCurrentRow(1);
    QVERIFY(!send->isEnabled());

    results->setCurrentRow(0);
    QVERIFY(send->isEnabled());
    QCOMPARE(dialog.jid(), Jid::fromString(u"xiaoming@example.com"));   // bare
    send->click();
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.first().at(0).value<Jid>(), Jid::fromString(u"xiaoming@example.com"));
    QCOMPARE(submitted.first().at(1).toString(), u"同学"_s);
    QVERIFY(submitted.first().at(2).toString().contains(u"小明"_s));
}

void tst_FriendRequests::addFriendSearchFailure()
{
    AddFriendDialog dialog;
    auto *status = child<QLabel>(dialog, u"searchStatus"_s);
    child<QLineEdit>(dialog, u"searchEdit"_s)->setText(u"bob"_s);
    child<QPushButton>(dialog, u"searchButton"_s)->click();
    QVERIFY(!child<QPushButton>(dialog, u"searchButton"_s)->isEnabled());   // one search at a time
    dialog.setSearchFailed(u"Your server offers no user directory."_s);
    QCOMPARE(status->text(), u"Your server offers no user directory."_s);
    QCOMPARE(status->textFormat(), Qt::PlainText);
    QVERIFY(child<QPushButton>(dialog, u"searchButton"_s)->isEnabled());
    dialog.setSearchResults({});
    QCOMPARE(child<QListWidget>(dialog, u"searchResults"_s)->count(), 0);
    QVERIFY(status->text().contains(u"No one"_s));
}

void tst_FriendRequests::inboxShowsRequests()
{
    FriendRequestsDialog dialog;
    QVERIFY(child<QLabel>(dialog, u"noRequestsLabel"_s)->isVisibleTo(&dialog));
    QSignalSpy count(&dialog, &FriendRequestsDialog::incomingCountChanged);
    dialog.setRequests({request(u"a@example.com"_s, u"你好"_s), request(u"b@example.com"_s, QString())});
    dialog.setWaiting({{Jid::fromString(u"c@example.com"), u"陈静"_s}});
    QCOMPARE(dialog.incomingCount(), 2);
    QCOMPARE(count.size(), 1);
    QVERIFY(!child<QLabel>(dialog, u"noRequestsLabel"_s)->isVisibleTo(&dialog));

    auto *incoming = child<FriendRequestRow>(dialog, u"friendRequest:a@example.com"_s);
    QCOMPARE(incoming->direction(), FriendRequestRow::Direction::Incoming);
    QVERIFY(incoming->findChild<QPushButton *>(u"acceptButton"_s));
    auto *waiting = child<FriendRequestRow>(dialog, u"friendRequest:c@example.com"_s);
    QCOMPARE(waiting->direction(), FriendRequestRow::Direction::Outgoing);
    QVERIFY(!waiting->findChild<QPushButton *>(u"acceptButton"_s));
}

void tst_FriendRequests::acceptChoosesGroupAndRemark()
{
    FriendRequestsDialog dialog;
    dialog.setGroups({u"My Friends"_s, u"家人"_s});
    dialog.setRequests({request(u"mama@family.example"_s, u"我是妈妈"_s)});
    auto *row = child<FriendRequestRow>(dialog, u"friendRequest:mama@family.example"_s);
    auto *panel = child<QWidget>(*row, u"acceptPanel"_s);
    QVERIFY(!panel->isVisibleTo(row));
    child<QPushButton>(*row, u"acceptButton"_s)->click();
    QVERIFY(panel->isVisibleTo(row));

    QSignalSpy accepted(&dialog, &FriendRequestsDialog::acceptRequested);
    child<QComboBox>(*row, u"acceptGroupCombo"_s)->setCurrentIndex(1);
    child<QLineEdit>(*row, u"acceptRemarkEdit"_s)->setText(u"妈妈"_s);
    child<QPushButton>(*row, u"confirmAcceptButton"_s)->click();
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(accepted.at(0).at(0).value<Jid>(), Jid::fromString(u"mama@family.example"));
    QCOMPARE(accepted.at(0).at(1).toString(), u"家人"_s);
    QCOMPARE(accepted.at(0).at(2).toString(), u"妈妈"_s);
    QCOMPARE(dialog.incomingCount(), 0);
}

void tst_FriendRequests::refuseAndIgnore()
{
    FriendRequestsDialog dialog;
    const QList<RosterManager::FriendRequest> requests{request(u"a@example.com"_s, {}),
                                                       request(u"b@example.com"_s, {})};
    dialog.setRequests(requests);
    QSignalSpy refused(&dialog, &FriendRequestsDialog::refuseRequested);
    QSignalSpy ignored(&dialog, &FriendRequestsDialog::ignoreRequested);

    child<QPushButton>(*child<FriendRequestRow>(dialog, u"friendRequest:a@example.com"_s), u"refuseButton"_s)->click();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(dialog.incomingCount(), 1);
    child<QPushButton>(*child<FriendRequestRow>(dialog, u"friendRequest:b@example.com"_s), u"ignoreButton"_s)->click();
    QCOMPARE(ignored.size(), 1);
    QCOMPARE(dialog.incomingCount(), 0);

    // An ignored request stays hidden when the manager's list comes back with it.
    dialog.setRequests(requests);
    QCOMPARE(dialog.incomingCount(), 1);
}

void tst_FriendRequests::greetingIsPlainText()
{
    FriendRequestsDialog dialog;
    dialog.setRequests({request(u"x@example.com"_s, u"<img src='/dev/zero'>"_s, u"<b>x</b>"_s)});
    auto *row = child<FriendRequestRow>(dialog, u"friendRequest:x@example.com"_s);
    auto *greeting = child<QLabel>(*row, u"requestGreeting"_s);
    QCOMPARE(greeting->textFormat(), Qt::PlainText);
    QCOMPARE(greeting->text(), u"<img src='/dev/zero'>"_s);
    for (auto *label : row->findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
}

void tst_FriendRequests::rowsShowAvatars()
{
    // A photo for a@ and c@, none for b@: b's row draws the placeholder (first character, JID colour).
    QImage red(64, 64, QImage::Format_ARGB32);
    red.fill(Qt::red);
    QHash<Jid, QImage> photos{{Jid::fromString(u"a@example.com"), red}, {Jid::fromString(u"c@example.com"), red}};
    QList<Jid> asked;
    FriendRequestsDialog dialog;
    dialog.setAvatarSource([&](const Jid &jid) {
        asked << jid;
        return photos.value(jid);
    });
    dialog.setRequests({request(u"a@example.com"_s, u"你好"_s, u"阿红"_s), request(u"b@example.com"_s, {}, u"小白"_s)});
    dialog.setWaiting({{Jid::fromString(u"c@example.com"), u"陈静"_s}});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(asked.contains(Jid::fromString(u"a@example.com")));
    QVERIFY(asked.contains(Jid::fromString(u"b@example.com")));
    QVERIFY(asked.contains(Jid::fromString(u"c@example.com")));

    const auto avatarOf = [&dialog](const QString &jid) {
        return child<AvatarWidget>(*child<FriendRequestRow>(dialog, u"friendRequest:"_s + jid), u"requestAvatar"_s);
    };
    AvatarWidget *a = avatarOf(u"a@example.com"_s);
    AvatarWidget *b = avatarOf(u"b@example.com"_s);
    QCOMPARE(a->diameter(), 40);
    // The photo fills the circle, not its corners (round like the contact list): they show the row's white.
    QCOMPARE(pixel(a, 20, 20), QColor(Qt::red));
    QCOMPARE(pixel(a, 1, 1), QColor(Qt::white));
    QCOMPARE(pixel(avatarOf(u"c@example.com"_s), 20, 20), QColor(Qt::red));
    // The placeholder: the name's first character, on the JID's colour (sampled left of the character).
    QCOMPARE(b->name(), u"小白"_s);
    QCOMPARE(b->colourKey(), u"b@example.com"_s);
    const QColor expected = AvatarPainter::colour(u"b@example.com"_s);
    const QColor painted = pixel(b, 6, 20);
    QVERIFY2(qAbs(painted.hslHue() - expected.hslHue()) <= 8 && painted.hslSaturation() > 60,
             qPrintable(u"painted %1, JID colour %2"_s.arg(painted.name(), expected.name())));
    QCOMPARE(pixel(b, 1, 1), QColor(Qt::white));

    // b's photo arrives later: only b's rows ask again, and show it.
    QImage blue(64, 64, QImage::Format_ARGB32);
    blue.fill(Qt::blue);
    photos.insert(Jid::fromString(u"b@example.com"), blue);
    asked.clear();
    dialog.refreshAvatar(Jid::fromString(u"b@example.com/phone"));
    QCOMPARE(asked, QList<Jid>{Jid::fromString(u"b@example.com")});
    QCOMPARE(pixel(b, 20, 20), QColor(Qt::blue));
    QCOMPARE(pixel(a, 20, 20), QColor(Qt::red));
}

void tst_FriendRequests::screenshot()
{
    const QString dir = qEnvironmentVariable("XIN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set XIN_SCREENSHOT_DIR to save screenshots");
    FriendRequestsDialog inbox;
    // 张伟 and 陈静 have photos; Bob and 李娜 do not, and show their placeholders.
    const QHash<Jid, QImage> photos{{Jid::fromString(u"zhangwei@example.com"), portrait(QColor(0x2f, 0x6f, 0xd6))},
                                    {Jid::fromString(u"chenjing@example.com"), portrait(QColor(0xd6, 0x4f, 0x7a))}};
    inbox.setAvatarSource([photos](const Jid &jid) { return photos.value(jid); });
    inbox.setGroups({u"My Friends"_s, u"同事"_s, u"家人"_s});
    inbox.setRequests({request(u"zhangwei@example.com"_s, u"你好，我是张伟，我们在上次的会议上见过。"_s, u"张伟"_s),
                       request(u"bob@jabber.example"_s, u"Hi, I'm Bob from the XMPP meetup"_s, u"Bob"_s),
                       request(u"lina@example.com"_s, QString())});
    inbox.setWaiting({{Jid::fromString(u"chenjing@example.com"), u"陈静"_s}});
    inbox.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inbox));
    child<QPushButton>(*child<FriendRequestRow>(inbox, u"friendRequest:bob@jabber.example"_s), u"acceptButton"_s)
        ->click();
    QTest::qWait(50);
    QVERIFY(inbox.grab().save(QDir(dir).filePath(u"friend-requests.png"_s)));

    AddFriendDialog add;
    add.setOwnAccount(Jid::fromString(u"xiaoming@example.com"), u"小明"_s);
    add.setGroups({u"My Friends"_s, u"同事"_s});
    add.setJid(u"wangfang@"_s);
    add.show();
    QVERIFY(QTest::qWaitForWindowExposed(&add));
    QVERIFY(add.grab().save(QDir(dir).filePath(u"add-friend.png"_s)));

    AddFriendDialog find;
    find.setOwnAccount(Jid::fromString(u"xiaoming@example.com"), u"小明"_s);
    find.setGroups({u"My Friends"_s, u"同事"_s});
    find.setContacts({Jid::fromString(u"dawang@example.com")});
    child<QLineEdit>(find, u"searchEdit"_s)->setText(u"王"_s);
    find.setSearchResults({{Jid::fromString(u"wangfang@example.com"), u"芳芳"_s, u"王芳"_s, u"wangfang@example.cn"_s},
                           {Jid::fromString(u"dawang@example.com"), u"大王"_s, u"王大明"_s, {}},
                           {Jid::fromString(u"wang.lei@jabber.example"), {}, u"Wang Lei"_s, u"lei@jabber.example"_s}});
    child<QListWidget>(find, u"searchResults"_s)->setCurrentRow(0);
    find.show();
    QVERIFY(QTest::qWaitForWindowExposed(&find));
    QVERIFY(find.grab().save(QDir(dir).filePath(u"add-friend-search.png"_s)));
}

QTEST_MAIN(tst_FriendRequests)
#include "tst_friendrequests.moc"
