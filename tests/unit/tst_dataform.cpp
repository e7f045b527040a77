// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Data forms (XEP-0004), user search payloads (XEP-0055) and disco answers (XEP-0030): the XML of the XEPs'
// own examples parses, and what we write parses back to the same thing.
#include "extensions/DiscoveryManager.h"
#include "extensions/SearchManager.h"
#include "stanza/DataForm.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QTest>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;
using Field = DataForm::Field;

namespace {

QByteArray written(const DataForm &form)
{
    return XmlWriter::toBytes([&](QXmlStreamWriter &out) { form.write(out); });
}

DataForm parsed(const QString &xml)
{
    const QDomElement element = XmlWriter::parseElement(xml);
    const auto form = DataForm::fromElement(element);
    if (!form)
        qFatal("not a data form: %s", qPrintable(xml));
    return *form;
}

DataForm roundTripped(const DataForm &form)
{
    return parsed(QString::fromUtf8(written(form)));
}

QString xmlOf(const QDomElement &element)
{
    return QString::fromUtf8(XmlWriter::toBytes([&](QXmlStreamWriter &out) { XmlWriter::writeElement(out, element); }));
}

// XEP-0004 §6.1 style: a bot configuration form with every field type.
const auto BotForm = uR"(<x xmlns='jabber:x:data' type='form'>
  <title>Bot Configuration</title>
  <instructions>Fill out this form to configure your new bot!</instructions>
  <field type='hidden' var='FORM_TYPE'><value>jabber:bot</value></field>
  <field type='fixed'><value>Section 1: Bot Info</value></field>
  <field type='text-single' label='The name of your bot' var='botname'/>
  <field type='text-multi' label='Helpful description of your bot' var='description'/>
  <field type='boolean' label='Public bot?' var='public'><required/></field>
  <field type='text-private' label='Password for special access' var='password'/>
  <field type='list-multi' label='What features will the bot support?' var='features'>
    <option label='Contests'><value>contests</value></option>
    <option label='News'><value>news</value></option>
    <option label='Search'><value>search</value></option>
    <value>news</value>
    <value>search</value>
  </field>
  <field type='list-single' label='Maximum number of subscribers' var='maxsubs'>
    <value>20</value>
    <option label='10'><value>10</value></option>
    <option label='20'><value>20</value></option>
  </field>
  <field type='jid-multi' label='People to invite' var='invitelist'>
    <desc>Tell all your friends about your new bot!</desc>
  </field>
  <field type='jid-single' label='Owner' var='owner'/>
  <field label='No type: text-single' var='untyped'/>
</x>)"_s;

// XEP-0055 §3: the search form, its submission and the result table.
const auto SearchForm = uR"(<query xmlns='jabber:iq:search'>
    <instructions>
      Use the enclosed form to search. If your Jabber client does not
      support Data Forms, visit http://shakespeare.lit/
    </instructions>
    <x xmlns='jabber:x:data' type='form'>
      <title>User Directory Search</title>
      <instructions>
        Please provide the following information
        to search for Shakespearean characters.
      </instructions>
      <field type='hidden'
             var='FORM_TYPE'>
        <value>jabber:iq:search</value>
      </field>
      <field type='text-single'
             label='Given Name'
             var='first'/>
      <field type='text-single'
             label='Family Name'
             var='last'/>
      <field type='list-single'
             label='Gender'
             var='gender'>
        <option label='Male'><value>male</value></option>
        <option label='Female'><value>female</value></option>
      </field>
    </x>
  </query>)"_s;

