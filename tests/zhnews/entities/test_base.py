"""zhnews.entities.base: the name key that compares names across scripts, widths and spacing."""

import pytest

from zhnews.entities import name_key
from zhnews.entities.base import institution_kind


@pytest.mark.parametrize(("a", "b"), [("Open AI", "OpenAI"), ("比尔·盖茨", "比尔盖茨"), ("ＧｉｔＨｕｂ", "github")])
def test_name_key_ignores_case_width_and_separators(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("surface", "kind"), [("养老基金", True), ("国立大学", True), ("北京大学", False), ("红杉资本", False)]
)
def test_institution_kind_is_a_modifier_and_a_suffix(surface, kind):
    assert institution_kind(surface) is kind
