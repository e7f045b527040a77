// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ScreenshotUtils.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "main/MainWindow.h"
#include "models/RosterFilterModel.h"
#include "models/RosterModel.h"
#include "roster/ContactDelegate.h"
#include "roster/ContactListView.h"
#include "roster/ContactMenu.h"
#include "roster/GroupMenu.h"
#include "stanza/Presence.h"
#include "storage/Database.h"
#include "storage/RosterStore.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

struct Contact
{
    QString name;
    QString jid;
    bool available;
    Presence::Show show;
    QString status;
    int unread;
};

QStandardItem *contactItem(const Contact &c, const QString &group)
{
    auto *item = new QStandardItem;
    item->setData(int(RosterModel::Kind::Contact), RosterModel::KindRole);
    item->setData(c.jid, RosterModel::JidRole);
    item->setData(c.name, RosterModel::DisplayNameRole);
    item->setData(c.available, RosterModel::AvailableRole);
    item->setData(int(c.show), RosterModel::PresenceShowRole);
    item->setData(c.status, RosterModel::StatusTextRole);
    item->setData(c.unread, RosterModel::UnreadCountRole);
    item->setData(false, RosterModel::PendingOutRole);
    item->setData(group, RosterModel::GroupNameRole);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    return item;
}

void addGroup(QStandardItemModel &model, const QString &name, const QList<Contact> &contacts)
{
    auto *group = new QStandardItem;
    group->setData(int(RosterModel::Kind::Group), RosterModel::KindRole);
    group->setData(name, RosterModel::GroupNameRole);
    int online = 0;
    for (const Contact &c : contacts) {
        group->appendRow(contactItem(c, name));
        online += c.available ? 1 : 0;
    }
    group->setData(online, RosterModel::OnlineCountRole);
    group->setData(int(contacts.size()), RosterModel::TotalCountRole);
    group->setFlags(Qt::ItemIsEnabled | Qt::ItemIsDropEnabled);
    model.appendRow(group);
}

/// A few dozen contacts in several groups, Chinese and Latin names, every presence.
void fillModel(QStandardItemModel &model)
{
    using S = Presence::Show;
    addGroup(model, RosterManager::defaultGroupName(),
             {
                 {u"张伟"_s, u"zhangwei@example.com"_s, true, S::None, u"今天天气不错"_s, 3},
                 {u"王芳"_s, u"wangfang@example.com"_s, true, S::Away, u"出去吃饭了，一会儿回来"_s, 0},
                 {u"李娜"_s, u"lina@example.com"_s, true, S::Dnd, u"开会中，请勿打扰"_s, 0},
                 {u"刘洋"_s, u"liuyang@example.com"_s, true, S::Chat, QString(), 12},
                 {u"陈静"_s, u"chenjing@example.com"_s, false, S::None, u"好好学习，天天向上"_s, 0},
                 {u"杨秀英"_s, u"yangxy@example.com"_s, false, S::None, QString(), 0},
                 {u"赵磊"_s, u"zhaolei@example.com"_s, true, S::Xa, u"度假中 🏖"_s, 0},
             });
    addGroup(model, u"同事"_s,
             {
                 {u"黄强"_s, u"huangqiang@corp.example"_s, true, S::None,
                  u"Working on the Q3 release — ping me anytime"_s, 0},
                 {u"周敏"_s, u"zhoumin@corp.example"_s, false, S::None, QString(), 0},
                 {u"吴军"_s, u"wujun@corp.example"_s, true, S::Dnd, u"<b>not bold</b> &amp; plain"_s, 1},
                 {u"Alice Chen"_s, u"alice@corp.example"_s, true, S::None, u"Remote today"_s, 0},
                 {u"徐丽"_s, u"xuli@corp.example"_s, false, S::None, QString(), 0},
                 {u"孙涛"_s, u"suntao@corp.example"_s, false, S::None, u"出差"_s, 0},
             });
    addGroup(model, u"家人"_s,
             {
                 {u"妈妈"_s, u"mama@family.example"_s, true, S::None, QString(), 2},
                 {u"爸爸"_s, u"baba@family.example"_s, false, S::None, QString(), 0},
                 {u"姐姐"_s, u"jiejie@family.example"_s, true, S::Away, QString(), 0},
             });
    addGroup(model, u"Friends"_s,
             {
                 {u"Bob"_s, u"bob@jabber.example"_s, true, S::None,
                  u"A very long status message that will certainly not fit on one line"_s, 0},
                 {u"carol"_s, u"carol@jabber.example"_s, false, S::None, QString(), 0},
                 {u"Dave"_s, u"dave@jabber.example"_s, false, S::None, QString(), 0},
                 {u"Émilie"_s, u"emilie@jabber.example"_s, true, S::Chat, u"Salut !"_s, 0},
             });
    addGroup(model, u"大学同学"_s,
             {
                 {u"马超"_s, u"machao@school.example"_s, false, S::None, QString(), 0},
                 {u"胡静怡"_s, u"hujingyi@school.example"_s, false, S::None, QString(), 0},
                 {u"郭鹏"_s, u"guopeng@school.example"_s, true, S::None, u"毕业十周年聚会见！"_s, 0},
                 {u"林晓"_s, u"linxiao@school.example"_s, false, S::None, QString(), 0},
                 {u"何平"_s, u"heping@school.example"_s, false, S::None, QString(), 0},
             });
    addGroup(model, u"黑名单候选"_s,
             {
                 {u"spam"_s, u"spam@bad.example"_s, false, S::None, QString(), 0},
             });
}

