// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stream/NegotiationStep.h"

bool NegotiationStep::handles(const QDomElement &) const
{
    // A step whose answers are stanzas (resource binding: an iq) takes no stream-level element.
    return false;
}

NegotiationStep::Result NegotiationStep::handleElement(const QDomElement &)
{
    return Result::waiting();
}
