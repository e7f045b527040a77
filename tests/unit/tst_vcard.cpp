// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// vcard-temp (XEP-0054): the XEP's own example and a server's vCard4-converted answer parse, what we write
// parses back to the same thing, unknown elements survive; the vCard cache (VCardStore); the display-name
// rule and the XEP-0392 hue (DisplayName).
#include "XmlTestUtils.h"
#include "models/DisplayName.h"
#include "stanza/VCard.h"
#include "storage/Database.h"
#include "storage/VCardStore.h"
#include "xml/XmlWriter.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

VCard parsed(const QString &xml)
{
    const auto card = VCard::fromElement(XmlTestUtils::parse(xml));
    if (!card)
        qFatal("not a vCard: %s", qPrintable(xml));
    return *card;
}

VCard roundTripped(const VCard &card)
{
    return parsed(QString::fromUtf8(card.toXml()));
}

/// XEP-0054 §3.1 Example 2 (Peter Saint-Andre's vCard), abridged to the fields Xin models, plus a photo.
const QString Example = uR"(<vCard xmlns='vcard-temp'>
  <FN>Peter Saint-Andre</FN>
  <N><FAMILY>Saint-Andre</FAMILY><GIVEN>Peter</GIVEN><MIDDLE/></N>
  <NICKNAME>stpeter</NICKNAME>
  <URL>http://www.xmpp.org/xsf/people/stpeter.shtml</URL>
  <BDAY>1966-08-06</BDAY>
  <ORG><ORGNAME>XMPP Standards Foundation</ORGNAME><ORGUNIT/></ORG>
  <TITLE>Executive Director</TITLE>
  <ROLE>Patron Saint</ROLE>
  <TEL><WORK/><VOICE/><NUMBER>303-308-3282</NUMBER></TEL>
  <TEL><WORK/><FAX/><NUMBER/></TEL>
  <ADR><WORK/><EXTADD>Suite 600</EXTADD><STREET>1899 Wynkoop Street</STREET><LOCALITY>Denver</LOCALITY>
       <REGION>CO</REGION><PCODE>80202</PCODE><CTRY>USA</CTRY></ADR>
  <TEL><HOME/><VOICE/><NUMBER>303-555-1212</NUMBER></TEL>
  <EMAIL><INTERNET/><PREF/><USERID>stpeter@jabber.org</USERID></EMAIL>
  <JABBERID>stpeter@jabber.org</JABBERID>
  <DESC>More information about me is located on my personal website.</DESC>
  <PHOTO><TYPE>image/png</TYPE><BINVAL>iVBO
Rw0K</BINVAL></PHOTO>
</vCard>)"_s;

} // namespace

class tst_VCard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesXepExample();
    void roundTripsEveryField();
    void writesTheDtdShape();
    void keepsUnknownElements();
    void invalidValuesAreKeptNotGuessed();
    void noteIsTheDescription();
    void photoHash();
    void externalPhotoIsOnlyAUrl();
    void notAVCard();
    void storeCachesWithoutPhotoBytes();
    void storeSurvivesReopen();
    void displayNameRule_data();
    void displayNameRule();
    void hueFollowsXep0392();
};

