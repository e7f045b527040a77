// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ComposerEdit.h"

#include <QKeyEvent>
#include <QMimeData>

using namespace Qt::StringLiterals;

ComposerEdit::ComposerEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(u"composerEdit"_s);
    setTabChangesFocus(true);
    setFrameShape(QFrame::NoFrame);
}

void ComposerEdit::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        const bool sends = m_ctrlEnter ? modifiers == Qt::ControlModifier : modifiers == Qt::NoModifier;
        if (sends) {
            Q_EMIT sendRequested();
        } else if (modifiers == Qt::NoModifier || modifiers == Qt::ShiftModifier || modifiers == Qt::ControlModifier) {
            insertPlainText(u"\n"_s);   // Shift+Enter, or the key that does not send
            ensureCursorVisible();
        }
        event->accept();
        return;
    }
    if (key == Qt::Key_Up && modifiers == Qt::NoModifier && document()->isEmpty()) {
        Q_EMIT editLastRequested();
        event->accept();
        return;
    }
    if (key == Qt::Key_Escape) {
        Q_EMIT cancelRequested();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void ComposerEdit::insertFromMimeData(const QMimeData *source)
{
    // Pasted rich text becomes its plain text: a QPlainTextEdit never renders it, but be explicit.
    if (source && source->hasText())
        insertPlainText(source->text());
}
