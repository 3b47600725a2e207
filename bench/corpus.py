"""A generated corpus for measuring search: many realistic knowledge items, created in bulk.

Used by `scripts/bench_search.py` and `scripts/load_test.py`, never by the site itself. It
lives in the `bench` package (not in scripts/, nor in the search app, which indexes whatever the
apps register and names none of them) so both scripts and the test suite import it.

Three parts:

- `generate_items(count, seed)`: plain descriptions of studies, training experiences and
  experience reports in Persian, Chinese (Simplified and Traditional) and English, built from a
  vocabulary of the network's own subject matter (hazards, phases, plans, drills, cities).
  Item `i` depends only on (seed, i): the same seed gives the same corpus, and a larger corpus
  starts with the smaller one.
- `create_items(parent, items)`: real Wagtail pages under the knowledge index, inserted in
  bulk. `add_child` costs several queries and a revision per page, far too slow for 100,000
  items, so the tree paths are computed here and each table of the multi-table inheritance
  (Page → KnowledgeItem → Study/…) is filled in one statement per batch.
- `benchmark_queries(count, seed)`: a mixed set of searches (words, phrases, spelling
  variants, facet filters, both orders, anonymous and member readers).
"""

import datetime
import functools
import random
import uuid
from dataclasses import dataclass, field
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from knowledge.kinds import KINDS
from knowledge.models import KnowledgeItem
from portal import demo_content, freshness
from portal.models import Hazard, Organisation, Phase
from search.results import NEWEST, RELEVANCE

# Changes whenever the same (seed, number) would give a different item: saved corpora are then rebuilt.
CORPUS_VERSION = 2
SLUG_PREFIX = "generated-"  # marks generated pages, so a later run can count (and reuse) them
BATCH_SIZE = 1000
ZWNJ = "\u200c"

# --- vocabulary: organisations and cities ---------------------------------------------------

# (slug, kind, city, country, Persian, English, Chinese name, city in fa, city in zh)
ORGANISATIONS = [
    ("tehran", "city_office", "Tehran", "Iran", "سازمان پیشگیری و مدیریت بحران شهر تهران",
     "Tehran Disaster Mitigation and Management Organisation", "", "تهران", "德黑兰"),
    ("isfahan", "city_office", "Isfahan", "Iran", "مدیریت بحران شهرداری اصفهان",
     "Isfahan Municipality Crisis Management", "", "اصفهان", "伊斯法罕"),
    ("mashhad", "city_office", "Mashhad", "Iran", "سازمان مدیریت بحران شهرداری مشهد",
     "Mashhad Municipality Crisis Management", "", "مشهد", "马什哈德"),
    ("tabriz", "city_office", "Tabriz", "Iran", "سازمان مدیریت بحران شهرداری تبریز",
     "Tabriz Municipality Crisis Management", "", "تبریز", "大不里士"),
    ("shiraz", "city_office", "Shiraz", "Iran", "سازمان مدیریت بحران شهرداری شیراز",
     "Shiraz Municipality Crisis Management", "", "شیراز", "设拉子"),
    ("kerman", "city_office", "Kerman", "Iran", "مدیریت بحران شهرداری کرمان",
     "Kerman Municipality Crisis Management", "", "کرمان", "克尔曼"),
    ("qazvin", "city_office", "Qazvin", "Iran", "اداره مدیریت بحران شهرداری قزوین",
     "Qazvin Municipality Crisis Management Office", "", "قزوین", "加兹温"),
    ("hamedan", "city_office", "Hamedan", "Iran", "مدیریت بحران شهرداری همدان",
     "Hamedan Municipality Crisis Management", "", "همدان", "哈马丹"),
    ("karaj", "city_office", "Karaj", "Iran", "سازمان مدیریت بحران شهرداری کرج",
     "Karaj Municipality Crisis Management", "", "کرج", "卡拉季"),
    ("ahvaz", "city_office", "Ahvaz", "Iran", "مدیریت بحران شهرداری اهواز",
     "Ahvaz Municipality Crisis Management", "", "اهواز", "阿瓦士"),
    ("qom", "city_office", "Qom", "Iran", "مدیریت بحران شهرداری قم",
     "Qom Municipality Crisis Management", "", "قم", "库姆"),
    ("rasht", "city_office", "Rasht", "Iran", "مدیریت بحران شهرداری رشت",
     "Rasht Municipality Crisis Management", "", "رشت", "拉什特"),
    ("urmia", "city_office", "Urmia", "Iran", "مدیریت بحران شهرداری ارومیه",
     "Urmia Municipality Crisis Management", "", "ارومیه", "乌尔米耶"),
    ("yazd", "city_office", "Yazd", "Iran", "مدیریت بحران شهرداری یزد",
     "Yazd Municipality Crisis Management", "", "یزد", "亚兹德"),
    ("liuzhou-chengzhong", "city_office", "Liuzhou", "China", "",
     "Chengzhong District Emergency Management Bureau, Liuzhou", "柳州市城中区应急管理局", "لیوجو", "柳州"),
    ("longfengyuan", "other", "Xi'an", "China", "", "Longfengyuan Community Services Office (Changqing)",
     "长庆龙凤园社区物业服务处", "شیان", "西安"),
    ("chengdu", "city_office", "Chengdu", "China", "", "Chengdu Emergency Management Bureau",
     "成都市应急管理局", "چنگدو", "成都"),
    ("wuhan", "city_office", "Wuhan", "China", "", "Wuhan Emergency Management Bureau",
     "武汉市应急管理局", "ووهان", "武汉"),
    ("kunming", "city_office", "Kunming", "China", "", "Kunming Emergency Management Bureau",
     "昆明市应急管理局", "کونمینگ", "昆明"),
    ("lanzhou", "city_office", "Lanzhou", "China", "", "Lanzhou Emergency Management Bureau",
     "兰州市应急管理局", "لانجو", "兰州"),
    ("nanning", "city_office", "Nanning", "China", "", "Nanning Emergency Management Bureau",
     "南宁市应急管理局", "ناننینگ", "南宁"),
    ("hangzhou", "city_office", "Hangzhou", "China", "", "Hangzhou Emergency Management Bureau",
     "杭州市应急管理局", "هانگجو", "杭州"),
]
IRANIAN = [row for row in ORGANISATIONS if row[3] == "Iran"]
CHINESE = [row for row in ORGANISATIONS if row[3] == "China"]