const auto SearchResult = uR"(<query xmlns='jabber:iq:search'>
    <x xmlns='jabber:x:data' type='result'>
      <field type='hidden' var='FORM_TYPE'>
        <value>jabber:iq:search</value>
      </field>
      <reported>
        <field var='first' label='First Name' type='text-single'/>
        <field var='last' label='Last Name' type='text-single'/>
        <field var='jid' label='Jabber ID' type='jid-single'/>
        <field var='gender' label='Gender' type='list-single'/>
      </reported>
      <item>
        <field var='first'><value>Benvolio</value></field>
        <field var='last'><value>Montague</value></field>
        <field var='jid'><value>benvolio@montague.net</value></field>
        <field var='gender'><value>male</value></field>
      </item>
      <item>
        <field var='first'><value>Romeo</value></field>
        <field var='last'><value>Montague</value></field>
        <field var='jid'><value>romeo@montague.net</value></field>
        <field var='gender'><value>male</value></field>
      </item>
      <item>
        <field var='first'><value>Nobody</value></field>
        <field var='jid'><value>not a jid@@</value></field>
      </item>
    </x>
  </query>)"_s;

} // namespace

class tst_DataForm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFieldType();
    void roundTrip_data();
    void roundTrip();
    void writesCanonicalXml();
    void rejectsWhatIsNoForm();
    void submissionFromForm();
    void searchDataForm();
    void searchResultTable();
    void legacySearchFields();
    void legacySearchResults();
    void searchRequests();
    void discoInfoAndItems();
};

void tst_DataForm::everyFieldType()
{
    const DataForm form = parsed(BotForm);
    QCOMPARE(form.type, DataForm::Type::Form);
    QCOMPARE(form.title, u"Bot Configuration"_s);
    QCOMPARE(form.instructions, QStringList{u"Fill out this form to configure your new bot!"_s});
    QCOMPARE(form.formType(), u"jabber:bot"_s);
    QCOMPARE(form.fields.size(), 11);
    QCOMPARE(form.fields.at(1).type, Field::Type::Fixed);
    QVERIFY(form.fields.at(1).var.isEmpty());
    QCOMPARE(form.fields.at(1).value(), u"Section 1: Bot Info"_s);
    QVERIFY(form.field(u"public")->required);
    QCOMPARE(form.field(u"public")->type, Field::Type::Boolean);
    QCOMPARE(form.field(u"password")->type, Field::Type::TextPrivate);
    const Field *features = form.field(u"features");
    QCOMPARE(features->type, Field::Type::ListMulti);
    QCOMPARE(features->values, (QStringList{u"news"_s, u"search"_s}));
    QCOMPARE(features->options.size(), 3);
    QCOMPARE(features->options.at(0), (DataForm::Option{u"Contests"_s, u"contests"_s}));
    QCOMPARE(form.field(u"maxsubs")->value(), u"20"_s);
    QCOMPARE(form.field(u"invitelist")->type, Field::Type::JidMulti);
    QCOMPARE(form.field(u"invitelist")->description, u"Tell all your friends about your new bot!"_s);
    QCOMPARE(form.field(u"owner")->type, Field::Type::JidSingle);
    // XEP-0004 §3.3: no type means text-single, and the absence is kept for writing back.
    QVERIFY(!form.field(u"untyped")->type);
    QCOMPARE(form.field(u"untyped")->effectiveType(), Field::Type::TextSingle);
    QCOMPARE(form.field(u"nonexistent"), nullptr);
}

void tst_DataForm::roundTrip_data()
{
    QTest::addColumn<QString>("xml");
    QTest::newRow("XEP-0004 bot configuration") << QString(BotForm);
    QTest::newRow("XEP-0055 search form") << QString(SearchForm);
    QTest::newRow("XEP-0055 result table") << QString(SearchResult);
    QTest::newRow("XEP-0055 submission") << uR"(<x xmlns='jabber:x:data' type='submit'>
      <field type='hidden' var='FORM_TYPE'><value>jabber:iq:search</value></field>
      <field var='gender'><value>male</value></field></x>)"_s;
    QTest::newRow("XEP-0004 cancel") << u"<x xmlns='jabber:x:data' type='cancel'/>"_s;
    QTest::newRow("Chinese values") << u"<x xmlns='jabber:x:data' type='submit'><field var='nick'>"
                                       "<value>小明</value></field><field var='fn' type='text-single'>"
                                       "<value>王小明 &amp; &lt;朋友&gt;</value></field></x>"_s;
}

