"""Our own checks for the rules of edx-platform's safe-template linter (`scripts/xsslint`), which is not on PyPI.

Written from the rules' documentation and behaviour, not copied. `check_django_template` and `check_javascript`
take a file's text and give `(line, rule)` pairs; `scan` runs them over the files xsslint would lint here.

Django templates (xsslint's DjangoTemplateLinter, which lints `.html` files under a `templates` directory):

- django-trans-missing-escape: a `{% trans %}` without `as var`, or not followed on its own line by `{{var|...}}`.
- django-trans-invalid-escape-filter: the expression after it has no filter, more than one, or not `force_escape`.
- django-trans-escape-variable-mismatch: the expression after it names another variable than its `as` (the text
  between the braces taken as it is, as xsslint's earlier versions take it: `{{var|force_escape}}`, without
  spaces, is the form every version accepts).
- django-html-interpolation-missing: a `{% trans %}` whose string holds HTML tags or `{placeholders}` with no
  `{% interpolate_html var ... %}` of its variable; a `{% blocktrans %}` whose text holds HTML tags, or
  `{placeholders}` without `asvar var` and its `interpolate_html`.
- django-html-interpolation-missing-safe-filter: an HTML literal passed to `interpolate_html` without `|safe`.
- django-html-interpolation-invalid-tag: `{% interpolate_html %}` without the variable to interpolate.
- django-blocktrans-missing-escape-filter: a `{% blocktrans %}` whose tag just before it is not
  `{% filter force_escape %}`.
- django-blocktrans-parse-error: a `{% blocktrans %}` without its `{% endblocktrans %}`.
- django-blocktrans-escape-filter-parse-error: the tag before a `{% blocktrans %}` is not closed before it.

One rule of ours on top: django-blocktrans-double-escape. Inside `{% blocktrans %}` Django escapes the variables
(autoescape), and `{% filter force_escape %}` then escapes the whole text again: "R&D" would show as "R&amp;D". So
the filter must stand directly in `{% autoescape off %}`: the variables and the translator's text are then
escaped once, by the filter.

JavaScript (xsslint's JavaScriptLinter, `.js` files; ours use no jQuery or Underscore, but the rules are checked
all the same):

- javascript-jquery-append, -prepend, -insertion, -insert-into-target, -html: jQuery's HTML-parsing insertions
  (`.append(x)`, `.prepend(x)`, `.after/before/wrap/replaceWith(...)`, `.appendTo(...)`, `.html(x)`), unless the
  argument is an element (`$x`, `xEl`), a string literal without `<`, or `HtmlUtils...toString()`; `.html()` and
  `.html("")` are fine.
- javascript-concat-html: a string literal that starts with `<` or ends with `>` next to a `+`; and ours: a
  template literal with HTML and a `${...}`.
- javascript-escape: an `.escape(` that is not `_.escape(`.
- javascript-interpolate: an `.interpolate(` that is not `StringUtils.interpolate(`.
- underscore-not-escaped: `<%=` (Underscore's unescaped output).
- javascript-inner-html (ours: the DOM's own HTML parsers): an assignment to `innerHTML` or `outerHTML`, a call
  of `insertAdjacentHTML` or `document.write`, unless the value is the empty string.

As in xsslint, the character before a jQuery function, `escape(` or `interpolate(` may be any character: a
`unescape(` or `CSS.escape(` breaks javascript-escape there too.

An exception is allowed as xsslint allows it: a comment `xss-lint: disable=<rule>` on the line or the line before,
which must say why the HTML is safe (in our JavaScript: HTML our own handlers rendered with escaping templates).
"""

import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRAGMA = re.compile(r"xss-lint:\s*disable=([\w,-]+)")
TAG = re.compile(r"{%\s*((?:(?!{%).)*?)\s*%}")


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _disabled(lines: list[str], line: int, rule: str) -> bool:
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            for found in PRAGMA.finditer(lines[number - 1]):
                if rule in found.group(1).split(","):
                    return True
    return False


def _blank_comments(template: str) -> str:
    """The template with `{# ... #}` and `{% comment %}...{% endcomment %}` replaced by spaces (lines kept)."""

    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    template = re.sub(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}", blank, template, flags=re.DOTALL)
    return re.sub(r"{#.*?#}", blank, template)


# An HTML tag, or a {placeholder}, inside the string of a trans tag.
HTML_IN_STRING = re.compile(r"</?[a-zA-Z][^<>]*>")
PLACEHOLDER_IN_STRING = re.compile(r"{\w*}")
# A {placeholder} in the text of a blocktrans, where {{ variable }} and {% plural %} are Django's own.
SINGLE_BRACES = re.compile(r"(?<!{){(?![{%])[\w =\-'\":]+(?<!})}(?!})")


