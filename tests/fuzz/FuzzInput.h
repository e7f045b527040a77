// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once
// Shared by the decoder harnesses: the fuzz input is the content of an XMPP stream (stanzas, one after another),
// parsed by the real StreamParser after a fixed stream header, so the decoders see exactly what the client
// would hand them. Each element of each top-level element is offered to the decoder under test: decoders
// check the name and namespace themselves, and payloads nest (an iq's query, a forwarded message).
#include "xml/StreamParser.h"

#include <QByteArray>
#include <QDomElement>

#include <cstddef>
#include <cstdint>

namespace FuzzInput {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

/// Calls @p visit(element) for every element of every complete top-level element in @p data, parents first.
template <typename Visit>
void forEachElement(const uint8_t *data, size_t size, Visit visit)
{
    StreamParser parser;
    QObject context;
    QObject::connect(&parser, &StreamParser::elementReceived, &context, [&visit](const QDomElement &stanza) {
        // Iterative pre-order walk: a deep input must not overflow the stack here (the parser caps the
        // depth, but the harness should not rely on that to stay sane).
        for (QDomElement e = stanza; !e.isNull();) {
            visit(e);
            QDomElement next = e.firstChildElement();
            while (next.isNull() && e != stanza) {
                next = e.nextSiblingElement();
                if (next.isNull())
                    e = e.parentNode().toElement();
            }
            if (next.isNull())
                break;
            e = next;
        }
    });
    parser.feed(QByteArrayLiteral("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                                  " from='example.org' id='fuzz' version='1.0'>"));
    parser.feed(bytes(data, size));
}

} // namespace FuzzInput
