#!/usr/bin/env python3
"""Validate portal/data/thesaurus.json (the crisis-management thesaurus) and print a summary.

Standalone, standard library only:

    python3 portal/data/check_thesaurus.py [path/to/thesaurus.json] [-v]

Errors (exit status 1): malformed JSON or structure, ids that are not unique lowercase slugs,
unknown groups, missing languages, broader ids that do not exist, cycles in the broader graph,
duplicate labels within one language of one concept, blank/badly spaced labels, misplaced ZWNJ,
labels in the wrong script (including Simplified-only characters in zh-hant and Traditional-only
characters in zh-hans), labels that are too long or too generic to be useful.
Warnings (reported, not fatal): labels longer than five words, labels shared by several
concepts, Arabic ي/ك in Persian labels. -v lists every warning instead of the first few.
"""

import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

LANGUAGES = ("fa", "zh-hans", "zh-hant", "en")
GROUPS = ("hazard", "phase", "practice", "organisation", "resource", "effect", "plan", "community")
CONCEPT_KEYS = {"id", "group", "broader", "labels"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ZWNJ = "\u200c"

# Words so generic that, alone, they would match nearly every document of the portal.
GENERIC = {
    "management", "system", "systems", "plan", "plans", "work", "organisation", "organization",
    "department", "city", "safety", "information", "office", "service", "services",
    "مدیریت", "سامانه", "سیستم", "برنامه", "طرح", "کار", "سازمان", "اداره", "شهر", "ایمنی",
    "اطلاعات", "خدمات", "دفتر", "واحد",
    "管理", "系统", "系統", "计划", "計劃", "計畫", "工作", "组织", "組織", "部门", "部門",
    "城市", "安全", "信息", "資訊", "服务", "服務", "办公室", "辦公室",
}

# Characters that exist only in Simplified (never valid in Traditional text, including the
# Hong Kong and Taiwan variant forms) and only in Traditional, limited to the vocabulary of
# this field. Derived once from OpenCC's character tables; extend when new terms need it.
SIMPLIFIED_ONLY = set(
    "专业严丧个临为义习乡书产亲仓仪众优传伤偿储儿关军农冲决况冻凉减击则创别剂办务动势协单卫厅压县发变启员响啸喷团园围图圣场坏"
    "坝坠处备复头妇实对寻导尘层岗师帐带帮库应废张弹强归录态总战扑扩扫扬抢护报拟拥挤挥损撑无时术机杀构标档桥检毁气沟测济浓涝溃"
    "灭灾烟热环现电疗监盘矿砾础碍祸离积稳筛筹类粮紧红约级纳线练组细织终经结络统绩绪续维绵综绿缓编网职联脑舆舱节苏药营蓝补袭见"
    "观规视计认讨让训议讯记讲论设评识诊话询详课调谅谣负财责质贷费资赔赠踪车轨转轻辅辆辐输辖边达过运进连遗邻鉴铁铲链锁键镇长门"
    "闪闭间闻队阶际险隐难雾韧项预领题风飞饮馆驿验骚龄龙"
)
TRADITIONAL_ONLY = set(
    "佈係倉個備傷儀償優儲凍別則創剷劃動務勢協員喪嘯噴園報場塵墜壩婦尋導層崗師帳幫幹庫張強後復態捲掃揚揮損搶撐撲擁擠擬時書業極"
    "構樑標橋機檔殺毀決況涼減測準溝滅潰澇濃灑災無熱現環甦療監盤礎礙礦礫禍種積節範築篩籌糧約紅納級細終組結絡統綜維網綿緊線編緩"
    "練績織義習聖聞職臨艙藍術衝補複襲見規視親計訊討訓記設診評詢話詳認課調諒論諮講識議護負財責貸費資賠質贈蹤車軌軍輔輸輻輿轄辦"
    "農週進遊運過達適遷遺鄰鍵鎖鎮鏈鏟鑑長門閃閉間闢隊階際離難雲電霧韌響項預領頭題願類風颱飛飲館駭"
)

MAX_WORDS = 10       # hard limit for fa/en labels (long official names included)
SOFT_WORDS = 5       # the thesaurus aims at 1-5 word terms; longer ones are reported
MAX_CJK_CHARS = 24   # hard limit for Chinese labels


def norm(label):
    """Comparison key for duplicates: Unicode-normalised, case-folded, single-spaced."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", label)).strip().casefold()


def script_ok(lang, label):
    if lang == "fa":
        return re.search(r"[\u0600-\u06ff]", label) is not None
    if lang.startswith("zh"):
        return re.search(r"[\u3400-\u9fff]", label) is not None
    return re.search(r"[A-Za-z]", label) is not None


def check_label(lang, label, where, errors, warnings):
    if not isinstance(label, str) or not label.strip():
        errors.append(f"{where}: empty or non-string label {label!r}")
        return
    if label != label.strip() or "  " in label or re.search(r"[\t\r\n\x00-\x1f]", label):
        errors.append(f"{where}: badly spaced label {label!r}")
    if not script_ok(lang, label):
        errors.append(f"{where}: label {label!r} is not written in the script of {lang}")
    if norm(label) in GENERIC:
        errors.append(f"{where}: label {label!r} is too generic to be useful")
    if lang == "fa":
        if label.startswith(ZWNJ) or label.endswith(ZWNJ) or ZWNJ * 2 in label \
                or f" {ZWNJ}" in label or f"{ZWNJ} " in label:
            errors.append(f"{where}: misplaced ZWNJ in {label!r}")
        if re.search("[يك]", label):
            warnings.append(f"{where}: Arabic ي/ك in {label!r} (search normalises them anyway)")
    if lang in ("fa", "en"):
        words = len(label.split())
        if words > MAX_WORDS:
            errors.append(f"{where}: label {label!r} has {words} words (max {MAX_WORDS})")
        elif words > SOFT_WORDS:
            warnings.append(f"{where}: long label {label!r} ({words} words)")
    else:
        if len(label) > MAX_CJK_CHARS:
            errors.append(f"{where}: label {label!r} is longer than {MAX_CJK_CHARS} characters")
        wrong = SIMPLIFIED_ONLY if lang == "zh-hant" else TRADITIONAL_ONLY
        bad = sorted(set(label) & wrong)
        if bad:
            kind = "Simplified" if lang == "zh-hant" else "Traditional"
            errors.append(f"{where}: {kind}-only character(s) {''.join(bad)} in {label!r}")


def find_cycles(broader):
    """Return the concepts found on cycles of the broader graph (iterative DFS)."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {c: WHITE for c in broader}
    cycles = []
    for start in broader:
        if colour[start] != WHITE:
            continue
        stack = [(start, iter(broader[start]))]
        path = [start]
        colour[start] = GREY
        while stack:
            node, children = stack[-1]
            for child in children:
                if child not in colour:
                    continue  # unknown ids are reported elsewhere
                if colour[child] == GREY:
                    cycles.append(path[path.index(child):] + [child])
                elif colour[child] == WHITE:
                    colour[child] = GREY
                    path.append(child)
                    stack.append((child, iter(broader[child])))
                    break
            else:
                colour[node] = BLACK
                path.pop()
                stack.pop()
    return cycles


def depth_of(cid, broader, memo):
    if cid not in memo:
        memo[cid] = 0  # guard against cycles
        parents = [p for p in broader.get(cid, []) if p in broader]
        memo[cid] = 1 + max((depth_of(p, broader, memo) for p in parents), default=0)
    return memo[cid]


def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    path = Path(args[0]) if args else Path(__file__).with_name("thesaurus.json")
    errors, warnings = [], []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"ERROR: cannot read {path}: {exc}")
        return 1

    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        print('ERROR: the file must be an object with a "concepts" list')
        return 1
    if not isinstance(data.get("version"), int):
        errors.append('top level: "version" must be an integer')
    extra = set(data) - {"version", "concepts"}
    if extra:
        errors.append(f"top level: unknown keys {sorted(extra)}")

    concepts = data["concepts"]
    broader, groups, seen_ids = {}, {}, Counter()
    label_owners = {lang: defaultdict(set) for lang in LANGUAGES}
    label_counts = {lang: [] for lang in LANGUAGES}

    for n, concept in enumerate(concepts):
        if not isinstance(concept, dict):
            errors.append(f"concept #{n}: not an object")
            continue
        cid = concept.get("id")
        where = f"concept {cid!r}" if isinstance(cid, str) else f"concept #{n}"
        missing, unknown = CONCEPT_KEYS - set(concept), set(concept) - CONCEPT_KEYS
        if missing:
            errors.append(f"{where}: missing keys {sorted(missing)}")
        if unknown:
            errors.append(f"{where}: unknown keys {sorted(unknown)}")
        if not isinstance(cid, str) or not SLUG.match(cid):
            errors.append(f"{where}: id must be a lowercase ascii slug with hyphens")
            continue
        seen_ids[cid] += 1
        group = concept.get("group")
        if group not in GROUPS:
            errors.append(f"{where}: group {group!r} is not one of {', '.join(GROUPS)}")
        groups[cid] = group
        parents = concept.get("broader", [])
        if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
            errors.append(f"{where}: broader must be a list of ids")
            parents = []
        if len(set(parents)) != len(parents):
            errors.append(f"{where}: repeated broader ids")
        if cid in parents:
            errors.append(f"{where}: is its own broader concept")
        broader[cid] = [p for p in parents if p != cid]

        labels = concept.get("labels")
        if not isinstance(labels, dict):
            errors.append(f"{where}: labels must be an object")
            continue
        if set(labels) - set(LANGUAGES):
            errors.append(f"{where}: unknown languages {sorted(set(labels) - set(LANGUAGES))}")
        for lang in LANGUAGES:
            values = labels.get(lang)
            if not isinstance(values, list) or not values:
                errors.append(f"{where}: no {lang} label")
                continue
            label_counts[lang].append(len(values))
            keys = Counter()
            for label in values:
                check_label(lang, label, f"{where} [{lang}]", errors, warnings)
                if isinstance(label, str):
                    keys[norm(label)] += 1
                    label_owners[lang][norm(label)].add(cid)
            for key, count in keys.items():
                if count > 1:
                    errors.append(f"{where} [{lang}]: duplicate label {key!r}")

    for cid, count in seen_ids.items():
        if count > 1:
            errors.append(f"concept {cid!r}: id used {count} times")
    for cid, parents in broader.items():
        for parent in parents:
            if parent not in broader:
                errors.append(f"concept {cid!r}: broader id {parent!r} does not exist")
    for cycle in find_cycles(broader):
        errors.append("cycle in broader links: " + " -> ".join(cycle))

    for lang in LANGUAGES:
        for key, owners in sorted(label_owners[lang].items()):
            if len(owners) > 1:
                warnings.append(f"[{lang}] label {key!r} shared by {', '.join(sorted(owners))}")

    # Summary
    print(f"{path}: {len(concepts)} concepts, version {data.get('version')}")
    by_group = Counter(groups.values())
    print("\nconcepts per group:")
    for group in GROUPS:
        print(f"  {group:<13}{by_group.get(group, 0):>5}")
    print("\nlabels per language:  total   min   avg   max")
    for lang in LANGUAGES:
        counts = label_counts[lang] or [0]
        print(f"  {lang:<16}{sum(counts):>7}{min(counts):>6}{sum(counts) / len(counts):>6.1f}{max(counts):>6}")
    memo = {}
    depths = [depth_of(cid, broader, memo) for cid in broader] if not find_cycles(broader) else [0]
    tops = sum(1 for parents in broader.values() if not parents)
    multi = sum(1 for parents in broader.values() if len(parents) > 1)
    links = sum(len(parents) for parents in broader.values())
    print(f"\nhierarchy: {links} broader links, {tops} top concepts, {multi} concepts with "
          f"several broader, maximum depth {max(depths, default=0)}")

    if warnings:
        print(f"\n{len(warnings)} warning(s)" + ("" if verbose else " (first 10; -v for all)") + ":")
        for w in warnings if verbose else warnings[:10]:
            print("  " + w)
    if errors:
        print(f"\n{len(errors)} ERROR(S):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
