"""How Open edX finds an XBlock's translations, reproduced for the tests (edx-platform cannot be installed here).

The logic, not the code, of openedx/openedx-platform (commit 5af5f01f, 2026), so that a test loads a Dutch string
through the lookup the LMS and Studio run:

- `xmodule/modulestore/api.py`: an XBlock's catalogs are named after the root module of its class
  (`digicomp_xblock`, whatever submodule the class lives in); atlas' catalogs are in
  `settings.REPO_ROOT / "conf/plugins-locale/xblock.v1"`, the compiled JavaScript ones are
  `js/xblock.v1-i18n/<module>/<locale>.js` below `settings.STATICI18N_ROOT`.
- `xmodule/modulestore/django.py`, `XBlockI18nService`: the runtime's `i18n` service of a block. When atlas pulled a
  folder for the module, its `<locale>/LC_MESSAGES/django.mo` is used (domain `django`); otherwise the catalogs the
  package bundles, `<package>/translations/<locale>/LC_MESSAGES/text.mo` (domain `text`). The locale is
  `to_locale(get_language())` (`nl`, `nl_BE`; gettext also tries `nl` for `nl_BE`); a catalog that is not there
  leaves Django's own translations (the platform's catalogs). Every other attribute (`gettext`, `ngettext`, and
  `_catalog` that XBlock's template tags merge) is the translator's; `ugettext` is `gettext`.
- `common/djangoapps/xblock_django/translation.py` with `openedx/core/djangoapps/plugins/i18n_api.py`:
  `pull_xblock_translations` runs `atlas pull --expand-glob translations/*/<module>/conf/locale:<module>` in the
  locale root, and `compile_xblock_translations` compiles every `.po` there with `msgfmt --check-format`.
"""

from __future__ import annotations

import contextlib
import gettext
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import django.utils.translation
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.translation import get_language, to_locale


def root_module_name(block) -> str:
    """`digicomp_xblock` for every block of the package (the class before XBlock mixed the runtime's mixins in)."""
    return getattr(block, "unmixed_class", type(block)).__module__.split(".")[0]


def python_locale_root() -> Path:
    return Path(settings.REPO_ROOT) / "conf" / "plugins-locale" / "xblock.v1"


def javascript_i18n_file_name(module: str, locale: str) -> str:
    return f"js/xblock.v1-i18n/{module}/{locale}.js"


class PlatformI18nService:
    """The platform's `i18n` service for one block (edx-platform builds one per block)."""

    def __init__(self, block=None):
        self.translator = django.utils.translation
        if block is None:
            return
        domain, folder = self.get_python_locale(block)
        language = get_language() or settings.LANGUAGE_CODE
        # No catalog of the block's own for this language: Django's (the platform's) translations stay.
        with contextlib.suppress(OSError):
            self.translator = gettext.translation(domain, folder, [to_locale(language)])

    def get_python_locale(self, block) -> tuple[str, str]:
        """(domain, folder): atlas' folder of the module when there is one, else the package's `translations/`."""
        module = root_module_name(block)
        pulled = python_locale_root() / module
        if pulled.is_dir():
            return "django", str(pulled)
        with resources.as_file(resources.files(module) / "translations") as bundled:
            return "text", str(bundled)

    def get_javascript_i18n_catalog_url(self, block) -> str | None:
        """The URL of the platform's compiled JavaScript catalog of the module, when it has one."""
        name = javascript_i18n_file_name(root_module_name(block), to_locale(get_language()))
        if (Path(settings.STATICI18N_ROOT) / name).exists():
            return staticfiles_storage.url(name)
        return None

    def __getattr__(self, name):
        return getattr(self.translator, "gettext" if name == "ugettext" else name)


def atlas_pull(translations_repo: Path, module: str) -> Path:
    """What `pull_xblock_translations` leaves: `translations/*/<module>/conf/locale` of a checkout of the
    translations repository (openedx-translations' layout) copied to `<python_locale_root>/<module>`."""
    found = sorted(translations_repo.glob(f"translations/*/{module}/conf/locale"))
    target = python_locale_root() / module
    for folder in found:
        shutil.copytree(folder, target, dirs_exist_ok=True)
    return target


def compile_xblock_translations() -> None:
    """The Python part of `compile_xblock_translations`: every .po of the locale root compiled beside itself."""
    for po in python_locale_root().rglob("*.po"):
        subprocess.run(["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
