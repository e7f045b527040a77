// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QPlainTextEdit>

/// The composer's text field and its keys, as QQ has them: Enter sends and Shift+Enter starts a new line,
/// or, in Ctrl+Enter mode, Ctrl+Enter sends and Enter starts a new line. Up in an empty field asks to edit
/// our last message; Escape cancels an edit.
class ComposerEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit ComposerEdit(QWidget *parent = nullptr);

    bool sendWithCtrlEnter() const { return m_ctrlEnter; }
    void setSendWithCtrlEnter(bool ctrlEnter) { m_ctrlEnter = ctrlEnter; }

Q_SIGNALS:
    void sendRequested();
    void editLastRequested();
    void cancelRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    bool m_ctrlEnter = false;
};