QModelIndex contactIndex(const QAbstractItemModel &model, int group, int row)
{
    return model.index(row, 0, model.index(group, 0));
}

QAction *findAction(QMenu *menu, const QString &name)
{
    auto *action = menu->findChild<QAction *>(name);
    if (!action) {
        for (QAction *a : menu->actions()) {
            if (a->objectName() == name)
                return a;
        }
        qFatal("no action %s", qPrintable(name));
    }
    return action;
}

QString screenshotDir()
{
    return qEnvironmentVariable("XIN_SCREENSHOT_DIR");
}

}   // namespace

class tst_ContactList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowHeights();
    void viewSetup();
    void clickFoldsGroup();
    void pixelScrollingAfterFirstPaint();
    void doubleClickOpensChat();
    void contactMenuIntents();
    void groupMenuIntents();
    void presenceWords();
    void lastSeenWords();
    void avatarPicturesFromTheSource();
    void lastSeenAskedForVisibleOfflineRowsOnce();
    void profileWantedForVisibleRowsOnce();
    void mainWindowHostsView();
    void realRosterModel();
    void screenshot();
};

void tst_ContactList::rowHeights()
{
    QStandardItemModel model;
    fillModel(model);
    ContactListView view;
    view.setModel(&model);
    view.resize(300, 600);
    QCOMPARE(view.sizeHintForIndex(model.index(0, 0)).height(), ContactDelegate::GroupRowHeight);
    QCOMPARE(view.sizeHintForIndex(contactIndex(model, 0, 0)).height(), ContactDelegate::ContactRowHeight);
}

void tst_ContactList::viewSetup()
{
    ContactListView view;
    QVERIFY(!view.rootIsDecorated());
    QCOMPARE(view.indentation(), 0);
    QVERIFY(view.isHeaderHidden());
    QCOMPARE(view.dragDropMode(), QAbstractItemView::InternalMove);
    QCOMPARE(view.defaultDropAction(), Qt::MoveAction);
    QVERIFY(view.isAnimated());
    QVERIFY(qobject_cast<ContactDelegate *>(view.itemDelegate()));
}

void tst_ContactList::clickFoldsGroup()
{
    QStandardItemModel model;
    fillModel(model);
    ContactListView view;
    view.setAnimated(false);
    view.setModel(&model);
    view.resize(300, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const QModelIndex group = model.index(1, 0);
    QVERIFY(view.isExpanded(group));
    const QPoint centre = view.visualRect(group).center();
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, centre);
    QVERIFY(!view.isExpanded(group));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, centre);
    QVERIFY(view.isExpanded(group));

    // The fold survives the rows going away and coming back (filtering does that).
    view.collapse(group);
    QList<QStandardItem *> row = model.takeRow(1);
    model.insertRow(1, row);
    QVERIFY(!view.isExpanded(model.index(1, 0)));
    QVERIFY(view.isExpanded(model.index(0, 0)));
}

