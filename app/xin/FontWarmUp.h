// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <thread>

/// Where Qt finds fonts through fontconfig (Linux, the BSDs), loads fontconfig's configuration and font
/// cache on a worker thread from the first moment of main(): Qt would do it on the UI thread when the first
/// text is measured, in the middle of building the main window (a tenth of a cached start to the first
/// painted contact list). fontconfig's initialisation is thread-safe, and Qt's own later FcInit() then
/// finds it done. Elsewhere this does nothing.
class FontWarmUp
{
public:
    FontWarmUp();
    /// Waits for the worker.
    ~FontWarmUp();

    FontWarmUp(const FontWarmUp &) = delete;
    FontWarmUp &operator=(const FontWarmUp &) = delete;

private:
    std::thread m_thread;
};
