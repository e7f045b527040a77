// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "xml/StreamParser.h"

#include "xml/Namespaces.h"

#include <QList>
#include <QPointer>

#include <cstring>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// Input reaches QXmlStreamReader in slices of this size, so the byte limits are checked while a large chunk
// is being parsed rather than after the reader has buffered and decoded all of it.
constexpr qsizetype SliceBytes = 16 * 1024;
// Everything before the end of <stream:stream ...> (an XML declaration and the header) is a few hundred
// bytes; more is a server that never gets to the point.
constexpr qint64 MaxHeaderBytes = 64 * 1024;
// QXmlStreamReader checks each attribute against the previous ones and resolves each prefix by walking every
// namespace declaration in scope. Both are quadratic: 100,000 attributes fit in 1 MiB and take tens of
// seconds. Real stanzas carry a handful of each, so both are bounded (PolicyViolation).
constexpr int MaxAttributesPerTag = 256;
constexpr int MaxNamespacesInScope = 64;

/// A byte-level look-ahead that runs before QXmlStreamReader sees the bytes. It checks what the reader
/// does not check reliably:
///  * UTF-8 (RFC 6120 §11.6). The reader catches a bad sequence within one chunk but, fed a byte at a time,
///    turns it into U+FFFD; and NUL, never allowed in XML, would let it auto-detect UTF-16.
///  * The number of attributes of each tag (see MaxAttributesPerTag): the reader would do its quadratic work
///    before reporting the tag. Only where tags start and end is tracked: in quotes, CDATA sections and
///    processing instructions '=' and '>' are data. A DTD or comment stops the counting, as the reader
///    refuses those anyway.
///  * "]]>" in character data (XML 1.0 §2.4): the reader sees it only within one chunk, so whether a stream
///    failed depended on how TCP split it (tests/fuzz/fuzz_streamparser found it).
class InputScanner
{
public:
    enum class Result { Ok, BadEncoding, TooManyAttributes, CDataEndInText };

    /// Scans @p bytes; on a problem returns it, with the index of the offending byte in *at.
    Result scan(QByteArrayView bytes, qsizetype *at)
    {
        const qsizetype valid = checkUtf8(bytes);
        if (const Result result = checkStructure(bytes.first(valid), at); result != Result::Ok)
            return result;
        *at = valid;
        return valid == bytes.size() ? Result::Ok : Result::BadEncoding;
    }

private:
    /// The length of the valid prefix of @p bytes, continuing the sequence the previous chunk ended in.
    qsizetype checkUtf8(QByteArrayView bytes)
    {
        const auto *data = reinterpret_cast<const uchar *>(bytes.data());
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            const uchar b = data[i];
            if (m_continuations > 0) {
                if (b < m_low || b > m_high)
                    return i;
                m_low = 0x80;
                m_high = 0xBF;
                --m_continuations;
                continue;
            }
            if (b == 0)
                return i;
            if (b < 0x80)
                continue;
            // RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF.
            m_low = 0x80;
            m_high = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                m_continuations = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                m_continuations = 2;
                if (b == 0xE0)
                    m_low = 0xA0;
                else if (b == 0xED)
                    m_high = 0x9F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                m_continuations = 3;
                if (b == 0xF0)
                    m_low = 0x90;
                else if (b == 0xF4)
                    m_high = 0x8F;
            } else {
                return i;
            }
        }
        return bytes.size();
    }

    /// A tag with too many attributes or "]]>" in character data, with the position in *at; else Ok.
    Result checkStructure(QByteArrayView bytes, qsizetype *at)
    {
        const char *data = bytes.data();
        const qsizetype size = bytes.size();
        for (qsizetype i = 0; i < size; ++i) {
            const char c = data[i];
            switch (m_state) {
            case State::Text: {
                const void *lt = std::memchr(data + i, '<', size - i);
                const qsizetype end = lt ? static_cast<const char *>(lt) - data : size;
                for (qsizetype j = i; j < end; ++j) {   // m_run: the ']' just before, maybe in the last chunk
                    if (data[j] == ']') {
                        ++m_run;
                        continue;
                    }
                    if (data[j] == '>' && m_run >= 2) {
                        *at = j;
                        return Result::CDataEndInText;
                    }
                    m_run = 0;
                }
                i = end;
                if (lt)
                    m_state = State::Open;
                break;
            }
            case State::Open:
                m_attributes = 0;
                m_run = 0;
                m_state = c == '!' ? State::Bang : c == '?' ? State::Pi : State::Tag;
                break;
            case State::Tag:
                if (c == '\'' || c == '"') {
                    m_quote = c;
                    m_state = State::Quoted;
                } else if (c == '>') {
                    m_state = State::Text;
                } else if (c == '=' && ++m_attributes > MaxAttributesPerTag) {
                    *at = i;
                    return Result::TooManyAttributes;
                }
                break;
            case State::Quoted:
                if (c == m_quote)
                    m_state = State::Tag;
                break;
            case State::Bang:
                m_state = c == '[' ? State::CData : State::Opaque;
                break;
            case State::CData:   // ends at "]]>"
                if (c == ']') {
                    ++m_run;
                } else {
                    if (c == '>' && m_run >= 2)
                        m_state = State::Text;
                    m_run = 0;
                }
                break;
            case State::Pi:   // ends at "?>"
                if (c == '>' && m_run > 0)
                    m_state = State::Text;
                m_run = c == '?' ? 1 : 0;
                break;
            case State::Opaque:
                return Result::Ok;
            }
        }
        return Result::Ok;
    }

    enum class State : quint8 { Text, Open, Tag, Quoted, Bang, CData, Pi, Opaque };
    State m_state = State::Text;
    char m_quote = 0;
    int m_attributes = 0;
    int m_run = 0;
    int m_continuations = 0;   // UTF-8 continuation bytes still expected
    uchar m_low = 0x80;        // range of the next continuation byte
    uchar m_high = 0xBF;
};

