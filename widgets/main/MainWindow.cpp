// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "main/MainWindow.h"

#include "common/ElidedLabel.h"
#include "common/Glyphs.h"
#include "main/ConnectionBanner.h"
#include "main/ProfileHeader.h"
#include "roster/RosterGlyphs.h"

#include <QAbstractItemView>
#include <QActionGroup>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QLabel *plainLabel(const QString &text, const QString &objectName)
{
    auto *label = new QLabel(text);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    return label;
}

}   // namespace

MainWindow::MainWindow(QWidget *parent) : QWidget(parent, Qt::Window)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Xin"));
    setMinimumSize(260, 480);
    resize(300, 640);

    m_banner = new ConnectionBanner(this);
    m_contactArea = new QStackedWidget(this);
    m_contactArea->setObjectName(u"contactArea"_s);
    m_placeholder = createPlaceholder();
    m_contactArea->addWidget(m_placeholder);
    setConnectionState(XmppClient::State::Disconnected);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createHeaderArea());
    layout->addWidget(m_banner);
    layout->addWidget(m_contactArea, 1);
    layout->addWidget(createFooter());

    connect(m_header, &ProfileHeader::avatarClicked, this, &MainWindow::editProfileRequested);
    connect(m_header, &ProfileHeader::statusSelected, this,
            [this](StatusChoice status) { Q_EMIT presenceChangeRequested(status, m_header->statusMessage()); });
    connect(m_header, &ProfileHeader::statusMessageEdited, this,
            [this](const QString &message) { Q_EMIT presenceChangeRequested(m_header->status(), message); });
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::searchTextChanged);
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::updateContactArea);
    connect(m_banner, &ConnectionBanner::reconnectRequested, this, &MainWindow::reconnectRequested);
}

