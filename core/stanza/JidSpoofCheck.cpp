// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/JidSpoofCheck.h"

#include <algorithm>

#include <QList>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

/// Letters of other scripts that look like ASCII letters or digits (a subset of UTS #39 confusables.txt:
/// Cyrillic, Greek, Armenian, Cherokee, and Latin letters outside ASCII that pass for ASCII ones).
constexpr char32_t LookAlikes[] = {
    // Cyrillic
    U'а',
    U'е',
    U'о',
    U'р',
    U'с',
    U'у',
    U'х',
    U'ѕ',
    U'і',
    U'ј',
    U'һ',
    U'ԁ',
    U'ԛ',
    U'ԝ',
    U'ӏ',
    U'ѵ',
    U'ү',
    U'А',
    U'В',
    U'Е',
    U'К',
    U'М',
    U'Н',
    U'О',
    U'Р',
    U'С',
    U'Т',
    U'Х',
    U'Ѕ',
    U'І',
    U'Ј',
    U'Ү',
    U'Ԛ',
    U'Ԝ',
    U'Ӏ',
    // Greek
    U'α',
    U'ο',
    U'ν',
    U'ρ',
    U'ι',
    U'υ',
    U'Α',
    U'Β',
    U'Ε',
    U'Ζ',
    U'Η',
    U'Ι',
    U'Κ',
    U'Μ',
    U'Ν',
    U'Ο',
    U'Ρ',
    U'Τ',
    U'Υ',
    U'Χ',
    // Armenian
    U'օ',
    U'ս',
    U'ց',
    U'հ',
    U'ո',
    U'ք',
    // Latin outside ASCII
    U'ı',
    U'ɑ',
    U'ɡ',
    U'ɩ',
    U'ℓ',
    U'ǀ',
    U'ɪ',
    U'ʏ',
};

/// Characters that show as nothing or as blank space although they are no space (UTS #39 §3.1 and the
/// Default_Ignorable_Code_Point property); format characters (general category Cf) are added by category.
constexpr char32_t Blanks[] = {U'\u034F', U'\u115F', U'\u1160', U'\u17B4', U'\u17B5',
                               U'\u180E', U'\u2800', U'\u3164', U'\uFFA0'};

bool contains(const auto &table, char32_t c)
{
    return std::find(std::begin(table), std::end(table), c) != std::end(table);
}

/// UTS #39 §5.1 "highly restrictive": one script, or Han with Latin and one of the East Asian companions
/// (Japanese: Hiragana/Katakana; Korean: Hangul; Bopomofo).
bool allowedMix(const QList<QChar::Script> &scripts)
{
    if (scripts.size() <= 1)
        return true;
    const auto allowedIn = [&scripts](std::initializer_list<QChar::Script> set) {
        return std::all_of(scripts.cbegin(), scripts.cend(),
                           [set](QChar::Script s) { return std::find(set.begin(), set.end(), s) != set.end(); });
    };
    using S = QChar::Script;
    return allowedIn({S::Script_Latin, S::Script_Han, S::Script_Hiragana, S::Script_Katakana})
        || allowedIn({S::Script_Latin, S::Script_Han, S::Script_Bopomofo})
        || allowedIn({S::Script_Latin, S::Script_Han, S::Script_Hangul});
}

JidSpoofCheck::Issues checkLabel(QStringView label)
{
    using Issue = JidSpoofCheck::Issue;
    JidSpoofCheck::Issues issues;
    QList<QChar::Script> scripts;
    int letters = 0;
    int lookAlikes = 0;
    for (char32_t c : label.toUcs4()) {
        const QChar::Category category = QChar::category(c);
        if (category == QChar::Other_Format || category == QChar::Separator_Space || contains(Blanks, c)) {
            issues |= Issue::Invisible;
            continue;
        }
        if (c < 0x80)
            continue;   // ASCII letters are what look-alikes imitate; digits and punctuation are Common
        const QChar::Script script = QChar::script(c);
        if (script != QChar::Script_Common && script != QChar::Script_Inherited && !scripts.contains(script))
            scripts.append(script);
        if (QChar::isLetterOrNumber(c))
            ++letters;
        if (contains(LookAlikes, c))
            ++lookAlikes;
    }
    // ASCII letters count as Latin for the mix.
    if (std::any_of(label.cbegin(), label.cend(), [](QChar c) { return c.unicode() < 0x80 && c.isLetter(); })
        && !scripts.contains(QChar::Script_Latin))
        scripts.append(QChar::Script_Latin);
    if (!allowedMix(scripts))
        issues |= Issue::MixedScripts;
    // A look-alike next to Latin letters imitates them; a label made only of look-alikes ("рор", all
    // Cyrillic) is a whole-script confusable (UTS #39 §4). A Russian or Greek word with other letters is not.
    if (lookAlikes > 0 && (scripts.contains(QChar::Script_Latin) || lookAlikes == letters))
        issues |= Issue::Confusable;
    return issues;
}

} // namespace

JidSpoofCheck::Issues JidSpoofCheck::checkText(QStringView text)
{
    Issues issues;
    for (QStringView label : text.tokenize(u'.')) {
        if (label.startsWith(u"xn--", Qt::CaseInsensitive)) {
            // Decoded whatever the top-level domain: Qt's IDN whitelist would leave most of them in ACE.
            const QString unicode = QUrl::fromAce(label.toLatin1(), QUrl::IgnoreIDNWhitelist);
            issues |= checkLabel(unicode);
        } else {
            issues |= checkLabel(label);
        }
    }
    return issues;
}

JidSpoofCheck::Issues JidSpoofCheck::check(const Jid &jid)
{
    if (jid.isNull())
        return {};
    // The local part is checked whole: dots in it are no label boundaries to anyone reading it.
    return checkLabel(jid.local()) | checkText(jid.domain());
}
