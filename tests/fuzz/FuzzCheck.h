// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once
// Properties the decoder harnesses check besides crashes and sanitizer reports.
#include <QBuffer>
#include <QByteArray>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <cstdio>
#include <cstdlib>

namespace FuzzCheck {

/// Aborts (a finding for libFuzzer) with @p what printed.
[[noreturn]] inline void fail(const char *what, const QByteArray &detail = {})
{
    std::fprintf(stderr, "fuzz property violated: %s\n%s\n", what, detail.constData());
    std::abort();
}

/// What we write back out of decoded remote data must be well-formed XML: a remote string must never be able to
/// add markup to a stanza we send or store (docs/SECURITY.md rule 6, the other way round).
inline void wellFormed(const QByteArray &xml, const char *what)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    if (reader.hasError())
        fail(what, xml + "\n" + reader.errorString().toUtf8());
}

/// Runs @p write on a QXmlStreamWriter and returns the bytes.
template <typename Write>
QByteArray written(Write write)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QXmlStreamWriter writer(&buffer);
    write(writer);
    return out;
}

} // namespace FuzzCheck
