// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for the <message/> decoder and the one-to-one chat payloads read from it (RFC 6121 §5,
// XEP-0184, -0333, -0085, -0308, -0359, -0203, -0160, -0023; docs/SECURITY.md rule 11). Every element of the
// input stream is offered to Message::fromElement, so forwarded messages (carbons, archive results) are
// reached too. A decoded message written back out must be well-formed XML.
#include "FuzzCheck.h"
#include "FuzzInput.h"
#include "messaging/MessagePayloads.h"
#include "stanza/Message.h"

namespace mp = MessagePayloads;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput::forEachElement(data, size, [](const QDomElement &element) {
        (void)mp::delayStamp(element);
        const auto message = Message::fromElement(element);
        if (!message)
            return;
        (void)mp::hasReceiptRequest(*message);
        (void)mp::receivedId(*message);
        (void)mp::isMarkable(*message);
        (void)mp::displayedId(*message);
        (void)mp::chatState(*message);
        (void)mp::replaceId(*message);
        (void)mp::originId(*message);
        (void)mp::stanzaIdBy(*message, message->from.bare());
        (void)mp::delayStampFrom(*message, message->to.domainJid());
        (void)mp::expireSeconds(*message);
        FuzzCheck::wellFormed(message->toXml(), "Message::toXml");
    });
    return 0;
}
