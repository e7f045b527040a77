// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QSslCertificate>

/// Channel-binding data for SCRAM-*-PLUS computable from what QSslSocket exposes.
namespace ChannelBinding {
/// tls-server-end-point (RFC 5929 §4.1): the hash of the server certificate's DER, with the hash of its
/// signature algorithm, or SHA-256 if that is MD5 or SHA-1. Empty if it cannot be determined.
QByteArray tlsServerEndPoint(const QSslCertificate &serverCertificate);
} // namespace ChannelBinding