# --- vocabulary: hazards and phases, per language --------------------------------------------
# Several words per hazard, as writers use them; Persian compounds keep their ZWNJ.

HAZARD_WORDS = {
    "earthquake": (["زلزله", "زمین‌لرزه"], ["地震"], ["earthquake", "seismic risk"]),
    "flood": (["سیل", "سیلاب", "آب‌گرفتگی معابر"], ["洪水", "城市内涝"], ["flood", "flash flooding"]),
    "fire": (["آتش‌سوزی", "حریق"], ["火灾"], ["fire", "building fire"]),
    "gas-incident": (["حوادث گاز", "نشت گاز"], ["燃气泄漏", "燃气事故"], ["gas leak", "gas explosion"]),
    "epidemic": (["همه‌گیری", "بیماری واگیر"], ["传染病疫情", "疫情防控"], ["epidemic", "outbreak"]),
    "industrial-accident": (["حادثه صنعتی", "مواد خطرناک"], ["工业事故", "危险化学品事故"],
                            ["industrial accident", "hazardous materials"]),
    "traffic": (["حوادث ترافیکی", "تصادف‌های زنجیره‌ای"], ["交通事故"], ["road accident", "traffic crash"]),
    "storm": (["طوفان", "تندباد"], ["台风", "暴风雨"], ["storm", "windstorm"]),
    "drought": (["خشکسالی", "کم‌آبی"], ["干旱", "缺水"], ["drought", "water shortage"]),
    "landslide": (["زمین‌لغزش", "رانش زمین"], ["滑坡", "山体滑坡"], ["landslide", "slope failure"]),
}
PHASE_WORDS = {
    "prevention": ("پیشگیری", "预防", "prevention"),
    "preparedness": ("آمادگی", "应急准备", "preparedness"),
    "response": ("مقابله", "应急响应", "response"),
    "reconstruction": ("بازسازی", "恢复重建", "recovery"),
}

# --- vocabulary: Persian -----------------------------------------------------------------------

