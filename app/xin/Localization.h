// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

/// Loads Xin's translations (embedded as :/xin/i18n/xin_<lang>.qm by translations/CMakeLists.txt) and
/// Qt's own, for the language given on the command line or else the system's.
class Localization
{
public:
    /// The locale for @p language ("zh_CN", "en", ...; empty: the system's), made the default locale so
    /// dates and numbers follow the UI language.
    static QLocale select(const QString &language);
    /// Installs translators on @p app for @p locale; false if Xin has no translation for it (it then speaks
    /// English).
    static bool install(QCoreApplication *app, const QLocale &locale);
};