void tst_DataForm::roundTrip()
{
    QFETCH(QString, xml);
    QDomElement element = XmlWriter::parseElement(xml);
    if (element.localName() == u"query")
        element = element.firstChildElement(u"x"_s);
    const auto form = DataForm::fromElement(element);
    QVERIFY(form);
    QCOMPARE(roundTripped(*form), *form);
    // And writing is stable.
    QCOMPARE(written(roundTripped(*form)), written(*form));
}

void tst_DataForm::writesCanonicalXml()
{
    DataForm form;
    form.type = DataForm::Type::Form;
    form.title = u"找朋友"_s;
    form.instructions = {u"Fill in one field"_s};
    Field nick;
    nick.type = Field::Type::TextSingle;
    nick.var = u"nick"_s;
    nick.label = u"昵称"_s;
    nick.required = true;
    nick.description = u"a <nick>"_s;
    Field gender;
    gender.type = Field::Type::ListSingle;
    gender.var = u"gender"_s;
    gender.values = {u"f"_s};
    gender.options = {{u"Female"_s, u"f"_s}, {QString(), u"m"_s}};
    form.fields = {nick, gender};
    QCOMPARE(QString::fromUtf8(written(form)),
             u"<x xmlns=\"jabber:x:data\" type=\"form\"><title>找朋友</title><instructions>Fill in one field"
             "</instructions><field type=\"text-single\" var=\"nick\" label=\"昵称\"><desc>a &lt;nick&gt;</desc>"
             "<required/></field><field type=\"list-single\" var=\"gender\"><value>f</value><option label=\"Female\">"
             "<value>f</value></option><option><value>m</value></option></field></x>"_s);
}

void tst_DataForm::rejectsWhatIsNoForm()
{
    QVERIFY(!DataForm::fromElement(XmlWriter::parseElement(u"<x xmlns='jabber:x:data'/>"_s)));   // no type
    QVERIFY(!DataForm::fromElement(XmlWriter::parseElement(u"<x xmlns='jabber:x:data' type='maybe'/>"_s)));
    QVERIFY(!DataForm::fromElement(XmlWriter::parseElement(u"<x xmlns='jabber:x:oob' type='form'/>"_s)));
    // A field without var (other than fixed) cannot be answered: dropped, the rest kept.
    const DataForm form = parsed(u"<x xmlns='jabber:x:data' type='form'><field type='text-single'/>"
                                 "<field var='ok'/><field type='bogus' var='b'/></x>"_s);
    QCOMPARE(form.fields.size(), 2);
    QCOMPARE(form.fields.at(1).type, Field::Type::TextSingle);   // unknown type read as text-single
}

void tst_DataForm::submissionFromForm()
{
    DataForm form = parsed(BotForm);
    form.setValue(u"botname"_s, u"小助手"_s);
    form.setValues(u"invitelist"_s, {u"juliet@capulet.com"_s, u"benvolio@montague.net"_s});
    form.setValue(u"extra"_s, u"added"_s);
    const DataForm submission = form.toSubmission();
    QCOMPARE(submission.type, DataForm::Type::Submit);
    QCOMPARE(submission.formType(), u"jabber:bot"_s);
    QCOMPARE(submission.fields.size(), 11);   // 11 fields - 1 fixed + 1 added
    for (const Field &field : submission.fields) {
        QVERIFY(!field.var.isEmpty());
        QVERIFY(field.label.isEmpty());
        QVERIFY(field.options.isEmpty());
    }
    QCOMPARE(submission.field(u"botname")->value(), u"小助手"_s);
    QCOMPARE(submission.field(u"invitelist")->values.size(), 2);
    QCOMPARE(submission.field(u"extra")->value(), u"added"_s);
    QCOMPARE(roundTripped(submission), submission);

    // Filling in a copy leaves the original (implicitly shared lists) as it was.
    const DataForm original = parsed(BotForm);
    DataForm copy = original;
    copy.setValue(u"botname"_s, u"changed"_s);
    copy.field(u"password")->values = {u"secret"_s};
    QVERIFY(original.field(u"botname")->values.isEmpty());
    QVERIFY(original.field(u"password")->values.isEmpty());
    QCOMPARE(copy.field(u"botname")->value(), u"changed"_s);
}

