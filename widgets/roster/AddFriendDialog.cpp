#include "roster/AddFriendDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int MaxGreetingLength = 200;
}

AddFriendDialog::AddFriendDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"addFriendDialog"_s);
    setWindowTitle(tr("Add friend"));
    setMinimumWidth(380);

    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(u"addFriendTabs"_s);
    tabs->addTab(createAccountPage(), tr("Add by account"));
    auto *search = new QWidget(tabs);
    search->setObjectName(u"directorySearchPage"_s);
    const int searchTab = tabs->addTab(search, tr("Search the directory"));
    tabs->setTabEnabled(searchTab, false);
    tabs->setTabToolTip(searchTab, tr("Not available yet"));

    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send request"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(u"sendButton"_s);
    m_send->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &AddFriendDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);

    setOwnAccount({}, {});
    validate();
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

    m_group = new QComboBox(page);
    m_group->setObjectName(u"groupCombo"_s);

    m_greeting = new QLineEdit(page);
    m_greeting->setObjectName(u"greetingEdit"_s);
    m_greeting->setMaxLength(MaxGreetingLength);

    auto *form = new QFormLayout(page);
    form->addRow(tr("Account:"), m_jidEdit);
    form->addRow(QString(), m_error);
    form->addRow(tr("Group:"), m_group);
    form->addRow(tr("Greeting:"), m_greeting);

    connect(m_jidEdit, &QLineEdit::textChanged, this, &AddFriendDialog::validate);
    connect(m_greeting, &QLineEdit::textEdited, this, [this] { m_greetingEdited = true; });
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
    if (m_greetingEdited)
        return;
    const QString who = name.isEmpty() ? jid.local() : name;
    m_greeting->setText(who.isEmpty() ? tr("Hi, I'd like to add you as a friend.") : tr("Hi, I'm %1").arg(who));
    validate();
}

void AddFriendDialog::setJid(const QString &text)
{
    m_jidEdit->setText(text);
}

Jid AddFriendDialog::jid() const
{
    return m_jid;
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
    m_jid = Jid();
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
        else
            m_jid = parsed->bare();
    }
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_send->setEnabled(!m_jid.isNull());
}

void AddFriendDialog::submit()
{
    if (m_jid.isNull())
        return;
    Q_EMIT friendRequestSubmitted(m_jid, group(), greeting());
    accept();
}
