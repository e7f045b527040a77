// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/VCard.h"

#include <QWidget>

/// One field of the profile editor: it shows its part of a VCard, writes it back, and says what is wrong
/// with the input. VCardEditor is built from these, one small widget per field.
class VCardField : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual void load(const VCard &card) = 0;
    virtual void store(VCard &card) const = 0;
    /// A sentence for the user, or empty when the input is acceptable.
    virtual QString validationError() const { return {}; }

Q_SIGNALS:
    void edited();
};
