// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "messaging/MessageStyling.h"

#include <array>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace MessageStyling {

namespace {

Style directiveStyle(QChar c)
{
    switch (c.unicode()) {
    case u'*':
        return Style::Strong;
    case u'_':
        return Style::Emphasis;
    case u'~':
        return Style::Strike;
    case u'`':
        return Style::Code;
    default:
        return Style::None;
    }
}

/// One line being styled: the styles and link of each character.
struct LineStyles
{
    QStringView text;
    QList<Styles> styles;
    QList<int> link;   // index into links, or -1
    QList<LinkMatch> links;

    bool inLink(qsizetype i) const { return link.at(i) >= 0; }
};

/// The first closing directive of a kind at or after a position (XEP-0393 §5.2: not preceded by white space,
/// not inside a link). Openers are met left to right through every nesting level, so the answer for each
/// kind is kept and the line is scanned about once per kind rather than once per opener: "*a *a *a ..."
/// with no closer used to cost the square of its length.
class Closers
{
public:
    explicit Closers(const LineStyles &line) : m_line(line) { }

    /// The line's length when there is none. @p from is at least 1: a closer follows its opener.
    qsizetype next(QChar c, qsizetype from)
    {
        Found &found = m_found[kindIndex(c)];
        if (found.from >= 0 && from >= found.from && found.at >= from)
            return found.at;   // nothing closes in [found.from, found.at), which holds [from, found.at)
        const QStringView text = m_line.text;
        qsizetype j = from;
        while (j < text.size() && !(text.at(j) == c && !m_line.inLink(j) && !text.at(j - 1).isSpace()))
            ++j;
        found = Found{from, j};
        return j;
    }

private:
    struct Found
    {
        qsizetype from = -1;
        qsizetype at = -1;
    };

    static int kindIndex(QChar c)
    {
        switch (c.unicode()) {
        case u'*':
            return 0;
        case u'_':
            return 1;
        case u'~':
            return 2;
        default:
            return 3;
        }
    }

    const LineStyles &m_line;
    std::array<Found, 4> m_found;
};

/// XEP-0393 §5.2: spans between @p from and @p to (exclusive); the start of the region counts as the start of
/// a line for the opening rule, so spans nest ("*`bold code`*"). A span holds no closer of its own kind, so
/// it cannot hold a span of that kind either: the recursion is at most one level per kind deep.
void parseSpans(LineStyles &line, Closers &closers, qsizetype from, qsizetype to, Styles inherited)
{
    const QStringView text = line.text;
    qsizetype i = from;
    while (i < to) {
        const QChar c = text.at(i);
        const Style style = directiveStyle(c);
        const bool opens = style != Style::None && !line.inLink(i) && (i == from || text.at(i - 1).isSpace())
                        && i + 1 < to && !text.at(i + 1).isSpace();
        if (opens) {
            const qsizetype close = closers.next(c, i + 1);   // lazy: the first possible closer decides
            if (close > i + 1 && close < to) {
                const Styles inner = inherited | style;
                line.styles[i] = inner | Style::Directive;
                line.styles[close] = inner | Style::Directive;
                for (qsizetype k = i + 1; k < close; ++k)
                    line.styles[k] = inner;
                if (style != Style::Code)   // a preformatted span holds one plain span only
                    parseSpans(line, closers, i + 1, close, inner);
                i = close + 1;
                continue;
            }
        }
        ++i;
    }
}

QList<Run> runsOf(const LineStyles &line)
{
    QList<Run> runs;
    const qsizetype n = line.text.size();
    qsizetype start = 0;
    auto linkAt = [&line](qsizetype i) {
        // Nothing preformatted is a link.
        return line.styles.at(i).testFlag(Style::Code) ? -1 : line.link.at(i);
    };
    for (qsizetype i = 1; i <= n; ++i) {
        if (i < n && line.styles.at(i) == line.styles.at(start) && linkAt(i) == linkAt(start))
            continue;
        Run run{start, i - start, line.styles.at(start), {}};
        if (const int link = linkAt(start); link >= 0)
            run.link = line.links.at(link).url;
        runs.append(run);
        start = i;
    }
    return runs;
}

Block textBlock(const QString &text, int quoteDepth, bool styled)
{
    Block block{Block::Kind::Text, quoteDepth, text, {}};
    if (text.isEmpty())
        return block;
    LineStyles line{text, QList<Styles>(text.size()), QList<int>(text.size(), -1), findLinks(text)};
    for (int l = 0; l < line.links.size(); ++l) {
        for (qsizetype i = line.links.at(l).start; i < line.links.at(l).end; ++i)
            line.link[i] = l;
    }
    if (styled) {
        Closers closers(line);
        parseSpans(line, closers, 0, text.size(), {});
    }
    block.runs = runsOf(line);
    return block;
}

/// XEP-0393 §5.1.3: @p line without up to @p levels quotation prefixes, each a '>' and then the first white
/// space (v0.2.0 trims one); @p depth receives how many were there. Views only: no copy per level.
QStringView stripQuotes(QStringView line, int levels, int *depth)
{
    int found = 0;
    while (found < levels && line.startsWith(u'>')) {
        line = line.sliced(1);
        if (!line.isEmpty() && line.front().isSpace())
            line = line.sliced(1);
        ++found;
    }
    *depth = found;
    return line;
}

/// A preformatted block (§5.1.2) still open: its quote depth and the lines it has so far.
struct OpenPreformatted
{
    int depth = 0;
    QString text;
    bool empty = true;

