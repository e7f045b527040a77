// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FirstPaintGate.h"

#include "roster/ContactListView.h"

#include <QTimer>

namespace {
constexpr int FirstPaintWaitMs = 1000;   // run() waits no longer for the contact list to be drawn
}

FirstPaintGate::FirstPaintGate(ContactListView *view, QObject *parent) : QObject(parent), m_view(view)
{
    connect(m_view, &ContactListView::firstPainted, this, [this] {
        m_drawn = true;
        QTimer::singleShot(0, this, &FirstPaintGate::release);   // after this paint, not inside it
    });
}

void FirstPaintGate::run(std::function<void()> action)
{
    // Not shown (no contacts yet: the placeholder is; or the window is hidden): nothing to wait for.
    if (m_drawn || !m_view->isVisible()) {
        action();
        return;
    }
    const bool waiting = !m_pending.empty();
    m_pending.push_back(std::move(action));
    if (waiting)
        return;
    // A window that is never drawn (hidden, on another desktop) must not keep the connection waiting.
    QTimer::singleShot(FirstPaintWaitMs, this, &FirstPaintGate::release);
}

void FirstPaintGate::release()
{
    for (const std::function<void()> &action : std::exchange(m_pending, {}))
        action();
}
