"""The Tutor plugin (tutor/, `tutor plugins enable digicomp`) with Tutor from PyPI, without Docker or network.

Tutor renders two project roots with the plugin enabled, one with the defaults and one configured away from every
default. The tests read the files Tutor wrote, run our parts of the rendered settings, and run the Python of the
rendered init tasks against stand-ins of the platform's configuration models.
"""

import copy
import importlib.metadata
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import types
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from digicomp_xblock import conf

PLUGIN = Path(__file__).resolve().parents[2] / "tutor"
TUTOR = Path(sys.executable).with_name("tutor")

CUSTOM = {
    "DIGICOMP_PIP_REQUIREMENT": "digicomp-xblock==0.1.0",
    "DIGICOMP_MIN_GROUP": 12,
    "DIGICOMP_FRAMEWORK_BROWSER_URL": 'https://courses.example.org/framework/?title="Digital competences"&lang=nl',
    "OPENEDX_EXTRA_PIP_REQUIREMENTS": ["operator-xblock==2.0"],
}

SETTINGS = "apps/openedx/settings"
LMS_SETTINGS = [f"{SETTINGS}/lms/production.py", f"{SETTINGS}/lms/development.py"]
CMS_SETTINGS = [f"{SETTINGS}/cms/production.py", f"{SETTINGS}/cms/development.py"]

RENDER = "org.openedx.learning.instructor.dashboard.render.started.v1"
TABS = "org.openedx.learning.instructor.dashboard.tabs.requested.v1"
ENROLLMENT = "org.openedx.learning.course.enrollment.started.v1"
SECTION = "digicomp_xblock.dashboard.pipeline.AddCompetencesSection"
TAB = "digicomp_xblock.dashboard.pipeline.AddCompetencesTab"
THEIR_SECTION = "other_plugin.pipeline.AddReportsSection"
THEIR_TAB = "other_plugin.pipeline.AddReportsTab"
THEIR_ENROLLMENT_CHECK = "other_plugin.pipeline.CheckEnrollment"

ASIDES_MODELS = {
    "lms": ("lms.djangoapps.lms_xblock.models", "XBlockAsidesConfig"),
    "cms": ("cms.djangoapps.xblock_config.models", "StudioConfig"),
}


def run_tutor(root, *args):
    """Run the `tutor` command on a project root, blind to the TUTOR_* variables of the caller's shell."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("TUTOR_")}
    env.update(TUTOR_ROOT=str(root), TUTOR_PLUGINS_ROOT=str(root / "plugins"))
    result = subprocess.run([TUTOR, *args], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def project_root(tmp_path_factory, name, settings):
    root = tmp_path_factory.mktemp(name)
    run_tutor(root, "plugins", "enable", "digicomp")
    run_tutor(root, "config", "save", *(f"--set={key}={json.dumps(value)}" for key, value in settings.items()))
    return root


@pytest.fixture(scope="module")
def default_root(tmp_path_factory):
    return project_root(tmp_path_factory, "default", {})


@pytest.fixture(scope="module")
def custom_root(tmp_path_factory):
    return project_root(tmp_path_factory, "custom", CUSTOM)


class TutorApi:
    """Tutor's own API in this process, with the plugins of a project root loaded. Tutor's hooks are global: one
    instance per test module."""

    def __init__(self, root):
        # Imported here, under the test's TUTOR_* variables, rather than when the test module is collected.
        import tutor.commands.jobs  # declares Tutor's own init tasks when the core is ready
        import tutor.config
        import tutor.env
        import tutor.hooks

        self.config, self.env, self.hooks = tutor.config, tutor.env, tutor.hooks
        self.hooks.Actions.CORE_READY.do()
        self.hooks.Actions.PROJECT_ROOT_READY.do(str(root))
        self.root_config = self.config.load(str(root))

    def patch(self, root, name):
        """The patch `name` of every loaded plugin, rendered with the configuration of `root`."""
        return self.env.Renderer(self.config.load(str(root))).patch(name)

    def init_tasks(self, plugin=None):
        """(service, rendered script) of the init tasks: a plugin's, or all of them in the order they run."""
        context = self.hooks.Contexts.app(plugin).name if plugin else None
        return [(service, self.env.render_str(self.root_config, task))
                for service, task in self.hooks.Filters.CLI_DO_INIT_TASKS.iterate_from_context(context)]

    def config_defaults(self, plugin):
        context = self.hooks.Contexts.app(plugin).name
        return dict(self.hooks.Filters.CONFIG_DEFAULTS.iterate_from_context(context))


@pytest.fixture(scope="module")
def tutor_api(default_root):
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("TUTOR_")]:
            patch.delenv(name)
        patch.setenv("TUTOR_PLUGINS_ROOT", str(default_root / "plugins"))
        yield TutorApi(default_root)


