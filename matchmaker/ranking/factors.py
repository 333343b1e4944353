"""The score's factors: one object each, listed explicitly in ``FACTORS``.

A factor knows its name, the weight key it is published and configured under, how to compute its
similarity in [0, 1] for many candidates at once, its evidence for one pair, and its wording in
English and Chinese for explanations and headlines. Adding a factor is one class here and one
line in ``FACTORS`` (plus its default weight in the weights file).

Weights belong to the pair's roles, not to who asks: "need" terms compare the purchaser's needs
with the exhibitor's offer, "fit" terms the exhibitor's ideal buyers with the purchaser's
business. A match therefore scores the same from either side; only a factor's direction (whose
text was compared with whose) depends on the subject.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from matchmaker.domain import Direction, Role
from matchmaker.ranking.blocks import block_positions
from matchmaker.ranking.features import FACETS, PATH_WIDTH, Phrases, ProfileFeatures
from matchmaker.ranking.lexical import LexicalModel, SparseVector, dots

S2C = Direction.SUBJECT_TO_CANDIDATE
C2S = Direction.CANDIDATE_TO_SUBJECT
Column = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Wording:
    """How a factor reads to the subject, by language; ``{}`` in a headline takes the evidence."""

    en: str
    zh: str
    headline_en: str = ""
    headline_zh: str = ""


@dataclass(frozen=True)
class _PathRows:
    """The candidates' category paths as rows: prefix ids, lengths, and which candidate owns each.

    Candidate i's rows are ``bounds[i]:bounds[i + 1]``; ``starts`` are the bounds of those that
    have any (``has``), for ``reduceat``.
    """

    codes: npt.NDArray[np.int64]
    lengths: npt.NDArray[np.int64]
    owner: npt.NDArray[np.int64]
    bounds: npt.NDArray[np.int64]
    has: npt.NDArray[np.bool_]
    starts: npt.NDArray[np.int64]


@functools.lru_cache(maxsize=1 << 14)
def _category_parts(category: str) -> tuple[str, ...]:
    """A category's path parts in its own spelling (``"Food > Tea"`` -> ``("Food", "Tea")``)."""
    return tuple(p.strip() for p in category.split(">") if p.strip())


#: ``(candidate facet, query) -> dots of the query with every candidate's row of that facet``, read
#: from where the candidates' rows are kept together (the catalog's matrices), or None when they
#: cannot be: the batch then computes them from its candidates' features.
LexicalRows = Callable[[str, SparseVector], "npt.NDArray[np.float64] | None"]
#: ``() -> the candidates' facet vectors stacked (n, facets, dim)``, from where they are kept
#: together (the vector index), or None: the batch then stacks its candidates' own.
FacetRows = Callable[[], "npt.NDArray[np.float32] | None"]
#: ``() -> (codes, lengths, counts)``: the candidates' category path rows one after another (as
#: ``ProfileFeatures.path_rows`` gives them) and how many each has, or None: the batch then stacks
#: its candidates' own.
PathRows = Callable[
    [], "tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]] | None"
]


