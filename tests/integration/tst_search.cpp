// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Finding friends against a real ejabberd: the search service is found by service discovery (XEP-0030),
// its data form fetched and filled in (XEP-0055 §3, XEP-0004), and people found by Chinese nickname and by
// e-mail. Also: we answer disco#info about ourselves, and a search result from anyone but the service is
// ignored. Needs ejabberd 24.12 (CTest label "ejabberd").
#include "EjabberdServer.h"
#include "client/Extension.h"
#include "client/XmppClient.h"
#include "extensions/DirectorySearch.h"
#include "extensions/DiscoveryManager.h"
#include "extensions/RosterManager.h"
#include "extensions/SearchManager.h"
#include "stanza/Iq.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QXmlStreamWriter>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const auto Password = u"p4ss-密码"_s;
const Jid SearchService = Jid::fromString(u"search.localhost");

/// Takes jabber:iq:search requests and leaves them unanswered, so that the test answers (or forges) them.
class SilentSearchService : public Extension
{
public:
    QList<Iq> requests;

protected:
    bool handleStanza(const QDomElement &stanza) override
    {
        if (stanza.tagName() != u"iq" || stanza.firstChildElement().namespaceURI() != ns::Search)
            return false;
        if (const auto iq = Iq::fromElement(stanza); iq && iq->isRequest())
            requests << *iq;
        return true;
    }
};

struct Session
{
    std::unique_ptr<XmppClient> client = std::make_unique<XmppClient>();
    DiscoveryManager *discovery = client->addExtension<DiscoveryManager>();
    SearchManager *search = client->addExtension<SearchManager>();
};

/// Catches one asynchronous reply. Pass &context as the request's context: a reply arriving after the
/// Waiter is gone is then never delivered.
template <typename Reply>
struct Waiter
{
    QObject context;
    std::optional<Reply> reply;
    int calls = 0;
    std::function<void(const Reply &)> callback()
    {
        return [this](const Reply &r) {
            reply = r;
            ++calls;
        };
    }
    bool wait(int timeoutMs = 10000)
    {
        return QTest::qWaitFor([this] { return reply.has_value(); }, timeoutMs);
    }
};

QString describe(const std::optional<StanzaError> &error)
{
    return error ? StanzaError::conditionName(error->condition) + u' ' + error->text : u"(no error)"_s;
}

} // namespace

class tst_Search : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void findsTheSearchService();
    void searchFormIsADataForm();
    void searchByChineseNickname();
    void searchByEmail();
    void noMatchIsEmpty();
    void weAnswerDiscoInfo();
    void resultFromAnotherJidIsIgnored();
    void findPeopleAsTyped();
    void cliSearch();
    void noPreApprovalWithoutTheFeature();
    void cliSearchRejectsUnknownField();

private:
    std::unique_ptr<Session> connect(const QString &user, const QString &resource = u"pc"_s);
    bool setVCard(Session &session, const QString &fn, const QString &nick, const QString &email);
    QList<Jid> search(const DataForm &form);

    EjabberdServer m_server;
    std::unique_ptr<Session> m_alice;
    std::optional<DataForm> m_form;
};

void tst_Search::initTestCase()
{
    EjabberdServer::Options options;
    for (const QString &user : {u"alice"_s, u"xiaoming"_s, u"lihua"_s, u"wang"_s, u"bob"_s})
        options.users << user + u':' + Password;
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    qInfo("ejabberd ready in %lld ms (users registered after %lld ms); node %s", m_server.startupMilliseconds(),
          timer.elapsed(), qPrintable(m_server.nodeName()));

    m_alice = connect(u"alice"_s);
    QVERIFY(m_alice);
    // Everyone publishes a vCard (XEP-0054); ejabberd's mod_vcard indexes it for search.
    const struct
    {
        QString user, fn, nick, email;
    } cards[] = {
        {u"xiaoming"_s, u"王小明"_s, u"小明"_s, u"xiaoming@example.cn"_s},
        {u"lihua"_s, u"李华"_s, u"华华"_s, u"lihua@example.cn"_s},
        {u"wang"_s, u"王大明"_s, u"大明"_s, u"wang@example.cn"_s},
    };
    for (const auto &card : cards) {
        auto session = connect(card.user);
        QVERIFY(session);
        QVERIFY(setVCard(*session, card.fn, card.nick, card.email));
        session->client->disconnectFromHost();
    }
}

void tst_Search::cleanupTestCase()
{
    m_alice.reset();
    m_server.stop();
}

