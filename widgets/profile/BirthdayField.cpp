// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "profile/BirthdayField.h"

#include <QDateEdit>
#include <QHBoxLayout>
#include <QToolButton>

namespace {
// The minimum shows as "not set" (QDateTimeEdit::specialValueText); no one on an IM was born that day.
const QDate NotSet(1900, 1, 1);
}

BirthdayField::BirthdayField(QWidget *parent) : VCardField(parent), m_edit(new QDateEdit(this))
{
    setObjectName(QStringLiteral("birthdayField"));
    m_edit->setObjectName(QStringLiteral("birthdayEdit"));
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_edit->setMinimumDate(NotSet);
    m_edit->setMaximumDate(QDate::currentDate());
    m_edit->setSpecialValueText(tr("Not set"));
    m_edit->setDate(NotSet);
    auto *clear = new QToolButton(this);
    clear->setObjectName(QStringLiteral("birthdayClear"));
    clear->setText(tr("Clear"));
    clear->setAutoRaise(true);
    connect(clear, &QToolButton::clicked, this, [this] {
        setDate({});
        Q_EMIT edited();
    });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(clear);
    setFocusProxy(m_edit);
    connect(m_edit, &QDateEdit::dateChanged, this, &VCardField::edited);
}

void BirthdayField::load(const VCard &card)
{
    setDate(card.birthday);
}

void BirthdayField::store(VCard &card) const
{
    card.birthday = date();
}

QString BirthdayField::validationError() const
{
    return date().isValid() && date() > QDate::currentDate() ? tr("The birthday cannot be in the future.") : QString();
}

QDate BirthdayField::date() const
{
    return m_edit->date() == NotSet ? QDate() : m_edit->date();
}

void BirthdayField::setDate(const QDate &date)
{
    const QSignalBlocker blocker(m_edit);
    m_edit->setDate(date.isValid() && date > NotSet ? date : NotSet);
}
