// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <functional>

/// The one source of every id Xin puts on the wire: stanza ids, origin-ids (XEP-0359) and archive query
/// ids (XEP-0313). Contacts see our message ids; with a counter they could predict the queryid of an open
/// archive query and slip forged results into it (docs/SECURITY.md rule 3). So each id is a random UUID:
/// 122 random bits from the system's CSPRNG (QUuid::createUuid()), nothing derived from the ones before.
/// Tests may inject a deterministic source.
class IdGenerator
{
public:
    using Source = std::function<QString()>;

    IdGenerator();
    explicit IdGenerator(Source source);

    QString next();

    /// The default source: a random (version 4) UUID without braces.
    static QString randomId();

private:
    Source m_source;
};