/// Maps QXmlStreamReader::characterOffset(), which counts UTF-16 code units of the decoded text, back to
/// byte offsets in the UTF-8 input, so the element size limit is in bytes on the wire. Offsets are asked for
/// in increasing order (at element boundaries), so each byte is scanned once and only the bytes after the
/// last boundary are kept. InputScanner lets only valid UTF-8 through, so the count is exact.
class OffsetMap
{
public:
    void append(const QByteArray &bytes) { m_pending.append(bytes); }

    qint64 byteOffset(qint64 charOffset)
    {
        skipByteOrderMark();
        const qsizetype size = m_pending.size();
        const auto *bytes = reinterpret_cast<const uchar *>(m_pending.constData());
        while (m_chars < charOffset && m_pos < size) {
            const uchar b = bytes[m_pos++];
            if ((b & 0xC0) != 0x80)                  // a lead byte starts a character
                m_chars += b >= 0xF0 ? 2 : 1;        // beyond the BMP: a surrogate pair
        }
        while (m_pos < size && (bytes[m_pos] & 0xC0) == 0x80)
            ++m_pos;
        return position();
    }

    /// Moves past XML white space (the keep-alives between stanzas) and returns the new byte offset.
    qint64 skipWhitespace()
    {
        skipByteOrderMark();
        while (m_pos < m_pending.size()) {
            const char c = m_pending.at(m_pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                break;
            ++m_pos;
            ++m_chars;
        }
        return position();
    }

    void clear() { *this = OffsetMap(); }

private:
    qint64 position()
    {
        const qint64 result = m_base + m_pos;
        if (m_pos > 64 * 1024 && m_pos > m_pending.size() / 2) {
            m_pending.remove(0, m_pos);
            m_base += m_pos;
            m_pos = 0;
        }
        return result;
    }

    // QXmlStreamReader drops a UTF-8 byte order mark at the start without counting it. Called only once a
    // token has been read, so the three bytes are there if the mark is.
    void skipByteOrderMark()
    {
        if (m_base == 0 && m_pos == 0 && m_chars == 0 && m_pending.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
    }

    QByteArray m_pending;
    qsizetype m_pos = 0;   // index in m_pending of the next unscanned byte
    qint64 m_base = 0;     // byte offset of m_pending[0]
    qint64 m_chars = 0;    // character offset at m_pos
};

/// Notes entity references QXmlStreamReader could not resolve: without a DTD (which is refused first) that is
/// any entity but the five predefined ones, an RFC 6120 §11.1 violation. Returns no replacement text, so the
/// reader fails instead of expanding anything.
class EntityGuard : public QXmlStreamEntityResolver
{
public:
    QString resolveUndeclaredEntity(const QString &name) override
    {
        if (m_name.isEmpty())
            m_name = name;
        return {};
    }
    QString name() const { return m_name; }
    void clear() { m_name.clear(); }

private:
    QString m_name;
};

} // namespace

class StreamParser::Private
{
public:
    enum class State { Header, Open, Closed, Failed };
    enum class Flow { Continue, Stop, Destroyed };

