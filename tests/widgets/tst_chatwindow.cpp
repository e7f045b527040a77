// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The chat window offscreen: remote text stays text, keys send and edit, ticks and "typing…" follow the
// models, XEP-0393 styling and safe links, paging and archive requests, search; and screenshots.
#include "ScreenshotUtils.h"
#include "chat/ChatHeader.h"
#include "chat/ChatSearchPanel.h"
#include "chat/ChatWindow.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "chat/MessageDelegate.h"
#include "chat/MessageDocument.h"
#include "chat/MessageView.h"
#include "common/AvatarImages.h"
#include "models/ConversationModel.h"
#include "models/MessageListModel.h"
#include "storage/AvatarStore.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const Jid Me = Jid::fromString(u"xiaoming@example.com");
const Jid ZhangWei = Jid::fromString(u"zhangwei@example.com");
const Jid Bob = Jid::fromString(u"bob@jabber.example");

template <typename T>
T *child(QObject &parent, const QString &name)
{
    auto *object = parent.findChild<T *>(name);
    if (!object)
        qFatal("no child %s", qPrintable(name));
    return object;
}

/// A window on a real history (SQLite in memory): messages go to the store first, then to the models, as
/// the app does it.
struct Fixture
{
    Fixture()
    {
        if (!db.open(u":memory:"_s))
            qFatal("no database");
        store = std::make_unique<MessageStore>(db);
        window.setConversationModel(&conversations);
        window.setOwnInfo(Me, u"小明"_s, {});
        window.messageView()->setOpenLinks(false);
        window.resize(900, 640);
    }

    ChatMessage add(const Jid &chat, const QString &body, const QDateTime &when,
                    ChatMessage::Direction direction = ChatMessage::Direction::Incoming,
                    ChatMessage::State state = ChatMessage::State::Received)
    {
        static int counter = 0;
        ChatMessage m;
        m.chat = chat;
        m.body = body;
        m.timestamp = when.toUTC();
        m.direction = direction;
        m.id = u"w%1"_s.arg(++counter);
        m.state = direction == ChatMessage::Direction::Outgoing && state == ChatMessage::State::Received
                    ? ChatMessage::State::Sent
                    : state;
        return add(m);
    }

    ChatMessage add(ChatMessage m)
    {
        if (store->add(m) != MessageStore::AddResult::Added)
            qFatal("not stored");
        if (m.state == ChatMessage::State::Failed || m.state == ChatMessage::State::Delivered
            || m.state == ChatMessage::State::Read) {
            store->setState(m.rowId, m.state, m.errorText);
            m = *store->message(m.rowId);
        }
        conversations.messageAdded(m);
        if (MessageListModel *model = window.messageModel(m.chat))
            model->messageAdded(m);
        return m;
    }

    void change(qint64 rowId)
    {
        const ChatMessage m = *store->message(rowId);
        conversations.messageChanged(m);
        if (MessageListModel *model = window.messageModel(m.chat))
            model->messageChanged(m);
    }

    void open(const Jid &jid)
    {
        window.openChat(jid, window.messageModel(jid) ? nullptr : new MessageListModel(store.get(), jid));
    }

    void show()
    {
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qFatal("window not exposed");
    }

    /// The laid-out document of row @p row of the open chat.
    MessageDocument *document(int row)
    {
        MessageView *view = window.messageView();
        const QModelIndex index = view->model()->index(row, 0);
        return view->messageDelegate()->layout(index, view->viewport()->width(), view->font()).document;
    }

    MessageDelegate::Layout layout(int row)
    {
        MessageView *view = window.messageView();
        const QModelIndex index = view->model()->index(row, 0);
        return view->messageDelegate()->layout(index, view->viewport()->width(), view->font());
    }

    Database db;
    std::unique_ptr<MessageStore> store;
    ConversationModel conversations;
    ChatWindow window;
};

/// QTest::keyClicks for any text: it accepts only ASCII, but users type Chinese (through an input method, whose
/// commit reaches the widget as text).
void typeText(QWidget *widget, const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() < 0x80) {
            QTest::keyClick(widget, char(c.unicode()));
            continue;
        }
        const qsizetype length = c.isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, text.mid(i, length), Qt::NoModifier);
        i += length - 1;
    }
}

QDateTime minutesAgo(int minutes)
{
    return QDateTime::currentDateTime().addSecs(-60 * minutes);
}

/// Where @p link is drawn in the view, found by asking the view (viewport coordinates).
QPoint findLink(MessageView *view, const QString &link)
{
    for (int y = 0; y < view->viewport()->height(); y += 2) {
        for (int x = 0; x < view->viewport()->width(); x += 3) {
            if (view->linkAt(QPoint(x, y)) == link)
                return {x, y};
        }
    }
    return {-1, -1};
}

/// A stand-in for someone's photo: a sky, a face and shoulders, in @p shirt.
QByteArray portrait(const QColor &shirt)
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
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

}   // namespace

