// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "profile/VCardField.h"

#include <functional>

class QLineEdit;

/// A one-line text field, e.g. the nickname or the e-mail address; @p check (optional) validates it.
class LineField : public VCardField
{
    Q_OBJECT
public:
    using Getter = std::function<QString(const VCard &)>;
    using Setter = std::function<void(VCard &, const QString &)>;
    using Check = std::function<QString(const QString &)>;   // the error sentence, or empty

    LineField(const QString &objectName, const QString &placeholder, Getter get, Setter set, Check check = {},
              QWidget *parent = nullptr);
    void load(const VCard &card) override;
    void store(VCard &card) const override;
    QString validationError() const override;
    QLineEdit *lineEdit() const { return m_edit; }

    /// Checks used by the editor, public for tests.
    static QString checkEmail(const QString &text);
    static QString checkPhone(const QString &text);
    static QString checkUrl(const QString &text);

private:
    QLineEdit *m_edit;
    Getter m_get;
    Setter m_set;
    Check m_check;
};