void tst_VCard::parsesXepExample()
{
    const VCard card = parsed(Example);
    QCOMPARE(card.fullName, u"Peter Saint-Andre"_s);
    QCOMPARE(card.name.family, u"Saint-Andre"_s);
    QCOMPARE(card.name.given, u"Peter"_s);
    QVERIFY(card.name.middle.isEmpty());
    QCOMPARE(card.nickname, u"stpeter"_s);
    QCOMPARE(card.birthday, QDate(1966, 8, 6));
    QCOMPARE(card.organization.name, u"XMPP Standards Foundation"_s);
    QVERIFY(card.organization.units.isEmpty());
    QCOMPARE(card.title, u"Executive Director"_s);
    QCOMPARE(card.role, u"Patron Saint"_s);
    // The fax <TEL/> has no number: not a phone.
    QCOMPARE(card.phones.size(), 2);
    QCOMPARE(card.phones.at(0), (VCard::Phone{u"303-308-3282"_s, {u"WORK"_s, u"VOICE"_s}}));
    QCOMPARE(card.phones.at(1).types, (QStringList{u"HOME"_s, u"VOICE"_s}));
    QCOMPARE(card.addresses.size(), 1);
    QCOMPARE(card.addresses.at(0).locality, u"Denver"_s);
    QCOMPARE(card.addresses.at(0).postalCode, u"80202"_s);
    QVERIFY(card.addresses.at(0).work && !card.addresses.at(0).home);
    QCOMPARE(card.emails.size(), 1);
    QCOMPARE(card.emails.at(0), (VCard::Email{u"stpeter@jabber.org"_s, false, false, true, true}));
    QCOMPARE(card.jabberId, u"stpeter@jabber.org"_s);
    QCOMPARE(card.url, u"http://www.xmpp.org/xsf/people/stpeter.shtml"_s);
    QCOMPARE(card.description, u"More information about me is located on my personal website."_s);
    QCOMPARE(card.photo.type, u"image/png"_s);
    QCOMPARE(card.photo.data, QByteArray("\x89PNG\r\n", 6));   // base64 with a line break in it
    QCOMPARE(card.unknownElements.size(), 1);   // the TEL without NUMBER, kept as it was
}

void tst_VCard::roundTripsEveryField()
{
    VCard card;
    card.fullName = u"王小明"_s;
    card.name = {u"王"_s, u"小明"_s, u"中"_s, u"博士"_s, u"二世"_s};
    card.nickname = u"小明🐼"_s;
    card.photo = {u"image/png"_s, QByteArray("\x89PNG\r\n\x1a\n\0\0\0binary", 19), {}};
    card.birthday = QDate(1990, 2, 28);
    card.emails = {{u"xm@example.cn"_s, true, false, true, false}, {u"work@example.cn"_s, false, true, true, true}};
    card.phones = {{u"+86 10 1234 5678"_s, {u"HOME"_s, u"VOICE"_s}}, {u"139 0000 0000"_s, {u"CELL"_s, u"PREF"_s}}};
    card.addresses = {
        {u"信箱 8"_s, u"3 号楼"_s, u"长安街 1 号"_s, u"北京"_s, u"北京市"_s, u"100000"_s, u"中国"_s, true, false}};
    card.jabberId = u"xm@example.cn"_s;
    card.title = u"工程师"_s;
    card.role = u"开发"_s;
    card.organization = {u"信公司"_s, {u"研发部"_s, u"客户端组"_s}};
    card.url = u"https://example.cn/~小明"_s;
    card.description = u"第一行\n第二行 <b>不是</b> 富文本 & 符号"_s;
    const VCard back = roundTripped(card);
    QCOMPARE(back, card);
    QCOMPARE(roundTripped(parsed(Example)), parsed(Example));
}

void tst_VCard::writesTheDtdShape()
{
    VCard card;
    card.fullName = u"小明"_s;
    card.emails = {{u"xm@example.cn"_s, false, true, true, false}};
    card.organization.name = u"信"_s;
    COMPARE_XML(card.toXml(), uR"(
        <vCard xmlns='vcard-temp'><FN>小明</FN>
          <EMAIL><WORK/><INTERNET/><USERID>xm@example.cn</USERID></EMAIL>
          <ORG><ORGNAME>信</ORGNAME></ORG></vCard>)"_s);
    COMPARE_XML(VCard{}.toXml(), u"<vCard xmlns='vcard-temp'/>"_s);
}

void tst_VCard::keepsUnknownElements()
{
    const VCard card = parsed(uR"(<vCard xmlns='vcard-temp'><FN>小明</FN>
        <GEO><LAT>39.9</LAT><LON>116.4</LON></GEO>
        <x xmlns='urn:example:private'>秘密</x></vCard>)"_s);
    QCOMPARE(card.unknownElements.size(), 2);
    VCard edited = card;
    edited.fullName = u"王小明"_s;
    const QDomElement written = XmlTestUtils::parse(edited.toXml());
    QCOMPARE(written.firstChildElement(u"GEO"_s).firstChildElement(u"LAT"_s).text(), u"39.9"_s);
    const QDomElement x = written.firstChildElement(u"x"_s);
    QCOMPARE(x.namespaceURI(), u"urn:example:private"_s);
    QCOMPARE(x.text(), u"秘密"_s);
    QCOMPARE(roundTripped(edited), edited);
}

