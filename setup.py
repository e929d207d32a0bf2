"""Packaging for digicomp-xblock.

The top-level folders `framework/`, `static/` and `translations/` are mapped into the package
(`digicomp_xblock/framework/` ...), so a regular install carries the framework data, the CSS/JS and the catalogs.
What it needs is listed once, in `requirements/base.in`; the demo is a distribution of its own (`demo/`).
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
DATA_DIRS = ("framework", "static", "translations")


def data_files_of(folder):
    """Every file below a top-level data folder, relative to it."""
    return sorted(str(p.relative_to(HERE / folder)) for p in (HERE / folder).rglob("*") if p.is_file())


def requirements(name: str) -> list[str]:
    """The requirements of `requirements/<name>.in` (without its -c / -r lines and comments)."""
    lines = (line.split("#", 1)[0].strip() for line in (HERE / "requirements" / f"{name}.in").read_text().splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def version():
    for line in (HERE / "digicomp_xblock" / "__init__.py").read_text().splitlines():
        if line.startswith("__version__"):
            return line.split('"')[1]
    raise RuntimeError("no __version__")


setup(
    name="digicomp-xblock",
    version=version(),
    description="Open edX XBlocks for the framework for digital competences of professional social workers",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="AGPL-3.0-or-later",
    python_requires=">=3.11",
    packages=find_packages(include=["digicomp_xblock", "digicomp_xblock.*"]) + [
        f"digicomp_xblock.{folder}" for folder in DATA_DIRS
    ],
    package_dir={f"digicomp_xblock.{folder}": folder for folder in DATA_DIRS},
    package_data={
        "digicomp_xblock": ["rendering/templates/*/*.html", "dashboard/templates/digicomp_dashboard/*.html"],
        **{f"digicomp_xblock.{folder}": data_files_of(folder) for folder in DATA_DIRS},
    },
    install_requires=requirements("base"),
    entry_points={
        "console_scripts": ["digicomp = digicomp_xblock.cli:main"],
        "xblock.v1": [
            "digicomp_framework = digicomp_xblock.blocks.framework:FrameworkBrowserXBlock",
            "digicomp_assessment = digicomp_xblock.blocks.assessment:AssessmentXBlock",
            "digicomp_coverage = digicomp_xblock.blocks.coverage:CoverageXBlock",
            "digicomp_profile = digicomp_xblock.blocks.profile:CourseProfileXBlock",
            "digicomp_consensus = digicomp_xblock.blocks.consensus:ConsensusXBlock",
        ],
        "xblock_asides.v1": [
            "digicomp_tags = digicomp_xblock.blocks.tags:CompetenceTagsAside",
        ],
        "openedx.course_tab": ["digicomp_competences = digicomp_xblock.dashboard.tabs:CompetencesTab"],
        "lms.djangoapp": [
            "digicomp_tagging = digicomp_xblock.tagging.apps:TaggingConfig",
            "digicomp_dashboard = digicomp_xblock.dashboard.apps:DashboardConfig",
            "digicomp_analytics = digicomp_xblock.analytics.apps:AnalyticsConfig",
        ],
        "cms.djangoapp": [
            "digicomp_tagging = digicomp_xblock.tagging.apps:TaggingConfig",
            "digicomp_dashboard = digicomp_xblock.dashboard.apps:DashboardConfig",
        ],
    },
    classifiers=[
        "Framework :: Django",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Intended Audience :: Education",
        "Natural Language :: Dutch",
        "Natural Language :: English",
    ],
)
