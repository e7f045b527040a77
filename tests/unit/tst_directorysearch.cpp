// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Which fields "Find people" asks a directory by: decided from the service's own form (XEP-0055), parsed
// from the XML real services send; and the whole look-up over the in-memory transport: the directory found
// once (XEP-0030), its form read once, one search per field, the answers merged.
#include "TestClient.h"
#include "XmlTestUtils.h"
#include "extensions/DirectorySearch.h"
#include "extensions/DiscoveryManager.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Queries = QList<QHash<QString, QString>>;

class tst_DirectorySearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dataFormWithFullName();
    void fixedFields();
    void emailOnlyWhenOffered();
    void nothingToSearchBy();
    void findsMergesAndRemembers();
    void newerSearchVoidsOlder();
    void noDirectory();
};

namespace {
SearchManager::Form form(const QString &xml)
{
    return SearchManager::Form::fromQuery(XmlTestUtils::parse(xml));
}

// ejabberd 24.12 (mod_vcard), abridged: a data form with user, fn, first, last, nick, email, ...
const QString EjabberdForm = uR"(<query xmlns='jabber:iq:search'>
  <instructions>You need an x:data capable client to search</instructions>
  <x xmlns='jabber:x:data' type='form'>
    <title>Search users in search.localhost</title>
    <field type='text-single' label='User' var='user'/>
    <field type='text-single' label='Full Name' var='fn'/>
    <field type='text-single' label='Name' var='first'/>
    <field type='text-single' label='Family Name' var='last'/>
    <field type='text-single' label='Nickname' var='nick'/>
    <field type='text-single' label='Email' var='email'/>
  </x>
</query>)"_s;
}

void tst_DirectorySearch::dataFormWithFullName()
{
    const auto f = form(EjabberdForm);
    // A name: by nickname first, then by full name (which covers first and last names).
    QCOMPARE(DirectorySearch::queriesFor(u"小明"_s, f), (Queries{{{u"nick"_s, u"小明"_s}}, {{u"fn"_s, u"小明"_s}}}));
    // An address: by e-mail only.
    QCOMPARE(DirectorySearch::queriesFor(u"a@example.cn"_s, f), (Queries{{{u"email"_s, u"a@example.cn"_s}}}));
}

void tst_DirectorySearch::fixedFields()
{
    // XEP-0055 §2.1 example 2: the fixed fields first, last, nick, email.
    const auto f = form(uR"(<query xmlns='jabber:iq:search'>
      <instructions>Fill in one or more fields to search for any matching Jabber users.</instructions>
      <first/><last/><nick/><email/></query>)"_s);
    QCOMPARE(DirectorySearch::queriesFor(u"Juliet"_s, f),
             (Queries{{{u"nick"_s, u"Juliet"_s}}, {{u"first"_s, u"Juliet"_s}}, {{u"last"_s, u"Juliet"_s}}}));
}

void tst_DirectorySearch::emailOnlyWhenOffered()
{
    const auto f = form(u"<query xmlns='jabber:iq:search'><nick/></query>"_s);
    QCOMPARE(DirectorySearch::queriesFor(u"a@b.c"_s, f), Queries{});
    QCOMPARE(DirectorySearch::queriesFor(u"x"_s, f), (Queries{{{u"nick"_s, u"x"_s}}}));
}

void tst_DirectorySearch::nothingToSearchBy()
{
    const auto f = form(u"<query xmlns='jabber:iq:search'><instructions>closed</instructions></query>"_s);
    QCOMPARE(DirectorySearch::queriesFor(u"x"_s, f), Queries{});
}

namespace {
/// Signs in with a DiscoveryManager and a SearchManager; a DirectorySearch on them.
struct Session
{
    TestClient client;
    DiscoveryManager *discovery = client.addExtension<DiscoveryManager>();
    SearchManager *manager = client.addExtension<SearchManager>();
    DirectorySearch search{manager};
    QSignalSpy finished{&search, &DirectorySearch::searchFinished};
    QSignalSpy failed{&search, &DirectorySearch::searchFailed};

