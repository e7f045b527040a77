#include "storage/CjkPairs.h"

#include <QList>
#include <QSet>

namespace {

bool isCjk(char32_t c)
{
    switch (QChar::script(c)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul:
        return true;
    default:
        return false;
    }
}

/// Whether the pair (@p a, @p b) is indexed: both are letters or digits, and one of them is CJK (so "Q群"
/// and "3号" are pairs, "a," and "ab" are not).
bool isPair(char32_t a, char32_t b)
{
    return QChar::isLetterOrNumber(a) && QChar::isLetterOrNumber(b) && (isCjk(a) || isCjk(b));
}

} // namespace

namespace CjkPairs {

QString indexText(const QString &body)
{
    const QList<uint> points = body.toUcs4();
    QString text;
    QSet<quint64> seen;
    for (qsizetype i = 0; i + 1 < points.size(); ++i) {
        const char32_t a = points.at(i);
        const char32_t b = points.at(i + 1);
        const quint64 key = (quint64(a) << 32) | b;
        if (!isPair(a, b) || seen.contains(key))
            continue;
        seen.insert(key);
        const char32_t pair[3]{a, b, Mark};
        text += QString::fromUcs4(pair, 3);
    }
    return text;
}

std::optional<QString> queryText(const QString &text)
{
    const QList<uint> points = text.toUcs4();
    if (points.size() != 2 || !isPair(points.at(0), points.at(1)))
        return std::nullopt;
    const char32_t phrase[3]{points.at(0), points.at(1), Mark};
    return QString::fromUcs4(phrase, 3);
}

} // namespace CjkPairs
