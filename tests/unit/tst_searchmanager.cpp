// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// SearchManager over the in-memory transport (XEP-0055 jabber:iq:search, with XEP-0030 to find the
// directory): the form and search requests it sends, the fixed-field and data-form results it reads,
// errors, malformed answers, timeouts, the end of the stream, and answers from someone else than the
// directory asked.
#include "TestClient.h"

#include "extensions/DiscoveryManager.h"
#include "extensions/SearchManager.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const Jid Service = Jid::fromString(u"search.example.org");

template <typename Reply>
struct Catch
{
    std::optional<Reply> reply;
    int calls = 0;
    auto callback()
    {
        return [this](const Reply &r) {
            reply = r;
            ++calls;
        };
    }
};

QString infoResult(const QString &id, const QString &from, const QString &features)
{
    return u"<iq type='result' id='%1' from='%2'><query xmlns='http://jabber.org/protocol/disco#info'>"
           "<identity category='directory' type='user'/>%3</query></iq>"_s.arg(id, from, features);
}

// ejabberd 24.12 (mod_vcard), abridged.
const QString EjabberdForm = u"<x xmlns='jabber:x:data' type='form'><title>Search users</title>"
                             "<instructions>Fill in the form</instructions>"
                             "<field type='hidden' var='FORM_TYPE'><value>jabber:iq:search</value></field>"
                             "<field type='text-single' label='User' var='user'/>"
                             "<field type='text-single' label='Nickname' var='nick'/></x>"_s;

} // namespace

class tst_SearchManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findSearchServices();
    void findSearchServicesWithoutItems();
    void findSearchServicesNeedsDiscovery();
    void findSearchServicesTimeout();
    void requestFixedFieldsForm();
    void requestDataForm();
    void formErrorsAndMalformedAnswers();
    void searchByFixedFields();
    void searchByDataForm();
    void noMatchIsEmpty();
    void searchErrors();
    void timeoutAndDisconnect();
    void resultFromSomeoneElseIgnored();
    void hostileResults();
};

