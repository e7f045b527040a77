// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <chrono>
#include <optional>

/// How long the user has not touched keyboard or mouse, for automatic away (AutoAway's idle provider).
///
/// Desktop-wide where the platform tells: Windows (GetLastInputInfo), macOS (CGEventSource) and X11 (the
/// MIT-SCREEN-SAVER extension, libXss loaded at run time so that neither building nor running needs it).
/// Elsewhere (Wayland, a missing libXss, offscreen) it counts from the last input event this application
/// received, which errs towards "away" while the user works in other programs only.
class IdleTimeSource : public QObject
{
    Q_OBJECT
public:
    enum class Method { Windows, MacOS, X11, Application };
    Q_ENUM(Method)

    explicit IdleTimeSource(QObject *parent = nullptr);
    ~IdleTimeSource() override;

    std::optional<std::chrono::seconds> idleTime() const;
    Method method() const { return m_method; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct X11;
    std::optional<std::chrono::milliseconds> platformIdle() const;

    Method m_method = Method::Application;
    QElapsedTimer m_sinceInput;   // the Application method
    X11 *m_x11 = nullptr;
};
