"""Packaging for digicomp-xblock.

The top-level folders `framework/`, `static/` and `translations/` are mapped into the package
(`digicomp_xblock/framework/` ...), so a regular install carries the framework data, the CSS/JS and the catalogs.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
DATA_DIRS = ("framework", "static", "translations")


def data_files_of(folder):
    """Every file below a top-level data folder, relative to it."""
    return sorted(str(p.relative_to(HERE / folder)) for p in (HERE / folder).rglob("*") if p.is_file())


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
        "digicomp_xblock": ["templates/*.html", "scenarios/*.xml", "devsite/templates/*.html", "devsite/templates/workbench/*.html",
                            "devsite/templates/registration/*.html", "devsite/demo_tags.yaml",
                            "dashboard/templates/digicomp_dashboard/*.html"],
        **{f"digicomp_xblock.{folder}": data_files_of(folder) for folder in DATA_DIRS},
    },
    install_requires=[
        "XBlock>=6.1",
        "Django>=4.2",
        "lxml>=4.9",
        "PyYAML>=6.0",
        "jsonschema>=4.18",
        # XBlock 6.3 imports web_fragments without declaring it.
        "web-fragments>=2.0",
    ],
    extras_require={
        "demo": [
            "xblock-sdk>=0.14",
            "XBlock[django]>=6.1",
            "openedx-core>=0.34",
            "django-statici18n>=2.4",
            "setuptools<82",
        ],
        "test": [
            "xblock-sdk>=0.14",
            "XBlock[django]>=6.1",
            "openedx-core>=0.34",
            "django-statici18n>=2.4",
            "setuptools<82",
            "pytest>=8",
            "pytest-django>=4.8",
            "hypothesis>=6.100",
            "openedx-filters>=2.0",
            "ruff>=0.6",
            "jsonschema[format]>=4.18",
            "polib>=1.2",
            "babel>=2.14",
            "build>=1.0",
            "playwright>=1.40",
            "axe-playwright-python>=0.1.4",
        ],
        # `make bench`: the workbench runtime plus xblock-poll's Survey block as a reference.
        "bench": [
            "xblock-sdk>=0.14",
            "XBlock[django]>=6.1",
            "openedx-core>=0.34",
            "django-statici18n>=2.4",
            "setuptools<82",
            "xblock-poll>=1.14",
        ],
    },
    entry_points={
        "console_scripts": ["digicomp = digicomp_xblock.cli:main"],
        "xblock.v1": [
            "digicomp_framework = digicomp_xblock.browser:FrameworkBrowserXBlock",
            "digicomp_assessment = digicomp_xblock.assessment:AssessmentXBlock",
            "digicomp_coverage = digicomp_xblock.coverage_block:CoverageXBlock",
            "digicomp_profile = digicomp_xblock.profile_block:CourseProfileXBlock",
            "digicomp_demo_container = digicomp_xblock.devsite.blocks:DemoContainer",
        ],
        "xblock_asides.v1": [
            "digicomp_tags = digicomp_xblock.tags_aside:CompetenceTagsAside",
        ],
        "openedx.course_tab": ["digicomp_competences = digicomp_xblock.dashboard.tabs:CompetencesTab"],
        "lms.djangoapp": [
            "digicomp_tagging = digicomp_xblock.tagging.apps:TaggingConfig",
            "digicomp_dashboard = digicomp_xblock.dashboard.apps:DashboardConfig",
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
