// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <optional>

/// One- and two-character search, which the trigram index cannot do: a trigram needs three characters, and
/// most Chinese words have two (你好, 明天, 会议), a surname one (王).
///
/// Each message's adjacent pairs of letters or digits (any script), and its letters and digits one by one,
/// are indexed a second time as words of their own: "你好世界" is indexed as "你好 好世 世界 你 好 世 界" by
/// FTS5's unicode61 tokenizer, one token each (letters and digits are token characters to it, spaces
/// separate). A one- or two-character query is then one token, found through the index instead of by
/// reading every row (Database.cpp, schema step 5).
namespace CharacterPairs {

/// What the pair index holds for @p body: its distinct pairs, then its distinct letters and digits, separated
/// by spaces; empty when there is none.
QString indexText(const QString &body);

/// The token to look up for a one- or two-character query, if the index holds @p text as one.
std::optional<QString> queryText(const QString &text);

} // namespace CharacterPairs
