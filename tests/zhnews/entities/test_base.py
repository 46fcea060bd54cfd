"""zhnews.entities.base: the name key that compares names across scripts, widths and spacing."""

import pytest

from zhnews.entities import name_key


@pytest.mark.parametrize(("a", "b"), [("Open AI", "OpenAI"), ("比尔·盖茨", "比尔盖茨"), ("ＧｉｔＨｕｂ", "github")])
def test_name_key_ignores_case_width_and_separators(a, b):
    assert name_key(a) == name_key(b)
