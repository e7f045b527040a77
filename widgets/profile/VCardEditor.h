// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"
#include "stanza/VCard.h"

#include <QDialog>
#include <QList>

class LineField;
class PhotoPicker;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLayout;
class QProgressBar;
class QPushButton;
class VCardField;
class QVBoxLayout;

/// Editing one's own profile (vcard-temp, XEP-0054), QQ style: the photo on the left, the fields in
/// sections on the right, each a small VCardField. It never talks to the network: Save validates every
/// field and emits saveRequested(); the app publishes and answers with saveSucceeded() or saveFailed().
/// Parts of the vCard the editor does not show (a second e-mail, unknown elements) are kept as they were.
class VCardEditor : public QDialog
{
    Q_OBJECT
public:
    explicit VCardEditor(QWidget *parent = nullptr);

    /// Our own account: the placeholder avatar's colour, and the title.
    void setOwnJid(const Jid &jid);
    /// Shows @p card in every field (the one fetched from the server, or an empty one).
    void setVCard(const VCard &card);
    /// The vCard as edited: the loaded one with every field's input written over it.
    VCard vCard() const;

    /// While the own vCard is being fetched: fields disabled, a busy indicator.
    void setLoading(bool loading);
    /// The first field error, or empty; shown by save().
    QString validationError() const;

public Q_SLOTS:
    void save();
    void saveSucceeded();
    /// @p reason is a sentence, e.g. from ClientErrors::describeRequestFailure().
    void saveFailed(const QString &reason);

Q_SIGNALS:
    void saveRequested(const VCard &card);

private:
    LineField *addLine(QFormLayout *form, const QString &label, const QString &name, const QString &placeholder,
                       std::function<QString(const VCard &)> get, std::function<void(VCard &, const QString &)> set,
                       std::function<QString(const QString &)> check = {});
    QWidget *section(const QString &title, QFormLayout **form);
    // The form's sections, in order, each appended to @p sections.
    void addBasicSection(QVBoxLayout *sections);
    void addContactSection(QVBoxLayout *sections);
    void addWorkSection(QVBoxLayout *sections);
    void addAddressSection(QVBoxLayout *sections);
    void addAboutSection(QVBoxLayout *sections);
    QLayout *createButtonRow();
    void setBusy(bool busy, const QString &text);
    void showStatus(const QString &text, bool error);

    Jid m_jid;
    VCard m_loaded;
    QList<VCardField *> m_fields;
    PhotoPicker *m_photo = nullptr;
    LineField *m_nickname = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
    QWidget *m_form = nullptr;
};
