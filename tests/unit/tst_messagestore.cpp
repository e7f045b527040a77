// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// MessageStore: the message history (round trip, paging, duplicates, states, search, conversations) and the
// migration of its schema.
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QVariant>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

const Jid Alice = Jid::fromString(u"alice@example.org"_s);
const Jid Xiaoming = Jid::fromString(u"小明@example.org"_s);
const Jid News = Jid::fromString(u"news.example.org"_s);

QDateTime at(qint64 seconds, int ms = 0)
{
    // 2024-05-01T00:00:00Z plus the given offset.
    return QDateTime::fromMSecsSinceEpoch(1714521600000LL + seconds * 1000 + ms, QTimeZone::UTC);
}

ChatMessage make(const Jid &chat, const QString &body, const QDateTime &time,
                 ChatMessage::Direction direction = ChatMessage::Direction::Incoming)
{
    ChatMessage message;
    message.chat = chat;
    message.body = body;
    message.timestamp = time;
    message.direction = direction;
    message.state = direction == ChatMessage::Direction::Incoming ? ChatMessage::State::Received
                                                                  : ChatMessage::State::Sent;
    return message;
}

QStringList bodies(const QList<ChatMessage> &messages)
{
    QStringList result;
    for (const ChatMessage &message : messages)
        result << message.body;
    return result;
}

