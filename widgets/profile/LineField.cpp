// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "profile/LineField.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QUrl>

namespace {
constexpr int MaxFieldLength = 256;
}

LineField::LineField(const QString &objectName, const QString &placeholder, Getter get, Setter set, Check check,
                     QWidget *parent)
    : VCardField(parent)
    , m_edit(new QLineEdit(this))
    , m_get(std::move(get))
    , m_set(std::move(set))
    , m_check(std::move(check))
{
    setObjectName(objectName);
    m_edit->setObjectName(objectName + QStringLiteral("Edit"));
    m_edit->setPlaceholderText(placeholder);
    m_edit->setMaxLength(MaxFieldLength);
    m_edit->setClearButtonEnabled(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textEdited, this, &VCardField::edited);
}

void LineField::load(const VCard &card)
{
    m_edit->setText(m_get(card));
    m_edit->setCursorPosition(0);
}

void LineField::store(VCard &card) const
{
    m_set(card, m_edit->text().trimmed());
}

QString LineField::validationError() const
{
    const QString text = m_edit->text().trimmed();
    return text.isEmpty() || !m_check ? QString() : m_check(text);
}

QString LineField::checkEmail(const QString &text)
{
    // Deliberately loose (RFC 5321 allows much): one '@', something on both sides, a dot in the domain.
    static const QRegularExpression email(QStringLiteral(R"(^[^@\s]+@[^@\s]+\.[^@\s.]+$)"));
    return email.match(text).hasMatch() ? QString() : tr("This is not an e-mail address, e.g. name@example.com.");
}

QString LineField::checkPhone(const QString &text)
{
    // Digits with the usual separators, an optional leading '+', and an extension: +86 138-0013-8000 ext. 12
    static const QRegularExpression phone(QStringLiteral(R"(^\+?[0-9][0-9 ()./-]{2,30}(\s*(ext\.?|x)\s*[0-9]{1,6})?$)"),
                                          QRegularExpression::CaseInsensitiveOption);
    return phone.match(text).hasMatch() ? QString()
                                        : tr("A phone number has digits, spaces, -, ( ) and an optional leading +.");
}

QString LineField::checkUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const bool web = url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty();
    return web ? QString() : tr("A web address starts with http:// or https://.");
}
