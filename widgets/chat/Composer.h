// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>

class ComposerEdit;
class ElidedLabel;
class EmojiPicker;
class QAction;
class QPushButton;
class QToolButton;

/// The bottom of the chat: a tool row (emoji, history search), the "editing" strip while a correction is
/// being written, the text field and the Send button, whose menu chooses Enter or Ctrl+Enter to send.
class Composer : public QFrame
{
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    ComposerEdit *edit() const { return m_edit; }
    QString text() const;
    /// Replaces the text without counting as typing (drafts, edits).
    void setText(const QString &text);

    bool sendWithCtrlEnter() const;
    void setSendWithCtrlEnter(bool ctrlEnter);

    /// Starts correcting our last message, whose text is @p original (XEP-0308).
    void startEditing(const QString &original);
    void cancelEditing();
    bool isEditing() const { return m_editing; }

    void setSearchChecked(bool checked);
    /// Sends what is typed (or the correction), as the Send button does.
    void send();

Q_SIGNALS:
    void sendRequested(const QString &text);
    void correctionRequested(const QString &text);
    void editLastRequested();
    void searchToggled(bool on);
    void sendWithCtrlEnterChanged(bool ctrlEnter);
    /// The user changed the text (not setText()).
    void textEdited();

private:
    QWidget *createToolRow();
    QWidget *createEditingStrip();
    QWidget *createSendRow();
    void insertEmoji(const QString &emoji);
    void updateSendButton();

    ComposerEdit *m_edit;
    EmojiPicker *m_emojiPicker = nullptr;
    QToolButton *m_emojiButton = nullptr;
    QToolButton *m_searchButton = nullptr;
    QFrame *m_editingStrip = nullptr;
    ElidedLabel *m_editingText = nullptr;
    QPushButton *m_sendButton = nullptr;
    QToolButton *m_sendOptions = nullptr;
    QAction *m_enterSends = nullptr;
    QAction *m_ctrlEnterSends = nullptr;
    QString m_original;
    bool m_editing = false;
    bool m_settingText = false;
};
