"""One document's candidates from every source, overlaps resolved and names linked; the batch entry point."""

from __future__ import annotations

import re

from zhnews import entity_tagger
from zhnews.entities.base import Candidate
from zhnews.entities.brackets import book_title_products, bracket_names, bracketed_chinese_names, quoted_candidates
from zhnews.entities.known import (
    business_lines,
    departments,
    extended_known_names,
    known_name_heads,
    known_words,
    lexicon_candidates,
    place_organs,
    with_state_prefix,
    without_common_words,
)
from zhnews.entities.latin import latin_candidates, without_ratings
from zhnews.entities.links import (
    drop_glosses,
    link_abbreviations,
    link_former_names,
    link_name_parts,
    link_pairs,
    repeat_surfaces,
)
from zhnews.entities.lists import list_items
from zhnews.entities.media import account_handles, dateline_spans, media_candidates
from zhnews.entities.organisations import (
    bare_bureaus,
    listed_companies,
    org_candidates,
    place_sites,
    placed_institutions,
    school_departments,
    with_branch_places,
)
from zhnews.entities.people import (
    address_forms,
    honorific_references,
    names_with_zhi,
    nickname_candidates,
    person_candidates,
    translit_candidates,
    with_unknown_names,
    within_document_names,
)
from zhnews.entities.places import (
    address_parts,
    places_after_places,
    state_candidates,
    with_admin_places,
    with_unit_names,
    without_place_parts,
)
from zhnews.entities.products import (
    brand_models,
    company_products,
    noun_names,
    platforms_in_report_heads,
    platforms_named_before,
    products_after_orgs,
)
from zhnews.entities.segment import quick_tags
from zhnews.entities.tagged import whole_words, with_heads_after, with_tagger_names

# the lookbehind stops an address match from starting inside a long run (quadratic time otherwise)
URL = re.compile(r"(?:https?://|www\.)[!-~]+|(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.]+")

# a character lost in decoding (mojibake's question marks, the replacement character, private-use symbols): a name
# holding one is misread (证？日报)
LOST = re.compile("[?？\ufffd\ue000-\uf8ff]")


def extract_mentions(docs: list[tuple[str, str]]) -> list[Candidate]:
    """Entity mention candidates for a batch of (doc_id, body) pairs, sorted by document and offset."""
    tagged = entity_tagger.tag_documents(docs, quick_tags)  # the statistical tagger runs on the whole batch at once
    return [cand for doc_id, body in docs for cand in extract_document(doc_id, body, tagged[doc_id])]


def extract_document(doc_id: str, body: str, tagged: list[tuple[int, int, str]] | None = None) -> list[Candidate]:
    """Candidates for one document body; `tagged` are the tagger's names in it (found here when None)."""
    tagged = entity_tagger.tag_documents([(doc_id, body)], quick_tags)[doc_id] if tagged is None else tagged
    found = (
        latin_candidates(doc_id, body)
        + lexicon_candidates(doc_id, body)
        + media_candidates(doc_id, body)
        + account_handles(doc_id, body)
        + translit_candidates(doc_id, body)
        + state_candidates(doc_id, body)
        + names_with_zhi(body, person_candidates(doc_id, body))
        + org_candidates(doc_id, body)
        + listed_companies(doc_id, body)
        + bare_bureaus(doc_id, body)
        + bracket_names(doc_id, body)
        + quoted_candidates(doc_id, body)
        + book_title_products(doc_id, body)
        + noun_names(doc_id, body)
        + platforms_named_before(doc_id, body)
        + platforms_in_report_heads(doc_id, body)
        + brand_models(doc_id, body)
        + nickname_candidates(doc_id, body)
    )
    found = with_heads_after(body, with_tagger_names(doc_id, body, tagged, without_ratings(found)))
    found = whole_words(body, known_words(body, found))
    found = with_unknown_names(doc_id, body, without_common_words(body, found))
    found = places_after_places(doc_id, body, with_admin_places(doc_id, body, found))
    found = list_items(doc_id, body, address_parts(doc_id, body, found))
    found = place_organs(body, extended_known_names(body, place_sites(body, placed_institutions(body, found))))
    found = school_departments(body, departments(body, business_lines(body, known_name_heads(body, found))))
    found = company_products(body, products_after_orgs(body, with_branch_places(found, body)))
    found = without_place_parts(bracketed_chinese_names(body, found))
    blocked = [(m.start(), m.end()) for m in URL.finditer(body)] + dateline_spans(body)
    found = [c for c in found if not any(s < c.end and c.start < e for s, e in blocked) and not LOST.search(c.surface)]
    chosen = address_forms(
        body, drop_glosses(body, _without_overlaps(with_unit_names(body, with_state_prefix(body, found))))
    )
    chosen = honorific_references(doc_id, body, within_document_names(body, chosen))
    chosen = link_pairs(body, chosen)
    chosen = link_former_names(doc_id, body, chosen)
    chosen = link_abbreviations(doc_id, body, chosen)
    chosen = link_name_parts(doc_id, body, chosen)
    chosen = repeat_surfaces(doc_id, body, chosen)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _without_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest (then strongest) candidate wherever candidates overlap."""
    taken: list[Candidate] = []
    covered = bytearray(max((c.end for c in cands), default=0))
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), -c.weight, c.start)):
        if not any(covered[cand.start : cand.end]):
            covered[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            taken.append(cand)
    return taken
