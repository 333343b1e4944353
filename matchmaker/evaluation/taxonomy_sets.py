"""Labelled sets from the public Google product taxonomy, with graded relevance from the tree.

Relevance of a purchaser and an exhibitor: 3 when a product the purchaser seeks is one the exhibitor
offers, 2 when it is a sibling of one (same parent), 1 when both lie in the same branch (the same
second-level category), else 0. Texts come from templates written before any ranking was looked
at; the training set and the test sets use disjoint branches of the tree and disjoint template
pools, so weights fitted on one are never measured on the data they were fitted to.

- ``taxonomy-train``: English profiles on the "train" branches, template pool A: for fitting only.
- ``taxonomy``: English profiles on the expo's branches (food, apparel, beauty, home, hardware,
  electronics, vehicles, baby, industrial), template pool B.
- ``crosslingual``: purchasers write Chinese (product names written by hand in
  ``data/zh-products.tsv``), exhibitors write English (pool B), over the same branches.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from matchmaker.evaluation.labelled_set import LabelledSet

TRAIN_BRANCHES = (
    "Animals & Pet Supplies",
    "Arts & Entertainment",
    "Cameras & Optics",
    "Furniture",
    "Luggage & Bags",
    "Office Supplies",
    "Sporting Goods",
    "Toys & Games",
    "Media",
    "Software",
)
TEST_BRANCHES = (
    "Food, Beverages & Tobacco",
    "Apparel & Accessories",
    "Health & Beauty",
    "Home & Garden",
    "Hardware",
    "Electronics",
    "Vehicles & Parts",
    "Baby & Toddler",
    "Business & Industrial",
)


@dataclass(frozen=True)
class Taxonomy:
    """The category tree: parent and title by id."""

    parent: dict[str, str]
    title: dict[str, str]
    children: dict[str, list[str]]

    def path(self, node: str) -> list[str]:
        """Titles from the top down to ``node``."""
        out = []
        while node:
            out.append(self.title[node])
            node = self.parent[node]
        return out[::-1]

    def ancestor(self, node: str, depth: int) -> str:
        """The ancestor of ``node`` at ``depth`` (0 = top level), or ``node`` when it is shallower."""
        chain = []
        while node:
            chain.append(node)
            node = self.parent[node]
        chain.reverse()
        return chain[min(depth, len(chain) - 1)]

    def is_leaf(self, node: str) -> bool:
        """True for a node without children."""
        return node not in self.children


@cache
def taxonomy() -> Taxonomy:
    """The bundled taxonomy (``matchmaker/demo/product-taxonomy.tsv``)."""
    text = resources.files("matchmaker.demo").joinpath("product-taxonomy.tsv").read_text(encoding="utf-8")
    parent: dict[str, str] = {}
    title: dict[str, str] = {}
    children: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("id\t"):
            continue
        node, up, name = line.split("\t")
        parent[node], title[node] = up, name
        if up:
            children.setdefault(up, []).append(node)
    return Taxonomy(parent, title, children)


@cache
def chinese_names() -> dict[str, str]:
    """Hand-written Chinese names of products, by taxonomy id."""
    tree = taxonomy()
    by_path = {
        (" > ".join(tree.path(tree.parent[n])), tree.title[n]): n for n in tree.parent if tree.parent[n]
    }
    text = (
        resources.files("matchmaker.evaluation").joinpath("data/zh-products.tsv").read_text(encoding="utf-8")
    )
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parent_path, name, chinese = line.split("\t")
        node = by_path.get((parent_path, name))
        if node is None:
            raise ValueError(f"zh-products.tsv: {parent_path} > {name} is not in the taxonomy")
        out[node] = chinese
    return out


def grade(tree: Taxonomy, sought: Sequence[str], offered: Sequence[str]) -> int:
    """3 same product, 2 sibling, 1 same second-level branch, 0 otherwise (the best pair counts)."""
    best = 0
    for s in sought:
        for o in offered:
            if s == o:
                return 3
            if tree.parent[s] == tree.parent[o]:
                best = max(best, 2)
            elif tree.ancestor(s, 1) == tree.ancestor(o, 1):
                best = max(best, 1)
    return best


# -- templates ------------------------------------------------------------------------------

_OFFER_EN = {
    "A": (
        "We manufacture {products} for wholesale buyers.",
        "{org} produces {products}, exporting to more than {n} countries.",
        "Our range: {products}.",
        "Factory-direct {products} with OEM and private-label service.",
    ),
    "B": (
        "Leading maker of {products} since {year}.",
        "We supply {products} to importers, distributors and retail chains.",
        "Export-grade {products}; MOQ one pallet, samples on request.",
        "Product lines: {products}. Certified quality, competitive prices.",
    ),
}
_EXH_SEEKING_EN = {
    "A": (
        "Importers and distributors in {market}.",
        "Retail chains and e-commerce platforms.",
        "Buyers of {branch} for the Chinese market.",
    ),
    "B": (
        "Looking for long-term distribution partners in Asia.",
        "Wholesalers, supermarkets and online retailers.",
        "Trading companies that import {branch}.",
    ),
}
_EXH_DESCRIPTION_EN = (
    "{org} is a family-owned company founded in {year}, with {n} employees.",
    "Established in {year}, {org} runs {k} production sites and a research centre.",
    "{org} is a specialist in {group}, with a sales office in Shanghai.",
)
_SEEKING_EN = {
    "A": (
        "Looking for suppliers of {products}.",
        "We want to source {products} for our stores.",
        "Sourcing {products} in bulk.",
    ),
    "B": (
        "Seeking reliable suppliers of {products} for the Chinese market.",
        "We need {products}; please contact us with price lists.",
        "Interested in importing {products}.",
    ),
}
_PUR_OFFERING_EN = (
    "A supermarket chain with {n} stores in {city}.",
    "An importer and distributor serving {region}.",
    "A cross-border e-commerce platform selling imported goods.",
    "A department store group in {city}.",
    "A trading company supplying hotels, restaurants and retailers in {region}.",
)
_PUR_DESCRIPTION_EN = (
    "Founded in {year}; {n} employees.",
    "A buying group of {k} companies, established in {year}.",
    "Part of a listed retail group since {year}.",
)
_SEEKING_ZH = (
    "寻找{products}的供应商。",
    "我们希望采购{products}，用于国内门店销售。",
    "需要进口{products}，请提供报价单。",
    "长期采购{products}，欢迎优质厂家联系。",
)
_PUR_OFFERING_ZH = (
    "我们是{city_zh}的一家连锁超市，拥有{n}家门店。",
    "我们是一家进口贸易公司，分销网络覆盖{region_zh}。",
    "我们经营跨境电商平台，主营进口商品。",
    "我们是{city_zh}的百货集团，经营多家商场。",
)
_PUR_DESCRIPTION_ZH = ("公司成立于{year}年，员工约{n}人。", "集团旗下有{k}家公司，成立于{year}年。")

_CITIES = (
    ("Shanghai", "上海"),
    ("Beijing", "北京"),
    ("Guangzhou", "广州"),
    ("Chengdu", "成都"),
    ("Hangzhou", "杭州"),
    ("Wuhan", "武汉"),
    ("Xiamen", "厦门"),
    ("Tianjin", "天津"),
)
_REGIONS = (
    ("East China", "华东地区"),
    ("South China", "华南地区"),
    ("North China", "华北地区"),
    ("the Yangtze River Delta", "长三角地区"),
    ("western China", "西部地区"),
)
_EXHIBITOR_COUNTRIES = (
    "DE",
    "FR",
    "IT",
    "ES",
    "US",
    "JP",
    "KR",
    "AU",
    "NZ",
    "BR",
    "CL",
    "TH",
    "MY",
    "VN",
    "GB",
    "NL",
    "CH",
    "SE",
    "PL",
    "TR",
    "IN",
    "ZA",
    "CA",
    "AR",
    "MX",
)
_LANGUAGES = {
    "DE": "de",
    "FR": "fr",
    "IT": "it",
    "ES": "es",
    "JP": "ja",
    "KR": "ko",
    "BR": "pt",
    "CL": "es",
    "TH": "th",
    "NL": "nl",
    "PL": "pl",
    "TR": "tr",
    "AR": "es",
    "MX": "es",
}
_ORG_WORDS = (
    "Alpine",
    "Coastal",
    "Nordic",
    "Golden",
    "Evergreen",
    "Summit",
    "Harbor",
    "Royal",
    "Prime",
    "Silver",
    "Blue",
    "Green",
    "Sun",
    "Oak",
    "River",
    "Star",
    "Crown",
    "Pioneer",
    "Unity",
    "Atlas",
)
_ORG_SUFFIX = ("GmbH", "S.r.l.", "Ltd", "Inc.", "S.A.", "Co., Ltd.", "B.V.", "AB", "Pty Ltd", "S.A.S.")


def _join_en(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _groups(tree: Taxonomy, branches: Sequence[str], allowed: set[str] | None) -> list[list[str]]:
    """Product groups: the leaf children of one parent, at least three of them, under ``branches``."""
    tops = {n for n, p in tree.parent.items() if not p and tree.title[n] in branches}
    out = []
    for parent in sorted(tree.children, key=int):
        if not tree.parent.get(parent) or tree.ancestor(parent, 0) not in tops:
            continue
        leaves = [c for c in tree.children[parent] if tree.is_leaf(c) and (allowed is None or c in allowed)]
        if len(leaves) >= 3:
            out.append(leaves)
    return out


@dataclass(frozen=True)
class _Party:
    doc: dict[str, object]
    products: tuple[str, ...]


def _exhibitor(rng: random.Random, tree: Taxonomy, index: int, groups: list[list[str]], pool: str) -> _Party:
    group = rng.choice(groups)
    products = rng.sample(group, min(len(group), rng.randint(2, 4)))
    if rng.random() < 0.25:  # a product of a neighbouring group of the same branch
        branch = tree.ancestor(group[0], 1)
        near = [g for g in groups if g is not group and tree.ancestor(g[0], 1) == branch]
        if near:
            products.append(rng.choice(rng.choice(near)))
    country = rng.choice(_EXHIBITOR_COUNTRIES)
    trade = tree.title[tree.parent[group[0]]].split(" & ")[0]
    org = f"{rng.choice(_ORG_WORDS)} {trade} {rng.choice(_ORG_SUFFIX)}"
    names = [tree.title[p].lower() for p in products]
    fill = {
        "products": _join_en(names),
        "org": org,
        "n": rng.randint(5, 60),
        "k": rng.randint(2, 9),
        "year": rng.randint(1950, 2018),
        "market": "China",
        "branch": tree.title[tree.ancestor(group[0], 1)].lower(),
        "group": tree.title[tree.parent[group[0]]].lower(),
    }
    parent_path = " > ".join(tree.path(tree.parent[group[0]]))
    languages = ["en"] + ([_LANGUAGES[country]] if country in _LANGUAGES else [])
    doc: dict[str, object] = {
        "role": "ROLE_EXHIBITOR",
        "organization": org,
        "country": country,
        "categories": [parent_path] if rng.random() < 0.8 else [" > ".join(tree.path(group[0])[:2])],
        "offering": rng.choice(_OFFER_EN[pool]).format(**fill),
        "seeking": rng.choice(_EXH_SEEKING_EN[pool]).format(**fill),
        "description": rng.choice(_EXH_DESCRIPTION_EN).format(**fill),
        "targetMarkets": sorted({"CN", *rng.sample(_EXHIBITOR_COUNTRIES, 2)}),
        "languages": languages,
        "hall": rng.choice(("1.1", "2.1", "3.2", "4.1", "5.2", "6.1", "7.1", "8.2")),
    }
    return _Party(doc, tuple(products))


def _purchaser(
    rng: random.Random, tree: Taxonomy, groups: list[list[str]], pool: str, chinese: dict[str, str] | None
) -> _Party:
    group = rng.choice(groups)
    count = rng.choice((1, 1, 2, 2, 3))
    products = rng.sample(group, min(count, len(group)))
    if rng.random() < 0.3:
        products = [*products[:1], rng.choice(rng.choice(groups))]
    products = list(dict.fromkeys(products))
    city, city_zh = rng.choice(_CITIES)
    region, region_zh = rng.choice(_REGIONS)
    fill = {
        "n": rng.randint(3, 900),
        "k": rng.randint(2, 12),
        "year": rng.randint(1985, 2020),
        "city": city,
        "city_zh": city_zh,
        "region": region,
        "region_zh": region_zh,
    }
    if chinese is not None:
        seeking = rng.choice(_SEEKING_ZH).format(products="、".join(chinese[p] for p in products))
        offering = rng.choice(_PUR_OFFERING_ZH).format(**fill)
        description = rng.choice(_PUR_DESCRIPTION_ZH).format(**fill)
        categories: list[str] = ["进口商品采购"] if rng.random() < 0.5 else []
        languages = ["zh"] if rng.random() < 0.6 else ["zh", "en"]
        org = f"{city_zh}{rng.choice(('鸿达', '华润', '新天地', '佳源', '瑞丰', '金桥'))}贸易有限公司"
    else:
        seeking = rng.choice(_SEEKING_EN[pool]).format(
            products=_join_en([tree.title[p].lower() for p in products])
        )
        offering = rng.choice(_PUR_OFFERING_EN).format(**fill)
        description = rng.choice(_PUR_DESCRIPTION_EN).format(**fill)
        categories = [" > ".join(tree.path(tree.parent[products[0]]))] if rng.random() < 0.5 else []
        languages = ["zh", "en"]
        org = (
            f"{city} {rng.choice(('Huada', 'Ruifeng', 'Jinqiao', 'Xintiandi', 'Jiayuan'))} Trading Co., Ltd."
        )
    doc: dict[str, object] = {
        "role": "ROLE_PURCHASER",
        "organization": org,
        "country": "CN",
        "categories": categories,
        "offering": offering,
        "seeking": seeking,
        "description": description,
        "targetMarkets": ["CN"],
        "languages": languages,
    }
    return _Party(doc, tuple(products))


def build(
    name: str, *, exhibitors: int = 200, purchasers: int = 400, seed: int = 7, groups: int = 60
) -> LabelledSet:
    """One of ``taxonomy-train``, ``taxonomy`` or ``crosslingual``."""
    tree = taxonomy()
    rng = random.Random(f"{name}:{seed}")
    chinese = chinese_names() if name == "crosslingual" else None
    branches = TRAIN_BRANCHES if name == "taxonomy-train" else TEST_BRANCHES
    pool = "A" if name == "taxonomy-train" else "B"
    all_groups = _groups(tree, branches, set(chinese) if chinese is not None else None)
    if not all_groups:
        raise ValueError(f"no product groups for {name}")
    chosen = rng.sample(all_groups, min(groups, len(all_groups)))
    prefix = {"taxonomy-train": "ttr", "taxonomy": "tax", "crosslingual": "xl"}[name]
    exh = []
    for i in range(exhibitors):
        party = _exhibitor(rng, tree, i, chosen, pool)
        party.doc["id"] = f"{prefix}-exh-{i:04d}"
        exh.append(party)
    pur = []
    for i in range(purchasers):
        party = _purchaser(rng, tree, chosen, pool, chinese)
        party.doc["id"] = f"{prefix}-pur-{i:05d}"
        pur.append(party)
    grades: dict[tuple[str, str], int] = {}
    for p in pur:
        for e in exh:
            g = grade(tree, p.products, e.products)
            if g:
                grades[(str(p.doc["id"]), str(e.doc["id"]))] = g
    descriptions = {
        "taxonomy-train": "English, train branches, template pool A (fitting only)",
        "taxonomy": "English, the expo's branches, template pool B",
        "crosslingual": "Chinese purchasers vs English exhibitors, hand-written Chinese names",
    }
    return LabelledSet(
        name=name,
        description=descriptions[name],
        exhibitors=tuple(e.doc for e in exh),
        purchasers=tuple(p.doc for p in pur),
        grades=grades,
    )