class Batch:
    """One subject against many candidates: the stacked arrays every factor reads, computed once."""

    def __init__(
        self,
        subject: ProfileFeatures,
        candidates: Sequence[ProfileFeatures],
        lexical_rows: LexicalRows | None = None,
        facet_rows: FacetRows | None = None,
        path_rows: PathRows | None = None,
    ) -> None:
        self.subject = subject
        self.candidates = candidates
        self._lexical_rows = lexical_rows
        self._facet_rows = facet_rows
        self._path_source = path_rows
        self.purchaser_is_subject = subject.role is Role.PURCHASER
        self._products: dict[tuple[str, str], tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]] = {}

    def subset(self, rows: Sequence[int]) -> Batch:
        """The batch of the candidates at ``rows`` (in that order), with the clause products kept.

        The evidence of the items kept then reads the products they were scored by.
        """
        out = Batch(self.subject, [self.candidates[i] for i in rows])
        parent = self.__dict__.get("_path_rows")  # the cached property, when it was computed
        if isinstance(parent, _PathRows):
            picked = np.asarray(rows, dtype=np.int64)
            counts = np.diff(parent.bounds)[picked]
            places, _ = block_positions(parent.bounds[picked], counts)
            found = (parent.codes[places], parent.lengths[places], counts)
            out._path_source = lambda: found
        for key, (products, bounds) in self._products.items():
            blocks = [products[bounds[i] : bounds[i + 1]] for i in rows]
            counts = np.fromiter((b.shape[0] for b in blocks), dtype=np.int64, count=len(blocks))
            out._products[key] = (
                np.concatenate(blocks) if blocks else products[:0],
                np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
            )
        return out

    @cached_property
    def facets(self) -> npt.NDArray[np.float32]:
        """(n, facets, dim) candidate facet vectors."""
        if self._facet_rows is not None:
            found = self._facet_rows()
            if found is not None:
                return found
        return np.stack([c.vectors for c in self.candidates]).astype(np.float32, copy=False)

    def dense(self, candidate_facet: str, subject_facet: str) -> Column:
        """Cosine of a candidate facet with a subject facet, per candidate."""
        column = self.facets[:, FACETS.index(candidate_facet), :] @ self.subject.facet(subject_facet)
        return column.astype(np.float64)

    def lexical(self, candidate_facet: str, subject_facet: str) -> Column:
        """TF-IDF cosine of a candidate facet with a subject facet, per candidate."""
        query = self.subject.lexical[subject_facet]
        if self._lexical_rows is not None:
            found = self._lexical_rows(candidate_facet, query)
            if found is not None:
                return found
        return dots(query, [c.lexical[candidate_facet] for c in self.candidates])

    def clause_products(
        self, candidate_facet: str, subject_facet: str
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
        """Cosines of every candidate clause (rows) with every subject clause (columns), and bounds.

        The candidates' clauses come one after another; candidate i's rows are
        ``bounds[i]:bounds[i + 1]``. Computed once per batch: the phrase term and its evidence read
        the same products.
        """
        key = (candidate_facet, subject_facet)
        cached = self._products.get(key)
        if cached is not None:
            return cached
        mine = self.subject.phrases[subject_facet].vectors
        blocks = [c.phrases[candidate_facet].vectors for c in self.candidates]
        counts = np.fromiter((b.shape[0] for b in blocks), dtype=np.int64, count=len(blocks))
        bounds = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        if mine.shape[0] == 0 or not counts.any():
            products = np.zeros((int(bounds[-1]), mine.shape[0]), dtype=np.float32)
        else:
            products = np.concatenate(blocks) @ mine.T
        self._products[key] = (products, bounds)
        return products, bounds

    def best_phrases(self, candidate_facet: str, subject_facet: str) -> Column:
        """Per candidate, the highest cosine of one of its clauses with one of the subject's."""
        out = np.zeros(len(self.candidates), dtype=np.float64)
        products, bounds = self.clause_products(candidate_facet, subject_facet)
        if products.size == 0:
            return out
        best = products.max(axis=1).astype(np.float64)
        counts = np.diff(bounds)
        out[counts > 0] = np.maximum.reduceat(best, bounds[:-1][counts > 0])
        return out

    def best_clause_pairs(
        self, purchaser_facet: str, exhibitor_facet: str, *, purchaser_first: bool
    ) -> list[tuple[str, str] | None]:
        """Per candidate, what :func:`best_phrase_pair` gives for the pair's two facets.

        Read from the batch's clause products: the left side is the purchaser's facet when
        ``purchaser_first``, else the exhibitor's; ties go to the first left clause, then the first
        right clause, as there.
        """
        if self.purchaser_is_subject:
            subject_facet, candidate_facet = purchaser_facet, exhibitor_facet
            subject_left = purchaser_first
        else:
            subject_facet, candidate_facet = exhibitor_facet, purchaser_facet
            subject_left = not purchaser_first
        products, bounds = self.clause_products(candidate_facet, subject_facet)
        mine = self.subject.phrases[subject_facet].texts
        out: list[tuple[str, str] | None] = [None] * len(self.candidates)
        counts = np.diff(bounds)
        if not mine or products.shape[0] == 0:
            return out
        # Per candidate, the first maximum of its block in np.argmax's (C) order of the block as
        # read: (subject clause, their clause) when the subject's side is left, else the reverse.
        has = counts > 0
        starts = bounds[:-1][has]
        owner = np.repeat(np.arange(len(self.candidates)), counts)
        best = np.full(len(self.candidates), -np.inf, dtype=np.float32)
        best[has] = np.maximum.reduceat(products.max(axis=1), starts)
        local = np.arange(products.shape[0]) - bounds[owner]
        columns = np.arange(products.shape[1])
        widest = int(counts.max())
        if subject_left:
            order = columns[None, :] * widest + local[:, None]
        else:
            order = local[:, None] * products.shape[1] + columns[None, :]
        never = np.iinfo(np.int64).max
        keys = np.where(products == best[owner][:, None], order, never).min(axis=1)
        first = np.full(len(self.candidates), never, dtype=np.int64)
        first[has] = np.minimum.reduceat(keys, starts)
        for row in np.flatnonzero(has & (best > 0)).tolist():
            theirs = self.candidates[row].phrases[candidate_facet].texts
            if subject_left:
                i, j = divmod(int(first[row]), widest)
                out[row] = (mine[i], theirs[j])
            else:
                i, j = divmod(int(first[row]), products.shape[1])
                out[row] = (theirs[i], mine[j])
        return out

    def category_shares(self) -> Column:
        """Per candidate, :func:`category_overlap`'s score, for all at once.

        Each path is a row of interned prefix ids (one per depth), so two paths' shared depth is
        the count of equal ids; the arithmetic (a share per subject path, summed in path order,
        then the mean) is the same as ``_best_prefixes``, so the numbers are equal.
        """
        out = np.zeros(len(self.candidates), dtype=np.float64)
        mine = self.subject.paths
        if not mine or not self.candidates:
            return out
        rows = self._path_rows
        if rows is None:
            return self._category_shares_padded()
        if rows.owner.size == 0:
            return out
        total = np.zeros(len(self.candidates), dtype=np.float64)
        for shares in self._path_shares(rows, self._path_depths(rows)):
            best = np.zeros(len(self.candidates), dtype=np.float64)
            best[rows.has] = np.maximum.reduceat(shares, rows.starts)
            total += best
        return total / len(mine)

    def category_evidence(self) -> list[tuple[str, ...]]:
        """Per candidate, :func:`category_overlap`'s shared paths, from the batch's path rows.

        For each subject path the candidate path taken is the first with the best share (as in
        ``_best_prefixes``), and the shared part is quoted in the candidate's spelling.
        """
        out: list[tuple[str, ...]] = [()] * len(self.candidates)
        mine = self.subject.paths
        rows = self._path_rows
        if not mine or not self.candidates:
            return out
        if rows is None:
            return [category_overlap(self.subject, c)[1] for c in self.candidates]
        if rows.owner.size == 0:
            return out
        never = np.iinfo(np.int64).max
        index = np.arange(rows.owner.size)
        picks: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]] = []
        depths = self._path_depths(rows)
        for shares, depth in zip(self._path_shares(rows, depths), depths, strict=True):
            best = np.zeros(len(self.candidates), dtype=np.float64)
            best[rows.has] = np.maximum.reduceat(shares, rows.starts)
            at_best = (shares == best[rows.owner]) & (best[rows.owner] > 0)
            first = np.zeros(len(self.candidates), dtype=np.int64)
            first[rows.has] = np.minimum.reduceat(np.where(at_best, index, never), rows.starts)
            found = best > 0
            safe = np.where(found, first, 0)
            picks.append((safe - rows.bounds[:-1], depth[safe], found))
        for row in np.flatnonzero(rows.has).tolist():
            categories = self.candidates[row].categories
            shared: dict[str, None] = {}
            for local, depth_at, found in picks:
                if found[row]:
                    parts = _category_parts(categories[int(local[row])])
                    shared.setdefault(" > ".join(parts[: int(depth_at[row])]), None)
            if shared:
                out[row] = tuple(sorted(shared, key=lambda s: (-s.count(">"), s)))[:5]
        return out

    @cached_property
    def _path_rows(self) -> _PathRows | None:
        """Every candidate path as one row of ``PATH_WIDTH`` prefix ids, or None if one is deeper."""
        if self._path_source is not None:
            found = self._path_source()
            if found is not None:
                codes, lengths, counts = found
                return self._path_rows_of(codes, lengths, counts)
        rows = [c.path_rows for c in self.candidates]
        fixed = [r for r in rows if r is not None]
        if len(fixed) < len(rows):
            return None
        counts = np.fromiter((r[1].size for r in fixed), dtype=np.int64, count=len(fixed))
        if not counts.any():
            return self._path_rows_of(np.zeros((0, PATH_WIDTH), dtype=np.int64), counts[:0], counts)
        return self._path_rows_of(
            np.concatenate([r[0] for r in fixed]), np.concatenate([r[1] for r in fixed]), counts
        )

    @staticmethod
    def _path_rows_of(
        codes: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]
    ) -> _PathRows:
        """The batch's path rows from every row in candidate order and each candidate's count."""
        bounds = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        has = counts > 0
        return _PathRows(
            codes=codes,
            lengths=lengths,
            owner=np.repeat(np.arange(counts.size), counts),
            bounds=bounds,
            has=has,
            starts=bounds[:-1][has],
        )

    def _path_depths(self, rows: _PathRows) -> list[npt.NDArray[np.int64]]:
        """Per subject path, the depth it shares with every candidate path row."""
        depths = []
        for path, code in zip(self.subject.paths, self.subject.path_codes, strict=True):
            depth_limit = min(len(path), PATH_WIDTH)
            depths.append((rows.codes[:, :depth_limit] == code[None, :depth_limit]).sum(axis=1))
        return depths

    def _path_shares(self, rows: _PathRows, depths: list[npt.NDArray[np.int64]]) -> list[Column]:
        """Per subject path, its share (shared depth over the longer path) with every path row."""
        return [
            depth / np.maximum(rows.lengths, len(path))
            for path, depth in zip(self.subject.paths, depths, strict=True)
        ]

    def _category_shares_padded(self) -> Column:
        """``category_shares`` for a batch with a path deeper than ``PATH_WIDTH`` (one padded block)."""
        mine = self.subject.paths
        codes = [c.path_codes for c in self.candidates]
        width = max((c.shape[1] for c in codes), default=0)
        rows = max((c.shape[0] for c in codes), default=0)
        if rows == 0:
            return np.zeros(len(self.candidates), dtype=np.float64)
        stacked = np.full((len(codes), rows, width), -1, dtype=np.int64)
        lengths = np.zeros((len(codes), rows), dtype=np.int64)
        for index, (code, candidate) in enumerate(zip(codes, self.candidates, strict=True)):
            stacked[index, : code.shape[0], : code.shape[1]] = code
            lengths[index, : code.shape[0]] = [len(p) for p in candidate.paths]
        total = np.zeros(len(codes), dtype=np.float64)
        for path, code in zip(mine, self.subject.path_codes, strict=True):
            depth_limit = min(len(path), width)
            depth = (stacked[:, :, :depth_limit] == code[None, None, :depth_limit]).sum(axis=2)
            shares = depth / np.maximum(lengths, len(path))
            total += shares.max(axis=1)
        return total / len(mine)

    def pairs(self) -> list[tuple[ProfileFeatures, ProfileFeatures]]:
        """(purchaser, exhibitor) of every candidate pair."""
        if self.purchaser_is_subject:
            return [(self.subject, c) for c in self.candidates]
        return [(c, self.subject) for c in self.candidates]