QVariant scalar(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

/// The rows the full-text index holds for @p text (3+ characters), whatever the messages table says.
int indexed(const Database &db, const QString &text)
{
    return scalar(db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH '\"%1\"'"_s.arg(text)).toInt();
}

/// The rows the pair index (storage/CharacterPairs.h, Database.cpp step 5) holds for the two characters @p pair.
int pairIndexed(const Database &db, const QString &pair)
{
    QSqlQuery query(db.connection());
    query.prepare(u"SELECT count(*) FROM messages_pairs WHERE messages_pairs MATCH ?"_s);
    query.addBindValue(QString(u"pairs : \""_s + pair + u'"'));
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toInt();
}

/// Messages stored one at a time that the full-text index does not hold yet.
int waitingForIndex(const Database &db)
{
    return scalar(db, u"SELECT count(*) FROM messages_unindexed"_s).toInt();
}

/// The rows the full-text index holds for @p chat: its number in message_chats spelled as the index spells it
/// (three private-use characters, Database.cpp step 4).
int indexedInChat(const Database &db, const Jid &chat)
{
    QSqlQuery query(db.connection());
    query.prepare(u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH (SELECT 'chat : \"' || "
                  "char(57344 + id / 40960000 % 6400, 57344 + id / 6400 % 6400, 57344 + id % 6400) || '\"' "
                  "FROM message_chats WHERE chat = ?)"_s);
    query.addBindValue(chat.toString());
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace

class tst_MessageStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void roundTripsEveryField();
    void stampsMessageWithoutTime();
    void pagesBackAcrossEqualTimestamps();
    void ordersByTimestampNotArrival();
    void refusesDuplicates();
    void stanzaIdDuplicatesOnlyInSameChatAndDirection();
    void archiveCopyOfSentMessageGainsStanzaId();
    void addAllInOneTransaction();
    void statesMoveForwardOnly();
    void replaceBodyUpdatesSearch();
    void findsChineseSubstrings();
    void findsTwoCharacterChineseWords();
    void searchIsCaseInsensitive();
    void searchPerChatAndGlobal();
    void searchTreatsQueryAsPlainText();
    void searchReturnsNewestFirstWithLimit();
    void hidesExpiredMessages();
    void keepsHeadlinesApart();
    void conversationsNewestFirstWithUnread();
    void markRead();
    void pendingOldestFirst();
    void findByIdAndLastOutgoing();
    void removeChat();
    void indexesMessagesStoredOneByOne();
    void indexesInTheBackground();
    void storesWhileAnotherConnectionWrites();
    void migrationKeepsEveryMessage();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MessageStore> m_store;
    int m_files = 0;
};

void tst_MessageStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void tst_MessageStore::init()
{
    m_db = std::make_unique<Database>();
    QString error;
    QVERIFY2(m_db->open(m_dir.filePath(u"history-%1.sqlite"_s.arg(++m_files)), &error), qPrintable(error));
    m_store = std::make_unique<MessageStore>(*m_db);
}

void tst_MessageStore::cleanup()
{
    m_store.reset();   // its prepared statements go before the connection
    m_db.reset();
}

void tst_MessageStore::roundTripsEveryField()
{
    ChatMessage sent;
    sent.chat = Xiaoming.withResource(u"手机"_s);   // stored under the bare JID
    sent.resource = u"手机"_s;
    sent.direction = ChatMessage::Direction::Outgoing;
    sent.type = Message::Type::Normal;
    sent.body = u"今天我们去吃火锅吧 🍲\n第二行"_s;
    sent.subject = u"周末安排"_s;
    sent.thread = u"线程-1"_s;
    sent.id = u"id-甲"_s;
    sent.originId = u"origin-甲"_s;
    sent.stanzaId = u"stanza-甲"_s;
    sent.timestamp = at(10, 123);
    sent.expires = at(10 * 365 * 86400);
    sent.state = ChatMessage::State::Failed;
    sent.errorText = u"对方不在线"_s;
    sent.edited = true;
    sent.read = false;
    sent.receiptRequested = true;
    sent.markable = true;
    QCOMPARE(m_store->add(sent), MessageStore::AddResult::Added);
    QVERIFY(sent.rowId != 0);

    const QString path = m_db->path();
    m_store.reset();
    m_db = std::make_unique<Database>();
    QVERIFY(m_db->open(path));
    m_store = std::make_unique<MessageStore>(*m_db);

    const auto stored = m_store->message(sent.rowId);
    QVERIFY(stored);
    QCOMPARE(stored->rowId, sent.rowId);
    QCOMPARE(stored->chat.toString(), u"小明@example.org"_s);
    QCOMPARE(stored->resource, sent.resource);
    QCOMPARE(stored->direction, sent.direction);
    QCOMPARE(stored->type, sent.type);
    QCOMPARE(stored->body, sent.body);
    QCOMPARE(stored->subject, sent.subject);
    QCOMPARE(stored->thread, sent.thread);
    QCOMPARE(stored->id, sent.id);
    QCOMPARE(stored->originId, sent.originId);
    QCOMPARE(stored->stanzaId, sent.stanzaId);
    QCOMPARE(stored->timestamp, at(10, 123));
    QCOMPARE(stored->timestamp.timeSpec(), Qt::UTC);
    QCOMPARE(stored->expires, sent.expires);
    QCOMPARE(stored->state, sent.state);
    QCOMPARE(stored->errorText, sent.errorText);
    QCOMPARE(stored->edited, true);
    QCOMPARE(stored->read, false);
    QCOMPARE(stored->receiptRequested, true);
    QCOMPARE(stored->markable, true);

    // The defaults come back too (no expiry, flags off), and every type keeps its identity.
    const QList<Message::Type> types{Message::Type::Chat, Message::Type::Groupchat, Message::Type::Error};
    for (const Message::Type type : types) {
        ChatMessage plain = make(Alice, u"plain"_s, at(20 + int(type)));
        plain.type = type;
        QCOMPARE(m_store->add(plain), MessageStore::AddResult::Added);
        const auto back = m_store->message(plain.rowId);
        QVERIFY(back);
        QCOMPARE(back->type, type);
        QVERIFY(!back->expires.isValid());
        QCOMPARE(back->state, ChatMessage::State::Received);
        QCOMPARE(back->read, true);
        QCOMPARE(back->edited, false);
        QCOMPARE(back->direction, ChatMessage::Direction::Incoming);
    }
    QCOMPARE(m_store->messages(Xiaoming, 10).size(), 1);
    QCOMPARE(m_store->messages(Xiaoming, 10).first().body, sent.body);
    QVERIFY(!m_store->message(sent.rowId + 1));
}

void tst_MessageStore::stampsMessageWithoutTime()
{
    ChatMessage message = make(Alice, u"no time"_s, QDateTime());
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QCOMPARE(m_store->add(message), MessageStore::AddResult::Added);
    QVERIFY(message.timestamp.isValid());
    QVERIFY(message.timestamp >= before.addMSecs(-1));
    QVERIFY(message.timestamp <= QDateTime::currentDateTimeUtc());
    QCOMPARE(m_store->message(message.rowId)->timestamp, message.timestamp);
}

void tst_MessageStore::pagesBackAcrossEqualTimestamps()
{
    // Archives often stamp to the second: seven messages share one timestamp, between older and newer ones.
    QList<ChatMessage> all;
    all << make(Alice, u"m0"_s, at(1)) << make(Alice, u"m1"_s, at(2));
    for (int i = 2; i < 9; ++i)
        all << make(Alice, u"m%1"_s.arg(i), at(5));
    all << make(Alice, u"m9"_s, at(7)) << make(Alice, u"m10"_s, at(8));
    for (ChatMessage &message : all)
        QCOMPARE(m_store->add(message), MessageStore::AddResult::Added);
    ChatMessage other = make(Xiaoming, u"别的聊天"_s, at(6));
    m_store->add(other);

    QCOMPARE(m_store->count(Alice), 11);
    QStringList seen;
    QList<ChatMessage> page = m_store->messages(Alice, 3);
    QCOMPARE(bodies(page), (QStringList{u"m8"_s, u"m9"_s, u"m10"_s}));
    while (!page.isEmpty()) {
        seen = bodies(page) + seen;
        const ChatMessage first = page.first();
        page = m_store->messages(Alice, 3, &first);
        QVERIFY(page.size() <= 3);
    }
    QStringList expected;
    for (int i = 0; i < 11; ++i)
        expected << u"m%1"_s.arg(i);
    QCOMPARE(seen, expected);   // each once, in order, none skipped at the equal timestamps
    QCOMPARE(m_store->messages(Alice, 0).size(), 0);
}

void tst_MessageStore::ordersByTimestampNotArrival()
{
    ChatMessage live = make(Alice, u"live message"_s, at(100));
    ChatMessage older = make(Alice, u"archived message"_s, at(50));   // fetched from the archive afterwards
    m_store->add(live);
    m_store->add(older);
    QCOMPARE(bodies(m_store->messages(Alice, 10)), (QStringList{u"archived message"_s, u"live message"_s}));
    QCOMPARE(bodies(m_store->search(u"message"_s)), (QStringList{u"live message"_s, u"archived message"_s}));
    QCOMPARE(bodies(m_store->search(u"me"_s)), (QStringList{u"live message"_s, u"archived message"_s}));
    QCOMPARE(m_store->conversations().value(0).last.body, u"live message"_s);
}

void tst_MessageStore::refusesDuplicates()
{
    ChatMessage original = make(Alice, u"你好"_s, at(1));
    original.id = u"a1"_s;
    original.originId = u"o1"_s;
    original.stanzaId = u"s1"_s;
    QCOMPARE(m_store->add(original), MessageStore::AddResult::Added);

    // Same stanza-id (live, then from the archive): the same message whatever else differs.
    ChatMessage byStanzaId = make(Alice, u"你好"_s, at(3));
    byStanzaId.stanzaId = u"s1"_s;
    QCOMPARE(m_store->add(byStanzaId), MessageStore::AddResult::Duplicate);
    QCOMPARE(byStanzaId.rowId, original.rowId);

    // Same chat, direction and origin-id.
    ChatMessage byOriginId = make(Alice, u"你好"_s, at(4));
    byOriginId.originId = u"o1"_s;
    QCOMPARE(m_store->add(byOriginId), MessageStore::AddResult::Duplicate);
    QCOMPARE(byOriginId.rowId, original.rowId);
    ChatMessage otherDirection = make(Alice, u"你好"_s, at(4), ChatMessage::Direction::Outgoing);
    otherDirection.originId = u"o1"_s;
    QCOMPARE(m_store->add(otherDirection), MessageStore::AddResult::Added);
    ChatMessage otherChat = make(Xiaoming, u"你好"_s, at(4));
    otherChat.originId = u"o1"_s;
    QCOMPARE(m_store->add(otherChat), MessageStore::AddResult::Added);

    // Same id and body; the same id with another body is another message (ids get reused by some clients).
    ChatMessage byId = make(Alice, u"你好"_s, at(5));
    byId.id = u"a1"_s;
    QCOMPARE(m_store->add(byId), MessageStore::AddResult::Duplicate);
    QCOMPARE(byId.rowId, original.rowId);
    ChatMessage sameIdOtherBody = make(Alice, u"再见"_s, at(5));
    sameIdOtherBody.id = u"a1"_s;
    QCOMPARE(m_store->add(sameIdOtherBody), MessageStore::AddResult::Added);

    // No ids at all: equal texts are different messages ("ok", "ok").
    ChatMessage ok1 = make(Alice, u"ok"_s, at(6));
    ChatMessage ok2 = make(Alice, u"ok"_s, at(6));
    QCOMPARE(m_store->add(ok1), MessageStore::AddResult::Added);
    QCOMPARE(m_store->add(ok2), MessageStore::AddResult::Added);
    QVERIFY(ok1.rowId != ok2.rowId);

    QCOMPARE(m_store->count(Alice), 5);
    QCOMPARE(m_store->search(u"你好"_s, Alice).size(), 2);
}

void tst_MessageStore::stanzaIdDuplicatesOnlyInSameChatAndDirection()
{
    // Issue 13 finding 5: a stanza-id that turns up in another conversation, or in the other direction, is
    // no proof of a duplicate; matched across the whole database, one sender's id would hide a real message
    // of another chat.
    ChatMessage fromAlice = make(Alice, u"你好"_s, at(1));
    fromAlice.stanzaId = u"s1"_s;
    QCOMPARE(m_store->add(fromAlice), MessageStore::AddResult::Added);

    ChatMessage fromXiaoming = make(Xiaoming, u"小明的消息"_s, at(2));
    fromXiaoming.stanzaId = u"s1"_s;
    QCOMPARE(m_store->add(fromXiaoming), MessageStore::AddResult::Added);
    QVERIFY(fromXiaoming.rowId != fromAlice.rowId);

    ChatMessage toAlice = make(Alice, u"我发的"_s, at(3), ChatMessage::Direction::Outgoing);
    toAlice.stanzaId = u"s1"_s;
    QCOMPARE(m_store->add(toAlice), MessageStore::AddResult::Added);

    ChatMessage again = make(Xiaoming, u"小明的消息"_s, at(4));
    again.stanzaId = u"s1"_s;
    QCOMPARE(m_store->add(again), MessageStore::AddResult::Duplicate);
    QCOMPARE(again.rowId, fromXiaoming.rowId);
    QCOMPARE(m_store->count(Alice), 2);
    QCOMPARE(m_store->count(Xiaoming), 1);
}

void tst_MessageStore::archiveCopyOfSentMessageGainsStanzaId()
{
    ChatMessage sent = make(Alice, u"我发的消息"_s, at(1), ChatMessage::Direction::Outgoing);
    sent.id = u"x1"_s;
    sent.originId = u"x1"_s;
    QCOMPARE(m_store->add(sent), MessageStore::AddResult::Added);

    ChatMessage fromArchive = make(Alice, u"我发的消息"_s, at(1, 500), ChatMessage::Direction::Outgoing);
    fromArchive.originId = u"x1"_s;
    fromArchive.stanzaId = u"mam-7"_s;
    QCOMPARE(m_store->add(fromArchive), MessageStore::AddResult::Duplicate);
    QCOMPARE(fromArchive.rowId, sent.rowId);
    QCOMPARE(m_store->message(sent.rowId)->stanzaId, u"mam-7"_s);

    // Now the stanza-id alone finds it (a copy whose origin-id got lost), and it is not replaced.
    ChatMessage again = make(Alice, u"我发的消息"_s, at(2), ChatMessage::Direction::Outgoing);
    again.stanzaId = u"mam-7"_s;
    QCOMPARE(m_store->add(again), MessageStore::AddResult::Duplicate);
    QCOMPARE(again.rowId, sent.rowId);
    ChatMessage otherStanzaId = fromArchive;
    otherStanzaId.stanzaId = u"mam-8"_s;
    QCOMPARE(m_store->add(otherStanzaId), MessageStore::AddResult::Duplicate);
    QCOMPARE(m_store->message(sent.rowId)->stanzaId, u"mam-7"_s);
    QCOMPARE(m_store->count(Alice), 1);
}

void tst_MessageStore::addAllInOneTransaction()
{
    QList<ChatMessage> flood;
    for (int i = 0; i < 2000; ++i) {
        ChatMessage message = make(Alice, u"消息 %1"_s.arg(i), at(1));   // one second, like a flood of offline ones
        message.id = u"f%1"_s.arg(i);
        flood.append(message);
    }
    flood.append(flood.at(5));   // the same one twice in one page
    ChatMessage failing = make(Jid(), u"no chat"_s, at(1));
    flood.append(failing);
    QCOMPARE(m_store->addAll(flood), 2000);
    QCOMPARE(flood.at(2000).rowId, flood.at(5).rowId);
    QCOMPARE(flood.at(2001).rowId, 0);
    QSet<qint64> rowIds;
    for (int i = 0; i < 2000; ++i)
        rowIds.insert(flood.at(i).rowId);
    QCOMPARE(rowIds.size(), 2000);
    QCOMPARE(m_store->count(Alice), 2000);
    const QList<ChatMessage> last = m_store->messages(Alice, 3);
    QCOMPARE(bodies(last), (QStringList{u"消息 1997"_s, u"消息 1998"_s, u"消息 1999"_s}));   // arrival order kept
    QCOMPARE(m_store->addAll(flood), 0);
    QCOMPARE(m_store->count(Alice), 2000);
}

void tst_MessageStore::statesMoveForwardOnly()
{
    ChatMessage message = make(Alice, u"hi"_s, at(1), ChatMessage::Direction::Outgoing);
    message.state = ChatMessage::State::Pending;
    m_store->add(message);
    const auto state = [&] { return m_store->message(message.rowId)->state; };

    QVERIFY(m_store->setState(message.rowId, ChatMessage::State::Sent));
    QCOMPARE(state(), ChatMessage::State::Sent);
    QVERIFY(!m_store->setState(message.rowId, ChatMessage::State::Sent));
    QVERIFY(!m_store->setState(message.rowId, ChatMessage::State::Pending));
    QVERIFY(m_store->setState(message.rowId, ChatMessage::State::Read));   // a marker may come without receipt
    QVERIFY(!m_store->setState(message.rowId, ChatMessage::State::Delivered));   // late receipt
    QCOMPARE(state(), ChatMessage::State::Read);
    QVERIFY(!m_store->setState(message.rowId, ChatMessage::State::Received));

    QVERIFY(m_store->setState(message.rowId, ChatMessage::State::Failed, u"服务不可用"_s));
    QCOMPARE(state(), ChatMessage::State::Failed);
    QCOMPARE(m_store->message(message.rowId)->errorText, u"服务不可用"_s);
    QVERIFY(!m_store->setState(message.rowId, ChatMessage::State::Failed, u"服务不可用"_s));
    QVERIFY(m_store->setState(message.rowId, ChatMessage::State::Failed, u"另一个原因"_s));
    QVERIFY(!m_store->setState(message.rowId, ChatMessage::State::Delivered));
    QCOMPARE(state(), ChatMessage::State::Failed);
    QVERIFY(!m_store->setState(message.rowId + 1, ChatMessage::State::Failed, u"x"_s));   // no such message

    ChatMessage pending = make(Alice, u"later"_s, at(2), ChatMessage::Direction::Outgoing);
    pending.state = ChatMessage::State::Pending;
    m_store->add(pending);
    QVERIFY(m_store->setState(pending.rowId, ChatMessage::State::Failed, u"超时"_s));
    QCOMPARE(m_store->message(pending.rowId)->state, ChatMessage::State::Failed);
}

void tst_MessageStore::replaceBodyUpdatesSearch()
{
    ChatMessage message = make(Alice, u"明天见面吧"_s, at(1), ChatMessage::Direction::Outgoing);
    m_store->add(message);
    QCOMPARE(m_store->search(u"见面"_s).size(), 1);
    QCOMPARE(m_store->search(u"明天见"_s).size(), 1);

    QVERIFY(m_store->replaceBody(message.rowId, u"后天再说"_s));
    QCOMPARE(m_store->search(u"明天见"_s).size(), 0);
    QCOMPARE(m_store->search(u"见面"_s).size(), 0);
    QCOMPARE(indexed(*m_db, u"明天见"_s), 0);
    QCOMPARE(bodies(m_store->search(u"后天再"_s)), QStringList{u"后天再说"_s});
    QCOMPARE(bodies(m_store->search(u"再说"_s)), QStringList{u"后天再说"_s});
    QCOMPARE(bodies(m_store->search(u"后天再"_s, Alice)), QStringList{u"后天再说"_s});
    QCOMPARE(m_store->search(u"明天见"_s, Alice).size(), 0);
    QCOMPARE(indexedInChat(*m_db, Alice), 1);
    const auto stored = m_store->message(message.rowId);
    QCOMPARE(stored->body, u"后天再说"_s);
    QVERIFY(stored->edited);
    QVERIFY(!m_store->replaceBody(message.rowId + 1, u"x"_s));
}

void tst_MessageStore::findsTwoCharacterChineseWords()
{
    // Most Chinese words have two characters, fewer than a trigram: pairs have an index of their own.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<ChatMessage> batch{make(Alice, u"你好"_s, at(1)),
                             make(Alice, u"你好世界"_s, at(2)),
                             make(Xiaoming, u"他说你好吗？"_s, at(3)),
                             make(Xiaoming, u"hello 你好!"_s, at(4)),
                             make(Alice, u"你 好"_s, at(5)),
                             make(Alice, u"ok 好的"_s, at(6))};
    ChatMessage headline = make(News, u"你好，新闻"_s, at(7));
    headline.type = Message::Type::Headline;
    ChatMessage expired = make(Alice, u"你好，限时"_s, now.addSecs(-60));
    expired.expires = now.addSecs(-1);
    batch << headline << expired;
    QCOMPARE(m_store->addAll(batch), batch.size());

    // Newest first, the whole message or a part of it, Latin neighbours too; not across a space, never a
    // headline or an expired message.
    QCOMPARE(bodies(m_store->search(u"你好"_s)),
             (QStringList{u"hello 你好!"_s, u"他说你好吗？"_s, u"你好世界"_s, u"你好"_s}));
    QCOMPARE(pairIndexed(*m_db, u"你好"_s), 5);   // the expired one is still stored
    QCOMPARE(pairIndexed(*m_db, u"ok"_s), 1);
    QCOMPARE(pairIndexed(*m_db, u"OK"_s), 1);      // folded, as trigrams are
    QCOMPARE(pairIndexed(*m_db, u"k好"_s), 0);     // "ok 好的": not across a space
    QCOMPARE(m_store->search(u"你好"_s, {}, 2).size(), 2);
    QCOMPARE(bodies(m_store->search(u"o 你"_s)), QStringList{u"hello 你好!"_s});   // 3 characters: trigrams
    QCOMPARE(bodies(m_store->search(u"世界"_s)), QStringList{u"你好世界"_s});
    QCOMPARE(bodies(m_store->search(u"好的"_s)), QStringList{u"ok 好的"_s});
    QCOMPARE(m_store->search(u"界你"_s).size(), 0);
    QCOMPARE(bodies(m_store->search(u"你好"_s, Xiaoming)), (QStringList{u"hello 你好!"_s, u"他说你好吗？"_s}));
    QCOMPARE(bodies(m_store->search(u"你好"_s, Alice)), (QStringList{u"你好世界"_s, u"你好"_s}));
    QCOMPARE(bodies(m_store->search(u"OK"_s)), QStringList{u"ok 好的"_s});
    QCOMPARE(bodies(m_store->search(u"lo"_s, Xiaoming)), QStringList{u"hello 你好!"_s});
    QCOMPARE(m_store->search(u"lo"_s, Alice).size(), 0);
    // Single letters too, folded; text with punctuation or a space is read row by row: the same answers.
    QCOMPARE(bodies(m_store->search(u"世"_s)), QStringList{u"你好世界"_s});
    QCOMPARE(pairIndexed(*m_db, u"世"_s), 1);
    QCOMPARE(pairIndexed(*m_db, u"H"_s), 1);
    QCOMPARE(bodies(m_store->search(u"H"_s)), QStringList{u"hello 你好!"_s});
    QCOMPARE(bodies(m_store->search(u"你 "_s)), QStringList{u"你 好"_s});
    QCOMPARE(bodies(m_store->search(u"!"_s)), QStringList{u"hello 你好!"_s});

    // A correction takes the old pairs away and brings the new ones.
    QVERIFY(m_store->replaceBody(batch.at(1).rowId, u"再见世界"_s));
    QCOMPARE(m_store->search(u"你好"_s).size(), 3);
    QCOMPARE(bodies(m_store->search(u"再见"_s)), QStringList{u"再见世界"_s});
    QCOMPARE(pairIndexed(*m_db, u"你好"_s), 4);
    QCOMPARE(pairIndexed(*m_db, u"世界"_s), 1);

    // Messages stored one by one get their pairs with their batch; corrected while they wait, once.
    ChatMessage waiting = make(Alice, u"明天开会"_s, at(10));
    QCOMPARE(m_store->add(waiting), MessageStore::AddResult::Added);
    QCOMPARE(waitingForIndex(*m_db), 1);
    QCOMPARE(pairIndexed(*m_db, u"明天"_s), 0);
    QVERIFY(m_store->replaceBody(waiting.rowId, u"明天不开会了"_s));
    QCOMPARE(bodies(m_store->search(u"明天"_s)), QStringList{u"明天不开会了"_s});
    QCOMPARE(pairIndexed(*m_db, u"明天"_s), 1);
    QCOMPARE(pairIndexed(*m_db, u"开会"_s), 1);

    QVERIFY(m_store->removeChat(Alice));
    QCOMPARE(bodies(m_store->search(u"你好"_s)), (QStringList{u"hello 你好!"_s, u"他说你好吗？"_s}));
    QCOMPARE(pairIndexed(*m_db, u"你好"_s), 2);
    QCOMPARE(pairIndexed(*m_db, u"明天"_s), 0);
}

void tst_MessageStore::findsChineseSubstrings()
{
    ChatMessage hotpot = make(Xiaoming, u"今天我们去吃火锅吧"_s, at(1));
    ChatMessage train = make(Xiaoming, u"我坐火车回家"_s, at(2));
    ChatMessage emoji = make(Xiaoming, u"好的😀好的"_s, at(3));
    m_store->add(hotpot);
    m_store->add(train);
    m_store->add(emoji);
    QCOMPARE(bodies(m_store->search(u"火锅"_s)), QStringList{hotpot.body});       // 2 characters
    QCOMPARE(bodies(m_store->search(u"吃火锅"_s)), QStringList{hotpot.body});     // 3: the index
    QCOMPARE(bodies(m_store->search(u"我们去吃火锅"_s)), QStringList{hotpot.body});
    QCOMPARE(bodies(m_store->search(u"火"_s)), (QStringList{train.body, hotpot.body}));
    QCOMPARE(m_store->search(u"火锅店"_s).size(), 0);
    QCOMPARE(m_store->search(u"吃火车"_s).size(), 0);
    // Two code points in three UTF-16 units: a trigram query would find nothing.
    QCOMPARE(bodies(m_store->search(u"😀好"_s)), QStringList{emoji.body});
    QCOMPARE(bodies(m_store->search(u"的😀好"_s)), QStringList{emoji.body});
}

void tst_MessageStore::searchIsCaseInsensitive()
{
    ChatMessage message = make(Alice, u"Hello World from Xin"_s, at(1));
    ChatMessage other = make(Alice, u"something else"_s, at(2));
    m_store->add(message);
    m_store->add(other);
    for (const QString &query : {u"hello"_s, u"WORLD"_s, u"o w"_s, u"hElLo WoRlD"_s, u"xIN"_s, u"He"_s, u"X"_s})
        QVERIFY2(bodies(m_store->search(query)) == QStringList{u"Hello World from Xin"_s}, qPrintable(query));
}

void tst_MessageStore::searchPerChatAndGlobal()
{
    ChatMessage a = make(Alice, u"周末去爬山 hiking"_s, at(1));
    ChatMessage b = make(Xiaoming, u"爬山太累了 hiking"_s, at(2));
    m_store->add(a);
    m_store->add(b);
    for (const QString &query : {u"爬山"_s, u"hiking"_s, u"hi"_s}) {
        QCOMPARE(bodies(m_store->search(query)), (QStringList{b.body, a.body}));
        QCOMPARE(bodies(m_store->search(query, Alice)), QStringList{a.body});
        QCOMPARE(bodies(m_store->search(query, Xiaoming.withResource(u"pc"_s))), QStringList{b.body});
        QCOMPARE(m_store->search(query, News).size(), 0);
    }
}

void tst_MessageStore::searchTreatsQueryAsPlainText()
{
    const QStringList texts{u"He said \"hi\" to me"_s,
                            u"100% sure"_s,
                            u"file_name.txt"_s,
                            u"a*b star"_s,
                            u"NEAR(x y) here"_s,
                            u"it's fine"_s,
                            u"C:\\path\\to"_s,
                            u"AND OR NOT words"_s,
                            u"plain text"_s};
    for (int i = 0; i < texts.size(); ++i) {
        ChatMessage message = make(Alice, texts.at(i), at(i));
        QCOMPARE(m_store->add(message), MessageStore::AddResult::Added);
    }
    const QList<std::pair<QString, QStringList>> cases{
        {u"\""_s, {texts.at(0)}},
        {u"\"hi\""_s, {texts.at(0)}},
        {u"\"hi"_s, {texts.at(0)}},
        {u"%"_s, {texts.at(1)}},
        {u"0%"_s, {texts.at(1)}},
        {u"00% s"_s, {texts.at(1)}},
        {u"%%"_s, {}},
        {u"_"_s, {texts.at(2)}},
        {u"e_n"_s, {texts.at(2)}},
        {u"le_"_s, {texts.at(2)}},
        {u"*"_s, {texts.at(3)}},
        {u"a*b"_s, {texts.at(3)}},
        {u"a*"_s, {texts.at(3)}},
        {u"NEAR"_s, {texts.at(4)}},
        {u"NEAR(x"_s, {texts.at(4)}},
        {u"'"_s, {texts.at(5)}},
        {u"t's"_s, {texts.at(5)}},
        {u"\\"_s, {texts.at(6)}},
        {u"\\pa"_s, {texts.at(6)}},
        {u"AND OR"_s, {texts.at(7)}},
        {u"OR"_s, {texts.at(7)}},
        {u"^pl"_s, {}},
        {u"body:"_s, {}},
        {u"t*t"_s, {}},
    };
    for (const auto &[query, expected] : cases) {
        QVERIFY2(bodies(m_store->search(query)) == expected, qPrintable(query));
        QVERIFY2(bodies(m_store->search(query, Alice)) == expected, qPrintable(query));
    }
}

void tst_MessageStore::searchReturnsNewestFirstWithLimit()
{
    QList<ChatMessage> many;
    for (int i = 0; i < 30; ++i)
        many.append(make(i % 2 ? Alice : Xiaoming, u"第%1条 report"_s.arg(i), at(1000 - i)));   // newest first
    m_store->addAll(many);
    const QList<ChatMessage> found = m_store->search(u"report"_s, {}, 5);
    QCOMPARE(bodies(found), (QStringList{u"第0条 report"_s, u"第1条 report"_s, u"第2条 report"_s, u"第3条 report"_s,
                                         u"第4条 report"_s}));
    QCOMPARE(bodies(m_store->search(u"re"_s, {}, 2)), (QStringList{u"第0条 report"_s, u"第1条 report"_s}));
    QCOMPARE(bodies(m_store->search(u"report"_s, Alice, 2)), (QStringList{u"第1条 report"_s, u"第3条 report"_s}));
    QCOMPARE(bodies(m_store->search(u"条"_s, Alice, 2)), (QStringList{u"第1条 report"_s, u"第3条 report"_s}));
    QCOMPARE(m_store->search(u"report"_s, {}, 0).size(), 0);
    QCOMPARE(m_store->search(QString()).size(), 0);
}

void tst_MessageStore::hidesExpiredMessages()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ChatMessage expired = make(Alice, u"限时优惠已过期"_s, now.addSecs(-60));
    expired.expires = now.addSecs(-1);
    expired.read = false;
    ChatMessage lasting = make(Alice, u"限时优惠还有效"_s, now.addSecs(-120));
    lasting.expires = now.addSecs(3600);
    lasting.read = false;
    m_store->add(expired);
    m_store->add(lasting);

    QCOMPARE(bodies(m_store->messages(Alice, 10)), QStringList{lasting.body});
    QCOMPARE(m_store->count(Alice), 1);
    QCOMPARE(bodies(m_store->search(u"限时优惠"_s)), QStringList{lasting.body});
    QCOMPARE(bodies(m_store->search(u"优惠"_s, Alice)), QStringList{lasting.body});
    QCOMPARE(m_store->unreadCount(Alice), 1);
    const QList<MessageStore::Conversation> conversations = m_store->conversations();
    QCOMPARE(conversations.size(), 1);
    QCOMPARE(conversations.first().last.body, lasting.body);   // not the newer, expired one
    QCOMPARE(conversations.first().unread, 1);

    // A chat whose every message expired is no conversation.
    ChatMessage gone = make(Xiaoming, u"阅后即焚"_s, now);
    gone.expires = now.addMSecs(-1);
    m_store->add(gone);
    QCOMPARE(m_store->conversations().size(), 1);
    QVERIFY(m_store->message(gone.rowId));   // still there by its rowId (a receipt may refer to it)
}

void tst_MessageStore::keepsHeadlinesApart()
{
    ChatMessage chat = make(Alice, u"新闻你看了吗"_s, at(1));
    m_store->add(chat);
    QList<ChatMessage> headlines;
    for (int i = 0; i < 3; ++i) {
        ChatMessage headline = make(i == 2 ? Alice : News, u"头条新闻 %1"_s.arg(i), at(10 + i));
        headline.type = Message::Type::Headline;
        headline.read = false;
        QCOMPARE(m_store->add(headline), MessageStore::AddResult::Added);
    }
    QCOMPARE(bodies(m_store->headlines(10)), (QStringList{u"头条新闻 2"_s, u"头条新闻 1"_s, u"头条新闻 0"_s}));
    QCOMPARE(bodies(m_store->headlines(1)), QStringList{u"头条新闻 2"_s});
    QCOMPARE(bodies(m_store->messages(Alice, 10)), QStringList{chat.body});
    QCOMPARE(m_store->messages(News, 10).size(), 0);
    QCOMPARE(m_store->count(Alice), 1);
    QCOMPARE(m_store->count(News), 0);
    QCOMPARE(bodies(m_store->search(u"新闻"_s)), QStringList{chat.body});
    QCOMPARE(m_store->search(u"头条新闻"_s).size(), 0);
    QCOMPARE(indexed(*m_db, u"头条新"_s), 0);
    QCOMPARE(m_store->unreadCount(Alice), 0);
    const QList<MessageStore::Conversation> conversations = m_store->conversations();
    QCOMPARE(conversations.size(), 1);
    QCOMPARE(conversations.first().chat, Alice);
    QCOMPARE(conversations.first().last.body, chat.body);
}

void tst_MessageStore::conversationsNewestFirstWithUnread()
{
    const Jid carol = Jid::fromString(u"carol@example.org"_s);
    QList<ChatMessage> messages{make(Alice, u"a1"_s, at(1)), make(Xiaoming, u"x1"_s, at(2)),
                                make(carol, u"c1"_s, at(3)), make(Alice, u"a2"_s, at(4)),
                                make(Xiaoming, u"x2"_s, at(5), ChatMessage::Direction::Outgoing)};
    for (ChatMessage &message : messages)
        message.read = false;
    m_store->addAll(messages);

    QList<MessageStore::Conversation> conversations = m_store->conversations();
    QCOMPARE(conversations.size(), 3);
    QCOMPARE(conversations.at(0).chat, Xiaoming);
    QCOMPARE(conversations.at(0).last.body, u"x2"_s);
    QCOMPARE(conversations.at(0).unread, 1);   // the outgoing one is no unread message
    QCOMPARE(conversations.at(1).chat, Alice);
    QCOMPARE(conversations.at(1).last.body, u"a2"_s);
    QCOMPARE(conversations.at(1).unread, 2);
    QCOMPARE(conversations.at(2).chat, carol);
    QCOMPARE(conversations.at(2).unread, 1);

    ChatMessage newest = make(carol, u"c2"_s, at(6));
    newest.read = false;
    m_store->add(newest);
    conversations = m_store->conversations();
    QCOMPARE(conversations.at(0).chat, carol);
    QCOMPARE(conversations.at(0).last.rowId, newest.rowId);
    QCOMPARE(conversations.at(0).unread, 2);
    m_store->markRead(carol);
    QCOMPARE(m_store->conversations().at(0).unread, 0);
}

void tst_MessageStore::markRead()
{
    for (int i = 0; i < 3; ++i) {
        ChatMessage incoming = make(Alice, u"未读 %1"_s.arg(i), at(i));
        incoming.read = false;
        m_store->add(incoming);
    }
    ChatMessage outgoing = make(Alice, u"mine"_s, at(9), ChatMessage::Direction::Outgoing);
    outgoing.read = false;
    m_store->add(outgoing);
    ChatMessage elsewhere = make(Xiaoming, u"别处"_s, at(1));
    elsewhere.read = false;
    m_store->add(elsewhere);

    QCOMPARE(m_store->unreadCount(Alice), 3);
    QCOMPARE(m_store->markRead(Alice), 3);
    QCOMPARE(m_store->unreadCount(Alice), 0);
    QCOMPARE(m_store->markRead(Alice), 0);
    QCOMPARE(m_store->unreadCount(Xiaoming), 1);
    for (const ChatMessage &message : m_store->messages(Alice, 10)) {
        if (message.direction == ChatMessage::Direction::Incoming)
            QVERIFY(message.read);
    }
}

void tst_MessageStore::pendingOldestFirst()
{
    QList<ChatMessage> outbox;
    for (int i = 0; i < 3; ++i) {
        ChatMessage message = make(i == 1 ? Xiaoming : Alice, u"离线发送 %1"_s.arg(i), at(10 - i),
                                   ChatMessage::Direction::Outgoing);
        message.state = ChatMessage::State::Pending;
        outbox.append(message);
    }
    outbox.append(make(Alice, u"already sent"_s, at(1), ChatMessage::Direction::Outgoing));
    m_store->addAll(outbox);
    QCOMPARE(bodies(m_store->pending()), (QStringList{u"离线发送 2"_s, u"离线发送 1"_s, u"离线发送 0"_s}));
    QVERIFY(m_store->setState(outbox.at(1).rowId, ChatMessage::State::Sent));
    QCOMPARE(bodies(m_store->pending()), (QStringList{u"离线发送 2"_s, u"离线发送 0"_s}));
}

void tst_MessageStore::findByIdAndLastOutgoing()
{
    ChatMessage first = make(Alice, u"first"_s, at(1), ChatMessage::Direction::Outgoing);
    first.id = u"same"_s;
    ChatMessage second = make(Alice, u"second"_s, at(2), ChatMessage::Direction::Outgoing);
    second.id = u"same"_s;
    ChatMessage byOrigin = make(Alice, u"third"_s, at(3), ChatMessage::Direction::Outgoing);
    byOrigin.id = u"stanza-3"_s;
    byOrigin.originId = u"origin-3"_s;
    ChatMessage incoming = make(Alice, u"theirs"_s, at(4));
    incoming.id = u"same"_s;
    QList<ChatMessage> all{first, second, byOrigin, incoming};
    QCOMPARE(m_store->addAll(all), 4);

    QCOMPARE(m_store->findById(Alice, ChatMessage::Direction::Outgoing, u"same"_s)->body, u"second"_s);
    QCOMPARE(m_store->findById(Alice, ChatMessage::Direction::Incoming, u"same"_s)->body, u"theirs"_s);
    QCOMPARE(m_store->findById(Alice, ChatMessage::Direction::Outgoing, u"origin-3"_s)->body, u"third"_s);
    QCOMPARE(m_store->findById(Alice, ChatMessage::Direction::Outgoing, u"stanza-3"_s)->body, u"third"_s);
    QVERIFY(!m_store->findById(Xiaoming, ChatMessage::Direction::Outgoing, u"same"_s));
    QVERIFY(!m_store->findById(Alice, ChatMessage::Direction::Outgoing, QString()));

    QCOMPARE(m_store->lastOutgoing(Alice)->body, u"third"_s);
    QVERIFY(!m_store->lastOutgoing(Xiaoming));
}

void tst_MessageStore::removeChat()
{
    ChatMessage a = make(Alice, u"删除这个聊天"_s, at(1));
    ChatMessage b = make(Xiaoming, u"保留这个聊天"_s, at(2));
    m_store->add(a);
    m_store->add(b);
    QCOMPARE(m_store->search(u"这个聊天"_s).size(), 2);   // indexes what waited
    QCOMPARE(indexed(*m_db, u"这个聊天"_s), 2);
    QCOMPARE(indexedInChat(*m_db, Alice), 1);
    ChatMessage waiting = make(Alice, u"还没进索引的消息"_s, at(3));   // not searched yet: not in the index
    m_store->add(waiting);
    QCOMPARE(waitingForIndex(*m_db), 1);

    QVERIFY(m_store->removeChat(Alice));
    QCOMPARE(m_store->count(Alice), 0);
    QVERIFY(!m_store->message(a.rowId));
    QCOMPARE(waitingForIndex(*m_db), 0);
    QCOMPARE(indexedInChat(*m_db, Alice), 0);   // its index entries went with it
    QCOMPARE(indexedInChat(*m_db, Xiaoming), 1);
    QCOMPARE(indexed(*m_db, u"这个聊天"_s), 1);
    QCOMPARE(bodies(m_store->search(u"聊天"_s)), QStringList{b.body});
    QCOMPARE(bodies(m_store->search(u"这个聊天"_s)), QStringList{b.body});
    QCOMPARE(m_store->search(u"进索引"_s).size(), 0);
    QCOMPARE(m_store->conversations().size(), 1);
    QCOMPARE(m_store->count(Xiaoming), 1);

    // The chat can start again, and is searched like before.
    ChatMessage again = make(Alice, u"重新开始这个聊天"_s, at(4));
    QCOMPARE(m_store->add(again), MessageStore::AddResult::Added);
    QCOMPARE(bodies(m_store->search(u"这个聊天"_s, Alice)), QStringList{again.body});
    QCOMPARE(m_store->conversations().size(), 2);
}

void tst_MessageStore::indexesMessagesStoredOneByOne()
{
    // add() leaves the full-text index to batches (a commit of the index costs about a millisecond); a
    // search indexes what waits, and so does another store on the same file (e.g. after a crash).
    for (int i = 0; i < 250; ++i) {
        ChatMessage message = make(i % 2 ? Alice : Xiaoming, u"逐条 message %1"_s.arg(i, 3, 10, QChar(u'0')), at(i));
        QCOMPARE(m_store->add(message), MessageStore::AddResult::Added);
    }
    QVERIFY(waitingForIndex(*m_db) < 100);
    QVERIFY(indexed(*m_db, u"message"_s) >= 200);
    QCOMPARE(m_store->search(u"message"_s, {}, 1000).size(), 250);
    QCOMPARE(waitingForIndex(*m_db), 0);
    QCOMPARE(indexed(*m_db, u"message"_s), 250);

    ChatMessage edited = make(Alice, u"改之前的内容"_s, at(300));
    m_store->add(edited);
    QVERIFY(m_store->replaceBody(edited.rowId, u"改之后的内容"_s));   // still waiting: indexed as it is now
    for (int i = 0; i < 4; ++i) {
        ChatMessage message = make(Alice, u"等待索引 %1"_s.arg(i), at(400 + i));
        m_store->add(message);
    }
    QCOMPARE(waitingForIndex(*m_db), 5);
    MessageStore other(*m_db);
    QCOMPARE(other.search(u"等待索引"_s).size(), 4);
    QCOMPARE(bodies(other.search(u"改之后"_s, Alice)), QStringList{u"改之后的内容"_s});
    QCOMPARE(other.search(u"改之前"_s).size(), 0);
    QCOMPARE(waitingForIndex(*m_db), 0);
    QCOMPARE(indexed(*m_db, u"message"_s) + indexed(*m_db, u"等待索"_s) + indexed(*m_db, u"之后的"_s), 255);
}

void tst_MessageStore::indexesInTheBackground()
{
    // 250 messages one by one: without the indexer, two batches of 100 would be indexed and 50 would wait.
    QVERIFY(m_store->setBackgroundIndexing(true));
    for (int i = 0; i < 250; ++i) {
        ChatMessage message = make(i % 2 ? Alice : Xiaoming, u"后台索引 %1 ok"_s.arg(i), at(i));
        QCOMPARE(m_store->add(message), MessageStore::AddResult::Added);
    }
    QVERIFY(waitingForIndex(*m_db) > 0);   // nothing indexed while they come
    QTRY_COMPARE_WITH_TIMEOUT(waitingForIndex(*m_db), 0, 10000);
    QCOMPARE(indexed(*m_db, u"后台索"_s), 250);
    QCOMPARE(pairIndexed(*m_db, u"后台"_s), 250);
    QCOMPARE(indexedInChat(*m_db, Alice), 125);

    // A search right after new messages finds them, whether the indexer has run yet or not.
    ChatMessage late = make(Alice, u"刚到的消息"_s, at(300));
    QCOMPARE(m_store->add(late), MessageStore::AddResult::Added);
    QCOMPARE(bodies(m_store->search(u"刚到的"_s)), QStringList{late.body});
    QCOMPARE(bodies(m_store->search(u"刚到"_s, Alice)), QStringList{late.body});
    QCOMPARE(waitingForIndex(*m_db), 0);

    Database memory;
    QVERIFY(memory.open(u":memory:"_s));
    MessageStore inMemory(memory);
    QVERIFY(!inMemory.setBackgroundIndexing(true));
}

void tst_MessageStore::storesWhileAnotherConnectionWrites()
{
    // docs/SECURITY.md rule 9: the search indexer writes to the same file over a connection of its own. A
    // store that read (its duplicate check) before such a commit could not write after it in WAL mode
    // (SQLITE_BUSY_SNAPSHOT, "database is locked", at once), and the message was lost. Here another connection
    // commits every half millisecond while 600 messages are stored: every one must be.
    std::atomic<bool> stop{false};
    std::atomic<int> commits{0};
    const QString path = m_db->path();
    std::thread writer([&] {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other-writer"_s);
        other.setDatabaseName(path);
        if (other.open()) {
            QSqlQuery query(other);
            for (int i = 0; !stop; ++i) {
                if (query.exec(u"INSERT INTO properties (key, value) VALUES ('writer', '%1') "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s.arg(i)))
                    ++commits;
                // A pause after each commit, as the indexer makes (MessageStore::indexWaitingOn()).
                std::this_thread::sleep_for(std::chrono::microseconds(500));
            }
            query.finish();
            other.close();
        }
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"other-writer"_s);
    });
    int failed = 0;
    for (int i = 0; i < 600; ++i) {
        ChatMessage message = make(i % 2 ? Alice : Xiaoming, u"并发 %1"_s.arg(i), at(i));
        failed += m_store->add(message) == MessageStore::AddResult::Failed ? 1 : 0;
    }
    stop = true;
    writer.join();
    QVERIFY(commits > 0);
    QCOMPARE(failed, 0);
    QCOMPARE(m_store->count(Alice) + m_store->count(Xiaoming), 600);
}

