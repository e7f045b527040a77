// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Jid parsing and normalisation (RFC 7622), table-driven.
#include "stanza/Jid.h"

#include <QSet>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Jid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validInput_data();
    void validInput();
    void invalidInput_data();
    void invalidInput();
    void parts();
    void bareFullAndDomain();
    void withResource();
    void comparisonAndHash();
    void nullJid();
    void asciiShortcutAgreesWithFullPath_data();
    void asciiShortcutAgreesWithFullPath();
};

void tst_Jid::validInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalised");

    const QString cjk1023 = QString(341, QChar(0x4E2D));   // 341 × 3 bytes = 1023
    const QString label63 = QString(63, u'a');

    QTest::newRow("plain") << u"juliet@example.com"_s << u"juliet@example.com"_s;
    QTest::newRow("full") << u"juliet@example.com/balcony"_s << u"juliet@example.com/balcony"_s;
    QTest::newRow("case folded local and domain") << u"Juliet@Example.COM"_s << u"juliet@example.com"_s;
    QTest::newRow("resource keeps case") << u"juliet@example.com/Balcony Room"_s
                                         << u"juliet@example.com/Balcony Room"_s;
    QTest::newRow("domain only") << u"example.com"_s << u"example.com"_s;
    QTest::newRow("domain with resource") << u"example.com/resource"_s << u"example.com/resource"_s;
    QTest::newRow("trailing dot") << u"juliet@example.com./r"_s << u"juliet@example.com/r"_s;
    QTest::newRow("single label") << u"LOCALHOST/Res"_s << u"localhost/Res"_s;
    QTest::newRow("chinese") << u"小明@例子.中国/电脑"_s << u"小明@例子.中国/电脑"_s;
    QTest::newRow("chinese, A-labels") << u"小明@xn--fsqu00a.xn--fiqs8s/电脑"_s << u"小明@例子.中国/电脑"_s;
    QTest::newRow("chinese, mixed case A-labels") << u"小明@XN--FSQU00A.xn--fiqs8s"_s << u"小明@例子.中国"_s;
    QTest::newRow("ideographic full stop") << u"小明@例子。中国"_s << u"小明@例子.中国"_s;
    QTest::newRow("ideographic trailing full stop") << u"小明@例子.中国。"_s << u"小明@例子.中国"_s;
    QTest::newRow("chinese, qq style") << u"王小明@qq.com/手机"_s << u"王小明@qq.com/手机"_s;
    QTest::newRow("chinese resource with space")
        << u"张三@jabber.org/家里的电脑 2"_s << u"张三@jabber.org/家里的电脑 2"_s;
    QTest::newRow("resource ideographic space")
        << u"张三@jabber.org/家里\u3000电脑"_s << u"张三@jabber.org/家里 电脑"_s;
    QTest::newRow("resource with / and @")
        << u"juliet@example.com/foo@bar/baz"_s << u"juliet@example.com/foo@bar/baz"_s;
    QTest::newRow("resource NFC") << u"juliet@example.com/caf\u0065\u0301"_s << u"juliet@example.com/caf\u00E9"_s;
    QTest::newRow("resource of byte order marks") << u"pa/\uFEFF\uFEFF"_s << u"pa/\uFEFF\uFEFF"_s;
    QTest::newRow("resource emoji") << u"juliet@example.com/😀"_s << u"juliet@example.com/😀"_s;
    QTest::newRow("full-width local") << u"ＪＵＬＩＥＴ@example.com"_s << u"juliet@example.com"_s;
    QTest::newRow("full-width domain") << u"juliet@ＥＸＡＭＰＬＥ.com"_s << u"juliet@example.com"_s;
    QTest::newRow("local NFKC ligature") << u"\uFB01le@example.com"_s << u"file@example.com"_s;
    QTest::newRow("local compatibility capital") << u"\u210Cello@example.com"_s << u"hello@example.com"_s;
    QTest::newRow("local composed") << u"e\u0301@example.com"_s << u"\u00E9@example.com"_s;
    QTest::newRow("local greek") << u"ΣΊΣΥΦΟΣ@example.com"_s << u"σίσυφοσ@example.com"_s;
    QTest::newRow("local punctuation") << u"a.b_c-d+e=f@example.com"_s << u"a.b_c-d+e=f@example.com"_s;
    QTest::newRow("IDN umlaut") << u"Max@MÜNCHEN.de"_s << u"max@münchen.de"_s;
    QTest::newRow("IDN A-label") << u"max@xn--mnchen-3ya.de"_s << u"max@münchen.de"_s;
    QTest::newRow("IDNA2008 sharp s") << u"straße@straße.de"_s << u"straße@straße.de"_s;
    QTest::newRow("IPv4") << u"juliet@192.0.2.1/r"_s << u"juliet@192.0.2.1/r"_s;
    QTest::newRow("IPv6") << u"juliet@[::1]"_s << u"juliet@[::1]"_s;
    // Found by tests/fuzz/fuzz_jid: UTS #46 drops the BOM and the zero-width space, leaving a trailing dot,
    // which was kept ("u.m." did not parse again to itself).
    QTest::newRow("trailing dot after IDNA mapping") << u"juliet@example.com.\uFEFF"_s << u"juliet@example.com"_s;
    QTest::newRow("trailing dot after IDNA mapping, domain only") << u"u.m.\u200B"_s << u"u.m"_s;
    QTest::newRow("IPv6 canonical") << u"juliet@[2001:DB8:0:0::1]/r"_s << u"juliet@[2001:db8::1]/r"_s;
    QTest::newRow("63-byte label") << u"a@"_s + label63 + u".com"_s << u"a@"_s + label63 + u".com"_s;
    QTest::newRow("1023-byte localpart") << cjk1023 + u"@example.com"_s << cjk1023 + u"@example.com"_s;
    QTest::newRow("1023-byte resource") << u"a@example.com/"_s + cjk1023 << u"a@example.com/"_s + cjk1023;
}