class ScoreFactor(ABC):
    """One named, weighted term of the score."""

    name: str
    weight_key: str
    description: str
    wording_s2c: Wording
    wording_c2s: Wording | None = None  # None: reads the same both ways
    #: Which side's text is compared with whose: "need" (the purchaser's needs) or "fit".
    side: str = "need"

    def direction(self, subject_role: Role) -> Direction:
        """``subject_to_candidate`` when the subject holds the compared need (or it is symmetric)."""
        purchaser = subject_role is Role.PURCHASER
        if self.side == "need":
            return S2C if purchaser else C2S
        if self.side == "fit":
            return C2S if purchaser else S2C
        return S2C

    def wording(self, direction: Direction) -> Wording:
        """The wording for the subject, by direction."""
        if direction is C2S and self.wording_c2s is not None:
            return self.wording_c2s
        return self.wording_s2c

    @abstractmethod
    def column(self, batch: Batch) -> Column:
        """Similarities in [0, 1] (clipped by the caller) for every candidate of the batch."""

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """What matched, in the profiles' own words (no number depends on it)."""
        return ()

    def evidence_many(self, batch: Batch, lexical: LexicalModel) -> list[tuple[str, ...]]:
        """:meth:`evidence` of every pair of the batch (factors override it to share work)."""
        return [self.evidence(p, e, batch.subject, lexical) for p, e in batch.pairs()]


