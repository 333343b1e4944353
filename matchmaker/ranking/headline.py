"""One plain-language reason per recommended item, from its strongest factor."""

from __future__ import annotations

from matchmaker.domain import Direction, Factor, Role


def _quote(text: str, limit: int = 60) -> str:
    text = text.split(": ", 1)[-1]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def headline(subject_role: Role, factors: tuple[Factor, ...]) -> str:
    """E.g. "Supplies what you are looking for: frozen salmon; sells to CN"."""
    by_name = {(f.name, f.direction): f for f in factors}
    ranked = sorted((f for f in factors if f.contribution > 0), key=lambda f: -f.contribution)
    parts: list[str] = []
    for factor in ranked:
        text = _reason(subject_role, factor)
        if text:
            parts.append(text)
            break
    market = next((f for (name, _), f in by_name.items() if name == "market" and f.contribution > 0), None)
    if market is not None and market.evidence:
        if subject_role is Role.PURCHASER:
            parts.append(f"sells to {market.evidence[0]}")
        else:
            parts.append(f"based in {market.evidence[0]}, a market you sell to")
    if not parts:
        return "Matches your search filters"
    first = parts[0]
    return "; ".join([first[:1].upper() + first[1:], *parts[1:]])


def _reason(subject_role: Role, factor: Factor) -> str:
    s2c = factor.direction is Direction.SUBJECT_TO_CANDIDATE
    evidence = factor.evidence
    semantic = factor.name in ("seeking_vs_offering", "buyer_fit")
    # Semantic evidence is (seeking clause, offering clause): quote the candidate's own words.
    detail = _quote(evidence[1 if s2c else 0]) if semantic and len(evidence) == 2 else ", ".join(evidence[:3])
    if factor.name in ("seeking_vs_offering", "seeking_vs_offering_keywords", "seeking_vs_description"):
        if s2c:  # the subject is the purchaser
            return (
                f"supplies what you are looking for: {detail}"
                if detail
                else "supplies what you are looking for"
            )
        return f"looking for what you supply: {detail}" if detail else "looking for what you supply"
    if factor.name in ("buyer_fit", "buyer_fit_keywords"):
        if s2c:  # the subject is the exhibitor
            return (
                f"the kind of buyer you are looking for: {detail}" if detail else "the kind of buyer you want"
            )
        return f"looking for buyers like you: {detail}" if detail else "looking for buyers like you"
    if factor.name == "categories" and evidence:
        return f"shares your category {evidence[0]}"
    if factor.name == "languages" and evidence:
        return f"speaks {', '.join(evidence)}"
    return ""