def _check_trans(template: str, tag: re.Match, interpolated: set[str]) -> str | None:
    inner = tag.group(1)
    found = re.fullmatch(r"trans\s+(?P<string>\"[^\"]*\"|'[^']*'|\S+)(?P<rest>.*)", inner, flags=re.DOTALL)
    if found is None:
        return "django-trans-missing-escape"
    as_var = re.search(r"\bas\s+(\w+)\s*$", found.group("rest"))
    if as_var is None:
        return "django-trans-missing-escape"
    var = as_var.group(1)
    string = found.group("string")
    if HTML_IN_STRING.search(string) or PLACEHOLDER_IN_STRING.search(string):
        return None if var in interpolated else "django-html-interpolation-missing"
    return _check_trans_escape(template, tag, var)


def _check_trans_escape(template: str, tag: re.Match, var: str) -> str | None:
    """The rule the `{{ var|force_escape }}` after the trans tag, on its line, breaks, if any."""
    line_end = template.find("\n", tag.end())
    line_end = len(template) if line_end < 0 else line_end
    expression = re.match(r"[^\n]*?{{(.*?)}}", template[tag.end():line_end])
    if expression is None:
        return "django-trans-missing-escape"
    # As xsslint's earlier versions do, the text between the braces is taken as it is: `{{ var|force_escape }}`
    # names " var" there; `{{var|force_escape}}` is the form every version accepts.
    parts = expression.group(1).split("|")
    if len(parts) != 2:
        return "django-trans-invalid-escape-filter"
    if parts[0] != var:
        return "django-trans-escape-variable-mismatch"
    if parts[1] != "force_escape":
        return "django-trans-invalid-escape-filter"
    return None


def _check_blocktrans(template: str, tag: re.Match, interpolated: set[str]) -> str | None:
    end = re.search(r"{%\s*endblocktrans\s*%}", template[tag.end():])
    if end is None:
        return "django-blocktrans-parse-error"
    text = template[tag.end():tag.end() + end.start()]
    if HTML_IN_STRING.search(text):
        return "django-html-interpolation-missing"
    if SINGLE_BRACES.search(text):
        asvar = re.search(r"\basvar\s+(\w+)", tag.group(1))
        return None if asvar and asvar.group(1) in interpolated else "django-html-interpolation-missing"
    return _check_blocktrans_filter(template[:tag.start()])


def _check_blocktrans_filter(before: str) -> str | None:
    """The rule the tags before a blocktrans (`before`: the template up to it) break, if any."""
    opening = before.rfind("{%")
    if opening < 0:
        return "django-blocktrans-missing-escape-filter"
    closing = before.find("%}", opening)
    if closing < 0:
        return "django-blocktrans-escape-filter-parse-error"
    if before[opening + 2:closing].split() != ["filter", "force_escape"]:
        return "django-blocktrans-missing-escape-filter"
    outer = before[:opening].rstrip()
    if not re.search(r"{%\s*autoescape\s+off\s*%}$", outer):
        return "django-blocktrans-double-escape"
    return None


def check_django_template(template: str) -> list[tuple[int, str]]:
    """(line, rule) of each violation in a Django template."""
    lines = template.splitlines()
    code = _blank_comments(template)
    violations = []
    interpolated = set()
    for tag in TAG.finditer(code):
        if tag.group(1).startswith("interpolate_html"):
            words = tag.group(1).split()
            if len(words) < 2 or "=" in words[1]:
                violations.append((_line_of(code, tag.start()), "django-html-interpolation-invalid-tag"))
                continue
            interpolated.add(words[1])
            for html in re.finditer(r"""(["'])\s*</?[a-zA-Z](?:(?!\1).)*>\s*\1""", tag.group(1)):
                if not tag.group(1)[html.end():].startswith("|safe"):
                    violations.append((_line_of(code, tag.start()), "django-html-interpolation-missing-safe-filter"))
                    break
    for tag in TAG.finditer(code):
        name = tag.group(1).split(" ", 1)[0]
        if name in ("trans", "translate"):
            rule = _check_trans(code, tag, interpolated)
        elif name in ("blocktrans", "blocktranslate"):
            rule = _check_blocktrans(code, tag, interpolated)
        else:
            continue
        if rule:
            violations.append((_line_of(code, tag.start()), rule))
    return [(line, rule) for line, rule in violations if not _disabled(lines, line, rule)]


def _blank_js_comments(code: str) -> str:
    """JavaScript with its comments (not the text of its strings) replaced by spaces, lines kept."""

    def blank(match: re.Match) -> str:
        text = match.group()
        return text if text[0] in "\"'`" else re.sub(r"[^\n]", " ", text)

    pattern = r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|//[^\n]*|/\*.*?\*/"
    return re.sub(pattern, blank, code, flags=re.DOTALL)


def _call_argument(code: str, open_paren: int) -> str | None:
    """The text between the parenthesis at open_paren and its match, or None if it does not close."""
    depth = 0
    for index in range(open_paren, len(code)):
        if code[index] == "(":
            depth += 1
        elif code[index] == ")":
            depth -= 1
            if depth == 0:
                return code[open_paren + 1:index].strip()
    return None


