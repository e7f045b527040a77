// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "profile/DescriptionField.h"

#include <QHBoxLayout>
#include <QPlainTextEdit>

DescriptionField::DescriptionField(QWidget *parent) : VCardField(parent), m_edit(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("descriptionField"));
    m_edit->setObjectName(QStringLiteral("descriptionEdit"));
    m_edit->setPlaceholderText(tr("A few words about yourself"));
    m_edit->setTabChangesFocus(true);
    m_edit->setFixedHeight(72);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    setFocusProxy(m_edit);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &VCardField::edited);
}

void DescriptionField::load(const VCard &card)
{
    const QSignalBlocker blocker(m_edit);
    m_edit->setPlainText(card.description);   // remote text: plain, never rich (docs/SECURITY.md rule 5)
}

void DescriptionField::store(VCard &card) const
{
    card.description = m_edit->toPlainText().trimmed();
}

QString DescriptionField::validationError() const
{
    return m_edit->toPlainText().size() > MaxLength
             ? tr("\"About me\" is too long: at most %n characters.", nullptr, MaxLength)
             : QString();
}