FA = {
    "asset": ["بافت فرسوده", "مدارس", "بیمارستان‌ها", "شبکه آب و فاضلاب", "پل‌ها و تونل‌ها",
              "ساختمان‌های بلندمرتبه", "ایستگاه‌های مترو", "بازار سنتی", "شریان‌های حیاتی",
              "ایستگاه‌های آتش‌نشانی", "پایگاه‌های پشتیبانی مدیریت بحران"],
    "group": ["دانش‌آموزان", "شهروندان", "داوطلبان محله", "کارکنان شهرداری", "سالمندان",
              "نیروهای امدادی", "مدیران مدارس", "زنان سرپرست خانوار", "رانندگان اتوبوس"],
    "topic": ["هشدار سریع", "اسکان اضطراری", "تخلیه ساختمان", "کمک‌های اولیه", "ارتباطات اضطراری",
              "نقشه‌برداری خطر", "مدیریت پسماند پس از بحران", "انبار اقلام امدادی", "جست‌وجو و نجات"],
    "partner": ["هلال احمر", "آتش‌نشانی", "اورژانس", "دانشگاه علوم پزشکی", "آموزش و پرورش",
                "نیروی انتظامی", "شرکت گاز استان", "سازمان آب و فاضلاب"],
    "doc": ["مطالعه", "طرح", "گزارش", "برنامه"],
    "area": ["منطقه", "ناحیه", "محله"],
    # Neighbourhoods and streets: the long tail of rarer words real documents have.
    "place": ["نارمک", "تجریش", "سعادت‌آباد", "شهرک غرب", "جلفا", "چهارباغ", "طبرسی", "احمدآباد", "ولیعصر",
              "قصردشت", "ارم", "زرگنده", "باغ‌فیض", "پونک", "منظریه", "کوی نصر", "سیدخندان", "یوسف‌آباد",
              "امیرآباد", "خاک سفید", "شهرآرا", "دروازه قرآن", "زعفرانیه", "قیطریه", "دولاب", "ستارخان",
              "سرآسیاب", "خیابان امام", "میدان شهدا", "کوی دانشگاه"],
}
FA_TITLES = {
    "study": [
        "ارزیابی خطر {hazard} در {asset} {city}",
        "طرح جامع مدیریت بحران کلان‌شهر {city} با تمرکز بر {hazard}",
        "مطالعه آسیب‌پذیری {asset} {city} در برابر {hazard}",
        "برنامه ایمنی و سلامت {group} در برابر {hazard}",
        "پهنه‌بندی خطر {hazard} در {area} {district} {city}",
    ],
    "training": [
        "مانور {hazard} در {asset} {area} {district} {city}",
        "آموزش همگانی {phase} در برابر {hazard} برای {group}",
        "تجربه کارگاه {topic} برای {group} {city}",
        "برنامه محله ایمن: آموزش {topic} در {city}",
    ],
    "report": [
        "گزارش تجربه {phase} در {hazard} {city} ({year})",
        "درس‌های آموخته از {hazard} سال {year} در {city}",
        "گزارش عملکرد ستاد مدیریت بحران {city} در {hazard}",
    ],
}
FA_SENTENCES = [
    "{organisation} در سال {year} این {doc} را با همکاری {partner} آماده کرد.",
    "در این برنامه {count} نفر از {group} درباره {topic} آموزش دیدند.",
    "بررسی‌ها نشان داد که {asset} در برابر {hazard} آسیب‌پذیرترین بخش شهر است.",
    "پیشنهاد شد ستاد مدیریت بحران {city} هر سال دست‌کم دو مانور {hazard} برگزار کند.",
    "هماهنگی میان آتش‌نشانی، اورژانس و شهرداری‌های مناطق در مرحله {phase} بهتر شد.",
    "کمبود تجهیزات و نبود داده‌های به‌روز از چالش‌های اصلی این {doc} بود.",
    "نتیجه‌های این تجربه برای کلان‌شهرهای تازه‌پیوسته به شبکه سودمند است.",
    "زمان رسیدن نیروهای امدادی به محل حادثه از {minutes} دقیقه به {fewer} دقیقه کاهش یافت.",
    "نقشه پهنه‌بندی خطر {hazard} برای {districts} منطقه شهر تهیه شد.",
    "هزینه اجرای طرح {amount} میلیارد ریال برآورد شده است.",
    "پس از {hazard} سال {year} بیش از {count} خانوار در اسکان اضطراری جای گرفتند.",
    "داوطلبان محله‌ها در {topic} و جست‌وجوی آسیب‌دیدگان نقش مهمی داشتند.",
    "سامانه هشدار سریع {hazard} در {districts} نقطه شهر راه‌اندازی می‌شود.",
    "{partner} فهرست اقلام امدادی لازم برای {count} نفر را بازبینی کرد.",
    "این {doc} در نشست مدیران بحران کلان‌شهرها به عنوان نمونه معرفی شد.",
    "این {doc} با شماره {reference} در دبیرخانه شبکه ثبت شد.",
    "در محله {place} {count} ساختمان ناایمن شناسایی شد.",
    "گروه‌های داوطلب محله {place} پس از {hazard} نخستین امدادرسان‌ها بودند.",
    "تمرین تخلیه در {place} {minutes} دقیقه طول کشید.",
]
FA_HEADINGS = ["یافته‌ها", "پیشنهادها", "روش کار", "پیشینه", "درس‌های آموخته"]
FA_AUTHORS = ["علی رضایی", "مریم احمدی", "حسین کریمی", "زهرا موسوی", "محمد حسینی", "فاطمه صادقی"]

# --- vocabulary: Chinese (Simplified; the Traditional forms are derived once, below) -----------