std::unique_ptr<Session> tst_Search::connect(const QString &user, const QString &resource)
{
    auto session = std::make_unique<Session>();
    ConnectionConfiguration config;
    config.jid = Jid::fromString(QString(user + u"@localhost/" + resource));
    config.password = Password;
    config.host = m_server.host();
    config.port = m_server.c2sPort();
    config.extraCaCertificates = m_server.caCertificates();
    config.connectTimeout = 20s;
    config.iqTimeout = 10s;
    session->client->connectToHost(config);
    const bool connected = QTest::qWaitFor([&] {
        return session->client->isConnected() || session->client->state() == XmppClient::State::Disconnected;
    }, 20000);
    if (!connected || !session->client->isConnected()) {
        qWarning().noquote() << "cannot connect" << user << session->client->errorString();
        return nullptr;
    }
    return session;
}

bool tst_Search::setVCard(Session &session, const QString &fn, const QString &nick, const QString &email)
{
    // XEP-0054 §3.2, built by hand: vCard handling is not this test's subject.
    Iq set;
    set.type = Iq::Type::Set;
    set.payload = XmlWriter::parseElement(QString::fromUtf8(XmlWriter::toBytes([&](QXmlStreamWriter &out) {
        out.writeStartElement(u"vCard"_s);
        out.writeDefaultNamespace(u"vcard-temp"_s);
        out.writeTextElement(u"FN"_s, fn);
        out.writeTextElement(u"NICKNAME"_s, nick);
        out.writeStartElement(u"EMAIL"_s);
        out.writeEmptyElement(u"INTERNET"_s);
        out.writeTextElement(u"USERID"_s, email);
        out.writeEndElement();
        out.writeEndElement();
    })));
    Waiter<IqReply> waiter;
    session.client->sendIq(set, &waiter.context, waiter.callback());
    return waiter.wait() && waiter.reply->isResult();
}

QList<Jid> tst_Search::search(const DataForm &form)
{
    Waiter<SearchManager::SearchReply> waiter;
    m_alice->search->search(SearchService, form, &waiter.context, waiter.callback());
    if (!waiter.wait() || !waiter.reply->isOk()) {
        qWarning().noquote() << "search failed:" << (waiter.reply ? describe(waiter.reply->error) : u"timeout"_s);
        return {};
    }
    QList<Jid> jids;
    for (const SearchManager::Result &result : waiter.reply->value.results)
        jids << result.jid;
    return jids;
}