    /// What a parse in progress checks after each signal: a slot may have deleted the parser or reset it.
    struct Guard
    {
        QPointer<StreamParser> parser;
        quint64 generation;
    };

    explicit Private(StreamParser *q) : q(q) { clear(); }

    void clear();
    Flow parseChunk(const QByteArray &chunk, const Guard &guard);
    Flow readTokens(const Guard &guard);
    Flow checkDeclaration(const Guard &guard);
    Flow openStream(const Guard &guard);
    Flow startElement(const Guard &guard);
    Flow endElement(const Guard &guard);
    void characters();
    Flow checkPendingBytes(const Guard &guard);
    Flow fail(Error error, const QString &description, const Guard &guard);
    Flow afterSignal(const Guard &guard) const;

    StreamParser *q;
    Limits limits;
    QXmlStreamReader reader;
    EntityGuard entityGuard;
    InputScanner scanner;
    OffsetMap offsets;
    State state = State::Header;
    Error error = Error::None;
    QString errorString;
    quint64 generation = 0;       // bumped by reset(): a parse in progress stops when it changes
    bool feeding = false;
    QList<QByteArray> queue;      // input that arrived while feed() was already running
    qint64 bytesFed = 0;          // bytes handed to the reader since the stream started
    qint64 unitStart = 0;         // byte offset where the open top-level element (or the gap before it) began
    QDomDocument document;        // owns the top-level element being built
    QDomElement current;          // innermost open element
    int depth = 0;                // 0 between top-level elements, 1 inside one, ...
    QList<int> namespaceCounts;   // namespace declarations per open element, the root first
    int namespacesInScope = 0;
    StreamedChildrenFilter streamedFilter;
    QDomElement streamedContainer;   // the open top-level element's container whose children are handed out
    qint64 streamedBytes = 0;        // bytes of its children handed out so far: they no longer count
    qint64 childMark = 0;            // byte offset where the next handed-out child (or the gap before it) began
};

void StreamParser::Private::clear()
{
    reader.clear();
    reader.setNamespaceProcessing(true);
    reader.setEntityResolver(&entityGuard);
    entityGuard.clear();
    scanner = InputScanner();
    offsets.clear();
    state = State::Header;
    error = Error::None;
    errorString.clear();
    ++generation;
    queue.clear();
    bytesFed = 0;
    unitStart = 0;
    document = QDomDocument();
    current = QDomElement();
    depth = 0;
    namespaceCounts.clear();
    namespacesInScope = 0;
    streamedContainer = QDomElement();
    streamedBytes = 0;
}

StreamParser::Private::Flow StreamParser::Private::afterSignal(const Guard &guard) const
{
    if (!guard.parser)
        return Flow::Destroyed;   // 'this' is gone: touch nothing
    if (guard.generation != generation || state == State::Closed || state == State::Failed)
        return Flow::Stop;
    return Flow::Continue;
}

StreamParser::Private::Flow StreamParser::Private::fail(Error e, const QString &description, const Guard &guard)
{
    state = State::Failed;
    error = e;
    errorString = description;
    queue.clear();
    document = QDomDocument();
    current = QDomElement();
    streamedContainer = QDomElement();
    Q_EMIT q->errorOccurred(e, description);
    return guard.parser ? Flow::Stop : Flow::Destroyed;
}

StreamParser::Private::Flow StreamParser::Private::parseChunk(const QByteArray &chunk, const Guard &guard)
{
    for (qsizetype pos = 0; pos < chunk.size();) {
        const qsizetype length = std::min(SliceBytes, chunk.size() - pos);
        qsizetype bad = 0;
        const auto scan = scanner.scan(QByteArrayView(chunk).sliced(pos, length), &bad);
        const qsizetype accepted = scan == InputScanner::Result::Ok ? length : bad;
        const QByteArray slice = pos == 0 && accepted == chunk.size() ? chunk : chunk.sliced(pos, accepted);
        pos += length;

        offsets.append(slice);
        bytesFed += slice.size();
        reader.addData(slice);
        // Whatever comes before the problem the scanner found is parsed first, so an earlier error wins and
        // earlier stanzas are delivered, however the input was split.
        if (const Flow flow = readTokens(guard); flow != Flow::Continue)
            return flow;
        if (scan == InputScanner::Result::BadEncoding)
            return fail(Error::NotWellFormed, tr("the stream is not valid UTF-8 (RFC 6120 §11.6)"), guard);
        if (scan == InputScanner::Result::TooManyAttributes)
            return fail(Error::PolicyViolation, tr("an element has more than %1 attributes").arg(MaxAttributesPerTag),
                        guard);
        if (scan == InputScanner::Result::CDataEndInText)
            return fail(Error::NotWellFormed, tr("the stream has \"]]>\" in character data (XML 1.0 §2.4)"), guard);
        if (const Flow flow = checkPendingBytes(guard); flow != Flow::Continue)
            return flow;
    }
    return Flow::Continue;
}

StreamParser::Private::Flow StreamParser::Private::checkPendingBytes(const Guard &guard)
{
    // Every complete token has been handled, so what is left since unitStart is an element that has not
    // ended: it needs at least one more byte, so it is too large once the bytes seen reach the limit.
    const qint64 pending = bytesFed - unitStart - streamedBytes;
    if (state == State::Header && pending > MaxHeaderBytes)
        return fail(Error::PolicyViolation, tr("the stream header is larger than %1 bytes").arg(MaxHeaderBytes), guard);
    if (state == State::Open && pending >= limits.maxElementBytes)
        return fail(Error::PolicyViolation,
                    tr("an element is larger than the limit of %1 bytes").arg(limits.maxElementBytes), guard);
    return Flow::Continue;
}

StreamParser::Private::Flow StreamParser::Private::readTokens(const Guard &guard)
{
    for (;;) {
        Flow flow = Flow::Continue;
        switch (reader.readNext()) {
        case QXmlStreamReader::Invalid:
            // In incremental mode "premature end" only means that the next token is not complete yet.
            if (reader.error() == QXmlStreamReader::PrematureEndOfDocumentError)
                return Flow::Continue;
            if (!entityGuard.name().isEmpty())
                return fail(Error::RestrictedXml,
                            tr("the stream references the entity '&%1;' (RFC 6120 §11.1: only the predefined "
                               "entities are allowed)")
                                .arg(entityGuard.name()),
                            guard);
            return fail(Error::NotWellFormed, tr("the stream is not well-formed XML: %1").arg(reader.errorString()),
                        guard);
        case QXmlStreamReader::StartDocument:
            flow = checkDeclaration(guard);
            break;
        // RFC 6120 §11.1: an XMPP stream carries none of these.
        case QXmlStreamReader::DTD:
            return fail(Error::RestrictedXml, tr("the stream contains a document type declaration"), guard);
        case QXmlStreamReader::EntityReference:
            return fail(Error::RestrictedXml,
                        tr("the stream references the entity '&%1;'").arg(reader.name().toString()), guard);
        case QXmlStreamReader::Comment:
            return fail(Error::RestrictedXml, tr("the stream contains an XML comment"), guard);
        case QXmlStreamReader::ProcessingInstruction:
            return fail(Error::RestrictedXml, tr("the stream contains a processing instruction"), guard);
        case QXmlStreamReader::StartElement:
            flow = state == State::Header ? openStream(guard) : startElement(guard);
            break;
        case QXmlStreamReader::EndElement:
            flow = endElement(guard);
            break;
        case QXmlStreamReader::Characters:
            characters();
            break;
        case QXmlStreamReader::NoToken:
        case QXmlStreamReader::EndDocument:
            break;
        }
        if (flow != Flow::Continue)
            return flow;
    }
}

StreamParser::Private::Flow StreamParser::Private::checkDeclaration(const Guard &guard)
{
    // RFC 6120 §11.6: UTF-8 only. QXmlStreamReader would switch to any encoding the declaration names.
    const QStringView encoding = reader.documentEncoding();
    if (!encoding.isEmpty() && encoding.compare(u"UTF-8", Qt::CaseInsensitive) != 0)
        return fail(Error::NotWellFormed, tr("the stream declares the encoding '%1', not UTF-8").arg(encoding), guard);
    return Flow::Continue;
}

StreamParser::Private::Flow StreamParser::Private::openStream(const Guard &guard)
{
    // RFC 6120 §4.9.3.10: the root must be <stream/> in the streams namespace.
    if (reader.namespaceUri() != ns::Stream || reader.name() != u"stream")
        return fail(
            Error::InvalidNamespace,
            tr("the stream root is {%1}%2, not {%3}stream").arg(reader.namespaceUri(), reader.name(), ns::Stream),
            guard);

    const QXmlStreamAttributes attributes = reader.attributes();
    StreamHeader header;
    header.from = attributes.value(QString(), u"from").toString();
    header.to = attributes.value(QString(), u"to").toString();
    header.id = attributes.value(QString(), u"id").toString();
    header.version = attributes.value(QString(), u"version").toString();
    header.lang = attributes.value(ns::Xml, u"lang").toString();
    const QXmlStreamNamespaceDeclarations declarations = reader.namespaceDeclarations();
    for (const QXmlStreamNamespaceDeclaration &declaration : declarations) {
        if (declaration.prefix().isEmpty())
            header.defaultNamespace = declaration.namespaceUri().toString();
    }
    if (declarations.size() > MaxNamespacesInScope)
        return fail(Error::PolicyViolation, tr("the stream header declares too many namespaces"), guard);
    namespaceCounts.append(int(declarations.size()));
    namespacesInScope = int(declarations.size());

    state = State::Open;
    unitStart = offsets.byteOffset(reader.characterOffset());
    Q_EMIT q->streamOpened(header);
    return afterSignal(guard);
}

StreamParser::Private::Flow StreamParser::Private::startElement(const Guard &guard)
{
    if (depth >= limits.maxDepth)
        return fail(Error::PolicyViolation, tr("elements are nested more than %1 deep").arg(limits.maxDepth), guard);
    const int declarations = int(reader.namespaceDeclarations().size());
    if (namespacesInScope + declarations > MaxNamespacesInScope)
        return fail(Error::PolicyViolation,
                    tr("more than %1 namespace declarations are in scope").arg(MaxNamespacesInScope), guard);
    namespaceCounts.append(declarations);
    namespacesInScope += declarations;

    if (++depth == 1) {
        // The element starts at its '<': the white space before it belongs to no element.
        unitStart = offsets.skipWhitespace();
        document = QDomDocument();
    }
    // Built as QDomDocument::setContent() builds it with namespace processing (qualified names kept,
    // namespace-aware attributes), so elements read here and elements parsed from strings
    // (XmlWriter::parseElement) look alike to a handler.
    QDomElement element = document.createElementNS(reader.namespaceUri().toString(), reader.qualifiedName().toString());
    const QXmlStreamAttributes attributes = reader.attributes();
    for (const QXmlStreamAttribute &attribute : attributes) {
        element.setAttributeNS(attribute.namespaceUri().toString(), attribute.qualifiedName().toString(),
                               attribute.value().toString());
    }
    if (depth == 1)
        document.appendChild(element);
    else
        current.appendChild(element);
    current = element;
    if (depth == 2 && streamedFilter && streamedFilter(document.documentElement(), element)) {
        streamedContainer = element;
        childMark = offsets.byteOffset(reader.characterOffset());
    }
    return Flow::Continue;
}

StreamParser::Private::Flow StreamParser::Private::endElement(const Guard &guard)
{
    if (depth == 0) {   // </stream:stream> (RFC 6120 §4.4)
        state = State::Closed;
        queue.clear();
        Q_EMIT q->streamClosed();
        return afterSignal(guard);
    }
    namespacesInScope -= namespaceCounts.takeLast();
    if (--depth > 0) {
        const QDomElement finished = current;
        current = current.parentNode().toElement();
        if (depth == 2 && !streamedContainer.isNull() && current == streamedContainer) {
            const qint64 end = offsets.byteOffset(reader.characterOffset());
            if (end - childMark > limits.maxElementBytes)
                return fail(Error::PolicyViolation,
                            tr("an element is larger than the limit of %1 bytes").arg(limits.maxElementBytes), guard);
            streamedBytes += end - childMark;
            childMark = end;
            current.removeChild(finished);
            Q_EMIT q->childReceived(document.documentElement(), finished);
            return afterSignal(guard);
        }
        return Flow::Continue;
    }

    const qint64 end = offsets.byteOffset(reader.characterOffset());
    const qint64 streamed = std::exchange(streamedBytes, 0);
    streamedContainer = QDomElement();
    if (end - unitStart - streamed > limits.maxElementBytes)
        return fail(Error::PolicyViolation,
                    tr("an element is larger than the limit of %1 bytes").arg(limits.maxElementBytes), guard);
    unitStart = end;
    const QDomElement element = current;
    current = QDomElement();
    Q_EMIT q->elementReceived(element);
    const Flow flow = afterSignal(guard);
    if (flow == Flow::Continue)
        document = QDomDocument();   // the element stays valid for whoever kept it
    return flow;
}

void StreamParser::Private::characters()
{
    // Text between top-level elements is white space (keep-alives, RFC 6120 §4.6.1); its bytes still count
    // towards the next element's limit, so it cannot pile up.
    if (depth == 0)
        return;
    // White space between handed-out children would pile up as text nodes in their container.
    if (reader.isWhitespace() && !streamedContainer.isNull() && current == streamedContainer)
        return;
    const QString text = reader.text().toString();
    // Text around a CDATA section comes as separate pieces: join them, so a handler sees one text node.
    if (QDomText last = current.lastChild().toText(); !last.isNull() && !last.isCDATASection())
        last.appendData(text);
    else
        current.appendChild(document.createTextNode(text));
}

StreamParser::StreamParser(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this)) { }

