// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stream/NegotiationStep.h"

#include <QCoreApplication>

struct IqReply;

/// Resource binding (RFC 6120 §7) and, when the server still requires it, the legacy session of RFC 6121
/// Appendix E. Both are iq requests through the owner's iq tracking (Owner::sendIq), so their answers are
/// stanzas, not elements of this step: the result comes later, through NegotiationContext::finishedLater.
class BindStep : public NegotiationStep
{
    // Its texts are the client's error descriptions (XmppClient::errorString()): same translation context.
    Q_DECLARE_TR_FUNCTIONS(XmppClient)

public:
    using NegotiationStep::NegotiationStep;

    void reset() override;
    Result begin(const QDomElement &features) override;

private:
    void bind(bool sessionRequired);
    Result bound(const IqReply &reply, bool sessionRequired);
    void startSession();
};
