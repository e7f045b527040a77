// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stream/NegotiationStep.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

class SaslAuthenticator;

/// SASL (RFC 6120 §6) through SaslAuthenticator: the mechanism choice with the account's pin, the XEP-0474
/// downgrade check, the exchange (the XML console sees it redacted, docs/SECURITY.md rule 12) and SCRAM's
/// server signature. On success it raises the pin and asks for the fresh stream of §6.4.6.
class SaslStep : public NegotiationStep
{
    // Its texts are the client's error descriptions (XmppClient::errorString()): same translation context.
    Q_DECLARE_TR_FUNCTIONS(XmppClient)

public:
    explicit SaslStep(NegotiationContext &context);
    ~SaslStep() override;

    /// Keeps refusedMechanism(): the user's question about it comes after the connection ended.
    void reset() override;
    Result begin(const QDomElement &features) override;
    bool handles(const QDomElement &element) const override;
    Result handleElement(const QDomElement &element) override;

    /// After XmppClient::Error::MechanismDowngrade: the weaker mechanism the server offered. Kept until the
    /// next SASL negotiation starts.
    QString refusedMechanism() const { return m_refusedMechanism; }

private:
    Result authenticate(const QDomElement &mechanisms, const QDomElement &features);
    Result respond(const QByteArray &challenge);
    Result succeed(const QByteArray &additionalData);
    Result failure(const QDomElement &element) const;
    Result failDowngrade(const QString &offered);

    std::unique_ptr<SaslAuthenticator> m_sasl;   // from <auth/> to <success/> or the end
    QString m_refusedMechanism;
};
