// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// A <delay/> from our server's domain on a live message is believed only inside the span our server's
// offline storage can have held it (issue 13 finding 4, XEP-0160 §2, XEP-0203 §2): a sender can write that
// very delay itself, and a real server relays it unchanged. Over TestClient: messages as the server
// delivers them, sessions that start and end as the client signs in and loses the connection.
#include "TestClient.h"

#include "extensions/ChatManager.h"
#include "extensions/OfflineWindow.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QString iso(const QDateTime &when)
{
    return when.toString(Qt::ISODateWithMs);
}

/// A live chat message from bob with a delay that claims to be from our server.
QString delayedFromServer(const QString &id, const QDateTime &stamp)
{
    return u"<message from='bob@example.org/pc' to='alice@example.org/pc' type='chat' id='%1'>"
           "<body>离线消息 %1</body><delay xmlns='urn:xmpp:delay' from='example.org' stamp='%2'/></message>"_s.arg(
               id, iso(stamp));
}

/// One profile: its database file, the message store and a chat manager on a TestClient of
/// alice@example.org; sessionStarted() signs in (ChatManager's session starts), sessionEnded() drops the
/// connection.
struct Profile
{
    explicit Profile(const QString &path)
    {
        if (!database.open(path))
            qFatal("cannot open %s", qPrintable(path));
        store = std::make_unique<MessageStore>(database);
        client = std::make_unique<TestClient>();
        chats = client->addExtension<ChatManager>(store.get());
    }
    ~Profile()
    {
        client.reset();   // the extensions go with it, before the store they use
        store.reset();
    }
    void sessionStarted() { QVERIFY(client->connectAs(u"alice@example.org/pc"_s)); }
    void sessionEnded() { client->dropConnection(); }
    /// The stored time of message @p id from bob.
    QDateTime timeOf(const QString &id) const
    {
        for (const ChatMessage &message : store->messages(Jid::fromString(u"bob@example.org"_s), 100)) {
            if (message.id == id)
                return message.timestamp;
        }
        return {};
    }

    Database database;
    std::unique_ptr<MessageStore> store;
    std::unique_ptr<TestClient> client;
    ChatManager *chats = nullptr;
};

/// Writes into @p path a previous session of this profile that ran from @p start to @p end.
void previousSession(const QString &path, const QDateTime &start, const QDateTime &end)
{
    Database database;
    QVERIFY(database.open(path));
    OfflineWindow window(&database);
    window.sessionStarted(start);
    window.sessionEnded(end);
}

bool receivedBetween(const QDateTime &stored, const QDateTime &before, const QDateTime &after)
{
    return stored.isValid() && stored >= before.addMSecs(-1) && stored <= after;
}
} // namespace

class tst_OfflineDelay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void delayBeforeLastSessionTimedAsReceived();
    void delayWithinOfflineWindowKept();
    void firstSessionBoundedToThirtyDays();
    void lastOnlineSurvivesRestart();
    void failedAttemptLeavesLastOnline();

private:
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_OfflineDelay::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = Database::filePath(m_dir->path());
}

void tst_OfflineDelay::delayBeforeLastSessionTimedAsReceived()
{
    // We were online until two hours ago: nothing offline storage holds for us can be older than that.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    previousSession(m_path, now.addSecs(-5 * 3600), now.addSecs(-2 * 3600));
    Profile profile(m_path);
    profile.sessionStarted();

    const QDateTime before = QDateTime::currentDateTimeUtc();
    profile.client->inject(delayedFromServer(u"during"_s, now.addSecs(-3 * 3600)));
    profile.client->inject(delayedFromServer(u"ancient"_s, QDateTime(QDate(2001, 1, 1), QTime(0, 0), QTimeZone::UTC)));
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QVERIFY2(receivedBetween(profile.timeOf(u"during"_s), before, after), qPrintable(iso(profile.timeOf(u"during"_s))));
    QVERIFY2(receivedBetween(profile.timeOf(u"ancient"_s), before, after),
             qPrintable(iso(profile.timeOf(u"ancient"_s))));
}