void tst_DataForm::searchDataForm()
{
    const auto form = SearchManager::Form::fromQuery(XmlWriter::parseElement(SearchForm));
    QVERIFY(form.instructions.startsWith(u"Use the enclosed form to search."));
    QVERIFY(form.fields.isEmpty());   // no fixed fields offered
    QVERIFY(form.dataForm);
    QCOMPARE(form.dataForm->formType(), ns::Search);
    QCOMPARE(form.dataForm->title, u"User Directory Search"_s);
    QCOMPARE(form.dataForm->field(u"gender")->options.size(), 2);
    QCOMPARE(form.dataForm->field(u"first")->label, u"Given Name"_s);
}

void tst_DataForm::searchResultTable()
{
    std::optional<DataForm> table;
    const auto results = SearchManager::resultsFromQuery(XmlWriter::parseElement(SearchResult), &table);
    QVERIFY(table);
    QCOMPARE(table->type, DataForm::Type::Result);
    QCOMPARE(table->reported.size(), 4);
    QCOMPARE(table->reported.at(2).type, Field::Type::JidSingle);
    QCOMPARE(table->items.size(), 3);
    // The row with an invalid JID is no person.
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).jid, Jid::fromString(u"benvolio@montague.net"));
    QCOMPARE(results.at(0).first, u"Benvolio"_s);
    QCOMPARE(results.at(1).last, u"Montague"_s);
    QCOMPARE(results.at(1).values.value(u"gender"_s), QStringList{u"male"_s});
}

void tst_DataForm::legacySearchFields()
{
    // XEP-0055 §2.1 "Receiving Search Fields".
    const auto form = SearchManager::Form::fromQuery(XmlWriter::parseElement(uR"(<query xmlns='jabber:iq:search'>
    <instructions>
      Fill in one or more fields to search
      for any matching Jabber users.
    </instructions>
    <first/>
    <last/>
    <nick/>
    <email/>
  </query>)"_s));
    QCOMPARE(form.instructions, u"Fill in one or more fields to search\n      for any matching Jabber users."_s);
    QCOMPARE(form.fields, SearchManager::fixedFieldNames());
    QVERIFY(!form.dataForm);
}

void tst_DataForm::legacySearchResults()
{
    // XEP-0055 §2.1 "Receiving Search Results", plus an item without a JID.
    const auto results = SearchManager::resultsFromQuery(XmlWriter::parseElement(uR"(<query xmlns='jabber:iq:search'>
    <item jid='juliet@capulet.com'>
      <first>Juliet</first>
      <last>Capulet</last>
      <nick>JuliC</nick>
      <email>juliet@shakespeare.lit</email>
    </item>
    <item jid='tybalt@shakespeare.lit'>
      <first>Tybalt</first>
      <last>Capulet</last>
      <nick>ty</nick>
      <email>tybalt@shakespeare.lit</email>
    </item>
    <item><nick>ghost</nick></item>
  </query>)"_s));
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0), (SearchManager::Result{Jid::fromString(u"juliet@capulet.com"),
                                                   u"Juliet"_s,
                                                   u"Capulet"_s,
                                                   u"JuliC"_s,
                                                   u"juliet@shakespeare.lit"_s,
                                                   {}}));
    QCOMPARE(results.at(1).nick, u"ty"_s);
    // "No records match": an empty query.
    QVERIFY(SearchManager::resultsFromQuery(XmlWriter::parseElement(u"<query xmlns='jabber:iq:search'/>"_s)).isEmpty());
}

