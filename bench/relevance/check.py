"""Validate the judged relevance set (documents.jsonl, queries.jsonl) and print a summary.

Standard library only. Run from anywhere:

    python bench/relevance/check.py

Exits 1 when an error is found (the summary is printed either way).
"""

import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCUMENTS = HERE / "documents.jsonl"
QUERIES = HERE / "queries.jsonl"

LANGUAGES = {"fa": {"fa"}, "zh": {"hans", "hant"}, "en": {"latin"}}
KINDS = {"study", "training", "report", "resolution"}
SHAPES = {"exact", "synonym", "variant", "plural", "partial", "t2s", "cross"}
SPLITS = {"tune", "heldout"}
DOC_FIELDS = ("id", "language", "script", "kind", "title", "body", "organisation", "date", "source_url")
QUERY_FIELDS = ("id", "language", "script", "query", "cross_language", "split", "shape", "judgements")

# Minimum sizes of the set.
MIN_DOCUMENTS = 170
MIN_DOCS_PER_LANGUAGE = {"fa": 55, "zh": 55, "en": 50}
HANT_SHARE = (0.4, 0.6)  # share of Traditional-script documents among the Chinese ones
MIN_QUERIES = 60
MIN_QUERIES_PER_LANGUAGE = {"fa": 20, "zh": 20, "en": 20}
MIN_HANT_QUERIES = 8
MIN_CROSS = 20
HELDOUT_SHARE = (0.25, 0.42)
# Body length: words for Persian and English, Han characters for Chinese.
BODY_WORDS = (80, 400)
BODY_HAN = (150, 700)
LONG_URL = (300, 900)

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ORG = re.compile(r"^[a-z][a-z0-9-]*$")
JALALI = re.compile(r"^(1[2-4]\d\d)/(\d\d)/(\d\d)$")


def read_jsonl(path, errors):
    rows = []
    if not path.exists():
        errors.append(f"{path.name}: missing")
        return rows
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"{path.name}:{number}: empty line")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{path.name}:{number}: invalid JSON ({exc})")
                continue
            if not isinstance(row, dict):
                errors.append(f"{path.name}:{number}: not an object")
                continue
            rows.append(row)
    return rows


def valid_date(value):
    match = JALALI.match(value)
    if match:
        month, day = int(match.group(2)), int(match.group(3))
        return 1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30)
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def body_size(doc):
    if doc["language"] == "zh":
        return len(HAN.findall(doc["body"]))
    return len(doc["body"].split())


def check_documents(docs, errors):
    seen = set()
    for doc in docs:
        where = f"document {doc.get('id', '?')}"
        missing = [f for f in DOC_FIELDS if not isinstance(doc.get(f), str) or not doc.get(f).strip()]
        if missing:
            errors.append(f"{where}: missing or empty {', '.join(missing)}")
            continue
        extra = set(doc) - set(DOC_FIELDS)
        if extra:
            errors.append(f"{where}: unexpected fields {sorted(extra)}")
        if doc["id"] in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(doc["id"])
        lang = doc["language"]
        if lang not in LANGUAGES:
            errors.append(f"{where}: language {lang!r}")
            continue
        if not re.fullmatch(rf"{lang}-\d{{3}}", doc["id"]):
            errors.append(f"{where}: id should look like {lang}-001")
        if doc["script"] not in LANGUAGES[lang]:
            errors.append(f"{where}: script {doc['script']!r} for language {lang}")
        if doc["kind"] not in KINDS:
            errors.append(f"{where}: kind {doc['kind']!r}")
        if not ORG.match(doc["organisation"]):
            errors.append(f"{where}: organisation {doc['organisation']!r} is not a slug")
        if not valid_date(doc["date"]):
            errors.append(f"{where}: date {doc['date']!r} is neither ISO nor Jalali YYYY/MM/DD")
        url = doc["source_url"]
        if not url.startswith("https://") or any(c.isspace() for c in url) or len(url) > LONG_URL[1]:
            errors.append(f"{where}: source_url must be https://, without spaces, at most {LONG_URL[1]} chars")
        low, high = BODY_HAN if lang == "zh" else BODY_WORDS
        size = body_size(doc)
        if not low <= size <= high:
            unit = "Han characters" if lang == "zh" else "words"
            errors.append(f"{where}: body has {size} {unit}, expected {low}-{high}")
    return {d["id"]: d for d in docs if isinstance(d.get("id"), str)}


