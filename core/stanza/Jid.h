// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

#include <optional>

/// An XMPP address, localpart@domainpart/resourcepart (RFC 7622).
///
/// Parsing validates and normalises: the localpart is case-folded and NFKC-normalised (UsernameCaseMapped
/// profile, RFC 7622 §3.3), the domain lower-cased, converted from IDNA, trailing dot removed (§3.2), the
/// resource NFC-normalised (OpaqueString, §3.4). Each part is at most 1023 bytes of UTF-8 (§3.1).
/// Two Jids compare equal when their normalised forms are equal.
class Jid
{
public:
    Jid() = default;

    /// Parses and normalises @p text; std::nullopt if invalid, with a human-readable reason in *error.
    static std::optional<Jid> parse(QStringView text, QString *error = nullptr);
    /// Parses a JID known to be valid (constants, tests); a null Jid if it is not.
    static Jid fromString(QStringView text);

    bool isNull() const { return m_domain.isEmpty(); }
    bool isBare() const { return !isNull() && m_resource.isEmpty(); }
    bool isFull() const { return !m_resource.isEmpty(); }

    QString local() const { return m_local; }
    QString domain() const { return m_domain; }
    QString resource() const { return m_resource; }

    Jid bare() const;
    Jid domainJid() const;
    /// This JID with @p resource (validated); a null Jid if the resource is invalid.
    Jid withResource(QStringView resource) const;

    QString toString() const;
    QString bareString() const;

    friend bool operator==(const Jid &, const Jid &) = default;
    friend size_t qHash(const Jid &jid, size_t seed = 0) noexcept
    {
        // Most JIDs in hashes are bare: skip the empty resource (a third of the cost of a roster's lookups).
        if (jid.m_resource.isEmpty())
            return qHashMulti(seed, jid.m_local, jid.m_domain);
        return qHashMulti(seed, jid.m_local, jid.m_domain, jid.m_resource);
    }

private:
    QString m_local;
    QString m_domain;
    QString m_resource;
};

Q_DECLARE_METATYPE(Jid)
