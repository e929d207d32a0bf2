"""The settings of digicomp-xblock: one module, read when used, every one documented in the README."""

from pathlib import Path

from digicomp_xblock import conf

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_a_setting_is_read_when_it_is_used(settings):
    settings.DIGICOMP_MIN_GROUP = 7
    assert conf.MIN_GROUP.value() == 7
    del settings.DIGICOMP_MIN_GROUP
    assert conf.MIN_GROUP.value() == conf.MIN_GROUP.default == 5


def test_every_setting_is_in_the_readme_with_its_default():
    for setting in conf.ALL:
        assert f"| `{setting.name}` | `{setting.default!r}".replace("'", '"') in README.replace("'", '"'), setting.name


def test_settings_have_our_prefix_and_one_entry_each():
    names = [setting.name for setting in conf.ALL]
    assert len(names) == len(set(names)) and all(name.startswith("DIGICOMP_") for name in names)
