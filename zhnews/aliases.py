"""Corpus-wide alias resolution: mention candidates -> one entity per real-world thing, and its mentions.

Surfaces are merged when the lexicon or the analyst's alias file says so, when a text defines one as
another's translation or former name, and when a Latin-script name is a likely misspelling of a more
frequent one (rapidfuzz OSA distance). Abbreviations and name parts resolve within their document.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from zhnews.entities.base import RULES, TYPES, Candidate, cues, lexicon, name_key
from zhnews.entities.segment import PROPER_TAGS, RARE_WORD_FREQ, pos_tokenizer
from zhnews.yaml_rules import read_yaml

DEFAULT_ALIASES = RULES / "aliases.yaml"
LATIN_KEY = re.compile(r"[a-z0-9&']+")
PHRASE_START_TAGS = ("r", "m", "p", "c", "u")  # pronoun, numeral, preposition...: 这是, 一项公共利益
PHRASE_END_TAGS = ("u", "y", "p", "c")


@dataclass(frozen=True)
class AliasConfig:
    """The analyst's merges, fuzzy-merge exceptions, stop list and forced types (rules/aliases.yaml)."""

    merge: tuple[tuple[str, str | None, tuple[str, ...]], ...] = ()  # (canonical name, type or None, aliases)
    split: frozenset[str] = frozenset()  # name keys never fuzzy-merged
    drop: frozenset[str] = frozenset()  # name keys that are never entities
    types: dict[str, str] = field(default_factory=dict)  # name key -> forced type


@dataclass(frozen=True)
class Entity:
    entity_id: str
    name: str
    type: str
    aliases: list[str]


@dataclass(frozen=True)
class Surface:
    """The candidates of one surface, type and link, summed: all resolution needs (not where they are)."""

    surface: str
    type: str
    weight: float  # summed over the candidates
    count: int  # how many candidates
    link: str | None = None  # with link_scope 'local': the id of the one document the name belongs to
    link_scope: str | None = None
    key: str = field(init=False, repr=False, compare=False)  # name_key(surface), computed once

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", name_key(self.surface))


SurfaceKey = tuple[str, str | None, str | None]  # (surface, link, link_scope): what decides a mention's entity


def surface_key(item: Candidate | Surface) -> SurfaceKey:
    return item.surface, item.link, item.link_scope


@dataclass(frozen=True)
class Mention:
    doc_id: str
    entity_id: str
    surface: str
    start_pos: int
    end_pos: int


def alias_path(path: str | Path | None = None) -> Path:
    """The alias file: `path`, else env ZHNEWS_ALIASES, else the bundled rules/aliases.yaml."""
    return Path(path or os.environ.get("ZHNEWS_ALIASES") or DEFAULT_ALIASES)


def load_alias_config(path: str | Path | None = None) -> AliasConfig:
    """Read the alias file (see `alias_path`)."""
    raw = read_yaml(alias_path(path)) or {}
    return parse_alias_config(raw)


def alias_fingerprint(path: str | Path | None = None) -> str:
    """Hash of the alias file and of this module's code: when either changes, entities must be resolved again."""
    return hashlib.sha1(alias_path(path).read_bytes() + Path(__file__).read_bytes()).hexdigest()[:16]


def parse_alias_config(raw: dict) -> AliasConfig:
    """Validate and normalise the alias file's content."""
    merges = []
    for item in raw.get("merge") or []:
        names = [str(n) for n in item.get("aliases") or []]
        name = str(item.get("name") or (names[0] if names else ""))
        etype = item.get("type")
        if not name or (etype is not None and etype not in TYPES):
            raise ValueError(f"bad merge entry in alias file: {item!r}")
        merges.append((name, etype, tuple([name, *names])))
    types = {name_key(str(k)): str(v) for k, v in (raw.get("types") or {}).items()}
    bad = [v for v in types.values() if v not in TYPES]
    if bad:
        raise ValueError(f"unknown entity type(s) in alias file: {bad}; use one of {TYPES}")
    return AliasConfig(
        merge=tuple(merges),
        split=frozenset(name_key(str(s)) for s in raw.get("split") or []),
        drop=frozenset(name_key(str(s)) for s in raw.get("drop") or []),
        types=types,
    )


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def entity_id(etype: str, name: str) -> str:
    """Stable id: hash of the type and the normalised canonical name."""
    return hashlib.sha1(f"{etype}\x00{name_key(name)}".encode()).hexdigest()[:16]


def aggregate(candidates: list[Candidate]) -> list[Surface]:
    """Sum the candidates per surface, type and link, in the order each first appears."""
    sums: dict[tuple, tuple[float, int]] = {}
    for c in candidates:
        key = (c.surface, c.type, c.link, c.link_scope)
        weight, count = sums.get(key, (0.0, 0))
        sums[key] = (weight + c.weight, count + 1)
    return [Surface(s, t, w, n, link, scope) for (s, t, link, scope), (w, n) in sums.items()]


