// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stream/NegotiationStep.h"

#include <QCoreApplication>

/// Stream management in the negotiation (XEP-0198), as two steps around resource binding:
///  - Resume, before binding (§5): when a lost session can be resumed and the server offers <sm/>, send
///    <resume/>; <resumed/> ends the negotiation with the old session going on (no binding), <failed/> lets
///    binding start a new one on the same stream.
///  - Enable, after binding (§3): ask for a resumable session; the answer (<enabled/>) comes after the
///    negotiation, to the client's StreamManagement, while stanzas already flow (§4 counts from <enable/>).
class StreamManagementStep : public NegotiationStep
{
    Q_DECLARE_TR_FUNCTIONS(XmppClient)
public:
    enum class Role { Resume, Enable };
    StreamManagementStep(NegotiationContext &context, Role role) : NegotiationStep(context), m_role(role) { }

    void reset() override { m_waiting = false; }
    Result begin(const QDomElement &features) override;
    bool handles(const QDomElement &element) const override;
    Result handleElement(const QDomElement &element) override;

private:
    Role m_role;
    bool m_waiting = false;   // <resume/> sent, its answer due
};
