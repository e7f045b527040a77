// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FontWarmUp.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
#include <dlfcn.h>
#endif

FontWarmUp::FontWarmUp()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    // Looked up rather than linked: fontconfig is already loaded as a dependency of Qt's GUI library where Qt
    // uses it, and where it is not loaded there is nothing to warm up.
    using FcInitFunction = int (*)();
    if (const auto fcInit = reinterpret_cast<FcInitFunction>(::dlsym(RTLD_DEFAULT, "FcInit")))
        m_thread = std::thread([fcInit] { fcInit(); });
#endif
}

FontWarmUp::~FontWarmUp()
{
    if (m_thread.joinable())
        m_thread.join();
}
