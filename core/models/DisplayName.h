// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QString>

/// What to call a contact, and the colour of its placeholder avatar: pure rules shared by every view (and
/// xin-cli), so a contact has the same name and colour everywhere.
namespace DisplayName {

/// The name to show for @p jid: the user's own remark (the roster item's name) first, else the nickname
/// the contact gave itself (XEP-0172), else its vCard's full name, else the JID's local part (the domain for
/// a JID without one). Surrounding white space does not count as a name. Remote text: show as plain text.
QString choose(const Jid &jid, const QString &remark, const QString &nickname, const QString &fullName);

/// The hue angle in degrees [0, 360) of XEP-0392 (Consistent Color Generation) §5.1 for @p key, e.g.
/// a bare JID: SHA-1 of its UTF-8, the first two bytes as a little-endian 16-bit number, scaled to 360°.
/// AvatarPainter shows it at a fixed saturation and lightness.
double hue(const QString &key);

} // namespace DisplayName
