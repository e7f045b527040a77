// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>

/// One line of plain text, elided with "…" when it does not fit; the whole text is in the tool tip.
///
/// It paints the text itself, so nothing in it is ever interpreted as markup (docs/SECURITY.md rule 5). The colour
/// and font come from the palette and font, i.e. from the style sheet.
class ElidedLabel : public QFrame
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    /// What is visible right now, after eliding.
    QString displayedText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString m_text;
};
