"""The `found` helper of the entity tests: surface -> type of every candidate in one text."""

from collections.abc import Callable

import pytest

from zhnews.entities import extract_document


@pytest.fixture
def found() -> Callable[[str], dict[str, str]]:
    """surface -> type of every candidate in one text."""
    return lambda text: {c.surface: c.type for c in extract_document("d", text)}
