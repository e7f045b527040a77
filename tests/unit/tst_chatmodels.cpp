// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// ConversationModel and MessageListModel on a real MessageStore (SQLite in memory), under
// QAbstractItemModelTester: incremental updates, paging, archive messages in their place, expiry.
#include "models/ConversationModel.h"
#include "models/MessageListModel.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const Jid Alice = Jid::fromString(u"alice@example.com");
const Jid Bob = Jid::fromString(u"bob@example.com");
const Jid Carol = Jid::fromString(u"carol@example.com");
const QDateTime Start(QDate(2024, 5, 1), QTime(9, 0), QTimeZone::UTC);

ChatMessage message(const Jid &chat, const QString &body, const QDateTime &when,
                    ChatMessage::Direction direction = ChatMessage::Direction::Incoming)
{
    static int counter = 0;
    ChatMessage m;
    m.chat = chat;
    m.body = body;
    m.timestamp = when;
    m.direction = direction;
    m.id = u"m%1"_s.arg(++counter);
    m.originId = direction == ChatMessage::Direction::Outgoing ? m.id : QString();
    m.state = direction == ChatMessage::Direction::Outgoing ? ChatMessage::State::Sent : ChatMessage::State::Received;
    return m;
}

QStringList bodies(const QAbstractItemModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, 0).data(MessageListModel::BodyRole).toString());
    return list;
}

QStringList jids(const QAbstractItemModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, 0).data(ConversationModel::JidRole).toString());
    return list;
}

}   // namespace

class tst_ChatModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void conversationsLoadNewestFirst();
    void newMessageMovesChatToTop();
    void newChatIsInserted();
    void olderMessageKeepsPreview();
    void previewOfActionsAndCorrections();
    void namesUnreadAndStates();

    void opensWithNewestPage();
    void fetchMorePagesOlderAtTop();
    void messageAddedFiltersAndSorts();
    void archiveMessagesLandInPlace();
    void messageChangedUpdatesRow();
    void expiredMessagesDisappear();
    void searchAndEnsureLoaded();
    void withoutStore();

private:
    void storeMessages(const Jid &chat, int count, const QDateTime &from);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<MessageStore> m_store;
};

void tst_ChatModels::init()
{
    m_db = std::make_unique<Database>();
    QString error;
    QVERIFY2(m_db->open(u":memory:"_s, &error), qPrintable(error));
    m_store = std::make_unique<MessageStore>(*m_db);
}

void tst_ChatModels::cleanup()
{
    m_store.reset();
    m_db.reset();
}

void tst_ChatModels::storeMessages(const Jid &chat, int count, const QDateTime &from)
{
    QList<ChatMessage> list;
    for (int i = 0; i < count; ++i)
        list.append(message(chat, u"消息 %1"_s.arg(i), from.addSecs(i * 60)));
    QCOMPARE(m_store->addAll(list), count);
}

void tst_ChatModels::conversationsLoadNewestFirst()
{
    ConversationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ChatMessage a = message(Alice, u"早上好"_s, Start);
    ChatMessage b = message(Bob, u"hello"_s, Start.addSecs(600));
    ChatMessage c = message(Carol, u"晚安"_s, Start.addSecs(300));
    for (ChatMessage *m : {&a, &b, &c})
        QCOMPARE(m_store->add(*m), MessageStore::AddResult::Added);
    model.load(m_store->conversations());
    QCOMPARE(jids(model), (QStringList{u"bob@example.com"_s, u"carol@example.com"_s, u"alice@example.com"_s}));
    const QModelIndex top = model.index(0, 0);
    QCOMPARE(top.data(ConversationModel::LastMessageRole).toString(), u"hello"_s);
    QCOMPARE(top.data(ConversationModel::TimestampRole).toDateTime(), Start.addSecs(600));
    QCOMPARE(top.data(ConversationModel::DisplayNameRole).toString(), u"bob"_s);   // the local part until named
    QCOMPARE(top.data(ConversationModel::UnreadCountRole).toInt(), 0);
    QCOMPARE(top.data(ConversationModel::LastDirectionRole).toInt(), int(ChatMessage::Direction::Incoming));
}

