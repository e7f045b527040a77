// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QIcon>

/// Line icons of the contact features, drawn by code in the stroke of common/Glyphs.
class RosterGlyphs
{
public:
    /// A person with a plus: "add friend".
    static QIcon addFriend(const QColor &colour);
    /// A bell: the friend-request inbox.
    static QIcon requests(const QColor &colour);
};