void tst_Jid::validInput()
{
    QFETCH(QString, input);
    QFETCH(QString, normalised);

    QString error;
    const auto jid = Jid::parse(input, &error);
    QVERIFY2(jid.has_value(), qPrintable(error));
    QCOMPARE(jid->toString(), normalised);
    QVERIFY(!jid->isNull());

    // Normalisation is idempotent: the output parses to itself.
    const auto again = Jid::parse(jid->toString(), &error);
    QVERIFY2(again.has_value(), qPrintable(error));
    QCOMPARE(*again, *jid);
    QCOMPARE(Jid::fromString(input), *jid);
}

void tst_Jid::invalidInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("reason");   // a fragment of the error text

    const QString cjk1024 = QString(341, QChar(0x4E2D)) + u'a';
    const QString longDomain = QString(QString(63, u'a') + u'.').repeated(16) + u"com"_s;   // 1027 bytes
    const QChar lone(0xD800);

    QTest::newRow("empty") << QString() << u"empty"_s;
    QTest::newRow("empty localpart") << u"@example.com"_s << u"localpart before '@' is empty"_s;
    QTest::newRow("empty domainpart") << u"juliet@"_s << u"domainpart is empty"_s;
    QTest::newRow("empty domainpart, resource") << u"/resource"_s << u"domainpart is empty"_s;
    QTest::newRow("only a dot") << u"juliet@."_s << u"domainpart is empty"_s;
    QTest::newRow("empty resourcepart") << u"juliet@example.com/"_s << u"resourcepart after '/' is empty"_s;
    QTest::newRow("space in localpart") << u"jul iet@example.com"_s << u"space"_s;
    QTest::newRow("ideographic space in localpart") << u"小\u3000明@example.com"_s << u"space"_s;
    QTest::newRow("'<' in localpart") << u"jul<iet@example.com"_s << u"forbidden character '<'"_s;
    QTest::newRow("'>' in localpart") << u"jul>iet@example.com"_s << u"forbidden character '>'"_s;
    QTest::newRow("'\"' in localpart") << u"jul\"iet@example.com"_s << u"forbidden character '\"'"_s;
    QTest::newRow("'&' in localpart") << u"jul&iet@example.com"_s << u"forbidden character '&'"_s;
    QTest::newRow("apostrophe in localpart") << u"jul'iet@example.com"_s << u"forbidden character '''"_s;
    QTest::newRow("':' in localpart") << u"jul:iet@example.com"_s << u"forbidden character ':'"_s;
    QTest::newRow("full-width '<' in localpart") << u"小明＜@example.com"_s << u"forbidden character '<'"_s;
    QTest::newRow("control in localpart") << u"juliet\u0007@example.com"_s << u"U+0007"_s;
    QTest::newRow("bidi override in localpart") << u"juliet\u202E@example.com"_s << u"U+202E"_s;
    QTest::newRow("unpaired surrogate") << u"juliet"_s + lone + u"@example.com"_s << u"surrogate"_s;
    QTest::newRow("two '@'") << u"a@b@example.com"_s << u"domainpart contains a forbidden character '@'"_s;
    QTest::newRow("space in domain") << u"juliet@exa mple.com"_s << u"domainpart contains a forbidden character"_s;
    QTest::newRow("underscore in domain") << u"juliet@exa_mple.com"_s << u"'_'"_s;
    QTest::newRow("'<' in domain") << u"juliet@exam<ple.com"_s << u"'<'"_s;
    QTest::newRow("empty label") << u"juliet@example..com"_s << u"empty label"_s;
    QTest::newRow("leading dot") << u"juliet@.example.com"_s << u"empty label"_s;
    QTest::newRow("two trailing dots") << u"juliet@example.com.."_s << u"empty label"_s;
    QTest::newRow("leading hyphen") << u"juliet@-example.com"_s << u"not a valid domain name"_s;
    QTest::newRow("64-byte label") << u"juliet@"_s + QString(64, u'a') + u".com"_s << u"longer than 63"_s;
    QTest::newRow("bad A-label") << u"juliet@xn--abc.com"_s << u"A-label"_s;
    QTest::newRow("IPv6 unterminated") << u"juliet@[::1"_s << u"IPv6"_s;
    QTest::newRow("IPv6 garbage") << u"juliet@[not-an-address]"_s << u"IPv6"_s;
    QTest::newRow("IPv6 scope") << u"juliet@[fe80::1%eth0]"_s << u"IPv6"_s;
    QTest::newRow("IPv6 holding IPv4") << u"juliet@[192.0.2.1]"_s << u"IPv6"_s;
    QTest::newRow("IPv4 out of range") << u"juliet@192.0.2.999"_s << u"IPv4"_s;
    QTest::newRow("IPv4 three parts") << u"juliet@192.0.2"_s << u"IPv4"_s;
    // Found by tests/fuzz/fuzz_jid: UTS #46 removes the zero-width space, leaving "1", which parsed as a domain
    // while "1" itself is refused as a broken IPv4 address; the JID's string form did not parse again.
    QTest::newRow("digits after IDNA mapping") << u"juliet@\u200B1"_s << u"IPv4"_s;
    QTest::newRow("digits after IDNA mapping, domain only") << u"1\u200B.2"_s << u"IPv4"_s;
    QTest::newRow("control in resource") << u"juliet@example.com/balc\u0001ony"_s << u"U+0001"_s;
    QTest::newRow("newline in resource") << u"小明@例子.中国/电\n脑"_s << u"U+000A"_s;
    QTest::newRow("1024-byte localpart") << cjk1024 + u"@example.com"_s << u"longer than 1023 bytes"_s;
    QTest::newRow("1024-byte resource") << u"a@example.com/"_s + cjk1024 << u"longer than 1023 bytes"_s;
    QTest::newRow("1027-byte domain") << u"a@"_s + longDomain << u"longer than 1023 bytes"_s;
    QTest::newRow("huge input") << QString(100000, u'a') + u"@example.com"_s << u"longer than 1023 bytes"_s;
}