void tst_VCard::invalidValuesAreKeptNotGuessed()
{
    const VCard card = parsed(uR"(<vCard xmlns='vcard-temp'><BDAY>next spring</BDAY>
        <PHOTO><TYPE>image/png</TYPE><BINVAL>@@not base64@@</BINVAL></PHOTO>
        <EMAIL><INTERNET/></EMAIL></vCard>)"_s);
    QVERIFY(!card.birthday.isValid());
    QVERIFY(card.photo.isEmpty());
    QVERIFY(card.emails.isEmpty());
    QCOMPARE(card.unknownElements.size(), 3);
    // Written back as they came: nothing lost, nothing invented.
    const QDomElement written = XmlTestUtils::parse(card.toXml());
    QCOMPARE(written.firstChildElement(u"BDAY"_s).text(), u"next spring"_s);
    QCOMPARE(written.firstChildElement(u"PHOTO"_s).firstChildElement(u"BINVAL"_s).text(), u"@@not base64@@"_s);
}

void tst_VCard::noteIsTheDescription()
{
    // Prosody's mod_vcard_legacy stores DESC as a vCard4 note and answers with NOTE.
    const VCard converted = parsed(u"<vCard xmlns='vcard-temp'><NOTE>你好\n世界</NOTE></vCard>"_s);
    QCOMPARE(converted.description, u"你好\n世界"_s);
    QVERIFY(converted.unknownElements.isEmpty());
    QCOMPARE(roundTripped(converted).description, converted.description);
    // With both, DESC is the description and NOTE is kept as it is.
    const VCard both = parsed(u"<vCard xmlns='vcard-temp'><NOTE>a</NOTE><DESC>b</DESC></vCard>"_s);
    QCOMPARE(both.description, u"b"_s);
    QCOMPARE(both.unknownElements.size(), 1);
}

void tst_VCard::photoHash()
{
    VCard card;
    QVERIFY(card.photoHash().isEmpty());
    card.photo.data = "image bytes";
    QCOMPARE(card.photoHash(),
             QString::fromLatin1(QCryptographicHash::hash("image bytes", QCryptographicHash::Sha1).toHex()));
    QCOMPARE(card.photoHash().size(), 40);
    QCOMPARE(card.photoHash(), card.photoHash().toLower());
}

void tst_VCard::externalPhotoIsOnlyAUrl()
{
    const VCard card = parsed(uR"(<vCard xmlns='vcard-temp'><PHOTO>
        <EXTVAL>http://127.0.0.1:1/tracker.png</EXTVAL></PHOTO></vCard>)"_s);
    QCOMPARE(card.photo.externalUrl, u"http://127.0.0.1:1/tracker.png"_s);
    QVERIFY(card.photo.data.isEmpty());
    QVERIFY(card.photoHash().isEmpty());
    QCOMPARE(roundTripped(card), card);
}

void tst_VCard::notAVCard()
{
    QVERIFY(!VCard::fromElement(XmlTestUtils::parse(u"<vCard xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>"_s)));
    QVERIFY(!VCard::fromElement(XmlTestUtils::parse(u"<query xmlns='vcard-temp'/>"_s)));
    QVERIFY(!VCard::fromElement(QDomElement()));
    QVERIFY(VCard::fromElement(XmlTestUtils::parse(u"<vCard xmlns='vcard-temp'/>"_s))->isEmpty());
}

void tst_VCard::storeCachesWithoutPhotoBytes()
{
    Database db;
    QVERIFY(db.open(u":memory:"_s));
    VCardStore store(db);
    const Jid jid = Jid::fromString(u"xiaoming@example.cn/phone");
    QVERIFY(!store.vCard(jid));
    QVERIFY(store.avatarHash(jid).isEmpty());
    VCard card = parsed(Example);
    card.fullName = u"王小明"_s;
    QVERIFY(store.setVCard(jid, card));
    const auto cached = store.vCard(jid.bare());
    QVERIFY(cached);
    QVERIFY(cached->photo.data.isEmpty());
    QCOMPARE(cached->photo.type, u"image/png"_s);
    VCard withoutPhoto = card;
    withoutPhoto.photo = {};
    VCard cachedWithoutPhoto = *cached;
    cachedWithoutPhoto.photo = {};
    QCOMPARE(cachedWithoutPhoto, withoutPhoto);
    QVERIFY(store.updated(jid).isValid());

    // The hash is only what we verified; storing a vCard leaves it alone.
    QVERIFY(store.setAvatarHash(jid, u"0123456789abcdef0123456789abcdef01234567"_s));
    QVERIFY(store.setVCard(jid, card));
    QCOMPARE(store.avatarHash(jid), u"0123456789abcdef0123456789abcdef01234567"_s);
    // A hash for someone whose vCard we never fetched.
    const Jid other = Jid::fromString(u"hong@example.cn");
    QVERIFY(store.setAvatarHash(other, u"ffffffffffffffffffffffffffffffffffffffff"_s));
    QVERIFY(!store.vCard(other));
    QCOMPARE(store.jids(), (QList<Jid>{other, jid.bare()}));
    QVERIFY(store.remove(jid));
    QVERIFY(!store.vCard(jid));
}

void tst_VCard::storeSurvivesReopen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = Database::filePath(dir.path());
    VCard card;
    card.nickname = u"小明"_s;
    {
        Database db;
        QVERIFY(db.open(path));
        QVERIFY(VCardStore(db).setVCard(Jid::fromString(u"xm@example.cn"), card));
    }
    Database db;
    QVERIFY(db.open(path));
    QCOMPARE(VCardStore(db).vCard(Jid::fromString(u"xm@example.cn")), std::optional<VCard>(card));
}

