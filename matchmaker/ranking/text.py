"""Tokens and phrases of profile texts, for English and Chinese alike.

Chinese has no spaces, so CJK runs are cut into words with jieba; Latin runs are lower-cased,
stop words dropped and plurals folded. Phrases (clauses) are what explanations quote as evidence.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)
_jieba_lock = threading.Lock()

_RUNS = re.compile(r"([\u3400-\u9fff\uf900-\ufaff]+)|([a-z0-9]+(?:['&-][a-z0-9]+)*)")
_PHRASE_SPLIT = re.compile(r"[.,;:!?\n\r\t•·|/()\[\]{}，。；：！？、（）【】]+|\s+(?:and|or)\s+")

ENGLISH_STOP = frozenset(
    """a about above after all also am an and any are as at be been being but by can could did do does
    doing for from had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not of off on once only or other our ours out over own same she should so
    some such than that the their theirs them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your yours
    looking seek seeking seeks want wants need needs require requires required buy buying purchase
    purchasing source sourcing supply supplies supplier suppliers offer offers offering provide
    provides providing products product company companies co ltd inc gmbh llc group etc including
    include includes such new high quality range wide various""".split()
)
CHINESE_STOP = frozenset(
    "的 了 和 与 及 是 在 我们 我 公司 寻找 需要 提供 采购 产品 有限公司 有限 等 各类 各种 以及 "
    "或 为 对 从 向 并 其 也 供应 供应商 主要 相关 专业 优质".split()
)


@lru_cache(maxsize=65536)
def _fold_plural(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "oes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _cut_chinese(run: str) -> list[str]:
    with _jieba_lock:
        return [w for w in jieba.lcut(run) if w.strip()]


def normalize(text: str) -> str:
    """NFKC (full-width to half-width) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    """Content words of ``text``: Latin words (plurals folded) and jieba-cut Chinese words."""
    out: list[str] = []
    for cjk, latin in _RUNS.findall(normalize(text)):
        if cjk:
            out.extend(w for w in _cut_chinese(cjk) if w not in CHINESE_STOP)
        elif latin not in ENGLISH_STOP and not (len(latin) == 1 and latin.isalpha()):
            out.append(_fold_plural(latin))
    return out


def phrases(text: str, *, max_phrases: int = 12, max_chars: int = 120) -> list[str]:
    """Clauses of ``text`` worth quoting: split at punctuation and conjunctions, trimmed, de-duplicated."""
    seen: dict[str, None] = {}
    for part in _PHRASE_SPLIT.split(unicodedata.normalize("NFKC", text)):
        phrase = part.strip(" -–—'\"")
        if len(phrase) >= 2 and tokens(phrase):
            seen.setdefault(phrase[:max_chars], None)
        if len(seen) >= max_phrases:
            break
    return list(seen)
