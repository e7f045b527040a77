// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/IdGenerator.h"

#include <QUuid>

IdGenerator::IdGenerator() : m_source(&IdGenerator::randomId) { }

IdGenerator::IdGenerator(Source source) : m_source(source ? std::move(source) : Source(&IdGenerator::randomId)) { }

QString IdGenerator::next()
{
    return m_source();
}

QString IdGenerator::randomId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
