"""English and Dutch catalogs: complete for every string in the code, compiled, and shipped where Open edX looks."""

import gettext
import io
import json
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_javascript, extract_python
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "translations"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "gettext_lazy": None, "gettext_noop": None}


def msgids(messages):
    for _lineno, _funcname, message, _comments in messages:
        yield message[0] if isinstance(message, tuple) else message


def strings_in_code() -> dict[str, set[str]]:
    """msgids of the Python code and templates of the package and the demo (domain django) and of the JavaScript
    (djangojs)."""
    found = {"django": set(), "djangojs": set()}
    sources = [ROOT / "digicomp_xblock", ROOT / "demo" / "digicomp_demo"]
    for path in (p for source in sources for p in source.rglob("*.py")):
        with path.open("rb") as handle:
            found["django"].update(msgids(extract_python(handle, KEYWORDS, [], {})))
    for path in (p for source in sources for p in source.rglob("*.html")):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        # Python's tokenizer refuses the indentation of markup kept by templatize; gettext calls stand one a line.
        code = "\n".join(line.lstrip() for line in code.splitlines())
        found["django"].update(msgids(extract_python(io.BytesIO(code.encode("utf-8")), KEYWORDS, [], {})))
    for path in (ROOT / "static" / "js").glob("*.js"):
        with path.open("rb") as handle:
            found["djangojs"].update(msgids(extract_javascript(handle, KEYWORDS, [], {})))
    return {domain: {m for m in ids if m} for domain, ids in found.items()}


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_dutch_catalog_translates_every_string_in_the_code(domain):
    catalog = {e.msgid: e for e in polib.pofile(CATALOGS / "nl" / "LC_MESSAGES" / f"{domain}.po")}
    wanted = strings_in_code()[domain]
    assert wanted, "the extraction found nothing: the test would be vacuous"
    missing = sorted(m for m in wanted if m not in catalog)
    untranslated = sorted(m for m in wanted if m in catalog and (
        "fuzzy" in catalog[m].flags or not (catalog[m].msgstr or all(catalog[m].msgstr_plural.values()))))
    assert (missing, untranslated) == ([], [])


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("domain, compiled", [("django", "django"), ("djangojs", "djangojs"), ("django", "text")])
def test_compiled_catalogs_match_their_po_files(lang, domain, compiled):
    folder = CATALOGS / lang / "LC_MESSAGES"
    with (folder / f"{compiled}.mo").open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    for entry in polib.pofile(folder / f"{domain}.po"):
        if entry.msgid_plural:
            if entry.msgstr_plural.get(0):
                assert mo.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
                assert mo.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgstr_plural[1]
        elif entry.msgstr:
            assert mo.gettext(entry.msgid) == entry.msgstr, "run `make compile-messages`"


def test_javascript_catalog_is_compiled_from_the_po_file():
    script = (ROOT / "static" / "js" / "translations" / "nl" / "djangojs.js").read_text(encoding="utf-8")
    assert "var DigicompI18N" in script
    for entry in polib.pofile(CATALOGS / "nl" / "LC_MESSAGES" / "djangojs.po"):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:  # the catalog writes non-ASCII characters as JSON escapes
                assert text in script or json.dumps(text)[1:-1] in script, "run `make compile-messages`"


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalog_headers_are_final_and_give_the_plural_rule(lang, domain):
    """A fuzzy header is left out of the .mo, and with it the charset and plural rule."""
    po = polib.pofile(CATALOGS / lang / "LC_MESSAGES" / f"{domain}.po")
    assert not po.metadata_is_fuzzy
    with (CATALOGS / lang / "LC_MESSAGES" / f"{domain}.mo").open("rb") as handle:
        info = gettext.GNUTranslations(handle).info()
    assert info.get("plural-forms", "").startswith("nplurals=2;") and info.get("language") == lang