    void append(QStringView line)
    {
        if (!empty)
            text += u'\n';
        text += line;
        empty = false;
    }
    Block block() const
    {
        Block block{Block::Kind::Preformatted, depth, text, {}};
        if (!text.isEmpty())
            block.runs.append(Run{0, text.size(), Style::Code, {}});
        return block;
    }
};

/// XEP-0393 §5.1 in one pass over the lines, no recursion: a quotation's child blocks are its lines with the
/// prefix stripped, so each line's depth is its number of prefixes, up to MaxQuoteDepth (deeper prefixes stay
/// in the text). A body of a million '>' once recursed a million levels deep, copying the line at each one.
void parseBlocks(const QList<QStringView> &lines, QList<Block> &out)
{
    std::optional<OpenPreformatted> pre;
    for (const QStringView line : lines) {
        if (pre) {
            // §5.1.2: the block ends at a line of only "```" or where its parent quotation ends, that is at a
            // line with fewer prefixes than the block's depth; deeper prefixes are content.
            int depth = 0;
            const QStringView rest = stripQuotes(line, pre->depth, &depth);
            if (depth == pre->depth) {
                if (rest == u"```")
                    out.append(std::exchange(pre, std::nullopt)->block());
                else
                    pre->append(rest);
                continue;
            }
            out.append(std::exchange(pre, std::nullopt)->block());
        }
        int depth = 0;
        const QStringView rest = stripQuotes(line, MaxQuoteDepth, &depth);
        if (rest.startsWith(u"```")) {
            pre = OpenPreformatted{depth, {}, true};   // the rest of the opening line (a language hint) is ignored
            continue;
        }
        out.append(textBlock(rest.toString(), depth, true));
    }
    if (pre)
        out.append(pre->block());
}

/// The lines of @p body as views into it, without their line ends.
QList<QStringView> splitLines(QStringView body)
{
    QList<QStringView> lines;
    qsizetype start = 0;
    while (true) {
        const qsizetype end = body.indexOf(u'\n', start);
        QStringView line = body.sliced(start, (end < 0 ? body.size() : end) - start);
        if (line.endsWith(u'\r'))
            line.chop(1);
        lines.append(line);
        if (end < 0)
            return lines;
        start = end + 1;
    }
}

bool endsLink(QChar c)
{
    const char16_t u = c.unicode();
    if (c.isSpace() || u < 0x20 || u == 0x7f)
        return true;
    switch (u) {
    case u'<':
    case u'>':
    case u'"':
    case u'`':
        return true;
    default:
        break;
    }
    // CJK text runs straight on after a link ("看这个https://example.com/a链接"): ideographs, kana, hangul,
    // full-width punctuation and forms end it.
    return u >= 0x2e80;
}

bool startsLinkAt(QStringView line, qsizetype i, qsizetype *schemeLength)
{
    for (const QLatin1StringView scheme : {"https://"_L1, "http://"_L1, "xmpp:"_L1}) {
        if (line.mid(i).startsWith(scheme, Qt::CaseInsensitive)) {
            *schemeLength = scheme.size();
            if (i == 0)
                return true;
            // Not inside a word or another URL ("xhttp://", "a/https://"); Chinese text may run straight into
            // it ("看这个https://…").
            const char16_t before = line.at(i - 1).unicode();
            return !(before < 0x80
                     && (QChar(before).isLetterOrNumber() || before == u'/' || before == u'@' || before == u'.'
                         || before == u'-' || before == u'+'));
        }
    }
    return false;
}

/// Trailing punctuation belongs to the sentence, not to the link; a closing bracket only when the link
/// holds its opening one ("(see https://en.wikipedia.org/wiki/Qt_(software))").
qsizetype trimLinkEnd(QStringView line, qsizetype start, qsizetype end)
{
    const QStringView closers(u")]}");
    const QStringView openers(u"([{");
    // Counted once and kept up to date as the end moves back: counting again at each trailing bracket made
    // "https://a.b)))...)" cost the square of its length.
    std::array<qsizetype, 3> opened{};
    std::array<qsizetype, 3> closed{};
    for (qsizetype i = start; i < end; ++i) {
        if (const qsizetype k = openers.indexOf(line.at(i)); k >= 0)
            ++opened[k];
        else if (const qsizetype k = closers.indexOf(line.at(i)); k >= 0)
            ++closed[k];
    }
    while (end > start) {
        const QChar last = line.at(end - 1);
        if (QStringView(u".,;:!?'*_~").contains(last)) {
            --end;
            continue;
        }
        if (const qsizetype k = closers.indexOf(last); k >= 0 && opened[k] < closed[k]) {
            --closed[k];
            --end;
            continue;
        }
        break;
    }
    return end;
}

/// How many candidates that turn out not to be links one stretch of characters a link may hold gets tried
/// for. Each costs the length of the stretch, so "http://,http://,..." was quadratic; a real message has at
/// most one or two URLs run together.
constexpr int MaxFailedCandidates = 8;

}   // namespace

