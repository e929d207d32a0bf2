"""Translations as Open edX ships them (OEP-58): the English source catalogs that `make extract_translations` writes
where the openedx-translations workflow takes them, `i18n_tool validate`, and the platform's two lookups of a block's
catalogs (atlas' pulled ones, the bundled `text.mo`) through the platform's own logic (tests/openedx_i18n.py)."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils import translation

from digicomp_xblock.rendering import engine
from tests.helpers import make_block
from tests.openedx_i18n import PlatformI18nService, atlas_pull, compile_xblock_translations, python_locale_root

ROOT = Path(__file__).resolve().parent.parent
MODULE = "digicomp_xblock"
CONF_LOCALE = ROOT / MODULE / "conf" / "locale"
CATALOGS = ROOT / "translations"
DOMAINS = ("django", "djangojs")
# A string of the block's Python code, two of its template (one a plural), and one only the demo has.
PYTHON_STRING = ("Digital competence framework", "Kader voor digitale competenties")
TEMPLATE_WORDS = ["Zoek in de competenties", "Het kader beschrijft 144 competenties"]
DEMO_STRING = "Skip to content"


def demo_only(entry) -> bool:
    return all(path.startswith("demo/") for path, _line in entry.occurrences)


@pytest.fixture(scope="module")
def source_catalogs(tmp_path_factory):
    """`make extract_translations`, written to a conf/locale of its own (the repository's is left as it is)."""
    locale = tmp_path_factory.mktemp("conf") / "locale"
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
    result = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "extract_translations",
                             f"SOURCE_LOCALE={locale}", f"I18N_PYTHON={sys.executable}"],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return locale


def test_extraction_writes_the_english_source_catalogs_of_the_package(source_catalogs):
    for domain in DOMAINS:
        source = polib.pofile(source_catalogs / "en" / "LC_MESSAGES" / f"{domain}.po")
        ours = polib.pofile(CATALOGS / "en" / "LC_MESSAGES" / f"{domain}.po")
        assert not source.metadata_is_fuzzy and source.metadata["Language"] == "en"
        assert source.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        assert {e.msgid for e in source} == {e.msgid for e in ours if not demo_only(e)}, "run `make messages`"
        assert not [e.msgid for e in source if e.msgstr or any(e.msgstr_plural.values())]
        assert all(path.startswith((f"{MODULE}/", "static/js/")) for e in source for path, _ in e.occurrences)


def test_the_repository_has_one_conf_locale_the_modules():
    """The workflow takes the single `*/conf/locale/en` folder; atlas looks for `translations/*/<module>/conf/locale`
    in openedx-translations, which keeps the path the folder has here."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert {p.split("conf/locale/")[0] for p in tracked.splitlines() if "conf/locale/" in p} == {f"{MODULE}/"}
    for domain in DOMAINS:  # what i18n_tool validates as Dutch is the catalog the package bundles
        link = CONF_LOCALE / "nl" / "LC_MESSAGES" / f"{domain}.po"
        assert link.resolve() == (CATALOGS / "nl" / "LC_MESSAGES" / f"{domain}.po").resolve()


def test_i18n_tool_validate_passes(source_catalogs, tmp_path):
    """`make validate_translations` on the extracted source catalogs and the Dutch ones (copies, so that its .prob
    files stay out of the repository)."""
    locale = tmp_path / "conf" / "locale"
    # config.yaml and the Dutch catalogs the links point to (not an English folder an extraction left there)
    shutil.copytree(CONF_LOCALE, locale, ignore=lambda folder, names: [
        n for n in names if n.endswith((".mo", ".prob", ".dup")) or (Path(folder) == CONF_LOCALE and n == "en")])
    shutil.copytree(source_catalogs / "en", locale / "en")
    i18n_tool = Path(sys.executable).parent / "i18n_tool"
    result = subprocess.run([str(i18n_tool), "validate", "-v"], cwd=tmp_path, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = result.stdout.count("No problems found in")
    assert checked == 2, result.stdout  # nl's django.po and djangojs.po (English is only compiled)
    assert not list(locale.rglob("*.prob"))


@pytest.fixture
def platform(settings, tmp_path):
    """An edx-platform checkout to pull into, and no catalog of ours in Django's own paths: what translates the
    block is what the platform's i18n service finds."""
    settings.REPO_ROOT = tmp_path / "edx-platform"
    settings.STATICI18N_ROOT = tmp_path / "edx-platform" / "static"
    settings.LOCALE_PATHS = []
    # XBlock's i18n template tags keep, in each compiled template, the translation they first merged into: compiled
    # under earlier tests (with our catalogs in LOCALE_PATHS) they would bring them back. Compile anew, here and after.
    engine.engine.cache_clear()
    yield tmp_path
    engine.engine.cache_clear()