void tst_ContactList::pixelScrollingAfterFirstPaint()
{
    // Rows on screen are measured first (per-item scrolling), every row right after the first paint, which
    // is announced once; then scrolling is by pixel.
    QStandardItemModel model;
    fillModel(model);
    ContactListView view;
    view.setModel(&model);
    view.resize(300, 600);
    QSignalSpy painted(&view, &ContactListView::firstPainted);
    QCOMPARE(view.verticalScrollMode(), QAbstractItemView::ScrollPerItem);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(painted.size(), 1);
    QTRY_COMPARE(view.verticalScrollMode(), QAbstractItemView::ScrollPerPixel);
    view.viewport()->repaint();
    QCOMPARE(painted.size(), 1);

    // A view shown but never painted measures its rows all the same, a moment later.
    ContactListView hidden;
    hidden.setModel(&model);
    hidden.setAttribute(Qt::WA_DontShowOnScreen);
    hidden.setUpdatesEnabled(false);
    hidden.show();
    QTRY_COMPARE(hidden.verticalScrollMode(), QAbstractItemView::ScrollPerPixel);
}

void tst_ContactList::doubleClickOpensChat()
{
    QStandardItemModel model;
    fillModel(model);
    ContactListView view;
    view.setModel(&model);
    view.resize(300, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QSignalSpy spy(&view, &ContactListView::openChatRequested);
    const QPoint point = view.visualRect(contactIndex(model, 0, 1)).center();
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, point);
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, point);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<Jid>(), Jid::fromString(u"wangfang@example.com"));

    // Double-clicking a group opens nothing.
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(model.index(0, 0)).center());
    QCOMPARE(spy.size(), 1);

    view.setCurrentIndex(contactIndex(model, 1, 0));
    QTest::keyClick(&view, Qt::Key_Return);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).at(0).value<Jid>(), Jid::fromString(u"huangqiang@corp.example"));
}

void tst_ContactList::contactMenuIntents()
{
    QStandardItemModel model;
    fillModel(model);
    ContactListView view;
    view.setModel(&model);
    const Jid zhang = Jid::fromString(u"zhangwei@example.com");

    QSignalSpy chat(&view, &ContactListView::openChatRequested);
    QSignalSpy profile(&view, &ContactListView::viewProfileRequested);
    QSignalSpy rename(&view, &ContactListView::renameContactRequested);
    QSignalSpy move(&view, &ContactListView::moveToGroupRequested);
    QSignalSpy remove(&view, &ContactListView::removeContactRequested);
    QSignalSpy block(&view, &ContactListView::blockRequested);

    std::unique_ptr<QMenu> menu(view.createContextMenu(contactIndex(model, 0, 0)));
    QVERIFY(qobject_cast<ContactMenu *>(menu.get()));
    findAction(menu.get(), u"sendMessageAction"_s)->trigger();
    QCOMPARE(chat.size(), 1);
    QCOMPARE(chat.at(0).at(0).value<Jid>(), zhang);
    findAction(menu.get(), u"viewProfileAction"_s)->trigger();
    QCOMPARE(profile.size(), 1);

    view.setTextPrompt([](const QString &, const QString &, const QString &) { return u" 老张 "_s; });
    findAction(menu.get(), u"setRemarkAction"_s)->trigger();
    QCOMPARE(rename.size(), 1);
    QCOMPARE(rename.at(0).at(1).toString(), u"老张"_s);

    // "Move to group" lists every group; the current one is disabled.
    auto *moveMenu = menu->findChild<QMenu *>(u"moveToGroupMenu"_s);
    QVERIFY(moveMenu);
    QCOMPARE(moveMenu->actions().size(), model.rowCount());
    QVERIFY(!findAction(moveMenu, u"moveTo:"_s + RosterManager::defaultGroupName())->isEnabled());
    findAction(moveMenu, u"moveTo:同事"_s)->trigger();
    QCOMPARE(move.size(), 1);
    QCOMPARE(move.at(0).at(0).value<Jid>(), zhang);
    QCOMPARE(move.at(0).at(1).toString(), u"同事"_s);

    bool answer = false;
    view.setConfirm([&](const QString &, const QString &) { return answer; });
    findAction(menu.get(), u"removeContactAction"_s)->trigger();
    QCOMPARE(remove.size(), 0);
    answer = true;
    findAction(menu.get(), u"removeContactAction"_s)->trigger();
    QCOMPARE(remove.size(), 1);

    findAction(menu.get(), u"blockAction"_s)->trigger();
    QCOMPARE(block.size(), 1);
    QCOMPARE(block.at(0).at(0).value<Jid>(), zhang);
}

