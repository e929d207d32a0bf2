"""The "Competences" course tab: shown in courses with a self-assessment, without walking the course on every page.

Open edX asks `is_enabled` of every course tab on every page of a course. The modulestore here is a stand-in
(`xmodule` is Open edX's) that counts how often the course is searched.
"""

import importlib
import sys
from types import ModuleType, SimpleNamespace

import pytest
from django.core.cache import cache

COURSE_KEY = "course-v1:SAM+DC+2026"


class Modulestore:
    """Open edX's modulestore as far as the tab uses it: `get_items` of a course, counted."""

    def __init__(self):
        self.blocks = {}  # course key -> block types in it
        self.searches = 0

    def get_items(self, course_key, qualifiers=None):
        self.searches += 1
        return [t for t in self.blocks.get(course_key, []) if t == qualifiers["category"]]


@pytest.fixture
def store(monkeypatch):
    """The stand-in modulestore, with `xmodule.tabs.CourseTab` and `xmodule.modulestore.django.modulestore`."""
    found = Modulestore()
    modules = {name: ModuleType(name) for name in ("xmodule", "xmodule.modulestore", "xmodule.modulestore.django",
                                                   "xmodule.tabs")}
    modules["xmodule.modulestore.django"].modulestore = lambda: found
    modules["xmodule.tabs"].CourseTab = type("CourseTab", (), {})
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.delitem(sys.modules, "digicomp_xblock.dashboard.tabs", raising=False)
    cache.clear()
    yield found
    cache.clear()
    sys.modules.pop("digicomp_xblock.dashboard.tabs", None)  # it was built on the stand-in CourseTab


def tab():
    return importlib.import_module("digicomp_xblock.dashboard.tabs").CompetencesTab


def course(version="v1", key=COURSE_KEY):
    return SimpleNamespace(id=key, course_version=version)


def test_the_tab_shows_in_a_course_with_a_self_assessment_and_not_in_one_without(store):
    store.blocks = {COURSE_KEY: ["html", "digicomp_assessment"], "course-v1:SAM+Other+2026": ["html"]}
    assert tab().is_enabled(course()) is True
    assert tab().is_enabled(course(key="course-v1:SAM+Other+2026")) is False


def test_a_hundred_pages_of_a_course_search_it_once(store):
    store.blocks = {COURSE_KEY: ["digicomp_assessment"]}
    assert all(tab().is_enabled(course(), user=None) for _ in range(100))
    assert store.searches == 1


def test_a_course_without_a_self_assessment_is_searched_once_too(store):
    assert not any(tab().is_enabled(course()) for _ in range(100))
    assert store.searches == 1


def test_a_new_version_of_the_course_is_searched_anew(store):
    """A self-assessment added and published: the next page shows the tab."""
    assert tab().is_enabled(course("v1")) is False
    store.blocks = {COURSE_KEY: ["digicomp_assessment"]}
    assert tab().is_enabled(course("v1")) is False  # the same version: the answer kept
    assert tab().is_enabled(course("v2")) is True and tab().is_enabled(course("v2")) is True
    assert store.searches == 2


def test_a_course_without_a_version_is_searched_once_a_while(store):
    store.blocks = {COURSE_KEY: ["digicomp_assessment"]}
    unversioned = SimpleNamespace(id=COURSE_KEY)
    assert tab().is_enabled(unversioned) and tab().is_enabled(unversioned)
    assert store.searches == 1
