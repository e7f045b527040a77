#pragma once

#include <QString>

#include <optional>

/// Two-character search in Chinese, Japanese and Korean text, which the trigram index cannot do (a trigram
/// needs three characters, and most Chinese words have two: 你好, 明天, 会议).
///
/// Each message's adjacent character pairs that involve a CJK character are indexed a second time, each pair
/// followed by a private-use mark: the pair "你好" becomes the trigram "你好\uE0FF", which the same trigram
/// tokenizer indexes as one token. A two-character query is then the one-token phrase "你好\uE0FF". Text
/// without CJK characters adds nothing; Latin two-letter queries are still looked for row by row.
namespace CjkPairs {

/// The mark after each pair (private use: no user text contains it).
inline constexpr char32_t Mark = 0xE0FF;

/// What the pair index holds for @p body: each distinct pair followed by Mark; empty when there is none.
QString indexText(const QString &body);

/// The phrase to look up for a two-character query, if @p text is one pair the index holds.
std::optional<QString> queryText(const QString &text);

} // namespace CjkPairs
