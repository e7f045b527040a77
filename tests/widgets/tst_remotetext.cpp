// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Remote text in every view that shows it (issue 13, findings 1 and 11): tool tips are literal, never rich
// text that loads <img src> (docs/SECURITY.md rule 5); names, statuses and previews embedded in our text are
// bidi-isolated (UAX #9 §2.7); look-alike addresses get a warning. The real QToolTip is shown for each view;
// a tool tip that rendered <img src='/dev/zero'> would hang, and the per-function timeout set in main() fails
// the test instead of stalling it.
#include "ScreenshotUtils.h"
#include "chat/ChatHeader.h"
#include "chat/ChatWindow.h"
#include "chat/ConversationDelegate.h"
#include "chat/MessageDelegate.h"
#include "chat/MessageDocument.h"
#include "chat/MessageView.h"
#include "common/SafeText.h"
#include "common/SpoofWarning.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "main/HeadlinesDialog.h"
#include "main/MainWindow.h"
#include "models/ConversationModel.h"
#include "models/MessageListModel.h"
#include "models/RemoteText.h"
#include "models/RosterFilterModel.h"
#include "models/RosterModel.h"
#include "profile/ProfileView.h"
#include "roster/AddFriendDialog.h"
#include "roster/ContactDelegate.h"
#include "roster/ContactListView.h"
#include "roster/FriendRequestsDialog.h"
#include "roster/SearchResultDelegate.h"
#include "stanza/VCard.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "storage/RosterStore.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QHelpEvent>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QStandardItemModel>
#include <QTest>
#include <QTextDocument>
#include <QToolTip>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// A body or nickname that hangs a rich-text tool tip, and one that reads a local file.
const QString Hang = u"好的 <img src='/dev/zero'>"_s;
const QString Leak = u"<img src='file:///etc/passwd'>"_s;
const QChar Fsi(0x2068);
const QChar Pdi(0x2069);
const Jid Me = Jid::fromString(u"xiaoming@example.com");
const Jid ZhangWei = Jid::fromString(u"zhangwei@example.com");

/// Whether @p tip shows @p raw literally: plain text Qt will not take for rich text, or rich text of ours
/// whose plain text is exactly @p raw (nothing was interpreted). Parsing does not load images.
bool showsLiterally(const QString &tip, const QString &raw)
{
    if (!Qt::mightBeRichText(tip))
        return tip == raw;
    QTextDocument document;
    document.setHtml(tip);
    return document.toPlainText() == raw;
}

/// Asks @p widget for its tool tip at @p pos the way the user's pause over it does (QEvent::ToolTip, which
/// shows the real QToolTip), and returns the text shown, or an empty string.
QString hover(QWidget *widget, QPoint pos)
{
    QToolTip::hideText();
    QHelpEvent event(QEvent::ToolTip, pos, widget->mapToGlobal(pos));
    QApplication::sendEvent(widget, &event);
    QCoreApplication::processEvents();
    return QToolTip::isVisible() ? QToolTip::text() : QString();
}

/// Every QLabel under @p root that shows @p raw must do so as plain text (no Qt::AutoText guess).
bool labelsArePlain(const QWidget *root, const QString &raw, QString *which)
{
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (label->text().contains(raw) && label->textFormat() != Qt::PlainText) {
            *which = label->objectName();
            return false;
        }
    }
    return true;
}

} // namespace

class tst_RemoteText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toolTipHelper();
    void contactList();
    void conversationList();
    void chatHeader();
    void messageView();
    void friendRequests();
    void searchResults();
    void profileView();
    void headlines();
    void mainWindowProfileHeader();
    void notificationText();
    void bidiIsolation();
    void lookAlikeBadges();
    void screenshot();
    void cleanup() { QToolTip::hideText(); }
};