def best_phrase_pair(left: Phrases, right: Phrases) -> tuple[str, str] | None:
    """The clause of each side that are most alike, or None when either side has none."""
    if not left.texts or not right.texts:
        return None
    sims = left.vectors @ right.vectors.T
    i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
    if sims[i, j] <= 0:
        return None
    return left.texts[int(i)], right.texts[int(j)]


def _pair(pair: tuple[str, str] | None) -> tuple[str, ...]:
    """The seeking clause first, then the offering clause (whoever's they are)."""
    return () if pair is None else pair


#: Headlines of the need terms, (English, Chinese): the subject is the purchaser, or the exhibitor.
_SUPPLIES = ("Supplies what you are looking for: {}", "供应您需要的产品：{}")
_WANTS = ("Looking for what you supply: {}", "正在寻找您供应的产品：{}")


def _need_columns(batch: Batch) -> tuple[str, str]:
    """(candidate facet, subject facet) compared by the need terms."""
    return ("offering", "seeking") if batch.purchaser_is_subject else ("seeking", "offering")


def _fit_columns(batch: Batch) -> tuple[str, str]:
    """(candidate facet, subject facet) compared by the fit terms."""
    return ("seeking", "offering") if batch.purchaser_is_subject else ("offering", "seeking")


def _shared_terms_many(
    batch: Batch, lexical: LexicalModel, purchaser_facet: str, exhibitor_facet: str
) -> list[tuple[str, ...]]:
    """``shared_terms`` of the purchaser's and the exhibitor's tokens of a facet, for every pair.

    The subject's side is the same in every pair, so its tokens are ranked once for the batch.
    """
    if batch.purchaser_is_subject:
        mine, facet = batch.subject.tokens[purchaser_facet], exhibitor_facet
    else:
        mine, facet = batch.subject.tokens[exhibitor_facet], purchaser_facet
    shared = lexical.shared_terms_many(mine, [c.tokens[facet] for c in batch.candidates])
    return [tuple(terms) for terms in shared]