class tst_ChatWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void remoteMarkupIsLiteralText();
    void enterSendsAndClears();
    void shiftEnterInsertsNewline();
    void ctrlEnterMode();
    void upEditsLastMessage();
    void ticksFollowMessageChanged();
    void marksSayWhatTheyMean();
    void failedMessageIsResentFromItsMarkOrMenu();
    void typingShowsInHeader();
    void stylingMakesBold();
    void onlySafeLinks();
    void ourChatStates();
    void scrollingBackPagesThenAsksArchive();
    void newMessagesPill();
    void searchFindsAndShows();
    void conversationListOpensChats();
    void screenshot();
};

void tst_ChatWindow::remoteMarkupIsLiteralText()
{
    Fixture f;
    const QString hostile = u"<b>hi</b><img src=x>"_s;
    f.add(ZhangWei, hostile, minutesAgo(3));
    f.add(ZhangWei, u"<img src=\"file:///etc/passwd\"> &amp; <a href='javascript:alert(1)'>x</a>"_s, minutesAgo(2));
    f.window.setPeerInfo(ZhangWei, u"<img src=x>张伟"_s, {}, u"<b>status</b>"_s, true);
    f.open(ZhangWei);
    f.show();
    f.window.grab();   // paint everything once

    MessageDocument *document = f.document(0);
    QVERIFY(document);
    QCOMPARE(document->toPlainText(), hostile);
    QVERIFY(document->links().isEmpty());
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            QCOMPARE(it.fragment().charFormat().fontWeight(), int(QFont::Normal));
            QVERIFY(!it.fragment().charFormat().isImageFormat());
        }
    }
    QVERIFY(!document->toHtml().contains(u"<img"_s));   // escaped wherever Qt would write it out
    QCOMPARE(f.document(1)->toPlainText(),
             u"<img src=\"file:///etc/passwd\"> &amp; <a href='javascript:alert(1)'>x</a>"_s);
    QVERIFY(f.document(1)->links().isEmpty());
    QCOMPARE(f.window.messageView()->messageDelegate()->resourceRequests(), 0);
    QCOMPARE(f.window.header()->name(), u"<img src=x>张伟"_s);
    QVERIFY(f.window.header()->statusLine().contains(u"<b>status</b>"_s));
}

