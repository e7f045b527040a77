// Which fields "Find people" asks a directory by: decided from the service's own form (XEP-0055), parsed
// from the XML real services send.
#include "XmlTestUtils.h"
#include "extensions/DirectorySearch.h"

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

QTEST_GUILESS_MAIN(tst_DirectorySearch)
#include "tst_directorysearch.moc"