class NeedPhrases(ScoreFactor):
    """The best-matching clause of the purchaser's needs against one of the exhibitor's offer."""

    name = "seeking_vs_offering_phrases"
    weight_key = "need_phrases"
    description = (
        "how closely the best-matching product phrase of what the purchaser is looking for means the "
        "same as one phrase of what the exhibitor offers (sentence embeddings, cosine; across languages)"
    )
    wording_s2c = Wording(
        "a product you are looking for is close in meaning to one they offer",
        "您寻找的产品与对方供应的产品语义相近",
        *_SUPPLIES,
    )
    wording_c2s = Wording(
        "a product they are looking for is close in meaning to one you offer",
        "对方寻找的产品与您供应的产品语义相近",
        *_WANTS,
    )

    def column(self, batch: Batch) -> Column:
        """Max clause-pair cosine."""
        return batch.best_phrases(*_need_columns(batch))

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """The purchaser's clause, then the exhibitor's."""
        return _pair(best_phrase_pair(purchaser.phrases["seeking"], exhibitor.phrases["offering"]))

    def evidence_many(self, batch: Batch, lexical: LexicalModel) -> list[tuple[str, ...]]:
        """From the batch's clause products (the ones the phrase term was computed from)."""
        return [_pair(p) for p in batch.best_clause_pairs("seeking", "offering", purchaser_first=True)]


