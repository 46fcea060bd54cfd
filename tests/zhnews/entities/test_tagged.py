"""zhnews.entities.tagged: the statistical tagger's names where the rules found none, filtered."""

from zhnews.entities.base import Candidate
from zhnews.entities.tagged import with_tagger_names


def tagged_surfaces(body: str, spans: list[tuple[str, str]], found: list[Candidate] = ()) -> set[str]:
    tagged = [(body.index(s), body.index(s) + len(s), t) for s, t in spans]
    return {c.surface for c in with_tagger_names("d", body, tagged, list(found)) if c.rule == "tagger"}


def test_a_tagged_person_with_a_surname_is_kept():
    assert tagged_surfaces("周青岳昨天回到家乡。", [("周青岳", "PERSON")]) == {"周青岳"}


def test_honorific_references_and_bylines_are_no_tagged_names():
    assert tagged_surfaces("张先生昨天回到家乡。", [("张先生", "PERSON")]) == set()
    assert tagged_surfaces("（记者 周青岳）昨天", [("周青岳", "PERSON")]) == set()


def test_a_rule_candidate_wins_over_a_tagged_name_inside_it():
    body = "澜禾科技研究院发布报告。"
    rule = Candidate("d", "澜禾科技研究院", 0, 7, "ORG", 2.5, "suffix_org")
    assert tagged_surfaces(body, [("澜禾", "PERSON")], [rule]) == set()
