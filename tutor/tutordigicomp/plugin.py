"""The Tutor plugin "digicomp": digicomp-xblock in an Open edX platform that Tutor deploys.

- installs the package into the openedx image (a Dockerfile patch, so it never replaces the operator's
  OPENEDX_EXTRA_PIP_REQUIREMENTS nor another plugin's requirements);
- sets its Django settings in the LMS and Studio, and adds its two Instructor Dashboard pipeline steps to the LMS's
  OPEN_EDX_FILTERS_CONFIG;
- `tutor local|dev|k8s do init` enables XBlock asides in the LMS and Studio and imports the framework taxonomy.

The patches are the files of patches/, each named after the Tutor patch it fills; the init tasks are
init/<service>.sh. Only hooks that Tutor 21 (Ulmo) and Tutor 22 (Verawood) both have are used; README.md documents
the configuration.
"""

from importlib import resources

from tutor import hooks

FILES = resources.files(__package__)

hooks.Filters.CONFIG_DEFAULTS.add_items(
    [
        # What the openedx image installs: a pip requirement (a pinned version, a git URL...).
        ("DIGICOMP_PIP_REQUIREMENT", "digicomp-xblock"),
        # The Django settings of the same name (digicomp_xblock/conf.py).
        ("DIGICOMP_MIN_GROUP", 5),
        ("DIGICOMP_FRAMEWORK_BROWSER_URL", ""),
    ]
)

hooks.Filters.ENV_PATCHES.add_items(
    [(patch.name, patch.read_text(encoding="utf-8")) for patch in FILES.joinpath("patches").iterdir()]
)

hooks.Filters.CLI_DO_INIT_TASKS.add_items(
    [(service, FILES.joinpath("init", f"{service}.sh").read_text(encoding="utf-8")) for service in ("lms", "cms")]
)
