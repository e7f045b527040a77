// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Links in messages (issue 13, finding 11): a web link opens only after the user saw its whole target, or
// when they chose to always open its domain; an xmpp: link never reaches the system's handler and opens the
// chat inside Xin. What would be opened is caught with QDesktopServices::setUrlHandler.
#include "ScreenshotUtils.h"
#include "chat/ChatWindow.h"
#include "chat/LinkConfirmDialog.h"
#include "chat/LinkOpener.h"
#include "chat/MessageView.h"
#include "models/ConversationModel.h"
#include "models/MessageListModel.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QDesktopServices>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const Jid Me = Jid::fromString(u"xiaoming@example.com");
const Jid ZhangWei = Jid::fromString(u"zhangwei@example.com");

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

} // namespace

/// Stands in for the system's handlers: records what Xin asked QDesktopServices to open.
class UrlSink : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

class tst_Links : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void confirmationShowsWholeTarget();
    void rememberedDomainSkipsQuestion();
    void lookAlikeDomainCannotBeRemembered();
    void xmppLinkOpensChatInXin();
    void xmppUris_data();
    void xmppUris();
    void screenshot();

private:
    /// Shows a chat whose one message is @p body, and clicks the link whose target is @p href.
    void clickLink(const QString &body, const QString &href);
    LinkConfirmDialog *dialog() const { return m_window->messageView()->linkOpener()->pendingDialog(); }

    QTemporaryDir m_profile;
    UrlSink m_sink;
    Database m_db;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<ConversationModel> m_conversations;
    std::unique_ptr<ChatWindow> m_window;
    int m_counter = 0;
};

void tst_Links::initTestCase()
{
    QVERIFY(m_profile.isValid());
    // The app points QSettings at the profile directory (main.cpp); so does the test, at a fresh one.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_profile.path());
    for (const QString &scheme : {u"http"_s, u"https"_s, u"xmpp"_s})
        QDesktopServices::setUrlHandler(scheme, &m_sink, "open");
    QVERIFY(m_db.open(u":memory:"_s));
    m_store = std::make_unique<MessageStore>(m_db);
}

void tst_Links::init()
{
    QSettings().clear();
    m_sink.opened.clear();
    m_conversations = std::make_unique<ConversationModel>();
    m_window = std::make_unique<ChatWindow>();
    m_window->setConversationModel(m_conversations.get());
    m_window->setOwnInfo(Me, u"小明"_s, {});
    m_window->resize(900, 600);
}

void tst_Links::cleanup()
{
    m_window.reset();
    m_conversations.reset();
}

