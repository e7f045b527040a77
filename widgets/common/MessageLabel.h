// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLabel>

/// A plain-text, word-wrapped line under a field or in a status area that hides itself when empty.
///
/// Always Qt::PlainText (docs/SECURITY.md rule 5): what it shows may quote the server or the user's input.
/// The "kind" property (error, progress, info) lets the style sheet colour it.
class MessageLabel : public QLabel
{
    Q_OBJECT

public:
    enum class Kind { Error, Progress, Info };
    Q_ENUM(Kind)

    explicit MessageLabel(QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    /// Shows @p text as @p kind; an empty text hides the label.
    void showMessage(const QString &text, Kind kind = Kind::Error);
    void clearMessage() { showMessage({}); }

private:
    Kind m_kind = Kind::Error;
};
