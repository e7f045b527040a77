// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

/// QCA (the Qt Cryptographic Architecture) needs one QCA::Initializer alive while it is used. Code in
/// core/crypto/ calls QcaInit::ensure() before its first QCA call; nothing else needs to (and only
/// core/crypto/ may include <QtCrypto>).
///
/// The initializer is created on the first call (thread-safe) and lives to the end of the program. QCA
/// itself registers a Qt post routine, so it is torn down when the QCoreApplication is destroyed (before
/// Qt's own shutdown, which QCA's plugins rely on); the later static destruction is then harmless. QCA
/// must therefore not be used after the application object is gone. An application that prefers the
/// classic `QCA::Initializer init;` at the top of main() may have one too: QCA counts its initializers.
namespace QcaInit {
void ensure();
} // namespace QcaInit