void tst_SearchManager::findSearchServices()
{
    TestClient client;
    client.addExtension<DiscoveryManager>();
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    Catch<SearchManager::ServicesReply> got;
    search->findSearchServices(&client, got.callback());
    // XEP-0030 §4.1: our server's items ...
    client.expect(u"<iq type='get' id='id1' to='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>"_s);
    client.inject(u"<iq type='result' id='id1' from='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#items'>"
                  "<item jid='search.example.org'/><item jid='conference.example.org'/>"
                  "<item jid='pubsub.example.org' node='n'/><item jid='search.example.org'/></query></iq>"_s);
    // ... then disco#info of each (once, nodes left out) and of the server itself, all at once.
    client.expect(u"<iq type='get' id='id2' to='search.example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.expect(u"<iq type='get' id='id3' to='conference.example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.expect(u"<iq type='get' id='id4' to='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.expectNoSent();
    client.inject(infoResult(u"id4"_s, u"example.org"_s, u"<feature var='jabber:iq:search'/>"_s));
    client.inject(infoResult(u"id2"_s, u"search.example.org"_s, u"<feature var='jabber:iq:search'/>"_s));
    QVERIFY(!got.reply);
    // A forged answer does not make a stranger our directory (docs/SECURITY.md rule 3).
    client.inject(infoResult(u"id3"_s, u"evil.example"_s, u"<feature var='jabber:iq:search'/>"_s));
    QVERIFY(!got.reply);
    client.inject(u"<iq type='error' id='id3' from='conference.example.org'><error type='cancel'>"
                  "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(got.calls, 1);
    QVERIFY(got.reply->isOk());
    // In the order of the items, the server last.
    QCOMPARE(got.reply->value, (QList<Jid>{Service, Jid::fromString(u"example.org")}));
}

void tst_SearchManager::findSearchServicesWithoutItems()
{
    // An error for the items still asks the server itself; none searchable: Ok and empty.
    TestClient client;
    client.addExtension<DiscoveryManager>();
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs(u"alice@example.org/desk"_s));
    Catch<SearchManager::ServicesReply> got;
    search->findSearchServices(&client, got.callback());
    client.clearSent();
    client.inject(u"<iq type='error' id='id1' from='example.org'><error type='cancel'>"
                  "<feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    client.expect(u"<iq type='get' id='id2' to='example.org'>"
                  "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    client.inject(infoResult(u"id2"_s, u"example.org"_s, u"<feature var='urn:xmpp:mam:2'/>"_s));
    QVERIFY(got.reply->isOk());
    QVERIFY(got.reply->value.isEmpty());
}

void tst_SearchManager::findSearchServicesNeedsDiscovery()
{
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::ServicesReply> got;
    search->findSearchServices(&client, got.callback());
    QCOMPARE(got.reply->status, IqReply::Status::Error);
    QCOMPARE(got.reply->error->condition, StanzaError::Condition::FeatureNotImplemented);
    client.expectNoSent();
}

void tst_SearchManager::findSearchServicesTimeout()
{
    TestClient client;
    auto config = client.configuration();
    config.iqTimeout = 30ms;
    client.setConfiguration(config);
    client.addExtension<DiscoveryManager>();
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::ServicesReply> got;
    search->findSearchServices(&client, got.callback());
    QTRY_VERIFY_WITH_TIMEOUT(got.reply.has_value(), 2000);
    QCOMPARE(got.reply->status, IqReply::Status::Timeout);
    client.clearSent();
    client.expectNoSent();   // nothing more is asked after a timeout
    QCOMPARE(got.calls, 1);
}

void tst_SearchManager::requestFixedFieldsForm()
{
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::FormReply> got;
    search->requestSearchForm(Service, &client, got.callback());
    // XEP-0055 §2.1 example 1.
    client.expect(u"<iq type='get' id='id1' to='search.example.org'><query xmlns='jabber:iq:search'/></iq>"_s);
    client.inject(u"<iq type='result' id='id1' from='search.example.org'><query xmlns='jabber:iq:search'>"
                  "<instructions> Fill in a field </instructions><last/><nick/><x-other/>"
                  "<first xmlns='urn:example'/></query></iq>"_s);
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.instructions, u"Fill in a field"_s);
    QCOMPARE(got.reply->value.fields, (QStringList{u"last"_s, u"nick"_s}));   // only §2.1's fixed fields
    QVERIFY(!got.reply->value.dataForm);
}

void tst_SearchManager::requestDataForm()
{
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::FormReply> got;
    search->requestSearchForm(Service, &client, got.callback());
    client.clearSent();
    client.inject(u"<iq type='result' id='id1' from='search.example.org'><query xmlns='jabber:iq:search'>"
                  "<instructions>Use the form</instructions>%1</query></iq>"_s.arg(EjabberdForm));
    QVERIFY(got.reply->isOk());
    QVERIFY(got.reply->value.dataForm);
    QCOMPARE(got.reply->value.dataForm->formType(), u"jabber:iq:search"_s);
    QVERIFY(got.reply->value.dataForm->field(u"nick"));
}

void tst_SearchManager::formErrorsAndMalformedAnswers()
{
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::FormReply> refused, empty, wrong;
    search->requestSearchForm(Service, &client, refused.callback());
    search->requestSearchForm(Service, &client, empty.callback());
    search->requestSearchForm(Service, &client, wrong.callback());
    client.clearSent();
    client.inject(u"<iq type='error' id='id1' from='search.example.org'><error type='cancel'>"
                  "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    client.inject(u"<iq type='result' id='id2' from='search.example.org'/>"_s);
    client.inject(u"<iq type='result' id='id3' from='search.example.org'><query xmlns='jabber:iq:register'><nick/>"
                  "</query></iq>"_s);
    QCOMPARE(refused.reply->status, IqReply::Status::Error);
    QCOMPARE(refused.reply->error->condition, StanzaError::Condition::ServiceUnavailable);
    for (auto *c : {&empty, &wrong}) {
        QCOMPARE(c->reply->status, IqReply::Status::Error);
        QCOMPARE(c->reply->error->condition, StanzaError::Condition::BadRequest);
        QVERIFY(c->reply->value.fields.isEmpty());
    }
}

void tst_SearchManager::searchByFixedFields()
{
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::SearchReply> got;
    // XEP-0055 §2.1: only the fixed fields, in their order; text XML forbids is left out.
    search->search(Service, {{u"email"_s, u"xm@example.cn"_s}, {u"nick"_s, u"小明 <&>\x01"_s}, {u"user"_s, u"x"_s}},
                   &client, got.callback());
    client.expect(u"<iq type='set' id='id1' to='search.example.org'><query xmlns='jabber:iq:search'>"
                  "<nick>小明 &lt;&amp;&gt;</nick><email>xm@example.cn</email></query></iq>"_s);
    client.inject(u"<iq type='result' id='id1' from='search.example.org'><query xmlns='jabber:iq:search'>"
                  "<item jid='xm@example.cn'><first>明</first><last>小</last><nick>小明</nick>"
                  "<email>xm@example.cn</email></item>"
                  "<item jid='xm2@example.cn'><nick>小明</nick></item></query></iq>"_s);
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.results.size(), 2);
    const SearchManager::Result &first = got.reply->value.results.at(0);
    QCOMPARE(first.jid, Jid::fromString(u"xm@example.cn"));
    QCOMPARE(first.first, u"明"_s);
    QCOMPARE(first.last, u"小"_s);
    QCOMPARE(first.nick, u"小明"_s);
    QCOMPARE(first.email, u"xm@example.cn"_s);
    QVERIFY(!got.reply->value.form);
}

void tst_SearchManager::searchByDataForm()
{
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    auto form = DataForm::fromElement(TestClient::parseStanza(EjabberdForm));
    QVERIFY(form);
    form->setValue(u"nick"_s, u"小明"_s);
    Catch<SearchManager::SearchReply> got;
    search->search(Service, *form, &client, got.callback());
    // XEP-0055 §3, XEP-0004 §3.1: a form is submitted as type 'submit', values only.
    client.expect(u"<iq type='set' id='id1' to='search.example.org'><query xmlns='jabber:iq:search'>"
                  "<x xmlns='jabber:x:data' type='submit'><field type='hidden' var='FORM_TYPE'>"
                  "<value>jabber:iq:search</value></field>"
                  "<field type='text-single' var='user'/><field type='text-single' var='nick'><value>小明</value>"
                  "</field></x>"
                  "</query></iq>"_s);
    client.inject(u"<iq type='result' id='id1' from='search.example.org'><query xmlns='jabber:iq:search'>"
                  "<x xmlns='jabber:x:data' type='result'><field type='hidden' var='FORM_TYPE'>"
                  "<value>jabber:iq:search</value></field>"
                  "<reported><field var='jid' label='JID'/><field var='fn' label='Full Name'/>"
                  "<field var='nick' label='Nickname'/></reported>"
                  "<item><field var='jid'><value>xm@example.cn</value></field><field var='fn'>"
                  "<value>王小明</value></field>"
                  "<field var='nick'><value>小明</value></field></item>"
                  "<item><field var='fn'><value>no jid</value></field></item>"
                  "<item><field var='jid'><value>@bad</value></field></item></x></query></iq>"_s);
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.results.size(), 1);   // rows without a valid jid are skipped
    QCOMPARE(got.reply->value.results.at(0).jid, Jid::fromString(u"xm@example.cn"));
    QCOMPARE(got.reply->value.results.at(0).nick, u"小明"_s);
    QCOMPARE(got.reply->value.results.at(0).values.value(u"fn"_s), QStringList{u"王小明"_s});
    QVERIFY(got.reply->value.form);
    QCOMPARE(got.reply->value.form->reported.size(), 3);

    // A form already of type 'submit' is sent as it is.
    DataForm submit;
    submit.type = DataForm::Type::Submit;
    submit.setValue(u"email"_s, u"a@example.cn"_s);
    search->search(Service, submit, &client, got.callback());
    client.expect(u"<iq type='set' id='id2' to='search.example.org'><query xmlns='jabber:iq:search'>"
                  "<x xmlns='jabber:x:data' type='submit'><field var='email'><value>a@example.cn</value></field></x>"
                  "</query></iq>"_s);
}