void tst_ChatWindow::enterSendsAndClears()
{
    Fixture f;
    f.add(ZhangWei, u"你好"_s, minutesAgo(1));
    f.open(ZhangWei);
    f.show();
    QSignalSpy sent(&f.window, &ChatWindow::sendRequested);
    ComposerEdit *edit = f.window.composer()->edit();
    typeText(edit, u"晚上好 Bob"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.first().at(0).value<Jid>(), ZhangWei);
    QCOMPARE(sent.first().at(1).toString(), u"晚上好 Bob"_s);
    QCOMPARE(edit->toPlainText(), QString());
    QTest::keyClick(edit, Qt::Key_Enter);   // nothing to send
    typeText(edit, u"   "_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(sent.count(), 1);

    // The Send button does the same.
    edit->clear();
    typeText(edit, u"button"_s);
    child<QPushButton>(f.window, u"sendButton"_s)->click();
    QCOMPARE(sent.count(), 2);
    QCOMPARE(sent.last().at(1).toString(), u"button"_s);
}

void tst_ChatWindow::shiftEnterInsertsNewline()
{
    Fixture f;
    f.add(ZhangWei, u"你好"_s, minutesAgo(1));
    f.open(ZhangWei);
    f.show();
    QSignalSpy sent(&f.window, &ChatWindow::sendRequested);
    ComposerEdit *edit = f.window.composer()->edit();
    typeText(edit, u"第一行"_s);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    typeText(edit, u"second line"_s);
    QCOMPARE(sent.count(), 0);
    QCOMPARE(edit->toPlainText(), u"第一行\nsecond line"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.first().at(1).toString(), u"第一行\nsecond line"_s);
}

void tst_ChatWindow::ctrlEnterMode()
{
    Fixture f;
    f.add(ZhangWei, u"你好"_s, minutesAgo(1));
    f.open(ZhangWei);
    f.show();
    QSignalSpy sent(&f.window, &ChatWindow::sendRequested);
    QSignalSpy option(&f.window, &ChatWindow::sendWithCtrlEnterChanged);
    f.window.setSendWithCtrlEnter(true);
    QVERIFY(f.window.sendWithCtrlEnter());
    QCOMPARE(option.count(), 0);   // set by the app: no signal
    ComposerEdit *edit = f.window.composer()->edit();
    typeText(edit, u"a"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    typeText(edit, u"b"_s);
    QCOMPARE(sent.count(), 0);
    QCOMPARE(edit->toPlainText(), u"a\nb"_s);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.first().at(1).toString(), u"a\nb"_s);

    // The Send button's menu switches back, as in QQ, and says so.
    auto *menu = child<QMenu>(f.window, u"sendOptionsMenu"_s);
    child<QAction>(*menu, u"enterSendsAction"_s)->trigger();
    QCOMPARE(option.count(), 1);
    QCOMPARE(option.first().at(0).toBool(), false);
    QVERIFY(!f.window.sendWithCtrlEnter());
    typeText(edit, u"c"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(sent.count(), 2);
}

void tst_ChatWindow::upEditsLastMessage()
{
    Fixture f;
    f.add(ZhangWei, u"first of mine"_s, minutesAgo(5), ChatMessage::Direction::Outgoing);
    f.add(ZhangWei, u"helo wrold"_s, minutesAgo(4), ChatMessage::Direction::Outgoing);
    f.add(ZhangWei, u"他的回复"_s, minutesAgo(3));
    f.open(ZhangWei);
    f.show();
    QSignalSpy sent(&f.window, &ChatWindow::sendRequested);
    QSignalSpy corrected(&f.window, &ChatWindow::correctionRequested);
    ComposerEdit *edit = f.window.composer()->edit();
    auto *strip = child<QFrame>(f.window, u"editingStrip"_s);

    QTest::keyClick(edit, Qt::Key_Up);
    QCOMPARE(edit->toPlainText(), u"helo wrold"_s);
    QVERIFY(f.window.composer()->isEditing());
    QVERIFY(strip->isVisible());
    // Escape cancels.
    QTest::keyClick(edit, Qt::Key_Escape);
    QVERIFY(!strip->isVisible());
    QCOMPARE(edit->toPlainText(), QString());

    // Up in a composer with text moves the cursor, nothing else.
    typeText(edit, u"x"_s);
    QTest::keyClick(edit, Qt::Key_Up);
    QVERIFY(!f.window.composer()->isEditing());
    edit->clear();

    QTest::keyClick(edit, Qt::Key_Up);
    edit->selectAll();
    typeText(edit, u"hello world"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(sent.count(), 0);
    QCOMPARE(corrected.count(), 1);
    QCOMPARE(corrected.first().at(0).value<Jid>(), ZhangWei);
    QCOMPARE(corrected.first().at(1).toString(), u"hello world"_s);
    QVERIFY(!strip->isVisible());
    QCOMPARE(edit->toPlainText(), QString());

    // The correction comes back as a change: the row says "edited".
    const ChatMessage last = *f.store->lastOutgoing(ZhangWei);
    QVERIFY(f.store->replaceBody(last.rowId, u"hello world"_s));
    f.change(last.rowId);
    MessageListModel *model = f.window.messageModel(ZhangWei);
    const int row = model->rowOf(last.rowId);
    QCOMPARE(model->index(row, 0).data(MessageListModel::EditedRole).toBool(), true);
    QVERIFY(!f.layout(row).meta.isNull());
    QCOMPARE(f.document(row)->toPlainText(), u"hello world"_s);
}

void tst_ChatWindow::ticksFollowMessageChanged()
{
    Fixture f;
    const ChatMessage mine = f.add(ZhangWei, u"收到了吗？"_s, minutesAgo(1), ChatMessage::Direction::Outgoing,
                                   ChatMessage::State::Pending);
    f.open(ZhangWei);
    f.show();
    MessageListModel *model = f.window.messageModel(ZhangWei);
    const QModelIndex index = model->index(0, 0);
    const auto state = [&] { return ChatMessage::State(index.data(MessageListModel::StateRole).toInt()); };
    QCOMPARE(state(), ChatMessage::State::Pending);
    const int pendingWidth = f.layout(0).meta.width();
    QVERIFY(pendingWidth > 0);

    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    for (const ChatMessage::State next :
         {ChatMessage::State::Sent, ChatMessage::State::Delivered, ChatMessage::State::Read}) {
        QVERIFY(f.store->setState(mine.rowId, next));
        f.change(mine.rowId);
        QCOMPARE(state(), next);
    }
    QCOMPARE(changed.count(), 3);
    QVERIFY(f.layout(0).meta.width() > pendingWidth);   // ✓✓ is wider than the clock
    QVERIFY(f.layout(0).failed.isNull());

    QVERIFY(f.store->setState(mine.rowId, ChatMessage::State::Failed, u"<b>recipient-unavailable</b>"_s));
    f.change(mine.rowId);
    QCOMPARE(state(), ChatMessage::State::Failed);
    const MessageDelegate::Layout failed = f.layout(0);
    QVERIFY(!failed.failed.isNull());
    QVERIFY(!failed.error.isNull());
    QVERIFY(failed.error.top() > failed.bubble.bottom());   // the reason sits under the bubble
    QCOMPARE(index.data(MessageListModel::ErrorTextRole).toString(), u"<b>recipient-unavailable</b>"_s);
}

void tst_ChatWindow::marksSayWhatTheyMean()
{
    // The marks are only drawn: screen readers get them in words (and tool tips say the same).
    Fixture f;
    const ChatMessage pending = f.add(ZhangWei, u"一"_s, minutesAgo(4), ChatMessage::Direction::Outgoing,
                                      ChatMessage::State::Pending);
    f.add(ZhangWei, u"二"_s, minutesAgo(3), ChatMessage::Direction::Outgoing, ChatMessage::State::Sent);
    f.add(ZhangWei, u"三"_s, minutesAgo(2), ChatMessage::Direction::Outgoing, ChatMessage::State::Delivered);
    ChatMessage failed;
    failed.chat = ZhangWei;
    failed.body = u"四"_s;
    failed.timestamp = minutesAgo(1).toUTC();
    failed.direction = ChatMessage::Direction::Outgoing;
    failed.id = u"failed-1"_s;
    failed.state = ChatMessage::State::Failed;
    failed.errorText = u"<b>recipient-unavailable</b>"_s;
    f.add(failed);
    f.add(ZhangWei, u"五"_s, minutesAgo(0), ChatMessage::Direction::Incoming);
    f.open(ZhangWei);
    QAbstractItemModel *model = f.window.messageView()->model();
    QCOMPARE(model->rowCount(), 5);
    const auto said = [&](int row) { return model->index(row, 0).data(Qt::AccessibleDescriptionRole).toString(); };
    QCOMPARE(said(0), MessageDelegate::stateText(ChatMessage::State::Pending));
    QCOMPARE(said(0), u"Sending: not yet confirmed by the server"_s);   // not "sent" until the server has it
    QCOMPARE(said(1), u"Sent: the server has it"_s);
    QCOMPARE(said(2), u"Delivered"_s);
    QCOMPARE(said(3), u"Not sent: <b>recipient-unavailable</b>. Click the red mark to send it again."_s);
    QCOMPARE(said(4), QString());   // theirs: no mark
    QCOMPARE(model->index(0, 0).data(Qt::AccessibleTextRole).toString(), u"一"_s);
    Q_UNUSED(pending)
}

void tst_ChatWindow::failedMessageIsResentFromItsMarkOrMenu()
{
    Fixture f;
    const ChatMessage sent = f.add(ZhangWei, u"到了吗"_s, minutesAgo(2), ChatMessage::Direction::Outgoing);
    ChatMessage failed;
    failed.chat = ZhangWei;
    failed.body = u"没发出去"_s;
    failed.timestamp = minutesAgo(1).toUTC();
    failed.direction = ChatMessage::Direction::Outgoing;
    failed.id = u"failed-2"_s;
    failed.state = ChatMessage::State::Failed;
    failed.errorText = u"service-unavailable"_s;
    failed = f.add(failed);
    f.open(ZhangWei);
    f.show();
    MessageView *view = f.window.messageView();
    QSignalSpy retry(&f.window, &ChatWindow::retryRequested);

    // A click on the red mark sends it again; a click on the bubble does not.
    const QRect row = view->visualRect(view->model()->index(1, 0));
    const MessageDelegate::Layout layout = f.layout(1);
    QVERIFY(!layout.failed.isNull());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.topLeft() + layout.bubble.center());
    QCOMPARE(retry.size(), 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.topLeft() + layout.failed.center());
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.at(0).at(0).toLongLong(), failed.rowId);

    // The context menu offers "Resend" on it, and only on it.
    const auto menuOffersResend = [&](int rowNumber, bool trigger) {
        bool offered = false;
        QTimer::singleShot(0, view, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            auto *resend = menu->findChild<QAction *>(u"resendAction"_s);
            offered = resend != nullptr;
            if (resend && trigger)
                resend->trigger();
            menu->close();
        });
        const QRect rect = view->visualRect(view->model()->index(rowNumber, 0));
        const QPoint at = rect.topLeft() + f.layout(rowNumber).bubble.center();
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &event);
        return offered;
    };
    QVERIFY(!menuOffersResend(0, false));
    QVERIFY(menuOffersResend(1, true));
    QCOMPARE(retry.size(), 2);
    QCOMPARE(retry.at(1).at(0).toLongLong(), failed.rowId);
    Q_UNUSED(sent)
}

