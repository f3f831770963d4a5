"""Data files that cannot be read are named, with the line where YAML says the problem is."""

import pytest

from kg.errors import DataError
from kg.resources import read_yaml


def test_a_malformed_yaml_file_is_named_with_its_line(tmp_path):
    bad = tmp_path / "triggers.yaml"
    bad.write_text("consult:\n  forms: [محادثات\n  verbs: []\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_yaml(bad)
    assert caught.value.file == str(bad)
    assert caught.value.line is not None and caught.value.line >= 2


def test_a_missing_data_file_is_named(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        read_yaml(tmp_path / "absent.yaml")
