// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"
#include "stanza/Jid.h"

#include <QCache>
#include <QHash>
#include <QPixmap>
#include <QStyledItemDelegate>

#include <functional>

class MessageDocument;

/// Paints the rows of a MessageListModel as QQ does: our messages right in blue bubbles, theirs left in
/// white ones, each with a round avatar; a centred time row where a new group starts (more than five
/// minutes after the previous message); delivery marks and "edited" beside our bubbles, a red "!" and the
/// server's reason under a message that failed; /me actions as an italic line without a bubble; the
/// subject of a normal message in bold above its body.
///
/// Bodies are laid out by MessageDocument (XEP-0393 styling, no HTML); everything else is drawn with
/// QPainter::drawText, i.e. as plain text (docs/SECURITY.md rule 5).
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using AvatarSource = std::function<QImage(const QString &key)>;

    /// What one row looks like at a given width: rectangles in the row's coordinates (the row's top left is
    /// 0,0). Public for the view's hit testing and for tests.
    struct Layout
    {
        int height = 0;
        QString separator;       // the time row's text; empty when the row starts no group
        QRect separatorRect;
        QRect avatar;
        QRect bubble;            // empty for /me actions
        QRect text;              // where the document is drawn
        QRect meta;              // "edited" and the delivery mark
        QRect failed;            // the red "!" disc
        QRect error;             // the server's reason, under the bubble
        MessageDocument *document = nullptr;   // owned by the delegate's cache; valid until the next layout
    };

    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    /// The layout of @p index for a row of @p width, in @p font; with the laid-out document when
    /// @p withDocument (painting, hit testing), else from cached sizes where possible.
    Layout layout(const QModelIndex &index, int width, const QFont &font, bool withDocument = true) const;
    /// The link under @p point (row coordinates), or an empty string.
    QString linkAt(const QModelIndex &index, int width, const QFont &font, const QPoint &point) const;
    /// Whether @p point (row coordinates) is on the red mark of a message that failed (a click sends it again).
    bool isOnFailedMark(const QModelIndex &index, int width, const QFont &font, const QPoint &point) const;
    /// What the mark of our message in @p state means, for its tool tip and screen readers: "Sending…" until
    /// the server confirmed it (XEP-0198), "Sent", "Delivered" (XEP-0184), "Read" (XEP-0333), or "Not sent"
    /// with the server's @p error. Empty for messages we received.
    static QString stateText(ChatMessage::State state, const QString &error = {});

    void setAvatarSource(AvatarSource source);
    /// The other side of the chat, for the avatar and the name in its actions.
    void setPeer(const Jid &jid, const QString &name, const QString &avatarKey);
    void setOwn(const Jid &jid, const QString &name, const QString &avatarKey);
    /// Marks the message @p rowId (a search hit jumped to); 0 marks none.
    void setHighlightedRow(qint64 rowId) { m_highlighted = rowId; }
    qint64 highlightedRow() const { return m_highlighted; }
    /// Forget laid-out documents (e.g. after a font change).
    void clearCache();
    /// How many documents tried to load a resource: always 0 (MessageDocument loads none).
    int resourceRequests() const { return m_resourceRequests; }

private:
    struct Person
    {
        Jid jid;
        QString name;
        QString avatarKey;
    };
    QString documentKey(const QModelIndex &index, int maxTextWidth) const;
    MessageDocument *document(const QModelIndex &index, int maxTextWidth, const QFont &font, const QString &key) const;
    QPixmap avatar(const Person &person, qreal devicePixelRatio) const;
    void paintMeta(QPainter *painter, const Layout &layout, const QModelIndex &index, const QFont &font) const;

    mutable QCache<QString, MessageDocument> m_documents;
    mutable QHash<QString, QSize> m_sizes;   // laid-out document sizes, which outlive the documents
    mutable QHash<QString, QPixmap> m_avatars;
    mutable int m_resourceRequests = 0;
    AvatarSource m_avatarSource;
    Person m_peer;
    Person m_own;
    qint64 m_highlighted = 0;
};