void tst_ChatWindow::typingShowsInHeader()
{
    Fixture f;
    f.add(ZhangWei, u"你好"_s, minutesAgo(1));
    f.window.setPeerInfo(ZhangWei, u"张伟"_s, {}, u"今天天气不错"_s, true);
    f.open(ZhangWei);
    f.show();
    ChatHeader *header = f.window.header();
    QCOMPARE(header->name(), u"张伟"_s);
    QVERIFY(header->statusLine().contains(u"今天天气不错"_s));
    f.window.setRemoteState(ZhangWei, ChatState::Composing);
    QCOMPARE(header->statusLine(), ChatHeader::tr("typing…"));
    QCOMPARE(f.conversations.index(0, 0).data(ConversationModel::ChatStateRole).toInt(), int(ChatState::Composing));
    f.window.setRemoteState(ZhangWei, ChatState::Paused);
    QVERIFY(header->statusLine().contains(u"今天天气不错"_s));
    // Another chat's state does not show in this header.
    f.window.setRemoteState(Bob, ChatState::Composing);
    QVERIFY(header->statusLine().contains(u"今天天气不错"_s));
}

void tst_ChatWindow::stylingMakesBold()
{
    Fixture f;
    f.add(ZhangWei, u"这是 *重要* 的事, _really_ ~not~ `code`"_s, minutesAgo(1));
    f.open(ZhangWei);
    f.show();
    MessageDocument *document = f.document(0);
    QCOMPARE(document->toPlainText(), u"这是 *重要* 的事, _really_ ~not~ `code`"_s);
    const auto formatOf = [document](const QString &text) {
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                if (it.fragment().text() == text)
                    return it.fragment().charFormat();
            }
        }
        qFatal("no fragment %s", qPrintable(text));
    };
    QCOMPARE(formatOf(u"重要"_s).fontWeight(), int(QFont::Bold));
    QVERIFY(formatOf(u"really"_s).fontItalic());
    QVERIFY(formatOf(u"not"_s).fontStrikeOut());
    QVERIFY(formatOf(u"code"_s).fontFamilies().toStringList() != document->defaultFont().families());
    QCOMPARE(formatOf(u"这是 "_s).fontWeight(), int(QFont::Normal));
}

