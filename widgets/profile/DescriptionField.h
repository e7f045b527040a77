// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "profile/VCardField.h"

class QPlainTextEdit;

/// "About me" (DESC): a few lines of plain text.
class DescriptionField : public VCardField
{
    Q_OBJECT
public:
    static constexpr int MaxLength = 1000;
    explicit DescriptionField(QWidget *parent = nullptr);
    void load(const VCard &card) override;
    void store(VCard &card) const override;
    QString validationError() const override;

private:
    QPlainTextEdit *m_edit;
};