    /// Answers the discovery: example.org lists search.example.org, which offers jabber:iq:search.
    void answerDiscovery()
    {
        client.expect(u"<iq type='get' id='id1' to='example.org'>"
                      "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>"_s);
        client.inject(u"<iq type='result' id='id1' from='example.org'>"
                      "<query xmlns='http://jabber.org/protocol/disco#items'>"
                      "<item jid='search.example.org'/></query></iq>"_s);
        client.clearSent();
        client.inject(u"<iq type='result' id='id2' from='search.example.org'>"
                      "<query xmlns='http://jabber.org/protocol/disco#info'>"
                      "<feature var='jabber:iq:search'/></query></iq>"_s);
        client.inject(u"<iq type='result' id='id3' from='example.org'>"
                      "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    }
};

QString items(const QString &id, const QString &jids)
{
    QString xml;
    for (const QString &jid : jids.split(u' ', Qt::SkipEmptyParts))
        xml += u"<item jid='%1'><nick>%1</nick></item>"_s.arg(jid);
    return u"<iq type='result' id='%1' from='search.example.org'>"
           "<query xmlns='jabber:iq:search'>%2</query></iq>"_s.arg(id, xml);
}
} // namespace

void tst_DirectorySearch::findsMergesAndRemembers()
{
    Session s;
    QVERIFY(s.client.connectAs(u"alice@example.org/desk"_s));
    s.search.search(u"  Juliet "_s);
    s.answerDiscovery();
    QCOMPARE(s.search.service(), Jid::fromString(u"search.example.org"));
    s.client.expect(u"<iq type='get' id='id4' to='search.example.org'><query xmlns='jabber:iq:search'/></iq>"_s);
    s.client.inject(u"<iq type='result' id='id4' from='search.example.org'><query xmlns='jabber:iq:search'>"
                    "<first/><last/><nick/><email/></query></iq>"_s);
    // One search per field the text may mean, all at once.
    s.client.expect(u"<iq type='set' id='id5' to='search.example.org'><query xmlns='jabber:iq:search'>"
                    "<nick>Juliet</nick></query></iq>"_s);
    s.client.expect(u"<iq type='set' id='id6' to='search.example.org'><query xmlns='jabber:iq:search'>"
                    "<first>Juliet</first></query></iq>"_s);
    s.client.expect(u"<iq type='set' id='id7' to='search.example.org'><query xmlns='jabber:iq:search'>"
                    "<last>Juliet</last></query></iq>"_s);
    s.client.inject(items(u"id7"_s, u"c@example.org a@example.org"_s));
    s.client.inject(items(u"id5"_s, u"a@example.org b@example.org"_s));
    QCOMPARE(s.finished.size(), 0);
    // One failed search among others that answered is no failure.
    s.client.inject(u"<iq type='error' id='id6' from='search.example.org'><error type='modify'>"
                    "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(s.failed.size(), 0);
    QCOMPARE(s.finished.size(), 1);
    // In query order (nickname first), each person once.
    const auto people = s.finished.at(0).at(0).value<QList<SearchManager::Result>>();
    QList<Jid> jids;
    for (const SearchManager::Result &person : people)
        jids << person.jid;
    QCOMPARE(jids, (QList<Jid>{Jid::fromString(u"a@example.org"), Jid::fromString(u"b@example.org"),
                               Jid::fromString(u"c@example.org")}));

    // The directory and its form are remembered: the next search asks only for people.
    s.search.search(u"r@example.org"_s);
    s.client.expect(u"<iq type='set' id='id8' to='search.example.org'><query xmlns='jabber:iq:search'>"
                    "<email>r@example.org</email></query></iq>"_s);
    s.client.expectNoSent();
}

void tst_DirectorySearch::newerSearchVoidsOlder()
{
    Session s;
    QVERIFY(s.client.connectAs(u"alice@example.org/desk"_s));
    s.search.search(u"old"_s);
    s.answerDiscovery();
    s.client.expect(u"<iq type='get' id='id4' to='search.example.org'><query xmlns='jabber:iq:search'/></iq>"_s);
    s.client.inject(u"<iq type='result' id='id4' from='search.example.org'><query xmlns='jabber:iq:search'><nick/>"
                    "</query></iq>"_s);
    s.client.expect(u"<iq type='set' id='id5' to='search.example.org'><query xmlns='jabber:iq:search'><nick>old</nick>"
                    "</query></iq>"_s);
    s.search.search(u"new"_s);
    s.client.expect(u"<iq type='set' id='id6' to='search.example.org'><query xmlns='jabber:iq:search'><nick>new</nick>"
                    "</query></iq>"_s);
    s.client.inject(items(u"id5"_s, u"old@example.org"_s));
    QCOMPARE(s.finished.size(), 0);
    s.client.inject(items(u"id6"_s, u"new@example.org"_s));
    QCOMPARE(s.finished.size(), 1);
    const auto people = s.finished.at(0).at(0).value<QList<SearchManager::Result>>();
    QCOMPARE(people.value(0).jid, Jid::fromString(u"new@example.org"));
    // An empty text finds nobody without asking.
    s.search.search(u"   "_s);
    QCOMPARE(s.finished.size(), 2);
    s.client.expectNoSent();
}

void tst_DirectorySearch::noDirectory()
{
    Session s;
    QVERIFY(s.client.connectAs(u"alice@example.org/desk"_s));
    s.search.search(u"x"_s);
    s.client.clearSent();
    s.client.inject(u"<iq type='result' id='id1' from='example.org'>"
                    "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>"_s);
    s.client.expect(u"<iq type='get' id='id2' to='example.org'>"
                    "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    // A stranger claiming to be a directory changes nothing (docs/SECURITY.md rule 3).
    s.client.inject(u"<iq type='result' id='id2' from='search.evil.example'>"
                    "<query xmlns='http://jabber.org/protocol/disco#info'>"
                    "<feature var='jabber:iq:search'/></query></iq>"_s);
    s.client.inject(u"<iq type='result' id='id2' from='example.org'>"
                    "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"_s);
    QCOMPARE(s.failed.size(), 1);
    QVERIFY(s.search.service().isNull());
    QCOMPARE(s.finished.size(), 0);
    s.client.expectNoSent();
}

QTEST_GUILESS_MAIN(tst_DirectorySearch)
#include "tst_directorysearch.moc"
