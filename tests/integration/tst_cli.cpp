// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// xin-cli against a real Prosody: check, send/listen with Chinese text, receipts, carbons, the archive, and its
// exit codes.
#include "ProsodyServer.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const auto Password = u"xin-测试-pw"_s;
}

class tst_Cli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void check();
    void sendAndListen();
    void offlineMessageArrivesWithTimestamp();
    void sendWaitsForReceipt();
    void listenPrintsCarbonsAndChatStates();
    void historyFromArchive();
    void exitCodes_data();
    void exitCodes();
    void timeoutExitCode();
    void saslDowngradeExitCode();
    void friendsFlow();
    void blockedRequestNeverArrives();
    void cleanupTestCase();

private:
    QStringList globalArgs(const QString &user, const QString &password = Password) const;
    /// Runs xin-cli to its end; returns the exit code, with stdout and stderr.
    int run(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr, int timeoutMs = 30000);
    /// Runs xin-cli as @p user and returns its JSON lines.
    QList<QJsonObject> jsonLines(const QString &user, const QStringList &command);

    ProsodyServer m_server;
    QTemporaryDir m_dir;
    QString m_passwordFile;
    QString m_wrongPasswordFile;
};

void tst_Cli::initTestCase()
{
    QString error;
    ProsodyServer::Options options;
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password, u"carol:"_s + Password, u"dan:"_s + Password,
                     u"erin:"_s + Password,  u"fay:"_s + Password, u"gus:"_s + Password,   u"hana:"_s + Password};
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    // gus and hana are friends: only contacts get receipts and chat states (docs/SECURITY.md rule 10).
    RosterItem gus, hana;
    gus.jid = Jid::fromString(u"gus@localhost");
    gus.subscription = RosterItem::Subscription::Both;
    hana.jid = Jid::fromString(u"hana@localhost");
    hana.subscription = RosterItem::Subscription::Both;
    QVERIFY2(m_server.seedRoster(u"gus"_s, {hana}, &error), qPrintable(error));
    QVERIFY2(m_server.seedRoster(u"hana"_s, {gus}, &error), qPrintable(error));
    m_passwordFile = m_dir.filePath(u"password"_s);
    QFile file(m_passwordFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Password.toUtf8() + '\n');
    file.close();
    m_wrongPasswordFile = m_dir.filePath(u"wrong"_s);
    QFile wrong(m_wrongPasswordFile);
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("nope\n");
}

void tst_Cli::cleanupTestCase()
{
    m_server.stop();
}

QStringList tst_Cli::globalArgs(const QString &user, const QString &) const
{
    return {u"--jid"_s,           user + u"@localhost"_s,
            u"--password-file"_s, m_passwordFile,
            u"--host"_s,          m_server.host(),
            u"--port"_s,          QString::number(m_server.c2sPort()),
            u"--ca-file"_s,       m_server.caCertificatePath(),
            u"--timeout"_s,       u"20"_s};
}

int tst_Cli::run(const QStringList &args, QByteArray *out, QByteArray *err, int timeoutMs)
{
    QProcess process;
    process.start(QStringLiteral(XIN_CLI_PATH), args);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (out)
        *out = process.readAllStandardOutput();
    if (err)
        *err = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
}

void tst_Cli::check()
{
    QByteArray out, err;
    QCOMPARE(run(globalArgs(u"alice"_s) << u"--resource"_s << u"cli"_s << u"check"_s, &out, &err), 0);
    QCOMPARE(out.trimmed(), "alice@localhost/cli"_ba);
}