void tst_ChatWindow::onlySafeLinks()
{
    Fixture f;
    f.add(ZhangWei,
          u"看 https://example.com/a?b=1 javascript:alert(1) file:///etc/passwd data:text/html,x "
          "xmpp:bob@jabber.example"_s,
          minutesAgo(1));
    f.open(ZhangWei);
    f.show();
    MessageDocument *document = f.document(0);
    QCOMPARE(document->links(), (QStringList{u"https://example.com/a?b=1"_s, u"xmpp:bob@jabber.example"_s}));

    MessageView *view = f.window.messageView();
    QSignalSpy activated(view, &MessageView::linkActivated);
    const QPoint at = findLink(view, u"https://example.com/a?b=1"_s);
    QVERIFY(at.x() >= 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().at(0).toUrl(), QUrl(u"https://example.com/a?b=1"_s));
    // A press on a link and a release elsewhere is no click.
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(activated.count(), 1);
}

void tst_ChatWindow::ourChatStates()
{
    Fixture f;
    f.add(ZhangWei, u"你好"_s, minutesAgo(1));
    f.add(Bob, u"hi"_s, minutesAgo(2));
    f.window.setChatStateTimeouts(150, 300);
    QSignalSpy states(&f.window, &ChatWindow::chatStateChanged);
    f.show();
    f.window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&f.window));
    f.open(ZhangWei);
    QCOMPARE(states.count(), 1);
    QCOMPARE(states.last().at(1).value<ChatState>(), ChatState::Active);

    ComposerEdit *edit = f.window.composer()->edit();
    typeText(edit, u"正在"_s);
    QCOMPARE(states.last().at(1).value<ChatState>(), ChatState::Composing);
    const qsizetype afterComposing = states.count();
    typeText(edit, u"输入"_s);
    QCOMPARE(states.count(), afterComposing);   // only changes are reported
    QTRY_COMPARE(states.last().at(1).value<ChatState>(), ChatState::Paused);
    typeText(edit, u"…"_s);
    QCOMPARE(states.last().at(1).value<ChatState>(), ChatState::Composing);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(states.last().at(1).value<ChatState>(), ChatState::Active);

    // Switching chats: the one left becomes inactive after a while, the one opened active.
    f.open(Bob);
    QCOMPARE(states.last().at(0).value<Jid>(), Bob);
    QCOMPARE(states.last().at(1).value<ChatState>(), ChatState::Active);
    QTRY_VERIFY(std::any_of(states.cbegin(), states.cend(), [](const QList<QVariant> &s) {
        return s.at(0).value<Jid>() == ZhangWei && s.at(1).value<ChatState>() == ChatState::Inactive;
    }));
    QSignalSpy activated(&f.window, &ChatWindow::chatActivated);
    f.open(ZhangWei);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(states.last().at(1).value<ChatState>(), ChatState::Active);

    // Closing the window: gone, for every chat.
    f.window.close();
    QCOMPARE(states.last().at(1).value<ChatState>(), ChatState::Gone);
    QCOMPARE(states.at(states.count() - 2).at(1).value<ChatState>(), ChatState::Gone);
}