def resolve_entities(
    candidates: list[Candidate], config: AliasConfig | None = None
) -> tuple[list[Entity], list[Mention]]:
    """Merge mention candidates of the whole corpus into entities; one mention per span (the strongest candidate's)."""
    entities, ids = resolve_surfaces(aggregate(candidates), config)
    spans: dict[tuple[str, int, int], Mention] = {}
    for c in sorted(candidates, key=lambda c: (-c.weight, ids.get(surface_key(c), ""))):
        eid = ids.get(surface_key(c))
        if eid:
            spans.setdefault((c.doc_id, c.start, c.end), Mention(c.doc_id, eid, c.surface, c.start, c.end))
    return entities, sorted(spans.values(), key=lambda m: (m.doc_id, m.start_pos, m.end_pos))


def resolve_surfaces(
    surfaces: list[Surface], config: AliasConfig | None = None
) -> tuple[list[Entity], dict[SurfaceKey, str]]:
    """Merge the summed candidates of the whole corpus into entities; returns them and each surface key's entity_id.

    Keys of dropped names are absent. `surfaces` in order of first appearance (it breaks ties between votes).
    """
    config = config or AliasConfig()
    local = [c for c in surfaces if c.link_scope == "local" and c.key not in config.drop]
    cands = [
        c
        for c in surfaces
        if c.link_scope != "local" and c.key not in config.drop and not (c.link and name_key(c.link) in config.drop)
    ]
    groups = _UnionFind()
    own_keys = {c.key for c in cands if c.link_scope != "doc"}
    for key in own_keys:
        groups.find(key)
    _merge_known(groups, own_keys, config)
    _merge_links(groups, cands)
    _merge_misspellings(groups, cands, config)
    _merge_short_forms(groups, cands)
    _merge_surnames(groups, cands)
    entities, ids = _build(cands, groups, config)
    return _with_local(entities, ids, local)


def _with_local(
    entities: list[Entity], ids: dict[SurfaceKey, str], local: list[Surface]
) -> tuple[list[Entity], dict[SurfaceKey, str]]:
    """Entities of one document only (link_scope 'local', `link` holding the document's id: 王先生 is someone else
    in every article), one per surface and document, never merged with any other."""
    own: dict[str, Entity] = {}
    for c in local:
        eid = hashlib.sha1(f"{c.type}\x00{c.key}\x00{c.link}".encode()).hexdigest()[:16]
        own.setdefault(eid, Entity(eid, c.surface, c.type, [c.surface]))
        ids[surface_key(c)] = eid
    return sorted([*entities, *own.values()], key=lambda e: e.entity_id), ids


def _merge_known(groups: _UnionFind, keys: set[str], config: AliasConfig) -> None:
    """Names of one lexicon item or one alias-file merge are one entity; so is a known name with a legal or group
    ending (腾讯控股 is 腾讯)."""
    lex = lexicon().by_key
    by_canonical: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if key in lex:
            by_canonical[name_key(lex[key][0])].append(key)
    for key in keys - lex.keys():
        bare = _known_stem(key, lex)
        if bare:
            by_canonical[name_key(lex[bare][0])].append(key)
    for canonical, members in by_canonical.items():
        for key in members:
            groups.union(canonical, key)
    for name, _, names in config.merge:
        for alias in names:
            groups.union(name_key(name), name_key(alias))


def _merge_links(groups: _UnionFind, cands: list[Surface]) -> None:
    """Translations and former names. A link counts unless a name in it is a common word or both names are seen
    alone more often than linked; two names then merge only when each is the other's strictly most frequent
    partner (links cannot chain one name to many; a tie merges nothing) and they are not two established
    entities (two known names, or two groups that each hold several names)."""
    support: Counter = Counter()
    alone: Counter = Counter()
    for c in cands:
        linked = c.link and c.link_scope == "corpus" and c.key != name_key(c.link)
        if linked and not (_common_word(c.surface) or _common_word(c.link)):
            support[tuple(sorted((c.key, name_key(c.link))))] += c.count
        elif c.link is None:
            alone[c.key] += c.count
    support = Counter({(a, b): n for (a, b), n in support.items() if min(alone[a], alone[b]) <= n})
    partners: dict[str, Counter] = defaultdict(Counter)
    for (a, b), n in support.items():
        partners[a][b] = partners[b][a] = n
    best = {key: _unique_best(counts) for key, counts in partners.items()}
    lex = lexicon().by_key
    sizes = Counter(groups.find(key) for key in list(groups.parent))
    known = {groups.find(key): lex[key][0] for key in list(groups.parent) if key in lex}
    for a, b in support:
        ra, rb = groups.find(a), groups.find(b)
        established = min(sizes[ra], sizes[rb]) >= 2 or (ra in known and rb in known and known[ra] != known[rb])
        if best[a] == b and best[b] == a and ra != rb and not established:
            groups.union(a, b)
            root = groups.find(a)
            sizes[root] = sizes[ra] + sizes[rb]
            if ra in known or rb in known:
                known[root] = known.get(ra) or known[rb]


