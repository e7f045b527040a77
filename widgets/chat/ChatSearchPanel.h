// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"

#include <QFrame>
#include <QTimer>

class QLabel;
class QLineEdit;
class QListView;
class QStandardItemModel;

/// Search in the open chat's history: a search field, the number of hits and the hits, newest first, each
/// with its time and the matching words marked. Activating a hit asks to show that message.
class ChatSearchPanel : public QFrame
{
    Q_OBJECT

public:
    explicit ChatSearchPanel(QWidget *parent = nullptr);

    QString query() const;
    void setResults(const QList<ChatMessage> &results, const QString &peerName, const QString &ownName);
    int resultCount() const;
    QListView *resultsView() const { return m_results; }
    /// Empties the field and the hits (another chat opened).
    void clear();
    void focusSearch();

Q_SIGNALS:
    /// The user typed @p text (after a short pause).
    void searchRequested(const QString &text);
    void resultActivated(qint64 rowId);
    void closeRequested();

private:
    QLineEdit *m_edit;
    QLabel *m_summary;
    QListView *m_results;
    QStandardItemModel *m_model;
    QTimer m_debounce;
};
