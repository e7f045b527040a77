// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stream/NegotiationStep.h"

#include <QCoreApplication>

/// STARTTLS (RFC 6120 §5): asks for TLS when the server offers it, and refuses to go on without it when the
/// configuration requires it (docs/SECURITY.md rule 1). The handshake itself is the owner's (Owner::startTls());
/// once it is up, StreamNegotiator::setEncrypted() tells every step through the context.
class StartTlsStep : public NegotiationStep
{
    // Its texts are the client's error descriptions (XmppClient::errorString()): same translation context.
    Q_DECLARE_TR_FUNCTIONS(XmppClient)

public:
    using NegotiationStep::NegotiationStep;

    void reset() override;
    Result begin(const QDomElement &features) override;
    bool handles(const QDomElement &element) const override;
    Result handleElement(const QDomElement &element) override;

private:
    bool m_requested = false;   // <starttls/> went out and no <proceed/> came yet
};