void tst_RemoteText::toolTipHelper()
{
    for (const QString &raw : {Hang, Leak, u"a < b && c > d"_s, u"line one\nline two"_s}) {
        const QString tip = RemoteText::toolTip(raw);
        QVERIFY2(showsLiterally(tip, raw), qPrintable(tip));
    }
    QVERIFY(RemoteText::toolTip({}).isEmpty());
    QCOMPARE(RemoteText::toolTip(QString(5000, u'x')).size() < 1100, true);   // a 100 KB body is cut
}

void tst_RemoteText::contactList()
{
    // The real model: its tool tip (the address) goes through the same escaping as every other.
    Database database;
    QVERIFY(database.open(u":memory:"_s));
    RosterStore store(database);
    RosterItem item;
    item.jid = ZhangWei;
    item.name = Hang;
    item.subscription = RosterItem::Subscription::Both;
    QVERIFY(store.replaceAll({item}, u"1"_s));
    RosterManager roster(&store);
    PresenceManager presence;
    RosterModel model(&roster, &presence);
    RosterFilterModel filter;
    filter.setSourceModel(&model);
    ContactListView view;
    view.setModel(&filter);
    view.resize(300, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const QModelIndex contact = filter.index(0, 0, filter.index(0, 0));
    QVERIFY(contact.isValid());
    QCOMPARE(contact.data(RosterModel::DisplayNameRole).toString(), Hang);
    const QString tip = contact.data(Qt::ToolTipRole).toString();
    QVERIFY2(showsLiterally(tip, ZhangWei.toString()), qPrintable(tip));
    const QString shown = hover(view.viewport(), view.visualRect(contact).center());
    QVERIFY2(showsLiterally(shown, ZhangWei.toString()), qPrintable(shown));
}

void tst_RemoteText::conversationList()
{
    Database database;
    QVERIFY(database.open(u":memory:"_s));
    MessageStore store(database);
    ConversationModel conversations;
    ChatWindow window;
    window.setConversationModel(&conversations);
    window.resize(800, 600);

    for (const QString &body : {Hang, Leak}) {
        ChatMessage message;
        message.chat = ZhangWei;
        message.body = body;
        message.id = body.left(2);
        message.timestamp = QDateTime::currentDateTimeUtc();
        QCOMPARE(store.add(message), MessageStore::AddResult::Added);
        conversations.messageAdded(message);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // The model's tool tip first: if it were the raw body, showing it would hang.
        const QModelIndex row = window.conversationList()->model()->index(0, 0);
        const QString tip = row.data(Qt::ToolTipRole).toString();
        QVERIFY2(showsLiterally(tip, body), qPrintable(tip));
        QListView *list = window.conversationList();
        const QString shown = hover(list->viewport(), list->visualRect(row).center());
        QVERIFY2(showsLiterally(shown, body), qPrintable(shown));
    }
}

void tst_RemoteText::chatHeader()
{
    ChatHeader header;
    header.setPeer(ZhangWei, Hang, {}, Leak, true);
    header.resize(500, 60);
    header.show();
    QVERIFY(QTest::qWaitForWindowExposed(&header));
    QWidget *name = header.findChild<QWidget *>(u"peerName"_s);
    QWidget *status = header.findChild<QWidget *>(u"peerStatus"_s);
    QVERIFY(name && status);
    const QString shownName = hover(name, name->rect().center());
    QVERIFY2(showsLiterally(shownName, Hang), qPrintable(shownName));
    const QString shownStatus = hover(status, status->rect().center());
    QVERIFY2(showsLiterally(shownStatus, header.statusLine()), qPrintable(shownStatus));
    QVERIFY(header.statusLine().contains(Leak));
}

void tst_RemoteText::messageView()
{
    // A failed message whose error text (the server's words) is hostile: its "!" shows the reason.
    Database database;
    QVERIFY(database.open(u":memory:"_s));
    MessageStore store(database);
    ChatMessage message;
    message.chat = ZhangWei;
    message.body = Leak;
    message.id = u"m1"_s;
    message.direction = ChatMessage::Direction::Outgoing;
    message.state = ChatMessage::State::Sent;
    message.timestamp = QDateTime::currentDateTimeUtc();
    QCOMPARE(store.add(message), MessageStore::AddResult::Added);
    store.setState(message.rowId, ChatMessage::State::Failed, Hang);
    MessageListModel model(&store, ZhangWei);
    MessageView view;
    view.setMessageModel(&model);
    view.resize(500, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const QModelIndex index = view.model()->index(0, 0);
    const QRect rect = view.visualRect(index);
    const MessageDelegate::Layout layout = view.messageDelegate()->layout(index, rect.width(), view.font());
    QVERIFY(!layout.failed.isEmpty());
    const QString shown = hover(view.viewport(), rect.topLeft() + layout.failed.center());
    // The server's reason inside our sentence ("Not sent: …"), as text: had the tag been read as markup,
    // its characters would be gone from what is shown.
    QTextDocument tip;
    tip.setHtml(shown);
    QVERIFY2(tip.toPlainText().contains(Hang), qPrintable(shown));
    QVERIFY(layout.document);
    QCOMPARE(layout.document->toPlainText(), Leak);   // the body itself is text
}

void tst_RemoteText::friendRequests()
{
    FriendRequestsDialog dialog;
    dialog.setRequests({{ZhangWei, Leak, Hang}});
    dialog.resize(420, 400);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QWidget *name = dialog.findChild<QWidget *>(u"requestName"_s);
    QVERIFY(name);
    const QString shown = hover(name, name->rect().center());
    QVERIFY2(showsLiterally(shown, Hang), qPrintable(shown));
    QString which;
    QVERIFY2(labelsArePlain(&dialog, Leak, &which), qPrintable(which));
}

void tst_RemoteText::searchResults()
{
    AddFriendDialog dialog;
    dialog.setSearchResults(
        {{ZhangWei, Hang, Leak, u"zw@example.com"_s}, {Jid::fromString(u"\u0430lice@example.com"), Leak, {}, {}}});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *results = dialog.findChild<QListWidget *>(u"searchResults"_s);
    QVERIFY(results);
    QCOMPARE(results->count(), 2);
    // An ordinary row has no tool tip; a look-alike row has our warning, plain.
    QCOMPARE(hover(results->viewport(), results->visualItemRect(results->item(0)).center()), QString());
    const QString shown = hover(results->viewport(), results->visualItemRect(results->item(1)).center());
    QCOMPARE(shown, SpoofWarning::text(JidSpoofCheck::Issue::MixedScripts));
    QVERIFY(!Qt::mightBeRichText(shown));
    QString which;
    QVERIFY2(labelsArePlain(&dialog, Leak, &which), qPrintable(which));
}

void tst_RemoteText::profileView()
{
    VCard card;
    card.nickname = Hang;
    card.fullName = Leak;
    card.description = Leak;
    ProfileView view(ZhangWei);
    view.setDisplayName(Hang);
    view.setVCard(card);
    view.setLoadFailed(Leak);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QString which;
    QVERIFY2(labelsArePlain(&view, Leak, &which), qPrintable(which));
    QVERIFY2(labelsArePlain(&view, Hang, &which), qPrintable(which));
    for (QWidget *child : view.findChildren<QWidget *>()) {
        const QString tip = child->toolTip();
        QVERIFY2(!tip.contains(u"<img"_s), qPrintable(child->objectName()));
    }
}

void tst_RemoteText::headlines()
{
    HeadlinesDialog dialog;
    ChatMessage headline;
    headline.chat = Jid::fromString(u"news.example.com");
    headline.subject = Hang;
    headline.body = Leak;
    headline.type = Message::Type::Headline;
    headline.timestamp = QDateTime::currentDateTimeUtc();
    dialog.addHeadline(headline);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = dialog.findChild<QListWidget *>(u"headlinesList"_s);
    QVERIFY(list);
    const QString shown = hover(list->viewport(), list->visualItemRect(list->item(0)).center());
    QVERIFY2(shown.isEmpty() || showsLiterally(shown, list->item(0)->text()), qPrintable(shown));
    // Both remote parts are there as text, each isolated.
    QVERIFY(dialog.textAt(0).contains(Fsi + Hang + Pdi));
    QVERIFY(dialog.textAt(0).contains(Fsi + Leak + Pdi));
}

void tst_RemoteText::mainWindowProfileHeader()
{
    // Our own vCard nickname comes from the server too.
    MainWindow window;
    window.setOwnJid(Me);
    window.setDisplayName(Hang);
    window.setStatusMessage(Leak);
    window.resize(320, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QWidget *name = window.findChild<QWidget *>(u"displayName"_s);
    QVERIFY(name);
    const QString shown = hover(name, name->rect().center());
    QVERIFY2(showsLiterally(shown, Hang), qPrintable(shown));
    QString which;
    QVERIFY2(labelsArePlain(&window, Hang, &which), qPrintable(which));
}

void tst_RemoteText::notificationText()
{
    // What a notification server may read as markup: nothing of it survives, the words do.
    const QString text = SafeText::notification(u"小明: "_s + Hang + u"\n" + Leak, 300);
    QVERIFY(!text.contains(u'<'));
    QVERIFY(!text.contains(u'>'));
    QVERIFY(!text.contains(u'&'));
    QVERIFY(!text.contains(u'\n'));
    QVERIFY(text.contains(u"好的"_s));
    QCOMPARE(SafeText::notification(QString(500, u'x'), 160).size(), 160);
}

void tst_RemoteText::bidiIsolation()
{
    // U+202E (right-to-left override) in a status or a preview must not run into our own words.
    const QString rlo = u"\u202Eevil"_s;

    QStandardItemModel contacts;
    auto *row = new QStandardItem;
    row->setData(int(RosterModel::Kind::Contact), RosterModel::KindRole);
    row->setData(true, RosterModel::AvailableRole);
    row->setData(rlo, RosterModel::StatusTextRole);
    row->setData(false, RosterModel::PendingOutRole);
    contacts.appendRow(row);
    const QString line = ContactDelegate::statusLine(contacts.index(0, 0), QDateTime::currentDateTimeUtc());
    QVERIFY2(line.endsWith(Fsi + rlo + Pdi), qPrintable(line));

    Database database;
    QVERIFY(database.open(u":memory:"_s));
    MessageStore store(database);
    ConversationModel conversations;
    conversations.setDisplayName(ZhangWei, u"\u202E伟"_s);
    ChatMessage message;
    message.chat = ZhangWei;
    message.body = u"/me waves"_s;
    message.id = u"b1"_s;
    message.timestamp = QDateTime::currentDateTimeUtc();
    QCOMPARE(store.add(message), MessageStore::AddResult::Added);
    conversations.messageAdded(message);
    const QModelIndex conversation = conversations.index(0, 0);
    QCOMPARE(conversation.data(ConversationModel::LastMessageRole).toString(),
             u"* "_s + Fsi + u"\u202E伟" + Pdi + u" waves");
    QCOMPARE(ConversationDelegate::previewLine(conversation),
             Fsi + conversation.data(ConversationModel::LastMessageRole).toString() + Pdi);

    ChatHeader header;
    header.setPeer(ZhangWei, u"伟"_s, {}, rlo, true);
    QVERIFY2(header.statusLine().endsWith(Fsi + rlo + Pdi), qPrintable(header.statusLine()));
}

void tst_RemoteText::lookAlikeBadges()
{
    // A friend request from "аlice" (Cyrillic а) carries the warning; one from 小明@例子.中国 does not.
    const Jid fake = Jid::fromString(u"\u0430lice@example.com");
    const Jid chinese = Jid::fromString(u"小明@例子.中国");
    QVERIFY(!fake.isNull() && !chinese.isNull());
    FriendRequestsDialog dialog;
    dialog.setRequests({{fake, u"hi"_s, u"Alice"_s}, {chinese, u"你好"_s, u"小明"_s}});
    dialog.resize(420, 500);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto warningOf = [&dialog](const Jid &jid) {
        auto *row = dialog.findChild<QWidget *>(u"friendRequest:"_s + jid.bareString());
        return row ? row->findChild<SpoofWarning *>() : nullptr;
    };
    QVERIFY(warningOf(fake) && warningOf(chinese));
    QVERIFY(warningOf(fake)->isVisible());
    QCOMPARE(warningOf(fake)->text(), u"This address mixes alphabets; it may imitate another."_s);
    QVERIFY(!warningOf(chinese)->isVisible());

    // Search results: the row carries the warning (painted as a badge); picking it shows the sentence.
    AddFriendDialog add;
    add.setSearchResults({{fake, u"Alice"_s, {}, {}}, {chinese, u"小明"_s, {}, {}}});
    add.show();
    QVERIFY(QTest::qWaitForWindowExposed(&add));
    auto *results = add.findChild<QListWidget *>(u"searchResults"_s);
    QVERIFY(!results->item(0)->data(SearchResultDelegate::WarningRole).toString().isEmpty());
    QVERIFY(results->item(1)->data(SearchResultDelegate::WarningRole).toString().isEmpty());
    auto *picked = add.findChild<SpoofWarning *>(u"resultSpoofWarning"_s);
    QVERIFY(picked);
    QVERIFY(!picked->isVisible());
    results->setCurrentRow(0);
    QTRY_VERIFY(picked->isVisible());
    results->setCurrentRow(1);
    QTRY_VERIFY(!picked->isVisible());
}

void tst_RemoteText::screenshot()
{
    // XIN_SCREENSHOT_DIR: friend requests and search results with a look-alike address, light and dark.
    const QString dir = qEnvironmentVariable("XIN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set XIN_SCREENSHOT_DIR to save screenshots");
    ScreenshotUtils::useAppStyleSheet();
    const QPalette light = QApplication::palette();
    const QPalette dark = ScreenshotUtils::darkPalette();
    const Jid fake = Jid::fromString(u"\u0430lice@example.com");
    const Jid chinese = Jid::fromString(u"小明@例子.中国");
    for (const auto &[name, palette] : {std::pair{u"light"_s, light}, std::pair{u"dark"_s, dark}}) {
        QApplication::setPalette(palette);
        FriendRequestsDialog requests;
        requests.setGroups({u"我的好友"_s});
        requests.setRequests({{fake, u"你好，我是 Alice，加个好友吧"_s, u"Alice"_s}, {chinese, u"你好"_s, u"小明"_s}});
        requests.resize(440, 420);
        requests.show();
        QVERIFY(QTest::qWaitForWindowExposed(&requests));
        QVERIFY(requests.grab().save(QDir(dir).filePath(u"requests-lookalike-%1.png"_s.arg(name))));

        AddFriendDialog add;
        add.setSearchResults({{fake, u"Alice"_s, u"Alice Chen"_s, u"alice@example.com"_s},
                              {chinese, u"小明"_s, u"王小明"_s, {}},
                              {Jid::fromString(u"bob@example.com"), u"Bob"_s, {}, {}}});
        add.findChild<QListWidget *>(u"searchResults"_s)->setCurrentRow(0);
        add.show();
        QVERIFY(QTest::qWaitForWindowExposed(&add));
        QVERIFY(add.grab().save(QDir(dir).filePath(u"search-lookalike-%1.png"_s.arg(name))));
    }
    QApplication::setPalette(light);
    qApp->setStyleSheet(QString());
}

int main(int argc, char **argv)
{
    // A rich-text tool tip of "<img src='/dev/zero'>" never returns: 60 s per function, then a failure.
    qputenv("QTEST_FUNCTION_TIMEOUT", "60000");
    QApplication app(argc, argv);
    tst_RemoteText test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_remotetext.moc"