QWidget *MainWindow::createHeaderArea()
{
    auto *area = new QFrame(this);
    area->setObjectName(u"headerArea"_s);
    m_header = new ProfileHeader(area);

    m_search = new QLineEdit(area);
    m_search->setObjectName(u"searchEdit"_s);
    m_search->setPlaceholderText(tr("Search contacts"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Glyphs::search(QColor(0x8a, 0x94, 0xa6)), QLineEdit::LeadingPosition);

    auto *layout = new QVBoxLayout(area);
    layout->setContentsMargins(14, 18, 14, 12);
    layout->setSpacing(14);
    layout->addWidget(m_header);
    layout->addWidget(m_search);
    return area;
}

QWidget *MainWindow::createPlaceholder()
{
    auto *page = new QFrame(this);
    page->setObjectName(u"contactsPlaceholder"_s);

    auto *icon = new QLabel(page);
    icon->setObjectName(u"placeholderIcon"_s);
    icon->setFixedSize(72, 72);
    icon->setAlignment(Qt::AlignCenter);
    icon->setPixmap(Glyphs::contacts(QColor(0x12, 0x9b, 0xf0)).pixmap(QSize(36, 36), devicePixelRatioF()));

    auto *title = plainLabel(tr("No contacts yet"), u"placeholderTitle"_s);
    title->setAlignment(Qt::AlignCenter);
    m_placeholderText = plainLabel(QString(), u"placeholderText"_s);
    m_placeholderText->setAlignment(Qt::AlignCenter);
    m_placeholderText->setWordWrap(true);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(8);
    layout->addStretch(2);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addSpacing(6);
    layout->addWidget(title);
    layout->addWidget(m_placeholderText);
    layout->addStretch(3);
    return page;
}

QWidget *MainWindow::createFooter()
{
    auto *footer = new QFrame(this);
    footer->setObjectName(u"footerBar"_s);

    m_menuButton = new QToolButton(footer);
    m_menuButton->setObjectName(u"mainMenuButton"_s);
    m_menuButton->setIcon(Glyphs::menu(QColor(0x5f, 0x6b, 0x7a)));
    m_menuButton->setIconSize(QSize(22, 22));
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setToolTip(tr("Main menu"));
    m_menuButton->setCursor(Qt::PointingHandCursor);

    m_menuButton->setMenu(createMainMenu(m_menuButton));

    m_account = new ElidedLabel(footer);
    m_account->setObjectName(u"accountLabel"_s);

    const QColor iconColour(0x5f, 0x6b, 0x7a);
    auto *addFriend = createFooterButton(RosterGlyphs::addFriend(iconColour), tr("Add friend"), u"addFriendButton"_s);
    connect(addFriend, &QToolButton::clicked, this, &MainWindow::addFriendRequested);
    auto *requests = createFooterButton(RosterGlyphs::requests(iconColour), tr("Friend requests"),
                                        u"friendRequestsButton"_s);
    connect(requests, &QToolButton::clicked, this, &MainWindow::friendRequestsRequested);

    m_requestsBadge = new QLabel(requests);
    m_requestsBadge->setObjectName(u"friendRequestsBadge"_s);
    m_requestsBadge->setTextFormat(Qt::PlainText);
    m_requestsBadge->setAlignment(Qt::AlignCenter);
    m_requestsBadge->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_requestsBadge->setStyleSheet(u"background: #f54a45; color: white; border-radius: 7px; font-size: 10px;"
                                   " font-weight: bold; padding: 0 3px;"_s);
    m_requestsBadge->hide();

    auto *layout = new QHBoxLayout(footer);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(4);
    layout->addWidget(m_menuButton);
    layout->addWidget(m_account, 1);
    layout->addWidget(requests);
    layout->addWidget(addFriend);
    return footer;
}

QMenu *MainWindow::createMainMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(u"mainMenu"_s);
    auto *editProfile = menu->addAction(tr("Edit my profile…"), this, &MainWindow::editProfileRequested);
    editProfile->setObjectName(u"editProfileAction"_s);
    menu->addAction(tr("Chats"), this, &MainWindow::chatsRequested)->setObjectName(u"chatsAction"_s);
    menu->addAction(tr("Notices…"), this, &MainWindow::headlinesRequested)->setObjectName(u"headlinesAction"_s);
    menu->addSeparator();
    m_hideOffline = menu->addAction(tr("Hide offline contacts"));
    m_hideOffline->setObjectName(u"hideOfflineAction"_s);
    m_hideOffline->setCheckable(true);
    connect(m_hideOffline, &QAction::toggled, this, &MainWindow::hideOfflineChanged);

    auto *idle = menu->addMenu(tr("When I'm idle"));
    idle->setObjectName(u"idleMenu"_s);
    m_awayAfter = addIdleChoices(idle, tr("Show me as away"), u"awayAfter"_s);
    m_xaAfter = addIdleChoices(idle, tr("Show me as extended away"), u"xaAfter"_s);
    setAutoAway(5, 15);
    menu->addSeparator();
    auto *signOut = menu->addAction(tr("Sign out"), this, &MainWindow::signOutRequested);
    signOut->setObjectName(u"signOutAction"_s);
    menu->addSeparator();
    auto *quit = menu->addAction(tr("Quit Xin"), this, &MainWindow::quitRequested);
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence::Quit);
    addAction(quit);   // the shortcut works while the menu is closed
    return menu;
}

/// A section of the idle menu: one exclusive choice per delay, @p name + minutes as each one's object name.
QActionGroup *MainWindow::addIdleChoices(QMenu *idle, const QString &section, const QString &name)
{
    idle->addSection(section);
    auto *group = new QActionGroup(idle);
    group->setExclusive(true);
    for (const int minutes : autoAwayChoices()) {
        auto *action = idle->addAction(minutes == 0 ? tr("Never") : tr("After %n min", nullptr, minutes));
        action->setObjectName(name + QString::number(minutes));
        action->setCheckable(true);
        action->setData(minutes);
        group->addAction(action);
    }
    connect(group, &QActionGroup::triggered, this, [this] {
        Q_EMIT autoAwayChanged(m_awayAfter->checkedAction()->data().toInt(),
                               m_xaAfter->checkedAction()->data().toInt());
    });
    return group;
}

