// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/DataForm.h"

#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QXmlStreamWriter>

#include <array>

using namespace Qt::StringLiterals;

namespace {

// XEP-0004 §3.1, in the enum's order.
constexpr std::array<QStringView, 4> formTypeNames{u"form", u"submit", u"cancel", u"result"};
// XEP-0004 §3.3, in the enum's order.
constexpr std::array<QStringView, 10> fieldTypeNames{u"boolean",      u"fixed",      u"hidden",      u"jid-multi",
                                                     u"jid-single",   u"list-multi", u"list-single", u"text-multi",
                                                     u"text-private", u"text-single"};

bool isFormElement(const QDomElement &element, QStringView name)
{
    return element.localName() == name && element.namespaceURI() == ns::DataForms;
}

/// The children of @p parent named @p name in the data forms namespace.
QList<QDomElement> children(const QDomElement &parent, QStringView name)
{
    QList<QDomElement> found;
    for (QDomElement child = parent.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (isFormElement(child, name))
            found.append(child);
    }
    return found;
}

QList<DataForm::Field> readFields(const QDomElement &parent)
{
    QList<DataForm::Field> fields;
    for (const QDomElement &element : children(parent, u"field")) {
        if (auto field = DataForm::Field::fromElement(element))
            fields.append(*field);
    }
    return fields;
}

template <std::size_t N>
std::optional<int> indexOf(const std::array<QStringView, N> &names, QStringView name)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == name)
            return int(i);
    }
    return std::nullopt;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// Field

std::optional<DataForm::Field> DataForm::Field::fromElement(const QDomElement &element)
{
    if (!isFormElement(element, u"field"))
        return std::nullopt;
    Field field;
    if (element.hasAttribute(u"type"_s)) {
        // XEP-0004 §3.3: an unknown type is treated as text-single rather than dropping the field.
        field.type = typeFromName(element.attribute(u"type"_s)).value_or(Type::TextSingle);
    }
    field.var = element.attribute(u"var"_s);
    field.label = element.attribute(u"label"_s);
    // XEP-0004 §3.2: every field except a fixed one MUST have a var; without one it cannot be answered.
    if (field.var.isEmpty() && field.type != Type::Fixed)
        return std::nullopt;
    for (QDomElement child = element.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (isFormElement(child, u"value")) {
            field.values.append(child.text());
        } else if (isFormElement(child, u"desc")) {
            field.description = child.text();
        } else if (isFormElement(child, u"required")) {
            field.required = true;
        } else if (isFormElement(child, u"option")) {
            const QList<QDomElement> value = children(child, u"value");
            field.options.append({child.attribute(u"label"_s), value.isEmpty() ? QString() : value.first().text()});
        }
    }
    return field;
}

void DataForm::Field::write(QXmlStreamWriter &out) const
{
    out.writeStartElement(u"field"_s);
    if (type)
        out.writeAttribute(u"type"_s, typeName(*type));
    if (!var.isEmpty())
        out.writeAttribute(u"var"_s, XmlWriter::xmlSafe(var));
    if (!label.isEmpty())
        out.writeAttribute(u"label"_s, XmlWriter::xmlSafe(label));
    if (!description.isEmpty())
        out.writeTextElement(u"desc"_s, XmlWriter::xmlSafe(description));
    if (required)
        out.writeEmptyElement(u"required"_s);
    for (const QString &value : values)
        out.writeTextElement(u"value"_s, XmlWriter::xmlSafe(value));
    for (const Option &option : options) {
        out.writeStartElement(u"option"_s);
        if (!option.label.isEmpty())
            out.writeAttribute(u"label"_s, XmlWriter::xmlSafe(option.label));
        out.writeTextElement(u"value"_s, XmlWriter::xmlSafe(option.value));
        out.writeEndElement();
    }
    out.writeEndElement();
}

QString DataForm::Field::typeName(Type type)
{
    return fieldTypeNames[static_cast<std::size_t>(type)].toString();
}