void tst_Cli::sendAndListen()
{
    QProcess listener;
    listener.start(QStringLiteral(XIN_CLI_PATH), globalArgs(u"bob"_s) << u"listen"_s << u"--count"_s << u"2"_s);
    QVERIFY(listener.waitForStarted());
    QByteArray listenerErr;
    QTRY_VERIFY2_WITH_TIMEOUT((listenerErr += listener.readAllStandardError()).contains("listening as"),
                              listenerErr.constData(), 20000);

    const QString text = u"你好，鲍勃！这是一条中文消息 👋 <b>not bold</b> & more"_s;
    QByteArray out, err;
    QCOMPARE(run(globalArgs(u"alice"_s) << u"send"_s << u"bob@localhost"_s << text, &out, &err), 0);
    QCOMPARE(run(globalArgs(u"carol"_s) << u"send"_s << u"bob@localhost"_s << u"第二条"_s, &out, &err), 0);
    QVERIFY(listener.waitForFinished(20000));
    QCOMPARE(listener.exitCode(), 0);

    QList<QJsonObject> messages;
    const auto lines = listener.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, line.constData());
        const QString kind = doc.object().value(u"kind").toString();
        if (kind == u"message")
            messages << doc.object();
        else
            QVERIFY2(kind == u"presence" || kind == u"chat-state", line.constData());   // <active/> comes with each
    }
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).value(u"type").toString(), u"chat"_s);
    QVERIFY(messages.at(0).value(u"from").toString().startsWith(u"alice@localhost/"));
    QCOMPARE(messages.at(0).value(u"body").toString(), text);
    QVERIFY(!messages.at(0).value(u"id").toString().isEmpty());
    QCOMPARE(messages.at(1).value(u"body").toString(), u"第二条"_s);
}

void tst_Cli::offlineMessageArrivesWithTimestamp()
{
    // send exits 0 only once the server has the message: stored offline, delivered at the next login.
    QByteArray out, err;
    QCOMPARE(run(globalArgs(u"alice"_s) << u"send"_s << u"carol@localhost"_s << u"离线消息"_s, &out, &err), 0);
    QCOMPARE(run(globalArgs(u"carol"_s) << u"listen"_s << u"--count"_s << u"1"_s, &out, &err), 0);
    const auto lines = out.split('\n');
    bool found = false;
    for (const QByteArray &line : lines) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.value(u"kind").toString() != u"message")
            continue;
        QCOMPARE(object.value(u"body").toString(), u"离线消息"_s);
        QVERIFY(!object.value(u"stamp").toString().isEmpty());
        found = true;
    }
    QVERIFY(found);
}

void tst_Cli::sendWaitsForReceipt()
{
    // Nobody online: no receipt can come; --receipt waits, then exits 5 (timed out) saying why.
    QByteArray out, err;
    QStringList quick = globalArgs(u"gus"_s);
    quick[quick.indexOf(u"--timeout"_s) + 1] = u"4"_s;
    QCOMPARE(run(quick << u"send"_s << u"hana@localhost"_s << u"还在吗"_s << u"--receipt"_s, &out, &err), 5);
    QVERIFY2(err.contains("no delivery receipt from hana@localhost"), err.constData());

    // hana listens (her ChatManager answers a friend's receipt requests, XEP-0184): gus's send ends with
    // her receipt.
    QProcess listener;
    listener.start(QStringLiteral(XIN_CLI_PATH), globalArgs(u"hana"_s) << u"listen"_s << u"--seconds"_s << u"8"_s);
    QByteArray listenerErr;
    QTRY_VERIFY2_WITH_TIMEOUT((listenerErr += listener.readAllStandardError()).contains("listening as"),
                              listenerErr.constData(), 20000);
    QCOMPARE(run(globalArgs(u"gus"_s) << u"send"_s << u"hana@localhost"_s << u"收到请回复"_s << u"--receipt"_s, &out,
                 &err),
             0);
    const QJsonObject receipt = QJsonDocument::fromJson(out.trimmed().split('\n').constLast()).object();
    QCOMPARE(receipt.value(u"kind").toString(), u"receipt"_s);
    QCOMPARE(receipt.value(u"state").toString(), u"delivered"_s);
    QVERIFY(receipt.value(u"from").toString().startsWith(u"hana@localhost/"));
    listener.kill();
    listener.waitForFinished();
}