void tst_SearchManager::noMatchIsEmpty()
{
    // XEP-0055 §2.1: no match is an empty <query/>: Ok, no results. A result without a query is malformed.
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::SearchReply> empty, missing;
    search->search(Service, {{u"nick"_s, u"nobody"_s}}, &client, empty.callback());
    search->search(Service, {{u"nick"_s, u"nobody"_s}}, &client, missing.callback());
    client.clearSent();
    client.inject(u"<iq type='result' id='id1' from='search.example.org'><query xmlns='jabber:iq:search'/></iq>"_s);
    client.inject(u"<iq type='result' id='id2' from='search.example.org'/>"_s);
    QVERIFY(empty.reply->isOk());
    QVERIFY(empty.reply->value.results.isEmpty());
    QCOMPARE(missing.reply->status, IqReply::Status::Error);
    QCOMPARE(missing.reply->error->condition, StanzaError::Condition::BadRequest);
}

void tst_SearchManager::searchErrors()
{
    // XEP-0055 §2.1: not-allowed, not-acceptable (too few fields), service-unavailable each reach the caller.
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    const QList<std::pair<QString, StanzaError::Condition>> errors{
        {u"not-allowed"_s, StanzaError::Condition::NotAllowed},
        {u"not-acceptable"_s, StanzaError::Condition::NotAcceptable},
        {u"service-unavailable"_s, StanzaError::Condition::ServiceUnavailable}};
    for (qsizetype i = 0; i < errors.size(); ++i) {
        Catch<SearchManager::SearchReply> got;
        search->search(Service, {{u"nick"_s, u"x"_s}}, &client, got.callback());
        client.clearSent();
        client.inject(u"<iq type='error' id='id%1' from='search.example.org'><error type='cancel'><%2 "
                      "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                      "</error></iq>"_s.arg(i + 1)
                          .arg(errors.at(i).first));
        QCOMPARE(got.reply->status, IqReply::Status::Error);
        QCOMPARE(got.reply->error->condition, errors.at(i).second);
        QVERIFY(got.reply->value.results.isEmpty());
    }
}

