// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

class QCheckBox;
class QDialog;
class QPushButton;

/// The look the security dialogs share (the link confirmation, the sign-in downgrade question): their own
/// light colours, so that they read the same whatever the system palette, a heading, a primary and a
/// secondary button and a quiet check box. Each dialog adds only the rules of its own parts.
class DialogLook
{
public:
    enum class Button { Primary, Secondary };

    /// Gives @p dialog the shared look plus @p ownRules (style-sheet rules for its own object names).
    static void apply(QDialog *dialog, const QString &ownRules);
    static void setRole(QPushButton *button, Button role);
    static void setQuiet(QCheckBox *check);
};