void tst_ChatModels::newMessageMovesChatToTop()
{
    ConversationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.messageAdded(message(Alice, u"1"_s, Start));
    model.messageAdded(message(Bob, u"2"_s, Start.addSecs(60)));
    model.messageAdded(message(Carol, u"3"_s, Start.addSecs(120)));
    QCOMPARE(jids(model), (QStringList{u"carol@example.com"_s, u"bob@example.com"_s, u"alice@example.com"_s}));

    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QPersistentModelIndex alice = model.index(2, 0);
    model.messageAdded(message(Alice, u"新消息"_s, Start.addSecs(180)));
    QCOMPARE(moved.count(), 1);
    QCOMPARE(reset.count(), 0);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(jids(model), (QStringList{u"alice@example.com"_s, u"carol@example.com"_s, u"bob@example.com"_s}));
    QCOMPARE(alice.row(), 0);   // persistent indexes follow the move
    QCOMPARE(alice.data(ConversationModel::LastMessageRole).toString(), u"新消息"_s);

    // Already at the top: no move, only the preview changes.
    model.messageAdded(message(Alice, u"again"_s, Start.addSecs(240)));
    QCOMPARE(moved.count(), 1);
    QCOMPARE(model.index(0, 0).data(ConversationModel::LastMessageRole).toString(), u"again"_s);
    // The bottom row moves up over two.
    model.messageAdded(message(Bob, u"bob"_s, Start.addSecs(300)));
    QCOMPARE(moved.count(), 2);
    QCOMPARE(jids(model), (QStringList{u"bob@example.com"_s, u"alice@example.com"_s, u"carol@example.com"_s}));
}

void tst_ChatModels::newChatIsInserted()
{
    ConversationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.messageAdded(message(Alice, u"1"_s, Start));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.messageAdded(message(Bob, u"2"_s, Start.addSecs(60)));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    // An old conversation from the archive lands below.
    model.messageAdded(message(Carol, u"old"_s, Start.addSecs(-3600)));
    QCOMPARE(jids(model), (QStringList{u"bob@example.com"_s, u"alice@example.com"_s, u"carol@example.com"_s}));
    // Headlines never make a conversation.
    ChatMessage headline = message(Jid::fromString(u"news.example.com"), u"news"_s, Start.addSecs(600));
    headline.type = Message::Type::Headline;
    model.messageAdded(headline);
    QCOMPARE(model.rowCount(), 3);
    // Nor do expired messages.
    ChatMessage expired = message(Jid::fromString(u"dave@example.com"), u"gone"_s, Start.addSecs(600));
    expired.expires = QDateTime::currentDateTimeUtc().addSecs(-1);
    model.messageAdded(expired);
    QCOMPARE(model.rowCount(), 3);
}

void tst_ChatModels::olderMessageKeepsPreview()
{
    ConversationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.messageAdded(message(Alice, u"newest"_s, Start.addSecs(600)));
    model.messageAdded(message(Bob, u"bob"_s, Start.addSecs(300)));
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    model.messageAdded(message(Bob, u"from the archive"_s, Start));
    QCOMPARE(moved.count(), 0);
    QCOMPARE(model.index(1, 0).data(ConversationModel::LastMessageRole).toString(), u"bob"_s);
}

void tst_ChatModels::previewOfActionsAndCorrections()
{
    ConversationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDisplayName(Alice, u"爱丽丝"_s);
    model.messageAdded(message(Alice, u"/me waves\nand smiles"_s, Start));
    QCOMPARE(model.index(0, 0).data(ConversationModel::LastMessageRole).toString(),
             u"* \u2068爱丽丝\u2069 waves and smiles"_s);

    ChatMessage ours = message(Alice, u"/me 挥手"_s, Start.addSecs(60), ChatMessage::Direction::Outgoing);
    QCOMPARE(m_store->add(ours), MessageStore::AddResult::Added);
    model.setOwnName(u"小明"_s);
    model.messageAdded(ours);
    QCOMPARE(model.index(0, 0).data(ConversationModel::LastMessageRole).toString(), u"* \u2068小明\u2069 挥手"_s);

    // A correction of the last message changes the preview; a change of another message does not.
    ours.body = u"typo fixed"_s;
    ours.edited = true;
    ours.state = ChatMessage::State::Read;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.messageChanged(ours);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, 0).data(ConversationModel::LastMessageRole).toString(), u"typo fixed"_s);
    QCOMPARE(model.index(0, 0).data(ConversationModel::LastStateRole).toInt(), int(ChatMessage::State::Read));
    ChatMessage other = ours;
    other.rowId += 100;
    other.body = u"not the last"_s;
    model.messageChanged(other);
    QCOMPARE(changed.count(), 1);

    // A normal message without a body shows its subject.
    ChatMessage normal = message(Bob, QString(), Start.addSecs(120));
    normal.type = Message::Type::Normal;
    normal.subject = u"会议通知"_s;
    model.messageAdded(normal);
    QCOMPARE(model.index(0, 0).data(ConversationModel::LastMessageRole).toString(), u"会议通知"_s);
}

