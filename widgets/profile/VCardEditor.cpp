// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "profile/VCardEditor.h"

#include "profile/BirthdayField.h"
#include "profile/DescriptionField.h"
#include "profile/LineField.h"
#include "profile/PhotoPicker.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {

// Accessors for the list fields: the editor shows the first entry and keeps the others.
QString firstEmail(const VCard &card)
{
    return card.emails.isEmpty() ? QString() : card.emails.first().address;
}
void setFirstEmail(VCard &card, const QString &address)
{
    if (address.isEmpty()) {
        if (!card.emails.isEmpty())
            card.emails.removeFirst();
        return;
    }
    if (card.emails.isEmpty())
        card.emails.append({address, false, false, true, false});
    else
        card.emails.first().address = address;
}
QString firstPhone(const VCard &card)
{
    return card.phones.isEmpty() ? QString() : card.phones.first().number;
}
void setFirstPhone(VCard &card, const QString &number)
{
    if (number.isEmpty()) {
        if (!card.phones.isEmpty())
            card.phones.removeFirst();
        return;
    }
    if (card.phones.isEmpty())
        card.phones.append({number, {QStringLiteral("CELL"), QStringLiteral("VOICE")}});
    else
        card.phones.first().number = number;
}
VCard::Address &firstAddress(VCard &card)
{
    if (card.addresses.isEmpty())
        card.addresses.append(VCard::Address{});
    return card.addresses.first();
}
QString addressPart(const VCard &card, QString VCard::Address::*part)
{
    return card.addresses.isEmpty() ? QString() : card.addresses.first().*part;
}
void setAddressPart(VCard &card, QString VCard::Address::*part, const QString &value)
{
    if (card.addresses.isEmpty() && value.isEmpty())
        return;
    firstAddress(card).*part = value;
    if (card.addresses.first().isEmpty())
        card.addresses.removeFirst();
}

// One label width for every section, so the fields of all sections line up.
QLabel *formLabel(const QString &text)
{
    auto *label = new QLabel(text);
    label->setMinimumWidth(118);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return label;
}

}   // namespace

VCardEditor::VCardEditor(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("vCardEditor"));
    setWindowTitle(tr("Edit my profile"));
    resize(620, 600);

    m_photo = new PhotoPicker(this);
    m_fields << m_photo;
    auto *left = new QVBoxLayout;
    left->setContentsMargins(8, 16, 8, 8);
    left->addWidget(m_photo);
    left->addStretch();

    m_form = new QWidget;
    m_form->setObjectName(QStringLiteral("vCardForm"));
    auto *sections = new QVBoxLayout(m_form);
    sections->setContentsMargins(4, 4, 12, 4);
    sections->setSpacing(14);

    addBasicSection(sections);
    addContactSection(sections);
    addWorkSection(sections);
    addAddressSection(sections);
    addAboutSection(sections);
    sections->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("vCardScroll"));
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *body = new QHBoxLayout;
    body->addLayout(left);
    body->addWidget(scroll, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addLayout(createButtonRow());

    for (VCardField *field : std::as_const(m_fields))
        connect(field, &VCardField::edited, this, [this] { showStatus(QString(), false); });
    connect(m_nickname->lineEdit(), &QLineEdit::textChanged, this, [this](const QString &nick) {
        m_photo->setPlaceholder(nick.isEmpty() ? m_jid.local() : nick, m_jid.bareString());
    });
}

void VCardEditor::addBasicSection(QVBoxLayout *sections)
{
    QFormLayout *form = nullptr;
    sections->addWidget(section(tr("Basic"), &form));
    m_nickname = addLine(form, tr("Nickname:"), QStringLiteral("nickname"), tr("What friends see"),
                         [](const VCard &c) { return c.nickname; }, [](VCard &c, const QString &v) { c.nickname = v; });
    addLine(form, tr("Full name:"), QStringLiteral("fullName"), QString(), [](const VCard &c) { return c.fullName; },
            [](VCard &c, const QString &v) { c.fullName = v; });
    addLine(form, tr("Family name:"), QStringLiteral("familyName"), QString(),
            [](const VCard &c) { return c.name.family; }, [](VCard &c, const QString &v) { c.name.family = v; });
    addLine(form, tr("Given name:"), QStringLiteral("givenName"), QString(),
            [](const VCard &c) { return c.name.given; }, [](VCard &c, const QString &v) { c.name.given = v; });
    auto *birthday = new BirthdayField;
    m_fields << birthday;
    form->addRow(formLabel(tr("Birthday:")), birthday);
}

void VCardEditor::addContactSection(QVBoxLayout *sections)
{
    QFormLayout *form = nullptr;
    sections->addWidget(section(tr("Contact"), &form));
    addLine(form, tr("E-mail:"), QStringLiteral("email"), tr("name@example.com"), firstEmail, setFirstEmail,
            LineField::checkEmail);
    addLine(form, tr("Phone:"), QStringLiteral("phone"), tr("+86 138 0013 8000"), firstPhone, setFirstPhone,
            LineField::checkPhone);
    addLine(form, tr("Website:"), QStringLiteral("url"), tr("https://"), [](const VCard &c) { return c.url; },
            [](VCard &c, const QString &v) { c.url = v; }, LineField::checkUrl);
}

