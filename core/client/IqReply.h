// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Iq.h"

/// The outcome of an iq request sent with XmppClient::sendIq().
struct IqReply
{
    enum class Status {
        Result,        // type='result' from the entity the request went to
        Error,         // type='error'; iq.error holds the reason
        Timeout,       // no answer within the request's timeout
        Disconnected,  // the stream ended before an answer came
    };
    Status status = Status::Timeout;
    Iq iq;             // the answer (Result/Error)

    bool isResult() const { return status == Status::Result; }
};
