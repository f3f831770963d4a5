"""The public API: every name `kg` exports is importable, and stays what it is."""

import importlib

import pytest

import kg


@pytest.mark.parametrize("name", kg.__all__)
def test_every_exported_name_resolves(name):
    assert getattr(kg, name) is not None


def test_importing_the_modules_does_not_shadow_the_functions():
    # a submodule named like an API function would replace it on the package once imported
    for module in set(kg._API.values()):
        importlib.import_module(module)
    for name in ("extract", "evaluate", "analyze", "build", "query", "export", "validate"):
        assert callable(getattr(kg, name)) and not isinstance(getattr(kg, name), type(kg)), name


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        kg.no_such_function  # noqa: B018