void VCardEditor::addWorkSection(QVBoxLayout *sections)
{
    QFormLayout *form = nullptr;
    sections->addWidget(section(tr("Work"), &form));
    addLine(form, tr("Company:"), QStringLiteral("organization"), QString(), [](const VCard &c) {
        return c.organization.name;
    }, [](VCard &c, const QString &v) { c.organization.name = v; });
    addLine(form, tr("Department:"), QStringLiteral("department"), QString(),
            [](const VCard &c) { return c.organization.units.value(0); }, [](VCard &c, const QString &v) {
        if (!c.organization.units.isEmpty())
            c.organization.units.removeFirst();
        if (!v.isEmpty())
            c.organization.units.prepend(v);
    });
    addLine(form, tr("Title:"), QStringLiteral("title"), QString(), [](const VCard &c) { return c.title; },
            [](VCard &c, const QString &v) { c.title = v; });
}

void VCardEditor::addAddressSection(QVBoxLayout *sections)
{
    QFormLayout *form = nullptr;
    sections->addWidget(section(tr("Address"), &form));
    using A = VCard::Address;
    const struct
    {
        QString label, name;
        QString A::*part;
    } parts[] = {
        {tr("Country:"), QStringLiteral("country"), &A::country},
        {tr("Province / state:"), QStringLiteral("region"), &A::region},
        {tr("City:"), QStringLiteral("locality"), &A::locality},
        {tr("Street:"), QStringLiteral("street"), &A::street},
        {tr("Postal code:"), QStringLiteral("postalCode"), &A::postalCode},
    };
    for (const auto &p : parts) {
        addLine(form, p.label, p.name, QString(), [part = p.part](const VCard &c) { return addressPart(c, part); },
                [part = p.part](VCard &c, const QString &v) { setAddressPart(c, part, v); });
    }
}

void VCardEditor::addAboutSection(QVBoxLayout *sections)
{
    QFormLayout *form = nullptr;
    sections->addWidget(section(tr("About me"), &form));
    auto *description = new DescriptionField;
    m_fields << description;
    form->addRow(description);
}

/// The status line, the busy indicator and the Save and Cancel buttons.
QLayout *VCardEditor::createButtonRow()
{
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("vCardStatus"));
    m_status->setTextFormat(Qt::PlainText);   // server error texts are remote
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("vCardProgress"));
    m_progress->setRange(0, 0);   // busy: a vCard set has no measurable progress
    m_progress->setFixedWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();

    m_buttons = new QDialogButtonBox(this);
    m_save = m_buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);
    m_buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &VCardEditor::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(m_progress);
    row->addWidget(m_status, 1);
    row->addWidget(m_buttons);
    return row;
}

QWidget *VCardEditor::section(const QString &title, QFormLayout **form)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto *heading = new QLabel(title, box);
    heading->setStyleSheet(QStringLiteral("font-weight: 600; color: #3d4552; border-bottom: 1px solid #e6e9ef;"
                                          " padding-bottom: 3px;"));
    layout->addWidget(heading);
    *form = new QFormLayout;
    (*form)->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    (*form)->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(*form);
    return box;
}

LineField *VCardEditor::addLine(QFormLayout *form, const QString &label, const QString &name,
                                const QString &placeholder, std::function<QString(const VCard &)> get,
                                std::function<void(VCard &, const QString &)> set,
                                std::function<QString(const QString &)> check)
{
    auto *field = new LineField(name, placeholder, std::move(get), std::move(set), std::move(check));
    m_fields << field;
    form->addRow(formLabel(label), field);
    return field;
}

void VCardEditor::setOwnJid(const Jid &jid)
{
    m_jid = jid.bare();
    setWindowTitle(tr("Edit my profile — %1").arg(m_jid.bareString()));
    const QString nick = m_nickname->lineEdit()->text();
    m_photo->setPlaceholder(nick.isEmpty() ? m_jid.local() : nick, m_jid.bareString());
}

void VCardEditor::setVCard(const VCard &card)
{
    m_loaded = card;
    for (VCardField *field : std::as_const(m_fields))
        field->load(card);
    showStatus(QString(), false);
}

VCard VCardEditor::vCard() const
{
    VCard card = m_loaded;
    for (VCardField *field : m_fields)
        field->store(card);
    return card;
}

QString VCardEditor::validationError() const
{
    for (VCardField *field : m_fields) {
        const QString error = field->validationError();
        if (!error.isEmpty())
            return error;
    }
    return {};
}

void VCardEditor::setLoading(bool loading)
{
    setBusy(loading, loading ? tr("Loading your profile…") : QString());
}

void VCardEditor::save()
{
    for (VCardField *field : std::as_const(m_fields)) {
        const QString error = field->validationError();
        if (!error.isEmpty()) {
            field->setFocus();
            showStatus(error, true);
            return;
        }
    }
    setBusy(true, tr("Saving…"));
    Q_EMIT saveRequested(vCard());
}

void VCardEditor::saveSucceeded()
{
    m_loaded = vCard();
    setBusy(false, QString());
    showStatus(tr("Saved."), false);
    accept();
}

void VCardEditor::saveFailed(const QString &reason)
{
    setBusy(false, QString());
    showStatus(tr("Your profile was not saved: %1").arg(reason), true);
}

void VCardEditor::setBusy(bool busy, const QString &text)
{
    m_progress->setVisible(busy);
    m_form->setEnabled(!busy);
    m_photo->setEnabled(!busy);
    m_save->setEnabled(!busy);
    showStatus(text, false);
}

void VCardEditor::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #cf3a3f;") : QStringLiteral("color: #5f6b7a;"));
}
