// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/MessageLabel.h"

#include <QStyle>

MessageLabel::MessageLabel(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);   // errors get copied into bug reports and searches
    setProperty("kind", QStringLiteral("error"));
    hide();
}

void MessageLabel::showMessage(const QString &text, Kind kind)
{
    const char *names[] = {"error", "progress", "info"};
    m_kind = kind;
    setProperty("kind", QString::fromLatin1(names[int(kind)]));
    // A dynamic property changes only take effect in the style sheet after a re-polish.
    style()->unpolish(this);
    style()->polish(this);
    setText(text);
    setVisible(!text.isEmpty());
}