StreamParser::~StreamParser() = default;

void StreamParser::setLimits(const Limits &limits)
{
    d->limits = limits;
}

StreamParser::Limits StreamParser::limits() const
{
    return d->limits;
}

void StreamParser::setStreamedChildrenFilter(StreamedChildrenFilter filter)
{
    d->streamedFilter = std::move(filter);
}

void StreamParser::feed(const QByteArray &bytes)
{
    if (d->state == Private::State::Closed || d->state == Private::State::Failed || bytes.isEmpty())
        return;
    d->queue.append(bytes);
    // A slot connected to one of our signals may call feed() again: its bytes queue up behind the chunk being
    // parsed instead of being parsed in the middle of it.
    if (d->feeding)
        return;
    d->feeding = true;
    while (!d->queue.isEmpty()) {
        const QByteArray chunk = d->queue.takeFirst();
        const Private::Guard guard{this, d->generation};
        if (d->parseChunk(chunk, guard) == Private::Flow::Destroyed)
            return;
    }
    d->feeding = false;
}

void StreamParser::reset()
{
    // Called from a slot (after <proceed/> or SASL <success/>), this also drops the rest of the chunk being
    // parsed: it belongs to the old stream, and the server sends nothing more on it (RFC 6120 §5.4.3.3,
    // §6.4.6). Input fed after reset() is parsed as the new stream.
    d->clear();
}

StreamParser::Error StreamParser::error() const
{
    return d->error;
}

QString StreamParser::errorString() const
{
    return d->errorString;
}

QByteArray StreamParser::streamError(Error error)
{
    const QByteArray condition = error == Error::RestrictedXml    ? "restricted-xml"
                               : error == Error::PolicyViolation  ? "policy-violation"
                               : error == Error::InvalidNamespace ? "invalid-namespace"
                                                                  : "not-well-formed";
    return "<stream:error><" + condition + " xmlns='" + ns::Streams.toUtf8() + "'/></stream:error>";
}
