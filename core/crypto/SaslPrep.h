// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <optional>

/// SASLprep (RFC 4013), the stringprep profile (RFC 3454) for SASL user names and passwords.
///
/// Strings are prepared as "queries" (RFC 3454 §7), as SCRAM asks (RFC 5802 §2.2): unassigned code points
/// are let through. Normalisation (NFKC) uses the Unicode 3.2 tables stringprep is defined on; the
/// character classes of the bidirectional check come from Qt's current Unicode data, a close enough
/// approximation of RFC 3454's tables D.1 and D.2.
namespace SaslPrep {
/// The prepared string, or std::nullopt (with a reason in *error) if the input contains prohibited
/// output (RFC 4013 §2.3), a lone surrogate, or fails the bidirectional rules (RFC 4013 §2.4). The
/// reason names the kind of character, never the character itself: the input may be a password.
std::optional<QString> prepare(const QString &input, QString *error = nullptr);
} // namespace SaslPrep
