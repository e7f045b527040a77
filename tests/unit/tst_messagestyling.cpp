// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// XEP-0393 Message Styling with the examples of the specification (v0.2.0), and link detection.
#include "messaging/MessageStyling.h"

#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace MessageStyling;

namespace {

/// A block's runs as text: plain text as it is, styled text as "[SEXC:text]" (Strong, Emphasis, strike X,
/// Code), links as "<url|text>"; the directive flag is left out and neighbours alike are merged.
QString describe(const Block &block)
{
    struct Piece
    {
        Styles styles;
        QUrl link;
        QString text;
    };
    QList<Piece> pieces;
    for (const Run &run : block.runs) {
        const Styles styles = run.styles & ~Styles(Style::Directive);
        const QString text = block.text.mid(run.start, run.length);
        if (!pieces.isEmpty() && pieces.last().styles == styles && pieces.last().link == run.link)
            pieces.last().text += text;
        else
            pieces.append({styles, run.link, text});
    }
    QString out;
    for (const Piece &piece : std::as_const(pieces)) {
        QString text = piece.text;
        if (!piece.link.isEmpty())
            text = u"<"_s + piece.link.toString() + u'|' + text + u'>';
        if (piece.styles) {
            QString flags;
            if (piece.styles.testFlag(Style::Strong))
                flags += u'S';
            if (piece.styles.testFlag(Style::Emphasis))
                flags += u'E';
            if (piece.styles.testFlag(Style::Strike))
                flags += u'X';
            if (piece.styles.testFlag(Style::Code))
                flags += u'C';
            text = u"["_s + flags + u':' + text + u']';
        }
        out += text;
    }
    return out;
}

/// Every block as "T<depth>:runs" or "P<depth>:text", one per line.
QString describe(const QList<Block> &blocks)
{
    QStringList lines;
    for (const Block &block : blocks) {
        if (block.kind == Block::Kind::Preformatted)
            lines.append(u"P%1:"_s.arg(block.quoteDepth) + block.text);
        else
            lines.append(u"T%1:"_s.arg(block.quoteDepth) + describe(block));
    }
    return lines.join(u'\n');
}

QString styled(const QString &body)
{
    return describe(parse(body));
}

/// parse() on a thread with a 256 KiB stack, a quarter of Windows' 1 MiB main-thread default: a parser whose
/// recursion grows with the input crashes the test here. The time it may take is bounded by the test's
/// ctest TIMEOUT, not measured.
QList<Block> parseOnSmallStack(const QString &body, bool styled = true)
{
    QList<Block> blocks;
    const std::unique_ptr<QThread> thread(QThread::create([&blocks, &body, styled] { blocks = parse(body, styled); }));
    thread->setStackSize(256 * 1024);
    thread->start();
    thread->wait();
    return blocks;
}

/// Where two long descriptions part, so that a failure does not print a megabyte.
QByteArray firstDifference(const QString &actual, const QString &expected)
{
    qsizetype at = 0;
    while (at < actual.size() && at < expected.size() && actual.at(at) == expected.at(at))
        ++at;
    const auto around = [at](const QString &text) { return text.mid(qMax<qsizetype>(0, at - 20), 60); };
    return u"lengths %1 and %2, first difference at %3: \"%4\" instead of \"%5\""_s.arg(actual.size())
        .arg(expected.size())
        .arg(at)
        .arg(around(actual), around(expected))
        .toUtf8();
}

bool runsCoverTheirText(const QList<Block> &blocks)
{
    for (const Block &block : blocks) {
        qsizetype at = 0;
        for (const Run &run : block.runs) {
            if (run.start != at || run.length <= 0)
                return false;
            at += run.length;
        }
        if (at != block.text.size())
            return false;
    }
    return true;
}

}   // namespace

class tst_MessageStyling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spans_data();
    void spans();
    void runsCoverTheText();
    void directivesAreFlagged();
    void blocks_data();
    void blocks();
    void unstyled();
    void links_data();
    void links();
    void safeLinks_data();
    void safeLinks();
    void deepQuotes_data();
    void deepQuotes();
    void adversarialSpans_data();
    void adversarialSpans();
    void adversarialLinks_data();
    void adversarialLinks();
};