void tst_ChatModels::namesUnreadAndStates()
{
    ConversationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDisplayName(Bob, u"Bobby"_s);   // before the chat has a row
    model.setAvatarKey(Bob, u"0123456789abcdef0123456789abcdef01234567"_s);
    model.messageAdded(message(Alice, u"a"_s, Start));
    model.messageAdded(message(Bob, u"b"_s, Start.addSecs(60)));
    QCOMPARE(model.index(0, 0).data(ConversationModel::DisplayNameRole).toString(), u"Bobby"_s);
    QCOMPARE(model.index(0, 0).data(ConversationModel::AvatarKeyRole).toString(),
             u"0123456789abcdef0123456789abcdef01234567"_s);

    QSignalSpy total(&model, &ConversationModel::totalUnreadChanged);
    model.setUnreadCount(Alice, 3);
    model.setUnreadCount(Bob, 2);
    QCOMPARE(model.index(1, 0).data(ConversationModel::UnreadCountRole).toInt(), 3);
    QCOMPARE(model.totalUnread(), 5);
    QCOMPARE(total.count(), 2);
    model.setUnreadCount(Bob, 2);   // no change, no signal
    QCOMPARE(total.count(), 2);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setChatState(Alice, ChatState::Composing);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(1, 0).data(ConversationModel::ChatStateRole).toInt(), int(ChatState::Composing));
    QCOMPARE(model.rowOf(Alice), 1);
    QCOMPARE(model.jidAt(0), Bob);

    model.removeConversation(Bob);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.totalUnread(), 3);
}

void tst_ChatModels::opensWithNewestPage()
{
    storeMessages(Alice, 120, Start);
    storeMessages(Bob, 5, Start);
    MessageListModel model(m_store.get(), Alice.withResource(u"phone"));
    // No QAbstractItemModelTester here: it fetches every page as soon as it is attached.
    QCOMPARE(model.chat(), Alice);
    QCOMPARE(model.rowCount(), MessageListModel::PageSize);
    QCOMPARE(model.index(0, 0).data(MessageListModel::BodyRole).toString(), u"消息 70"_s);
    QCOMPARE(model.index(49, 0).data(MessageListModel::BodyRole).toString(), u"消息 119"_s);
    QVERIFY(model.canFetchMore({}));
    QVERIFY(!model.isOlderExhausted());

    const QModelIndex last = model.index(49, 0);
    const ChatMessage whole = last.data(MessageListModel::MessageRole).value<ChatMessage>();
    QCOMPARE(whole.body, u"消息 119"_s);
    QCOMPARE(last.data(MessageListModel::RowIdRole).toLongLong(), whole.rowId);
    QCOMPARE(last.data(MessageListModel::TimestampRole).toDateTime(), Start.addSecs(119 * 60));
    QCOMPARE(last.data(MessageListModel::DirectionRole).toInt(), int(ChatMessage::Direction::Incoming));
    QCOMPARE(last.data(MessageListModel::StateRole).toInt(), int(ChatMessage::State::Received));
    QCOMPARE(last.data(MessageListModel::EditedRole).toBool(), false);
    QCOMPARE(last.data(MessageListModel::ErrorTextRole).toString(), QString());
    QCOMPARE(last.data(MessageListModel::ChatRole).toString(), u"alice@example.com"_s);

    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 120);   // the tester paged everything in
}

