// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/SafeText.h"

#include "models/RemoteText.h"

#include <QLabel>

using namespace Qt::StringLiterals;

QString SafeText::toolTip(const QString &plain)
{
    return RemoteText::toolTip(plain);
}

QString SafeText::notification(QString text, int maxLength)
{
    text.replace(u'&', u'＆').replace(u'<', u'‹').replace(u'>', u'›');
    text.replace(u'\n', u' ').replace(u'\r', u' ');
    if (text.size() > maxLength)
        text = text.left(maxLength - 1) + u'…';
    return text;
}

QLabel *SafeText::plainLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);   // docs/SECURITY.md rule 5: the text may quote the network
    label->setWordWrap(true);
    label->setText(text);
    return label;
}