def _unique_best(counts: Counter) -> str | None:
    """The most frequent partner, or None when two are equally frequent."""
    top = counts.most_common(2)
    return top[0][0] if len(top) == 1 or top[0][1] > top[1][1] else None


def _common_word(surface: str) -> bool:
    """Not a name: one character other than a capital letter, a lowercase Latin word, a frequent dictionary word
    not tagged as a proper noun (大家, 语言), or a phrase starting with a pronoun, numeral or preposition
    (这是, 一项公共利益)."""
    key = name_key(surface)
    if key in lexicon().by_key:
        return False
    if re.fullmatch(r"[a-z]+|[^A-Z]", surface):  # a capital letter may be a brand: X(原推特)
        return True
    tokenizer = pos_tokenizer()
    if (tokenizer.tokenizer.FREQ.get(key) or 0) >= RARE_WORD_FREQ:
        return not tokenizer.word_tag_tab.get(key, "").startswith(PROPER_TAGS)
    if not re.fullmatch(r"[\u4e00-\u9fff]+", key):
        return False
    words = [(t.word, t.flag) for t in tokenizer.cut(key, HMM=False)]
    return len(words) > 1 and (words[0][1].startswith(PHRASE_START_TAGS) or words[-1][1].startswith(PHRASE_END_TAGS))


def _known_stem(key: str, lex: dict) -> str | None:
    """The known name left when legal, group and trade endings come off: 腾讯控股, 华为技术有限公司 -> 华为."""
    while True:
        ending = next((e for e in cues().corporate_endings if key.endswith(e) and len(key) > len(e) + 1), None)
        if ending is None:
            return None
        key = key[: -len(ending)]
        if key in lex:
            return key


def _type_votes(cands: list[Surface]) -> dict[str, Counter]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        votes[c.key][c.type] += c.weight
    return votes


def _merge_misspellings(groups: _UnionFind, cands: list[Surface], config: AliasConfig) -> None:
    """Merge Latin-script names a typo apart (`Stabiliyt AI`, `Infection AI`); the canonical name is then the
    most frequent spelling. Names are compared only within the same first letter and nearly the same length."""
    votes = _type_votes(cands)
    lex = lexicon().by_key
    keys = sorted({c.key for c in cands if c.link_scope != "doc"})
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for key in keys:
        if LATIN_KEY.fullmatch(key) and len(key) >= 6 and key not in config.split:
            buckets[(key[0], len(key))].append(key)
    traits = {
        key: (re.findall(r"\d+", key), votes[key].most_common(1)[0][0] == "PERSON")
        for bucket in buckets.values()
        for key in bucket
    }
    for (first, length), bucket in buckets.items():
        for longer in (length, length + 1, length + 2):
            others = buckets.get((first, longer))
            if not others:
                continue
            distances = cdist(bucket, others, scorer=OSA.distance, score_cutoff=2, workers=1)
            for i, j in zip(*np.nonzero(distances <= (1 if length < 10 else 2)), strict=True):
                a, b = bucket[i], others[j]
                if (longer > length or i < j) and _may_be_typo(a, b, traits, lex):
                    groups.union(a, b)


def _may_be_typo(a: str, b: str, traits: dict[str, tuple[list[str], bool]], lex: dict) -> bool:
    """Not two different known names, same digits and not a person against a non-person (traits: digits, person)."""
    if a in lex and b in lex and lex[a][0] != lex[b][0]:
        return False
    return traits[a] == traits[b]


def _merge_short_forms(groups: _UnionFind, cands: list[Surface]) -> None:
    """Short forms a text defines (name parts, abbreviations) tie names across documents.

    A Latin name seen alone that some text uses as the leading part of exactly one longer name is that name
    (`Jasper` alone, and `Jasper AI` shortened to `Jasper` elsewhere). Two multi-word Latin names given the same
    abbreviation are one when they differ only by a misspelt word with the same first four letters
    (`Stability Diffusion` and `Stable Diffusion`, both `SD`).
    """
    alone = {c.key for c in cands if c.link is None}
    parts: dict[str, set[str]] = defaultdict(set)
    defined: dict[str, dict[str, str]] = defaultdict(dict)  # short form -> long name key -> long name
    for c in cands:
        if c.link_scope != "doc" or not c.link:
            continue
        long_key = name_key(c.link)
        if c.key in alone and LATIN_KEY.fullmatch(c.key) and len(c.key) >= 3 and long_key.startswith(c.key):
            parts[c.key].add(groups.find(long_key))
        defined[c.key][long_key] = c.link
    for key, roots in sorted(parts.items()):
        if len(roots) == 1:
            groups.union(key, next(iter(roots)))
    for names in defined.values():
        ordered = sorted(names.items())
        for i, (a, name_a) in enumerate(ordered):
            for b, name_b in ordered[i + 1 :]:
                if _misspelt_word_apart(name_a, name_b):
                    groups.union(a, b)