void tst_ContactList::groupMenuIntents()
{
    QStandardItemModel model;
    fillModel(model);
    ContactListView view;
    view.setModel(&model);
    view.setConfirm([](const QString &, const QString &) { return true; });

    std::unique_ptr<QMenu> defaultMenu(view.createContextMenu(model.index(0, 0)));
    QVERIFY(qobject_cast<GroupMenu *>(defaultMenu.get()));
    QVERIFY(!findAction(defaultMenu.get(), u"renameGroupAction"_s)->isEnabled());
    QVERIFY(!findAction(defaultMenu.get(), u"deleteGroupAction"_s)->isEnabled());

    QSignalSpy renamed(&view, &ContactListView::renameGroupRequested);
    QSignalSpy removed(&view, &ContactListView::removeGroupRequested);
    QSignalSpy added(&view, &ContactListView::groupAdded);
    QSignalSpy addFriend(&view, &ContactListView::addFriendRequested);

    std::unique_ptr<QMenu> menu(view.createContextMenu(model.index(1, 0)));
    view.setTextPrompt([](const QString &, const QString &, const QString &) { return u"工作"_s; });
    findAction(menu.get(), u"renameGroupAction"_s)->trigger();
    QCOMPARE(renamed.size(), 1);
    QCOMPARE(renamed.at(0).at(0).toString(), u"同事"_s);
    QCOMPARE(renamed.at(0).at(1).toString(), u"工作"_s);
    // Deleting asks what becomes of the members: cancel, move them to the default group, or remove them.
    std::optional<RosterManager::RemoveGroupMode> choice;
    QString askedAbout;
    view.setRemoveGroupPrompt([&](const QString &group) {
        askedAbout = group;
        return choice;
    });
    findAction(menu.get(), u"deleteGroupAction"_s)->trigger();
    QCOMPARE(askedAbout, u"同事"_s);
    QCOMPARE(removed.size(), 0);
    choice = RosterManager::RemoveGroupMode::RemoveMembers;
    findAction(menu.get(), u"deleteGroupAction"_s)->trigger();
    choice = RosterManager::RemoveGroupMode::MoveMembersToDefault;
    findAction(menu.get(), u"deleteGroupAction"_s)->trigger();
    QCOMPARE(removed.size(), 2);
    QCOMPARE(removed.at(0).at(0).toString(), u"同事"_s);
    QCOMPARE(removed.at(0).at(1).value<RosterManager::RemoveGroupMode>(),
             RosterManager::RemoveGroupMode::RemoveMembers);
    QCOMPARE(removed.at(1).at(1).value<RosterManager::RemoveGroupMode>(),
             RosterManager::RemoveGroupMode::MoveMembersToDefault);

    // The empty area: add friend and add group only. A new group is offered for moves until used.
    std::unique_ptr<QMenu> empty(view.createContextMenu({}));
    QVERIFY(!empty->findChild<QAction *>(u"renameGroupAction"_s));
    findAction(empty.get(), u"addFriendAction"_s)->trigger();
    QCOMPARE(addFriend.size(), 1);
    view.setTextPrompt([](const QString &, const QString &, const QString &) { return u"新分组"_s; });
    findAction(empty.get(), u"addGroupAction"_s)->trigger();
    QCOMPARE(added.size(), 1);
    QVERIFY(view.groups().contains(u"新分组"_s));
    std::unique_ptr<QMenu> contactMenu(view.createContextMenu(contactIndex(model, 0, 0)));
    QVERIFY(findAction(contactMenu->findChild<QMenu *>(u"moveToGroupMenu"_s), u"moveTo:新分组"_s)->isEnabled());

    // Cancelling the prompt (a null string) does nothing.
    view.setTextPrompt([](const QString &, const QString &, const QString &) { return QString(); });
    findAction(menu.get(), u"renameGroupAction"_s)->trigger();
    QCOMPARE(renamed.size(), 1);
}