void tst_ChatWindow::scrollingBackPagesThenAsksArchive()
{
    Fixture f;
    const QDateTime start = minutesAgo(200);
    for (int i = 0; i < 70; ++i)
        f.add(ZhangWei, u"消息 %1 with some words to make the bubble a line long"_s.arg(i), start.addSecs(i * 60));
    f.open(ZhangWei);
    f.show();
    MessageView *view = f.window.messageView();
    MessageListModel *model = f.window.messageModel(ZhangWei);
    QCOMPARE(model->rowCount(), 50);   // the view did not page in by itself
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
    QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());   // opens at the bottom
    QVERIFY(view->isAtBottom());

    QSignalSpy older(&f.window, &ChatWindow::olderMessagesRequested);
    view->verticalScrollBar()->setValue(0);
    QTRY_COMPARE(model->rowCount(), 70);
    QVERIFY(model->isOlderExhausted());
    QCOMPARE(older.count(), 0);
    QTRY_VERIFY(view->verticalScrollBar()->value() > 0);   // what was at the top stays in sight
    QVERIFY(!view->isAtBottom());

    view->verticalScrollBar()->setValue(0);
    QTRY_COMPARE(older.count(), 1);
    QCOMPARE(older.first().at(0).value<Jid>(), ZhangWei);

    // What the archive returns lands in its place.
    f.add(ZhangWei, u"from the archive"_s, start.addSecs(-3600));
    QCOMPARE(model->index(0, 0).data(MessageListModel::BodyRole).toString(), u"from the archive"_s);
}

void tst_ChatWindow::newMessagesPill()
{
    Fixture f;
    const QDateTime start = minutesAgo(100);
    for (int i = 0; i < 30; ++i)
        f.add(ZhangWei, u"line %1"_s.arg(i), start.addSecs(i * 60));
    f.open(ZhangWei);
    f.show();
    MessageView *view = f.window.messageView();
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);

    // At the bottom: a new message keeps the view at the bottom.
    f.add(ZhangWei, u"new at the bottom"_s, minutesAgo(1));
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(!view->isNewMessagesPillVisible());

    // Reading older ones: the view stays, the pill appears; clicking it goes down.
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum() / 2);
    const int reading = view->verticalScrollBar()->value();
    f.add(ZhangWei, u"another one"_s, minutesAgo(0));
    QVERIFY(view->isNewMessagesPillVisible());
    QTest::qWait(20);
    QCOMPARE(view->verticalScrollBar()->value(), reading);
    child<QPushButton>(*view, u"newMessagesPill"_s)->click();
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(!view->isNewMessagesPillVisible());

    // Sending scrolls down too.
    view->verticalScrollBar()->setValue(0);
    typeText(f.window.composer()->edit(), u"mine"_s);
    QTest::keyClick(f.window.composer()->edit(), Qt::Key_Return);
    f.add(ZhangWei, u"mine"_s, QDateTime::currentDateTime(), ChatMessage::Direction::Outgoing);
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
}

void tst_ChatWindow::searchFindsAndShows()
{
    Fixture f;
    const QDateTime start = minutesAgo(300);
    const ChatMessage needle = f.add(ZhangWei, u"我们明天在北京见面"_s, start);
    for (int i = 0; i < 80; ++i)
        f.add(ZhangWei, u"filler %1"_s.arg(i), start.addSecs(60 + i * 60));
    f.add(Bob, u"北京烤鸭"_s, start);
    f.open(ZhangWei);
    f.show();
    auto *toggle = child<QToolButton>(f.window, u"searchButton"_s);
    toggle->click();
    ChatSearchPanel *panel = f.window.searchPanel();
    QVERIFY(panel->isVisible());
    typeText(child<QLineEdit>(*panel, u"chatSearchEdit"_s), u"北京"_s);
    QTRY_COMPARE(panel->resultCount(), 1);   // this chat only

    QListView *results = panel->resultsView();
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
                      results->visualRect(results->model()->index(0, 0)).center());
    MessageView *view = f.window.messageView();
    QCOMPARE(view->messageDelegate()->highlightedRow(), needle.rowId);
    const int row = f.window.messageModel(ZhangWei)->rowOf(needle.rowId);
    QVERIFY(row >= 0);   // paged in
    QTRY_VERIFY(view->viewport()->rect().intersects(view->visualRect(view->model()->index(row, 0))));

    toggle->click();
    QVERIFY(!panel->isVisible());
}