void tst_SearchManager::timeoutAndDisconnect()
{
    TestClient client;
    auto config = client.configuration();
    config.iqTimeout = 30ms;
    client.setConfiguration(config);
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::SearchReply> timedOut;
    search->search(Service, {{u"nick"_s, u"x"_s}}, &client, timedOut.callback());
    QTRY_VERIFY_WITH_TIMEOUT(timedOut.reply.has_value(), 2000);
    QCOMPARE(timedOut.reply->status, IqReply::Status::Timeout);
    Catch<SearchManager::SearchReply> dropped;
    Catch<SearchManager::FormReply> form;
    search->search(Service, {{u"nick"_s, u"x"_s}}, &client, dropped.callback());
    search->requestSearchForm(Service, &client, form.callback());
    client.dropConnection();
    QCOMPARE(dropped.reply->status, IqReply::Status::Disconnected);
    QCOMPARE(form.reply->status, IqReply::Status::Disconnected);
}

void tst_SearchManager::resultFromSomeoneElseIgnored()
{
    // RFC 6120 §8.1.2.1, docs/SECURITY.md rule 3: only the directory asked answers; a stranger who guessed
    // the id cannot plant look-alike "people" in our results.
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::SearchReply> got;
    search->search(Service, {{u"nick"_s, u"小明"_s}}, &client, got.callback());
    client.clearSent();
    const QString forged = u"<iq type='result' id='id1' from='%1'><query xmlns='jabber:iq:search'>"
                           "<item jid='xm@evil.example'><nick>小明</nick></item></query></iq>"_s;
    client.inject(forged.arg(u"mallory@evil.example/x"_s));
    client.inject(forged.arg(u"example.org"_s));
    client.inject(u"<iq type='result' id='id1'><query xmlns='jabber:iq:search'><item jid='xm@evil.example'/>"
                  "</query></iq>"_s);
    QCOMPARE(got.calls, 0);
    client.inject(u"<iq type='result' id='id1' from='search.example.org'><query xmlns='jabber:iq:search'/></iq>"_s);
    QCOMPARE(got.calls, 1);
    QVERIFY(got.reply->value.results.isEmpty());
}

void tst_SearchManager::hostileResults()
{
    // Everything in a result is remote text (docs/SECURITY.md rule 5), kept as sent; items in another
    // namespace or without a valid JID are skipped; a service repeating a person gets it repeated here
    // (DirectorySearch merges by JID).
    TestClient client;
    auto *search = client.addExtension<SearchManager>();
    QVERIFY(client.connectAs());
    Catch<SearchManager::SearchReply> got;
    search->search(Service, {{u"nick"_s, u"x"_s}}, &client, got.callback());
    client.clearSent();
    client.inject(u"<iq type='result' id='id1' from='search.example.org'><query xmlns='jabber:iq:search'>"
                  "<item jid='a@example.cn'><nick>&lt;img src='/dev/zero'&gt;</nick></item>"
                  "<item jid='a@example.cn'><nick>again</nick></item>"
                  "<item><nick>no jid</nick></item><item jid='a@b@c'/>"
                  "<item xmlns='urn:example' jid='z@example.cn'/></query></iq>"_s);
    QVERIFY(got.reply->isOk());
    QCOMPARE(got.reply->value.results.size(), 2);
    QCOMPARE(got.reply->value.results.at(0).nick, u"<img src='/dev/zero'>"_s);
    QCOMPARE(got.reply->value.results.at(1).nick, u"again"_s);
}

QTEST_GUILESS_MAIN(tst_SearchManager)
#include "tst_searchmanager.moc"