void tst_ContactList::presenceWords()
{
    QCOMPARE(ContactDelegate::presenceText(false, int(Presence::Show::Dnd)), u"Offline"_s);
    QCOMPARE(ContactDelegate::presenceText(true, int(Presence::Show::None)), u"Online"_s);
    QCOMPARE(ContactDelegate::presenceText(true, int(Presence::Show::Dnd)), u"Do not disturb"_s);
}

void tst_ContactList::avatarPicturesFromTheSource()
{
    // Two rows, one with a picture (a pure blue square) and one without: the delegate paints the picture,
    // greyed while offline, and the placeholder otherwise.
    QStandardItemModel model;
    addGroup(model, u"G"_s,
             {{u"有图"_s, u"pic@example.com"_s, true, Presence::Show::None, QString(), 0},
              {u"没图"_s, u"nopic@example.com"_s, true, Presence::Show::None, QString(), 0}});
    const QModelIndex group = model.index(0, 0);
    model.itemFromIndex(model.index(0, 0, group))->setData(u"bluehash"_s, RosterModel::AvatarKeyRole);
    QStringList asked;
    ContactDelegate delegate;
    delegate.setAvatarSource([&](const QString &key) {
        asked << key;
        QImage blue(64, 64, QImage::Format_ARGB32);
        blue.fill(Qt::blue);
        return key == u"bluehash" ? blue : QImage();
    });
    const auto paintRow = [&](const QModelIndex &index) {
        QImage canvas(300, ContactDelegate::ContactRowHeight, QImage::Format_ARGB32);
        canvas.fill(Qt::white);
        QPainter painter(&canvas);
        QStyleOptionViewItem option;
        option.rect = canvas.rect();
        delegate.paint(&painter, option, index);
        painter.end();
        // The middle of the avatar circle (12 px margin, 40 px avatar).
        return canvas.pixelColor(12 + 20, ContactDelegate::ContactRowHeight / 2);
    };
    QCOMPARE(paintRow(model.index(0, 0, group)), QColor(Qt::blue));
    QCOMPARE(asked, QStringList{u"bluehash"_s});
    QVERIFY(paintRow(model.index(1, 0, group)) != QColor(Qt::blue));   // placeholder colour
    paintRow(model.index(0, 0, group));
    QCOMPARE(asked.size(), 1);   // painted once, then cached
    model.itemFromIndex(model.index(0, 0, group))->setData(false, RosterModel::AvailableRole);
    const QColor grey = paintRow(model.index(0, 0, group));
    QCOMPARE(grey.red(), grey.blue());   // offline: greyed
}

void tst_ContactList::lastSeenWords()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(ContactDelegate::lastSeenText(now.addSecs(-10), now), u"last seen just now"_s);
    QCOMPARE(ContactDelegate::lastSeenText(now.addSecs(-5 * 60), now), u"last seen 5 min ago"_s);
    QCOMPARE(ContactDelegate::lastSeenText(now.addSecs(-3 * 3600 - 5), now), u"last seen 3 h ago"_s);
    QVERIFY(ContactDelegate::lastSeenText(now.addDays(-3), now).contains(u"3 days ago"_s));
    QVERIFY(ContactDelegate::lastSeenText(now.addDays(-40), now).startsWith(u"last seen "_s));
}

void tst_ContactList::lastSeenAskedForVisibleOfflineRowsOnce()
{
    QStandardItemModel model;
    fillModel(model);
    ContactListView view;
    QSignalSpy wanted(&view, &ContactListView::lastSeenWanted);
    view.setModel(&model);
    // The first group's header and its four online contacts fill the view; 陈静 and 杨秀英 (offline) are
    // rows 4 and 5, below the fold.
    view.setFixedSize(300, 4 * ContactDelegate::ContactRowHeight + ContactDelegate::GroupRowHeight);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(700);
    QStringList asked;
    for (const auto &args : std::as_const(wanted))
        asked << args.first().value<Jid>().bareString();
    QVERIFY2(asked.isEmpty(), qPrintable(asked.join(u' ')));

    // Scrolled into view: asked once each, online ones never.
    view.scrollTo(view.model()->index(5, 0, view.model()->index(0, 0)));
    QVERIFY(wanted.wait(2000));
    QTest::qWait(500);
    asked.clear();
    for (const auto &args : std::as_const(wanted))
        asked << args.first().value<Jid>().bareString();
    QVERIFY2(asked.contains(u"chenjing@example.com"_s), qPrintable(asked.join(u' ')));
    QVERIFY(!asked.contains(u"zhangwei@example.com"_s));
    QCOMPARE(asked.removeDuplicates(), 0);

    // Asked already: scrolling away and back asks nothing new.
    const qsizetype before = wanted.size();
    view.verticalScrollBar()->setValue(0);
    view.scrollTo(view.model()->index(5, 0, view.model()->index(0, 0)));
    QTest::qWait(700);
    QCOMPARE(wanted.size(), before);
}

