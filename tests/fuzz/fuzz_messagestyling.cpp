// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for XEP-0393 Message Styling and link detection (docs/SECURITY.md rules 5 and 11). The
// input is a message body in UTF-8; the first byte chooses styled or not. Besides crashes it checks what the
// views rely on: each block's runs cover its text from start to end, in order, and a link is always safe.
#include "FuzzCheck.h"
#include "FuzzInput.h"
#include "messaging/MessageStyling.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const bool styled = data[0] & 1;
    const QString body = QString::fromUtf8(FuzzInput::bytes(data + 1, size - 1));
    const QList<MessageStyling::Block> blocks = MessageStyling::parse(body, styled);
    for (const MessageStyling::Block &block : blocks) {
        qsizetype at = 0;
        for (const MessageStyling::Run &run : block.runs) {
            if (run.start != at || run.length <= 0)
                FuzzCheck::fail("runs do not cover the block's text in order", body.toUtf8());
            if (!run.link.isEmpty() && !MessageStyling::isSafeLink(run.link))
                FuzzCheck::fail("an unsafe link", run.link.toEncoded());
            at += run.length;
        }
        if (at != block.text.size())
            FuzzCheck::fail("runs do not end at the end of the block's text", body.toUtf8());
    }
    for (const MessageStyling::LinkMatch &match : MessageStyling::findLinks(body)) {
        if (match.start < 0 || match.end > body.size() || match.start >= match.end)
            FuzzCheck::fail("a link range outside the line", body.toUtf8());
    }
    return 0;
}