QToolButton *MainWindow::createFooterButton(const QIcon &icon, const QString &toolTip, const QString &objectName)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setIcon(icon);
    button->setIconSize(QSize(22, 22));
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

void MainWindow::setFriendRequestCount(int count)
{
    m_requestsBadge->setText(count > 99 ? u"99+"_s : QString::number(count));
    m_requestsBadge->setVisible(count > 0);
    m_requestsBadge->adjustSize();
    const int width = qMax(14, m_requestsBadge->sizeHint().width());
    m_requestsBadge->setGeometry(m_requestsBadge->parentWidget()->sizeHint().width() - width + 2, 1, width, 14);
}

void MainWindow::setOwnJid(const Jid &jid)
{
    m_header->setColourKey(jid.bareString());
    m_account->setText(jid.bareString());
}

void MainWindow::setDisplayName(const QString &name)
{
    m_header->setDisplayName(name);
}

QString MainWindow::displayName() const
{
    return m_header->displayName();
}

StatusChoice MainWindow::status() const
{
    return m_header->status();
}

void MainWindow::setStatus(StatusChoice status)
{
    m_header->setStatus(status);
}

QString MainWindow::statusMessage() const
{
    return m_header->statusMessage();
}

void MainWindow::setStatusMessage(const QString &message)
{
    m_header->setStatusMessage(message);
}

void MainWindow::setConnectionState(XmppClient::State state)
{
    m_banner->setState(state);
    m_placeholderText->setText(state == XmppClient::State::Connected
                                   ? tr("Contacts you add will appear here.")
                                   : tr("Your contacts will appear here once you are signed in."));
}

void MainWindow::showError(const QString &sentence)
{
    m_banner->showError(sentence);
}

QString MainWindow::connectionText() const
{
    return m_banner->text();
}

void MainWindow::setContactView(QAbstractItemView *view, QAbstractItemModel *model)
{
    m_contactView = view;
    // The view joins the window (and its style) before it gets the model: reparenting a populated tree
    // view makes it measure every row again, thousands of them with a big roster.
    m_contactArea->addWidget(view);
    if (model)
        view->setModel(model);
    if ((model = view->model())) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateContactArea);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateContactArea);
        connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::updateContactArea);
        connect(model, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateContactArea);
    }
    updateContactArea();
}

void MainWindow::updateContactArea()
{
    // While searching, an empty list means "no match", not "no contacts".
    const bool empty = !m_contactView || !m_contactView->model()
                    || (m_contactView->model()->rowCount() == 0 && m_search->text().isEmpty());
    m_contactArea->setCurrentWidget(empty ? m_placeholder : static_cast<QWidget *>(m_contactView));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeHides) {
        hide();
        event->ignore();
        return;
    }
    event->accept();
    Q_EMIT quitRequested();
}

void MainWindow::setHideOffline(bool hide)
{
    const QSignalBlocker blocker(m_hideOffline);
    m_hideOffline->setChecked(hide);
}

void MainWindow::setAutoAway(int awayMinutes, int extendedAwayMinutes)
{
    const auto check = [](QActionGroup *group, int minutes) {
        const QList<QAction *> actions = group->actions();
        // A value the menu does not offer (edited by hand) shows as the nearest choice above it.
        for (QAction *action : actions) {
            if (action->data().toInt() >= minutes || action == actions.last()) {
                action->setChecked(true);
                return;
            }
        }
    };
    check(m_awayAfter, awayMinutes);
    check(m_xaAfter, extendedAwayMinutes);
}

void MainWindow::setOwnAvatar(const QImage &image)
{
    m_header->setAvatar(image);
}