void tst_ChatModels::fetchMorePagesOlderAtTop()
{
    storeMessages(Alice, 120, Start);
    MessageListModel model(m_store.get(), Alice);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy exhausted(&model, &MessageListModel::olderMessagesExhausted);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 49);
    QCOMPARE(model.index(0, 0).data(MessageListModel::BodyRole).toString(), u"消息 20"_s);
    QCOMPARE(exhausted.count(), 0);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 120);
    QCOMPARE(model.index(0, 0).data(MessageListModel::BodyRole).toString(), u"消息 0"_s);
    QCOMPARE(exhausted.count(), 1);
    QVERIFY(model.isOlderExhausted());
    QVERIFY(!model.canFetchMore({}));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (int row = 1; row < model.rowCount(); ++row) {
        QVERIFY(model.index(row - 1, 0).data(MessageListModel::TimestampRole).toDateTime()
                <= model.index(row, 0).data(MessageListModel::TimestampRole).toDateTime());
    }
}

void tst_ChatModels::messageAddedFiltersAndSorts()
{
    storeMessages(Alice, 3, Start);
    MessageListModel model(m_store.get(), Alice);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(model.isOlderExhausted());   // fewer than a page: nothing older
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    ChatMessage other = message(Bob, u"not here"_s, Start.addSecs(3600));
    QCOMPARE(m_store->add(other), MessageStore::AddResult::Added);
    model.messageAdded(other);
    QCOMPARE(inserted.count(), 0);

    ChatMessage mine = message(Alice, u"我的消息"_s, Start.addSecs(3600), ChatMessage::Direction::Outgoing);
    QCOMPARE(m_store->add(mine), MessageStore::AddResult::Added);
    model.messageAdded(mine);
    model.messageAdded(mine);   // the same row again (a carbon, a second signal path)
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.lastOutgoing()->body, u"我的消息"_s);

    ChatMessage headline = message(Alice, u"headline"_s, Start.addSecs(4000));
    headline.type = Message::Type::Headline;
    model.messageAdded(headline);
    QCOMPARE(model.rowCount(), 4);
}

void tst_ChatModels::archiveMessagesLandInPlace()
{
    storeMessages(Alice, 60, Start);
    MessageListModel model(m_store.get(), Alice);
    QCOMPARE(model.rowCount(), 50);

    // Older than the top while the store has more: it comes with the next page, in its place.
    ChatMessage early = message(Alice, u"from the archive, early"_s, Start.addSecs(90));
    QCOMPARE(m_store->add(early), MessageStore::AddResult::Added);
    model.messageAdded(early);
    QCOMPARE(model.rowCount(), 50);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 61);
    QVERIFY(model.isOlderExhausted());
    QCOMPARE(model.index(2, 0).data(MessageListModel::BodyRole).toString(), u"from the archive, early"_s);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    // Once the store is exhausted, archive messages go where their time puts them, not at the end.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    ChatMessage middle = message(Alice, u"from the archive, middle"_s, Start.addSecs(30 * 60 + 30));
    QCOMPARE(m_store->add(middle), MessageStore::AddResult::Added);
    model.messageAdded(middle);
    QCOMPARE(inserted.count(), 1);
    const int row = inserted.first().at(1).toInt();
    QCOMPARE(model.index(row, 0).data(MessageListModel::BodyRole).toString(), u"from the archive, middle"_s);
    QCOMPARE(model.index(row - 1, 0).data(MessageListModel::BodyRole).toString(), u"消息 30"_s);
    QCOMPARE(model.index(row + 1, 0).data(MessageListModel::BodyRole).toString(), u"消息 31"_s);
    ChatMessage oldest = message(Alice, u"oldest"_s, Start.addSecs(-60));
    QCOMPARE(m_store->add(oldest), MessageStore::AddResult::Added);
    model.messageAdded(oldest);
    QCOMPARE(model.index(0, 0).data(MessageListModel::BodyRole).toString(), u"oldest"_s);
}

