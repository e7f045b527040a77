// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;

/// Asks whether to sign in although the server now offers only a weaker SASL mechanism than the one this
/// account used before (XEP-0474 §5; issue 13, finding 9). An attacker who edits the server's offer gets
/// exactly this situation, so refusing is the default: Enter and Escape both answer "Don't sign in". The
/// mechanism names are shown literally, as the core reports them.
class DowngradeQuestion : public QDialog
{
    Q_OBJECT

public:
    enum class Answer {
        Refuse,       // "Don't sign in" (or the window closed)
        SignInOnce,   // "Sign in this time": one connection accepts the weaker mechanism, nothing is saved
        LowerPin,     // the same, and the administrator changed it: remember @p offered from now on
    };

    /// @p offered is the weaker mechanism the server offers now, @p pinned the one used before.
    DowngradeQuestion(const QString &offered, const QString &pinned, QWidget *parent = nullptr);

    /// The user's answer once the dialog has finished.
    Answer answer() const;
    /// The explanation as shown, for tests.
    QString explanation() const;

private:
    QLabel *m_explanation;
    QCheckBox *m_dontAskAgain;
};
