// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "roster/AddFriendDialog.h"

#include "common/SpoofWarning.h"
#include "models/RemoteText.h"
#include "roster/SearchResultDelegate.h"
#include "stanza/JidSpoofCheck.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int MaxGreetingLength = 200;
constexpr int MaxSearchLength = 100;
}

AddFriendDialog::AddFriendDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(u"addFriendDialog"_s);
    setWindowTitle(tr("Add friend"));
    setMinimumSize(420, 480);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"addFriendTabs"_s);
    m_tabs->setDocumentMode(true);
    m_searchPage = createSearchPage();
    m_tabs->addTab(m_searchPage, tr("Find people"));
    m_tabs->addTab(createAccountPage(), tr("Add by account"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &AddFriendDialog::validate);

    m_group = new QComboBox(this);
    m_group->setObjectName(u"groupCombo"_s);
    m_greeting = new QLineEdit(this);
    m_greeting->setObjectName(u"greetingEdit"_s);
    m_greeting->setMaxLength(MaxGreetingLength);
    connect(m_greeting, &QLineEdit::textEdited, this, [this] { m_greetingEdited = true; });
    auto *request = new QFormLayout;
    request->setContentsMargins(4, 8, 4, 0);
    request->addRow(tr("Group:"), m_group);
    request->addRow(tr("Greeting:"), m_greeting);

    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send request"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(u"sendButton"_s);
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &AddFriendDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(request);
    layout->addWidget(buttons);

    setOwnAccount({}, {});
    validate();
}

QWidget *AddFriendDialog::createSearchPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"directorySearchPage"_s);

    m_searchEdit = new QLineEdit(page);
    m_searchEdit->setObjectName(u"searchEdit"_s);
    m_searchEdit->setPlaceholderText(tr("Nickname, name or e-mail"));
    m_searchEdit->setMaxLength(MaxSearchLength);
    m_searchEdit->setClearButtonEnabled(true);
    m_searchButton = new QPushButton(tr("Search"), page);
    m_searchButton->setObjectName(u"searchButton"_s);
    m_searchButton->setEnabled(false);
    // Enter in the box searches; it must not press the dialog's default button and send a request.
    m_searchButton->setAutoDefault(false);
    connect(m_searchEdit, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_searchButton->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &AddFriendDialog::startSearch);
    connect(m_searchButton, &QPushButton::clicked, this, &AddFriendDialog::startSearch);

    m_searchStatus = new QLabel(page);
    m_searchStatus->setObjectName(u"searchStatus"_s);
    m_searchStatus->setTextFormat(Qt::PlainText);   // errors quote remote text
    m_searchStatus->setWordWrap(true);
    setSearchStatus(tr("Find people on your server's directory by their nickname, name or e-mail."), false);

    m_results = new QListWidget(page);
    m_results->setObjectName(u"searchResults"_s);
    m_results->setItemDelegate(new SearchResultDelegate(m_results));
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setUniformItemSizes(true);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_results, &QListWidget::currentRowChanged, this, &AddFriendDialog::validate);
    connect(m_results, &QListWidget::itemDoubleClicked, this, [this] {
        validate();
        submit();
    });

    auto *row = new QHBoxLayout;
    row->addWidget(m_searchEdit, 1);
    row->addWidget(m_searchButton);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 10, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_searchStatus);
    layout->addWidget(m_results, 1);
    m_resultWarning = new SpoofWarning(page);
    m_resultWarning->setObjectName(u"resultSpoofWarning"_s);
    layout->addWidget(m_resultWarning);
    return page;
}

QWidget *AddFriendDialog::createAccountPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"accountPage"_s);

    m_jidEdit = new QLineEdit(page);
    m_jidEdit->setObjectName(u"jidEdit"_s);
    m_jidEdit->setPlaceholderText(tr("name@example.com"));
    m_jidEdit->setMaxLength(3071);

    m_error = new QLabel(page);
    m_error->setObjectName(u"jidError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #cf3a3f; font-size: 12px;"_s);

    auto *form = new QFormLayout(page);
    form->setContentsMargins(4, 10, 4, 4);
    form->addRow(tr("Account:"), m_jidEdit);
    form->addRow(QString(), m_error);
    m_jidWarning = new SpoofWarning(page);
    m_jidWarning->setObjectName(u"jidSpoofWarning"_s);
    form->addRow(QString(), m_jidWarning);

    connect(m_jidEdit, &QLineEdit::textChanged, this, &AddFriendDialog::validate);
    return page;
}

void AddFriendDialog::setGroups(const QStringList &groups, const QString &current)
{
    m_group->clear();
    for (const QString &group : groups)
        m_group->addItem(group, group);
    const int index = m_group->findData(current);
    m_group->setCurrentIndex(index >= 0 ? index : 0);
}

void AddFriendDialog::setOwnAccount(const Jid &jid, const QString &name)
{
    m_ownJid = jid.bare();
    if (!m_greetingEdited) {
        const QString who = name.isEmpty() ? jid.local() : name;
        m_greeting->setText(who.isEmpty() ? tr("Hi, I'd like to add you as a friend.") : tr("Hi, I'm %1").arg(who));
    }
    validate();
}

