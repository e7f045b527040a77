// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDomDocument>
#include <QDomElement>
#include <QObject>
#include <QXmlStreamReader>

#include <functional>
#include <memory>

/// Attributes of the server's <stream:stream> header (RFC 6120 §4.7).
struct StreamHeader
{
    QString from;
    QString to;
    QString id;
    QString version;
    QString lang;
    QString defaultNamespace;   // jabber:client for a client stream
};

/// Incremental parser for one XMPP stream (RFC 6120 §4). Bytes go in as they arrive on the socket, in
/// chunks of any size (a chunk may end inside a UTF-8 character or a tag); out come the stream header,
/// each complete top-level element as a DOM element (stanzas and stream-level elements alike), and the
/// stream's end.
///
/// Enforces what QXmlStreamReader does not: RFC 6120 §11.1 restricted XML (a DTD, entity declarations or
/// references other than the five predefined ones, comments and processing instructions end the stream
/// with RestrictedXml), a maximum size in bytes per top-level element and a maximum nesting depth
/// (PolicyViolation), and a ceiling on buffered bytes before the header.
///
/// A consumer may ask for the children of one element of a stanza to be handed out one by one as each
/// completes (childReceived) instead of being kept in the stanza's tree: a 5,000-contact roster result is
/// then never a 20 MB DOM. The size limit then counts each such child on its own, plus the rest.
class StreamParser : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None,
        NotWellFormed,    // <not-well-formed/>: malformed XML or bad UTF-8
        RestrictedXml,    // <restricted-xml/>: DTD, entity, comment, PI
        PolicyViolation,  // <policy-violation/>: element too large or nested too deep
        InvalidNamespace, // <invalid-namespace/>: root is not {http://etherx.jabber.org/streams}stream
    };
    Q_ENUM(Error)
    /// The stream error that tells the peer about @p error (RFC 6120 §4.9.3), e.g.
    /// <stream:error><restricted-xml xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>.
    static QByteArray streamError(Error error);

    struct Limits
    {
        qint64 maxElementBytes = 1024 * 1024;  // one top-level element (stanza), in bytes on the wire
        int maxDepth = 64;                     // nesting below the stream root
    };

    explicit StreamParser(QObject *parent = nullptr);
    ~StreamParser() override;

    void setLimits(const Limits &limits);
    Limits limits() const;

    /// Asked when a child of a top-level element (the <query/> of an <iq/>, say) starts, with its
    /// attributes read: true hands that element's children out through childReceived() and keeps them out
    /// of the tree. It must not feed, reset or delete the parser. Kept across reset().
    using StreamedChildrenFilter = std::function<bool(const QDomElement &topLevel, const QDomElement &container)>;
    void setStreamedChildrenFilter(StreamedChildrenFilter filter);

    /// Parses @p bytes; emits signals synchronously. After an error, further input is ignored until reset().
    void feed(const QByteArray &bytes);
    /// Starts over for a new stream (after STARTTLS and after SASL success, RFC 6120 §5.4.3.3, §6.4.6).
    void reset();

    Error error() const;
    QString errorString() const;

Q_SIGNALS:
    void streamOpened(const StreamHeader &header);
    /// A complete top-level child of the stream; its namespaces are resolved (a stanza is in jabber:client).
    void elementReceived(const QDomElement &element);
    /// A complete child of a container the filter chose; @p topLevel is its stanza as read so far (its
    /// attributes complete). The child is already detached; elementReceived() follows for the stanza itself.
    void childReceived(const QDomElement &topLevel, const QDomElement &child);
    void streamClosed();
    void errorOccurred(StreamParser::Error error, const QString &description);

private:
    class Private;
    std::unique_ptr<Private> d;
};
