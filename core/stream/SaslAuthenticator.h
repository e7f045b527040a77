// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class ScramClient;

/// Chooses a SASL mechanism and runs the client side of it (RFC 6120 §6, RFC 4422).
///
/// The choice is the strongest mechanism both sides allow, by a fixed order: channel-bound SCRAM first
/// (SHA-512, SHA-256, SHA-1), then plain SCRAM (same order), then PLAIN. Channel binding protects against
/// a man in the middle holding a certificate we would accept, which matters more than the hash. PLAIN is
/// never chosen on an unencrypted stream. There is no fallback to a weaker mechanism after a failure.
///
/// Downgrade protection: the mechanism the account used before is pinned; a weaker choice is refused
/// (Failure::Downgrade) unless the user agreed, or, for SCRAM, the server's XEP-0474 hash in
/// server-first-message proves the offered list genuine (the operator changed it; nobody stripped it).
class SaslAuthenticator
{
public:
    struct Input
    {
        QStringList offeredMechanisms;     // from <mechanisms/>
        QStringList offeredChannelBindings;// XEP-0440 <sasl-channel-binding/> types; empty if not advertised
        bool channelBindingsAdvertised = false;   // the server sent <sasl-channel-binding/> (XEP-0474 §3.1)
        QStringList allowedMechanisms;     // the user's restriction; empty = everything we support
        bool encrypted = false;            // the stream is under TLS
        QByteArray tlsServerEndPoint;      // RFC 5929 binding data; empty if unknown
        QString username;                  // the JID's localpart
        QString password;
        QString pinnedMechanism;           // the strongest one this account used before; empty: none
        bool acceptWeaker = false;         // the user agreed to go below pinnedMechanism this once
    };

    /// Why choose(), respond() or verifySuccess() refused.
    enum class Failure { None, Other, Downgrade };

    SaslAuthenticator();
    ~SaslAuthenticator();

    /// Every mechanism we implement, strongest first.
    static QStringList supportedMechanisms();
    /// Whether @p mechanism is weaker than @p than by that order (an unknown one is the weakest; an
    /// empty @p than pins nothing).
    static bool isWeaker(const QString &mechanism, const QString &than);

    /// Picks the mechanism; std::nullopt (with a reason in *error) if none is acceptable.
    std::optional<QString> choose(const Input &input, QString *error = nullptr);
    QString mechanism() const;
    Failure failure() const { return m_failure; }

    /// The initial response for <auth/> (the raw bytes, not base64); std::nullopt (with *error) when the
    /// credentials cannot be prepared.
    std::optional<QByteArray> initialResponse(QString *error = nullptr);
    /// The answer to a <challenge/>; std::nullopt (with *error) when the challenge is invalid.
    std::optional<QByteArray> respond(const QByteArray &challenge, QString *error = nullptr);
    /// Checks the additional data of <success/> (SCRAM's server signature: mutual authentication).
    bool verifySuccess(const QByteArray &additionalData, QString *error = nullptr);

private:
    QString m_mechanism;
    QString m_username;
    QString m_password;
    std::unique_ptr<ScramClient> m_scram;
    bool m_serverFinalSeen = false;
    Failure m_failure = Failure::None;
    QString m_pinned;   // set while a weaker mechanism than the pin waits for XEP-0474 to vouch for it
};