void tst_MessageStyling::spans_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("expected");
    // §5.2: styled as indicated
    QTest::newRow("strong") << u"*strong*"_s << u"T0:[S:*strong*]"_s;
    QTest::newRow("plain strong plain") << u"plain *strong* plain"_s << u"T0:plain [S:*strong*] plain"_s;
    QTest::newRow("strong plain strong") << u"*strong* plain *strong*"_s << u"T0:[S:*strong*] plain [S:*strong*]"_s;
    QTest::newRow("strong then plain*") << u"*strong*plain*"_s << u"T0:[S:*strong*]plain*"_s;
    QTest::newRow("* plain strong") << u"* plain *strong*"_s << u"T0:* plain [S:*strong*]"_s;
    // §5.2: nothing styled
    QTest::newRow("not strong*") << u"not strong*"_s << u"T0:not strong*"_s;
    QTest::newRow("*not strong") << u"*not strong"_s << u"T0:*not strong"_s;
    QTest::newRow("across lines") << u"*not \n strong*"_s << u"T0:*not \nT0: strong*"_s;
    QTest::newRow("*not *strong") << u"*not *strong"_s << u"T0:*not *strong"_s;
    QTest::newRow("**") << u"**"_s << u"T0:**"_s;
    QTest::newRow("****") << u"****"_s << u"T0:****"_s;
    // §5.2.2 - §5.2.5
    QTest::newRow("plain span") << u"Two spans, both *alike in dignity*"_s
                                << u"T0:Two spans, both [S:*alike in dignity*]"_s;
    QTest::newRow("emphasis") << u"The full title is _Twelfth Night, or What You Will_ but"_s
                              << u"T0:The full title is [E:_Twelfth Night, or What You Will_] but"_s;
    QTest::newRow("most") << u"*most* people shorten it."_s << u"T0:[S:*most*] people shorten it."_s;
    QTest::newRow("strike") << u"Everyone ~dis~likes cake."_s << u"T0:Everyone [X:~dis~]likes cake."_s;
    QTest::newRow("monospace") << u"Wow, I can write in `monospace`!"_s << u"T0:Wow, I can write in [C:`monospace`]!"_s;
    QTest::newRow("code holds no styles") << u"This is `*monospace*`"_s << u"T0:This is [C:`*monospace*`]"_s;
    QTest::newRow("bold code") << u"This is *`monospace and bold`*"_s
                               << u"T0:This is [S:*][SC:`monospace and bold`][S:*]"_s;
    QTest::newRow("glossary nesting") << u"_emphasized span containing *strong span*_"_s
                                      << u"T0:[E:_emphasized span containing ][SE:*strong span*][E:_]"_s;
    QTest::newRow("span one, span two") << u"span one *span two*"_s << u"T0:span one [S:*span two*]"_s;
    QTest::newRow("no white space after the opening") << u"* not strong*"_s << u"T0:* not strong*"_s;
    QTest::newRow("no white space before the closing") << u"*not strong *"_s << u"T0:*not strong *"_s;
    QTest::newRow("inside a word") << u"snake_case_name and 2*3*4"_s << u"T0:snake_case_name and 2*3*4"_s;
    QTest::newRow("Chinese") << u"*加粗* 和 _斜体_ 还有 ~删除~"_s << u"T0:[S:*加粗*] 和 [E:_斜体_] 还有 [X:~删除~]"_s;
    QTest::newRow("markup is text") << u"<b>hi</b><img src=x>"_s << u"T0:<b>hi</b><img src=x>"_s;
}

void tst_MessageStyling::spans()
{
    QFETCH(QString, body);
    QFETCH(QString, expected);
    QCOMPARE(styled(body), expected);
}

void tst_MessageStyling::runsCoverTheText()
{
    for (const QString &body : {u"plain *strong* _em *both*_ ~x~ `c` https://example.com/a_b end"_s,
                                u"> quoted *bold*\n```\ncode\n```\nlast"_s}) {
        for (const Block &block : parse(body)) {
            qsizetype at = 0;
            for (const Run &run : block.runs) {
                QCOMPARE(run.start, at);
                QVERIFY(run.length > 0);
                at += run.length;
            }
            QCOMPARE(at, block.text.size());
        }
    }
}

void tst_MessageStyling::directivesAreFlagged()
{
    const QList<Block> blocks = parse(u"a *b* c"_s);
    QCOMPARE(blocks.size(), 1);
    const QList<Run> runs = blocks.first().runs;
    QCOMPARE(runs.size(), 5);
    QCOMPARE(runs.at(1), (Run{2, 1, Styles(Style::Strong) | Style::Directive, {}}));
    QCOMPARE(runs.at(2), (Run{3, 1, Styles(Style::Strong), {}}));
    QCOMPARE(runs.at(3), (Run{4, 1, Styles(Style::Strong) | Style::Directive, {}}));
}

