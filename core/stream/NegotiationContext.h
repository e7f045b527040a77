// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stream/NegotiationStep.h"
#include "stream/StreamNegotiator.h"

#include <QSslCertificate>

#include <functional>
#include <optional>

/// What the steps of one connection's negotiation share: the owner, and what the earlier steps achieved.
struct NegotiationContext
{
    explicit NegotiationContext(StreamNegotiator::Owner &owner) : owner(owner) { }

    StreamNegotiator::Owner &owner;
    bool encrypted = false;   // TLS is up (STARTTLS or Direct TLS)
    // Optional, not a null QSslCertificate: constructing even an empty one starts Qt's TLS backend (OpenSSL),
    // some 70 ms of the UI thread at start-up that CertificateLoader does on a worker instead.
    std::optional<QSslCertificate> peerCertificate;
    bool authenticated = false;   // SASL succeeded on this connection
    /// Counts StreamNegotiator::reset(). A step that waits for an iq answer keeps it and drops an answer that
    /// comes for an earlier connection: the owner cancels its requests after a failure reset the negotiator,
    /// and that must not fail the connection a second time, under another error.
    quint64 connection = 0;
    /// For a step whose result comes later (the answer to an iq): reports it as if begin() had returned it.
    std::function<void(const NegotiationStep &step, const NegotiationStep::Result &result)> finishedLater;
};