void tst_ContactList::profileWantedForVisibleRowsOnce()
{
    QStandardItemModel model;
    fillModel(model);
    ContactListView view;
    QSignalSpy wanted(&view, &ContactListView::profileWanted);
    const auto asked = [&wanted] {
        QStringList jids;
        for (const auto &args : std::as_const(wanted))
            jids << args.first().value<Jid>().bareString();
        return jids;
    };
    view.setModel(&model);
    // The first group's header and its first four contacts fill the view, online or not; 陈静 and 杨秀英
    // (rows 4 and 5) are below the fold, the other groups further down.
    view.setFixedSize(300, 4 * ContactDelegate::ContactRowHeight + ContactDelegate::GroupRowHeight);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(wanted.wait(2000));
    QTest::qWait(500);
    QStringList seen = asked();
    seen.sort();
    QCOMPARE(seen, (QStringList{u"lina@example.com"_s, u"liuyang@example.com"_s, u"wangfang@example.com"_s,
                                u"zhangwei@example.com"_s}));

    // Scrolled into view: the new rows once each, nobody twice.
    view.scrollTo(view.model()->index(5, 0, view.model()->index(0, 0)));
    QTRY_VERIFY_WITH_TIMEOUT(asked().contains(u"yangxy@example.com"_s), 2000);
    QTest::qWait(500);
    seen = asked();
    QVERIFY2(seen.contains(u"chenjing@example.com"_s), qPrintable(seen.join(u' ')));
    QVERIFY2(!seen.contains(u"huangqiang@corp.example"_s), qPrintable(seen.join(u' ')));   // never on screen
    QCOMPARE(seen.removeDuplicates(), 0);

    // Asked already: scrolling away and back, or a row's data changing (a profile arriving), asks nothing new.
    const qsizetype before = wanted.size();
    view.verticalScrollBar()->setValue(0);
    QTest::qWait(500);
    model.item(0)->child(0)->setData(u"伟伟"_s, RosterModel::DisplayNameRole);
    view.scrollTo(view.model()->index(5, 0, view.model()->index(0, 0)));
    QTest::qWait(700);
    QCOMPARE(wanted.size(), before);

    // A hidden view asks nothing, even for rows that arrive.
    view.hide();
    addGroup(model, u"新朋友"_s, {{u"新人"_s, u"newcomer@example.com"_s, false, Presence::Show::None, QString(), 0}});
    view.collapse(view.model()->index(0, 0));
    QTest::qWait(700);
    QCOMPARE(wanted.size(), before);
}

void tst_ContactList::mainWindowHostsView()
{
    QStandardItemModel model;
    MainWindow window;
    auto *view = new ContactListView;
    view->setModel(&model);
    window.setContactView(view);
    auto *area = window.findChild<QStackedWidget *>(u"contactArea"_s);
    QVERIFY(area);
    QCOMPARE(area->currentWidget()->objectName(), u"contactsPlaceholder"_s);
    fillModel(model);
    QCOMPARE(area->currentWidget(), view);
    model.clear();
    QCOMPARE(area->currentWidget()->objectName(), u"contactsPlaceholder"_s);
    // A search that matches nothing shows the empty list, not "no contacts yet".
    window.findChild<QLineEdit *>(u"searchEdit"_s)->setText(u"zzz"_s);
    QCOMPARE(area->currentWidget(), view);
    window.findChild<QLineEdit *>(u"searchEdit"_s)->clear();
    QCOMPARE(area->currentWidget()->objectName(), u"contactsPlaceholder"_s);

    QSignalSpy add(&window, &MainWindow::addFriendRequested);
    QSignalSpy requests(&window, &MainWindow::friendRequestsRequested);
    window.findChild<QToolButton *>(u"addFriendButton"_s)->click();
    window.findChild<QToolButton *>(u"friendRequestsButton"_s)->click();
    QCOMPARE(add.size(), 1);
    QCOMPARE(requests.size(), 1);

    auto *badge = window.findChild<QLabel *>(u"friendRequestsBadge"_s);
    QVERIFY(badge);
    QVERIFY(badge->isHidden());
    window.setFriendRequestCount(3);
    QVERIFY(!badge->isHidden());
    QCOMPARE(badge->text(), u"3"_s);
    window.setFriendRequestCount(0);
    QVERIFY(badge->isHidden());
}

