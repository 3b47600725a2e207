"""The demo's knowledge items and Start-here reading lists, written by the team in its own words.

Safe to run again (a step of load_demo: portal/demo.py; the knowledge index is setup_portal's).
"""

import datetime

from portal import demo
from portal.models import Hazard, Phase

from .demo_attachments import attach_demo_files
from .kinds import KINDS
from .models import KnowledgeItem, ReadingList, ReadingListEntry

D = datetime.date

KNOWLEDGE_ITEMS = [
    dict(kind="study", slug="qazvin-crisis-management-master-plan", organisation="qazvin", language="fa",
         title="طرح جامع مدیریت بحران شهر قزوین", study_type="master_plan", authors="",
         document_date=D(2019, 9, 17), audience="specialists", visibility="public",
         hazards=["earthquake", "flood", "fire"], phases=["prevention", "preparedness", "response",
                                                          "reconstruction"],
         answers=(9, 2),
         summary=("شهرداری قزوین در نُه ماه طرح جامع مدیریت بحران خود را آماده کرد: شناخت شهر و پیشینه "
                  "حوادث، اولویت‌بندی چهار مخاطره اصلی همراه با پیامدهای ثانویه و علت‌های ریشه‌ای، ساختار "
                  "سازمانی ترکیبی ماتریسی و وظیفه‌ای برای اداره مدیریت بحران، فرایندهای چهار مرحله "
                  "پیشگیری، آمادگی، پاسخ و بازسازی، و نیازهای آموزشی کارکنان و شهروندان."),
         english_summary=("In nine months Qazvin produced a comprehensive crisis-management master plan: a "
                          "review of the city and its past disasters, four priority hazards with their "
                          "secondary effects and root causes, a hybrid matrix-functional structure for the "
                          "crisis-management office, processes for prevention, preparedness, response and "
                          "reconstruction, and training needs for staff and citizens."),
         english_title="Qazvin's crisis-management master plan",
         simplified_chinese_title="加兹温市应急管理总体规划",
         simplified_chinese_summary=("加兹温市政府用九个月编制了应急管理总体规划：梳理城市概况和以往灾害，确定四种"
                                     "主要灾害及其次生影响和根源，为应急管理部门设计矩阵与职能相结合的组织结构，"
                                     "规定预防、准备、响应和恢复重建四个阶段的工作流程，并提出员工和市民的培训需求。"),
         body="مقایسه گزینه‌های ساختار سازمانی نشان داد ساختار ترکیبی انعطاف بیشتری در زمان بحران دارد."),
    dict(kind="study", slug="isfahan-citizen-health-and-safety-plan", organisation="isfahan", language="fa",
         title="طرح جامع سلامت و ایمنی شهروندان اصفهان", study_type="safety_plan", authors="",
         document_date=D(2012, 6, 1), audience="specialists", visibility="public",
         hazards=["earthquake", "fire"], phases=["prevention", "preparedness"], answers=(9, 3),
         summary=("اصفهان برنامه‌ای شهری برای سلامت و ایمنی شهروندان تدوین و اجرا کرده است که ارزیابی خطر "
                  "ساختمان‌های عمومی، آموزش محله‌ای و هماهنگی اورژانس را در بر می‌گیرد."),
         english_summary=("Isfahan's city-wide plan for citizens' health and safety: risk assessment of "
                          "public buildings, neighbourhood training and emergency coordination."),
         english_title="Isfahan's plan for citizens' health and safety",
         simplified_chinese_title="伊斯法罕市民健康与安全总体规划",
         simplified_chinese_summary="伊斯法罕制定并实施了一项全市性的市民健康与安全计划，包括公共建筑风险评估、社区培训和紧急救援协调。",
         body="این طرح در نشست نهم به عنوان نمونه‌ای برای دیگر کلان‌شهرها معرفی شد."),
    dict(kind="study", slug="isfahan-earthquake-and-flood-risk-study", organisation="isfahan", language="fa",
         title="مطالعه خطر زلزله و سیل شهر اصفهان", study_type="hazard_study", authors="",
         document_date=D(2012, 12, 20), audience="specialists", visibility="public",
         hazards=["earthquake", "flood"], phases=["prevention", "preparedness"], answers=(9, 2),
         summary=("گسل‌های پیرامون اصفهان، پهنه‌های سیل‌گیر کناره زاینده‌رود و ساختمان‌هایی که در برابر هر "
                  "دو مخاطره آسیب‌پذیرترند بررسی شده و نقشه‌هایی برای اولویت‌بندی مقاوم‌سازی آمده است."),
         english_summary=("A review of the faults around Isfahan, the flood-prone banks of the Zayandeh Rud "
                          "and the buildings most exposed to both hazards, with maps to rank retrofitting."),
         english_title="Earthquake and flood risk in Isfahan",
         simplified_chinese_title="伊斯法罕地震与洪水风险研究",
         simplified_chinese_summary=("研究梳理了伊斯法罕周边的断层、扎因代河沿岸易受洪水影响的地带，以及面对这两种灾害"
                                     "最脆弱的建筑，并附有用于排定加固先后顺序的地图。"),
         body="این مطالعه در پاسخ به مصوبه دوم نشست نهم برای دبیرخانه فرستاده شد."),
    dict(kind="report", slug="chengzhong-covid-19-grassroots-lessons", organisation="liuzhou-chengzhong",
         language="zh", title="基层应急管理部门在新冠疫情防控中的做法与不足", authors="",
         document_date=D(2020, 11, 12), audience="specialists", visibility="public",
         hazards=["epidemic", "industrial-accident"], phases=["response", "preparedness"], answers=None,
         summary=("城中区应急管理局回顾疫情期间的基层应急工作：组织二十多支社区响应队参与防疫，分发防疫物资，"
                  "编写企业防控预案；同时结合复工复产开展线上线下安全生产指导。文章也指出三点不足：应急队伍和"
                  "志愿者调动不足、救灾物资储备以御寒物资为主、值班信息系统未与疾控和公安等部门对接。"),
         english_summary=("A district emergency bureau reviews its COVID-19 work: community response teams, "
                          "protective supplies, prevention plans for companies and remote safety inspections "
                          "during the return to work. It names three gaps: mobilising volunteers, relief "
                          "stocks that only cover cold-weather needs, and duty systems not linked to health "
                          "and police departments."),
         english_title="A district emergency bureau's work against COVID-19, and its gaps",
         persian_title="کار و کاستی‌های یک اداره مدیریت اضطراری محلی در مهار کووید-۱۹",
         persian_summary=("اداره مدیریت اضطراری بخش چنگ‌ژونگ کار خود را در دوران همه‌گیری مرور می‌کند: بیش از بیست تیم "
                          "واکنش محله‌ای، پخش اقلام حفاظتی، برنامه پیشگیری برای شرکت‌ها و راهنمایی ایمنی حضوری و برخط "
                          "هنگام بازگشت به کار. سه کاستی هم آمده است: بسیج ناکافی نیروها و داوطلبان، ذخیره امدادی که "
                          "بیشتر برای سرما بود، و سامانه کشیک که به بهداشت و پلیس وصل نبود."),
         body="建议从预案、指挥机制、救援力量、物资、信息系统和法制保障等方面全面梳理。"),
    dict(kind="training", slug="longfengyuan-safe-community-programme", organisation="longfengyuan",
         language="zh", title="龙凤园安全社区创建：培训居民与骨干的经验", authors="", people_trained=12000,
         document_date=D(2015, 6, 1), audience="both", visibility="public",
         hazards=["gas-incident", "traffic", "flood", "fire"], phases=["prevention", "preparedness"],
         answers=(9, 8),
         summary=("一个约三万居民的油田社区如何创建安全社区：成立领导小组整合资源，分层培训骨干和居民，编写"
                  "居民安全常识手册；针对燃气使用、道路交通、治安和防汛等风险开展促进项目。"),
         english_summary=("How an oil-field community of about 30,000 residents became a Safe Community: a "
                          "steering group, layered training for staff, volunteers and residents, a household "
                          "safety handbook, and projects on gas safety, traffic, security and flooding."),
         english_title="Building a Safe Community in Longfengyuan: training residents and key staff",
         persian_title="ساختن جامعه ایمن در لونگ‌فنگ‌یوان: تجربه آموزش ساکنان و نیروهای کلیدی",
         persian_summary=("محله‌ای نفتی با حدود سی هزار ساکن چگونه جامعه ایمن شد: گروه راهبری برای یکپارچه‌کردن منابع، "
                          "آموزش لایه‌به‌لایه کارکنان، داوطلبان و ساکنان، دفترچه ایمنی خانگی، و طرح‌هایی برای ایمنی گاز، "
                          "ترافیک، امنیت محله و سیل."),
         body="入户燃气检查与安全培训同时进行，按风险等级分类管理。"),
    dict(kind="training", slug="tehran-safe-community-workshop-notes", organisation="tehran", language="fa",
         title="یادداشت‌های کارگاه پیوستن به جامعه ایمن", authors="", people_trained=40,
         document_date=D(2013, 5, 15), audience="specialists", visibility="members",
         hazards=["earthquake"], phases=["preparedness"], answers=(9, 7),
         summary=("جمع‌بندی کارگاه دو روزه تهران برای مدیران بحران: گام‌های ثبت‌نام در برنامه جامعه ایمن، "
                  "شاخص‌ها و تجربه محله‌های پایلوت."),
         english_summary=("Notes from Tehran's two-day workshop: the steps to join the Safe Community "
                          "programme, its indicators, and lessons from pilot neighbourhoods."),
         english_title="Notes from the workshop on joining the Safe Community programme",
         simplified_chinese_title="加入“安全社区”计划研讨会纪要",
         simplified_chinese_summary="德黑兰为应急管理人员举办的两天研讨会纪要：加入安全社区计划的步骤、评价指标以及试点街区的经验。",
         body="این یادداشت‌ها فقط برای اعضای شبکه است."),
]