def our_part(tutor_api, root, patch, path):
    """Our patch `patch` as Tutor rendered it for `root`, checked to be in the rendered file `path`."""
    text = tutor_api.patch(root, patch)
    assert text.startswith("# digicomp-xblock")
    assert text in (root / "env" / path).read_text(encoding="utf-8")
    return text


def build_stages(dockerfile):
    """The stages of a Dockerfile by name (`FROM ... AS name`), each with its instructions."""
    chunks = re.split(r"^(?=FROM )", dockerfile, flags=re.MULTILINE)
    return {chunk.split("\n", 1)[0].rsplit(" AS ", 1)[-1]: chunk for chunk in chunks if chunk.startswith("FROM ")}


def python_requirements_stage(root):
    """The stage of the openedx image that installs the platform's Python requirements, and the extra ones."""
    return build_stages((root / "env" / "build" / "openedx" / "Dockerfile").read_text(encoding="utf-8"))[
        "python-requirements"]


def manage_py_commands(script):
    """The `./manage.py` commands of a shell script, each as the list of its arguments."""
    words = shlex.split(script, comments=True)
    starts = [i for i, word in enumerate(words) if word == "./manage.py"]
    return [words[start + 1:end] for start, end in zip(starts, [*starts[1:], len(words)], strict=True)]


# The openedx image


def test_the_image_installs_the_package_with_the_platform_requirements(default_root):
    assert "$PIP_COMMAND install 'digicomp-xblock'\n" in python_requirements_stage(default_root)


def test_the_image_installs_the_configured_requirement_beside_the_operators_own(custom_root):
    stage = python_requirements_stage(custom_root)
    assert "$PIP_COMMAND install 'digicomp-xblock==0.1.0'\n" in stage
    assert "$PIP_COMMAND install 'operator-xblock==2.0'\n" in stage
    assert "install 'digicomp-xblock'\n" not in stage


# Settings


@pytest.mark.parametrize("path", LMS_SETTINGS + CMS_SETTINGS)
def test_settings_default_to_the_packages_own_defaults(tutor_api, default_root, path):
    settings = {}
    exec(our_part(tutor_api, default_root, "openedx-common-settings", path), settings)
    assert settings["DIGICOMP_MIN_GROUP"] == conf.MIN_GROUP.default
    assert settings["DIGICOMP_FRAMEWORK_BROWSER_URL"] == conf.FRAMEWORK_BROWSER_URL.default


@pytest.mark.parametrize("path", LMS_SETTINGS + CMS_SETTINGS)
def test_settings_follow_the_configuration(tutor_api, custom_root, path):
    settings = {}
    exec(our_part(tutor_api, custom_root, "openedx-common-settings", path), settings)
    assert settings["DIGICOMP_MIN_GROUP"] == CUSTOM["DIGICOMP_MIN_GROUP"]
    assert settings["DIGICOMP_FRAMEWORK_BROWSER_URL"] == CUSTOM["DIGICOMP_FRAMEWORK_BROWSER_URL"]


@pytest.mark.parametrize("path", LMS_SETTINGS)
@pytest.mark.parametrize(("before", "after"), [
    pytest.param(
        {RENDER: {"fail_silently": False, "pipeline": [THEIR_SECTION]}, ENROLLMENT: {"pipeline": [THEIR_ENROLLMENT_CHECK]}},
        {RENDER: {"fail_silently": False, "pipeline": [THEIR_SECTION, SECTION]},
         TABS: {"fail_silently": True, "pipeline": [TAB]},
         ENROLLMENT: {"pipeline": [THEIR_ENROLLMENT_CHECK]}},
        id="another-plugins-step"),
    pytest.param(
        None,
        {RENDER: {"fail_silently": True, "pipeline": [SECTION]}, TABS: {"fail_silently": True, "pipeline": [TAB]}},
        id="nothing-configured"),
    pytest.param(
        {RENDER: [THEIR_SECTION], TABS: THEIR_TAB},
        {RENDER: {"pipeline": [THEIR_SECTION, SECTION]}, TABS: {"pipeline": [THEIR_TAB, TAB]}},
        id="a-list-of-steps-or-one-step"),
    pytest.param(
        {RENDER: {"fail_silently": False, "pipeline": [SECTION], "log_level": "debug"}},
        {RENDER: {"fail_silently": False, "pipeline": [SECTION], "log_level": "debug"},
         TABS: {"fail_silently": True, "pipeline": [TAB]}},
        id="our-step-already-there"),
])
@pytest.mark.parametrize(("filters", "has_tabs_filter"), [("3.16.0", True), ("3.4.0", True), ("2.1.0", False)])
def test_lms_settings_add_our_filter_steps_to_what_is_configured(tutor_api, default_root, monkeypatch, path, before,
                                                                 after, filters, has_tabs_filter):
    """With openedx-filters 3.4 or later (Verawood) both steps; with an older one (Ulmo: 2.1) no tabs filter, which
    it does not have: what was configured for it stays as it was."""
    real_version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: filters if name == "openedx-filters" else real_version(name))
    if not has_tabs_filter:
        after = {**{key: value for key, value in after.items() if key != TABS},
                 **({TABS: before[TABS]} if before and TABS in before else {})}
    ours = our_part(tutor_api, default_root, "openedx-lms-common-settings", path)
    settings = {} if before is None else {"OPEN_EDX_FILTERS_CONFIG": copy.deepcopy(before)}
    exec(ours, settings)
    assert settings["OPEN_EDX_FILTERS_CONFIG"] == after
    exec(ours, settings)
    assert settings["OPEN_EDX_FILTERS_CONFIG"] == after


