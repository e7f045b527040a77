#pragma once

#include <QString>

/// Helpers for putting text that may come from the network into places Qt would read as rich text.
class SafeText
{
public:
    /// A tool tip that shows @p plain literally. QToolTip guesses the format (Qt::mightBeRichText), so a
    /// nickname like "<img src=...>" would otherwise be rendered (SECURITY rule 5); escaping inside an
    /// explicit rich-text paragraph makes the guess harmless.
    static QString toolTip(const QString &plain);
};