void tst_Jid::invalidInput()
{
    QFETCH(QString, input);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!Jid::parse(input, &error).has_value());
    QVERIFY2(error.contains(reason), qPrintable(u"error was: "_s + error));
    QVERIFY(Jid::fromString(input).isNull());
    QVERIFY(!Jid::parse(input).has_value());   // no error pointer: no crash
}

void tst_Jid::parts()
{
    const Jid jid = Jid::fromString(u"小明@例子.中国/电脑"_s);
    QCOMPARE(jid.local(), u"小明"_s);
    QCOMPARE(jid.domain(), u"例子.中国"_s);
    QCOMPARE(jid.resource(), u"电脑"_s);
    QCOMPARE(jid.bareString(), u"小明@例子.中国"_s);

    const Jid server = Jid::fromString(u"example.com"_s);
    QVERIFY(server.local().isEmpty());
    QCOMPARE(server.bareString(), u"example.com"_s);
}

void tst_Jid::bareFullAndDomain()
{
    const Jid full = Jid::fromString(u"Juliet@Example.com/Balcony"_s);
    QVERIFY(full.isFull());
    QVERIFY(!full.isBare());

    const Jid bare = full.bare();
    QVERIFY(bare.isBare());
    QVERIFY(!bare.isFull());
    QCOMPARE(bare.toString(), u"juliet@example.com"_s);
    QCOMPARE(bare, Jid::fromString(u"juliet@example.com"_s));

    const Jid domain = full.domainJid();
    QCOMPARE(domain.toString(), u"example.com"_s);
    QVERIFY(domain.isBare());
}

