// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// bench_history: the message history store (MessageStore over SQLite with its FTS5 trigram index) with a big
// history: 1,000,000 messages in 1,000 chats by default, one of them holding 10,000. It prints figures; it
// asserts nothing about time. No app and no server: the store is what the chat window and search wait for.
//
//   a. open a chat:  a fresh Database::open() of the file, then messages(chat, 50) and count(chat) of the
//                    10,000-message chat, and one page further back
//   b. search:       3+ character queries (the trigram index) and 1-2 character ones (a scan, newest first,
//                    stopping at the limit), Chinese and Latin, frequent, rare and absent; global and per chat
//   c. conversations(): the conversation list over the whole history
//   d. writing:      2,000 and 10,000 new messages into the big history with addAll() (one transaction each),
//                    and 2,000 with add() one by one (a commit each); wall-clock and CPU time
//
// The history is written once through MessageStore::addAll() (so it is exactly what the app writes), into a
// temporary directory removed at the end (--keep keeps it).

#include "BenchSupport.h"

#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>

#include <array>
#include <cstdlib>

#include <time.h>

using namespace Qt::StringLiterals;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Settings
{
    int runs = 5;
    int messages = 1000000;
    int chats = 1000;
    int bigChat = 10000;
    bool keep = false;
    QString database;   // an existing history (from --keep) to measure again instead of writing a new one
};