ZH = {
    "asset": ["老旧小区", "中小学校", "医院", "供水管网", "桥梁隧道", "高层建筑", "地铁站", "农贸市场",
              "应急避难场所", "消防站"],
    "group": ["社区居民", "中小学生", "志愿者", "网格员", "物业人员", "老年人", "救援队员", "企业职工"],
    "topic": ["预警信息发布", "应急避难", "疏散撤离", "心肺复苏", "应急物资储备", "隐患排查", "应急通信",
              "自救互救"],
    "partner": ["消防救援支队", "红十字会", "卫生健康委员会", "教育局", "公安交警", "燃气公司", "街道办事处"],
    "doc": ["报告", "方案", "总结", "评估"],
    "district": ["城中区", "鱼峰区", "雁塔区", "碑林区", "武侯区", "江汉区", "五华区", "城关区"],
    "place": ["解放路", "人民路", "中山路", "建设路", "和平街道", "新华街道", "龙城路", "曙光路",
              "文昌路", "五一路", "友谊路", "长安路", "朝阳街道", "东风路", "南湖社区", "北站社区",
              "西门社区", "滨江路", "桂中路", "高新区", "小雁塔街道", "春熙路", "汉正街", "翠湖社区",
              "黄河路", "民族大道", "西湖街道", "钱江新城"],
}
ZH_TITLES = {
    "study": [
        "{city}{hazard}风险评估报告",
        "{city}{asset}{hazard}隐患排查与治理研究",
        "{district}综合防灾减灾规划（{year}年）",
        "{group}{hazard}安全保障方案",
    ],
    "training": [
        "{district}{hazard}应急演练总结",
        "关于{group}{topic}培训的经验交流",
        "安全社区建设：{city}{topic}宣传教育",
        "{asset}{hazard}疏散演练",
    ],
    "report": [
        "{year}年{city}{hazard}应对工作的经验与教训",
        "{district}{hazard}{phase}工作情况报告",
        "{city}{hazard}事件复盘",
    ],
}
ZH_SENTENCES = [
    "{organisation}于{year}年组织开展了{hazard}应急演练，共有{count}名{group}参加。",
    "本次{doc}重点分析了{asset}在{hazard}中的风险隐患。",
    "通过{topic}培训，社区居民的自救互救能力明显提高。",
    "{city}建立了覆盖{districts}个街道的预警信息发布机制。",
    "报告建议进一步完善应急预案，加强部门之间的协调联动。",
    "在{phase}阶段，志愿者队伍发挥了重要作用。",
    "演练结束后，指挥部对疏散时间和物资调配进行了评估。",
    "救援力量到达现场的时间由{minutes}分钟缩短到{fewer}分钟。",
    "{partner}与社区共同储备了可供{count}人使用的应急物资。",
    "该{doc}在特大城市应急管理者会议上作为经验进行了交流。",
    "网格员每月开展一次{hazard}隐患排查，发现问题及时整改。",
    "项目总投资约{amount}万元，已完成{districts}个示范点建设。",
    "本{doc}编号为{reference}，已报送秘书处备案。",
    "{place}共排查出{count}处安全隐患。",
    "{place}的志愿者在{hazard}发生后第一时间开展救援。",
    "{place}的疏散演练用时{minutes}分钟。",
]
ZH_HEADINGS = ["主要做法", "存在问题", "经验启示", "背景", "下一步工作"]
ZH_AUTHORS = ["王伟", "李娜", "张磊", "刘洋", "陈静", "杨帆"]

# --- vocabulary: English -----------------------------------------------------------------------

EN = {
    "asset": ["old neighbourhoods", "schools", "hospitals", "the water network", "bridges and tunnels",
              "high-rise buildings", "metro stations", "the old bazaar", "lifelines", "fire stations",
              "emergency shelters"],
    "group": ["pupils", "residents", "neighbourhood volunteers", "municipal staff", "older people",
              "rescue teams", "school heads", "bus drivers"],
    "topic": ["early warning", "emergency shelter", "building evacuation", "first aid",
              "emergency communication", "hazard mapping", "relief stock management", "search and rescue"],
    "place": ["Narmak", "Tajrish", "Jolfa", "Chaharbagh", "Eram", "Punak", "Valiasr Street", "Jiefang Road",
              "Renmin Road", "Zhongshan Road", "Binjiang Road", "the old market quarter",
              "the riverside district", "the north railway district", "Sattarkhan", "Chunxi Road",
              "Hanzheng Street", "the university quarter"],
    "partner": ["the Red Crescent", "the fire brigade", "the ambulance service", "the university",
                "the education department", "the gas company", "the water utility"],
    "doc": ["study", "plan", "report", "programme"],
}
EN_TITLES = {
    "study": [
        "{Hazard} risk assessment of {asset} in {city}",
        "{city} crisis-management master plan: {hazard}",
        "Vulnerability of {asset} to {hazard} in {city}",
        "Health and safety plan for {group}: {hazard}",
    ],
    "training": [
        "{city} {hazard} drill: what {group} learned",
        "Public education on {topic} for {group}",
        "Safe-community workshop on {topic} in {city}",
        "{Hazard} evacuation drill in {asset}",
    ],
    "report": [
        "Lessons from the {year} {hazard} in {city}",
        "{city} crisis headquarters during the {hazard}: an experience report",
        "After the {hazard}: {phase} in {city}",
    ],
}
EN_SENTENCES = [
    "{organisation} prepared this {doc} in {year} together with {partner}.",
    "{count} {group} were trained in {topic} during the programme.",
    "The assessment found {asset} the most exposed to {hazard} in the city.",
    "The crisis-management headquarters of {city} agreed to hold at least two {hazard} drills a year.",
    "Coordination between fire brigades, ambulance services and district municipalities improved "
    "during {phase}.",
    "Missing equipment and out-of-date data were the main difficulties this {doc} reports.",
    "Rescue teams now reach an incident in {fewer} minutes instead of {minutes}.",
    "Hazard maps were drawn for {districts} districts of the city.",
    "After the {year} {hazard}, more than {count} households were given emergency shelter.",
    "Neighbourhood volunteers took part in {topic} and in the search for casualties.",
    "The {doc} was presented at the meeting of metropolitan crisis managers as an example for newcomers.",
    "The {doc} was registered with the secretariat under number {reference}.",
    "In {place}, {count} unsafe buildings were identified.",
    "Volunteers from {place} were the first to help after the {hazard}.",
    "The evacuation drill in {place} took {minutes} minutes.",
]
EN_HEADINGS = ["Findings", "Recommendations", "Method", "Background", "Lessons learned"]
EN_AUTHORS = ["A. Rahimi", "L. Chen", "S. Moradi", "J. Wang", "N. Karimi", "M. Zhang"]

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_LETTERS = str.maketrans({"ی": "ي", "ک": "ك"})  # as typed on an Arabic keyboard layout