@pytest.mark.parametrize("path", CMS_SETTINGS)
def test_studio_settings_have_our_settings_and_no_filter_steps(default_root, path):
    text = (default_root / "env" / path).read_text(encoding="utf-8")
    assert "DIGICOMP_MIN_GROUP = " in text
    assert "digicomp_xblock.dashboard.pipeline" not in text


# Init tasks


@dataclass
class FakeConfigurationModel:
    """What the init tasks may use of a ConfigurationModel: `current()` is the newest row, or a new unsaved one, and
    `save()` always adds a row. Subclasses name the model and hold its rows."""

    enabled: bool = False
    disabled_blocks: str = "about course_info static_tab"
    changed_by: str | None = None
    rows: ClassVar[list] = []

    @classmethod
    def current(cls):
        return copy.copy(cls.rows[-1]) if cls.rows else cls()

    def save(self):
        self.rows.append(copy.copy(self))


def test_init_tasks_enable_asides_in_each_service_and_import_the_taxonomy_in_studio(tutor_api):
    tasks = tutor_api.init_tasks("digicomp")
    assert [service for service, _ in tasks] == ["lms", "cms"]
    lms, cms = (manage_py_commands(script) for _, script in tasks)
    assert [command[:3] for command in lms] == [["lms", "shell", "-c"]]
    assert [command[:3] for command in cms] == [["cms", "shell", "-c"], ["cms", "digicomp_taxonomy"]]


def test_init_tasks_run_after_the_platforms_migrations(tutor_api):
    every_task = tutor_api.init_tasks()
    for service, script in tutor_api.init_tasks("digicomp"):
        migrations = next(i for i, (_, task) in enumerate(every_task) if f"./manage.py {service} migrate" in task)
        assert migrations < every_task.index((service, script)), service


@pytest.mark.parametrize("service", ["lms", "cms"])
@pytest.mark.parametrize(("rows", "added"), [
    pytest.param([], [{"enabled": True}], id="never-configured"),
    pytest.param([{"enabled": False, "disabled_blocks": "about", "changed_by": "admin"}],
                 [{"enabled": True, "disabled_blocks": "about", "changed_by": None}], id="disabled"),
    pytest.param([{"enabled": True, "changed_by": "admin"}], [], id="already-enabled"),
])
def test_init_tasks_enable_asides_only_when_they_are_not(tutor_api, monkeypatch, service, rows, added):
    module_name, model_name = ASIDES_MODELS[service]
    model = type(model_name, (FakeConfigurationModel,), {"rows": []})
    model.rows = [model(**row) for row in rows]
    module = types.ModuleType(module_name)
    setattr(module, model_name, model)
    monkeypatch.setitem(sys.modules, module_name, module)
    (script,) = (script for name, script in tutor_api.init_tasks("digicomp") if name == service)
    shell = next(command for command in manage_py_commands(script) if command[1] == "shell")
    exec(shell[3], {})
    assert model.rows == [model(**row) for row in rows + added]


# The plugin's configuration and package


def test_the_plugin_declares_only_its_own_settings(tutor_api):
    assert all(name.startswith("DIGICOMP_") for name in tutor_api.config_defaults("digicomp"))


def test_the_readme_documents_every_setting_with_its_default(tutor_api):
    readme = (PLUGIN / "README.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `(\w+)` \| `([^`]*)` \|", readme, flags=re.MULTILINE))
    assert documented == {name: json.dumps(value) for name, value in tutor_api.config_defaults("digicomp").items()}


@pytest.mark.packaging
def test_the_wheel_carries_the_patches_and_init_scripts_and_declares_the_plugin(tmp_path):
    source = shutil.copytree(PLUGIN, tmp_path / "source", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path / "dist"), str(source)], check=True, capture_output=True)
    with zipfile.ZipFile(next((tmp_path / "dist").glob("tutor_contrib_digicomp-*.whl"))) as wheel:
        names = set(wheel.namelist())
        entry_points = next(wheel.read(name).decode() for name in names if name.endswith(".dist-info/entry_points.txt"))
    package = {path.relative_to(source).as_posix() for path in (source / "tutordigicomp").rglob("*") if path.is_file()}
    assert package <= names
    assert "[tutor.plugin.v1]\ndigicomp = tutordigicomp.plugin\n" in entry_points
