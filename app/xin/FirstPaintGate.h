// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>

#include <functional>
#include <vector>

class ContactListView;

/// Holds back work that can wait, such as starting the connection, until the contact list has been drawn,
/// so that it does not delay the first picture of a big cached contact list.
class FirstPaintGate : public QObject
{
    Q_OBJECT
public:
    explicit FirstPaintGate(ContactListView *view, QObject *parent = nullptr);

    /// Runs @p action once the contact list has been drawn (at once if it has, or is not shown); actions
    /// waiting run in the order they came.
    void run(std::function<void()> action);

private:
    void release();

    ContactListView *m_view;
    bool m_drawn = false;
    std::vector<std::function<void()>> m_pending;
};
