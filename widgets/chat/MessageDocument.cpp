// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/MessageDocument.h"

#include "messaging/MessageStyling.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>

using namespace Qt::StringLiterals;
using MessageStyling::Block;
using MessageStyling::Style;

namespace {

enum Property { QuoteDepthProperty = QTextFormat::UserProperty + 1, PreformattedProperty };

constexpr int QuoteIndent = 12;
constexpr int CodePadding = 8;

QString withoutTrailingSpace(const QString &text)
{
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    return text.left(end);
}

/// One line of a preformatted block (XEP-0393 §5.1.2): indented, padded, the first and last with a margin
/// that the painted code background covers.
QTextBlockFormat codeLineFormat(const QTextBlockFormat &block, bool firstLine, bool lastLine)
{
    QTextBlockFormat line = block;
    line.setProperty(PreformattedProperty, true);
    line.setLeftMargin(block.leftMargin() + CodePadding);
    line.setRightMargin(CodePadding);
    line.setNonBreakableLines(false);
    if (firstLine)
        line.setTopMargin(5);
    if (lastLine)
        line.setBottomMargin(5);
    return line;
}

/// The look of @p run: @p base (the plain or the code format) with the run's styles and link.
QTextCharFormat runFormat(const MessageStyling::Run &run, const QTextCharFormat &base,
                          const MessageDocument::Colours &colours)
{
    QTextCharFormat look = base;
    if (run.styles.testFlag(Style::Strong))
        look.setFontWeight(QFont::Bold);
    if (run.styles.testFlag(Style::Emphasis))
        look.setFontItalic(true);
    if (run.styles.testFlag(Style::Strike))
        look.setFontStrikeOut(true);
    if (run.styles.testFlag(Style::Code))
        look.setBackground(colours.codeBackground);
    if (run.styles.testFlag(Style::Directive)) {   // shown, as the XEP recommends, but quieter
        QColor dim = colours.text;
        dim.setAlphaF(0.55);
        look.setForeground(dim);
    }
    if (!run.link.isEmpty()) {
        look.setAnchor(true);
        look.setAnchorHref(run.link.toString(QUrl::FullyEncoded));
        look.setForeground(colours.link);
        look.setFontUnderline(true);
    }
    return look;
}

}   // namespace

MessageDocument::MessageDocument(QObject *parent) : QTextDocument(parent)
{
    setUndoRedoEnabled(false);
    setDocumentMargin(0);
}

QVariant MessageDocument::loadResource(int, const QUrl &)
{
    ++m_resourceRequests;
    if (m_counter)
        ++*m_counter;
    return {};
}

void MessageDocument::setMessage(const QString &subject, const QString &body, const QFont &font, const Colours &colours,
                                 bool styled, bool italic)
{
    m_colours = colours;
    clear();
    setDefaultFont(font);
    QTextOption option = defaultTextOption();
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);   // long URLs and Chinese wrap too
    setDefaultTextOption(option);

    QString text = withoutTrailingSpace(body);
    if (text.size() > MaxShownLength)
        text = text.left(MaxShownLength) + u'…';

    QTextCursor cursor(this);
    bool first = true;
    const auto startBlock = [&cursor, &first](const QTextBlockFormat &format) {
        if (first)
            cursor.setBlockFormat(format);
        else
            cursor.insertBlock(format);
        first = false;
    };

    QTextCharFormat plain;
    plain.setForeground(colours.text);
    plain.setFontItalic(italic);

    if (!subject.trimmed().isEmpty()) {
        QTextBlockFormat format;
        format.setBottomMargin(4);
        startBlock(format);
        QTextCharFormat bold = plain;
        bold.setFontWeight(QFont::Bold);
        cursor.insertText(subject.simplified(), bold);
    }

    QTextCharFormat code = plain;
    code.setFontFamilies({QFontDatabase::systemFont(QFontDatabase::FixedFont).family()});

    for (const Block &block : MessageStyling::parse(text, styled)) {
        QTextBlockFormat format;
        format.setLeftMargin(block.quoteDepth * QuoteIndent);
        format.setProperty(QuoteDepthProperty, block.quoteDepth);
        if (block.kind == Block::Kind::Preformatted) {
            const QStringList lines = block.text.split(u'\n');
            for (qsizetype i = 0; i < lines.size(); ++i) {
                startBlock(codeLineFormat(format, i == 0, i == lines.size() - 1));
                cursor.insertText(lines.at(i), code);
            }
            continue;
        }
        startBlock(format);
        for (const MessageStyling::Run &run : block.runs) {
            const QTextCharFormat look = runFormat(run, run.styles.testFlag(Style::Code) ? code : plain, colours);
            cursor.insertText(block.text.mid(run.start, run.length), look);
        }
    }
}

QString MessageDocument::linkAt(const QPointF &point) const
{
    return documentLayout()->anchorAt(point);
}

QStringList MessageDocument::links() const
{
    QStringList links;
    for (QTextBlock block = begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isAnchor() && !format.anchorHref().isEmpty()
                && (links.isEmpty() || links.constLast() != format.anchorHref()))
                links.append(format.anchorHref());
        }
    }
    return links;
}

void MessageDocument::paint(QPainter *painter) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    QAbstractTextDocumentLayout *layout = documentLayout();

    // Code blocks: one rounded background per run of preformatted lines.
    QRectF code;
    const auto flushCode = [painter, &code, this] {
        if (!code.isNull()) {
            painter->setBrush(m_colours.codeBackground);
            painter->drawRoundedRect(code, 5, 5);
        }
        code = QRectF();
    };
    for (QTextBlock block = begin(); block.isValid(); block = block.next()) {
        const QTextBlockFormat format = block.blockFormat();
        if (!format.boolProperty(PreformattedProperty)) {
            flushCode();
            continue;
        }
        QRectF rect = layout->blockBoundingRect(block);
        rect.setLeft(rect.left() + format.leftMargin() - CodePadding);
        code = code.isNull() ? rect : code.united(rect);
    }
    flushCode();

    // Quotations: a bar per level at the left of each quoted line.
    painter->setBrush(m_colours.quoteBar);
    for (QTextBlock block = begin(); block.isValid(); block = block.next()) {
        const int depth = block.blockFormat().intProperty(QuoteDepthProperty);
        if (depth <= 0)
            continue;
        const QRectF rect = layout->blockBoundingRect(block);
        for (int level = 0; level < depth; ++level)
            painter->drawRect(QRectF(rect.left() + level * QuoteIndent + 1, rect.top(), 3, rect.height()));
    }

    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, m_colours.text);
    layout->draw(painter, context);
    painter->restore();
}