void tst_Cli::listenPrintsCarbonsAndChatStates()
{
    // fay listens on one resource; what she sends from another comes to the listener as a sent carbon
    // (XEP-0280), and dan's standalone chat state as a chat-state line.
    QProcess listener;
    listener.start(QStringLiteral(XIN_CLI_PATH),
                   globalArgs(u"fay"_s) << u"--resource"_s << u"listener"_s << u"listen"_s << u"--seconds"_s << u"6"_s);
    QByteArray listenerErr;
    QTRY_VERIFY2_WITH_TIMEOUT((listenerErr += listener.readAllStandardError()).contains("listening as"),
                              listenerErr.constData(), 20000);
    QTest::qWait(500);   // carbons enabled after the session started
    QByteArray out, err;
    QCOMPARE(run(globalArgs(u"fay"_s) << u"--resource"_s << u"phone"_s << u"send"_s << u"dan@localhost"_s
                                      << u"从手机发的"_s,
                 &out, &err),
             0);
    QCOMPARE(run(globalArgs(u"dan"_s) << u"send"_s << u"fay@localhost"_s << u"/me waves 👋"_s, &out, &err), 0);
    QVERIFY(listener.waitForFinished(20000));
    QList<QJsonObject> lines;
    for (const QByteArray &line : listener.readAllStandardOutput().split('\n')) {
        if (!line.isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    }
    auto find = [&](const QString &body) {
        for (const QJsonObject &object : lines) {
            if (object.value(u"body").toString() == body)
                return object;
        }
        return QJsonObject();
    };
    const QJsonObject carbon = find(u"从手机发的"_s);
    QCOMPARE(carbon.value(u"carbon").toString(), u"sent"_s);
    QCOMPARE(carbon.value(u"direction").toString(), u"out"_s);
    QCOMPARE(carbon.value(u"to").toString(), u"dan@localhost"_s);
    const QJsonObject action = find(u"/me waves 👋"_s);
    QCOMPARE(action.value(u"direction").toString(), u"in"_s);
    QVERIFY(action.value(u"action").toBool());
    const bool stateSeen = std::any_of(lines.cbegin(), lines.cend(), [](const QJsonObject &o) {
        return o.value(u"kind").toString() == u"chat-state" && o.value(u"state").toString() == u"active";
    });
    QVERIFY(stateSeen);
}

void tst_Cli::historyFromArchive()
{
    QByteArray out, err;
    for (int i = 0; i < 6; ++i)
        QCOMPARE(run(globalArgs(u"carol"_s) << u"send"_s << u"dan@localhost"_s << u"历史消息 %1"_s.arg(i), &out, &err),
                 0);
    QCOMPARE(run(globalArgs(u"dan"_s) << u"history"_s << u"carol@localhost"_s << u"--limit"_s << u"3"_s, &out, &err),
             0);
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    }
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0).value(u"body").toString(), u"历史消息 3"_s);   // the newest three, oldest first
    QCOMPARE(lines.at(2).value(u"body").toString(), u"历史消息 5"_s);
    QVERIFY(!lines.at(2).value(u"stanza-id").toString().isEmpty());

    QCOMPARE(run(globalArgs(u"dan"_s) << u"history"_s << u"carol@localhost"_s << u"--search"_s << u"消息 1"_s, &out,
                 &err),
             0);
    QCOMPARE(QJsonDocument::fromJson(out.trimmed()).object().value(u"body").toString(), u"历史消息 1"_s);

    QCOMPARE(run(globalArgs(u"dan"_s) << u"history"_s << u"carol@localhost"_s << u"--limit"_s << u"0"_s, &out, &err),
             2);
}

void tst_Cli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QStringList base{u"--host"_s, u"127.0.0.1"_s, u"--timeout"_s, u"20"_s};
    QTest::newRow("no command") << (base + QStringList{u"--jid"_s, u"a@localhost"_s}) << 2 << u"no command"_s;
    QTest::newRow("unknown option") << QStringList{u"--bogus"_s, u"check"_s} << 2 << u"unknown option"_s;
    QTest::newRow("bad jid") << (base + QStringList{u"--jid"_s, u"a@b@c"_s, u"--password-env"_s, u"HOME"_s, u"check"_s})
                             << 2 << u"invalid --jid"_s;
    QTest::newRow("no password") << (base + QStringList{u"--jid"_s, u"a@localhost"_s, u"check"_s}) << 2
                                 << u"password"_s;
    QTest::newRow("unknown command")
        << (base + QStringList{u"--jid"_s, u"a@localhost"_s, u"--password-env"_s, u"HOME"_s, u"dance"_s}) << 2
        << u"unknown command"_s;
    // Issue 13, finding 3: optional TLS only for a server on this computer (docs/SECURITY.md rule 1).
    QTest::newRow("ifpossible for a remote server")
        << QStringList{u"--jid"_s,      u"a@example.org"_s, u"--password-env"_s, u"HOME"_s,
                       u"--security"_s, u"ifpossible"_s,    u"--timeout"_s,      u"20"_s,
                       u"check"_s}
        << 2 << u"loopback"_s;
}