def _misspelt_word_apart(a: str, b: str) -> bool:
    """Same number of Latin words (two or more), equal but for words sharing their first four letters."""
    words_a, words_b = a.lower().split(), b.lower().split()
    if len(words_a) != len(words_b) or len(words_a) < 2 or not all(LATIN_KEY.fullmatch(w) for w in words_a + words_b):
        return False
    differ = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    return len(differ) == 1 and len(differ[0][0]) >= 4 and differ[0][0][:4] == differ[0][1][:4]


def _merge_surnames(groups: _UnionFind, cands: list[Surface]) -> None:
    """A lone surname (`Mostaque`, `莫斯塔克`) found in a document without the full name joins the one person
    of the corpus whose full name ends with it; with two such people it stays apart."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        if c.link_scope != "doc":
            votes[groups.find(c.key)][c.type] += c.weight
    people: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        parts = re.split(r"[ ·•‧・]", c.surface)
        root = groups.find(c.key)
        if c.link_scope != "doc" and len(parts) > 1 and votes[root].most_common(1)[0][0] == "PERSON":
            people[name_key(parts[-1])].add(root)
    for c in cands:
        key = c.key
        owners = people.get(key, set())
        if (
            c.link_scope != "doc"
            and len(owners) == 1
            and len(key) >= 3
            and groups.find(key) not in owners
            and votes[groups.find(key)].get("PERSON", 0) >= max(votes[groups.find(key)].values()) / 2
        ):
            groups.union(key, next(iter(owners)))


def _build(cands: list[Surface], groups: _UnionFind, config: AliasConfig) -> tuple[list[Entity], dict[SurfaceKey, str]]:
    """One entity per entity_id: groups that end up with the same type and canonical name are one entity, so two
    rows with one id cannot be written. A short form whose long name is no name of its own anywhere (the rule that
    found it was overruled in its document) stands for itself."""
    own_roots = {groups.find(c.key) for c in cands if c.link_scope != "doc"}
    members: dict[str, list[Surface]] = defaultdict(list)
    for c in cands:
        linked = c.link and c.link_scope == "doc" and groups.find(name_key(c.link)) in own_roots
        members[groups.find(name_key(c.link) if linked else c.key)].append(c)
    by_id: dict[str, Entity] = {}
    ids: dict[SurfaceKey, str] = {}
    forced_names = {groups.find(name_key(name)): (name, etype) for name, etype, _ in config.merge}
    for root, group in sorted(members.items()):
        name, etype = _canonical(root, group, groups, config, forced_names)
        if name_key(name) in config.drop:
            continue
        eid = entity_id(etype, name)
        known = by_id.get(eid)
        aliases = {c.surface for c in group} | set(known.aliases if known else ())
        by_id[eid] = Entity(eid, known.name if known else name, etype, sorted(aliases))
        ids.update((surface_key(c), eid) for c in group)
    return sorted(by_id.values(), key=lambda e: e.entity_id), ids


def _canonical(
    root: str,
    group: list[Surface],
    groups: _UnionFind,
    config: AliasConfig,
    forced_names: dict[str, tuple[str, str | None]],
) -> tuple[str, str]:
    """Canonical name (alias file, lexicon, else the most frequent own name) and type (forced, else votes)."""
    lex = lexicon().by_key
    votes: Counter = Counter()
    for c in group:
        votes[c.type] += c.weight
    own = _counts(c for c in group if c.link_scope != "doc") or _counts(group)
    known = [lex[name_key(s)] for s in own if name_key(s) in lex]
    if known:
        votes[known[0][1]] += 100
    name = forced_names.get(root, (None, None))[0] or (
        known[0][0] if known else max(own, key=lambda s: (own[s], len(s), s))
    )
    forced = forced_names.get(root, (None, None))[1] or next(
        (config.types[name_key(s)] for s in sorted(own) if name_key(s) in config.types), None
    )
    etype = forced or max(sorted(votes), key=lambda t: votes[t])
    return name, etype


def _counts(surfaces: Iterable[Surface]) -> Counter:
    """How many candidates each surface has, in order of first appearance."""
    counts: Counter = Counter()
    for c in surfaces:
        counts[c.surface] += c.count
    return counts