def _jquery_argument_safe(argument: str) -> bool:
    if re.fullmatch(r"\$[\w$]*|[\w$]*El", argument):
        return True
    if re.fullmatch(r"\"[^\"<]*\"|'[^'<]*'", argument):
        return True
    if re.match(r"""\$\(\s*['"]<[a-zA-Z0-9]+\s*/?>['"]\s*[,)]""", argument):
        return True
    if HTML_UTILS_CALL.fullmatch(argument):
        return True
    return "+" not in argument and re.search(r"\.\$?el$", argument) is not None


JQUERY_CALLS = [
    ("javascript-jquery-append", "append", "argument"),
    ("javascript-jquery-prepend", "prepend", "argument"),
    ("javascript-jquery-insertion", "unwrap|wrap|wrapAll|wrapInner|after|before|replaceAll|replaceWith", "argument"),
    ("javascript-jquery-insert-into-target", "appendTo|prependTo|insertAfter|insertBefore", "caller"),
    ("javascript-jquery-html", "html", "html"),
]
HTML_STRING = r"""(?:"\s*<(?:\\.|[^"\\])*"|"(?:\\.|[^"\\])*>\s*"|'\s*<(?:\\.|[^'\\])*'|'(?:\\.|[^'\\])*>\s*')"""
SIMPLE_JS_RULES = [
    (re.compile(rf"\+\s*{HTML_STRING}|{HTML_STRING}\s*\+"), "javascript-concat-html"),
    (re.compile(r"(?<!_).escape\("), "javascript-escape"),
    (re.compile(r"(?<!StringUtils).interpolate\("), "javascript-interpolate"),
    (re.compile(r"<%="), "underscore-not-escaped"),
    (re.compile(r"\.insertAdjacentHTML\(|\bdocument\.write(?:ln)?\("), "javascript-inner-html"),
]
HTML_UTILS_CALL = re.compile(r"(edx\.)?HtmlUtils\.\w+\(.*\)\.toString\(\)", flags=re.DOTALL)


def _jquery_call_safe(code: str, call: re.Match, kind: str) -> bool:
    argument = _call_argument(code, call.end() - 1)
    if argument is None:
        return False
    if kind == "argument":
        return _jquery_argument_safe(argument)
    if kind == "html":
        return argument in ("", '""', "''") or HTML_UTILS_CALL.fullmatch(argument) is not None
    caller = re.search(r"([\w$]+)$", code[:call.start()])
    return caller is not None and (
        caller.group(1).endswith("El") or caller.group(1).startswith("$") or caller.group(1) in ("el", "parentNode")
    )


def check_javascript(source: str) -> list[tuple[int, str]]:
    """(line, rule) of each violation in a JavaScript file."""
    lines = source.splitlines()
    code = _blank_js_comments(source)
    violations = []
    for rule, names, kind in JQUERY_CALLS:
        violations.extend(
            (_line_of(code, call.start()), rule)
            for call in re.finditer(rf"(?<!HtmlUtils).(?:{names})\(", code)
            if not _jquery_call_safe(code, call, kind)
        )
    for pattern, rule in SIMPLE_JS_RULES:
        violations.extend((_line_of(code, found.start()), rule) for found in pattern.finditer(code))
    violations.extend(
        (_line_of(code, found.start()), "javascript-concat-html")
        for found in re.finditer(r"`[^`]*`", code, flags=re.DOTALL)
        if "${" in found.group() and HTML_IN_STRING.search(found.group())
    )
    violations.extend(
        (_line_of(code, found.start()), "javascript-inner-html")
        for found in re.finditer(r"\.(?:inner|outer)HTML\s*(?:\+?=)(?!=)\s*([^;\n]*)", code)
        if found.group(1).strip() not in ('""', "''", "``")
    )
    violations.sort()
    return [(line, rule) for line, rule in violations if not _disabled(lines, line, rule)]


def template_files() -> list[Path]:
    """The Django templates xsslint lints: `.html` under a `templates` directory, of the package and the demo."""
    found = [*(ROOT / "digicomp_xblock").rglob("templates/**/*.html"), *(ROOT / "demo").rglob("templates/**/*.html")]
    return sorted(set(found))


def javascript_files() -> list[Path]:
    """Our JavaScript; not the generated catalogs of static/js/translations."""
    return sorted((ROOT / "static" / "js").glob("*.js"))


def scan() -> Iterator[str]:
    """`path:line: rule` of every violation in the files xsslint would lint."""
    for path in template_files():
        for line, rule in check_django_template(path.read_text(encoding="utf-8")):
            yield f"{path.relative_to(ROOT)}:{line}: {rule}"
    for path in javascript_files():
        for line, rule in check_javascript(path.read_text(encoding="utf-8")):
            yield f"{path.relative_to(ROOT)}:{line}: {rule}"
