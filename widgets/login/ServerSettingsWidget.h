// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/ConnectionConfiguration.h"

#include <QWidget>

#include <optional>

class MessageLabel;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;

/// The login dialog's "Advanced" part: host, port, security mode, Direct TLS and extra CA certificates.
///
/// Security mode Disabled can only be picked for a loopback host (127.0.0.0/8, ::1, localhost), matching
/// what XmppClient accepts: an unencrypted stream never leaves this computer.
class ServerSettingsWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ServerSettingsWidget(QWidget *parent = nullptr);

    /// The JID's domain: where we connect when the host field is empty, so it decides about loopback too.
    void setDomain(const QString &domain);

    bool isValid() const;
    /// Copies host, port, security mode, Direct TLS and the CA certificates into @p configuration.
    void apply(ConnectionConfiguration &configuration) const;
    /// Fills the fields from a saved configuration; @p caFile is the path the certificates came from.
    void load(const ConnectionConfiguration &configuration, const QString &caFile);
    QString caFile() const;

    static bool isLoopbackHost(const QString &host);

Q_SIGNALS:
    /// Any field changed; isValid() may have changed with it.
    void edited();

private:
    ConnectionConfiguration::SecurityMode currentMode() const;
    void updateSecurityChoices();
    void validate();
    void browseForCaFile();
    std::optional<quint16> port(QString *error) const;
    QList<QSslCertificate> caCertificates(QString *error) const;

    QLineEdit *m_host;
    QLineEdit *m_port;
    MessageLabel *m_portError;
    QComboBox *m_security;
    MessageLabel *m_securityNote;
    QCheckBox *m_directTls;
    QLineEdit *m_caFile;
    QPushButton *m_browse;
    MessageLabel *m_caFileError;
    QString m_domain;
};