void tst_MessageStore::migrationKeepsEveryMessage()
{
    // A file as Xin wrote it at schema version 3: the statements of steps 1-3, frozen here on purpose (a shipped
    // step never changes), then messages written the way that version's MessageStore wrote them.
    m_store.reset();
    m_db.reset();
    const int OldVersion = 3;
    const QStringList schemaVersion3{
        u"CREATE TABLE properties (key TEXT PRIMARY KEY NOT NULL, value TEXT)"_s,
        u"CREATE TABLE roster_items (jid TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL DEFAULT '',"
        " subscription TEXT NOT NULL DEFAULT 'none', pending_out INTEGER NOT NULL DEFAULT 0,"
        " approved INTEGER NOT NULL DEFAULT 0)"_s,
        u"CREATE TABLE roster_groups (jid TEXT NOT NULL REFERENCES roster_items(jid) ON DELETE CASCADE,"
        " name TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (jid, name))"_s,
        u"CREATE TABLE vcards (jid TEXT PRIMARY KEY NOT NULL, vcard TEXT, avatar_hash TEXT NOT NULL DEFAULT '',"
        " updated INTEGER NOT NULL DEFAULT 0)"_s,
        u"CREATE TABLE messages (rowid INTEGER PRIMARY KEY, chat TEXT NOT NULL, resource TEXT NOT NULL DEFAULT '',"
        " direction INTEGER NOT NULL, type INTEGER NOT NULL, body TEXT NOT NULL DEFAULT '',"
        " subject TEXT NOT NULL DEFAULT '', thread TEXT NOT NULL DEFAULT '', id TEXT NOT NULL DEFAULT '',"
        " origin_id TEXT NOT NULL DEFAULT '', stanza_id TEXT NOT NULL DEFAULT '', timestamp INTEGER NOT NULL,"
        " expires INTEGER, state INTEGER NOT NULL, error_text TEXT NOT NULL DEFAULT '',"
        " edited INTEGER NOT NULL DEFAULT 0, read INTEGER NOT NULL DEFAULT 1,"
        " receipt_requested INTEGER NOT NULL DEFAULT 0, markable INTEGER NOT NULL DEFAULT 0)"_s,
        u"CREATE INDEX messages_chat_time ON messages (chat, timestamp, rowid, type, expires)"_s,
        u"CREATE INDEX messages_stanza_id ON messages (stanza_id) WHERE stanza_id <> ''"_s,
        u"CREATE INDEX messages_origin_id ON messages (chat, direction, origin_id)"_s,
        u"CREATE INDEX messages_id ON messages (chat, direction, id)"_s,
        u"CREATE INDEX messages_unread ON messages (chat, expires) WHERE direction = 0 AND read = 0 AND type <> 3"_s,
        u"CREATE INDEX messages_headlines ON messages (timestamp, rowid) WHERE type = 3"_s,
        u"CREATE INDEX messages_pending ON messages (timestamp, rowid) WHERE state = 0"_s,
    };
    const QString path = m_dir.filePath(u"version3.sqlite"_s);
    const int Count = 500;
    {
        const QString name = u"tst-messagestore-v3"_s;
        {
            QSqlDatabase old = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            old.setDatabaseName(path);
            QVERIFY(old.open());
            QSqlQuery query(old);
            for (const QString &statement : schemaVersion3)
                QVERIFY2(query.exec(statement), qPrintable(statement));
            QVERIFY(old.transaction());
            QVERIFY(query.prepare(u"INSERT INTO messages (rowid, chat, direction, type, body, id, timestamp, state, "
                                  "read) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)"_s));
            for (int i = 0; i < Count; ++i) {
                const qint64 ms = at(i).toMSecsSinceEpoch();
                query.bindValue(0, ms << 20);
                query.bindValue(1, i % 2 ? u"alice@example.org"_s : u"小明@example.org"_s);
                query.bindValue(2, i % 3 ? 0 : 1);
                query.bindValue(3, i == 7 ? 3 : 1);   // one headline
                query.bindValue(4, u"旧消息 number %1 一起吃火锅"_s.arg(i, 4, 10, QChar(u'0')));
                query.bindValue(5, u"old-%1"_s.arg(i));
                query.bindValue(6, ms);
                query.bindValue(7, i % 3 ? 5 : 1);
                QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
            }
            QVERIFY(old.commit());
            QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(OldVersion)));
        }
        QSqlDatabase::removeDatabase(name);
    }

    m_db = std::make_unique<Database>();
    QString error;
    QVERIFY2(m_db->open(path, &error), qPrintable(error));
    QCOMPARE(m_db->schemaVersion(), Database::latestSchemaVersion());
    m_store = std::make_unique<MessageStore>(*m_db);

    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM messages"_s).toInt(), Count);
    QCOMPARE(m_store->count(Alice) + m_store->count(Xiaoming), Count - 1);
    QCOMPARE(m_store->headlines(10).size(), 1);
    QCOMPARE(m_store->messages(Xiaoming, Count).size(), Count / 2);
    QCOMPARE(m_store->messages(Alice, Count).size(), Count / 2 - 1);   // less the headline
    QCOMPARE(m_store->search(u"旧消息"_s, {}, Count).size(), Count - 1);   // every one found by the index...
    QCOMPARE(m_store->search(u"火锅"_s, {}, Count).size(), Count - 1);     // ...and by the pair index
    QCOMPARE(pairIndexed(*m_db, u"火锅"_s), Count - 1);                    // filled at the first open
    QCOMPARE(m_db->property(u"messages/pairs-indexed"_s), u"1"_s);
    QCOMPARE(indexed(*m_db, u"吃火锅"_s), Count - 1);
    QCOMPARE(indexedInChat(*m_db, Alice), Count / 2 - 1);
    QCOMPARE(indexedInChat(*m_db, Xiaoming), Count / 2);
    QCOMPARE(m_store->search(u"旧消息"_s, Alice, Count).size(), Count / 2 - 1);
    QCOMPARE(m_store->search(u"旧消息"_s, Xiaoming, Count).size(), Count / 2);
    for (int i = 0; i < Count; ++i) {
        if (i == 7)
            continue;
        const QString number = u"number %1"_s.arg(i, 4, 10, QChar(u'0'));
        const QList<ChatMessage> found = m_store->search(number);
        QVERIFY2(found.size() == 1, qPrintable(number));
        QCOMPARE(found.first().id, u"old-%1"_s.arg(i));
        QCOMPARE(found.first().timestamp, at(i));
    }
    const int incomingChats = scalar(*m_db, u"SELECT count(*) FROM messages WHERE chat = 'alice@example.org' "
                                            "AND direction = 0 AND type <> 3"_s)
                                  .toInt();
    QVERIFY(incomingChats > 100);
    QCOMPARE(m_store->unreadCount(Alice), incomingChats);

    // The migrated file works like a new one: its triggers index what comes next.
    ChatMessage next = make(Alice, u"迁移之后的新消息"_s, at(Count));
    QCOMPARE(m_store->add(next), MessageStore::AddResult::Added);
    QCOMPARE(bodies(m_store->search(u"之后的"_s)), QStringList{next.body});
    QCOMPARE(m_store->conversations().first().last.rowId, next.rowId);
}

QTEST_GUILESS_MAIN(tst_MessageStore)
#include "tst_messagestore.moc"