void tst_Cli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    QByteArray err;
    QCOMPARE(run(args, nullptr, &err), code);
    QVERIFY2(QString::fromUtf8(err).contains(message), err.constData());
}

void tst_Cli::saslDowngradeExitCode()
{
    // Issue 13, finding 9: a mechanism weaker than the pinned one (Prosody offers SCRAM-SHA-1 at best, and
    // no XEP-0474 hash vouches for its list) is a clear error with exit code 4, unless accepted this once.
    QByteArray err;
    const QStringList pinned = globalArgs(u"alice"_s) << u"--sasl-pin"_s << u"SCRAM-SHA-512-PLUS"_s;
    QCOMPARE(run(QStringList(pinned) << u"check"_s, nullptr, &err), 4);
    QVERIFY2(err.contains("weaker than SCRAM-SHA-512-PLUS"), err.constData());
    QByteArray out;
    QCOMPARE(run(QStringList(pinned) << u"--accept-weaker-sasl"_s << u"check"_s, &out, &err), 0);
    QVERIFY2(out.contains("alice@localhost/"), out.constData());
}

void tst_Cli::timeoutExitCode()
{
    QByteArray err;
    // Wrong password: 4.
    QStringList args = globalArgs(u"alice"_s);
    args[3] = m_wrongPasswordFile;
    QCOMPARE(run(args << u"check"_s, nullptr, &err), 4);
    QVERIFY2(err.contains("wrong user name or password"), err.constData());

    // No CA given: the certificate is not trusted, 3, and the line says why.
    QStringList untrusted = globalArgs(u"alice"_s);
    const auto ca = untrusted.indexOf(u"--ca-file"_s);
    untrusted.remove(ca, 2);
    QCOMPARE(run(untrusted << u"check"_s, nullptr, &err), 3);
    QVERIFY2(err.contains("certificate"), err.constData());

    // Nobody listening: 3.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    QStringList refused = globalArgs(u"alice"_s);
    refused[refused.indexOf(u"--port"_s) + 1] = QString::number(closedPort);
    QCOMPARE(run(refused << u"check"_s, nullptr, &err), 3);

    // A server that accepts and never answers: 5 after --timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QStringList slow = globalArgs(u"alice"_s);
    slow[slow.indexOf(u"--port"_s) + 1] = QString::number(silent.serverPort());
    slow[slow.indexOf(u"--timeout"_s) + 1] = u"1"_s;
    QCOMPARE(run(slow << u"check"_s, nullptr, &err), 5);
    QVERIFY2(err.contains("in time") || err.contains("timed out"), err.constData());
}

QList<QJsonObject> tst_Cli::jsonLines(const QString &user, const QStringList &command)
{
    QByteArray out, err;
    const int code = run(globalArgs(user) + command, &out, &err);
    if (code != 0)
        qWarning() << "xin-cli" << command << "exited with" << code << err;
    QList<QJsonObject> objects;
    const auto lines = out.split('\n');
    for (const QByteArray &line : lines) {
        if (!line.isEmpty())
            objects << QJsonDocument::fromJson(line).object();
    }
    return objects;
}

namespace {
QJsonObject find(const QList<QJsonObject> &objects, const QString &key, const QString &value)
{
    for (const QJsonObject &object : objects) {
        if (object.value(key).toString() == value)
            return object;
    }
    return {};
}
} // namespace