void tst_Search::findsTheSearchService()
{
    Waiter<SearchManager::ServicesReply> waiter;
    m_alice->search->findSearchServices(&waiter.context, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY2(waiter.reply->isOk(), qPrintable(describe(waiter.reply->error)));
    QCOMPARE(waiter.reply->value, QList<Jid>{SearchService});

    // The pieces: the server lists the service among its items, and the service says what it is.
    Waiter<DiscoveryManager::InfoReply> info;
    m_alice->discovery->requestInfo(SearchService, {}, &info.context, info.callback());
    QVERIFY(info.wait());
    QVERIFY(info.reply->isOk());
    QCOMPARE(info.reply->value.jid, SearchService);
    QVERIFY(info.reply->value.hasIdentity(u"directory", u"user"));
    QVERIFY(info.reply->value.hasFeature(ns::Search));
}

void tst_Search::searchFormIsADataForm()
{
    Waiter<SearchManager::FormReply> waiter;
    m_alice->search->requestSearchForm(SearchService, &waiter.context, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY2(waiter.reply->isOk(), qPrintable(describe(waiter.reply->error)));
    const auto &form = waiter.reply->value;
    QVERIFY(form.dataForm);
    QCOMPARE(form.dataForm->type, DataForm::Type::Form);
    // ejabberd 24.12 sends no FORM_TYPE (XEP-0068 makes it a SHOULD): rely on the XEP-0055 field names.
    QVERIFY(form.dataForm->field(u"nick"));
    QVERIFY(form.dataForm->field(u"email"));
    QVERIFY(!form.dataForm->field(u"nick")->label.isEmpty());
    m_form = form.dataForm;
}

void tst_Search::searchByChineseNickname()
{
    QVERIFY(m_form);
    DataForm form = *m_form;
    form.setValue(u"nick"_s, u"小明"_s);
    QCOMPARE(search(form), QList<Jid>{Jid::fromString(u"xiaoming@localhost")});

    // The whole result table is there for the UI: columns and rows.
    Waiter<SearchManager::SearchReply> waiter;
    m_alice->search->search(SearchService, form, &waiter.context, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(waiter.reply->isOk());
    QVERIFY(waiter.reply->value.form);
    QVERIFY(!waiter.reply->value.form->reported.isEmpty());
    const SearchManager::Result &result = waiter.reply->value.results.value(0);
    QCOMPARE(result.nick, u"小明"_s);
    QCOMPARE(result.email, u"xiaoming@example.cn"_s);
    QCOMPARE(result.values.value(u"fn"_s), QStringList{u"王小明"_s});
}

void tst_Search::searchByEmail()
{
    QVERIFY(m_form);
    DataForm form = *m_form;
    form.setValue(u"email"_s, u"lihua@example.cn"_s);
    QCOMPARE(search(form), QList<Jid>{Jid::fromString(u"lihua@localhost")});
}

void tst_Search::noMatchIsEmpty()
{
    QVERIFY(m_form);
    DataForm form = *m_form;
    form.setValue(u"nick"_s, u"没有这个人"_s);
    Waiter<SearchManager::SearchReply> waiter;
    m_alice->search->search(SearchService, form, &waiter.context, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(waiter.reply->isOk());
    QVERIFY(waiter.reply->value.results.isEmpty());
}

void tst_Search::weAnswerDiscoInfo()
{
    auto bob = connect(u"bob"_s);
    QVERIFY(bob);
    Waiter<DiscoveryManager::InfoReply> waiter;
    m_alice->discovery->requestInfo(bob->client->jid(), {}, &waiter.context, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY2(waiter.reply->isOk(), qPrintable(describe(waiter.reply->error)));
    const DiscoveryManager::Info &info = waiter.reply->value;
    QCOMPARE(info.identities, (QList<DiscoveryManager::Identity>{{u"client"_s, u"pc"_s, u"Xin"_s, {}}}));
    QVERIFY(info.hasFeature(ns::DiscoInfo));
    QVERIFY(info.hasFeature(u"urn:xmpp:ping"_s));
    QCOMPARE(info.features, bob->discovery->ownFeatures());

    // A node we do not publish: item-not-found (XEP-0030 §3.1).
    Waiter<DiscoveryManager::InfoReply> node;
    m_alice->discovery->requestInfo(bob->client->jid(), u"urn:xin:nothing"_s, &node.context, node.callback());
    QVERIFY(node.wait());
    QCOMPARE(node.reply->status, IqReply::Status::Error);
    QCOMPARE(node.reply->error->condition, StanzaError::Condition::ItemNotFound);
}

void tst_Search::resultFromAnotherJidIsIgnored()
{
    // Alice searches at bob's client, which keeps quiet; lihua forges the answer with the request's id.
    auto bob = connect(u"bob"_s, u"service"_s);
    auto lihua = connect(u"lihua"_s, u"forger"_s);
    QVERIFY(bob && lihua);
    auto *service = bob->client->addExtension<SilentSearchService>();
    Waiter<SearchManager::SearchReply> waiter;
    m_alice->search->search(bob->client->jid(), QHash<QString, QString>{{u"nick"_s, u"小明"_s}}, &waiter.context,
                            waiter.callback());
    QVERIFY(QTest::qWaitFor([&] { return !service->requests.isEmpty(); }, 5000));
    const Iq request = service->requests.first();
    QCOMPARE(request.from, m_alice->client->jid());

    const auto answer = [&](const QString &jid) {
        Iq result = request.makeResult();
        result.payload = XmlWriter::parseElement(
            u"<query xmlns='jabber:iq:search'><item jid='%1'><nick>小明</nick></item></query>"_s.arg(jid));
        return XmlWriter::parseElement(QString::fromUtf8(result.toXml()));
    };
    QVERIFY(lihua->client->sendElement(answer(u"evil@localhost"_s)));
    QTest::qWait(300);
    QCOMPARE(waiter.calls, 0);   // dropped: not from the JID asked

    QVERIFY(bob->client->sendElement(answer(u"xiaoming@localhost"_s)));
    QVERIFY(waiter.wait());
    QCOMPARE(waiter.calls, 1);
    QVERIFY(waiter.reply->isOk());
    QCOMPARE(waiter.reply->value.results.size(), 1);
    QCOMPARE(waiter.reply->value.results.first().jid, Jid::fromString(u"xiaoming@localhost"));
}

void tst_Search::findPeopleAsTyped()
{
    // What the "Find people" box does: one text, searched as nickname and as full name, or as e-mail.
    DirectorySearch finder(m_alice->search);
    QSignalSpy finished(&finder, &DirectorySearch::searchFinished);
    QSignalSpy failed(&finder, &DirectorySearch::searchFailed);
    const auto find = [&](const QString &text) -> QList<Jid> {
        finished.clear();
        finder.search(text);
        if (!finished.wait(10000) && finished.isEmpty()) {
            qWarning() << "no answer;" << failed;
            return {};
        }
        QList<Jid> jids;
        for (const SearchManager::Result &r : finished.first().first().value<QList<SearchManager::Result>>())
            jids << r.jid;
        return jids;
    };
    QCOMPARE(find(u"小明"_s), QList<Jid>{Jid::fromString(u"xiaoming@localhost")});         // nickname
    QCOMPARE(finder.service(), SearchService);
    QCOMPARE(find(u"李华"_s), QList<Jid>{Jid::fromString(u"lihua@localhost")});            // full name
    QCOMPARE(find(u"wang@example.cn"_s), QList<Jid>{Jid::fromString(u"wang@localhost")});  // e-mail
    QCOMPARE(find(u"nobody-is-called-this"_s), QList<Jid>{});
    QCOMPARE(failed.size(), 0);

    // A newer search makes the older one's answers void: only one result set arrives, the newer one's.
    finished.clear();
    finder.search(u"小明"_s);
    finder.search(u"李华"_s);
    QVERIFY(finished.wait(10000));
    QTest::qWait(500);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<QList<SearchManager::Result>>().value(0).jid,
             Jid::fromString(u"lihua@localhost"));
}

void tst_Search::noPreApprovalWithoutTheFeature()
{
    // This fixture is also our server without RFC 6121 §3.4 pre-approval: a friend request must then be
    // only a subscribe, since a 'subscribed' sent before any request would be dropped (§3.1.3) or worse.
    auto bob = connect(u"bob"_s, u"roster"_s);
    QVERIFY(bob);
    auto *roster = bob->client->addExtension<RosterManager>();
    QByteArray sent;
    QObject::connect(bob->client.get(), &XmppClient::xmlSent, bob->client.get(),
                     [&](const QByteArray &xml) { sent += xml; });
    QVERIFY(!roster->isPreApprovalSupported());
    roster->requestFriend(Jid::fromString(u"wang@localhost"), {}, u"hi"_s);
    QVERIFY(QTest::qWaitFor([&] { return sent.contains("subscribe"); }, 5000));
    QTest::qWait(200);
    QVERIFY2(!sent.contains("'subscribed'") && !sent.contains("\"subscribed\""), sent.constData());
}

// Runs xin-cli as alice; stdout and stderr apart (JSON lines on stdout, one sentence on stderr).
struct CliRun
{
    int exitCode = -1;
    QList<QJsonObject> lines;
    QString error;
};

static CliRun runCli(const EjabberdServer &server, const QStringList &command)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XT_PASSWORD"_s, Password);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(XIN_CLI_PATH),
                  QStringList{u"--jid"_s, u"alice@localhost"_s, u"--password-env"_s, u"XT_PASSWORD"_s, u"--host"_s,
                              server.host(), u"--port"_s, QString::number(server.c2sPort()), u"--ca-file"_s,
                              server.caCertificatePath(), u"--timeout"_s, u"20"_s}
                      + command);
    CliRun run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (!line.isEmpty())
            run.lines << QJsonDocument::fromJson(line).object();
    }
    run.error = QString::fromUtf8(process.readAllStandardError()).trimmed();
    return run;
}

void tst_Search::cliSearch()
{
    // The service is found by disco (XEP-0030); ejabberd's form is a data form (XEP-0055 §3).
    const CliRun byNick = runCli(m_server, {u"search"_s, u"nick=小明"_s});
    QVERIFY2(byNick.exitCode == 0, qPrintable(byNick.error));
    QCOMPARE(byNick.lines.size(), 1);
    QCOMPARE(byNick.lines.first().value(u"jid"_s).toString(), u"xiaoming@localhost"_s);
    QCOMPARE(byNick.lines.first().value(u"nick"_s).toString(), u"小明"_s);

    const CliRun byEmail = runCli(m_server,
                                  {u"search"_s, u"--service"_s, SearchService.toString(), u"email=lihua@example.cn"_s});
    QVERIFY2(byEmail.exitCode == 0, qPrintable(byEmail.error));
    QCOMPARE(byEmail.lines.size(), 1);
    QCOMPARE(byEmail.lines.first().value(u"jid"_s).toString(), u"lihua@localhost"_s);

    const CliRun none = runCli(m_server, {u"search"_s, u"nick=nobody-has-this"_s});
    QCOMPARE(none.exitCode, 0);
    QVERIFY(none.lines.isEmpty());
    QVERIFY2(none.error.contains(u"no match"_s), qPrintable(none.error));
}

void tst_Search::cliSearchRejectsUnknownField()
{
    const CliRun run = runCli(m_server, {u"search"_s, u"shoe-size=42"_s});
    QCOMPARE(run.exitCode, 2);
    // The sentence names the field and what the service takes instead.
    QVERIFY2(run.error.contains(u"shoe-size"_s) && run.error.contains(u"nick"_s), qPrintable(run.error));

    const CliRun noPairs = runCli(m_server, {u"search"_s, u"xiaoming"_s});
    QCOMPARE(noPairs.exitCode, 2);
    QVERIFY2(noPairs.error.contains(u"FIELD=VALUE"_s), qPrintable(noPairs.error));
}

QTEST_GUILESS_MAIN(tst_Search)
#include "tst_search.moc"
