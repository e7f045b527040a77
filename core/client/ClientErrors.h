// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QSslError>
#include <QString>

#include <optional>

#include "client/IqReply.h"
#include "stanza/StanzaError.h"

/// Sentences that explain a failed connection in words a user understands, naming the actual problem.
namespace ClientErrors {
/// E.g. "the server's certificate is not valid for example.org (it names mail.example.net)".
QString describeSslErrors(const QList<QSslError> &errors, const QString &domain);
/// RFC 6120 §6.5 conditions, e.g. not-authorized → "wrong user name or password".
QString describeSaslFailure(const QString &condition, const QString &serverText);
/// RFC 6120 §4.9.3 conditions, e.g. conflict → "you signed in from another place with the same resource".
QString describeStreamError(const QString &condition, const QString &serverText);
/// A failed request (RFC 6120 §8.3.3), e.g. "the service is not available (service-unavailable)", or
/// "no answer in time" / "the connection ended" for the other iq outcomes.
QString describeRequestFailure(IqReply::Status status, const std::optional<StanzaError> &error);
} // namespace ClientErrors
