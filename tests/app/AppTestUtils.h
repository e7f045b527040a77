// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// What the app tests share: the server's side of a sign-in (ServerSignIn.h) and finding the controllers'
// widgets by objectName.
#include "ServerSignIn.h"

#include <QTest>

namespace AppTestUtils {

using namespace Qt::StringLiterals;
using namespace ServerSignIn;

/// The child @p name of @p parent, or a test failure.
template <typename T>
T *child(const QObject *parent, const QString &name)
{
    auto *object = parent->findChild<T *>(name);
    if (!object)
        QTest::qFail(qPrintable(u"no child %1"_s.arg(name)), __FILE__, __LINE__);
    return object;
}

} // namespace AppTestUtils
