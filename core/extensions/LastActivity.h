// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/IqReply.h"
#include "stanza/StanzaError.h"

#include <QString>

#include <optional>

/// The answer to a Last Activity query (XEP-0012 v2.0). Asked of a contact's bare JID, seconds is how long
/// ago the contact's last resource went offline (§3), and text the status it left with.
struct LastActivity
{
    IqReply::Status status = IqReply::Status::Timeout;
    qint64 seconds = -1;                // valid when status is Result
    QString text;                       // remote text: plain text only (docs/SECURITY.md rule 5)
    std::optional<StanzaError> error;   // when status is Error: e.g. forbidden without a subscription (§6)

    bool isValid() const { return status == IqReply::Status::Result && seconds >= 0; }
};