void AddFriendDialog::setContacts(const QSet<Jid> &contacts)
{
    m_contacts = contacts;
}

void AddFriendDialog::setJid(const QString &text)
{
    m_jidEdit->setText(text);
    m_tabs->setCurrentIndex(m_tabs->indexOf(m_jidEdit->parentWidget()));
}

void AddFriendDialog::startSearch()
{
    const QString text = m_searchEdit->text().trimmed();
    if (text.isEmpty())
        return;
    m_results->clear();
    m_searchButton->setEnabled(false);
    setSearchStatus(tr("Searching…"), false);
    validate();
    Q_EMIT directorySearchRequested(text);
}

void AddFriendDialog::setSearchResults(const QList<Person> &people)
{
    m_searchButton->setEnabled(!m_searchEdit->text().trimmed().isEmpty());
    m_results->clear();
    for (const Person &person : people) {
        const Jid jid = person.jid.bare();
        const QString title = !person.nickname.isEmpty() ? person.nickname
                            : !person.name.isEmpty()     ? person.name
                                                         : jid.local();
        // Each remote part is bidi-isolated (UAX #9 §2.7): an override in a name cannot reorder the address.
        QStringList details{RemoteText::isolate(jid.bareString())};
        if (!person.name.isEmpty() && person.name != title)
            details.prepend(RemoteText::isolate(person.name));
        if (!person.email.isEmpty())
            details << RemoteText::isolate(person.email);
        auto *item = new QListWidgetItem(title, m_results);
        item->setData(SearchResultDelegate::JidRole, jid.bareString());
        // A look-alike address gets a badge, and the sentence as the row's tool tip (our text only).
        const QString warning = SpoofWarning::text(JidSpoofCheck::check(jid));
        item->setData(SearchResultDelegate::WarningRole, warning);
        item->setToolTip(warning);
        item->setData(SearchResultDelegate::DetailRole, details.join(u"  ·  "_s));
        QString note;
        if (jid == m_ownJid)
            note = tr("You");
        else if (m_contacts.contains(jid))
            note = tr("Already a friend");
        item->setData(SearchResultDelegate::NoteRole, note);
        if (!note.isEmpty())
            item->setFlags(item->flags() & ~Qt::ItemIsSelectable);
    }
    setSearchStatus(people.isEmpty()
                        ? tr("No one found. Check the spelling, or add them by account.")
                        : tr("%n people found. Pick one to send a friend request.", nullptr, int(people.size())),
                    false);
    validate();
}

void AddFriendDialog::setSearchFailed(const QString &reason)
{
    m_searchButton->setEnabled(!m_searchEdit->text().trimmed().isEmpty());
    m_results->clear();
    setSearchStatus(reason, true);
    validate();
}

void AddFriendDialog::setSearchStatus(const QString &text, bool error)
{
    m_searchStatus->setText(text);
    m_searchStatus->setStyleSheet(error ? u"color: #cf3a3f; font-size: 12px;"_s
                                        : u"color: #8a94a6; font-size: 12px;"_s);
}

Jid AddFriendDialog::jid() const
{
    if (m_tabs->currentWidget() == m_searchPage) {
        const QListWidgetItem *item = m_results->currentItem();
        if (!item || !(item->flags() & Qt::ItemIsSelectable) || !item->isSelected())
            return {};
        return Jid::fromString(item->data(SearchResultDelegate::JidRole).toString());
    }
    return m_typedJid;
}

QString AddFriendDialog::group() const
{
    return m_group->currentData().toString();
}

QString AddFriendDialog::greeting() const
{
    return m_greeting->text().trimmed();
}

void AddFriendDialog::validate()
{
    const QString text = m_jidEdit->text().trimmed();
    m_typedJid = Jid();
    QString error;
    if (!text.isEmpty()) {
        QString reason;
        const auto parsed = Jid::parse(text, &reason);
        if (!parsed)
            error = tr("This is not a valid account: %1").arg(reason);
        else if (parsed->local().isEmpty())
            error = tr("Enter a full account such as name@example.com.");
        else if (parsed->bare() == m_ownJid)
            error = tr("You cannot add yourself.");
        else if (m_contacts.contains(parsed->bare()))
            error = tr("%1 is already your friend.").arg(parsed->bareString());
        else
            m_typedJid = parsed->bare();
    }
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_jidWarning->setJid(m_typedJid);
    const QListWidgetItem *picked = m_results->currentItem();
    m_resultWarning->setJid(picked && picked->isSelected()
                                ? Jid::fromString(picked->data(SearchResultDelegate::JidRole).toString())
                                : Jid());
    const bool ready = !jid().isNull();
    m_send->setEnabled(ready);
    m_send->setDefault(ready);
}

void AddFriendDialog::submit()
{
    const Jid chosen = jid();
    if (chosen.isNull())
        return;
    Q_EMIT friendRequestSubmitted(chosen, group(), greeting());
    accept();
}