void tst_MessageStyling::blocks_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain blocks")
        << u"There are three blocks in this body marked by parens,\nbut there is no *formatting\nas spans* may not escape blocks."_s
        << u"T0:There are three blocks in this body marked by parens,\nT0:but there is no *formatting\nT0:as spans* may not escape blocks."_s;
    QTest::newRow("preformatted")
        << u"```ignored\n(println \"Hello, world!\")\n```\n\nThis should show up as monospace, preformatted text ⤴"_s
        << u"P0:(println \"Hello, world!\")\nT0:\nT0:This should show up as monospace, preformatted text ⤴"_s;
    QTest::newRow("no closing pre in a quote")
        << u"> ```\n> (println \"Hello, world!\")\n\nThe entire blockquote is a preformatted text block, but this line\nis plaintext!"_s
        << u"P1:(println \"Hello, world!\")\nT0:\nT0:The entire blockquote is a preformatted text block, but this line\nT0:is plaintext!"_s;
    QTest::newRow("quotation") << u"> That that is, is.\n\nSaid the old hermit of Prague."_s
                               << u"T1:That that is, is.\nT0:\nT0:Said the old hermit of Prague."_s;
    QTest::newRow("nested quotation") << u">> That that is, is.\n> Said the old hermit of Prague.\n\nWho?"_s
                                      << u"T2:That that is, is.\nT1:Said the old hermit of Prague.\nT0:\nT0:Who?"_s;
    QTest::newRow("quote ends at a line without >")
        << u"> *quoted*\nnot quoted"_s << u"T1:[S:*quoted*]\nT0:not quoted"_s;
    QTest::newRow("one white space trimmed") << u">   indented"_s << u"T1:  indented"_s;
    QTest::newRow("pre keeps styling characters")
        << u"```\n*not bold*\n> not a quote\n```"_s << u"P0:*not bold*\n> not a quote"_s;
    QTest::newRow("pre without end") << u"```\nline one\nline two"_s << u"P0:line one\nline two"_s;
    QTest::newRow("empty pre") << u"```\n```\nafter"_s << u"P0:\nT0:after"_s;
    QTest::newRow("closing needs its own line") << u"```\ncode ```\n```"_s << u"P0:code ```"_s;
    QTest::newRow("CRLF") << u"*a*\r\nb"_s << u"T0:[S:*a*]\nT0:b"_s;
    QTest::newRow("pre in a quote keeps deeper quotes")
        << u"> > ```\n> > > > x\n> > ```\n> after"_s << u"P2:> > x\nT1:after"_s;
    QTest::newRow("pre in a quote ends with it") << u"> ```\n> a\n>> b\nc"_s << u"P1:a\n> b\nT0:c"_s;
    QTest::newRow("quoted up to the cap") << u"> > > > > > > > *eight*"_s << u"T8:[S:*eight*]"_s;
    QTest::newRow("deeper than the cap is text") << u">>>>>>>>>> *ten*"_s << u"T8:>> [S:*ten*]"_s;
    QTest::newRow("no pre deeper than the cap") << u">>>>>>>>> ```\nafter"_s << u"T8:> ```\nT0:after"_s;
}

void tst_MessageStyling::blocks()
{
    QFETCH(QString, body);
    QFETCH(QString, expected);
    QCOMPARE(styled(body), expected);
}

void tst_MessageStyling::unstyled()
{
    // The sender asked for no styling: every line is plain text, links still work.
    QCOMPARE(describe(parse(u"*a* > b\n```\nhttps://example.com"_s, false)),
             u"T0:*a* > b\nT0:```\nT0:<https://example.com|https://example.com>"_s);
}

