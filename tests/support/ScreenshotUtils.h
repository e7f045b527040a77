// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// For the widget tests' screenshot functions (XIN_SCREENSHOT_DIR): the app's style sheet and a dark palette,
// so a view can be looked at as the app shows it, in light and in dark. Header-only; needs QtWidgets.

#include <QApplication>
#include <QColor>
#include <QFile>
#include <QPalette>
#include <QTest>

namespace ScreenshotUtils {

/// Applies resources/style/xin.qss to the whole application, as main() does in the app.
inline void useAppStyleSheet()
{
    QFile sheet(QFINDTESTDATA("../../resources/style/xin.qss"));
    if (sheet.open(QIODevice::ReadOnly))
        qApp->setStyleSheet(QString::fromUtf8(sheet.readAll()));
}

/// A dark palette like a desktop's dark theme.
inline QPalette darkPalette()
{
    QPalette dark(QColor(0x2b, 0x2d, 0x31), QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
    dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xea, 0xed));
    return dark;
}

} // namespace ScreenshotUtils
