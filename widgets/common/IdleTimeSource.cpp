// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/IdleTimeSource.h"

#include <QEvent>
#include <QGuiApplication>
#include <QLibrary>
#include <QLoggingCategory>

#if defined(Q_OS_WIN)
#include <windows.h>
#elif defined(Q_OS_MACOS)
#include <ApplicationServices/ApplicationServices.h>
#endif

using namespace std::chrono;

Q_LOGGING_CATEGORY(lcIdle, "xin.idle")

/// The two libXss calls, resolved at run time (X11/extensions/scrnsaver.h; the struct is its ABI).
struct IdleTimeSource::X11
{
    struct Info
    {
        unsigned long window;
        int state;
        int kind;
        unsigned long tilOrSince;
        unsigned long idle;   // milliseconds since the last input
        unsigned long eventMask;
    };
    using AllocInfo = Info *(*)();
    using QueryInfo = int (*)(void *display, unsigned long drawable, Info *info);
    using DefaultRootWindow = unsigned long (*)(void *display);
    using Free = int (*)(void *data);

    void *display = nullptr;
    unsigned long root = 0;
    Info *info = nullptr;
    QueryInfo query = nullptr;
    Free free = nullptr;

    static X11 *load()
    {
#if QT_CONFIG(xcb)
        auto *x11App = qGuiApp ? qGuiApp->nativeInterface<QNativeInterface::QX11Application>() : nullptr;
        if (!x11App || !x11App->display())
            return nullptr;
        QLibrary xss(QStringLiteral("Xss"), 1);
        QLibrary xlib(QStringLiteral("X11"), 6);
        const auto alloc = reinterpret_cast<AllocInfo>(xss.resolve("XScreenSaverAllocInfo"));
        const auto query = reinterpret_cast<QueryInfo>(xss.resolve("XScreenSaverQueryInfo"));
        const auto rootOf = reinterpret_cast<DefaultRootWindow>(xlib.resolve("XDefaultRootWindow"));
        const auto free = reinterpret_cast<Free>(xlib.resolve("XFree"));
        if (!alloc || !query || !rootOf || !free) {
            qCInfo(lcIdle) << "no libXss: idle time counts input to Xin only" << xss.errorString();
            return nullptr;
        }
        auto *x11 = new X11;
        x11->display = x11App->display();
        x11->root = rootOf(x11->display);
        x11->info = alloc();
        x11->query = query;
        x11->free = free;
        // The libraries stay loaded (QLibrary unloads only on unload()).
        if (!x11->info || !x11->query(x11->display, x11->root, x11->info)) {
            qCInfo(lcIdle) << "the X server has no MIT-SCREEN-SAVER extension: idle time counts input to Xin only";
            delete x11;
            return nullptr;
        }
        return x11;
#else
        return nullptr;
#endif
    }
    ~X11()
    {
        if (info)
            free(info);
    }
};

IdleTimeSource::IdleTimeSource(QObject *parent) : QObject(parent)
{
    m_sinceInput.start();
#if defined(Q_OS_WIN)
    m_method = Method::Windows;
#elif defined(Q_OS_MACOS)
    m_method = Method::MacOS;
#else
    m_x11 = X11::load();
    if (m_x11)
        m_method = Method::X11;
#endif
    if (m_method == Method::Application && qApp)
        qApp->installEventFilter(this);
}

IdleTimeSource::~IdleTimeSource()
{
    delete m_x11;
}

std::optional<milliseconds> IdleTimeSource::platformIdle() const
{
#if defined(Q_OS_WIN)
    LASTINPUTINFO info{};
    info.cbSize = sizeof(info);
    if (!GetLastInputInfo(&info))
        return std::nullopt;
    return milliseconds(GetTickCount() - info.dwTime);   // both wrap at 49.7 days; unsigned subtraction copes
#elif defined(Q_OS_MACOS)
    const double seconds = CGEventSourceSecondsSinceLastEventType(kCGEventSourceStateCombinedSessionState,
                                                                  kCGAnyInputEventType);
    return milliseconds(qint64(seconds * 1000));
#else
    if (m_x11 && m_x11->query(m_x11->display, m_x11->root, m_x11->info))
        return milliseconds(m_x11->info->idle);
    return std::nullopt;
#endif
}

std::optional<seconds> IdleTimeSource::idleTime() const
{
    if (m_method != Method::Application) {
        if (const auto idle = platformIdle())
            return duration_cast<seconds>(*idle);
        return std::nullopt;   // the platform failed this time: change nothing
    }
    return duration_cast<seconds>(milliseconds(m_sinceInput.elapsed()));
}

bool IdleTimeSource::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        m_sinceInput.restart();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}