void tst_MessageStyling::links_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("https") << u"see https://example.com/a_b_c."_s
                           << u"T0:see <https://example.com/a_b_c|https://example.com/a_b_c>."_s;
    QTest::newRow("http") << u"http://example.org"_s << u"T0:<http://example.org|http://example.org>"_s;
    QTest::newRow("upper case scheme") << u"HTTPS://EXAMPLE.COM/X"_s
                                       << u"T0:<https://example.com/X|HTTPS://EXAMPLE.COM/X>"_s;
    QTest::newRow("xmpp")
        << u"join xmpp:room@conference.example.org?join now"_s
        << u"T0:join <xmpp:room@conference.example.org?join|xmpp:room@conference.example.org?join> now"_s;
    QTest::newRow("balanced brackets")
        << u"(https://en.wikipedia.org/wiki/Qt_(software))"_s
        << u"T0:(<https://en.wikipedia.org/wiki/Qt_(software)|https://en.wikipedia.org/wiki/Qt_(software)>)"_s;
    QTest::newRow("Chinese around") << u"看这个https://example.cn/a链接"_s
                                    << u"T0:看这个<https://example.cn/a|https://example.cn/a>链接"_s;
    QTest::newRow("full-width punctuation")
        << u"网址：https://example.cn，谢谢"_s << u"T0:网址：<https://example.cn|https://example.cn>，谢谢"_s;
    QTest::newRow("emphasis around a link")
        << u"_https://example.com/x_"_s << u"T0:[E:_][E:<https://example.com/x|https://example.com/x>][E:_]"_s;
    QTest::newRow("directives inside a link")
        << u"https://example.com/*a* b*"_s << u"T0:<https://example.com/*a|https://example.com/*a>* b*"_s;
    QTest::newRow("code is no link") << u"`https://example.com`"_s << u"T0:[C:`https://example.com`]"_s;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s << u"T0:javascript:alert(1)"_s;
    QTest::newRow("file") << u"file:///etc/passwd"_s << u"T0:file:///etc/passwd"_s;
    QTest::newRow("data") << u"data:text/html,<script>alert(1)</script>"_s
                          << u"T0:data:text/html,<script>alert(1)</script>"_s;
    QTest::newRow("ftp") << u"ftp://example.com/file"_s << u"T0:ftp://example.com/file"_s;
    QTest::newRow("scheme in a word") << u"xhttp://example.com"_s << u"T0:xhttp://example.com"_s;
    QTest::newRow("scheme only") << u"http:// and xmpp: alone"_s << u"T0:http:// and xmpp: alone"_s;
    QTest::newRow("markup ends a link") << u"https://example.com/<img src=x>"_s
                                        << u"T0:<https://example.com/|https://example.com/><img src=x>"_s;
}

void tst_MessageStyling::links()
{
    QFETCH(QString, body);
    QFETCH(QString, expected);
    QCOMPARE(styled(body), expected);
}

void tst_MessageStyling::safeLinks_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("safe");
    QTest::newRow("https") << u"https://example.com/path?q=1"_s << true;
    QTest::newRow("http") << u"http://example.com"_s << true;
    QTest::newRow("xmpp") << u"xmpp:alice@example.com"_s << true;
    QTest::newRow("http without host") << u"http:/path"_s << false;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s << false;
    QTest::newRow("JavaScript") << u"JaVaScRiPt:alert(1)"_s << false;
    QTest::newRow("file") << u"file:///etc/passwd"_s << false;
    QTest::newRow("data") << u"data:text/html,hi"_s << false;
    QTest::newRow("relative") << u"/etc/passwd"_s << false;
    QTest::newRow("smb") << u"smb://host/share"_s << false;
}

void tst_MessageStyling::safeLinks()
{
    QFETCH(QString, url);
    QFETCH(bool, safe);
    QCOMPARE(isSafeLink(QUrl(url)), safe);
}

