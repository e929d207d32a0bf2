"""Safe templates: no violation of the rules of edx-platform's xsslint (see tests/safe_templates.py), and each rule
fires on a snippet that breaks it."""

import pytest

from tests.safe_templates import check_django_template, check_javascript, javascript_files, scan, template_files

GOOD_BLOCKTRANS = (
    "{% autoescape off %}{% filter force_escape %}{% blocktrans with n=x %}Cluster {{ n }}{% endblocktrans %}"
    "{% endfilter %}{% endautoescape %}"
)


def test_the_checker_sees_the_files_xsslint_lints():
    names = {path.name for path in template_files()}
    assert {"student.html", "cohort.html", "digicomp_base.html", "page.html"} <= names
    assert {path.name for path in javascript_files()} >= {"assessment.js", "common.js"}


def test_no_violation_of_the_safe_template_rules():
    violations = list(scan())
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("template", [
    '{% load i18n %}<p>{% trans "Save" as save_msg %}{{save_msg|force_escape}}</p>',
    '<input title="{% trans "Save" as t_msg %}{{t_msg|force_escape}}">',
    GOOD_BLOCKTRANS,
    (
        "{% autoescape off %}{% filter force_escape %}\n{% blocktrans trimmed %}\nA text\n{% endblocktrans %}\n"
        "{% endfilter %}{% endautoescape %}"
    ),
    '{% trans "Go to {link}" as go_msg %}{% interpolate_html go_msg link=\'<a href="/">\'|safe %}',
    '{# {% trans "Commented out" %} #}{% comment %}{% blocktrans %}x{% endblocktrans %}{% endcomment %}',
    '{# xss-lint: disable=django-trans-missing-escape -- a test #}\n{% trans "Allowed" %}',
])
def test_safe_django_forms_pass(template):
    assert check_django_template(template) == []


@pytest.mark.parametrize(("template", "rule"), [
    ('<p>{% trans "Save" %}</p>', "django-trans-missing-escape"),
    ('<p>{% trans "Save" as save_msg %}</p>\n<p>{{save_msg|force_escape}}</p>', "django-trans-missing-escape"),
    ('<p>{% trans "Save" as save_msg %}{{save_msg}}</p>', "django-trans-invalid-escape-filter"),
    ('<p>{% trans "Save" as save_msg %}{{save_msg|escape}}</p>', "django-trans-invalid-escape-filter"),
    ('<p>{% trans "Save" as save_msg %}{{save_msg|upper|force_escape}}</p>', "django-trans-invalid-escape-filter"),
    ('<p>{% trans "Save" as save_msg %}{{other|force_escape}}</p>', "django-trans-escape-variable-mismatch"),
    ('<p>{% trans "Save" as save_msg %}{{ save_msg|force_escape }}</p>', "django-trans-escape-variable-mismatch"),
    ('<p>{% trans "Go <b>now</b>" as go_msg %}{{go_msg|force_escape}}</p>', "django-html-interpolation-missing"),
    ('<p>{% trans "Go {link}" as go_msg %}{{go_msg|force_escape}}</p>', "django-html-interpolation-missing"),
    ('{% trans "Go {a}" as go_msg %}{% interpolate_html go_msg a=\'<a href="/">\' %}',
     "django-html-interpolation-missing-safe-filter"),
    ("{% interpolate_html %}", "django-html-interpolation-invalid-tag"),
    (GOOD_BLOCKTRANS.replace("Cluster", "Go <b>now</b>"), "django-html-interpolation-missing"),
    (GOOD_BLOCKTRANS.replace("Cluster", "Go {link}"), "django-html-interpolation-missing"),
    ("<p>{% blocktrans %}A text{% endblocktrans %}</p>", "django-blocktrans-missing-escape-filter"),
    ("{% if x %}{% blocktrans %}A text{% endblocktrans %}{% endif %}", "django-blocktrans-missing-escape-filter"),
    ("{% filter escape %}{% blocktrans %}A text{% endblocktrans %}{% endfilter %}",
     "django-blocktrans-missing-escape-filter"),
    ("{% filter force_escape xyz %}{% blocktrans %}A text{% endblocktrans %}{% endfilter %}",
     "django-blocktrans-missing-escape-filter"),
    ("{% filter force_escape %}{% blocktrans %}A text{% endfilter %}", "django-blocktrans-parse-error"),
    ("{% filter force_escape {% blocktrans %}A text{% endblocktrans %}", "django-blocktrans-escape-filter-parse-error"),
    ("{% filter force_escape %}{% blocktrans with n=x %}{{ n }}{% endblocktrans %}{% endfilter %}",
     "django-blocktrans-double-escape"),
])
def test_each_django_rule_fires(template, rule):
    assert rule in [found for _line, found in check_django_template(template)]