void tst_Links::clickLink(const QString &body, const QString &href)
{
    ChatMessage message;
    message.chat = ZhangWei;
    message.body = body;
    message.id = u"l%1"_s.arg(++m_counter);
    message.timestamp = QDateTime::currentDateTimeUtc().addSecs(m_counter);
    QCOMPARE(m_store->add(message), MessageStore::AddResult::Added);
    m_conversations->messageAdded(message);
    if (MessageListModel *model = m_window->messageModel(ZhangWei))
        model->messageAdded(message);
    else
        m_window->openChat(ZhangWei, new MessageListModel(m_store.get(), ZhangWei));
    if (!m_window->isVisible()) {
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    MessageView *view = m_window->messageView();
    view->scrollToBottomNow();
    QTest::qWait(20);
    const QPoint at = findLink(view, href);
    QVERIFY2(at.x() >= 0, qPrintable(href));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
}

void tst_Links::confirmationShowsWholeTarget()
{
    // The text says "pаypal.com" (a Cyrillic а); the link goes to xn--pypal-4ve.com.
    const QString text = u"https://p\u0430ypal.com/login?next=%2Fhome"_s;
    const QUrl url(text, QUrl::StrictMode);
    const QString target = url.toString(QUrl::FullyEncoded);
    QCOMPARE(target, u"https://xn--pypal-4ve.com/login?next=%2Fhome"_s);
    QVERIFY(target != text);
    clickLink(u"快看 "_s + text + u" 赶紧登录"_s, target);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_sink.opened.isEmpty());   // nothing opens before the user agreed
    LinkConfirmDialog *confirm = dialog();
    QVERIFY(confirm);
    QTRY_VERIFY(confirm->isVisible());
    QCOMPARE(confirm->shownTarget(), target);
    QVERIFY(confirm->shownDomain().contains(u"xn--pypal-4ve.com"_s));
    QVERIFY(confirm->isWarningVisible());

    // Cancel: nothing opens.
    QTest::mouseClick(confirm->findChild<QPushButton *>(u"cancelLinkButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog());
    QVERIFY(m_sink.opened.isEmpty());

    // Asked again, and opened when the user says so.
    MessageView *view = m_window->messageView();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, findLink(view, target));
    QTRY_VERIFY(dialog() && dialog()->isVisible());
    QTest::mouseClick(dialog()->findChild<QPushButton *>(u"openLinkButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_sink.opened.size(), 1);
    QCOMPARE(m_sink.opened.first().toString(QUrl::FullyEncoded), target);
}

void tst_Links::rememberedDomainSkipsQuestion()
{
    const QString first = u"https://example.com/a"_s;
    clickLink(u"看 "_s + first, first);
    QTRY_VERIFY(dialog() && dialog()->isVisible());
    QVERIFY(!dialog()->isWarningVisible());
    auto *always = dialog()->findChild<QCheckBox *>(u"alwaysOpenCheck"_s);
    QVERIFY(always && always->isVisible());
    QVERIFY(always->text().contains(u"example.com"_s));
    always->setChecked(true);
    QTest::mouseClick(dialog()->findChild<QPushButton *>(u"openLinkButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_sink.opened.size(), 1);
    QVERIFY(LinkOpener::isAlwaysOpened(u"EXAMPLE.com"_s));
    QVERIFY(QSettings().value(u"links/alwaysOpen"_s).toStringList().contains(u"example.com"_s));

    // The same domain opens straight away; another domain still asks.
    const QString second = u"https://example.com/b?q=1"_s;
    clickLink(u"还有 "_s + second, second);
    QCOMPARE(m_sink.opened.size(), 2);
    QCOMPARE(m_sink.opened.last(), QUrl(second));
    QVERIFY(!dialog());
    const QString other = u"https://example.org/"_s;
    clickLink(u"另一个 "_s + other, other);
    QTRY_VERIFY(dialog() && dialog()->isVisible());
    QCOMPARE(m_sink.opened.size(), 2);
}

void tst_Links::lookAlikeDomainCannotBeRemembered()
{
    const QUrl url(u"https://g\u03BFogle.com/"_s);   // Greek omicron
    LinkConfirmDialog confirm(url);
    QVERIFY(confirm.isWarningVisible());
    QVERIFY(confirm.findChild<QCheckBox *>(u"alwaysOpenCheck"_s)->isHidden());
    QVERIFY(!confirm.alwaysOpen());
}

void tst_Links::xmppLinkOpensChatInXin()
{
    QSignalSpy openChat(m_window.get(), &ChatWindow::openChatRequested);
    const QString link = u"xmpp:bob@jabber.example"_s;
    clickLink(u"加我 "_s + link, link);
    QCOMPARE(openChat.count(), 1);
    QCOMPARE(openChat.first().at(0).value<Jid>(), Jid::fromString(u"bob@jabber.example"));
    QVERIFY(!dialog());
    QVERIFY2(m_sink.opened.isEmpty(), "an xmpp: link reached QDesktopServices");
}

void tst_Links::xmppUris_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("jid");
    QTest::newRow("plain") << u"xmpp:bob@jabber.example"_s << u"bob@jabber.example"_s;
    QTest::newRow("query") << u"xmpp:bob@jabber.example?message;body=hi"_s << u"bob@jabber.example"_s;
    QTest::newRow("resource is dropped") << u"xmpp:bob@jabber.example/phone"_s << u"bob@jabber.example"_s;
    QTest::newRow("percent-encoded") << u"xmpp:%E5%B0%8F%E6%98%8E@example.com"_s << u"小明@example.com"_s;
    QTest::newRow("authority is the account")
        << u"xmpp://me@example.com/bob@jabber.example"_s << u"bob@jabber.example"_s;
    QTest::newRow("no target") << u"xmpp://me@example.com"_s << QString();
    QTest::newRow("not xmpp") << u"https://example.com/bob@jabber.example"_s << QString();
}

void tst_Links::xmppUris()
{
    QFETCH(QString, uri);
    QFETCH(QString, jid);
    QCOMPARE(LinkOpener::jidOf(QUrl(uri)), jid.isEmpty() ? Jid() : Jid::fromString(jid));
}

void tst_Links::screenshot()
{
    // XIN_SCREENSHOT_DIR: the dialog for a look-alike link and for an ordinary one, in the light palette and
    // in a dark one (the dialog keeps its own colours either way).
    const QString dir = qEnvironmentVariable("XIN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set XIN_SCREENSHOT_DIR to save screenshots");
    ScreenshotUtils::useAppStyleSheet();
    const QPalette light = QApplication::palette();
    const QPalette dark = ScreenshotUtils::darkPalette();
    for (const auto &[name, palette] : {std::pair{u"light"_s, light}, std::pair{u"dark"_s, dark}}) {
        QApplication::setPalette(palette);
        const QString lookAlike = u"https://p\u0430ypal.com/login?next=%2Faccount%2Fsecurity&session=8f2a9c41"_s;
        const QString plain = u"https://zh.wikipedia.org/wiki/Extensible_Messaging_and_Presence_Protocol"_s;
        for (const auto &[what, link] : {std::pair{u"lookalike"_s, lookAlike}, std::pair{u"plain"_s, plain}}) {
            LinkConfirmDialog confirm{QUrl(link)};
            confirm.show();
            QVERIFY(QTest::qWaitForWindowExposed(&confirm));
            QVERIFY(confirm.grab().save(QDir(dir).filePath(u"link-%1-%2.png"_s.arg(what, name))));
            if (auto *always = confirm.findChild<QCheckBox *>(u"alwaysOpenCheck"_s); always && !always->isHidden()) {
                always->setChecked(true);
                QVERIFY(confirm.grab().save(QDir(dir).filePath(u"link-%1-%2-checked.png"_s.arg(what, name))));
            }
        }
    }
    QApplication::setPalette(light);
    qApp->setStyleSheet(QString());
}

QTEST_MAIN(tst_Links)
#include "tst_links.moc"
