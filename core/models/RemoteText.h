// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringView>

/// Ways to embed text that came from the network (names, statuses, bodies) into text of our own, for the
/// models' roles and every view: pure functions, no QtGui.
namespace RemoteText {

/// @p text between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE (Unicode UAX #9 §2.7),
/// so its right-to-left characters or an unbalanced U+202E RIGHT-TO-LEFT OVERRIDE cannot reorder the text
/// around it ("%1 wants to add you", "[Online] %1"). Empty stays empty.
QString isolate(QStringView text);

/// A tool tip that shows @p plain literally. QToolTip guesses the format (Qt::mightBeRichText), so a
/// preview like "<img src='/dev/zero'>" would otherwise be rendered and hang the UI thread
/// (docs/SECURITY.md rule 5); escaped inside an explicit rich-text paragraph the guess is harmless.
/// At most @p maxLength characters of @p plain are kept. Empty stays empty (no tool tip).
QString toolTip(QStringView plain, qsizetype maxLength = 1000);

} // namespace RemoteText