void tst_Jid::withResource()
{
    const Jid bare = Jid::fromString(u"小明@例子.中国"_s);
    const Jid full = bare.withResource(u"手机\u3000二"_s);
    QCOMPARE(full.toString(), u"小明@例子.中国/手机 二"_s);   // normalised like a parsed resource
    QCOMPARE(full.withResource(u"电脑"_s).resource(), u"电脑"_s);
    QVERIFY(bare.withResource(u"bad\u0000"_s).isNull());
    QVERIFY(bare.withResource(QString()).isNull());
    QVERIFY(Jid().withResource(u"r"_s).isNull());
}

void tst_Jid::comparisonAndHash()
{
    const Jid a = Jid::fromString(u"JULIET@xn--fsqu00a.xn--fiqs8s/电脑"_s);
    const Jid b = Jid::fromString(u"juliet@例子.中国./电脑"_s);
    QCOMPARE(a, b);
    QCOMPARE(qHash(a), qHash(b));
    QVERIFY(a != Jid::fromString(u"juliet@例子.中国/手机"_s));
    QVERIFY(a != a.bare());
    QVERIFY(Jid::fromString(u"a@example.com/R"_s) != Jid::fromString(u"a@example.com/r"_s));   // resources keep case

    QSet<Jid> set{a, b, a.bare()};
    QCOMPARE(set.size(), 2);
}

void tst_Jid::nullJid()
{
    const Jid jid;
    QVERIFY(jid.isNull());
    QVERIFY(!jid.isBare());
    QVERIFY(!jid.isFull());
    QVERIFY(jid.toString().isEmpty());
    QVERIFY(jid.bare().isNull());
    QCOMPARE(jid, Jid());
    QVERIFY(QVariant::fromValue(Jid::fromString(u"a@b"_s)).value<Jid>() == Jid::fromString(u"a@b"_s));
}

QTEST_GUILESS_MAIN(tst_Jid)
void tst_Jid::asciiShortcutAgreesWithFullPath_data()
{
    // Plain ASCII JIDs with a lower-case domain take a shortcut past normalisation; an upper-case letter in
    // the domain sends the same JID down the full path (NFKC, case folding, UTS #46). Both must agree,
    // on the result and on refusing.
    QTest::addColumn<QString>("input");
    const QString label63 = QString(63, u'a');
    for (const QString &input : QStringList{u"juliet@example.com"_s,
                                            u"Juliet.Capulet+tag@example.com/Balcony Room"_s,
                                            u"a_b-c~d!e#f$g%h*i=j@x-y.example.org"_s,
                                            u"r@localhost/with/slashes@and space"_s,
                                            u"c1234@bots.localhost"_s,
                                            QString(u"x@"_s + label63 + u".com"_s),
                                            QString(u"x@"_s + label63 + u"a.com"_s),
                                            u"x@-lead.com"_s,
                                            u"x@trail-.com"_s,
                                            u"x@ab--cd.com"_s,
                                            u"x@xn--fsqu00a.com"_s,
                                            u"x@a..com"_s,
                                            u"x@.com"_s,
                                            u"x@com"_s,
                                            u"x@127.0.0.1"_s,
                                            u"x@1.2.3"_s,
                                            u"x y@example.com"_s,
                                            u"x:y@example.com"_s,
                                            u"x'y@example.com"_s,
                                            u"x@example.com/"_s,
                                            u"@example.com"_s,
                                            u"x@example.com/\t"_s,
                                            u"x@exa_mple.com"_s,
                                            u"example.com/r"_s}) {
        QTest::newRow(qPrintable(input)) << input;
    }
}

void tst_Jid::asciiShortcutAgreesWithFullPath()
{
    QFETCH(QString, input);
    const qsizetype at = input.indexOf(u'@');
    const qsizetype slash = input.indexOf(u'/');
    // Upper-case the domain's letters only: the local part is case-folded anyway, the resource is not.
    QString slow = input;
    for (qsizetype i = at + 1; i < (slash < 0 ? slow.size() : slash); ++i)
        slow[i] = slow.at(i).toUpper();
    QVERIFY(slow != input || !input.contains(QRegularExpression(u"@.*[a-z]"_s)));
    const auto fast = Jid::parse(input);
    const auto full = Jid::parse(slow);
    QCOMPARE(fast.has_value(), full.has_value());
    if (fast)
        QCOMPARE(fast->toString(), full->toString());
}

#include "tst_jid.moc"
