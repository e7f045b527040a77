// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer harness for data forms (XEP-0004; docs/SECURITY.md rule 11): every element of the input goes to
// DataForm::fromElement; a form that parses is turned into a submission and both are written back out as
// well-formed XML.
#include "FuzzCheck.h"
#include "FuzzInput.h"
#include "stanza/DataForm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput::forEachElement(data, size, [](const QDomElement &element) {
        (void)DataForm::fromParent(element);
        const auto form = DataForm::fromElement(element);
        if (!form)
            return;
        (void)form->formType();
        for (const DataForm::Field &field : form->fields)
            (void)form->field(field.var);
        FuzzCheck::wellFormed(FuzzCheck::written([&](QXmlStreamWriter &out) { form->write(out); }), "DataForm::write");
        const DataForm submission = form->toSubmission();
        FuzzCheck::wellFormed(FuzzCheck::written([&](QXmlStreamWriter &out) { submission.write(out); }),
                              "DataForm::toSubmission().write");
    });
    return 0;
}