void tst_Cli::friendsFlow()
{
    // dan asks erin with a greeting; erin sees it, accepts into a group; dan accepts erin's request back.
    QByteArray out, err;
    QCOMPARE(run(globalArgs(u"dan"_s) << u"add"_s << u"erin@localhost"_s << u"--group"_s << u"同学"_s << u"--greeting"_s
                                      << u"我是小丹"_s,
                 &out, &err),
             0);
    auto danRoster = jsonLines(u"dan"_s, {u"roster"_s});
    QJsonObject erin = find(danRoster, u"jid"_s, u"erin@localhost"_s);
    QCOMPARE(erin.value(u"pending").toBool(), true);
    QCOMPARE(erin.value(u"groups").toArray().first().toString(), u"同学"_s);

    const auto heard = jsonLines(u"erin"_s, {u"listen"_s, u"--seconds"_s, u"2"_s});
    const QJsonObject request = find(heard, u"kind"_s, u"friend-request"_s);
    QCOMPARE(request.value(u"from").toString(), u"dan@localhost"_s);
    QCOMPARE(request.value(u"greeting").toString(), u"我是小丹"_s);

    QCOMPARE(run(globalArgs(u"erin"_s) << u"accept"_s << u"dan@localhost"_s << u"--group"_s << u"朋友"_s), 0);
    QCOMPARE(run(globalArgs(u"dan"_s) << u"accept"_s << u"erin@localhost"_s), 0);

    erin = find(jsonLines(u"dan"_s, {u"roster"_s}), u"jid"_s, u"erin@localhost"_s);
    QCOMPARE(erin.value(u"subscription").toString(), u"both"_s);
    const QJsonObject dan = find(jsonLines(u"erin"_s, {u"roster"_s}), u"jid"_s, u"dan@localhost"_s);
    QCOMPARE(dan.value(u"subscription").toString(), u"both"_s);
    QCOMPARE(dan.value(u"groups").toArray().first().toString(), u"朋友"_s);

    // Presence: erin listens, dan says he is busy.
    QProcess listener;
    listener.start(QStringLiteral(XIN_CLI_PATH), globalArgs(u"erin"_s) << u"listen"_s << u"--seconds"_s << u"4"_s);
    QByteArray listenerErr;
    QTRY_VERIFY2_WITH_TIMEOUT((listenerErr += listener.readAllStandardError()).contains("listening as"),
                              listenerErr.constData(), 20000);
    QCOMPARE(run(globalArgs(u"dan"_s) << u"presence"_s << u"--show"_s << u"dnd"_s << u"--status"_s << u"开会中"_s), 0);
    QVERIFY(listener.waitForFinished(20000));
    bool sawBusy = false;
    const auto lines = listener.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.value(u"from").toString().startsWith(u"dan@localhost/")
            && object.value(u"show").toString() == u"dnd")
            sawBusy = object.value(u"status").toString() == u"开会中";
    }
    QVERIFY(sawBusy);

    // Refuse and remove.
    QCOMPARE(run(globalArgs(u"fay"_s) << u"add"_s << u"erin@localhost"_s), 0);
    QCOMPARE(run(globalArgs(u"erin"_s) << u"refuse"_s << u"fay@localhost"_s), 0);
    const QJsonObject refused = find(jsonLines(u"fay"_s, {u"roster"_s}), u"jid"_s, u"erin@localhost"_s);
    QCOMPARE(refused.value(u"subscription").toString(), u"none"_s);
    QVERIFY(!refused.value(u"pending").toBool());
    QCOMPARE(run(globalArgs(u"dan"_s) << u"remove"_s << u"erin@localhost"_s), 0);
    QVERIFY(find(jsonLines(u"dan"_s, {u"roster"_s}), u"jid"_s, u"erin@localhost"_s).isEmpty());
}

void tst_Cli::blockedRequestNeverArrives()
{
    QCOMPARE(run(globalArgs(u"fay"_s) << u"block"_s << u"carol@localhost"_s), 0);
    QCOMPARE(run(globalArgs(u"carol"_s) << u"add"_s << u"fay@localhost"_s << u"--greeting"_s << u"hi"_s), 0);
    auto heard = jsonLines(u"fay"_s, {u"listen"_s, u"--seconds"_s, u"2"_s});
    QVERIFY(find(heard, u"kind"_s, u"friend-request"_s).isEmpty());
    QCOMPARE(run(globalArgs(u"fay"_s) << u"unblock"_s << u"carol@localhost"_s), 0);
    // The request made while blocked was dropped by the server, never stored: asking again works.
    QCOMPARE(run(globalArgs(u"carol"_s) << u"add"_s << u"fay@localhost"_s << u"--greeting"_s << u"hi again"_s), 0);
    heard = jsonLines(u"fay"_s, {u"listen"_s, u"--seconds"_s, u"2"_s});
    QCOMPARE(find(heard, u"kind"_s, u"friend-request"_s).value(u"greeting").toString(), u"hi again"_s);
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
