"""One plain-language reason per recommended item, from its strongest factor, in the subject's language."""

from __future__ import annotations

from matchmaker.domain import Direction, Factor
from matchmaker.ranking.factors import BY_NAME

PAIR_EVIDENCE = frozenset({"seeking_vs_offering_phrases", "seeking_vs_offering", "buyer_fit"})
TEXT_FACTORS = PAIR_EVIDENCE | {"seeking_vs_offering_keywords", "buyer_fit_keywords"}


def quote(text: str, limit: int = 80) -> str:
    """``text`` shortened at a word boundary (never mid-word), with an ellipsis when shortened."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    elif any("\u3400" <= ch <= "\u9fff" for ch in cut):
        pass  # Chinese has no spaces: any character boundary is a word boundary enough
    else:
        return text.split(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def candidate_words(factor: Factor) -> str:
    """The factor's evidence in the candidate's own words: its clause, or the shared terms."""
    evidence = factor.evidence
    if not evidence:
        return ""
    if factor.name in PAIR_EVIDENCE and len(evidence) == 2:
        # Pair evidence is (seeking clause, offering clause); the candidate's is the far end.
        return quote(evidence[1] if factor.direction is Direction.SUBJECT_TO_CANDIDATE else evidence[0])
    return ", ".join(evidence[:3])


def headline(factors: tuple[Factor, ...], chinese: bool) -> str:
    """E.g. "Supplies what you are looking for: frozen salmon; sells to CN"."""
    parts: list[str] = []
    # What matched in the texts names the product; a shared category only speaks when nothing did.
    ranked = sorted(
        (f for f in factors if f.contribution > 0),
        key=lambda f: (f.name not in TEXT_FACTORS, -f.contribution),
    )
    for factor in ranked:
        spec = BY_NAME.get(factor.name)
        if spec is None or factor.name == "market":
            continue
        wording = spec.wording(factor.direction)
        template = wording.headline_zh if chinese else wording.headline_en
        words = candidate_words(factor)
        if template and words:
            parts.append(template.format(words))
            break
    market = next((f for f in factors if f.name == "market" and f.contribution > 0 and f.evidence), None)
    if market is not None:
        wording = BY_NAME["market"].wording(market.direction)
        parts.append((wording.headline_zh if chinese else wording.headline_en).format(market.evidence[0]))
    if not parts:
        return "与您的资料相符" if chinese else "Matches your profile"
    if chinese:
        return "；".join(parts)
    return "; ".join([parts[0], *(p[:1].lower() + p[1:] for p in parts[1:])])
