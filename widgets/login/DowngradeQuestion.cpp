// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "login/DowngradeQuestion.h"

#include "common/DialogLook.h"
#include "common/SafeText.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// The rules of this dialog's own parts; DialogLook gives the shared ones.
const auto OwnRules = uR"(
QLabel#downgradeExplanation { color: #3d4552; font-size: 13px; background: transparent; }
QFrame#downgradeWarning { background: #fff7e6; border: 1px solid #ffd591; border-radius: 8px; }
QPushButton#signInOnceButton:hover { border-color: #d46b08; color: #d46b08; }
)"_s;

} // namespace

DowngradeQuestion::DowngradeQuestion(const QString &offered, const QString &pinned, QWidget *parent) : QDialog(parent)
{
    setObjectName(u"downgradeQuestion"_s);
    setWindowTitle(tr("Xin: sign-in method"));
    DialogLook::apply(this, OwnRules);
    setMinimumWidth(440);

    auto *heading = SafeText::plainLabel(tr("Sign in with a weaker method?"), u"downgradeHeading"_s, this);
    heading->setProperty("xinHeading", true);
    auto *warning = new QFrame(this);
    warning->setObjectName(u"downgradeWarning"_s);
    m_explanation = SafeText::plainLabel(tr("The server now offers only %1, weaker than %2 this account used before. "
                                            "This can mean someone is tampering with your connection.")
                                             .arg(offered, pinned),
                                         u"downgradeExplanation"_s, warning);
    auto *warningLayout = new QVBoxLayout(warning);
    warningLayout->setContentsMargins(14, 12, 14, 12);
    warningLayout->addWidget(m_explanation);

    m_dontAskAgain = new QCheckBox(tr("The server's administrator changed this: don't ask again"), this);
    m_dontAskAgain->setObjectName(u"dontAskAgainCheck"_s);
    DialogLook::setQuiet(m_dontAskAgain);

    auto *signInOnce = new QPushButton(tr("Sign in this time"), this);
    signInOnce->setObjectName(u"signInOnceButton"_s);
    DialogLook::setRole(signInOnce, DialogLook::Button::Secondary);
    signInOnce->setAutoDefault(false);
    auto *refuse = new QPushButton(tr("Don't sign in"), this);
    refuse->setObjectName(u"refuseButton"_s);
    DialogLook::setRole(refuse, DialogLook::Button::Primary);
    refuse->setCursor(Qt::PointingHandCursor);
    // Enter must not accept what may be an attack: refusing is the default.
    refuse->setDefault(true);
    connect(refuse, &QPushButton::clicked, this, &QDialog::reject);
    connect(signInOnce, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addStretch(1);
    buttons->addWidget(signInOnce);
    buttons->addWidget(refuse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 18);
    layout->setSpacing(12);
    layout->addWidget(heading);
    layout->addWidget(warning);
    layout->addWidget(m_dontAskAgain);
    layout->addSpacing(4);
    layout->addLayout(buttons);
    refuse->setFocus();
}

DowngradeQuestion::Answer DowngradeQuestion::answer() const
{
    if (result() != QDialog::Accepted)
        return Answer::Refuse;
    return m_dontAskAgain->isChecked() ? Answer::LowerPin : Answer::SignInOnce;
}

QString DowngradeQuestion::explanation() const
{
    return m_explanation->text();
}
