// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "login/ServerSettingsWidget.h"

#include "common/MessageLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>

using namespace Qt::StringLiterals;
using SecurityMode = ConnectionConfiguration::SecurityMode;

namespace {

QLabel *fieldLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text);
    label->setObjectName(u"fieldLabel"_s);
    label->setBuddy(buddy);
    return label;
}

}   // namespace

ServerSettingsWidget::ServerSettingsWidget(QWidget *parent)
    : QWidget(parent)
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_portError(new MessageLabel(this))
    , m_security(new QComboBox(this))
    , m_securityNote(new MessageLabel(this))
    , m_directTls(new QCheckBox(tr("Direct TLS (encrypted from the first byte)"), this))
    , m_caFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_caFileError(new MessageLabel(this))
{
    m_host->setObjectName(u"hostEdit"_s);
    m_host->setPlaceholderText(tr("Automatic"));
    m_host->setToolTip(tr("The server's host name or IP address, if it cannot be found from your address"));
    m_port->setObjectName(u"portEdit"_s);
    m_port->setPlaceholderText(tr("Auto"));
    m_port->setMaximumWidth(72);
    m_portError->setObjectName(u"portError"_s);

    m_security->setObjectName(u"securityCombo"_s);
    m_security->addItem(tr("Encryption required"), int(SecurityMode::Required));
    m_security->addItem(tr("Encrypt if the server can (this computer only)"), int(SecurityMode::IfPossible));
    m_security->addItem(tr("No encryption (this computer only)"), int(SecurityMode::Disabled));
    m_securityNote->setObjectName(u"securityNote"_s);

    m_directTls->setObjectName(u"directTlsCheck"_s);
    m_directTls->setToolTip(tr("XEP-0368: use TLS from the first byte instead of STARTTLS; usually port 5223"));

    m_caFile->setObjectName(u"caFileEdit"_s);
    m_caFile->setPlaceholderText(tr("System certificates only"));
    m_browse->setObjectName(u"caFileBrowseButton"_s);
    m_caFileError->setObjectName(u"caFileError"_s);

    auto *hostRow = new QHBoxLayout;
    hostRow->setSpacing(6);
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(u":"_s, this));
    hostRow->addWidget(m_port);
    auto *caRow = new QHBoxLayout;
    caRow->setSpacing(6);
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browse);

    setAttribute(Qt::WA_StyledBackground);   // the style sheet gives the section a panel of its own
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(12, 10, 12, 10);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(1, 1);
    grid->addWidget(fieldLabel(tr("Server"), m_host), 0, 0);
    grid->addLayout(hostRow, 0, 1);
    grid->addWidget(m_portError, 1, 1);
    grid->addWidget(fieldLabel(tr("Security"), m_security), 2, 0);
    grid->addWidget(m_security, 2, 1);
    grid->addWidget(m_securityNote, 3, 1);
    grid->addWidget(m_directTls, 4, 1);
    grid->addWidget(fieldLabel(tr("Extra CA"), m_caFile), 5, 0);
    grid->addLayout(caRow, 5, 1);
    grid->addWidget(m_caFileError, 6, 1);

    connect(m_host, &QLineEdit::textChanged, this, &ServerSettingsWidget::updateSecurityChoices);
    connect(m_host, &QLineEdit::textChanged, this, &ServerSettingsWidget::validate);
    connect(m_port, &QLineEdit::textChanged, this, &ServerSettingsWidget::validate);
    connect(m_security, &QComboBox::currentIndexChanged, this, &ServerSettingsWidget::validate);
    connect(m_directTls, &QCheckBox::toggled, this, &ServerSettingsWidget::validate);
    connect(m_caFile, &QLineEdit::textChanged, this, &ServerSettingsWidget::validate);
    connect(m_browse, &QPushButton::clicked, this, &ServerSettingsWidget::browseForCaFile);

    updateSecurityChoices();
    validate();
}

SecurityMode ServerSettingsWidget::currentMode() const
{
    return SecurityMode(m_security->currentData().toInt());
}

void ServerSettingsWidget::setDomain(const QString &domain)
{
    if (domain == m_domain)
        return;
    m_domain = domain;
    updateSecurityChoices();
}