void tst_ChatModels::messageChangedUpdatesRow()
{
    MessageListModel model(m_store.get(), Alice);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ChatMessage mine = message(Alice, u"hello"_s, Start, ChatMessage::Direction::Outgoing);
    QCOMPARE(m_store->add(mine), MessageStore::AddResult::Added);
    model.messageAdded(mine);
    model.messageAdded(message(Alice, u"unrelated"_s, Start.addSecs(60)));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QVERIFY(m_store->setState(mine.rowId, ChatMessage::State::Delivered));
    model.messageChanged(*m_store->message(mine.rowId));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QCOMPARE(model.index(0, 0).data(MessageListModel::StateRole).toInt(), int(ChatMessage::State::Delivered));

    QVERIFY(m_store->replaceBody(mine.rowId, u"hello, corrected"_s));
    model.messageChanged(*m_store->message(mine.rowId));
    QCOMPARE(model.index(0, 0).data(MessageListModel::BodyRole).toString(), u"hello, corrected"_s);
    QCOMPARE(model.index(0, 0).data(MessageListModel::EditedRole).toBool(), true);

    QVERIFY(m_store->setState(mine.rowId, ChatMessage::State::Failed, u"service-unavailable"_s));
    model.messageChanged(*m_store->message(mine.rowId));
    QCOMPARE(model.index(0, 0).data(MessageListModel::StateRole).toInt(), int(ChatMessage::State::Failed));
    QCOMPARE(model.index(0, 0).data(MessageListModel::ErrorTextRole).toString(), u"service-unavailable"_s);

    ChatMessage unknown = mine;
    unknown.rowId = 999999;
    model.messageChanged(unknown);
    QCOMPARE(changed.count(), 3);
}

void tst_ChatModels::expiredMessagesDisappear()
{
    MessageListModel model(m_store.get(), Alice);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ChatMessage keep = message(Alice, u"stays"_s, now.addSecs(-10));
    ChatMessage soon = message(Alice, u"expires soon"_s, now.addSecs(-5));
    soon.expires = now.addMSecs(300);   // XEP-0023
    ChatMessage later = message(Alice, u"expires later"_s, now.addSecs(-1));
    later.expires = now.addMSecs(700);
    for (ChatMessage *m : {&keep, &soon, &later}) {
        QCOMPARE(m_store->add(*m), MessageStore::AddResult::Added);
        model.messageAdded(*m);
    }
    QCOMPARE(bodies(model), (QStringList{u"stays"_s, u"expires soon"_s, u"expires later"_s}));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QTRY_COMPARE_WITH_TIMEOUT(bodies(model), (QStringList{u"stays"_s, u"expires later"_s}), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(bodies(model), QStringList{u"stays"_s}, 2000);
    QCOMPARE(removed.count(), 2);
}

void tst_ChatModels::searchAndEnsureLoaded()
{
    storeMessages(Alice, 200, Start);
    ChatMessage needle = message(Alice, u"我们明天在北京见面"_s, Start.addSecs(30));
    QCOMPARE(m_store->add(needle), MessageStore::AddResult::Added);
    ChatMessage elsewhere = message(Bob, u"北京烤鸭"_s, Start.addSecs(30));
    QCOMPARE(m_store->add(elsewhere), MessageStore::AddResult::Added);
    MessageListModel model(m_store.get(), Alice);

    const QList<ChatMessage> found = model.search(u"北京"_s);
    QCOMPARE(found.size(), 1);   // this chat only
    QCOMPARE(found.first().rowId, needle.rowId);
    QVERIFY(model.search(u"  "_s).isEmpty());

    QCOMPARE(model.rowOf(needle.rowId), -1);
    const int row = model.ensureLoaded(needle.rowId);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, 0).data(MessageListModel::BodyRole).toString(), needle.body);
    QCOMPARE(model.ensureLoaded(elsewhere.rowId), -1);
}

void tst_ChatModels::withoutStore()
{
    MessageListModel model(nullptr, Alice);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(!model.canFetchMore({}));
    QVERIFY(model.isOlderExhausted());
    ChatMessage a = message(Alice, u"second"_s, Start.addSecs(60));
    a.rowId = 2;
    ChatMessage b = message(Alice, u"first"_s, Start);
    b.rowId = 1;
    ChatMessage c = message(Bob, u"other chat"_s, Start);
    c.rowId = 3;
    model.setMessages({a, b, c});
    QCOMPARE(bodies(model), (QStringList{u"first"_s, u"second"_s}));
    QCOMPARE(model.search(u"SEC"_s).size(), 1);
    ChatMessage d = message(Alice, u"third"_s, Start.addSecs(120));
    d.rowId = 4;
    model.messageAdded(d);
    QCOMPARE(bodies(model), (QStringList{u"first"_s, u"second"_s, u"third"_s}));
}

QTEST_GUILESS_MAIN(tst_ChatModels)
#include "tst_chatmodels.moc"
