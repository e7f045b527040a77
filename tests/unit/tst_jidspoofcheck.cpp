// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// JidSpoofCheck: look-alike (homograph) addresses, UTS #39 mixed scripts and confusables.
#include "stanza/JidSpoofCheck.h"

#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

using Issue = JidSpoofCheck::Issue;
using Issues = JidSpoofCheck::Issues;

class tst_JidSpoofCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jids_data();
    void jids();
    void punycodeDomainIsCheckedAsUnicode();
    void invisibleCharacters();
};

void tst_JidSpoofCheck::jids_data()
{
    QTest::addColumn<QString>("jid");
    QTest::addColumn<int>("issues");

    const int none = 0;
    const int mixedAndConfusable = int(Issue::MixedScripts) | int(Issue::Confusable);
    // Not flagged: one script, and the mixes UTS #39 "highly restrictive" allows.
    QTest::newRow("pure latin") << u"alice@example.com"_s << none;
    QTest::newRow("latin with accents") << u"josé@café.fr"_s << none;
    QTest::newRow("pure chinese") << u"小明@例子.中国"_s << none;
    QTest::newRow("chinese local, latin domain") << u"小明@example.com"_s << none;
    QTest::newRow("latin with han in one label") << u"xiao小明@example.com"_s << none;
    QTest::newRow("japanese") << u"たなか田中@例え.jp"_s << none;
    QTest::newRow("korean") << u"김철수@예시.한국"_s << none;
    QTest::newRow("russian word") << u"иван@пример.рф"_s << none;
    QTest::newRow("greek word") << u"και@example.gr"_s << none;
    QTest::newRow("digits and punctuation") << u"li.lei-2024_x@mail1.example.com"_s << none;
    // Flagged: look-alikes among Latin letters.
    QTest::newRow("cyrillic a in alice") << u"\u0430lice@example.com"_s << mixedAndConfusable;
    QTest::newRow("cyrillic a in paypal.com") << u"support@p\u0430ypal.com"_s << mixedAndConfusable;
    QTest::newRow("greek omicron in google") << u"admin@g\u03BFogle.com"_s << mixedAndConfusable;
    QTest::newRow("dotless i") << u"adm\u0131n@example.com"_s << int(Issue::Confusable);
    QTest::newRow("whole-script cyrillic look-alike") << u"\u0440\u043E\u0440@example.com"_s << int(Issue::Confusable);
    QTest::newRow("latin with cyrillic, no look-alike") << u"bob\u0436@example.com"_s << int(Issue::MixedScripts);
    QTest::newRow("cyrillic with greek") << u"\u0436\u03BB@example.com"_s << int(Issue::MixedScripts);
}

void tst_JidSpoofCheck::jids()
{
    QFETCH(QString, jid);
    QFETCH(int, issues);
    const auto parsed = Jid::parse(jid);
    QVERIFY2(parsed, qPrintable(jid));
    QCOMPARE(int(JidSpoofCheck::check(*parsed)), issues);
    QCOMPARE(JidSpoofCheck::isSuspicious(*parsed), issues != 0);
}

void tst_JidSpoofCheck::punycodeDomainIsCheckedAsUnicode()
{
    // "pаypal.com" with a Cyrillic а, as a browser or a server may write it: xn--pypal-4ve.com.
    const QString ace = QString::fromLatin1(QUrl::toAce(u"p\u0430ypal.com"_s));
    QVERIFY(ace.startsWith(u"xn--"_s));
    QCOMPARE(int(JidSpoofCheck::checkText(ace)), int(Issue::MixedScripts) | int(Issue::Confusable));
    QCOMPARE(int(JidSpoofCheck::checkText(u"xn--fiqs8s"_s)), 0);   // 中国
    QCOMPARE(int(JidSpoofCheck::checkText(u"paypal.com"_s)), 0);
}

void tst_JidSpoofCheck::invisibleCharacters()
{
    QCOMPARE(int(JidSpoofCheck::checkText(u"pay\u200Bpal"_s)), int(Issue::Invisible));   // zero-width space
    QCOMPARE(int(JidSpoofCheck::checkText(u"ali\u202Eecila"_s)), int(Issue::Invisible));  // right-to-left override
    QCOMPARE(int(JidSpoofCheck::checkText(u"\u3164admin"_s)), int(Issue::Invisible));    // Hangul filler
    QCOMPARE(int(JidSpoofCheck::checkText(u"ad min"_s)), int(Issue::Invisible));
    QCOMPARE(int(JidSpoofCheck::checkText(u"admin"_s)), 0);
}

QTEST_GUILESS_MAIN(tst_JidSpoofCheck)
#include "tst_jidspoofcheck.moc"
