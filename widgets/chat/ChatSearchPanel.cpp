// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ChatSearchPanel.h"

#include "chat/ChatGlyphs.h"
#include "chat/ChatStyle.h"
#include "chat/ChatTime.h"
#include "common/Glyphs.h"
#include "roster/RowStyle.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum Role { RowIdRole = Qt::UserRole + 1, TimeRole, NameRole, QueryRole };

/// A hit: "name · time" over the body with the query marked, drawn as plain text.
class HitDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return {option.rect.width(), 54};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        using namespace RowStyle;
        painter->save();
        const QRect r = option.rect.adjusted(Margin, 7, -Margin, -7);
        if (option.state & (QStyle::State_Selected | QStyle::State_MouseOver))
            painter->fillRect(option.rect,
                              (option.state & QStyle::State_Selected) ? SelectedBackground : HoverBackground);
        const QFont small = pixelFont(option.font, 11);
        const QFont body = pixelFont(option.font, 13);
        const QFontMetrics smallMetrics(small);
        const QFontMetrics bodyMetrics(body);
        painter->setFont(small);
        painter->setPen(GreyText);
        const QString head = index.data(NameRole).toString() + u"  "_s + index.data(TimeRole).toString();
        painter->drawText(QRect(r.left(), r.top(), r.width(), smallMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics.elidedText(head, Qt::ElideRight, r.width()));

        // The body around the first match, the match in the accent colour.
        QString text = index.data(Qt::DisplayRole).toString();
        const QString query = index.data(QueryRole).toString();
        qsizetype at = query.isEmpty() ? -1 : text.indexOf(query, 0, Qt::CaseInsensitive);
        if (at > 12) {
            text = u"…"_s + text.mid(at - 8);
            at = 9;
        }
        const QRect line(r.left(), r.bottom() - bodyMetrics.height() + 1, r.width(), bodyMetrics.height());
        painter->setFont(body);
        int x = line.left();
        const auto draw = [&](const QString &part, const QColor &colour) {
            const int room = line.right() - x;
            if (room <= 0 || part.isEmpty())
                return;
            const QString shown = bodyMetrics.elidedText(part, Qt::ElideRight, room);
            painter->setPen(colour);
            painter->drawText(QRect(x, line.top(), room, line.height()), Qt::AlignLeft | Qt::AlignVCenter, shown);
            x += bodyMetrics.horizontalAdvance(shown);
        };
        if (at < 0) {
            draw(text, NameColour);
        } else {
            draw(text.left(at), NameColour);
            draw(text.mid(at, query.size()), ChatStyle::Accent);
            draw(text.mid(at + query.size()), NameColour);
        }
        painter->restore();
    }
};

}   // namespace

ChatSearchPanel::ChatSearchPanel(QWidget *parent)
    : QFrame(parent)
    , m_edit(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_results(new QListView(this))
    , m_model(new QStandardItemModel(this))
{
    setObjectName(u"chatSearchPanel"_s);
    m_edit->setObjectName(u"chatSearchEdit"_s);
    m_edit->setPlaceholderText(tr("Search this chat"));
    m_edit->setClearButtonEnabled(true);
    m_edit->addAction(Glyphs::search(QColor(0x8a, 0x94, 0xa6)), QLineEdit::LeadingPosition);
    m_summary->setObjectName(u"chatSearchSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_results->setObjectName(u"chatSearchResults"_s);
    m_results->setModel(m_model);
    m_results->setItemDelegate(new HitDelegate(m_results));
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->setMouseTracking(true);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *title = new QLabel(tr("Chat history"), this);
    title->setObjectName(u"chatSearchTitle"_s);
    title->setTextFormat(Qt::PlainText);
    auto *close = new QToolButton(this);
    close->setObjectName(u"chatSearchClose"_s);
    close->setIcon(ChatGlyphs::close(QColor(0x5f, 0x6b, 0x7a)));
    close->setIconSize(QSize(14, 14));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close"));
    connect(close, &QToolButton::clicked, this, &ChatSearchPanel::closeRequested);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(14, 0, 8, 0);
    top->addWidget(title, 1);
    top->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->setSpacing(8);
    layout->addLayout(top);
    auto *field = new QHBoxLayout;
    field->setContentsMargins(12, 0, 12, 0);
    field->addWidget(m_edit);
    layout->addLayout(field);
    auto *summary = new QHBoxLayout;
    summary->setContentsMargins(14, 0, 12, 0);
    summary->addWidget(m_summary);
    layout->addLayout(summary);
    layout->addWidget(m_results, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, [this] { Q_EMIT searchRequested(m_edit->text()); });
    connect(m_edit, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        Q_EMIT searchRequested(m_edit->text());
    });
    connect(m_results, &QListView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT resultActivated(index.data(RowIdRole).toLongLong()); });
    connect(m_results, &QListView::clicked, this,
            [this](const QModelIndex &index) { Q_EMIT resultActivated(index.data(RowIdRole).toLongLong()); });
}

QString ChatSearchPanel::query() const
{
    return m_edit->text();
}

void ChatSearchPanel::setResults(const QList<ChatMessage> &results, const QString &peerName, const QString &ownName)
{
    m_model->clear();
    const QString query = m_edit->text().trimmed();
    for (const ChatMessage &message : results) {
        auto *item = new QStandardItem(message.body.left(400).simplified());
        item->setData(message.rowId, RowIdRole);
        item->setData(ChatTime::separator(message.timestamp), TimeRole);
        item->setData(message.direction == ChatMessage::Direction::Outgoing ? ownName : peerName, NameRole);
        item->setData(query, QueryRole);
        item->setEditable(false);
        m_model->appendRow(item);
    }
    m_summary->setText(query.isEmpty() ? QString() : tr("%n message(s) found", nullptr, int(results.size())));
}

int ChatSearchPanel::resultCount() const
{
    return m_model->rowCount();
}

void ChatSearchPanel::clear()
{
    m_debounce.stop();
    m_edit->blockSignals(true);
    m_edit->clear();
    m_edit->blockSignals(false);
    m_model->clear();
    m_summary->clear();
}

void ChatSearchPanel::focusSearch()
{
    m_edit->setFocus();
    m_edit->selectAll();
}