bool ServerSettingsWidget::isLoopbackHost(const QString &host)
{
    // Exactly what XmppClient accepts for SecurityMode IfPossible and Disabled, so a choice offered here works.
    return ConnectionConfiguration::isLoopbackHost(host);
}

bool ServerSettingsWidget::isValid() const
{
    return port(nullptr).has_value() && (m_caFile->text().trimmed().isEmpty() || !caCertificates(nullptr).isEmpty());
}

void ServerSettingsWidget::apply(ConnectionConfiguration &configuration) const
{
    configuration.host = m_host->text().trimmed();
    configuration.port = port(nullptr).value_or(0);
    configuration.securityMode = currentMode();
    configuration.directTls = m_directTls->isEnabled() && m_directTls->isChecked();
    configuration.extraCaCertificates = caCertificates(nullptr);
}

void ServerSettingsWidget::load(const ConnectionConfiguration &configuration, const QString &caFile)
{
    m_host->setText(configuration.host);
    m_port->setText(configuration.port ? QString::number(configuration.port) : QString());
    updateSecurityChoices();
    const int index = m_security->findData(int(configuration.securityMode));
    if (index >= 0 && m_security->model()->flags(m_security->model()->index(index, 0)) & Qt::ItemIsEnabled)
        m_security->setCurrentIndex(index);
    m_directTls->setChecked(configuration.directTls);
    m_caFile->setText(caFile);
    validate();
}

QString ServerSettingsWidget::caFile() const
{
    return m_caFile->text().trimmed();
}

std::optional<quint16> ServerSettingsWidget::port(QString *error) const
{
    const QString text = m_port->text().trimmed();
    if (text.isEmpty())
        return quint16(0);
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value < 1 || value > 65535) {
        if (error)
            *error = tr("The port is a number from 1 to 65535; leave it empty for the usual one.");
        return std::nullopt;
    }
    return quint16(value);
}

QList<QSslCertificate> ServerSettingsWidget::caCertificates(QString *error) const
{
    const QString path = caFile();
    if (path.isEmpty())
        return {};
    if (!QFileInfo(path).isFile()) {
        if (error)
            *error = tr("There is no file at this path.");
        return {};
    }
    const auto certificates = QSslCertificate::fromPath(path, QSsl::Pem);
    if (certificates.isEmpty() && error)
        *error = tr("This file holds no PEM certificate.");
    return certificates;
}

void ServerSettingsWidget::updateSecurityChoices()
{
    const QString host = m_host->text().trimmed();
    const bool loopback = isLoopbackHost(host.isEmpty() ? m_domain : host);
    auto *model = qobject_cast<QStandardItemModel *>(m_security->model());
    // docs/SECURITY.md rule 1: optional or no encryption only on this computer; elsewhere an attacker who
    // strips STARTTLS would see the password exchange.
    for (const SecurityMode mode : {SecurityMode::IfPossible, SecurityMode::Disabled}) {
        const int index = m_security->findData(int(mode));
        if (!model || index < 0)
            continue;
        QStandardItem *item = model->item(index);
        item->setEnabled(loopback);
        item->setToolTip(loopback ? QString() : tr("Only for a server on this computer (localhost)"));
    }
    if (!loopback && currentMode() != SecurityMode::Required)
        m_security->setCurrentIndex(m_security->findData(int(SecurityMode::Required)));
}

void ServerSettingsWidget::validate()
{
    QString portError;
    port(&portError);
    m_portError->showMessage(portError);

    QString caError;
    caCertificates(&caError);
    m_caFileError->showMessage(caError);

    const auto mode = currentMode();
    m_directTls->setEnabled(mode != SecurityMode::Disabled);
    switch (mode) {
    case SecurityMode::Required:
        m_securityNote->clearMessage();
        break;
    case SecurityMode::IfPossible:
        m_securityNote->showMessage(tr("If the server offers no encryption at all, your password and messages "
                                       "travel unencrypted."),
                                    MessageLabel::Kind::Info);
        break;
    case SecurityMode::Disabled:
        m_securityNote->showMessage(tr("Nothing is encrypted; this is only allowed on this computer."),
                                    MessageLabel::Kind::Info);
        break;
    }
    Q_EMIT edited();
}

void ServerSettingsWidget::browseForCaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Extra trusted CA certificates"), caFile(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!path.isEmpty())
        m_caFile->setText(QDir::toNativeSeparators(path));
}
