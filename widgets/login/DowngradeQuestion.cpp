#include "login/DowngradeQuestion.h"

#include "common/SafeText.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Self-contained colours, like the sign-in window: the question reads the same whatever the system palette.
const auto Style = uR"(
QDialog#downgradeQuestion { background: #ffffff; }
QLabel#downgradeHeading { color: #1f2329; font-size: 16px; font-weight: bold; }
QLabel#downgradeExplanation { color: #3d4552; font-size: 13px; background: transparent; }
QFrame#downgradeWarning { background: #fff7e6; border: 1px solid #ffd591; border-radius: 8px; }
QCheckBox#dontAskAgainCheck { color: #5f6b7a; font-size: 12px; spacing: 6px; }
QCheckBox#dontAskAgainCheck::indicator {
    width: 12px; height: 12px; border: 1px solid #c3cad5; border-radius: 3px; background: #ffffff;
}
QCheckBox#dontAskAgainCheck::indicator:hover { border-color: #1677ff; }
QCheckBox#dontAskAgainCheck::indicator:checked { border: 3px solid #ffffff; outline: none; background: #1677ff; }
QPushButton#refuseButton, QPushButton#signInOnceButton {
    min-height: 30px; min-width: 84px; padding: 0 16px; border-radius: 6px; font-size: 13px;
}
QPushButton#refuseButton { background: #1677ff; color: #ffffff; border: none; }
QPushButton#refuseButton:hover { background: #3386ff; }
QPushButton#refuseButton:pressed { background: #0f5fd6; }
QPushButton#signInOnceButton { background: #ffffff; color: #1f2329; border: 1px solid #d5dae2; }
QPushButton#signInOnceButton:hover { border-color: #d46b08; color: #d46b08; }
)"_s;

} // namespace

DowngradeQuestion::DowngradeQuestion(const QString &offered, const QString &pinned, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"downgradeQuestion"_s);
    setWindowTitle(tr("Xin: sign-in method"));
    setStyleSheet(Style);
    // The check box draws with the palette: pin the light one the style sheet is made for.
    setPalette(SafeText::lightDialogPalette(palette()));
    setMinimumWidth(440);

    auto *heading = SafeText::plainLabel(tr("Sign in with a weaker method?"), u"downgradeHeading"_s, this);
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

    auto *signInOnce = new QPushButton(tr("Sign in this time"), this);
    signInOnce->setObjectName(u"signInOnceButton"_s);
    signInOnce->setAutoDefault(false);
    auto *refuse = new QPushButton(tr("Don't sign in"), this);
    refuse->setObjectName(u"refuseButton"_s);
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
