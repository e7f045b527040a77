// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/DialogLook.h"

#include <QCheckBox>
#include <QColor>
#include <QDialog>
#include <QPalette>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace {

const auto SharedRules = uR"(
QDialog { background: #ffffff; }
QLabel[xinHeading="true"] { color: #1f2329; font-size: 16px; font-weight: bold; }
QCheckBox[xinQuiet="true"] { color: #5f6b7a; font-size: 12px; spacing: 6px; }
QCheckBox[xinQuiet="true"]::indicator {
    width: 12px; height: 12px; border: 1px solid #c3cad5; border-radius: 3px; background: #ffffff;
}
QCheckBox[xinQuiet="true"]::indicator:hover { border-color: #1677ff; }
QCheckBox[xinQuiet="true"]::indicator:checked { border: 3px solid #ffffff; outline: none; background: #1677ff; }
QPushButton[xinButton="primary"], QPushButton[xinButton="secondary"] {
    min-height: 30px; min-width: 84px; padding: 0 16px; border-radius: 6px; font-size: 13px;
}
QPushButton[xinButton="primary"] { background: #1677ff; color: #ffffff; border: none; }
QPushButton[xinButton="primary"]:hover { background: #3386ff; }
QPushButton[xinButton="primary"]:pressed { background: #0f5fd6; }
QPushButton[xinButton="secondary"] { background: #ffffff; color: #1f2329; border: 1px solid #d5dae2; }
QPushButton[xinButton="secondary"]:hover { border-color: #1677ff; color: #1677ff; }
)"_s;

} // namespace

void DialogLook::apply(QDialog *dialog, const QString &ownRules)
{
    // Check boxes and text boxes draw with the palette: pin the light one the style sheet is made for.
    QPalette light = dialog->palette();
    for (const auto role : {QPalette::Window, QPalette::Base, QPalette::Button})
        light.setColor(role, Qt::white);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        light.setColor(role, QColor(0x1f, 0x23, 0x29));
    dialog->setPalette(light);
    dialog->setStyleSheet(SharedRules + ownRules);
}

void DialogLook::setRole(QPushButton *button, Button role)
{
    button->setProperty("xinButton", role == Button::Primary ? u"primary"_s : u"secondary"_s);
}

void DialogLook::setQuiet(QCheckBox *check)
{
    check->setProperty("xinQuiet", true);
}
