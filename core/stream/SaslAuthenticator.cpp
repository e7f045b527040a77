// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stream/SaslAuthenticator.h"

#include "crypto/ScramClient.h"

using namespace Qt::StringLiterals;

namespace {
const auto PlusSuffix = u"-PLUS"_s;
const auto TlsServerEndPoint = "tls-server-end-point"_ba;

struct ScramVariant
{
    ScramClient::Hash hash;
    bool plus;
};

std::optional<ScramVariant> scramVariant(const QString &mechanism)
{
    for (auto hash : {ScramClient::Hash::Sha512, ScramClient::Hash::Sha256, ScramClient::Hash::Sha1}) {
        for (bool plus : {true, false}) {
            if (ScramClient::mechanismName(hash, plus) == mechanism)
                return ScramVariant{hash, plus};
        }
    }
    return std::nullopt;
}

QString downgradeText(const QString &offered, const QString &pinned)
{
    return u"the server now offers only %1, weaker than %2 used before; someone may be tampering with the "
           "connection"_s.arg(offered, pinned);
}
} // namespace

SaslAuthenticator::SaslAuthenticator() = default;
SaslAuthenticator::~SaslAuthenticator() = default;

QStringList SaslAuthenticator::supportedMechanisms()
{
    QStringList mechanisms;
    for (bool plus : {true, false}) {
        for (auto hash : {ScramClient::Hash::Sha512, ScramClient::Hash::Sha256, ScramClient::Hash::Sha1}) {
            if (ScramClient::isSupported(hash))
                mechanisms << ScramClient::mechanismName(hash, plus);
        }
    }
    mechanisms << u"PLAIN"_s;
    return mechanisms;
}

bool SaslAuthenticator::isWeaker(const QString &mechanism, const QString &than)
{
    if (than.isEmpty())
        return false;
    const QStringList order = supportedMechanisms();
    const auto rank = [&order](const QString &m) {
        return m.isEmpty() || !order.contains(m) ? order.size() : order.indexOf(m);
    };
    return rank(mechanism) > rank(than);
}

std::optional<QString> SaslAuthenticator::choose(const Input &input, QString *error)
{
    m_failure = Failure::Other;
    // We can bind only to tls-server-end-point: QSslSocket exposes the peer certificate, but neither the
    // TLS exporter (RFC 9266) nor the Finished message (tls-unique). A server that lists its types
    // (XEP-0440) must list this one; without that list the RFC 5802 default is tls-unique, which we lack.
    const bool canBind = input.encrypted && !input.tlsServerEndPoint.isEmpty()
                      && input.offeredChannelBindings.contains(QString::fromLatin1(TlsServerEndPoint));
    const bool serverOffersPlus = std::any_of(input.offeredMechanisms.cbegin(), input.offeredMechanisms.cend(),
                                              [](const QString &m) { return m.endsWith(PlusSuffix); });

    QStringList rejectedPlain;
    for (const QString &candidate : supportedMechanisms()) {
        if (!input.offeredMechanisms.contains(candidate))
            continue;
        if (!input.allowedMechanisms.isEmpty() && !input.allowedMechanisms.contains(candidate))
            continue;
        if (candidate.endsWith(PlusSuffix) && !canBind)
            continue;
        if (candidate == u"PLAIN" && !input.encrypted) {
            rejectedPlain << candidate;   // RFC 6120 §13.8: PLAIN only under TLS
            continue;
        }
        if (isWeaker(candidate, input.pinnedMechanism) && !input.acceptWeaker) {
            // XEP-0474 §5 rule 1: never from SCRAM back to PLAIN. A weaker SCRAM may go on only up to
            // server-first-message, where the XEP-0474 hash can prove the list genuine (respond()).
            if (!scramVariant(candidate)) {
                m_failure = Failure::Downgrade;
                m_mechanism = candidate;
                if (error)
                    *error = downgradeText(candidate, input.pinnedMechanism);
                return std::nullopt;
            }
            m_pinned = input.pinnedMechanism;
        }
        m_mechanism = candidate;
        m_username = input.username;
        m_password = input.password;
        if (const auto variant = scramVariant(candidate)) {
            ScramClient::ChannelBindingUse use = ScramClient::ChannelBindingUse::NotSupported;
            if (variant->plus)
                use = ScramClient::ChannelBindingUse::Used;
            else if (canBind && !serverOffersPlus)
                // RFC 5802 §6: "y" tells the server we could bind but it offered no -PLUS; a server that
                // did offer -PLUS then knows its list was stripped and fails us.
                use = ScramClient::ChannelBindingUse::SupportedNotUsed;
            m_scram = std::make_unique<ScramClient>(variant->hash, input.username, input.password, use,
                                                    variant->plus ? TlsServerEndPoint : QByteArray(),
                                                    variant->plus ? input.tlsServerEndPoint : QByteArray());
            m_scram->setAdvertisedLists(input.offeredMechanisms, input.channelBindingsAdvertised
                                                                     ? std::optional(input.offeredChannelBindings)
                                                                     : std::nullopt);
        }
        m_failure = Failure::None;
        return m_mechanism;
    }

    if (error) {
        if (!rejectedPlain.isEmpty())
            *error = u"the server offers only PLAIN, which would send the password without encryption"_s;
        else
            *error = u"no SASL mechanism both sides support (server offers: %1)"_s.arg(
                input.offeredMechanisms.join(u", "));
    }
    return std::nullopt;
}

