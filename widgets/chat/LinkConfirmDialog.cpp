// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/LinkConfirmDialog.h"

#include "common/DialogLook.h"
#include "common/SafeText.h"
#include "common/SpoofWarning.h"
#include "stanza/JidSpoofCheck.h"

#include <QCheckBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextDocument>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// The rules of this dialog's own parts; DialogLook gives the shared ones.
const auto OwnRules = uR"(
QLabel#linkExplanation { color: #5f6b7a; font-size: 12px; }
QFrame#linkTargetBox { background: #f5f7fa; border: 1px solid #e4e8ee; border-radius: 8px; }
QLabel#linkDomain { color: #1f2329; font-size: 14px; font-weight: bold; background: transparent; }
QPlainTextEdit#linkTarget {
    background: transparent; border: none; color: #3d4552; font-size: 12px;
    selection-background-color: #bcd8ff; selection-color: #1f2329;
}
)"_s;

} // namespace

LinkConfirmDialog::LinkConfirmDialog(const QUrl &url, QWidget *parent)
    : QDialog(parent)
    , m_url(url)
    , m_domain(QString::fromLatin1(QUrl::toAce(url.host(QUrl::FullyDecoded))).toLower())
{
    setObjectName(u"linkConfirmDialog"_s);
    setWindowTitle(tr("Open link"));
    DialogLook::apply(this, OwnRules);
    setMinimumWidth(420);

    auto *heading = SafeText::plainLabel(tr("Open this link in your browser?"), u"linkHeading"_s, this);
    heading->setProperty("xinHeading", true);
    auto *explanation = SafeText::plainLabel(
        tr("A link may show one address and lead to another. This is where it goes:"), u"linkExplanation"_s, this);

    m_warning = new SpoofWarning(this);
    m_warning->setObjectName(u"linkSpoofWarning"_s);
    const JidSpoofCheck::Issues issues = JidSpoofCheck::checkText(m_domain);
    if (issues != JidSpoofCheck::Issue::None)
        m_warning->setText(tr("This domain mixes alphabets or uses letters that look like others; it may imitate "
                              "another site."));

    // Remembering a look-alike domain would make the imitation trusted for good: not offered.
    const QString shown = QUrl::fromAce(m_domain.toLatin1(), QUrl::IgnoreIDNWhitelist);
    m_always = new QCheckBox(tr("Always open links to %1 without asking").arg(shown), this);
    m_always->setObjectName(u"alwaysOpenCheck"_s);
    DialogLook::setQuiet(m_always);
    m_always->setVisible(issues == JidSpoofCheck::Issue::None && !m_domain.isEmpty());

    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(u"cancelLinkButton"_s);
    DialogLook::setRole(cancel, DialogLook::Button::Secondary);
    cancel->setAutoDefault(false);
    auto *open = new QPushButton(tr("Open link"), this);
    open->setObjectName(u"openLinkButton"_s);
    DialogLook::setRole(open, DialogLook::Button::Primary);
    open->setCursor(Qt::PointingHandCursor);
    // Enter must not open a link the user has not looked at: Cancel is the default.
    cancel->setDefault(true);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(open, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(cancel);
    buttons->addWidget(open);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 18);
    layout->setSpacing(10);
    layout->addWidget(heading);
    layout->addWidget(explanation);
    layout->addWidget(createTargetBox());
    layout->addWidget(m_warning);
    layout->addWidget(m_always);
    layout->addSpacing(4);
    layout->addLayout(buttons);
    cancel->setFocus();
}

QWidget *LinkConfirmDialog::createTargetBox()
{
    auto *box = new QFrame(this);
    box->setObjectName(u"linkTargetBox"_s);
    const QString unicode = QUrl::fromAce(m_domain.toLatin1(), QUrl::IgnoreIDNWhitelist);
    // The domain as a reader knows it, and its ASCII form when that differs (an IDN look-alike shows there).
    m_domainLabel = SafeText::plainLabel(unicode == m_domain || m_domain.isEmpty()
                                             ? unicode
                                             : u"%1  (%2)"_s.arg(unicode, m_domain),
                                         u"linkDomain"_s, box);
    m_domainLabel->setWordWrap(false);
    // The whole target exactly as it is handed to the browser, wrapped anywhere (a URL has no spaces) and
    // selectable; a plain-text edit, never rich text.
    m_target = new QPlainTextEdit(box);
    m_target->setObjectName(u"linkTarget"_s);
    m_target->setReadOnly(true);
    m_target->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_target->setWordWrapMode(QTextOption::WrapAnywhere);
    m_target->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_target->setPlainText(m_url.toString(QUrl::FullyEncoded));
    m_target->document()->setDocumentMargin(0);
    m_target->ensurePolished();   // the style sheet sets the font
    const int line = QFontMetrics(m_target->font()).lineSpacing();
    m_target->setFixedHeight(line * 3 + 6);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(4);
    layout->addWidget(m_domainLabel);
    layout->addWidget(m_target);
    return box;
}

bool LinkConfirmDialog::alwaysOpen() const
{
    return !m_always->isHidden() && m_always->isChecked();
}

QString LinkConfirmDialog::shownTarget() const
{
    return m_target->toPlainText();
}

QString LinkConfirmDialog::shownDomain() const
{
    return m_domainLabel->text();
}

bool LinkConfirmDialog::isWarningVisible() const
{
    return !m_warning->isHidden();
}
