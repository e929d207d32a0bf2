"""A regular (non-editable) install carries the framework, the static files and the compiled catalogs."""

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A throw-away venv with our wheel installed (dependencies are borrowed from the test environment)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(work / "dist"), str(ROOT)], check=True, cwd=work)
    wheel = next((work / "dist").glob("digicomp_xblock-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # Only the dependencies come from the test venv: a .pth adds its site-packages *after* the new venv's own.
    Path(site, "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel)], check=True)
    return env_dir, work


def run(env_dir, work, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run([str(env_dir / "bin" / a) if i == 0 else a for i, a in enumerate(args)],
                          capture_output=True, text=True, cwd=work, env=env, check=False)


def test_installed_package_is_the_wheel_not_the_checkout(installed):
    env_dir, work = installed
    result = run(env_dir, work, "python", "-c", "import digicomp_xblock; print(digicomp_xblock.__file__)")
    assert str(env_dir) in result.stdout and str(ROOT) not in result.stdout


def test_installed_cli_validates_and_exports_the_framework(installed):
    env_dir, work = installed
    result = run(env_dir, work, "digicomp", "framework", "validate")
    assert (result.returncode, result.stdout) == (0, "144 statements, 9 clusters, 3 focuses, languages en nl\n")
    case = run(env_dir, work, "digicomp", "framework", "export", "--format", "case")
    items = json.loads(case.stdout)["CFItems"]
    assert sum(item["CFItemType"] == "Competence statement" for item in items) == 144


def test_installed_package_has_static_files_and_compiled_catalogs(installed):
    env_dir, work = installed
    script = (
        "from digicomp_xblock.core import paths\n"
        "for name in ('static/css/digicomp.css', 'static/js/framework_browser.js', 'framework/schema.json',\n"
        "             'translations/nl/LC_MESSAGES/django.mo', 'translations/nl/LC_MESSAGES/djangojs.mo'):\n"
        "    folder, rest = name.split('/', 1)\n"
        "    path = paths.data_dir(folder) / rest\n"
        "    print(path.is_file(), path)\n"
    )
    result = run(env_dir, work, "python", "-c", script)
    lines = result.stdout.splitlines()
    assert len(lines) == 5, result.stderr
    for line in lines:
        assert line.startswith(f"True {env_dir}"), line


def test_installed_entry_points_load_and_the_demo_is_not_one_of_them(installed):
    env_dir, work = installed
    script = (
        "import django\n"
        "from django.conf import settings\n"
        "settings.configure()\n"
        "django.setup()\n"
        "from importlib.metadata import distribution\n"
        "for ep in distribution('digicomp-xblock').entry_points:\n"
        "    print(ep.group, ep.name, ep.value)\n"
        "    if ep.group in ('xblock.v1', 'xblock_asides.v1', 'console_scripts'):\n"
        "        ep.load()\n"
    )
    result = run(env_dir, work, "python", "-c", script)
    assert result.returncode == 0, result.stderr
    blocks = sorted(line.split()[1] for line in result.stdout.splitlines() if line.startswith("xblock.v1 "))
    assert blocks == ["digicomp_assessment", "digicomp_consensus", "digicomp_coverage", "digicomp_framework",
                      "digicomp_profile"]
    assert "digicomp_demo" not in result.stdout and "devsite" not in result.stdout


def test_the_wheel_holds_no_demo(installed):
    env_dir, work = installed
    result = run(env_dir, work, "python", "-c",
                 "import importlib.util, digicomp_xblock, pathlib; "
                 "print(importlib.util.find_spec('digicomp_demo')); "
                 "print(sorted(p.name for p in pathlib.Path(digicomp_xblock.__file__).parent.iterdir()))")
    spec, contents = result.stdout.splitlines()
    assert "demo" not in contents and "scenarios" not in contents
    # the test venv's site-packages are borrowed for dependencies, and the demo is installed there (editable)
    assert spec == "None" or str(work) not in spec



def test_installed_package_gives_the_platform_its_bundled_dutch_catalog(installed):
    """The platform's fallback lookup (tests/openedx_i18n.py): `<root module>/translations/<locale>/LC_MESSAGES/`,
    domain `text`, found with importlib.resources in the installed package. The OEP-58 source folder
    (digicomp_xblock/conf/) belongs to the repository, not to the wheel."""
    env_dir, work = installed
    script = (
        "import gettext, pathlib\n"
        "from importlib import resources\n"
        "import digicomp_xblock\n"
        "with resources.as_file(resources.files('digicomp_xblock') / 'translations') as folder:\n"
        "    print(folder)\n"
        "    print(gettext.translation('text', str(folder), ['nl_BE']).gettext('Digital competence framework'))\n"
        "print((pathlib.Path(digicomp_xblock.__file__).parent / 'conf').exists())\n"
    )
    result = run(env_dir, work, "python", "-c", script)
    assert result.returncode == 0, result.stderr
    folder, dutch, has_conf = result.stdout.splitlines()
    assert folder.startswith(str(env_dir)) and not Path(folder).is_symlink()
    assert (dutch, has_conf) == ("Kader voor digitale competenties", "False")
