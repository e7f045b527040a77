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