Settings parseArguments(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Figures of the message history store with a big history."_s);
    parser.addHelpOption();
    const QCommandLineOption runs(u"runs"_s, u"Runs of each measurement (default 5)."_s, u"N"_s, u"5"_s);
    const QCommandLineOption messages(u"messages"_s, u"Messages in the history (default 1000000)."_s, u"N"_s,
                                      u"1000000"_s);
    const QCommandLineOption chats(u"chats"_s, u"Chats they are in (default 1000)."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption bigChat(u"big-chat"_s, u"Messages of the chat that is opened (default 10000)."_s, u"N"_s,
                                     u"10000"_s);
    const QCommandLineOption keep(u"keep"_s, u"Keep the database (its directory is printed)."_s);
    const QCommandLineOption database(u"database"_s,
                                      u"Measure this database, kept by an earlier run with the same --messages, "
                                      "--chats and --big-chat, instead of writing one (addAll() adds to it)."_s,
                                      u"path"_s);
    parser.addOptions({runs, messages, chats, bigChat, keep, database});
    parser.process(app);
    Settings settings;
    settings.runs = qMax(1, parser.value(runs).toInt());
    settings.messages = qMax(1000, parser.value(messages).toInt());
    settings.chats = qBound(2, parser.value(chats).toInt(), settings.messages / 10);
    settings.bigChat = qBound(100, parser.value(bigChat).toInt(), settings.messages / 2);
    settings.keep = parser.isSet(keep);
    settings.database = parser.value(database);
    return settings;
}

// ---------------------------------------------------------------------------------------------------------
// The history: chat-like sentences, about 60% Chinese and 40% English, of 5 to 80 characters

const Jid BigChat = Jid::fromString(u"big@example.org"_s);

Jid chatJid(int i)
{
    return Jid::fromString(u"friend%1@example.org"_s.arg(i));
}

template <size_t N>
QString pick(QRandomGenerator &random, const std::array<QString, N> &words)
{
    return words[random.bounded(int(N))];
}

const std::array<QString, 10> ChineseSubjects{u"我"_s,   u"你"_s,   u"我们"_s, u"他们"_s, u"老板"_s,
                                              u"小明"_s, u"妈妈"_s, u"同事"_s, u"大家"_s, u"她"_s};
const std::array<QString, 20> ChinesePredicates{u"今天去吃火锅"_s,     u"明天上午开会"_s,   u"晚上一起看电影"_s,
                                                u"又加班到很晚"_s,     u"下午三点见"_s,     u"坐地铁回家"_s,
                                                u"买了新手机"_s,       u"周末去爬山"_s,     u"问项目进度怎么样"_s,
                                                u"记得带伞"_s,         u"在写周报"_s,       u"刚到公司"_s,
                                                u"想喝奶茶"_s,         u"把文件发过去了"_s, u"还在路上"_s,
                                                u"觉得这个方案不错"_s, u"订了机票"_s,       u"在改代码"_s,
                                                u"请大家吃饭"_s,       u"感冒了"_s};
const std::array<QString, 8> ChineseEndings{u"吧"_s, u"了"_s, u"吗？"_s, u"呢"_s, u"。"_s, u"！"_s, u"哈哈"_s, u""_s};
const std::array<QString, 10> EnglishSubjects{u"I"_s,     u"We"_s,   u"You"_s,      u"The team"_s, u"My boss"_s,
                                              u"Alice"_s, u"They"_s, u"Everyone"_s, u"She"_s,      u"Bob"_s};
const std::array<QString, 16> EnglishPredicates{
    u"will send the report"_s, u"are meeting at noon"_s,   u"finished the release"_s, u"needs more coffee"_s,
    u"fixed the build"_s,      u"moved the deadline"_s,    u"is on the way"_s,        u"liked your idea"_s,
    u"booked the flight"_s,    u"is reviewing the code"_s, u"went hiking"_s,          u"lost the keys again"_s,
    u"wants hot pot"_s,        u"called about the bug"_s,  u"is working late"_s,      u"shared the slides"_s};
const std::array<QString, 8> EnglishEndings{u" tomorrow."_s, u" tonight!"_s, u" next week."_s, u"?"_s,
                                            u" at 3 pm."_s,  u"."_s,         u" :)"_s,         u" lol"_s};

// One message in a thousand carries a rare phrase: what a search for something specific finds.
const QString RareChinese = u"海底捞火锅店"_s;
const QString RareEnglish = u"quarterly budget review"_s;

QString sentence(QRandomGenerator &random)
{
    QString text;
    const int clauses = 1 + random.bounded(3);
    if (random.bounded(10) < 6) {
        for (int i = 0; i < clauses; ++i) {
            if (i)
                text += u'，';
            text += pick(random, ChineseSubjects) + pick(random, ChinesePredicates);
        }
        text += pick(random, ChineseEndings);
        if (random.bounded(1000) == 0)
            text += u"去"_s + RareChinese;
    } else {
        for (int i = 0; i < clauses; ++i) {
            if (i)
                text += u", and "_s;
            text += pick(random, EnglishSubjects) + u' ' + pick(random, EnglishPredicates);
        }
        text += pick(random, EnglishEndings);
        if (random.bounded(1000) == 0)
            text += u" before the "_s + RareEnglish;
    }
    return text;
}

ChatMessage makeMessage(QRandomGenerator &random, const Jid &chat, qint64 ms, const QString &id)
{
    ChatMessage message;
    message.chat = chat;
    message.direction = random.bounded(2) ? ChatMessage::Direction::Outgoing : ChatMessage::Direction::Incoming;
    message.body = sentence(random);
    message.id = id;
    message.stanzaId = u"s-"_s + id;
    if (message.direction == ChatMessage::Direction::Outgoing) {
        message.originId = id;
        message.state = ChatMessage::State::Read;
    } else {
        message.resource = u"phone"_s;
    }
    message.timestamp = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    return message;
}

/// Writes the history: every hundredth message in the big chat, the others spread over the other chats, over
/// three years up to now, in pages of 50,000 (each one transaction).
bool fill(const Settings &settings, MessageStore &store)
{
    QRandomGenerator random(20240501);
    const qint64 end = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
    const qint64 span = qint64(3) * 365 * 86400 * 1000;
    const int bigEvery = qMax(1, settings.messages / settings.bigChat);
    QList<ChatMessage> page;
    page.reserve(50000);
    int big = 0;
    for (int i = 0; i < settings.messages; ++i) {
        const qint64 ms = end - span + span / settings.messages * i + random.bounded(1000);
        const bool inBig = i % bigEvery == 0 && big < settings.bigChat;
        big += inBig;
        const Jid chat = inBig ? BigChat : chatJid(1 + random.bounded(settings.chats - 1));
        page.append(makeMessage(random, chat, ms, u"h%1"_s.arg(i)));
        if (page.size() == 50000 || i == settings.messages - 1) {
            const qsizetype count = page.size();
            if (store.addAll(page) != count)
                return false;
            page.clear();
            out() << "\r  written " << i + 1 << " messages" << Qt::flush;
        }
    }
    out() << Qt::endl;
    return true;
}

// ---------------------------------------------------------------------------------------------------------
// Figures

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

/// CPU time of this thread: unlike the wall clock, not stretched by other processes on a shared machine.
double cpuMs()
{
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

QString fmt(double value, int decimals = 2)
{
    return value < 0 ? u"-"_s : QString::number(value, 'f', decimals);
}

void printRow(const QString &label, const QList<double> &values, const QString &unit, const QString &note = {},
              int decimals = 2)
{
    QStringList runs;
    for (double value : values)
        runs << fmt(value, decimals);
    const QString median = fmt(Bench::median(values), decimals) + u' ' + unit;
    out() << "  " << label.leftJustified(46) << median.rightJustified(13) << "   " << note.leftJustified(22)
          << " runs: " << runs.join(u' ') << Qt::endl;
}

int scalar(const Database &database, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(database.connection());
    query.prepare(sql);
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toInt();
}

/// How many stored messages contain @p text (LIKE folds ASCII case, as the store does): context for a figure.
int matches(const Database &database, const QString &text, const Jid &chat)
{
    QString pattern = text;
    pattern.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    pattern = u'%' + pattern + u'%';
    if (chat.isNull())
        return scalar(database, u"SELECT count(*) FROM messages WHERE body LIKE ? ESCAPE '\\'"_s, {pattern});
    return scalar(database, u"SELECT count(*) FROM messages WHERE chat = ? AND body LIKE ? ESCAPE '\\'"_s,
                  {chat.toString(), pattern});
}

// ---------------------------------------------------------------------------------------------------------
// The measurements

void measureOpenChat(const Settings &settings, const QString &path)
{
    out() << "\na. opening the chat of " << settings.bigChat << " messages, after a fresh open of the database"
          << Qt::endl;
    QList<double> open, page, count, back, total;
    for (int run = 0; run < settings.runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        Database database;
        if (!database.open(path)) {
            out() << "  cannot open " << path << Qt::endl;
            return;
        }
        MessageStore store(database);
        open << elapsedMs(timer);
        QElapsedTimer step;
        step.start();
        const QList<ChatMessage> last = store.messages(BigChat, 50);
        page << elapsedMs(step);
        step.start();
        const int n = store.count(BigChat);
        count << elapsedMs(step);
        total << elapsedMs(timer);
        step.start();
        const ChatMessage first = last.value(0);
        const QList<ChatMessage> older = store.messages(BigChat, 50, &first);
        back << elapsedMs(step);
        if (last.size() != 50 || older.size() != 50 || n != settings.bigChat)
            out() << "  WARNING: got " << last.size() << " + " << older.size() << " messages, count " << n << Qt::endl;
    }
    printRow(u"Database::open() + MessageStore"_s, open, u"ms"_s);
    printRow(u"messages(chat, 50)"_s, page, u"ms"_s);
    printRow(u"count(chat)"_s, count, u"ms"_s);
    printRow(u"open + messages + count"_s, total, u"ms"_s, u"target < 100 ms"_s);
    printRow(u"one page back: messages(chat, 50, &first)"_s, back, u"ms"_s);
}

void measureSearch(const Settings &settings, const QString &path)
{
    Database database;
    if (!database.open(path))
        return;
    MessageStore store(database);
    const Jid smallChat = chatJid(1);
    out() << "\nb. search(text, chat, 100) over " << settings.messages << " messages ("
          << scalar(database, u"SELECT count(*) FROM messages WHERE chat = ?"_s, {smallChat.toString()})
          << " in the small chat); 3+ characters use the trigram index, 1-2 letters or digits the pair index, other"
             " short text (\"a!\") scans newest first"
          << Qt::endl;
    struct Query
    {
        QString text;
        Jid chat;
        QString scope;
    };
    QList<Query> queries;
    const QStringList texts{u"吃火锅"_s, RareChinese,    u"火锅店"_s, u"不存在的词"_s, u"the"_s, u"report"_s,
                            RareEnglish, u"xylophone"_s, u"火锅"_s,   u"鳄鱼"_s,       u"th"_s,  u"zq"_s,
                            u"锅"_s,     u"鳄"_s,        u"q"_s,      u"a!"_s};
    for (const QString &text : texts)
        queries.append({text, Jid(), u"global"_s});
    for (const QString &text : {u"吃火锅"_s, u"the"_s, RareEnglish, u"xylophone"_s, u"火锅"_s, u"鳄鱼"_s, u"鳄"_s})
        queries.append({text, BigChat, u"big chat"_s});
    for (const QString &text : {u"吃火锅"_s, u"the"_s, RareEnglish, u"xylophone"_s, u"火锅"_s, u"鳄鱼"_s})
        queries.append({text, smallChat, u"small chat"_s});

    for (const Query &query : std::as_const(queries)) {
        QList<double> times;
        qsizetype found = 0;
        for (int run = 0; run < settings.runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            found = store.search(query.text, query.chat, 100).size();
            times << elapsedMs(timer);
        }
        const QString label = u"\""_s + query.text + u"\" "_s + query.scope;
        printRow(label, times, u"ms"_s, u"%1 found of %2"_s.arg(found).arg(matches(database, query.text, query.chat)));
    }
}

void measureConversations(const Settings &settings, const QString &path)
{
    Database database;
    if (!database.open(path))
        return;
    MessageStore store(database);
    out() << "\nc. conversations() over " << settings.messages << " messages" << Qt::endl;
    QList<double> times;
    qsizetype chats = 0;
    for (int run = 0; run < settings.runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        chats = store.conversations().size();
        times << elapsedMs(timer);
    }
    printRow(u"conversations()"_s, times, u"ms"_s, u"%1 chats"_s.arg(chats));
}

/// A flood of @p size new messages in a chat of its own, all in one second, as offline messages come. Its
/// names are new each time, or a kept database would take them as duplicates.
QList<ChatMessage> flood(QRandomGenerator &random, int size, const QString &kind)
{
    const QString name = u"%1-%2-%3"_s.arg(kind).arg(size).arg(random.generate64(), 0, 16);
    const Jid chat = Jid::fromString(QString(name + u"@example.org"_s));
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    QList<ChatMessage> messages;
    messages.reserve(size);
    for (int i = 0; i < size; ++i)
        messages.append(makeMessage(random, chat, ms, QString(name + u'-' + QString::number(i))));
    return messages;
}

void measureAddAll(const Settings &settings, const QString &path)
{
    Database database;
    if (!database.open(path))
        return;
    MessageStore store(database);
    out() << "\nd. new messages into the history of " << settings.messages
          << ": addAll() (one transaction) and add() one by one (a commit each)" << Qt::endl;
    QRandomGenerator random(quint32(QDateTime::currentMSecsSinceEpoch()));
    for (const int size : {2000, 10000, -2000}) {
        const bool oneByOne = size < 0;
        const int n = std::abs(size);
        const QString label = oneByOne ? u"add() x %1"_s.arg(n) : u"addAll(%1)"_s.arg(n);
        QList<double> times, cpu, rates;
        for (int run = 0; run < settings.runs; ++run) {
            QList<ChatMessage> messages = flood(random, n, oneByOne ? u"single"_s : u"flood"_s);
            QElapsedTimer timer;
            timer.start();
            const double cpuStart = cpuMs();
            int added = 0;
            if (oneByOne) {
                for (ChatMessage &message : messages)
                    added += store.add(message) == MessageStore::AddResult::Added;
            } else {
                added = store.addAll(messages);
            }
            const double elapsed = elapsedMs(timer);
            cpu << cpuMs() - cpuStart;
            if (added != n)
                out() << "  WARNING: added " << added << " of " << n << Qt::endl;
            times << elapsed;
            rates << n / elapsed * 1000;
        }
        printRow(label, times, u"ms"_s);
        printRow(label + u" CPU"_s, cpu, u"ms"_s);
        printRow(label + u" throughput"_s, rates, u"msg/s"_s, {}, 0);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const Settings settings = parseArguments(app);
    out() << "bench_history: " << settings.messages << " messages in " << settings.chats << " chats (one of "
          << settings.bigChat << "), medians of " << settings.runs << " runs" << Qt::endl;
    out() << "machine: " << Bench::machineDescription() << Qt::endl;

    QTemporaryDir work(QDir::tempPath() + u"/xin-bench-history-XXXXXX"_s);
    work.setAutoRemove(!settings.keep);
    if (settings.keep)
        out() << "work directory (kept): " << work.path() << Qt::endl;
    const QString path = settings.database.isEmpty() ? Database::filePath(work.path()) : settings.database;

    if (settings.database.isEmpty()) {
        Database database;
        QString error;
        if (!database.open(path, &error)) {
            out() << "cannot create the database: " << error << Qt::endl;
            return 1;
        }
        MessageStore store(database);
        QElapsedTimer timer;
        timer.start();
        if (!fill(settings, store)) {
            out() << "cannot write the history" << Qt::endl;
            return 1;
        }
        QSqlQuery query(database.connection());
        query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        out() << "  written in " << fmt(elapsedMs(timer) / 1000, 1) << " s; file "
              << fmt(double(QFileInfo(path).size()) / 1024 / 1024, 0) << " MiB" << Qt::endl;
    }

    measureOpenChat(settings, path);
    measureSearch(settings, path);
    measureConversations(settings, path);
    measureAddAll(settings, path);
    return 0;
}