LANGUAGES = [("fa", 50), ("zh", 25), ("en", 25)]
KIND_WEIGHTS = [("study", 45), ("training", 35), ("report", 20)]
MEMBERS_SHARE = 0.15
FIRST_YEAR, LAST_YEAR = 2006, 2025


@functools.cache
def traditional_vocabulary():
    """The Chinese vocabulary in Traditional characters, converted once with OpenCC."""
    import opencc

    convert = opencc.OpenCC("s2t").convert

    def deep(value):
        if isinstance(value, str):
            return convert(value)
        if isinstance(value, dict):
            return {k: deep(v) for k, v in value.items()}
        if isinstance(value, tuple):
            return tuple(deep(v) for v in value)
        return [deep(v) for v in value]

    return {
        "words": deep(ZH), "titles": deep(ZH_TITLES), "sentences": deep(ZH_SENTENCES),
        "headings": deep(ZH_HEADINGS),
        "hazards": {slug: deep(words[1]) for slug, words in HAZARD_WORDS.items()},
        "phases": {slug: convert(words[1]) for slug, words in PHASE_WORDS.items()},
        "cities": {row[0]: convert(row[8]) for row in ORGANISATIONS},
        "organisations": {row[0]: convert(row[6]) for row in ORGANISATIONS if row[6]},
    }


# --- generated items -----------------------------------------------------------------------------

@dataclass
class GeneratedItem:
    number: int
    kind: str  # "study", "training", "report" (knowledge.kinds)
    language: str  # "fa", "zh", "en"
    script: str  # how the text is written: "persian", "arabic-letters", "simplified", "traditional", "latin"
    title: str
    organisation: str  # slug
    hazards: list
    phases: list
    document_date: datetime.date
    visibility: str
    audience: str
    summary: str
    english_summary: str
    body: list  # StreamField data: [{"type", "value", "id"}]
    authors: str
    specific: dict = field(default_factory=dict)  # the kind's own fields

    @property
    def slug(self):
        return f"{SLUG_PREFIX}{self.number:07d}"


