// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "crypto/QcaInit.h"

#include <QtCrypto>

namespace QcaInit {

void ensure()
{
    // A function-local static: constructed once, on first use, safely even from several threads at once.
    // QCA::Initializer's default is MemoryMode Practical: secure (locked) memory for SecureArray when the
    // system allows it, ordinary memory otherwise.
    static const QCA::Initializer initializer;
    Q_UNUSED(initializer);
}

} // namespace QcaInit
