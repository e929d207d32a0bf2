"""Packaging for tutor-contrib-digicomp, the Tutor plugin of digicomp-xblock (a distribution of its own).

`tutor plugins enable digicomp` loads `tutordigicomp.plugin` through the `tutor.plugin.v1` entry point; the
patches and init scripts are data files of the package. README.md documents the plugin's configuration.
"""

from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent


def version():
    for line in (HERE / "tutordigicomp" / "__init__.py").read_text().splitlines():
        if line.startswith("__version__"):
            return line.split('"')[1]
    raise RuntimeError("no __version__")


setup(
    name="tutor-contrib-digicomp",
    version=version(),
    description="Tutor plugin that installs and configures digicomp-xblock in Open edX",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="AGPL-3.0-or-later",
    python_requires=">=3.9",
    packages=["tutordigicomp"],
    package_data={"tutordigicomp": ["patches/*", "init/*.sh"]},
    install_requires=["tutor>=21.0.0,<23.0.0"],
    entry_points={"tutor.plugin.v1": ["digicomp = tutordigicomp.plugin"]},
)
