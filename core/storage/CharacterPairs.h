#pragma once

#include <QString>

#include <optional>

/// Two-character search, which the trigram index cannot do: a trigram needs three characters, and most
/// Chinese words have two (你好, 明天, 会议).
///
/// Each message's adjacent pairs of letters or digits (any script) are indexed a second time, as words of
/// their own: "你好世界" is indexed as "你好 好世 世界" by FTS5's unicode61 tokenizer, one token per pair
/// (letters and digits are token characters to it, spaces separate). A two-character query is then one
/// token, found through the index instead of by reading every row (Database.cpp, schema step 5).
namespace CharacterPairs {

/// What the pair index holds for @p body: its distinct pairs, separated by spaces; empty when there is none.
QString indexText(const QString &body);

/// The token to look up for a two-character query, if @p text is a pair the index holds.
std::optional<QString> queryText(const QString &text);

} // namespace CharacterPairs
