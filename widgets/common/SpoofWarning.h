// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/JidSpoofCheck.h"

#include <QColor>
#include <QFrame>
#include <QPixmap>

class QLabel;

/// The warning shown next to an address that may imitate another (JidSpoofCheck): an amber strip with a
/// painted warning sign and one sentence, e.g. "This address mixes alphabets; it may imitate another".
/// Hidden while the address is not suspicious.
class SpoofWarning : public QFrame
{
    Q_OBJECT

public:
    explicit SpoofWarning(QWidget *parent = nullptr);

    /// Shows the warning for @p jid, or hides it.
    void setJid(const Jid &jid);
    /// Shows @p sentence (plain text), or hides the warning if it is empty.
    void setText(const QString &sentence);
    QString text() const;

    /// The sentence for @p issues (empty for none).
    static QString text(JidSpoofCheck::Issues issues);
    /// The two words for a badge in a list row.
    static QString badgeText();
    /// The warning sign, painted (no font has to carry U+26A0).
    static QPixmap sign(int size, qreal devicePixelRatio);
    static const QColor Ink;          // text and sign
    static const QColor Background;   // the strip and the badge

private:
    QLabel *m_icon;
    QLabel *m_text;
};
