// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

QLocale Localization::select(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    return locale;
}

bool Localization::install(QCoreApplication *app, const QLocale &locale)
{
    // Qt's own strings (context menus, file dialogs) where the system has them; optional.
    auto *qt = new QTranslator(app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;

    // QTranslator::load(QLocale, ...) walks the UI languages: zh_Hans_CN, zh_CN, zh, ... Without a match the
    // English one still gives the plural forms ("1 second", "2 seconds") the source strings leave open.
    auto *xin = new QTranslator(app);
    const bool found = xin->load(locale, u"xin"_s, u"_"_s, u":/xin/i18n"_s);
    if (found || xin->load(u"xin_en"_s, u":/xin/i18n"_s))
        QCoreApplication::installTranslator(xin);
    else
        delete xin;
    return found;
}
