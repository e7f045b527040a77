#pragma once

#include <QColor>
#include <QIcon>

/// The few line icons the shell needs, drawn by code (see PaintedIconEngine) in one consistent stroke.
class Glyphs
{
public:
    static QIcon search(const QColor &colour);
    static QIcon menu(const QColor &colour);
    static QIcon chevronDown(const QColor &colour);
    static QIcon chevronRight(const QColor &colour);
    static QIcon contacts(const QColor &colour);
    static QIcon folder(const QColor &colour);
};