QString SaslAuthenticator::mechanism() const
{
    return m_mechanism;
}

std::optional<QByteArray> SaslAuthenticator::initialResponse(QString *error)
{
    if (m_scram) {
        // ScramClient gives nothing when SASLprep (RFC 4013) refuses the user name or password: RFC 5802
        // §5.1 says to stop there rather than send something the server would read differently.
        QByteArray first = m_scram->clientFirstMessage();
        if (first.isEmpty()) {
            if (error)
                *error = u"the user name or password contains characters that cannot be used to sign in"_s;
            return std::nullopt;
        }
        return first;
    }
    // RFC 4616: [authzid] NUL authcid NUL passwd; no authzid.
    return QByteArray('\0' + m_username.toUtf8() + '\0' + m_password.toUtf8());
}

std::optional<QByteArray> SaslAuthenticator::respond(const QByteArray &challenge, QString *error)
{
    if (!m_scram) {
        if (error)
            *error = u"unexpected SASL challenge for %1"_s.arg(m_mechanism);
        return std::nullopt;
    }
    if (!m_serverFinalSeen && challenge.startsWith("r=")) {
        auto final = m_scram->clientFinalMessage(challenge, error);
        if (!final) {
            m_failure = Failure::Other;
            return std::nullopt;
        }
        if (!m_pinned.isEmpty() && !m_scram->downgradeProtectionVerified()) {
            // Nothing vouches for the shorter list: refuse before our proof leaves (it would allow an
            // offline guess at the password under the weaker hash).
            m_failure = Failure::Downgrade;
            if (error)
                *error = downgradeText(m_mechanism, m_pinned);
            return std::nullopt;
        }
        return final;
    }
    // Some servers send server-final as a challenge and expect an empty response (RFC 6120 §6.4.6).
    m_serverFinalSeen = true;
    if (!m_scram->verifyServerFinal(challenge, error))
        return std::nullopt;
    return QByteArray();
}

bool SaslAuthenticator::verifySuccess(const QByteArray &additionalData, QString *error)
{
    if (!m_scram)
        return true;
    if (m_serverFinalSeen && additionalData.isEmpty())
        return true;
    // SCRAM's server signature proves the server knows our password's key: without it, anyone who
    // intercepted the connection could pretend we logged in (RFC 5802 §3, mutual authentication).
    if (additionalData.isEmpty()) {
        if (error)
            *error = u"the server did not prove it knows the account's credentials"_s;
        return false;
    }
    return m_scram->verifyServerFinal(additionalData, error);
}
