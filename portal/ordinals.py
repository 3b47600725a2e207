"""Meeting ordinals in text: «نهمین نشست», «جلسات هفتم و هشتم», "7th and 8th meetings", "meeting 9",
第九次会议; and resolution numbers: «مصوبه ۵», "resolution 5", 第五项决议. The minutes import reads
a meeting's number and the earlier meetings its resolutions follow up with them; search reads the
meeting and resolution a query names («مصوبه ۵ نشست نهم» is the ninth meeting's fifth resolution).

An ordinal counts only beside its noun: "2 meetings" is a count, «نهم» alone may be anything.
Every expression is linear (the minutes import reads megabytes of noise with it).
"""

import re

from portal.textnorm import han_number, matching_key

HAN_NUMERAL = "[〇零一二两兩三四五六七八九十百]{1,5}"  # a Chinese numeral: 九, 十二, 一百

_FA_UNITS = {"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9}
_FA_TEENS = {"ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
             "شانزده": 16, "هفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19}
_FA_TENS = {"بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90}


def _fa_ordinal(cardinal: str) -> str:
    """سه → سوم, سی → سیام (the key drops the ZWNJ of «سی‌ام»), the rest add «م»."""
    return {"سه": "سوم", "سی": "سیام"}.get(cardinal, cardinal + "م")


_FA_UNIT_ORDINALS = {_fa_ordinal(word): n for word, n in _FA_UNITS.items()}
_FA_ORDINALS = {**_FA_UNIT_ORDINALS, "اول": 1, "نخست": 1,
                **{_fa_ordinal(word): n for word, n in (_FA_TEENS | _FA_TENS).items()}}

_EN_UNIT_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                     "seventh": 7, "eighth": 8, "ninth": 9}
_EN_ORDINALS = {**_EN_UNIT_ORDINALS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
                "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
                "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}

_MEETING_NOUNS = {"نشست", "نشستها", "نشستهای", "جلسه", "جلسهی", "جلسات", "اجلاس",
                  "meeting", "meetings", "session", "sessions"}
_MEETING_NOUN_STEMS = ("نشست", "جلس", "اجلاس", "meeting", "session")  # each noun contains one
_AFTER_NOUN_FILLERS = {"ی", "ها", "های", "شماره", "no", "nos", "number", "numbers"}
_AND = {"و", "and"}
_FA_BEFORE_NOUN = "ین"  # «هفتم» follows the noun, «هفتمین» precedes it
_DIGIT_ORDINAL = re.compile(r"(\d{1,3})(st|nd|rd|th|م|ام|مین|امین)?")  # 4 digits would be a year

_HAN_ORDINAL = rf"(?:\d{{1,3}}|{HAN_NUMERAL})"
# 第七次会议, 第七次、第八次会议, 第七、八次会议, 第九次特大城市…会议 (keys: 、 has become a space).
_HAN_MEETING = re.compile(
    rf"第(?P<ordinals>{_HAN_ORDINAL}次?(?:(?:\s|和|及|与|與)第?{_HAN_ORDINAL}次?)*)"
    r"[^\s第]{0,20}?(?:会议|會議)"
)
_HAN_ORDINAL_PART = re.compile(_HAN_ORDINAL)

_RESOLUTION_NOUNS = {"مصوبه", "مصوبهی", "بند", "resolution", "resolutions", "item", "decision"}
_RESOLUTION_NOUN_STEMS = ("مصوبه", "بند", "resolution", "item", "decision")
# 第五项决议, 第5条, 第五項; 决议五, 決議第5項.
_HAN_RESOLUTION = re.compile(
    rf"第(?P<number>{_HAN_ORDINAL})(?:项|項|条|條)|(?:决议|決議)\s*第?(?P<after>{_HAN_ORDINAL})(?!次)"
)

# In a text naming one: 第五项决议 is a reference whole; "of the" (9th meeting), «از» (نشست نهم), "in"
# (Hamedan) link it to the rest.
_HAN_RESOLUTION_NAMED = re.compile(f"(?:{_HAN_RESOLUTION.pattern})(?:决议|決議)?")
_LINKING_A_REFERENCE = {"of", "the", "at", "in", "from", "از", "در"}


def meeting_ordinals(text: str) -> list[int]:
    """Ordinals of the meetings a text mentions (Chinese ones first, then in order of appearance)."""
    key = matching_key(text)
    found = []
    if "第" in key:
        found += [_number(part) for match in _HAN_MEETING.finditer(key)
                  for part in _HAN_ORDINAL_PART.findall(match.group("ordinals"))]
    if any(stem in key for stem in _MEETING_NOUN_STEMS):  # most resolutions mention no meeting
        found += _ordinals_beside(key.split(), _MEETING_NOUNS)
    return [n for n in found if n > 0]


def resolution_numbers(text: str) -> list[int]:
    """Numbers of the resolutions a text names: «مصوبه ۵», «بند پنجم», «پنجمین مصوبه», "resolution 5",
    "the 5th resolution", "item 5", 第五项决议, 第5条, 决议五."""
    key = matching_key(text)
    found = []
    if any(noun in key for noun in ("第", "决议", "決議")):
        found += [_number(match.group("number") or match.group("after")) for match in _HAN_RESOLUTION.finditer(key)]
    if any(stem in key for stem in _RESOLUTION_NOUN_STEMS):
        found += _ordinals_beside(key.split(), _RESOLUTION_NOUNS)
    return [n for n in found if n > 0]


def words_besides_references(text: str) -> list[str]:
    """The words of a text (as matching keys) once the meetings and resolutions it names by number
    are taken out: «مصوبه ۵ نشست نهم درباره آموزش» leaves «درباره», «آموزش»."""
    key = _HAN_RESOLUTION_NAMED.sub(" ", _HAN_MEETING.sub(" ", matching_key(text)))
    tokens = key.split()
    taken = {i for nouns in (_MEETING_NOUNS, _RESOLUTION_NOUNS)
             for _ordinals, start, end in _references(tokens, nouns) for i in range(start, end)}
    for i in reversed(range(len(tokens))):  # "of the" before a reference belongs to it
        if tokens[i] in _LINKING_A_REFERENCE and i + 1 in taken:
            taken.add(i)
    for i in range(len(tokens)):  # and "in" after it
        if tokens[i] in _LINKING_A_REFERENCE and i - 1 in taken:
            taken.add(i)
    return [token for i, token in enumerate(tokens) if i not in taken]


def _ordinals_beside(tokens: list[str], nouns: set[str]) -> list[int]:
    """Ordinals written beside one of the nouns: «جلسات هفتم و هشتم», «نهمین نشست», "meeting 7",
    "7th and 8th meetings"."""
    return [n for ordinals, _start, _end in _references(tokens, nouns) for n in ordinals]


def _references(tokens: list[str], nouns: set[str]) -> list[tuple[list[int], int, int]]:
    """(ordinals, first token, the token after the last) of each run of ordinals beside a noun."""
    found = []
    i = 0
    while i < len(tokens):
        if tokens[i] in nouns:
            j = i + 1
            while j < len(tokens) and tokens[j] in _AFTER_NOUN_FILLERS:
                j += 1
            ordinals, j = _read_ordinals(tokens, j, before_noun=False)
            if ordinals:
                found.append((ordinals, i, j))
        else:
            ordinals, j = _read_ordinals(tokens, i, before_noun=True)
            if ordinals and j < len(tokens) and tokens[j] in nouns:
                j += 1
                found.append((ordinals, i, j))
        i = max(j, i + 1)  # never re-read a run: keeps the scan linear
    return found


def _number(numeral: str) -> int:
    return int(numeral) if numeral.isdecimal() else han_number(numeral)


def _read_ordinals(tokens: list[str], i: int, before_noun: bool) -> tuple[list[int], int]:
    """Read «هفتم و هشتم», "7th and 8th", "7 8" from tokens[i]; return them and the next index."""
    ordinals: list[int] = []
    while i < len(tokens) and (found := _ordinal_at(tokens, i, before_noun)):
        value, i = found
        ordinals.append(value)
        if i + 1 < len(tokens) and tokens[i] in _AND and _ordinal_at(tokens, i + 1, before_noun):
            i += 1
    return ordinals, i


def _ordinal_at(tokens: list[str], i: int, before_noun: bool) -> tuple[int, int] | None:
    """One ordinal starting at tokens[i], as (value, index after it)."""
    token = tokens[i]
    following = tokens[i + 1:i + 3]
    if digits := _DIGIT_ORDINAL.fullmatch(token):
        if before_noun and not digits.group(2):
            return None  # "2 meetings" is a count, not an ordinal
        return int(digits.group(1)), i + 1
    suffix = _FA_BEFORE_NOUN if before_noun else ""
    if value := _persian_ordinal(token, suffix, _FA_ORDINALS):
        return value, i + 1
    if token in _FA_TENS and len(following) == 2 and following[0] == "و":  # «بیست و یکم»
        if unit := _persian_ordinal(following[1], suffix, _FA_UNIT_ORDINALS):
            return _FA_TENS[token] + unit, i + 3
    if token in _EN_TENS and following and following[0] in _EN_UNIT_ORDINALS:  # "twenty-first"
        return _EN_TENS[token] + _EN_UNIT_ORDINALS[following[0]], i + 2
    if token in _EN_ORDINALS:
        return _EN_ORDINALS[token], i + 1
    return None


def _persian_ordinal(token: str, suffix: str, table: dict[str, int]) -> int | None:
    if not token.endswith(suffix):
        return None
    return table.get(token[:len(token) - len(suffix)])