def _weighted(rng, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def _solar_year(year):
    """The Iranian (Solar Hijri) year most of a Gregorian year falls in."""
    return year - 621


NUMBERS = {
    "count": [40, 60, 120, 250, 300, 480, 1200, 3500, 12000],
    "minutes": range(12, 31),
    "fewer": range(5, 12),
    "districts": range(3, 23),
    "amount": range(5, 901),
    "reference": range(1000, 100_000),
}


class _Slots(dict):
    def __init__(self, writer):
        super().__init__()
        self.writer = writer

    def __missing__(self, name):
        return self.writer.slot(name)


class _Writer:
    """Fills one language's templates from its vocabulary with one item's random choices."""

    def __init__(self, rng, language, script, item_facts):
        self.rng = rng
        self.language = language
        self.script = script
        self.facts = item_facts

    def words(self):
        if self.language == "fa":
            return FA
        if self.language == "zh":
            return traditional_vocabulary()["words"] if self.script == "traditional" else ZH
        return EN

    def hazard_word(self, slug):
        if self.language == "zh" and self.script == "traditional":
            return self.rng.choice(traditional_vocabulary()["hazards"][slug])
        return self.rng.choice(HAZARD_WORDS[slug][{"fa": 0, "zh": 1, "en": 2}[self.language]])

    def phase_word(self, slug):
        if self.language == "zh" and self.script == "traditional":
            return traditional_vocabulary()["phases"][slug]
        return PHASE_WORDS[slug][{"fa": 0, "zh": 1, "en": 2}[self.language]]

    def number(self, value):
        # Persian writers mostly use Persian digits, sometimes Latin ones.
        text = str(value)
        if self.language == "fa" and self.rng.random() < 0.8:
            return text.translate(PERSIAN_DIGITS)
        return text

    def slot(self, name):
        """One template slot, drawn afresh each time it is used."""
        rng, facts = self.rng, self.facts
        if name in ("hazard", "Hazard"):
            word = self.hazard_word(rng.choice(facts["hazards"]))
            return word[:1].upper() + word[1:] if name == "Hazard" else word
        if name == "phase":
            return self.phase_word(rng.choice(facts["phases"]))
        if name in ("city", "organisation"):
            return facts[name][self.language]
        if name == "year":
            year = facts["date"].year
            return self.number(_solar_year(year) if self.language == "fa" else year)
        if name == "district" and self.language == "fa":
            return self.number(rng.randint(1, 22))
        if name in NUMBERS:
            return self.number(rng.choice(NUMBERS[name]))
        return rng.choice(self.words()[name])

    def fill(self, template):
        return template.format_map(_Slots(self))

    def title(self, kind):
        if self.language == "fa":
            templates = FA_TITLES[kind]
        elif self.language == "zh":
            traditional = self.script == "traditional"
            templates = traditional_vocabulary()["titles"][kind] if traditional else ZH_TITLES[kind]
        else:
            templates = EN_TITLES[kind]
        return self.fill(self.rng.choice(templates))

    def sentences(self, count):
        if self.language == "fa":
            pool = FA_SENTENCES
        elif self.language == "zh":
            pool = traditional_vocabulary()["sentences"] if self.script == "traditional" else ZH_SENTENCES
        else:
            pool = EN_SENTENCES
        separator = "" if self.language == "zh" else " "
        return separator.join(self.fill(t) for t in self.rng.sample(pool, min(count, len(pool))))

    def heading(self):
        if self.language == "fa":
            return self.rng.choice(FA_HEADINGS)
        if self.language == "zh":
            pool = traditional_vocabulary()["headings"] if self.script == "traditional" else ZH_HEADINGS
            return self.rng.choice(pool)
        return self.rng.choice(EN_HEADINGS)

    def finish(self, text):
        """How Persian text gets typed in practice: Arabic keyboard letters, ZWNJ as space or nothing."""
        if self.script == "arabic-letters":
            text = text.translate(ARABIC_LETTERS)
        if self.language == "fa" and self.facts["zwnj"] != ZWNJ:
            text = text.replace(ZWNJ, self.facts["zwnj"])
        return text


def generate_item(number, seed=0):
    """One knowledge item, the same for the same (seed, number)."""
    rng = random.Random(f"{seed}:{number}")
    language = _weighted(rng, LANGUAGES)
    if language == "fa":
        organisation = rng.choice(IRANIAN)
        script = "arabic-letters" if rng.random() < 0.15 else "persian"
    elif language == "zh":
        organisation = rng.choice(CHINESE)
        script = "traditional" if rng.random() < 0.3 else "simplified"
    else:
        organisation = rng.choice(ORGANISATIONS)
        script = "latin"
    kind = _weighted(rng, KIND_WEIGHTS)
    date = datetime.date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28))
    slug, city_en, fa_name, en_name, zh_name, city_fa, city_zh = (
        organisation[0], organisation[2], organisation[4], organisation[5], organisation[6], organisation[7],
        organisation[8],
    )
    traditional = script == "traditional"
    facts = {
        "hazards": rng.sample(list(HAZARD_WORDS), rng.choice([1, 1, 2, 2, 3])),
        "phases": rng.sample(list(PHASE_WORDS), rng.choice([1, 1, 2])),
        "date": date,
        "city": {"fa": city_fa, "en": city_en,
                 "zh": traditional_vocabulary()["cities"][slug] if traditional else city_zh},
        "organisation": {
            "fa": fa_name or en_name, "en": en_name,
            "zh": (traditional_vocabulary()["organisations"].get(slug) if traditional else zh_name)
            or en_name,
        },
        # A fifth of Persian writers type a space or nothing where the ZWNJ belongs.
        "zwnj": rng.choice([ZWNJ] * 8 + [" ", ""]),
    }
    writer = _Writer(rng, language, script, facts)
    title = writer.finish(writer.title(kind))
    summary = writer.finish(writer.sentences(rng.randint(2, 4)))
    body = []
    for _paragraph in range(rng.randint(1, 3)):
        if rng.random() < 0.4:
            body.append({"type": "heading", "value": writer.finish(writer.heading()), "id": str(_uuid(rng))})
        text = writer.finish(writer.sentences(rng.randint(3, 6)))
        body.append({"type": "paragraph", "value": f"<p>{text}</p>", "id": str(_uuid(rng))})
    english_summary = ""
    if language != "en" and rng.random() < 0.5:
        english = _Writer(rng, "en", "latin", facts)
        english_summary = english.sentences(rng.randint(1, 3))
    authors_pool = {"fa": FA_AUTHORS, "zh": ZH_AUTHORS, "en": EN_AUTHORS}[language]
    authors = "، ".join(rng.sample(authors_pool, rng.randint(0, 2))) if language == "fa" else (
        ", ".join(rng.sample(authors_pool, rng.randint(0, 2))))
    specific = {}
    if kind == "study":
        specific["study_type"] = rng.choice(
            ["hazard_study", "hazard_study", "master_plan", "safety_plan", "other"])
    elif kind == "training":
        specific["people_trained"] = rng.choice([None, 25, 80, 150, 600, 2400])
    else:
        specific["event_date"] = date - datetime.timedelta(days=rng.randint(20, 400))
    return GeneratedItem(
        number=number,
        kind=kind,
        language=language,
        script=script,
        title=title[:255],
        organisation=slug,
        hazards=sorted(facts["hazards"]),
        phases=sorted(facts["phases"]),
        document_date=date,
        visibility="members" if rng.random() < MEMBERS_SHARE else "public",
        audience=rng.choice(["specialists", "specialists", "public", "both"]),
        summary=summary,
        english_summary=english_summary,
        body=body,
        authors=authors,
        specific=specific,
    )


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def generate_items(count, seed=0, start=1):
    """Items start … start+count-1 of the corpus for this seed (a generator: nothing is kept)."""
    return (generate_item(number, seed) for number in range(start, start + count))


