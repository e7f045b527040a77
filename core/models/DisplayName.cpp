// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/DisplayName.h"

#include <QCryptographicHash>

namespace DisplayName {

QString choose(const Jid &jid, const QString &remark, const QString &nickname, const QString &fullName)
{
    for (const QString *candidate : {&remark, &nickname, &fullName}) {
        const QString trimmed = candidate->trimmed();
        if (!trimmed.isEmpty())
            return trimmed;
    }
    return jid.local().isEmpty() ? jid.domain() : jid.local();
}

double hue(const QString &key)
{
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1);
    const int angle = quint8(hash.at(0)) | (quint8(hash.at(1)) << 8);   // XEP-0392 §5.1: little-endian
    return angle / 65536.0 * 360.0;
}

} // namespace DisplayName
