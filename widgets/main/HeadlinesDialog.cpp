// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "main/HeadlinesDialog.h"

#include "models/RemoteText.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

HeadlinesDialog::HeadlinesDialog(QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_empty(new QLabel(this))
{
    setWindowTitle(tr("Notices"));
    setObjectName(u"headlinesDialog"_s);
    resize(420, 480);
    m_list->setObjectName(u"headlinesList"_s);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setTextElideMode(Qt::ElideNone);
    m_empty->setText(tr("No notices yet. News and announcements that services send appear here."));
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(u"color: #8a8f99;"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty, 1);
    layout->addWidget(buttons);
    m_list->hide();
}

void HeadlinesDialog::setHeadlines(const QList<ChatMessage> &headlines)
{
    m_list->clear();
    for (auto it = headlines.crbegin(); it != headlines.crend(); ++it)
        addHeadline(*it);
}

void HeadlinesDialog::addHeadline(const ChatMessage &headline)
{
    // QListWidgetItem text is plain text: nothing remote is interpreted.
    const QString when = QLocale().toString(headline.timestamp.toLocalTime(), QLocale::ShortFormat);
    const QString from = headline.resource.isEmpty() ? headline.chat.toString()
                                                     : headline.chat.withResource(headline.resource).toString();
    // Each remote part is bidi-isolated (UAX #9 §2.7) so an override in the subject cannot reorder the sender.
    const QString sender = RemoteText::isolate(from);
    QString text = headline.subject.isEmpty() ? sender : RemoteText::isolate(headline.subject) + u"  ·  "_s + sender;
    text += u"  ·  "_s + when + u'\n' + RemoteText::isolate(headline.body);
    m_list->insertItem(0, new QListWidgetItem(text));
    m_list->show();
    m_empty->hide();
}

int HeadlinesDialog::count() const
{
    return m_list->count();
}

QString HeadlinesDialog::textAt(int row) const
{
    const QListWidgetItem *item = m_list->item(row);
    return item ? item->text() : QString();
}
