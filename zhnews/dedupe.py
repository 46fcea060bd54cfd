"""Dedupe: one canonical copy per article, however it was captured.

Texts are normalised (NFKC, lowercase, punctuation and white space dropped, digits kept), cut into
character shingles and summarised by a MinHash signature computed with numpy for a whole batch at once.
LSH banding proposes candidate pairs, from the whole text's signature and from a second, small signature
of its beginning (a copy cut to half its length has a low Jaccard similarity but starts as the original
does); each candidate is verified by Jaccard similarity or containment (a truncated copy lies inside
the longer one) and by its figures (a template report with other numbers is another report).
Verified pairs link documents into clusters. Identities are stable as copies arrive: a cluster is named
after its earliest-seen member, and its canonical copy changes only for a substantially more complete one
(`cluster_rows`).

Everything here works on batches in memory; the dedupe asset stores signatures, LSH buckets and
verified pairs in the warehouse so that a new document is compared with stored signatures only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import xxhash

from zhnews.settings import RULES_DIR
from zhnews.yaml_rules import read_yaml

STAGE = "dedupe"

# Everything but letters, digits and decimal points (`.` or full-width `．` between digits).
_DROP = re.compile(r"(?:[^\w.．]|_|[.．](?!\d)|(?<!\d)[.．])+")
_NOT_WORD = re.compile(r"[\W_]+")  # _DROP for a text without any point (. ．): one character class, faster
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PAD = "\x00"  # never left in a normalised text: pads texts shorter than one shingle
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_POLY = np.uint64(0x100000001B3)


@dataclass(frozen=True)
class DedupeRules:
    """Thresholds and sizes from `rules/dedupe.yaml` (the reasons are documented there)."""

    shingle_size: int = 5
    num_perm: int = 128
    bands: int = 32
    rows: int = 4
    seed: int = 20240321
    jaccard_min: float = 0.6
    containment_min: float = 0.8
    containment_min_shingles: int = 40
    length_ratio_min: float = 0.3
    figure_context_chars: int = 4
    figure_conflict_max: float = 0.05
    prefix_chars: int = 150
    prefix_bands: int = 16
    prefix_rows: int = 3
    block_shingles: int = 8192
    batch_chars: int = 2_000_000
    bucket_star_over: int = 64
    canonical_takeover: float = 1.1

    def __post_init__(self) -> None:
        if self.bands * self.rows != self.num_perm:
            raise ValueError(f"bands * rows must equal num_perm ({self.bands} * {self.rows} != {self.num_perm})")
        if self.prefix_bands < 0 or self.prefix_rows < 1:
            raise ValueError("prefix_bands must be 0 (no prefix signature) or more, prefix_rows 1 or more")

    @property
    def prefix_perm(self) -> int:
        """Length of the prefix signature."""
        return self.prefix_bands * self.prefix_rows


@functools.cache
def load_rules(path: Path = RULES_DIR / "dedupe.yaml") -> DedupeRules:
    return DedupeRules(**read_yaml(path))


def scheme(rules: DedupeRules) -> str:
    """Fingerprint of the rules: stored signatures and pairs made under other rules must be redone."""
    return xxhash.xxh3_64_hexdigest(repr(rules).encode("utf-8"))


@dataclass
class Signatures:
    """Per-document fingerprints of a batch, column by column (row i belongs to doc_ids[i])."""

    doc_ids: list[str]
    body_hash: list[str]  # hash of the normalised text: equal for exact copies
    body_chars: np.ndarray  # length of the cleaned body: the longest copy is canonical
    n_shingles: np.ndarray  # distinct shingles: 0 for a text with no letters or digits
    minhash: np.ndarray  # (documents, num_perm) uint32
    figures: list[tuple[str, ...]] = field(default_factory=list)  # "context=number" keys
    prefix: np.ndarray | None = None  # (documents, prefix_perm) uint32 MinHash of the text's beginning

    def __len__(self) -> int:
        return len(self.doc_ids)

    @staticmethod
    def concat(parts: Sequence[Signatures], num_perm: int) -> Signatures:
        """The parts one after another, for verification: the prefix signatures (LSH only) are left out."""
        parts = [p for p in parts if len(p)]
        if not parts:
            return empty_signatures(num_perm)
        return Signatures(
            [d for p in parts for d in p.doc_ids],
            [h for p in parts for h in p.body_hash],
            np.concatenate([p.body_chars for p in parts]),
            np.concatenate([p.n_shingles for p in parts]),
            np.concatenate([p.minhash for p in parts]),
            [f for p in parts for f in p.figures],
        )


def empty_signatures(num_perm: int) -> Signatures:
    none = np.zeros(0, dtype=np.int64)
    return Signatures([], [], none, none.copy(), np.zeros((0, num_perm), dtype=np.uint32), [])


def signatures_from_rows(frame, num_perm: int) -> Signatures:
    """Signatures from stored rows (doc_id, body_hash, body_chars, n_shingles, minhash bytes, figures)."""
    if frame.empty:
        return empty_signatures(num_perm)
    values = np.frombuffer(b"".join(bytes(b) for b in frame["minhash"]), dtype="<u4")
    return Signatures(
        doc_ids=frame["doc_id"].tolist(),
        body_hash=frame["body_hash"].tolist(),
        body_chars=frame["body_chars"].to_numpy(dtype=np.int64),
        n_shingles=frame["n_shingles"].to_numpy(dtype=np.int64),
        minhash=values.reshape(len(frame), num_perm).astype(np.uint32),
        figures=[tuple(f) for f in frame["figures"]],
    )


@dataclass(frozen=True)
class Pair:
    """A verified duplicate pair: `containment` is the share of the shorter text inside the longer."""

    doc_a: str
    doc_b: str
    jaccard: float
    containment: float


@dataclass(frozen=True)
class DuplicateRow:
    """One row of the `duplicates` table; similarity and containment are against the canonical copy."""

    doc_id: str
    cluster_id: str
    is_canonical: bool
    similarity: float
    containment: float


# --- normalisation and fingerprints ------------------------------------------------------------


def normalise(text: str) -> str:
    """The text as hashed: NFKC, lowercase, only letters, digits and decimal points left.

    Punctuation goes first: what is left is mostly already NFKC, which unicodedata then checks quickly
    instead of rewriting the whole text; a second pass drops what NFKC turned into punctuation (`½`).
    """
    kept = unicodedata.normalize("NFKC", _drop(text)).lower()
    return kept if kept.isalnum() or not kept else _drop(kept)


def _drop(text: str) -> str:
    """The text without punctuation, white space and points that are no decimal point."""
    return _DROP.sub("", text) if "." in text or "．" in text else _NOT_WORD.sub("", text)


def body_hash(normalised: str) -> str:
    return xxhash.xxh3_128_hexdigest(normalised.encode("utf-8"))


def figure_keys(normalised: str, context: int) -> tuple[str, ...]:
    """Each number keyed by the characters before it (`left|=digits`) and after it (`|right=digits`).

    Each side is a key of its own, so a figure is still recognised when the text on its other side
    differs (a company name after a date, an edited clause). Other numbers in a context count as one
    `#`, so `5月4日` and `11月30日` give the same contexts. A number at either end of the text is left
    out: a truncated copy may have cut it. The number keeps its digits but not its
    decimal point: `3.5` and `35` are one figure captured two ways (a half-width `.` ending a sentence
    before `5月` reads as a decimal point), not two figures.
    """
    between = _NUMBER.split(normalised)
    masked = "#".join(between)
    keys, at = set(), 0
    for gap, number in zip(between, _NUMBER.findall(normalised), strict=False):
        at += len(gap)
        if 0 < at < len(masked) - 1:  # a number at either end of the text may have been cut
            digits = number.replace(".", "")
            keys.add(f"{masked[max(0, at - context) : at]}|={digits}")
            keys.add(f"|{masked[at + 1 : at + 1 + context]}={digits}")
        at += 1
    return tuple(sorted(keys))


def figure_conflict(a: Iterable[str], b: Iterable[str]) -> float:
    """Share of the number contexts found in both texts whose numbers all differ (0 when none shared)."""
    return _conflict(_by_context(a), _by_context(b))


def _conflict(values_a: dict[str, set[str]], values_b: dict[str, set[str]]) -> float:
    shared = values_a.keys() & values_b.keys()
    if not shared:
        return 0.0
    return sum(values_a[c].isdisjoint(values_b[c]) for c in shared) / len(shared)


def _by_context(keys: Iterable[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for key in keys:
        context, _, value = key.rpartition("=")
        out.setdefault(context, set()).add(value)
    return out


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: spreads every input bit over the whole 64-bit word (in place)."""
    h ^= h >> np.uint64(33)
    h *= _MIX1
    h ^= h >> np.uint64(33)
    h *= _MIX2
    h ^= h >> np.uint64(33)
    return h


