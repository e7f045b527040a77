// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QFont>
#include <QTextDocument>

class QPainter;

/// The laid-out text of one message: a QTextDocument filled through QTextCursor from the XEP-0393 runs of
/// MessageStyling, never from HTML. The remote body only ever becomes the text of fragments, so no tag,
/// entity or <img> in it can mean anything (docs/SECURITY.md rule 5). Links carry only the http, https and xmpp
/// URLs MessageStyling accepted.
///
/// Defence in depth: loadResource() loads nothing (a QTextDocument would otherwise read local files named by
/// an image), and counts the attempts so tests can prove there were none.
class MessageDocument : public QTextDocument
{
    Q_OBJECT

public:
    struct Colours
    {
        QColor text;
        QColor link;
        QColor codeBackground;
        QColor quoteBar;
    };
    /// A body longer than this is cut for display (a megabyte of text would stall the layout).
    static constexpr qsizetype MaxShownLength = 20000;

    explicit MessageDocument(QObject *parent = nullptr);

    /// Lays out @p subject (bold, its own line; may be empty) and @p body (styled when @p styled);
    /// @p italic for /me actions.
    void setMessage(const QString &subject, const QString &body, const QFont &font, const Colours &colours,
                    bool styled = true, bool italic = false);

    /// The link under @p point (document coordinates), or an empty string.
    QString linkAt(const QPointF &point) const;
    /// Every link of the document, in order.
    QStringList links() const;
    /// Draws the document with its quote bars and code backgrounds; the painter is at the document's origin.
    void paint(QPainter *painter) const;

    int resourceRequests() const { return m_resourceRequests; }
    /// Also counts resource requests into @p counter (not owned), which outlives evicted documents.
    void setRequestCounter(int *counter) { m_counter = counter; }

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    Colours m_colours;
    int m_resourceRequests = 0;
    int *m_counter = nullptr;
};