std::optional<DataForm::Field::Type> DataForm::Field::typeFromName(QStringView name)
{
    const auto index = indexOf(fieldTypeNames, name);
    return index ? std::optional(static_cast<Type>(*index)) : std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------
// DataForm

std::optional<DataForm> DataForm::fromElement(const QDomElement &x)
{
    if (!isFormElement(x, u"x"))
        return std::nullopt;
    // XEP-0004 §3.1: the type is REQUIRED.
    const auto type = typeFromName(x.attribute(u"type"_s));
    if (!type)
        return std::nullopt;
    DataForm form;
    form.type = *type;
    if (const auto titles = children(x, u"title"); !titles.isEmpty())
        form.title = titles.first().text();
    for (const QDomElement &instructions : children(x, u"instructions"))
        form.instructions.append(instructions.text());
    form.fields = readFields(x);
    if (const auto reported = children(x, u"reported"); !reported.isEmpty())
        form.reported = readFields(reported.first());
    for (const QDomElement &item : children(x, u"item"))
        form.items.append(readFields(item));
    return form;
}

std::optional<DataForm> DataForm::fromParent(const QDomElement &parent)
{
    for (const QDomElement &x : children(parent, u"x")) {
        if (auto form = fromElement(x))
            return form;
    }
    return std::nullopt;
}

void DataForm::write(QXmlStreamWriter &out) const
{
    out.writeStartElement(u"x"_s);
    out.writeDefaultNamespace(ns::DataForms);
    out.writeAttribute(u"type"_s, typeName(type));
    if (!title.isEmpty())
        out.writeTextElement(u"title"_s, XmlWriter::xmlSafe(title));
    for (const QString &text : instructions)
        out.writeTextElement(u"instructions"_s, XmlWriter::xmlSafe(text));
    for (const Field &field : fields)
        field.write(out);
    if (!reported.isEmpty()) {
        out.writeStartElement(u"reported"_s);
        for (const Field &field : reported)
            field.write(out);
        out.writeEndElement();
    }
    for (const QList<Field> &item : items) {
        out.writeStartElement(u"item"_s);
        for (const Field &field : item)
            field.write(out);
        out.writeEndElement();
    }
    out.writeEndElement();
}

const DataForm::Field *DataForm::field(QStringView var) const
{
    for (const Field &candidate : fields) {
        if (candidate.var == var)
            return &candidate;
    }
    return nullptr;
}

DataForm::Field *DataForm::field(QStringView var)
{
    // Non-const iteration: detaches the implicitly shared list, so a copy of this form stays as it was.
    for (Field &candidate : fields) {
        if (candidate.var == var)
            return &candidate;
    }
    return nullptr;
}

QString DataForm::formType() const
{
    const Field *formTypeField = field(u"FORM_TYPE");
    return formTypeField && formTypeField->type == Field::Type::Hidden ? formTypeField->value() : QString();
}

void DataForm::setValues(const QString &var, const QStringList &values)
{
    if (Field *existing = field(var)) {
        existing->values = values;
        return;
    }
    Field added;
    added.var = var;
    added.values = values;
    fields.append(added);
}

DataForm DataForm::toSubmission() const
{
    DataForm submission;
    submission.type = Type::Submit;
    for (const Field &field : fields) {
        if (field.var.isEmpty() || field.type == Field::Type::Fixed)
            continue;
        Field submitted;
        submitted.type = field.type;
        submitted.var = field.var;
        submitted.values = field.values;
        submission.fields.append(submitted);
    }
    return submission;
}

QString DataForm::typeName(Type type)
{
    return formTypeNames[static_cast<std::size_t>(type)].toString();
}

std::optional<DataForm::Type> DataForm::typeFromName(QStringView name)
{
    const auto index = indexOf(formTypeNames, name);
    return index ? std::optional(static_cast<Type>(*index)) : std::nullopt;
}
