// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class SpoofWarning;

/// Asks before a link from a message is opened in the browser: the text of a link may differ from where it
/// goes ("pаypal.com" with a Cyrillic "а" is xn--pypal-4ve.com), so the dialog shows the whole target as
/// it will be opened, the domain, a warning for a look-alike domain (JidSpoofCheck), and offers to always
/// open links to this domain. A look-alike domain cannot be remembered.
class LinkConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LinkConfirmDialog(const QUrl &url, QWidget *parent = nullptr);

    QUrl url() const { return m_url; }
    /// The host as it is remembered: lower-case ASCII (IDNA "xn--" form).
    QString domain() const { return m_domain; }
    /// Whether the user asked to open links to this domain without asking from now on.
    bool alwaysOpen() const;

    /// What the dialog shows, for tests.
    QString shownTarget() const;
    QString shownDomain() const;
    bool isWarningVisible() const;

private:
    QWidget *createTargetBox();

    QUrl m_url;
    QString m_domain;
    QLabel *m_domainLabel = nullptr;
    QPlainTextEdit *m_target = nullptr;
    SpoofWarning *m_warning = nullptr;
    QCheckBox *m_always = nullptr;
};
