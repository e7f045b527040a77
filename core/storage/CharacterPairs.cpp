// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/CharacterPairs.h"

#include <QList>
#include <QSet>

namespace {

/// Whether the pair (@p a, @p b) is indexed: both are letters or digits ("你好", "Q群", "ok", "3号"; not
/// "a," or "你 "). These are token characters to the unicode61 tokenizer, so a pair stays one token.
bool isPair(char32_t a, char32_t b)
{
    return QChar::isLetterOrNumber(a) && QChar::isLetterOrNumber(b);
}

} // namespace

namespace CharacterPairs {

QString indexText(const QString &body)
{
    const QList<uint> points = body.toUcs4();
    QString text;
    QSet<quint64> seen;
    QString singles;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const char32_t c = QChar::toCaseFolded(char32_t(points.at(i)));
        if (!QChar::isLetterOrNumber(c) || seen.contains(c))
            continue;
        seen.insert(c);   // below 2^32: never a pair's key, whose first character is not 0
        singles += u' ';
        singles += QString::fromUcs4(&c, 1);
    }
    for (qsizetype i = 0; i + 1 < points.size(); ++i) {
        // Folded as the tokenizer folds, so that "OK" and "ok" are indexed once.
        const char32_t a = QChar::toCaseFolded(char32_t(points.at(i)));
        const char32_t b = QChar::toCaseFolded(char32_t(points.at(i + 1)));
        const quint64 key = (quint64(a) << 32) | b;
        if (!isPair(a, b) || seen.contains(key))
            continue;
        seen.insert(key);
        if (!text.isEmpty())
            text += u' ';
        const char32_t pair[2]{a, b};
        text += QString::fromUcs4(pair, 2);
    }
    return text.isEmpty() ? singles.mid(1) : text + singles;
}

std::optional<QString> queryText(const QString &text)
{
    const QList<uint> points = text.toUcs4();
    if (points.size() == 1 && QChar::isLetterOrNumber(points.at(0)))
        return text;
    if (points.size() != 2 || !isPair(points.at(0), points.at(1)))
        return std::nullopt;
    return text;
}

} // namespace CharacterPairs