# --- creating the pages in bulk ------------------------------------------------------------------

def ensure_vocabulary():
    """The organisations, hazards and phases generated items refer to (existing rows are kept)."""
    demo = {row["slug"]: row for row in demo_content.ORGANISATIONS}
    organisations = {}
    for slug, kind, city, country, name_fa, name_en, name_zh, _city_fa, _city_zh in ORGANISATIONS:
        defaults = demo.get(slug) or dict(kind=kind, city=city, country=country, name_fa=name_fa,
                                          name_en=name_en, name_zh=name_zh)
        defaults = {k: v for k, v in defaults.items() if k != "slug"}
        organisations[slug] = Organisation.objects.get_or_create(slug=slug, defaults=defaults)[0]
    hazards = _terms(Hazard, demo_content.HAZARDS)
    phases = _terms(Phase, demo_content.PHASES)
    return organisations, hazards, phases


def _terms(model, rows):
    return {
        slug: model.objects.get_or_create(slug=slug, defaults=dict(name_fa=fa, name_en=en, name_zh=zh,
                                                                    sort_order=order))[0]
        for order, (slug, fa, en, zh) in enumerate(rows)
    }


def generated_count(parent):
    return Page.objects.child_of(parent).filter(slug__startswith=SLUG_PREFIX).count()


def create_items(parent, items, *, batch_size=BATCH_SIZE, progress=None):
    """Insert the items as live pages under `parent` (the knowledge index); returns how many.

    No signals, revisions or search indexing: the caller indexes afterwards. The rows are those
    Wagtail itself writes for a published page without revisions: tree path, depth, url_path,
    locale and translation key, content type of the specific model.
    """
    organisations, hazards, phases = ensure_vocabulary()
    parent = Page.objects.get(pk=parent.pk)  # fresh numchild and last child
    last_child = parent.get_last_child()
    position = Page._str2int(last_child.path[-Page.steplen:]) if last_child else 0
    depth = parent.depth + 1
    content_types = {kind: ContentType.objects.get_for_model(model) for kind, model in KINDS.items()}
    hazard_link = KnowledgeItem._meta.get_field("hazards").remote_field.through
    phase_link = KnowledgeItem._meta.get_field("phases").remote_field.through
    created = 0
    items = iter(items)
    most_children = len(Page.alphabet) ** Page.steplen - 1  # one step of the tree path
    while batch := list(islice(items, batch_size)):
        if position + len(batch) > most_children:
            raise ValueError(f"A Wagtail page can have at most {most_children:,} children.")
        pages = []
        for item in batch:
            position += 1
            published = timezone.make_aware(datetime.datetime.combine(item.document_date, datetime.time(9)))
            pages.append(KINDS[item.kind](
                path=Page._get_path(parent.path, depth, position),
                depth=depth,
                numchild=0,
                url_path=f"{parent.url_path}{item.slug}/",
                title=item.title,
                draft_title=item.title,
                slug=item.slug,
                content_type=content_types[item.kind],
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                organisation=organisations[item.organisation],
                authors=item.authors,
                language=item.language,
                document_date=item.document_date,
                audience=item.audience,
                visibility=item.visibility,
                summary=item.summary,
                english_summary=item.english_summary,
                body=item.body,
                **item.specific,
            ))
        with transaction.atomic():
            _insert_pages(pages)
            hazard_link.objects.bulk_create([
                hazard_link(knowledgeitem_id=page.pk, hazard_id=hazards[slug].pk)
                for page, item in zip(pages, batch, strict=True) for slug in item.hazards
            ])
            phase_link.objects.bulk_create([
                phase_link(knowledgeitem_id=page.pk, phase_id=phases[slug].pk)
                for page, item in zip(pages, batch, strict=True) for slug in item.phases
            ])
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        created += len(pages)
        if progress:
            progress(created)
    # Bulk inserts send no signals: say that content changed, or cached pages would not show it.
    freshness.bump_content_version()
    return created