@functools.cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-add-shift hash functions: `(a*x + b) mod 2**64 >> 32` with random odd a."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def shingle_hashes(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct 32-bit hashes of each text's k-character shingles, all texts in one vectorised pass.

    Returns (hashes, owner): hashes sorted by owner (the text's index), then by value.
    A text shorter than k is one shingle; an empty text has none.
    """
    padded = [t if len(t) >= k or not t else t + _PAD * (k - len(t)) for t in texts]
    lengths = np.fromiter((len(t) for t in padded), dtype=np.int64, count=len(padded))
    codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    windows = len(codes) - k + 1
    if windows <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    h = np.zeros(windows, dtype=np.uint64)
    for j in range(k):
        h *= _POLY
        h += codes[j : j + windows]
    _fmix64(h)
    owner = np.repeat(np.arange(len(padded), dtype=np.int64), lengths)[:windows]
    ends = np.cumsum(lengths)
    keep = np.arange(windows) + k <= ends[owner]
    keys = np.sort((owner[keep].astype(np.uint64) << np.uint64(32)) | (h[keep] >> np.uint64(32)))
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]]  # np.unique is much slower than sort + mask here
    return keys & np.uint64(0xFFFFFFFF), (keys >> np.uint64(32)).astype(np.int64)


def minhash(hashes: np.ndarray, owner: np.ndarray, n_docs: int, rules: DedupeRules, prefix: bool = False) -> np.ndarray:
    """(n_docs, num_perm) MinHash values from `shingle_hashes` output; all-ones rows for empty texts.

    With `prefix`, prefix_perm values from hash functions of their own (another seed). Works on blocks
    laid out (num_perm, block): the minimum then runs along contiguous memory, about ten times faster
    than the (block, num_perm) layout.
    """
    num_perm = rules.prefix_perm if prefix else rules.num_perm
    a, b = _permutations(num_perm, rules.seed + 1 if prefix else rules.seed)
    out = np.full((n_docs, num_perm), 0xFFFFFFFF, dtype=np.uint32)
    step = max(1, rules.block_shingles)
    buffer = np.empty((num_perm, min(step, len(hashes))), dtype=np.uint64)
    for start in range(0, len(hashes), step):
        block, block_owner = hashes[start : start + step], owner[start : start + step]
        values = buffer[:, : len(block)]
        np.multiply(a[:, None], block[None, :], out=values)
        values += b[:, None]
        values >>= np.uint64(32)
        firsts = np.flatnonzero(np.r_[True, block_owner[1:] != block_owner[:-1]])
        docs = block_owner[firsts]
        block_min = np.minimum.reduceat(values, firsts, axis=1).T.astype(np.uint32)
        out[docs] = np.minimum(out[docs], block_min)
    return out


def _by_size(texts: Sequence[str], budget: int) -> Iterable[list[int]]:
    """Consecutive index groups of texts whose total length stays within `budget` characters."""
    group: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        if group and size + len(text) > budget:
            yield group
            group, size = [], 0
        group.append(i)
        size += len(text)
    if group:
        yield group


def signatures(docs: Sequence[tuple[str, str]], rules: DedupeRules) -> Signatures:
    """Fingerprints of (doc_id, cleaned body) pairs; exact copies are hashed once.

    The prefix signature is the MinHash of the first prefix_chars normalised characters: a copy that
    keeps the article's beginning has nearly the same one, however much of the rest it lost.
    """
    normalised = [normalise(body) for _, body in docs]
    hashes = [body_hash(t) for t in normalised]
    first: dict[str, int] = {}
    unique_rows = [first.setdefault(h, i) for i, h in enumerate(hashes)]
    distinct = sorted(set(unique_rows))
    slot = {row: s for s, row in enumerate(distinct)}
    texts = [normalised[i] for i in distinct]
    values = np.zeros((len(texts), rules.num_perm), dtype=np.uint32)
    prefixes = np.zeros((len(texts), rules.prefix_perm), dtype=np.uint32)
    counts = np.zeros(len(texts), dtype=np.int64)
    for part in _by_size(texts, rules.batch_chars):
        shingles, owner = shingle_hashes([texts[i] for i in part], rules.shingle_size)
        values[part] = minhash(shingles, owner, len(part), rules)
        counts[part] = np.bincount(owner, minlength=len(part))
        if rules.prefix_perm:
            shingles, owner = shingle_hashes([texts[i][: rules.prefix_chars] for i in part], rules.shingle_size)
            prefixes[part] = minhash(shingles, owner, len(part), rules, prefix=True)
    figures = [figure_keys(t, rules.figure_context_chars) for t in texts]
    rows = [slot[r] for r in unique_rows]
    return Signatures(
        doc_ids=[d for d, _ in docs],
        body_hash=hashes,
        body_chars=np.fromiter((len(body) for _, body in docs), dtype=np.int64, count=len(docs)),
        n_shingles=counts[rows],
        minhash=values[rows],
        figures=[figures[r] for r in rows],
        prefix=prefixes[rows],
    )


# --- LSH candidates ----------------------------------------------------------------------------


def band_buckets(sigs: Signatures, rules: DedupeRules) -> np.ndarray:
    """(documents, bands + prefix_bands) uint64 LSH bucket keys: the whole text's bands, then the prefix's.

    The band number is part of the key, so a bucket of one band never meets a bucket of another.
    """
    whole = _band_keys(sigs.minhash, rules.bands, rules.rows, 0)
    if not rules.prefix_bands:
        return whole
    if sigs.prefix is None:
        raise ValueError("band_buckets needs the prefix signatures of freshly signed documents")
    return np.hstack([whole, _band_keys(sigs.prefix, rules.prefix_bands, rules.prefix_rows, rules.bands)])


def _band_keys(minhashes: np.ndarray, bands: int, rows: int, first_band: int) -> np.ndarray:
    n = len(minhashes)
    grouped = minhashes.reshape(n, bands, rows).astype(np.uint64)
    numbers = np.arange(first_band, first_band + bands, dtype=np.uint64) + np.uint64(1)
    keys = np.broadcast_to(numbers, (n, bands)).copy()
    for j in range(rows):
        keys *= _POLY
        keys += grouped[:, :, j]
    return _fmix64(keys)


def candidate_pairs(
    new_ids: Sequence[str],
    new_buckets: np.ndarray,
    old_ids: Sequence[str] = (),
    old_buckets: Sequence[int] = (),
    star_over: int = 64,
) -> set[tuple[str, str]]:
    """Pairs sharing an LSH bucket, each involving at least one new document, as (smaller, larger) ids.

    `new_buckets` is (len(new_ids), bands); `old_ids`/`old_buckets` are flat (doc_id, bucket) rows of
    stored documents (only the rows whose bucket any new document has matter). A bucket holding more
    than `star_over` documents (many exact copies) pairs its first member, a new one when it has any,
    with every other member instead of all members with each other.
    """
    names = list(new_ids) + sorted(set(old_ids) - set(new_ids))
    number = {name: i for i, name in enumerate(names)}
    bands = new_buckets.shape[1] if new_buckets.ndim == 2 else 0
    owners = np.r_[
        np.repeat(np.arange(len(new_ids), dtype=np.int64), bands),
        np.fromiter((number[d] for d in old_ids), dtype=np.int64, count=len(old_ids)),
    ]
    buckets = np.r_[new_buckets.reshape(-1), np.asarray(old_buckets, dtype=np.uint64)]
    order = np.argsort(buckets, kind="stable")
    a, b = bucket_pairs(owners[order], buckets[order], len(new_ids), star_over)
    return {_ordered(names[x], names[y]) for x, y in zip(a, b, strict=True)}


def bucket_pairs(owners: np.ndarray, buckets: np.ndarray, new: int, star_over: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (a, b) pairs, a < b, of owners (documents numbered with the new ones first, below `new`) of rows
    sharing a bucket, each involving a new document. Rows come sorted by bucket; a bucket of more than
    `star_over` rows pairs its first row's owner with each other one."""
    bounds = np.flatnonzero(np.r_[True, buckets[1:] != buckets[:-1], True])
    starts, sizes = bounds[:-1], np.diff(bounds)
    firsts, seconds = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for size in np.unique(sizes[(sizes > 1) & (sizes <= star_over)]):  # all buckets of one size at once
        lo = starts[sizes == size][:, None]
        i, j = np.triu_indices(size, 1)
        firsts.append(owners[lo + i].reshape(-1))
        seconds.append(owners[lo + j].reshape(-1))
    for lo, hi in zip(starts[sizes > star_over], bounds[1:][sizes > star_over], strict=True):
        firsts.append(np.full(hi - lo - 1, owners[lo]))  # a crowded bucket: its first member with each other
        seconds.append(owners[lo + 1 : hi])
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    a, b = np.minimum(a, b), np.maximum(a, b)
    keep = (a != b) & (a < new)  # new documents are numbered first
    span = int(max(owners.max(initial=0), 0)) + 1
    codes = np.unique(a[keep] * span + b[keep])
    return codes // span, codes % span


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


# --- verification and clusters -----------------------------------------------------------------


def compare(sigs: Signatures, rows_a: np.ndarray, rows_b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Estimated Jaccard, |A∩B|/|A| and |A∩B|/|B| for row pairs of `sigs`."""
    jaccard = (sigs.minhash[rows_a] == sigs.minhash[rows_b]).mean(axis=1)
    size_a = sigs.n_shingles[rows_a].astype(float)
    size_b = sigs.n_shingles[rows_b].astype(float)
    both = jaccard * (size_a + size_b) / (1.0 + jaccard)
    with np.errstate(divide="ignore", invalid="ignore"):
        in_a = np.where(size_a > 0, np.minimum(1.0, both / size_a), 0.0)
        in_b = np.where(size_b > 0, np.minimum(1.0, both / size_b), 0.0)
    empty = (size_a == 0) | (size_b == 0)
    return np.where(empty, 0.0, jaccard), np.where(empty, 0.0, in_a), np.where(empty, 0.0, in_b)


def verify(pairs: Iterable[tuple[str, str]], sigs: Signatures, rules: DedupeRules) -> list[Pair]:
    """The candidate pairs that are copies of one article (both ids must be in `sigs`)."""
    pairs = sorted(pairs)
    if not pairs:
        return []
    row_of = {d: i for i, d in enumerate(sigs.doc_ids)}
    rows_a = np.array([row_of[a] for a, _ in pairs], dtype=np.int64)
    rows_b = np.array([row_of[b] for _, b in pairs], dtype=np.int64)
    jaccard, in_a, in_b = compare(sigs, rows_a, rows_b)
    size_a, size_b = sigs.n_shingles[rows_a], sigs.n_shingles[rows_b]
    smaller = np.minimum(size_a, size_b)
    contained = np.where(size_a <= size_b, in_a, in_b)
    ratio = smaller / np.maximum(np.maximum(size_a, size_b), 1)
    by_containment = (
        (contained >= rules.containment_min)
        & (smaller >= rules.containment_min_shingles)
        & (ratio >= rules.length_ratio_min)
    )
    similar = ((jaccard >= rules.jaccard_min) | by_containment) & (smaller > 0)
    out = []
    contexts: dict[int, dict[str, set[str]]] = {}
    for i in np.flatnonzero(similar):
        ra, rb = rows_a[i], rows_b[i]
        for r in (ra, rb):
            if r not in contexts:
                contexts[r] = _by_context(sigs.figures[r])
        if _conflict(contexts[ra], contexts[rb]) <= rules.figure_conflict_max:
            out.append(Pair(pairs[i][0], pairs[i][1], float(jaccard[i]), float(contained[i])))
    return out


def components(doc_ids: Iterable[str], links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (each sorted) of the graph of documents and verified pairs."""
    parent: dict[str, str] = {d: d for d in doc_ids}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for d in parent:
        groups.setdefault(root(d), []).append(d)
    return sorted(sorted(g) for g in groups.values())


def seen_order(group: Iterable[str], seen: Mapping[str, int]) -> list[str]:
    """Members in the order they were first seen: by dedupe pass, then doc_id (a pass has no inner order)."""
    return sorted(group, key=lambda d: (seen.get(d, 0), d))


def choose_canonical(group: Iterable[str], chars: Mapping[str, int], seen: Mapping[str, int], takeover: float) -> str:
    """The cluster's canonical copy, kept as copies arrive.

    Among the members of the first pass, the longest body (ties: smallest doc_id). Each later pass's
    longest member takes the role only when its body is at least `takeover` times as long as the
    current canonical's: a fuller capture, not the same article with a few more characters of debris.
    A function of the members, their lengths and passes only, so a rebuild in the same order agrees.
    """
    by_pass: dict[int, list[str]] = {}
    for d in group:
        by_pass.setdefault(seen.get(d, 0), []).append(d)
    current = ""
    for number in sorted(by_pass):
        best = min(by_pass[number], key=lambda d: (-chars[d], d))
        if not current or chars[best] >= takeover * chars[current]:
            current = best
    return current


def cluster_rows(
    groups: Iterable[Sequence[str]], sigs: Signatures, rules: DedupeRules, seen: Mapping[str, int] | None = None
) -> list[DuplicateRow]:
    """`duplicates` rows; similarity and containment are against the canonical copy.

    `seen` maps a doc_id to the dedupe pass that first saw it (missing: pass 0, all seen together).
    cluster_id is the earliest-seen member's doc_id (`seen_order`): a copy added later, or a cluster
    merged into an older one, leaves it as it was; it changes only when that member leaves the cluster.
    The canonical copy is `choose_canonical`'s.
    """
    seen = seen or {}
    row_of = {d: i for i, d in enumerate(sigs.doc_ids)}
    chars = {d: int(sigs.body_chars[i]) for d, i in row_of.items()}
    members, clusters, canonicals = [], [], []
    for group in groups:
        ordered = sorted(group)
        canonical = choose_canonical(ordered, chars, seen, rules.canonical_takeover)
        members += ordered
        clusters += [seen_order(ordered, seen)[0]] * len(ordered)
        canonicals += [canonical] * len(ordered)
    rows = np.array([row_of[d] for d in members], dtype=np.int64)
    jaccard, in_canonical, _ = compare(sigs, rows, np.array([row_of[c] for c in canonicals], dtype=np.int64))
    return [
        DuplicateRow(
            d, cluster, d == canonical, 1.0 if d == canonical else float(sim), 1.0 if d == canonical else float(cont)
        )
        for d, cluster, canonical, sim, cont in zip(members, clusters, canonicals, jaccard, in_canonical, strict=True)
    ]


def dedupe(docs: Sequence[tuple[str, str]], rules: DedupeRules | None = None) -> list[DuplicateRow]:
    """Deduplicate a whole batch of (doc_id, cleaned body) in memory: one row per document."""
    rules = rules or load_rules()
    sigs = signatures(docs, rules)
    candidates = candidate_pairs(sigs.doc_ids, band_buckets(sigs, rules), star_over=rules.bucket_star_over)
    pairs = verify(candidates, sigs, rules)
    groups = components(sigs.doc_ids, [(p.doc_a, p.doc_b) for p in pairs])
    return cluster_rows(groups, sigs, rules)
