// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QFlags>
#include <QStringView>

/// Whether an address may imitate another (a homograph): "pаypal.com" with a Cyrillic "а" looks like
/// "paypal.com" but is a different server. The checks follow Unicode UTS #39 §5 (mixed-script detection,
/// "highly restrictive" profile) on the local part and on each domain label, a short list of characters
/// that look like ASCII letters (from UTS #39's confusables.txt), and invisible characters.
///
/// Pure and cheap: friend requests and search results mark what it flags. Pure Chinese ("小明@例子.中国"),
/// pure Latin, Japanese (Han with kana), Korean (Han with Hangul) and Latin with Han are not flagged.
class JidSpoofCheck
{
public:
    enum class Issue {
        None = 0,
        MixedScripts = 0x1,   ///< one label mixes alphabets, e.g. Latin with Cyrillic or Greek
        Confusable = 0x2,     ///< non-ASCII letters that look like ASCII ones (also a whole-Cyrillic "рaураl")
        Invisible = 0x4,      ///< format characters, zero-width or blank fillers, spaces
    };
    Q_DECLARE_FLAGS(Issues, Issue)

    /// What is suspicious in the local part and the domain of @p jid (the resource is not shown to users).
    static Issues check(const Jid &jid);
    /// The same for one label of text, e.g. a local part or a host name (split at dots; an "xn--" label
    /// is checked in its Unicode form).
    static Issues checkText(QStringView text);
    static bool isSuspicious(const Jid &jid) { return check(jid) != Issue::None; }
};

Q_DECLARE_OPERATORS_FOR_FLAGS(JidSpoofCheck::Issues)