def _insert_pages(pages):
    """One INSERT per table of the inheritance chain, the Page rows first (they give the keys)."""
    rows = Page.objects.bulk_create([
        Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields if not f.primary_key})
        for page in pages
    ])
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = page.knowledgeitem_ptr_id = row.pk
    _insert_table_rows(KnowledgeItem, pages)
    for model in {type(page) for page in pages}:
        _insert_table_rows(model, [page for page in pages if type(page) is model])


def _insert_table_rows(model, objects):
    """INSERT a model's own columns: bulk_create refuses models with multi-table inheritance."""
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objects]
    with connection.cursor() as cursor:
        # Table and column names come from the model, the values are parameters.
        insert = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(insert, rows)


# --- the query set ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class BenchmarkQuery:
    q: str
    filters: dict
    sort: str
    member: bool
    page: int = 1

    def describe(self):
        parts = [repr(self.q)] + [f"{k}={'|'.join(v)}" for k, v in self.filters.items()]
        return " ".join(parts + [self.sort, "member" if self.member else "anonymous"])


# (query, what it exercises); Persian forms include Arabic letters and missing or spaced ZWNJ.
QUERY_TEXTS = [
    ("زلزله", "fa word"), ("زمین‌لرزه", "fa ZWNJ word"), ("زمین لرزه", "fa ZWNJ as space"),
    ("زمینلرزه", "fa ZWNJ dropped"), ("آتش‌سوزی", "fa word"), ("سیلاب", "fa word"),
    ("مدیریت بحران", "fa phrase"), ("طرح جامع مدیریت بحران", "fa phrase"), ("آموزش همگانی", "fa phrase"),
    ("اسکان اضطراری", "fa phrase"), ("كلان‌شهر", "fa Arabic kaf"), ("آمادگي", "fa Arabic yeh"),
    ("مانور زلزله مدارس", "fa words"), ("۱۳۹۸", "fa Persian digits"), ("1398", "fa Latin digits"),
    ("داوطلبان محله", "fa phrase"), ("هشدار سریع", "fa phrase"),
    ("地震", "zh word"), ("应急演练", "zh Simplified"), ("應急演練", "zh Traditional"),
    ("社区居民", "zh Simplified"),
    ("社區居民", "zh Traditional"), ("台风", "zh Simplified"), ("颱風", "zh Traditional"),
    ("风险评估报告", "zh phrase"), ("疏散撤离", "zh word"), ("安全社区", "zh phrase"),
    ("earthquake", "en word"), ("flood", "en word"), ("evacuation drill", "en phrase"),
    ("risk assessment", "en phrase"), ("volunteers", "en stemmed"), ("emergency shelter", "en phrase"),
    ("master plan", "en phrase"), ("earthquak", "en typo"), ("lessons learned", "en phrase"),
    ("", "browse"),
]
FILTER_CHOICES = [
    {},
    {},
    {"type": ["study"]},
    {"type": ["training"]},
    {"hazard": ["earthquake"]},
    {"hazard": ["flood", "fire"]},
    {"lang": ["fa"]},
    {"lang": ["zh"]},
    {"phase": ["preparedness"]},
    {"year": ["2019"]},
    {"organisation": ["tehran"]},
    {"type": ["study"], "hazard": ["earthquake"], "lang": ["fa"]},
    {"hazard": ["epidemic"], "year": ["2020", "2021"]},
]


def benchmark_queries(count, seed=0):
    """`count` searches mixing languages, spellings, facet filters, orders and readers."""
    rng = random.Random(f"queries:{seed}")
    queries = []
    for number in range(count):
        q, _what = QUERY_TEXTS[number % len(QUERY_TEXTS)]
        filters = rng.choice(FILTER_CHOICES)
        sort = NEWEST if not q or rng.random() < 0.25 else RELEVANCE
        queries.append(BenchmarkQuery(
            q=q, filters=filters, sort=sort, member=rng.random() < 0.3,
            page=1 if rng.random() < 0.85 else rng.randint(2, 4),
        ))
    rng.shuffle(queries)
    return queries