void tst_OfflineDelay::delayWithinOfflineWindowKept()
{
    // Offline storage's stamp from the offline span keeps its time, also a little before the span's start
    // (the server's clock may be behind ours), but not past OfflineWindow::ClockTolerance.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime lastOnline = now.addSecs(-2 * 3600);
    previousSession(m_path, now.addSecs(-5 * 3600), lastOnline);
    Profile profile(m_path);
    profile.sessionStarted();

    const QDateTime offline = now.addSecs(-3600);
    const QDateTime skewed = lastOnline.addSecs(-4 * 60);
    const QDateTime tooEarly = lastOnline.addSecs(-6 * 60);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    profile.client->inject(delayedFromServer(u"offline"_s, offline));
    profile.client->inject(delayedFromServer(u"skewed"_s, skewed));
    profile.client->inject(delayedFromServer(u"early"_s, tooEarly));
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QCOMPARE(profile.timeOf(u"offline"_s), offline);
    QCOMPARE(profile.timeOf(u"skewed"_s), skewed);
    QVERIFY2(receivedBetween(profile.timeOf(u"early"_s), before, after), qPrintable(iso(profile.timeOf(u"early"_s))));
}

void tst_OfflineDelay::firstSessionBoundedToThirtyDays()
{
    // A new profile knows no previous session: offline storage is believed back to 30 days, no further.
    Profile profile(m_path);
    profile.sessionStarted();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime tenDays = now.addDays(-10);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    profile.client->inject(delayedFromServer(u"recent"_s, tenDays));
    profile.client->inject(delayedFromServer(u"old"_s, now.addDays(-40)));
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QCOMPARE(profile.timeOf(u"recent"_s), tenDays);
    QVERIFY2(receivedBetween(profile.timeOf(u"old"_s), before, after), qPrintable(iso(profile.timeOf(u"old"_s))));
}

void tst_OfflineDelay::lastOnlineSurvivesRestart()
{
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QDateTime ended;
    {
        Profile first(m_path);
        first.sessionStarted();
        // Written as the session starts: a crash (kill -9) right now still leaves a stamp behind.
        Database reader;
        QVERIFY(reader.open(m_path));
        QVERIFY(QDateTime::fromString(reader.property(OfflineWindow::lastOnlineKey()), Qt::ISODateWithMs) >= started);
        reader.close();
        QTest::qWait(20);
        first.sessionEnded();
        ended = QDateTime::currentDateTimeUtc();
    }

    // Restarted: the stamp read back from the file is the session's end.
    Profile second(m_path);
    const QDateTime lastOnline = OfflineWindow(&second.database).lastOnline();
    QVERIFY2(lastOnline > started && lastOnline <= ended, qPrintable(iso(lastOnline)));
    second.sessionStarted();
    QTest::qWait(20);
    const QDateTime stored = lastOnline.addMSecs(10);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    second.client->inject(delayedFromServer(u"after-end"_s, stored));
    second.client->inject(delayedFromServer(u"in-session"_s, lastOnline.addSecs(-3600)));
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QCOMPARE(second.timeOf(u"after-end"_s), stored);
    QVERIFY2(receivedBetween(second.timeOf(u"in-session"_s), before, after),
             qPrintable(iso(second.timeOf(u"in-session"_s))));
}

void tst_OfflineDelay::failedAttemptLeavesLastOnline()
{
    // A connection attempt that fails before the session starts was spent offline: the stamp stays where the
    // last session left it, and messages stored meanwhile keep their time at the next login.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime lastOnline = now.addSecs(-2 * 3600);
    previousSession(m_path, now.addSecs(-5 * 3600), lastOnline);
    Profile profile(m_path);
    profile.client->connectToHost();   // the server goes before the stream even opened
    profile.sessionEnded();
    QCOMPARE(profile.client->state(), XmppClient::State::Disconnected);
    QCOMPARE(OfflineWindow(&profile.database).lastOnline(), lastOnline);
    profile.sessionStarted();
    const QDateTime offline = lastOnline.addSecs(60);
    profile.client->inject(delayedFromServer(u"offline"_s, offline));
    QCOMPARE(profile.timeOf(u"offline"_s), offline);
}

QTEST_GUILESS_MAIN(tst_OfflineDelay)
#include "tst_offlinedelay.moc"