def check_queries(queries, by_id, errors):
    seen = set()
    for query in queries:
        where = f"query {query.get('id', '?')}"
        missing = [f for f in QUERY_FIELDS if f not in query]
        if missing:
            errors.append(f"{where}: missing {', '.join(missing)}")
            continue
        if query["id"] in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(query["id"])
        lang = query["language"]
        if lang not in LANGUAGES:
            errors.append(f"{where}: language {lang!r}")
            continue
        if not re.fullmatch(rf"q-{lang}-\d{{2,3}}", query["id"]):
            errors.append(f"{where}: id should look like q-{lang}-01")
        if query["script"] not in LANGUAGES[lang]:
            errors.append(f"{where}: script {query['script']!r} for language {lang}")
        if not isinstance(query["query"], str) or not query["query"].strip():
            errors.append(f"{where}: empty query text")
        if query["shape"] not in SHAPES:
            errors.append(f"{where}: shape {query['shape']!r}")
        if query["split"] not in SPLITS:
            errors.append(f"{where}: split {query['split']!r}")
        cross = query["cross_language"]
        if not isinstance(cross, bool):
            errors.append(f"{where}: cross_language must be true or false")
        elif cross != (query["shape"] == "cross"):
            errors.append(f"{where}: shape 'cross' exactly when cross_language is true")
        judgements = query["judgements"]
        if not isinstance(judgements, dict) or not judgements:
            errors.append(f"{where}: judgements must be a non-empty object")
            continue
        for doc_id, grade in judgements.items():
            if doc_id not in by_id:
                errors.append(f"{where}: judged document {doc_id} does not exist")
            if grade not in (1, 2) or isinstance(grade, bool):
                errors.append(f"{where}: grade {grade!r} for {doc_id} (only 1 and 2 are listed)")
        known = {d: g for d, g in judgements.items() if d in by_id}
        if 2 not in known.values():
            errors.append(f"{where}: no document with grade 2")
        other = {d: g for d, g in known.items() if by_id[d]["language"] != lang}
        if cross is True:
            if not any(g == 2 for g in other.values()):
                errors.append(f"{where}: cross-language query without a grade-2 document in another language")
        elif other:
            errors.append(f"{where}: monolingual query judges documents in other languages: {sorted(other)}")


def check_counts(docs, queries, errors):
    by_lang = Counter(d.get("language") for d in docs)
    if len(docs) < MIN_DOCUMENTS:
        errors.append(f"only {len(docs)} documents (at least {MIN_DOCUMENTS})")
    for lang, minimum in MIN_DOCS_PER_LANGUAGE.items():
        if by_lang[lang] < minimum:
            errors.append(f"only {by_lang[lang]} {lang} documents (at least {minimum})")
    zh = [d for d in docs if d.get("language") == "zh"]
    if zh:
        share = sum(d.get("script") == "hant" for d in zh) / len(zh)
        if not HANT_SHARE[0] <= share <= HANT_SHARE[1]:
            errors.append(f"Traditional share of Chinese documents is {share:.0%}")
    q_lang = Counter(q.get("language") for q in queries)
    if len(queries) < MIN_QUERIES:
        errors.append(f"only {len(queries)} queries (at least {MIN_QUERIES})")
    for lang, minimum in MIN_QUERIES_PER_LANGUAGE.items():
        if q_lang[lang] < minimum:
            errors.append(f"only {q_lang[lang]} {lang} queries (at least {minimum})")
    hant = sum(q.get("script") == "hant" for q in queries)
    if hant < MIN_HANT_QUERIES:
        errors.append(f"only {hant} Traditional-script queries (at least {MIN_HANT_QUERIES})")
    cross = sum(q.get("cross_language") is True for q in queries)
    if cross < MIN_CROSS:
        errors.append(f"only {cross} cross-language queries (at least {MIN_CROSS})")
    if queries:
        share = sum(q.get("split") == "heldout" for q in queries) / len(queries)
        if not HELDOUT_SHARE[0] <= share <= HELDOUT_SHARE[1]:
            errors.append(f"held-out share is {share:.0%} (expected about a third)")


def table(counter, order=None):
    keys = order or sorted(counter)
    return ", ".join(f"{k} {counter[k]}" for k in keys if counter[k])


def summary(docs, queries, by_id):
    print(f"documents: {len(docs)}")
    print("  by language/script:", table(Counter(f"{d['language']}/{d['script']}" for d in docs)))
    print("  by kind:", table(Counter(d["kind"] for d in docs)))
    print("  organisations:", len({d["organisation"] for d in docs}))
    long_urls = sum(LONG_URL[0] <= len(d["source_url"]) <= LONG_URL[1] for d in docs)
    print(f"  source_url of {LONG_URL[0]}-{LONG_URL[1]} characters: {long_urls}")
    judged = {d for q in queries for d in q.get("judgements", {})}
    print(f"  never judged relevant (distractors and other documents): {len(by_id) - len(judged & set(by_id))}")
    print(f"queries: {len(queries)}")
    print("  by language/script:", table(Counter(f"{q['language']}/{q['script']}" for q in queries)))
    print("  by shape:", table(Counter(q["shape"] for q in queries), sorted(SHAPES)))
    print("  by split:", table(Counter(q["split"] for q in queries)))
    print("  cross-language:", sum(q["cross_language"] is True for q in queries))
    grades = Counter(g for q in queries for g in q["judgements"].values())
    print(
        f"  judgements: grade 2 {grades[2]}, grade 1 {grades[1]}; "
        f"{(grades[1] + grades[2]) / max(len(queries), 1):.1f} judged documents per query"
    )


def main():
    errors = []
    docs = read_jsonl(DOCUMENTS, errors)
    queries = read_jsonl(QUERIES, errors)
    by_id = check_documents(docs, errors)
    check_queries(queries, by_id, errors)
    check_counts(docs, queries, errors)
    if not errors:
        summary(docs, queries, by_id)
    for error in errors:
        print("ERROR:", error)
    if errors:
        print(f"{len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