bool isSafeLink(const QUrl &url)
{
    if (!url.isValid())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http"_s || scheme == u"https"_s)
        return !url.host().isEmpty();
    if (scheme == u"xmpp"_s)
        return !url.path().isEmpty() || !url.host().isEmpty();
    return false;
}

QList<LinkMatch> findLinks(QStringView line)
{
    QList<LinkMatch> links;
    qsizetype stretchEnd = 0;   // the end of the stretch of characters a link may hold that i is in
    int failed = 0;   // candidates in that stretch that were no link
    qsizetype i = 0;
    while (i < line.size()) {
        qsizetype schemeLength = 0;
        if (!startsLinkAt(line, i, &schemeLength)) {
            ++i;
            continue;
        }
        // The scheme holds no character that ends a link, so every candidate in a stretch reaches its end.
        if (i >= stretchEnd) {
            stretchEnd = i + schemeLength;
            while (stretchEnd < line.size() && !endsLink(line.at(stretchEnd)))
                ++stretchEnd;
            failed = 0;
        }
        const qsizetype end = trimLinkEnd(line, i, stretchEnd);
        if (end > i + schemeLength) {
            const QUrl url(line.mid(i, end - i).toString(), QUrl::StrictMode);
            if (isSafeLink(url)) {
                links.append(LinkMatch{i, end, url});
                i = end;   // what is left of the stretch is trimmed punctuation: no other link starts in it
                continue;
            }
        }
        i = ++failed < MaxFailedCandidates ? i + schemeLength : stretchEnd;
    }
    return links;
}

QList<Block> parse(const QString &body, bool styled)
{
    QList<Block> blocks;
    const QList<QStringView> lines = splitLines(body);
    if (!styled) {
        for (const QStringView line : lines)
            blocks.append(textBlock(line.toString(), 0, false));
        return blocks;
    }
    parseBlocks(lines, blocks);
    return blocks;
}

}   // namespace MessageStyling
