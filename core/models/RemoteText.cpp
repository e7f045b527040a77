// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/RemoteText.h"

using namespace Qt::StringLiterals;

namespace RemoteText {

QString isolate(QStringView text)
{
    if (text.isEmpty())
        return {};
    return QChar(0x2068) + text.toString() + QChar(0x2069);
}

QString toolTip(QStringView plain, qsizetype maxLength)
{
    if (plain.isEmpty())
        return {};
    QString text = plain.left(maxLength).toString();
    if (plain.size() > maxLength)
        text += u'…';
    // The paragraph makes the tool tip rich text on purpose; the escaping makes every character literal.
    return u"<p style='white-space:pre-wrap'>"_s + text.toHtmlEscaped() + u"</p>"_s;
}

} // namespace RemoteText