void tst_MessageStyling::deepQuotes_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("expected");
    // Issue 13 finding 2: one level of recursion and one copy of the line per '>' took ~400 MB and 20,000
    // stack frames for the first row and crashed Xin whenever the chat was opened.
    const QString gt = u">"_s;
    QTest::newRow("20,000 >") << gt.repeated(20'000) + u" deep"_s
                              << u"T8:"_s + gt.repeated(20'000 - MaxQuoteDepth) + u" deep"_s;
    QTest::newRow("a million >") << gt.repeated(1'000'000) << u"T8:"_s + gt.repeated(1'000'000 - MaxQuoteDepth);
    QTest::newRow("20,000 '> ' then a span")
        << u"> "_s.repeated(20'000) + u"*x*"_s << u"T8:"_s + u"> "_s.repeated(20'000 - MaxQuoteDepth) + u"[S:*x*]"_s;
    QStringList lines;
    QStringList expected;
    for (int i = 0; i < 500; ++i) {
        lines.append(gt.repeated(2'000) + u"*%1*"_s.arg(i));
        expected.append(u"T8:"_s + gt.repeated(2'000 - MaxQuoteDepth) + u"*%1*"_s.arg(i));
    }
    QTest::newRow("500 lines of 2,000 >") << lines.join(u'\n') << expected.join(u'\n');
    QTest::newRow("a million > in pre") << u"```\n"_s + gt.repeated(1'000'000) << u"P0:"_s + gt.repeated(1'000'000);
}

void tst_MessageStyling::deepQuotes()
{
    QFETCH(QString, body);
    QFETCH(QString, expected);
    const QList<Block> blocks = parseOnSmallStack(body);
    for (const Block &block : blocks)
        QVERIFY(block.quoteDepth <= MaxQuoteDepth);
    QVERIFY(runsCoverTheirText(blocks));
    const QString actual = describe(blocks);
    QVERIFY2(actual == expected, firstDifference(actual, expected).constData());
}

void tst_MessageStyling::adversarialSpans_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("expected");
    // Each opener below looked for its closer up to the end of the line: the square of its length.
    const QString noCloser = u"*a _a ~a `a "_s.repeated(75'000);
    QTest::newRow("openers without closers") << noCloser << u"T0:"_s + noCloser;
    const QString inside = u"_a "_s.repeated(200'000);
    QTest::newRow("openers without closers in a span") << u"*"_s + inside + u"b*"_s << u"T0:[S:*"_s + inside + u"b*]"_s;
    const QString quoted = u"~a "_s.repeated(200'000);
    QTest::newRow("openers without closers, quoted")
        << u"> "_s.repeated(20'000) + quoted << u"T8:"_s + u"> "_s.repeated(20'000 - MaxQuoteDepth) + quoted;
    const QString stars = u"*"_s.repeated(1'000'000);
    QTest::newRow("a million *") << stars << u"T0:"_s + stars;
    const QString backticks = u"`"_s.repeated(1'000'000);
    QTest::newRow("a million `") << u"a "_s + backticks << u"T0:a "_s + backticks;
    QTest::newRow("*a*a*a...") << u"*a"_s.repeated(300'000) + u'*' << u"T0:[S:*a*]"_s + u"a*"_s.repeated(299'999);
    QTest::newRow("many spans") << u"*a* "_s.repeated(200'000) << u"T0:"_s + u"[S:*a*] "_s.repeated(200'000);
    const QString nested = u"[E:_][SE:*][SEX:~][SEXC:`a`][SEX:~][SE:*][E:_] "_s;
    QTest::newRow("many nested spans") << u"_*~`a`~*_ "_s.repeated(50'000) << u"T0:"_s + nested.repeated(50'000);
}

void tst_MessageStyling::adversarialSpans()
{
    QFETCH(QString, body);
    QFETCH(QString, expected);
    const QList<Block> blocks = parseOnSmallStack(body);
    QVERIFY(runsCoverTheirText(blocks));
    const QString actual = describe(blocks);
    QVERIFY2(actual == expected, firstDifference(actual, expected).constData());
}

void tst_MessageStyling::adversarialLinks_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<bool>("styled");
    QTest::addColumn<QString>("expected");
    // Each candidate that was no link cost the rest of the line; so did each trailing bracket.
    const QString candidates = u"http://,"_s.repeated(125'000);
    QTest::newRow("candidates that are no link") << candidates << true << u"T0:"_s + candidates;
    QTest::newRow("unstyled too") << candidates << false << u"T0:"_s + candidates;
    QTest::newRow("a link after them") << candidates + u" https://example.com/"_s << true
                                       << u"T0:"_s + candidates + u" <https://example.com/|https://example.com/>"_s;
    const QString brackets = u")"_s.repeated(1'000'000);
    QTest::newRow("a million trailing brackets")
        << u"https://example.com"_s + brackets << true << u"T0:<https://example.com|https://example.com>"_s + brackets;
    const QString links = u"https://a.example/ "_s.repeated(50'000);
    QTest::newRow("many links") << links << true
                                << u"T0:"_s + u"<https://a.example/|https://a.example/> "_s.repeated(50'000);
}

void tst_MessageStyling::adversarialLinks()
{
    QFETCH(QString, body);
    QFETCH(bool, styled);
    QFETCH(QString, expected);
    const QList<Block> blocks = parseOnSmallStack(body, styled);
    QVERIFY(runsCoverTheirText(blocks));
    const QString actual = describe(blocks);
    QVERIFY2(actual == expected, firstDifference(actual, expected).constData());
}

QTEST_GUILESS_MAIN(tst_MessageStyling)
#include "tst_messagestyling.moc"