class NeedSemantic(ScoreFactor):
    """The purchaser's whole needs text against the exhibitor's whole offer, by meaning."""

    name = "seeking_vs_offering"
    weight_key = "need_semantic"
    description = (
        "how closely what the purchaser is looking for means the same as what the exhibitor offers "
        "(sentence embeddings of the whole texts, cosine)"
    )
    wording_s2c = Wording(
        "what you are looking for is close in meaning to what they offer",
        "您的采购需求与对方的供应内容语义相近",
        *_SUPPLIES,
    )
    wording_c2s = Wording(
        "what they are looking for is close in meaning to what you offer",
        "对方的需求与您的供应内容语义相近",
        *_WANTS,
    )

    def column(self, batch: Batch) -> Column:
        """Whole-text cosine."""
        return batch.dense(*_need_columns(batch))

    # The closest clauses, as for the phrase term.
    evidence = NeedPhrases.evidence
    evidence_many = NeedPhrases.evidence_many


class NeedKeywords(ScoreFactor):
    """Words the purchaser's needs and the exhibitor's offer share."""

    name = "seeking_vs_offering_keywords"
    weight_key = "need_keywords"
    description = (
        "words the purchaser's needs and the exhibitor's offering share, rarer words counting more "
        "(TF-IDF cosine; Chinese cut into words)"
    )
    wording_s2c = Wording(
        "your needs and their offering share the words",
        "您的需求与对方的供应有共同关键词",
        *_SUPPLIES,
    )
    wording_c2s = Wording(
        "their needs and your offering share the words",
        "对方的需求与您的供应有共同关键词",
        *_WANTS,
    )

    def column(self, batch: Batch) -> Column:
        """TF-IDF cosine."""
        return batch.lexical(*_need_columns(batch))

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """Shared words, rarest first."""
        return tuple(lexical.shared_terms(purchaser.tokens["seeking"], exhibitor.tokens["offering"]))

    def evidence_many(self, batch: Batch, lexical: LexicalModel) -> list[tuple[str, ...]]:
        """The subject's tokens ranked once for the batch."""
        return _shared_terms_many(batch, lexical, "seeking", "offering")


class NeedDescription(ScoreFactor):
    """The purchaser's needs against the exhibitor's description of itself."""

    name = "seeking_vs_description"
    weight_key = "need_description"
    description = "how closely the purchaser's needs match the exhibitor's description of itself"
    wording_s2c = Wording("your needs match their description of themselves", "您的需求与对方的企业介绍相符")
    wording_c2s = Wording("their needs match your description of yourself", "对方的需求与您的企业介绍相符")

    def column(self, batch: Batch) -> Column:
        """Whole-text cosine."""
        if batch.purchaser_is_subject:
            return batch.dense("description", "seeking")
        return batch.dense("seeking", "description")

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """Shared words."""
        return tuple(lexical.shared_terms(purchaser.tokens["seeking"], exhibitor.tokens["description"]))

    def evidence_many(self, batch: Batch, lexical: LexicalModel) -> list[tuple[str, ...]]:
        """The subject's tokens ranked once for the batch."""
        return _shared_terms_many(batch, lexical, "seeking", "description")


class FitSemantic(ScoreFactor):
    """The exhibitor's ideal buyers against the purchaser's own business, by meaning."""

    name = "buyer_fit"
    weight_key = "fit_semantic"
    side = "fit"
    description = "how closely the buyers the exhibitor is looking for resemble the purchaser's own business"
    wording_s2c = Wording(
        "they resemble the buyers you are looking for",
        "对方与您寻找的买家类型相似",
        "The kind of buyer you are looking for: {}",
        "符合您寻找的买家类型：{}",
    )
    wording_c2s = Wording(
        "you resemble the buyers they are looking for",
        "您与对方寻找的买家类型相似",
        "Looking for buyers like you: {}",
        "正在寻找像您这样的买家：{}",
    )

    def column(self, batch: Batch) -> Column:
        """Whole-text cosine."""
        return batch.dense(*_fit_columns(batch))

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """The closest clauses (the exhibitor's seeking first)."""
        return _pair(best_phrase_pair(exhibitor.phrases["seeking"], purchaser.phrases["offering"]))

    def evidence_many(self, batch: Batch, lexical: LexicalModel) -> list[tuple[str, ...]]:
        """From one product of the batch's clauses."""
        return [_pair(p) for p in batch.best_clause_pairs("offering", "seeking", purchaser_first=False)]