void tst_ContactList::realRosterModel()
{
    // The view on the real model and proxy, fed from a cached roster: groups unfold, the default group is
    // there, the search narrows the list.
    Database database;
    QVERIFY(database.open(u":memory:"_s));
    RosterStore store(database);
    auto item = [](const QString &jid, const QString &name, const QStringList &groups) {
        RosterItem i;
        i.jid = Jid::fromString(jid);
        i.name = name;
        i.subscription = RosterItem::Subscription::Both;
        i.groups = groups;
        return i;
    };
    QVERIFY(store.replaceAll({item(u"zhangwei@example.com"_s, u"张伟"_s, {}),
                              item(u"wangfang@example.com"_s, u"王芳"_s, {u"同事"_s}),
                              item(u"bob@example.com"_s, u"Bob"_s, {u"同事"_s})},
                             u"1"_s));
    RosterManager roster(&store);
    PresenceManager presence;
    RosterModel model(&roster, &presence);
    RosterFilterModel filter;
    filter.setSourceModel(&model);
    ContactListView view;
    view.setModel(&filter);
    QCOMPARE(filter.rowCount(), 2);
    QCOMPARE(view.groups().size(), 2);
    QVERIFY(view.groups().contains(RosterManager::defaultGroupName()));
    for (int row = 0; row < filter.rowCount(); ++row)
        QVERIFY(view.isExpanded(filter.index(row, 0)));

    filter.setFilterText(u"王"_s);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.rowCount(filter.index(0, 0)), 1);
    QVERIFY(view.isExpanded(filter.index(0, 0)));
}

void tst_ContactList::screenshot()
{
    const QString dir = screenshotDir();
    if (dir.isEmpty())
        QSKIP("set XIN_SCREENSHOT_DIR to save screenshots");
    // XIN_SCREENSHOT_QM: a .qm file (e.g. build/translations/xin_zh_CN.qm) to see the translated list.
    QTranslator translator;
    const QString qm = qEnvironmentVariable("XIN_SCREENSHOT_QM");
    if (!qm.isEmpty() && translator.load(qm))
        QCoreApplication::installTranslator(&translator);
    const QString suffix = qm.isEmpty() ? QString() : u"-"_s + QFileInfo(qm).baseName();
    ScreenshotUtils::useAppStyleSheet();

    QStandardItemModel model;
    fillModel(model);
    MainWindow window;
    window.setOwnJid(Jid::fromString(u"xiaoming@example.com"));
    window.setDisplayName(u"小明"_s);
    window.setStatus(StatusChoice::Online);
    window.setStatusMessage(u"今天也要加油"_s);
    window.setConnectionState(XmppClient::State::Connected);
    auto *view = new ContactListView;
    view->setModel(&model);
    view->collapse(model.index(4, 0));
    view->collapse(model.index(5, 0));
    window.setContactView(view);
    window.setFriendRequestCount(2);
    window.resize(320, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    view->setCurrentIndex(contactIndex(model, 0, 2));
    QTest::qWait(50);
    QVERIFY(window.grab().save(QDir(dir).filePath(u"contacts-main%1.png"_s.arg(suffix))));

    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
    QTest::qWait(50);
    QVERIFY(window.grab().save(QDir(dir).filePath(u"contacts-main-scrolled%1.png"_s.arg(suffix))));
    qApp->setStyleSheet(QString());
}

QTEST_MAIN(tst_ContactList)
#include "tst_contactlist.moc"