# Reading lists: written in English, with the Persian and Simplified Chinese words beside them.
# Entries: (item slug, note, Persian note, Chinese note).
READING_LISTS = [
    dict(title="Your first month: plans to learn from", hazard=None, phase="prevention", sort_order=0,
         persian_title="ماه نخست: طرح‌هایی برای الگوگرفتن",
         simplified_chinese_title="第一个月：值得借鉴的规划",
         introduction=("Two master plans other members wrote and the network endorsed: read how they ranked "
                       "their hazards and organised their office before you start your own."),
         persian_introduction=("دو طرح جامع که اعضای دیگر نوشته‌اند و شبکه آن‌ها را پذیرفته است: پیش از نوشتن طرح "
                               "خودتان ببینید مخاطره‌هایشان را چگونه اولویت‌بندی و دفترشان را چگونه سازمان‌دهی کردند."),
         simplified_chinese_introduction=("两份由其他成员编制、经网络认可的总体规划：在着手编制本市规划之前，看看它们"
                                          "如何排列灾害的先后、如何组织应急管理部门。"),
         entries=[("qazvin-crisis-management-master-plan", "A complete plan finished in nine months.",
                   "طرحی کامل که در نُه ماه آماده شد.", "九个月完成的一份完整规划。"),
                  ("isfahan-citizen-health-and-safety-plan", "Presented at the 9th meeting as an example.",
                   "در نشست نهم به عنوان نمونه معرفی شد.", "在第九次会议上作为范例介绍。")]),
    dict(title="Training the public", hazard=None, phase="preparedness", sort_order=1,
         persian_title="آموزش همگانی", simplified_chinese_title="公众培训",
         introduction="How members trained residents, volunteers and staff, and what worked.",
         persian_introduction="اعضا ساکنان، داوطلبان و کارکنان را چگونه آموزش دادند و چه چیزی نتیجه داد.",
         simplified_chinese_introduction="成员城市如何培训居民、志愿者和工作人员，哪些做法行之有效。",
         entries=[("longfengyuan-safe-community-programme", "Layered training for a community of 30,000.",
                   "آموزش لایه‌به‌لایه برای محله‌ای سی‌هزارنفری.", "面向三万人社区的分层培训。"),
                  ("tehran-safe-community-workshop-notes", "The Safe Community workshop (members only).",
                   "کارگاه جامعه ایمن (فقط برای اعضا).", "安全社区研讨会（仅限成员）。")]),
]