def test_violations_have_their_line():
    assert check_django_template('<p>\n\n{% trans "Save" %}</p>') == [(3, "django-trans-missing-escape")]


@pytest.mark.parametrize("code", [
    'node.textContent = name;',
    'list.innerHTML = "";',
    "element.append(nameEl);",
    'list.append("text");',
    '$list.html();',
    'var a = "<b>" ; // "<b>" + name would be a violation, but not in a comment',
    (
        "// xss-lint: disable=javascript-inner-html -- HTML our handler rendered with escaping templates\n"
        "part.outerHTML = result.data.html;"
    ),
    '_.escape(name);',
    'StringUtils.interpolate(text, {});',
    'var text = `${count} of ${total}`;',
])
def test_safe_javascript_passes(code):
    assert check_javascript(code) == []


@pytest.mark.parametrize(("code", "rule"), [
    ("$list.append(name);", "javascript-jquery-append"),
    ('$list.append("<b>" );', "javascript-jquery-append"),
    ("$list.prepend(name);", "javascript-jquery-prepend"),
    ("$item.after(markup);", "javascript-jquery-insertion"),
    ("$item.replaceWith(markup);", "javascript-jquery-insertion"),
    ("markup.appendTo($list);", "javascript-jquery-insert-into-target"),
    ("$list.html(markup);", "javascript-jquery-html"),
    ('var row = "<td>" + name;', "javascript-concat-html"),
    ('var row = name + "</td>";', "javascript-concat-html"),
    ("var row = `<td>${name}</td>`;", "javascript-concat-html"),
    ("var safe = HtmlUtils.escape(name);", "javascript-escape"),
    ("var text = unescape(name);", "javascript-escape"),
    ("var text = edx.interpolate(text, {});", "javascript-interpolate"),
    ("var t = '<%= name %>';", "underscore-not-escaped"),
    ("list.innerHTML = markup;", "javascript-inner-html"),
    ("list.innerHTML += markup;", "javascript-inner-html"),
    ("part.outerHTML = markup;", "javascript-inner-html"),
    ('list.insertAdjacentHTML("beforeend", markup);', "javascript-inner-html"),
    ("document.write(markup);", "javascript-inner-html"),
    ("// xss-lint: disable=javascript-escape -- another rule\nlist.innerHTML = markup;", "javascript-inner-html"),
])
def test_each_javascript_rule_fires(code, rule):
    assert rule in [found for _line, found in check_javascript(code)]


def render(template: str, **context) -> str:
    from django.template import Context, Engine

    engine = Engine(libraries={"i18n": "xblock.utils.templatetags.i18n"})
    return engine.from_string("{% load i18n %}" + template).render(Context(context))


def test_the_accepted_forms_escape_translations_and_variables_once():
    assert render('{% trans "<b>Save</b> & go" as t_msg %}{{t_msg|force_escape}}') == (
        "&lt;b&gt;Save&lt;/b&gt; &amp; go"
    )
    assert render(GOOD_BLOCKTRANS, x='R&D <i>"') == "Cluster R&amp;D &lt;i&gt;&quot;"
    assert render(GOOD_BLOCKTRANS, x="Plain text") == "Cluster Plain text"


def test_a_force_escape_filter_without_autoescape_off_escapes_variables_twice():
    """Why django-blocktrans-double-escape is a rule."""
    template = "{% filter force_escape %}{% blocktrans with n=x %}Cluster {{ n }}{% endblocktrans %}{% endfilter %}"
    assert render(template, x="R&D") == "Cluster R&amp;amp;D"
