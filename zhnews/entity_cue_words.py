"""rules/entity_cues.yaml read once per process, and the character lists of it that both the statistical tagger
(`zhnews.entity_tagger`) and the entity rules (`zhnews.entities`) use: outside the entities package, which imports the
tagger, so that both can import it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from zhnews.yaml_rules import read_yaml

PATH = Path(__file__).parent / "rules" / "entity_cues.yaml"


@cache
def entity_cues() -> dict:
    """The file's data (shared by every caller: read it, don't change it)."""
    return read_yaml(PATH)


@cache
def surnames() -> frozenset[str]:
    """Single-character surnames (`surnames`, written with spaces between groups)."""
    return frozenset(entity_cues()["surnames"].replace(" ", ""))


@cache
def compound_surnames() -> frozenset[str]:
    return frozenset(entity_cues()["compound_surnames"])


@cache
def translit_chars() -> str:
    """Characters of transliterated foreign names (`translit_chars`), spaces dropped."""
    return entity_cues()["translit_chars"].replace(" ", "")
