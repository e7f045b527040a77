// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>

/// A popup grid of common emoji; choosing one emits emojiChosen() and closes it.
class EmojiPicker : public QFrame
{
    Q_OBJECT

public:
    explicit EmojiPicker(QWidget *parent = nullptr);

    static QStringList emoji();
    /// Opens the popup above @p anchor (below it when there is no room above).
    void popup(QWidget *anchor);

Q_SIGNALS:
    void emojiChosen(const QString &emoji);
};
