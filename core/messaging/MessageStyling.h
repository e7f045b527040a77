// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFlags>
#include <QList>
#include <QString>
#include <QUrl>

/// XEP-0393 Message Styling (v0.2.0) and link detection: turns a remote message body into blocks of styled
/// runs, as data. No markup is produced here; a view builds its display from the runs, so nothing in the
/// body is ever interpreted by a rich-text engine (docs/SECURITY.md rule 5).
///
/// Blocks (§5.1): each line outside a preformatted block is a plain block; "```" at the start of a line opens
/// a preformatted block that runs to a line holding only "```" or the end of the parent block; lines
/// starting with '>' form a quotation whose lines, with the '>' and then one leading white-space character
/// removed, are parsed again as child blocks (quotes nest). Blocks come out flat, each with its quote depth,
/// which stops at MaxQuoteDepth: further '>' are text.
///
/// Spans (§5.2) live inside one line: *strong*, _emphasis_, ~strike~ and `preformatted`. An opening
/// directive sits at the start of the line (or of the enclosing span) or after white space and is not
/// followed by white space; the first later directive of the same kind that is not preceded by white space
/// closes it (lazy matching), and there must be text between them. Anything else is plain text: a message
/// that is not styling text shows exactly as it was written. Directives stay in the text (the XEP recommends
/// showing them) and are flagged, so a view may dim them.
///
/// Links: only http://, https:// and xmpp: URIs become links, never file:, javascript:, data: or anything
/// else. Style directives inside a link do not count, and nothing in a preformatted block or span is a link.
namespace MessageStyling {

/// Quotes nest this deep at most; a line quoted deeper keeps the rest of its '>' as text. Nobody quotes a
/// quote of a quote eight times over, and a body of a million '>' must not cost a million levels.
inline constexpr int MaxQuoteDepth = 8;

enum class Style : quint8 {
    None = 0,
    Strong = 0x01,
    Emphasis = 0x02,
    Strike = 0x04,
    Code = 0x08,        // a preformatted span: monospace, nothing inside it styled
    Directive = 0x10,   // this run is a styling directive character itself ("*", "_", "~", "`")
};
Q_DECLARE_FLAGS(Styles, Style)

/// A piece of a block's text with one set of styles and at most one link.
struct Run
{
    qsizetype start = 0;   // offset into Block::text
    qsizetype length = 0;
    Styles styles;
    QUrl link;             // http, https or xmpp only; empty if this run is not part of a link

    friend bool operator==(const Run &, const Run &) = default;
};

struct Block
{
    enum class Kind { Text, Preformatted };
    Kind kind = Kind::Text;
    int quoteDepth = 0;    // 0 outside quotations; 2 inside "> > "
    QString text;          // one line for Text; the lines of the block joined by '\n' for Preformatted
    QList<Run> runs;       // covering text from start to end, in order; empty when text is empty

    friend bool operator==(const Block &, const Block &) = default;
};

/// The blocks of @p body; one Text block per line when @p styled is false (the sender asked for no styling),
/// still with links. A pure function of its arguments, linear in the size of the body whatever it holds
/// (it is remote input), with no recursion that grows with the input.
QList<Block> parse(const QString &body, bool styled = true);

/// Whether @p url may become a clickable link: http and https with a host, or xmpp with a path.
bool isSafeLink(const QUrl &url);

/// The links in one line of text: [start, end) ranges and their URLs.
struct LinkMatch
{
    qsizetype start = 0;
    qsizetype end = 0;
    QUrl url;
};
QList<LinkMatch> findLinks(QStringView line);

} // namespace MessageStyling

Q_DECLARE_OPERATORS_FOR_FLAGS(MessageStyling::Styles)