void tst_ChatWindow::conversationListOpensChats()
{
    Fixture f;
    f.add(ZhangWei, u"你好"_s, minutesAgo(2));
    f.add(Bob, u"hi"_s, minutesAgo(1));
    f.open(ZhangWei);
    f.show();
    QListView *list = f.window.conversationList();
    QCOMPARE(list->currentIndex().data(ConversationModel::JidRole).toString(), ZhangWei.bareString());

    QSignalSpy requested(&f.window, &ChatWindow::openChatRequested);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(list->model()->index(0, 0)).center());
    QCOMPARE(requested.count(), 1);   // Bob has no model yet: the app makes one
    QCOMPARE(requested.first().at(0).value<Jid>(), Bob);
    f.open(Bob);
    QCOMPARE(f.window.currentChat(), Bob);

    // A chat the window has a model for opens at once, with its draft kept.
    typeText(f.window.composer()->edit(), u"draft for Bob"_s);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(list->model()->index(1, 0)).center());
    QCOMPARE(f.window.currentChat(), ZhangWei);
    QCOMPARE(f.window.composer()->text(), QString());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(list->model()->index(0, 0)).center());
    QCOMPARE(f.window.currentChat(), Bob);
    QCOMPARE(f.window.composer()->text(), u"draft for Bob"_s);
    QCOMPARE(requested.count(), 1);

    // The header avatar asks for the profile.
    QSignalSpy profile(&f.window, &ChatWindow::profileRequested);
    QTest::mouseClick(child<QWidget>(f.window, u"peerAvatar"_s), Qt::LeftButton);
    QCOMPARE(profile.count(), 1);
    QCOMPARE(profile.first().at(0).value<Jid>(), Bob);
}