void tst_DataForm::searchRequests()
{
    // XEP-0055 §2.1: only the fixed fields, in the schema's order.
    const QHash<QString, QString> fields{{u"nick"_s, u"小明"_s}, {u"last"_s, u"Capulet"_s}, {u"gender"_s, u"x"_s}};
    const auto written = XmlWriter::toBytes([&](QXmlStreamWriter &out) { SearchManager::writeQuery(out, fields); });
    QCOMPARE(QString::fromUtf8(written),
             u"<query xmlns=\"jabber:iq:search\"><last>Capulet</last><nick>小明</nick></query>"_s);
    // XEP-0055 §3 "Entity Submits Search Form".
    DataForm submission;
    submission.type = DataForm::Type::Submit;
    Field formType;
    formType.type = Field::Type::Hidden;
    formType.var = u"FORM_TYPE"_s;
    formType.values = {ns::Search};
    submission.fields = {formType};
    submission.setValue(u"gender"_s, u"male"_s);
    // Read back as a DOM, whose attribute order is its own: compare what it means.
    const QDomElement query = XmlWriter::parseElement(QString::fromUtf8(
        XmlWriter::toBytes([&](QXmlStreamWriter &out) { SearchManager::writeQuery(out, submission); })));
    QCOMPARE(query.namespaceURI(), ns::Search);
    QCOMPARE(DataForm::fromParent(query), submission);
    QCOMPARE(DataForm::fromParent(query)->formType(), ns::Search);
    QVERIFY(xmlOf(query).startsWith(u"<query xmlns=\"jabber:iq:search\"><x xmlns=\"jabber:x:data\" type=\"submit\">"));
}

void tst_DataForm::discoInfoAndItems()
{
    // XEP-0030 §3.1 example, with an XEP-0128 extension form.
    const auto info = DiscoveryManager::Info::fromQuery(XmlWriter::parseElement(uR"(
  <query xmlns='http://jabber.org/protocol/disco#info'>
    <identity category='conference' type='text' name='Play-Specific Chatrooms'/>
    <identity category='directory' type='chatroom' name='Play-Specific Chatrooms'/>
    <identity type='no-category'/>
    <feature var='http://jabber.org/protocol/disco#info'/>
    <feature var='http://jabber.org/protocol/disco#items'/>
    <feature var='http://jabber.org/protocol/muc'/>
    <feature var='jabber:iq:register'/>
    <feature var='jabber:iq:search'/>
    <feature var='jabber:iq:time'/>
    <feature var='jabber:iq:version'/>
    <x xmlns='jabber:x:data' type='result'>
      <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/network/serverinfo</value></field>
      <field var='admin-addresses'><value>xmpp:admin@shakespeare.lit</value></field>
    </x>
  </query>)"_s));
    QVERIFY(info);
    QCOMPARE(info->identities.size(), 2);
    QVERIFY(info->hasIdentity(u"directory", u"chatroom"));
    QVERIFY(info->hasIdentity(u"conference"));
    QVERIFY(!info->hasIdentity(u"client"));
    QCOMPARE(info->features.size(), 7);
    QVERIFY(info->hasFeature(ns::Search));
    QCOMPARE(info->forms.size(), 1);
    QCOMPARE(info->forms.first().formType(), u"http://jabber.org/network/serverinfo"_s);

    // XEP-0030 §4.1 example, plus an item without a valid JID.
    const auto items = DiscoveryManager::Item::listFromQuery(XmlWriter::parseElement(uR"(
  <query xmlns='http://jabber.org/protocol/disco#items'>
    <item jid='people.shakespeare.lit' name='Directory of Characters'/>
    <item jid='plays.shakespeare.lit' name='Play-Specific Chatrooms'/>
    <item jid='mim.shakespeare.lit' node='books' name='Books by and about Shakespeare'/>
    <item name='no jid'/>
    <item jid='a@@b'/>
  </query>)"_s));
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0),
             (DiscoveryManager::Item{Jid::fromString(u"people.shakespeare.lit"), {}, u"Directory of Characters"_s}));
    QCOMPARE(items.at(2).node, u"books"_s);
    QVERIFY(!DiscoveryManager::Info::fromQuery(XmlWriter::parseElement(u"<query xmlns='jabber:iq:search'/>"_s)));
}

QTEST_GUILESS_MAIN(tst_DataForm)
#include "tst_dataform.moc"
