// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

/// The client side of SASL SCRAM (RFC 5802; SHA-256 RFC 7677; SHA-512 per draft-melnikov-scram-sha-512),
/// with or without channel binding (the -PLUS variants, RFC 5802 §6; tls-server-end-point RFC 5929 §4,
/// tls-exporter RFC 9266). Hashes and PBKDF2 come from QCA.
class ScramClient
{
public:
    enum class Hash { Sha1, Sha256, Sha512 };

    /// How the client uses channel binding (the GS2 header, RFC 5802 §7):
    enum class ChannelBindingUse {
        NotSupported,        // "n,,": the client does not support it
        SupportedNotUsed,    // "y,,": the client supports it but the server did not offer -PLUS
        Used,                // "p=<type>,,": the -PLUS mechanism, binding data given
    };

    /// @p username and @p password are prepared with SASLprep (RFC 4013) here.
    ScramClient(Hash hash, const QString &username, const QString &password,
                ChannelBindingUse cbUse = ChannelBindingUse::NotSupported, const QByteArray &cbType = {},
                const QByteArray &cbData = {});
    ~ScramClient();

    /// Mechanism name as in SASL, e.g. "SCRAM-SHA-256-PLUS".
    static QString mechanismName(Hash hash, bool plus);
    /// Whether QCA on this system can do this hash's HMAC and PBKDF2.
    static bool isSupported(Hash hash);

    /// For tests against the RFC vectors: a fixed client nonce instead of a random one.
    void setClientNonce(const QByteArray &nonce);

    /// XEP-0474 (SASL SCRAM downgrade protection): the SASL mechanisms and, if the server listed them
    /// (XEP-0440), the channel-binding types as we received them. server-first-message's optional "h"
    /// attribute must then be the hash of exactly these lists, or the exchange fails (§3.2).
    void setAdvertisedLists(const QStringList &mechanisms, const std::optional<QStringList> &channelBindings);
    /// The XEP-0474 §3.1 hash input: sorted mechanisms joined by %x1E, then %x1F and the sorted channel-binding
    /// types joined by %x1E if XEP-0440 was used.
    static QByteArray downgradeProtectionInput(const QStringList &mechanisms,
                                               const std::optional<QStringList> &channelBindings);
    /// Whether server-first-message carried an "h" attribute that matched our lists: the server itself
    /// (it knows the password's keys, so the proof covers it) vouches that nobody edited them.
    bool downgradeProtectionVerified() const;

    QByteArray clientFirstMessage();
    /// Answers server-first with client-final; std::nullopt (with *error) if server-first is malformed,
    /// its nonce does not extend ours, or the iteration count is below 4096 (RFC 5802 §9 / 7677).
    std::optional<QByteArray> clientFinalMessage(const QByteArray &serverFirst, QString *error = nullptr);
    /// Checks the server signature in server-final (mutual authentication); false on mismatch or e=.
    bool verifyServerFinal(const QByteArray &serverFinal, QString *error = nullptr);

private:
    class Private;
    std::unique_ptr<Private> d;
};