def with_platform_i18n(block, monkeypatch):
    """The block with the platform's i18n service in its runtime (built for the block at each request, as the
    platform's runtime does)."""
    runtime_service = block.runtime.service
    monkeypatch.setattr(block.runtime, "service",
                        lambda b, name: PlatformI18nService(b) if name == "i18n" else runtime_service(b, name))
    return block


def transifex_dutch(source: Path, target: Path) -> None:
    """What openedx-translations would hold for Dutch: the source catalogs with our Dutch translations."""
    for domain in DOMAINS:
        dutch = {e.msgid: e for e in polib.pofile(CATALOGS / "nl" / "LC_MESSAGES" / f"{domain}.po")}
        catalog = polib.pofile(source / "en" / "LC_MESSAGES" / f"{domain}.po")
        catalog.metadata.update({"Language": "nl", "Language-Team": "Dutch"})
        for entry in catalog:
            entry.msgstr, entry.msgstr_plural = dutch[entry.msgid].msgstr, dict(dutch[entry.msgid].msgstr_plural)
        (target / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        catalog.save(str(target / "LC_MESSAGES" / f"{domain}.po"))


@pytest.mark.django_db
def test_without_the_platforms_service_nothing_translates_the_block(platform):
    """The control of the two tests below: Django alone has none of our strings."""
    with translation.override("nl"):
        block = make_block("<digicomp_framework/>")
        html = block.render("student_view").content
        assert block.gettext(PYTHON_STRING[0]) == PYTHON_STRING[0]
    assert "Search the statements" in html and not any(word in html for word in TEMPLATE_WORDS)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "nl-be"])
def test_catalogs_pulled_by_atlas_translate_the_block(platform, source_catalogs, monkeypatch, language):
    repo = platform / "openedx-translations"
    conf_locale = repo / "translations" / "digicomp-xblock" / MODULE / "conf" / "locale"
    shutil.copytree(source_catalogs / "en", conf_locale / "en")
    transifex_dutch(source_catalogs, conf_locale / "nl")
    pulled = atlas_pull(repo, MODULE)
    compile_xblock_translations()
    assert pulled == python_locale_root() / MODULE and (pulled / "nl" / "LC_MESSAGES" / "django.mo").is_file()
    with translation.override(language):
        block = with_platform_i18n(make_block("<digicomp_framework/>"), monkeypatch)
        service = block.i18n_service
        assert service.get_python_locale(block) == ("django", str(pulled))
        assert isinstance(service.translator, gettext.GNUTranslations)
        assert block.gettext(PYTHON_STRING[0]) == PYTHON_STRING[1]
        assert service.ugettext(PYTHON_STRING[0]) == PYTHON_STRING[1]
        assert service.gettext(DEMO_STRING) == DEMO_STRING  # not the bundled catalog, which has the demo's
        html = block.render("student_view").content
    assert all(word in html for word in TEMPLATE_WORDS), html[:2000]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "nl-be"])
def test_without_atlas_the_bundled_text_mo_translates_the_block(platform, monkeypatch, language):
    assert not python_locale_root().exists()
    with translation.override(language):
        block = with_platform_i18n(make_block("<digicomp_framework/>"), monkeypatch)
        service = block.i18n_service
        domain, folder = service.get_python_locale(block)
        assert (domain, Path(folder).resolve()) == ("text", CATALOGS.resolve())
        assert isinstance(service.translator, gettext.GNUTranslations)
        assert block.gettext(PYTHON_STRING[0]) == PYTHON_STRING[1]
        assert service.gettext(DEMO_STRING) != DEMO_STRING  # text.mo is the whole Dutch catalog
        html = block.render("student_view").content
    assert all(word in html for word in TEMPLATE_WORDS), html[:2000]


@pytest.mark.django_db
def test_the_block_takes_the_platforms_compiled_javascript_catalog(platform, monkeypatch):
    """`compile_xblock_translations` writes js/xblock.v1-i18n/<module>/<locale>.js (namespace DigicompI18N); the
    block adds it instead of its own catalog. Without it, the block adds the catalog it ships."""
    with translation.override("nl"):
        block = with_platform_i18n(make_block("<digicomp_framework/>"), monkeypatch)
        own = [r.data for r in block.render("student_view").resources if r.kind == "url" and r.mimetype.endswith("javascript")]
        compiled = Path(platform / "edx-platform" / "static" / "js" / "xblock.v1-i18n" / MODULE / "nl.js")
        compiled.parent.mkdir(parents=True)
        compiled.write_text("var DigicompI18N = {};\n", encoding="utf-8")
        urls = [r.data for r in block.render("student_view").resources if r.kind == "url"]
    assert any(url.endswith("js/translations/nl/djangojs.js") for url in own)
    assert staticfiles_storage.url(f"js/xblock.v1-i18n/{MODULE}/nl.js") in urls
    assert not any(url.endswith("js/translations/nl/djangojs.js") for url in urls)
