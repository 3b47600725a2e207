"""nDCG@10 of ranked lists against the judged set, per language, across languages, tune and held out.

Gain is 2^grade − 1 (a highly relevant document counts three times a partly relevant one);
DCG@10 = Σ gain_i / log2(i + 1); nDCG@10 divides by the DCG@10 of the query's ideal ordering.
"""

import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent
CUTOFF = 10
# Rows of the report: (label, which queries).
GROUPS = (
    ("Persian", lambda q: q["language"] == "fa" and not q["cross_language"]),
    ("Chinese", lambda q: q["language"] == "zh" and not q["cross_language"]),
    ("English", lambda q: q["language"] == "en" and not q["cross_language"]),
    ("cross-language", lambda q: q["cross_language"]),
    ("all", lambda q: True),
)


def read_jsonl(name):
    with (HERE / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def documents():
    return read_jsonl("documents.jsonl")


def queries():
    return read_jsonl("queries.jsonl")


def dcg(gains):
    return sum(gain / math.log2(position + 2) for position, gain in enumerate(gains[:CUTOFF]))


def ndcg(ranked, judgements):
    gains = [2 ** judgements.get(doc_id, 0) - 1 for doc_id in ranked]
    ideal = dcg(sorted((2 ** grade - 1 for grade in judgements.values()), reverse=True))
    return dcg(gains) / ideal if ideal else 0.0


def found_highly_relevant(ranked, judgements):
    """Share of the grade-2 documents in the top ten."""
    wanted = {doc_id for doc_id, grade in judgements.items() if grade == 2}
    return len(wanted & set(ranked[:CUTOFF])) / len(wanted) if wanted else 1.0


def scores(all_queries, rankings):
    """{group label: (mean nDCG@10, queries)} for the given {query id: ranked ids}."""
    table = {}
    for label, belongs in GROUPS:
        chosen = [q for q in all_queries if belongs(q)]
        values = [ndcg(rankings[q["id"]], q["judgements"]) for q in chosen]
        table[label] = (sum(values) / len(values) if values else 0.0, len(values))
    return table
