// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QDomElement;
class QXmlStreamWriter;

/// A data form, <x xmlns='jabber:x:data'/> (XEP-0004): a form to fill in, its submission, a cancellation,
/// or a result; a result may be a table (XEP-0004 §3.4: <reported/> names the columns, each <item/> is a row).
/// Everything in it is remote text: show labels and values as plain text only (docs/SECURITY.md rule 5).
class DataForm
{
public:
    enum class Type { Form, Submit, Cancel, Result };   // XEP-0004 §3.1

    /// One <option/> of a list field (XEP-0004 §3.2).
    struct Option
    {
        QString label;
        QString value;
        friend bool operator==(const Option &, const Option &) = default;
    };

    /// One <field/> (XEP-0004 §3.2).
    struct Field
    {
        enum class Type {   // XEP-0004 §3.3, in its order
            Boolean,
            Fixed,
            Hidden,
            JidMulti,
            JidSingle,
            ListMulti,
            ListSingle,
            TextMulti,
            TextPrivate,
            TextSingle
        };

        std::optional<Type> type;   // absent: text-single in a form (§3.3); a submission may omit it
        QString var;                // empty only for fixed fields
        QString label;
        QString description;        // <desc/>
        bool required = false;      // <required/>
        QStringList values;
        QList<Option> options;

        Type effectiveType() const { return type.value_or(Type::TextSingle); }
        QString value() const { return values.value(0); }
        /// XEP-0004 §3.3 boolean: "1" or "true".
        bool isTrue() const { return value() == u"1" || value() == u"true"; }

        static std::optional<Field> fromElement(const QDomElement &field);
        void write(QXmlStreamWriter &out) const;
        static QString typeName(Type type);
        static std::optional<Type> typeFromName(QStringView name);

        friend bool operator==(const Field &, const Field &) = default;
    };

    Type type = Type::Form;
    QString title;
    QStringList instructions;       // one <instructions/> per entry
    QList<Field> fields;
    QList<Field> reported;          // result tables: the column definitions (§3.4)
    QList<QList<Field>> items;      // result tables: the rows, each a list of fields with var and values

    /// Parses a {jabber:x:data}x; nullopt if it is something else or has an unknown type.
    static std::optional<DataForm> fromElement(const QDomElement &x);
    /// The first {jabber:x:data}x child of @p parent that parses.
    static std::optional<DataForm> fromParent(const QDomElement &parent);
    void write(QXmlStreamWriter &out) const;

    /// The field named @p var, or nullptr.
    const Field *field(QStringView var) const;
    Field *field(QStringView var);
    /// The FORM_TYPE hidden field's value (XEP-0068), if any.
    QString formType() const;
    /// Sets the values of field @p var (adding a field if the form has none of that name).
    void setValues(const QString &var, const QStringList &values);
    void setValue(const QString &var, const QString &value) { setValues(var, {value}); }

    /// This form as a submission (XEP-0004 §3.1 "submit"): every field with a var and its current values,
    /// without labels, descriptions or options; fixed fields are left out. FORM_TYPE is kept.
    DataForm toSubmission() const;

    static QString typeName(Type type);
    static std::optional<Type> typeFromName(QStringView name);

    friend bool operator==(const DataForm &, const DataForm &) = default;
};
