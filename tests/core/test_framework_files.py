"""Framework files an operator adds: found by ID in the configured folders, never by a path a block names."""

import pytest

from digicomp_xblock.core.loader import FrameworkError, bundled_frameworks, get_framework


@pytest.fixture
def own(tmp_path, mini_doc, write_yaml):
    """A folder of the operator's with one framework file, `our-selection.yaml`."""
    folder = tmp_path / "frameworks"
    folder.mkdir()
    mini_doc["id"] = "our-selection"
    (folder / "our-selection.yaml").write_text(write_yaml(mini_doc).read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_an_operators_framework_is_found_by_its_id(own):
    assert get_framework("our-selection", [own]).id == "our-selection"
    assert "our-selection" in bundled_frameworks([own]) and "social-work-2025" in bundled_frameworks([own])
    assert "our-selection" not in bundled_frameworks()
    with pytest.raises(FrameworkError, match="no framework 'our-selection'"):
        get_framework("our-selection")


@pytest.mark.parametrize("name", ["../our-selection", "frameworks/our-selection", "/etc/passwd", "..", "",
                                  "our-selection.yaml", "Our-Selection", "our-selection\x00"])
def test_a_block_can_name_no_path(own, name):
    with pytest.raises(FrameworkError, match="no framework"):
        get_framework(name, [own])


def test_a_link_that_leads_out_of_the_folder_is_not_followed(own, tmp_path, mini_doc, write_yaml):
    outside = tmp_path / "elsewhere.yaml"
    mini_doc["id"] = "linked-out"
    outside.write_text(write_yaml(mini_doc, "x.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (own / "linked-out.yaml").symlink_to(outside)
    with pytest.raises(FrameworkError, match="no framework 'linked-out'"):
        get_framework("linked-out", [own])
    assert "linked-out" not in bundled_frameworks([own])


def test_a_link_pointed_out_of_the_folder_after_a_first_read_is_no_longer_followed(own, tmp_path, mini_doc,
                                                                                   write_yaml):
    mini_doc["id"] = "moved"
    inside = own / "moved-target.yaml"
    inside.write_text(write_yaml(mini_doc, "x.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(inside.read_text(encoding="utf-8"), encoding="utf-8")
    link = own / "moved.yaml"
    link.symlink_to(inside)
    assert get_framework("moved", [own]).id == "moved"
    link.unlink()
    link.symlink_to(outside)
    with pytest.raises(FrameworkError, match="no framework 'moved'"):
        get_framework("moved", [own])


def test_a_link_inside_the_folder_is_fine_but_its_id_must_match(own):
    (own / "another-name.yaml").symlink_to(own / "our-selection.yaml")
    with pytest.raises(FrameworkError, match="file name says 'another-name' but the file's id is 'our-selection'"):
        get_framework("another-name", [own])


def test_a_broken_file_of_the_operator_is_reported_with_its_problems(own):
    (own / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    with pytest.raises(FrameworkError) as raised:
        get_framework("broken", [own])
    assert "broken.yaml" in str(raised.value)
