#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Xin developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The scanner of scripts/check-limits on C++ that has fooled simpler scanners: braces inside strings, raw
strings, character literals and comments, lambdas, constructor initializer lists, macros without a ';',
operators, templates and braced initializers. Run: python3 tests/lint/test_check_limits.py"""

import importlib.machinery
import importlib.util
import os
import sys
import unittest

sys.dont_write_bytecode = True   # no __pycache__ beside scripts/check-limits

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "check-limits")
loader = importlib.machinery.SourceFileLoader("check_limits", SCRIPT)
spec = importlib.util.spec_from_loader("check_limits", loader)
check_limits = importlib.util.module_from_spec(spec)
loader.exec_module(check_limits)


def found(source):
    """{name: body lines} of the functions the scanner finds in @p source."""
    return {name: length for name, _, length in check_limits.functions(source)}


class Scanner(unittest.TestCase):
    def test_braces_in_literals_and_comments(self):
        source = (
            'int f()\n{\n'
            '    const char *s = "}{}";\n'
            "    char c = '}';\n"
            "    int big = 1'000'000;\n"
            "    // }\n"
            "    /* { */\n"
            '    auto raw = uR"x(\n} } { )" )x"_s;\n'
            "    return 0;\n"
            "}\n"
            "int g() { return '{'; }\n")
        self.assertEqual(found(source), {"f": 10, "g": 1})

    def test_lambda_is_part_of_its_function(self):
        source = "void f()\n{\n    auto l = [] {\n        if (x) {\n        }\n    };\n}\n"
        self.assertEqual(found(source), {"f": 6})

    def test_namespace_scope_initializers_are_not_functions(self):
        source = ("namespace {\n"
                  "const auto lam = [](int a) {\n    return a;\n};\n"
                  "const QStringList list{u\"a\"_s, u\"b\"_s};\n"
                  "int table[] = {1, 2};\n"
                  "}\n")
        self.assertEqual(found(source), {})

    def test_classes_are_scopes_and_members_are_functions(self):
        source = ("class A : public B\n{\npublic:\n"
                  "    int x{3};\n"
                  "    int f() const { return x; }\n"
                  "    bool operator==(const A &) const { return true; }\n"
                  "    size_t operator()(int) const noexcept { return 0; }\n"
                  "};\n"
                  "enum class E { One, Two };\n"
                  "struct S { int g(); };\n")
        self.assertEqual(found(source), {"f": 1, "operator==": 1, "operator()": 1})

    def test_constructor_with_braced_member_initializers(self):
        source = "Foo::Foo()\n    : m_a{1}\n    , m_b(2)\n{\n    run();\n}\n"
        self.assertEqual(found(source), {"Foo::Foo": 3})

    def test_macro_lines_without_semicolon(self):
        source = ('#define BLOCK(a) \\\n    { a }\n'
                  'Q_LOGGING_CATEGORY(lc, "x")\n'
                  "struct X\n{\n    static X *load()\n    {\n        return nullptr;\n    }\n};\n")
        self.assertEqual(found(source), {"load": 3})

    def test_template_and_qualified_names(self):
        source = "template<typename T>\nT Outer::Inner::g(T t)\n{\n    return t;\n}\n"
        self.assertEqual(found(source), {"Outer::Inner::g": 3})

    def test_long_function_is_reported_with_its_line(self):
        body = "".join("    step();\n" for _ in range(80))
        source = "// header\nvoid tooLong()\n{\n" + body + "}\n"
        self.assertEqual(check_limits.functions(source), [("tooLong", 2, 82)])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]] + sys.argv[1:])
