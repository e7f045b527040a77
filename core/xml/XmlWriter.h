// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDomElement>
#include <QString>

#include <functional>

class QXmlStreamWriter;

/// Serialising helpers: stanzas are written with QXmlStreamWriter, never by string concatenation.
namespace XmlWriter {
/// Writes @p element and its subtree, namespaces preserved (a child in its parent's namespace gets no
/// redundant xmlns).
void writeElement(QXmlStreamWriter &out, const QDomElement &element);
/// Runs @p write on a writer into a buffer and returns the UTF-8 bytes (no XML declaration).
QByteArray toBytes(const std::function<void(QXmlStreamWriter &)> &write);
/// @p text without the characters XML 1.0 forbids (§2.2: C0 controls other than tab, LF and CR, U+FFFE,
/// U+FFFF, unpaired surrogates). QXmlStreamWriter would write them, and the server would then close our
/// stream as not-well-formed: a pasted control character must not cost the user the connection.
QString xmlSafe(const QString &text);
/// A DOM element parsed from a known-good XML string (tests, constants); null element on error.
QDomElement parseElement(const QString &xml);
} // namespace XmlWriter
