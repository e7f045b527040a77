// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"

#include <QDialog>

class QListWidget;
class QLabel;

/// The headlines list (RFC 6121 §5.2.2 type "headline": news, alerts, server announcements): they are
/// never mixed into a chat; each also raised a notification when it came. Newest first; plain text only
/// (docs/SECURITY.md rule 5: subjects and bodies are remote).
class HeadlinesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HeadlinesDialog(QWidget *parent = nullptr);

    /// Replaces the list with @p headlines (newest first).
    void setHeadlines(const QList<ChatMessage> &headlines);
    /// A new headline at the top.
    void addHeadline(const ChatMessage &headline);
    int count() const;
    /// The text of row @p row as shown, for tests.
    QString textAt(int row) const;

private:
    QListWidget *m_list;
    QLabel *m_empty;
};