void tst_VCard::displayNameRule_data()
{
    QTest::addColumn<QString>("jid");
    QTest::addColumn<QString>("remark");
    QTest::addColumn<QString>("nickname");
    QTest::addColumn<QString>("fullName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("remark first") << u"xm@example.cn"_s << u"老王"_s << u"小明"_s << u"王小明"_s << u"老王"_s;
    QTest::newRow("then nickname") << u"xm@example.cn"_s << u""_s << u"小明"_s << u"王小明"_s << u"小明"_s;
    QTest::newRow("then full name") << u"xm@example.cn"_s << u" "_s << u""_s << u"王小明"_s << u"王小明"_s;
    QTest::newRow("then local part") << u"xm@example.cn/pc"_s << u""_s << u"\t"_s << u""_s << u"xm"_s;
    QTest::newRow("domain JID") << u"example.cn"_s << u""_s << u""_s << u""_s << u"example.cn"_s;
    QTest::newRow("trimmed") << u"xm@example.cn"_s << u"  老王 "_s << u""_s << u""_s << u"老王"_s;
}

void tst_VCard::displayNameRule()
{
    QFETCH(QString, jid);
    QFETCH(QString, remark);
    QFETCH(QString, nickname);
    QFETCH(QString, fullName);
    QFETCH(QString, expected);
    QCOMPARE(DisplayName::choose(Jid::fromString(jid), remark, nickname, fullName), expected);
}

void tst_VCard::hueFollowsXep0392()
{
    // XEP-0392 §5.1 by hand: SHA-1("Romeo") begins b7 e8; little-endian 0xe8b7 = 59575 → 327.255°, the
    // angle of the XEP's test vector for "Romeo".
    const QByteArray sha = QCryptographicHash::hash("Romeo", QCryptographicHash::Sha1);
    QCOMPARE(quint8(sha.at(0)), quint8(0xb7));
    QCOMPARE(quint8(sha.at(1)), quint8(0xe8));
    QVERIFY(qAbs(DisplayName::hue(u"Romeo"_s) - 327.255249) < 1e-5);
    QVERIFY(DisplayName::hue(u"juliet@capulet.lit"_s) >= 0.0 && DisplayName::hue(u"juliet@capulet.lit"_s) < 360.0);
    QVERIFY(DisplayName::hue(u"a@example.cn"_s) != DisplayName::hue(u"b@example.cn"_s));
}

QTEST_GUILESS_MAIN(tst_VCard)
#include "tst_vcard.moc"