class FitKeywords(ScoreFactor):
    """Words the exhibitor's ideal-buyer text and the purchaser's business share."""

    name = "buyer_fit_keywords"
    weight_key = "fit_keywords"
    side = "fit"
    description = "words the exhibitor's ideal-buyer text and the purchaser's business share"
    wording_s2c = Wording(
        "their business shares words with the buyers you want", "对方的业务与您期望的买家有共同关键词"
    )
    wording_c2s = Wording(
        "your business shares words with the buyers they want", "您的业务与对方期望的买家有共同关键词"
    )

    def column(self, batch: Batch) -> Column:
        """TF-IDF cosine."""
        return batch.lexical(*_fit_columns(batch))

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """Shared words."""
        return tuple(lexical.shared_terms(exhibitor.tokens["seeking"], purchaser.tokens["offering"]))

    def evidence_many(self, batch: Batch, lexical: LexicalModel) -> list[tuple[str, ...]]:
        """The subject's tokens ranked once for the batch."""
        return _shared_terms_many(batch, lexical, "offering", "seeking")


@functools.lru_cache(maxsize=1 << 16)
def _best_prefixes(
    mine: tuple[tuple[str, ...], ...], theirs: tuple[tuple[str, ...], ...]
) -> tuple[float, tuple[tuple[int, int], ...]]:
    """Mean best shared-prefix share of ``mine`` with ``theirs``, and (other index, depth) per path.

    Taxonomy paths repeat across profiles, so the answers are cached by the pair of path lists.
    """
    total = 0.0
    best_of: list[tuple[int, int]] = []
    for path in mine:
        best, best_other, best_depth = 0.0, -1, 0
        for index, other in enumerate(theirs):
            depth = 0
            for x, y in zip(path, other, strict=False):
                if x != y:
                    break
                depth += 1
            share = depth / max(len(path), len(other))
            if share > best:
                best, best_other, best_depth = share, index, depth
        total += best
        best_of.append((best_other, best_depth))
    return total / len(mine), tuple(best_of)


def category_overlap(a: ProfileFeatures, b: ProfileFeatures) -> tuple[float, tuple[str, ...]]:
    """Mean over ``a``'s categories of the best shared-prefix share with ``b``'s, and the shared paths."""
    if not a.paths or not b.paths:
        return 0.0, ()
    return _overlap(a.paths, b.paths, b.categories)


@functools.lru_cache(maxsize=1 << 16)
def _overlap(
    mine: tuple[tuple[str, ...], ...], theirs: tuple[tuple[str, ...], ...], categories: tuple[str, ...]
) -> tuple[float, tuple[str, ...]]:
    """:func:`category_overlap` of two path lists, ``categories`` spelling the second (cached)."""
    score, best_of = _best_prefixes(mine, theirs)
    shared: dict[str, None] = {}
    for best_other, best_depth in best_of:
        if best_other >= 0:
            # Quote the candidate's own spelling of the shared part of the path.
            parts = _category_parts(categories[best_other])
            shared.setdefault(" > ".join(parts[:best_depth]), None)
    return score, tuple(sorted(shared, key=lambda s: (-s.count(">"), s)))[:5]


class Categories(ScoreFactor):
    """Shared taxonomy paths."""

    name = "categories"
    weight_key = "categories"
    side = "both"
    description = "overlap of the two parties' product categories (shared taxonomy path depth)"
    wording_s2c = Wording(
        "you share product categories",
        "双方的产品类别相同",
        "Shares your category {}",
        "与您的产品类别相同：{}",
    )

    def column(self, batch: Batch) -> Column:
        """Mean best shared-prefix share, for the whole batch at once."""
        return batch.category_shares()

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """The shared paths, in the candidate's spelling."""
        candidate = exhibitor if subject is purchaser else purchaser
        return category_overlap(subject, candidate)[1]

    def evidence_many(self, batch: Batch, lexical: LexicalModel) -> list[tuple[str, ...]]:
        """From the batch's path rows (the ones the column was computed from)."""
        return batch.category_evidence()


