// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/StatusChoice.h"

#include <QToolButton>

class QActionGroup;
class QMenu;

/// QQ's status picker: a small button showing the current status that drops down every StatusChoice.
class StatusSelector : public QToolButton
{
    Q_OBJECT

public:
    explicit StatusSelector(QWidget *parent = nullptr);

    StatusChoice status() const { return m_status; }
    /// The drop-down with one action per StatusChoice.
    QMenu *statusMenu() const { return m_menu; }
    /// Shows @p status without emitting statusSelected() (the application reporting what is in effect).
    void setStatus(StatusChoice status);

    /// A checkable action per StatusChoice, objectName "statusAction_<key>", for any menu that wants them.
    static QActionGroup *createActions(QObject *parent);
    static StatusChoice choiceOf(const QAction *action);

Q_SIGNALS:
    /// The user picked @p status from the menu.
    void statusSelected(StatusChoice status);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void refresh();

    QActionGroup *m_actions;
    QMenu *m_menu;
    StatusChoice m_status = StatusChoice::Offline;
};