void tst_ChatWindow::screenshot()
{
    const QString dir = qEnvironmentVariable("XIN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set XIN_SCREENSHOT_DIR to save screenshots");
    // XIN_SCREENSHOT_QM: a .qm file (e.g. build/translations/xin_zh_CN.qm) to see the translated window.
    QTranslator translator;
    const QString qm = qEnvironmentVariable("XIN_SCREENSHOT_QM");
    if (!qm.isEmpty() && translator.load(qm))
        QCoreApplication::installTranslator(&translator);
    const QString suffix = qm.isEmpty() ? QString() : u"-"_s + QFileInfo(qm).baseName();
    ScreenshotUtils::useAppStyleSheet();

    QTemporaryDir avatarDir;
    AvatarStore avatarStore(avatarDir.path());
    AvatarImages avatars(&avatarStore);
    const QString zhangPhoto = avatarStore.store(portrait(QColor(0x2f, 0x6f, 0xd6)));
    const QString myPhoto = avatarStore.store(portrait(QColor(0xe8, 0x8a, 0x3c)));
    const QString wangPhoto = avatarStore.store(portrait(QColor(0xd6, 0x4f, 0x7a)));
    QVERIFY(!zhangPhoto.isEmpty() && !myPhoto.isEmpty());

    Fixture f;
    f.window.setAvatarImages(&avatars);
    f.window.setOwnInfo(Me, u"小明"_s, myPhoto);
    const Jid wang = Jid::fromString(u"wangfang@example.com");
    const Jid lina = Jid::fromString(u"lina@example.com");
    const Jid alice = Jid::fromString(u"alice@corp.example");
    const Jid mama = Jid::fromString(u"mama@family.example");
    const Jid carol = Jid::fromString(u"carol@jabber.example");
    f.window.setPeerInfo(ZhangWei, u"张伟"_s, zhangPhoto, u"今天天气不错"_s, true);
    f.window.setPeerInfo(wang, u"王芳"_s, wangPhoto, {}, true);
    f.window.setPeerInfo(Bob, u"Bob"_s, {}, {}, true);
    f.window.setPeerInfo(lina, u"李娜"_s, {}, {}, true);
    f.window.setPeerInfo(alice, u"Alice Chen"_s, {}, {}, false);
    f.window.setPeerInfo(mama, u"妈妈"_s, {}, {}, true);

    // The busy conversation happened in the last quarter of an hour; the day before ended at 20:14.
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime today = now.addSecs(-15 * 60);
    const QDateTime yesterday(now.date().addDays(-1), QTime(20, 14));
    using D = ChatMessage::Direction;
    using S = ChatMessage::State;
    f.add(carol, u"Thanks for the help last week!"_s, today.addDays(-9));
    f.add(alice, u"/me waves from the Shanghai office"_s, today.addDays(-3));
    f.add(mama, u"记得穿暖和点，明天降温"_s, yesterday.addSecs(-3600));
    f.add(Bob, u"See you at the meetup tomorrow! Bring the demo laptop."_s, today.addSecs(-40 * 60));
    f.add(lina, u"文档我已经更新了，你看一下"_s, today.addSecs(-20 * 60), D::Outgoing, S::Read);
    f.add(wang, u"今晚一起吃饭吗？我订了火锅 🍲"_s, today.addSecs(14 * 60 + 30));

    f.add(ZhangWei, u"明天的会议改到下午三点了"_s, yesterday);
    f.add(ZhangWei, u"好的，收到 👍"_s, yesterday.addSecs(60), D::Outgoing, S::Read);
    f.add(ZhangWei, u"早上好！The build is green again 🎉"_s, today);
    f.add(ZhangWei, u"> 明天的会议改到下午三点了\n对了，地点在 *3号会议室*，别走错了"_s, today.addSecs(20));
    ChatMessage edited = f.add(ZhangWei,
                               u"Great, I'll bring the _slides_. 顺便把链接发你：https://example.com/q3-review"_s,
                               today.addSecs(75), D::Outgoing, S::Read);
    f.store->replaceBody(edited.rowId, edited.body);
    f.change(edited.rowId);
    f.add(ZhangWei, u"/me 去倒了杯咖啡 ☕"_s, today.addSecs(100), D::Outgoing, S::Delivered);
    f.add(ZhangWei, u"Code sample for the retry:\n```\nfor (auto &m : pending)\n    send(m);\n```\nLooks fine to me."_s,
          today.addSecs(9 * 60));
    f.add(ZhangWei, u"收到，我晚点看看"_s, today.addSecs(10 * 60), D::Outgoing, S::Delivered);
    ChatMessage failed;
    failed.chat = ZhangWei;
    failed.direction = D::Outgoing;
    failed.body = u"这条消息没有发出去"_s;
    failed.timestamp = today.addSecs(11 * 60).toUTC();
    failed.id = u"failed-1"_s;
    failed.state = S::Failed;
    failed.errorText = u"The recipient's server is not reachable (remote-server-not-found)"_s;
    f.add(failed);
    f.add(ZhangWei, u"Sending now…"_s, today.addSecs(11 * 60 + 30), D::Outgoing, S::Sent);
    ChatMessage normal;
    normal.chat = ZhangWei;
    normal.type = Message::Type::Normal;
    normal.subject = u"会议纪要"_s;
    normal.body = u"1. 发布时间定在周五\n2. 演示改到 ~周四~ 周五上午\n3. <b>hi</b><img src=x> 原样显示"_s;
    normal.timestamp = today.addSecs(12 * 60).toUTC();
    normal.id = u"normal-1"_s;
    f.add(normal);
    f.add(ZhangWei, u"还在路上，马上到"_s, today.addSecs(12 * 60 + 40), D::Outgoing, S::Pending);

    f.conversations.setUnreadCount(wang, 3);
    f.conversations.setUnreadCount(Bob, 12);
    f.conversations.setUnreadCount(mama, 1);
    f.window.setRemoteState(lina, ChatState::Composing);
    f.open(ZhangWei);
    f.window.setRemoteState(ZhangWei, ChatState::Composing);
    f.window.resize(1000, 740);
    f.show();
    QTest::qWait(50);
    f.window.messageView()->scrollToBottomNow();
    QTest::qWait(50);
    QVERIFY(f.window.grab().save(QDir(dir).filePath(u"chat-window%1.png"_s.arg(suffix))));
    f.window.messageView()->verticalScrollBar()->setValue(0);
    QTest::qWait(50);
    QVERIFY(f.window.grab().save(QDir(dir).filePath(u"chat-window-top%1.png"_s.arg(suffix))));
    f.window.messageView()->scrollToBottomNow();

    // Editing our last message, with the search panel open.
    f.window.setRemoteState(ZhangWei, ChatState::Paused);
    QTest::keyClick(f.window.composer()->edit(), Qt::Key_Up);
    child<QToolButton>(f.window, u"searchButton"_s)->click();
    typeText(child<QLineEdit>(f.window, u"chatSearchEdit"_s), u"会议"_s);
    QTRY_VERIFY(f.window.searchPanel()->resultCount() > 0);
    QTest::qWait(50);
    QVERIFY(f.window.grab().save(QDir(dir).filePath(u"chat-window-edit-search%1.png"_s.arg(suffix))));
    QTest::keyClick(f.window.composer()->edit(), Qt::Key_Escape);
    child<QToolButton>(f.window, u"searchButton"_s)->click();

    // Reading older messages when a new one comes: the pill.
    f.window.resize(760, 560);
    QTest::qWait(50);
    f.window.messageView()->verticalScrollBar()->setValue(f.window.messageView()->verticalScrollBar()->maximum() / 3);
    f.add(ZhangWei, u"到了吗？"_s, now.addSecs(1));
    QTest::qWait(50);
    QVERIFY(f.window.grab().save(QDir(dir).filePath(u"chat-window-small-pill%1.png"_s.arg(suffix))));

    // The emoji picker.
    child<QToolButton>(f.window, u"emojiButton"_s)->click();
    auto *picker = f.window.findChild<QWidget *>(u"emojiPicker"_s);
    QVERIFY(picker && picker->isVisible());
    QVERIFY(picker->grab().save(QDir(dir).filePath(u"chat-emoji%1.png"_s.arg(suffix))));
    picker->hide();

    // No chat open yet.
    ChatWindow empty;
    empty.setConversationModel(&f.conversations);
    empty.setAvatarImages(&avatars);
    empty.resize(900, 600);
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    QVERIFY(empty.grab().save(QDir(dir).filePath(u"chat-window-empty%1.png"_s.arg(suffix))));
    qApp->setStyleSheet(QString());
}

QTEST_MAIN(tst_ChatWindow)
#include "tst_chatwindow.moc"
