// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "profile/VCardField.h"

class QDateEdit;

/// The birthday (BDAY): a date picker with a calendar pop-up; its lowest date stands for "not set".
class BirthdayField : public VCardField
{
    Q_OBJECT
public:
    explicit BirthdayField(QWidget *parent = nullptr);
    void load(const VCard &card) override;
    void store(VCard &card) const override;
    QString validationError() const override;

    QDate date() const;   // null when not set
    void setDate(const QDate &date);

private:
    QDateEdit *m_edit;
};