class Market(ScoreFactor):
    """The exhibitor sells to the purchaser's country."""

    name = "market"
    weight_key = "market"
    side = "fit"
    description = "the exhibitor sells to the purchaser's country"
    wording_s2c = Wording(
        "they are in a market you sell to",
        "对方位于您销售覆盖的市场",
        "Based in {}, a market you sell to",
        "位于您的销售市场：{}",
    )
    wording_c2s = Wording(
        "they sell to your market", "对方的销售覆盖您所在的市场", "Sells to {}", "销售覆盖：{}"
    )

    def column(self, batch: Batch) -> Column:
        """1 or 0."""
        subject = batch.subject
        if batch.purchaser_is_subject:
            hits = [subject.country in c.target_markets for c in batch.candidates]
        else:
            hits = [c.country in subject.target_markets for c in batch.candidates]
        return np.array(hits, dtype=np.float64)

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """The purchaser's country."""
        return (purchaser.country,) if purchaser.country in exhibitor.target_markets else ()


def _served(purchaser: ProfileFeatures, exhibitor: ProfileFeatures) -> frozenset[str]:
    return purchaser.target_markets & (exhibitor.target_markets | {exhibitor.country})


class SourcingMarket(ScoreFactor):
    """The purchaser buys for a market the exhibitor comes from or serves."""

    name = "sourcing_market"
    weight_key = "sourcing_market"
    description = "the purchaser buys for a market the exhibitor comes from or serves"
    wording_s2c = Wording("they come from or serve a market you buy for", "对方来自或覆盖您采购的目标市场")
    wording_c2s = Wording("you come from or serve a market they buy for", "您来自或覆盖对方采购的目标市场")

    def column(self, batch: Batch) -> Column:
        """1 or 0: whether ``_served`` is non-empty, without building it."""
        subject = batch.subject
        if batch.purchaser_is_subject:
            markets = subject.target_markets
            hits = [
                c.country in markets or not markets.isdisjoint(c.target_markets) for c in batch.candidates
            ]
        else:
            sold, country = subject.target_markets, subject.country
            hits = [
                country in c.target_markets or not c.target_markets.isdisjoint(sold)
                for c in batch.candidates
            ]
        return np.array(hits, dtype=np.float64)

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """The markets in common."""
        return tuple(sorted(_served(purchaser, exhibitor)))[:5]


class Languages(ScoreFactor):
    """A meeting language in common."""

    name = "languages"
    weight_key = "languages"
    side = "both"
    description = "the two parties share a meeting language"
    wording_s2c = Wording("you share a meeting language", "双方有共同的洽谈语言", "Speaks {}", "可用语言：{}")

    def column(self, batch: Batch) -> Column:
        """1 or 0."""
        langs = batch.subject.languages
        hits = [not langs.isdisjoint(c.languages) for c in batch.candidates]
        return np.array(hits, dtype=np.float64)

    def evidence(
        self,
        purchaser: ProfileFeatures,
        exhibitor: ProfileFeatures,
        subject: ProfileFeatures,
        lexical: LexicalModel,
    ) -> tuple[str, ...]:
        """The shared languages."""
        return tuple(sorted(purchaser.languages & exhibitor.languages))


#: Every factor of the score, in the order explanations list them.
FACTORS: tuple[ScoreFactor, ...] = (
    NeedPhrases(),
    NeedSemantic(),
    NeedKeywords(),
    NeedDescription(),
    FitSemantic(),
    FitKeywords(),
    Categories(),
    Market(),
    SourcingMarket(),
    Languages(),
)
BY_NAME = {f.name: f for f in FACTORS}
WEIGHT_KEYS = tuple(f.weight_key for f in FACTORS)