def create_reading_lists():
    created = []
    for data in READING_LISTS:
        data = dict(data)
        entries = data.pop("entries")
        hazard = Hazard.objects.filter(slug=data.pop("hazard") or "").first()
        phase = Phase.objects.filter(slug=data.pop("phase") or "").first()
        reading_list, _ = ReadingList.objects.update_or_create(
            title=data.pop("title"), defaults=dict(hazard=hazard, phase=phase, **data)
        )
        reading_list.entries.all().delete()
        for order, (slug, note, persian, chinese) in enumerate(entries):
            item = KnowledgeItem.objects.filter(slug=slug).first()
            if item is not None:
                ReadingListEntry.objects.create(reading_list=reading_list, item=item, note=note, persian_note=persian,
                                                simplified_chinese_note=chinese, sort_order=order)
        created.append(reading_list)
    return created


def demo_knowledge(network):
    """The knowledge index, the items (some answer the demo's resolutions) and the reading lists."""
    index_page = network.pages["knowledge"]  # made by the knowledge app's setup step
    index_page.intro = "مطالعات، طرح‌ها و تجربه‌های آموزشی که شهرهای عضو به اشتراک گذاشته‌اند."
    index_page.save()
    demo.page_intros(index_page, {
        "en": "<p>Studies, plans and training experience the member cities have shared.</p>",
        "zh-hans": "<p>成员城市分享的研究、规划和培训经验。</p>",
        "zh-hant": "<p>成員城市分享的研究、規劃和培訓經驗。</p>",
    })
    resolutions = network.made.get("resolutions", {})
    for data in KNOWLEDGE_ITEMS:
        data = dict(data)
        model = KINDS[data.pop("kind")]
        item_hazards = [network.hazards[s] for s in data.pop("hazards")]
        item_phases = [network.phases[s] for s in data.pop("phases")]
        answers = data.pop("answers")
        body = data.pop("body")
        data["organisation"] = network.organisations[data["organisation"]]
        data["answers_resolution"] = resolutions.get(answers) if answers else None
        data["body"] = [("paragraph", f"<p>{body}</p>")]
        item = demo.upsert_child(index_page, model, data.pop("slug"), **data)
        item.hazards.set(item_hazards)
        item.phases.set(item_phases)
        item.save()
    attach_demo_files()  # real PDF, Word and Excel files, from demo_files/
    create_reading_lists()
