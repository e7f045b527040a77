// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for StreamParser (docs/SECURITY.md rule 11). Besides crashes and sanitizer reports it checks
// one property: however the input is split, the parser reports the same elements, and an error either in
// both runs or in neither (which limit trips first may depend on the split, so the kind of error may not).
#include "FuzzCheck.h"
#include "xml/StreamParser.h"

#include <QDomElement>

#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

QString describe(const QDomElement &element)
{
    QString out = u'{' + element.namespaceURI() + u'}' + element.localName() + u'[';
    const QDomNamedNodeMap attributes = element.attributes();
    QStringList names;
    for (int i = 0; i < attributes.count(); ++i) {
        const QDomAttr attribute = attributes.item(i).toAttr();
        names.append(u'{' + attribute.namespaceURI() + u'}' + attribute.localName() + u'=' + attribute.value());
    }
    names.sort();
    out += names.join(u' ') + u"](";
    for (QDomNode child = element.firstChild(); !child.isNull(); child = child.nextSibling())
        out += child.isElement() ? describe(child.toElement()) : u"text:" + child.nodeValue();
    return out + u')';
}

struct Run
{
    QStringList events;
    bool failed = false;
};

Run parse(const QByteArray &data, qsizetype step)
{
    StreamParser parser;
    StreamParser::Limits limits;
    limits.maxElementBytes = 4096;   // small, so the fuzzer reaches the limits
    limits.maxDepth = 16;
    parser.setLimits(limits);
    Run run;
    QObject context;
    QObject::connect(&parser, &StreamParser::streamOpened, &context, [&run](const StreamHeader &header) {
        run.events.append(u"open "_s + header.id + u' ' + header.lang + u' ' + header.defaultNamespace);
    });
    QObject::connect(&parser, &StreamParser::elementReceived, &context,
                     [&run](const QDomElement &element) { run.events.append(describe(element)); });
    QObject::connect(&parser, &StreamParser::streamClosed, &context, [&run] { run.events.append(u"close"_s); });
    QObject::connect(&parser, &StreamParser::errorOccurred, &context,
                     [&run](StreamParser::Error, const QString &description) {
        if (run.failed)
            FuzzCheck::fail("an error reported twice", description.toUtf8());
        run.failed = true;
        run.events.append(u"error"_s);   // nothing may follow an error
    });
    for (qsizetype i = 0; i < data.size(); i += step)
        parser.feed(data.mid(i, step));
    return run;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks the chunk size of the second run.
    const qsizetype step = bytes[0] % 32 + 1;
    const QByteArray data(reinterpret_cast<const char *>(bytes + 1), qsizetype(size - 1));

    const Run whole = parse(data, std::max<qsizetype>(data.size(), 1));
    const Run split = parse(data, step);
    if (whole.failed != split.failed || whole.events != split.events) {
        FuzzCheck::fail("the elements depend on how the input is split",
                        "whole:\n" + whole.events.join(u'\n').toUtf8() + "\nsplit every " + QByteArray::number(step)
                            + ":\n" + split.events.join(u'\n').toUtf8());
    }
    return 0;
}
