// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

class QLabel;
class QWidget;

/// Helpers for putting text that may come from the network into places Qt would read as rich text.
class SafeText
{
public:
    /// A tool tip that shows @p plain literally (RemoteText::toolTip). QToolTip guesses the format
    /// (Qt::mightBeRichText), so a nickname like "<img src=...>" would otherwise be rendered
    /// (docs/SECURITY.md rule 5).
    static QString toolTip(const QString &plain);
    /// @p text for a desktop notification's title or body. Notification servers may read the body as markup
    /// (the freedesktop Desktop Notifications spec allows <b>, <a>, <img>), and names and messages are
    /// remote (docs/SECURITY.md rule 5): the markup characters become look-alikes that no server
    /// interprets, line breaks become spaces, and the text is cut to @p maxLength characters.
    static QString notification(QString text, int maxLength);

    /// A word-wrapped label that shows @p text literally (Qt::PlainText), named @p objectName.
    static QLabel *plainLabel(const QString &text, const QString &objectName, QWidget *parent);
};
