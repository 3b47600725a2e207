"""The demo network, written by the team in its own words (facts from public minutes and news)."""

import datetime

D = datetime.date

ORGANISATIONS = [
    dict(slug="network-secretariat", kind="network_secretariat", city="Tehran", country="Iran",
         name_fa="دبیرخانه مدیران بحران کلان‌شهرها", name_en="Secretariat of Metropolitan Crisis Managers",
         name_zh="特大城市应急管理者秘书处",
         aliases="دبیرخانه مدیران بحران\nدبیرخانه مدیران بحران کلان شهرها\nدبیرخانه\nNetwork secretariat"),
    dict(slug="central-secretariat", kind="central_secretariat", city="Tehran", country="Iran",
         name_fa="دبیرخانه مرکزی نشست شهرداران کلان‌شهرها",
         name_en="Central Secretariat of the Metropolitan Mayors' Meetings", name_zh="特大城市市长会议中央秘书处",
         aliases="دبیرخانه مرکزی\nدبیرخانه مرکزی نشست شهرداران"),
    dict(slug="national-crisis-organisation", kind="national_body", city="Tehran", country="Iran",
         name_fa="سازمان مدیریت بحران کشور", name_en="National Disaster Management Organisation",
         aliases="سازمان محترم مدیریت بحران کشور"),
    dict(slug="hamedan", kind="city_office", city="Hamedan", country="Iran", joined_on=D(2008, 5, 1),
         name_fa="مدیریت بحران شهرداری همدان", name_en="Hamedan Municipality Crisis Management",
         aliases="شهرداری همدان"),
    dict(slug="isfahan", kind="city_office", city="Isfahan", country="Iran", joined_on=D(2007, 11, 1),
         name_fa="مدیریت بحران شهرداری اصفهان", name_en="Isfahan Municipality Crisis Management",
         aliases="شهرداری اصفهان"),
    dict(slug="tehran", kind="city_office", city="Tehran", country="Iran", joined_on=D(2007, 11, 1),
         name_fa="سازمان پیشگیری و مدیریت بحران شهر تهران",
         name_en="Tehran Disaster Mitigation and Management Organisation",
         aliases="سازمان پیشگیری و مدیریت بحران تهران"),
    dict(slug="kerman", kind="city_office", city="Kerman", country="Iran", joined_on=D(2009, 3, 1),
         name_fa="مدیریت بحران شهرداری کرمان", name_en="Kerman Municipality Crisis Management"),
    dict(slug="qazvin", kind="city_office", city="Qazvin", country="Iran", joined_on=D(2019, 1, 15),
         name_fa="اداره مدیریت بحران شهرداری قزوین", name_en="Qazvin Municipality Crisis Management Office",
         aliases="مدیریت بحران شهرداری قزوین"),
    dict(slug="mashhad", kind="city_office", city="Mashhad", country="Iran", joined_on=D(2007, 11, 1),
         name_fa="سازمان مدیریت بحران شهرداری مشهد", name_en="Mashhad Municipality Crisis Management"),
    dict(slug="tabriz", kind="city_office", city="Tabriz", country="Iran", joined_on=D(2008, 2, 1),
         name_fa="سازمان مدیریت بحران شهرداری تبریز", name_en="Tabriz Municipality Crisis Management"),
    dict(slug="shiraz", kind="city_office", city="Shiraz", country="Iran", joined_on=D(2008, 2, 1),
         name_fa="سازمان مدیریت بحران شهرداری شیراز", name_en="Shiraz Municipality Crisis Management"),
    dict(slug="liuzhou-chengzhong", kind="city_office", city="Liuzhou", country="China",
         joined_on=D(2021, 6, 1), name_zh="柳州市城中区应急管理局",
         name_en="Chengzhong District Emergency Management Bureau, Liuzhou",
         aliases="城中區應急管理局\n城中区应急管理局"),
    dict(slug="longfengyuan", kind="other", city="Xi'an", country="China", joined_on=D(2022, 3, 1),
         name_zh="长庆龙凤园社区物业服务处", name_en="Longfengyuan Community Services Office (Changqing)",
         aliases="長慶龍鳳園社區\n长庆龙凤园社区"),
]

CITIES = [
    ("tehran", "تهران", "Tehran", "德黑兰"),
    ("isfahan", "اصفهان", "Isfahan", "伊斯法罕"),
    ("mashhad", "مشهد", "Mashhad", "马什哈德"),
    ("tabriz", "تبریز", "Tabriz", "大不里士"),
    ("shiraz", "شیراز", "Shiraz", "设拉子"),
    ("hamedan", "همدان", "Hamedan", "哈马丹"),
    ("kerman", "کرمان", "Kerman", "克尔曼"),
    ("qazvin", "قزوین", "Qazvin", "加兹温"),
    ("liuzhou", "لیوجو", "Liuzhou", "柳州"),
    ("xian", "شی‌آن", "Xi'an", "西安"),
]

HAZARDS = [
    ("earthquake", "زلزله", "Earthquake", "地震"),
    ("flood", "سیل", "Flood", "洪水"),
    ("fire", "آتش‌سوزی", "Fire", "火灾"),
    ("gas-incident", "حوادث گاز", "Gas incident", "燃气事故"),
    ("epidemic", "همه‌گیری", "Epidemic", "传染病疫情"),
    ("industrial-accident", "حادثه صنعتی", "Industrial accident", "工业事故"),
    ("traffic", "حوادث ترافیکی", "Traffic", "交通事故"),
    ("storm", "طوفان", "Storm", "风暴"),
    ("drought", "خشکسالی", "Drought", "干旱"),
    ("landslide", "زمین‌لغزش", "Landslide", "滑坡"),
]

PHASES = [
    ("prevention", "پیشگیری", "Prevention", "预防"),
    ("preparedness", "آمادگی", "Preparedness", "准备"),
    ("response", "پاسخ", "Response", "响应"),
    ("reconstruction", "بازسازی", "Reconstruction", "恢复重建"),
]

MEETINGS = [
    dict(number=7, slug="7th-meeting-kerman", title="هفتمین نشست مدیران بحران کلان‌شهرها (کرمان)",
         host_city="کرمان", starts_on=D(2011, 5, 18), ends_on=D(2011, 5, 19), host="kerman",
         summary="<p>نشست هفتم در کرمان برگزار شد. The seventh meeting was held in Kerman.</p>"),
    dict(number=8, slug="8th-meeting-tehran", title="هشتمین نشست مدیران بحران کلان‌شهرها (تهران)",
         host_city="تهران", starts_on=D(2012, 1, 25), ends_on=D(2012, 1, 26), host="tehran",
         summary="<p>نشست هشتم در تهران برگزار شد. The eighth meeting was held in Tehran.</p>"),
    dict(number=9, slug="9th-meeting-hamedan", title="نهمین نشست مدیران بحران کلان‌شهرها (همدان، مهر ۱۳۹۱)",
         host_city="همدان", starts_on=D(2012, 10, 10), ends_on=D(2012, 10, 11), host="hamedan",
         summary=(
             "<p>مدیران بحران کلان‌شهرها در همدان گرد آمدند و نُه مصوبه درباره پیگیری تصمیم‌های پیشین، "
             "تبادل مطالعات و تجربه‌ها و جایگاه سازمانی مدیریت بحران تصویب کردند.</p>"
             "<p>Crisis managers of the metropolises met in Hamedan and adopted nine resolutions on "
             "earlier decisions, sharing studies and experience, and the standing of crisis management "
             "in city hall.</p>"
         )),
]

# Resolutions of the 9th meeting: (number, owners, all members, follows meetings, public, due, fa, en)
NINTH_MEETING_RESOLUTIONS = [
    (1, ["network-secretariat"], False, [7, 8], True, None,
     "دبیرخانه مدیران بحران، اجرای مصوبات نشست‌های هفتم (کرمان) و هشتم (تهران) را از راه دبیرخانه مرکزی "
     "پیگیری کند و نتیجه را به همه کلان‌شهرها اطلاع دهد.",
     "The secretariat follows up, through the central secretariat, the decisions of the 7th (Kerman) and "
     "8th (Tehran) meetings and reports the outcome to every metropolis."),
    (2, [], True, [], True, D(2013, 3, 20),
     "هر کلان‌شهر نسخه‌ای از مطالعات خود درباره مخاطراتی که با توجه به موقعیت جغرافیایی‌اش آن را تهدید "
     "می‌کند برای دبیرخانه بفرستد تا به دیگر کلان‌شهرها منتقل شود.",
     "Every metropolis sends the secretariat a copy of its studies of the hazards its location exposes it "
     "to, so that the other metropolises can learn from them."),
    (3, ["isfahan"], False, [], True, D(2013, 1, 20),
     "شهرداری اصفهان نسخه‌ای از طرح جامع سلامت و ایمنی شهروندان را که تهیه و اجرا کرده برای بررسی به "
     "دبیرخانه بفرستد تا پس از بررسی برای اجرا به دیگر کلان‌شهرها ابلاغ شود.",
     "Isfahan sends the secretariat its citizens' health and safety master plan; after review it is passed "
     "to the other metropolises to implement."),
    (4, ["network-secretariat"], False, [], True, D(2013, 6, 21),
     "کلان‌شهرهایی که در جذب سرمایه‌گذاری بخش خصوصی در طرح‌های مدیریت بحران تجربه دارند، شیوه کار و "
     "نمونه پروژه‌ها را مکتوب کنند و از راه دبیرخانه در اختیار دیگران بگذارند.",
     "Metropolises with experience of attracting private investment into crisis-management projects write "
     "up how they did it, with sample projects, and share it through the secretariat."),
    (5, ["central-secretariat"], False, [], False, None,
     "جایگاه مدیریت بحران در ساختار شهرداری کلان‌شهرها از «گروه» به «مدیریت» زیر نظر شهردار ارتقا یابد و "
     "موضوع با سازمان مدیریت بحران کشور پیگیری شود.",
     "Crisis management in metropolitan city halls is raised from a group to a department reporting to the "
     "mayor, pursued with the national disaster management organisation."),
    (6, ["central-secretariat"], False, [], True, None,
     "دبیرخانه مرکزی نشستی مشترک میان مدیران بحران و شهرداران کلان‌شهرها برنامه‌ریزی و هماهنگ کند.",
     "The central secretariat plans and coordinates a joint session of crisis managers and metropolitan "
     "mayors."),
    (7, ["network-secretariat"], False, [], True, None,
     "کارگاهی درباره شیوه پیوستن به برنامه «جامعه ایمن» با استفاده از تجربه سازمان پیشگیری و مدیریت بحران "
     "تهران برای مدیران و کارشناسان، با هماهنگی دبیرخانه در تهران برگزار شود.",
     "A workshop on joining the Safe Community programme, drawing on Tehran's experience, is held in Tehran "
     "for crisis managers and experts, coordinated by the secretariat."),
    (8, ["network-secretariat"], False, [], True, None,
     "تجربه‌های آموزش همگانی شهروندان در کلان‌شهرها به دبیرخانه فرستاده شود تا پس از گردآوری در اختیار "
     "کلان‌شهرهای تازه‌وارد قرار گیرد.",
     "Metropolises send their public-education experience to the secretariat, which compiles it for newly "
     "joined metropolises."),
    (9, ["network-secretariat"], False, [], True, None,
     "نشست بعدی به پیشنهاد حاضران در اصفهان برگزار شود تا از تجربه‌های آن شهر استفاده شود.",
     "At the participants' suggestion the next meeting is held in Isfahan, to learn from that city's "
     "experience."),
]

# Follow-up reports: (resolution number, organisation slug, status, date, text)
REPORTS = [
    (1, "network-secretariat", "done", D(2013, 2, 2),
     "Letters went to the central secretariat; its answer was circulated to every metropolis."),
    (2, "qazvin", "done", D(2019, 10, 1), "Sent our new comprehensive crisis-management master plan."),
    (2, "isfahan", "done", D(2013, 1, 12), "Sent the earthquake and flood risk studies of Isfahan."),
    (2, "tehran", "in_progress", D(2013, 2, 14),
     "Seismic microzonation report is being translated into a shareable summary."),
    (3, "isfahan", "done", D(2013, 1, 12),
     "طرح جامع سلامت و ایمنی شهروندان برای دبیرخانه ارسال شد."),
    (6, "central-secretariat", "done", D(2013, 4, 30), "Joint session held alongside the mayors' meeting."),
    (7, "network-secretariat", "done", D(2013, 5, 15), "Two-day workshop held in Tehran for 40 participants."),
    (8, "network-secretariat", "in_progress", D(2013, 3, 1),
     "Six cities have sent material; the compilation is being edited."),
    (9, "network-secretariat", "done", D(2013, 6, 1), "The tenth meeting was held in Isfahan."),
]

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
         body="مقایسه گزینه‌های ساختار سازمانی نشان داد ساختار ترکیبی انعطاف بیشتری در زمان بحران دارد."),
    dict(kind="study", slug="isfahan-citizen-health-and-safety-plan", organisation="isfahan", language="fa",
         title="طرح جامع سلامت و ایمنی شهروندان اصفهان", study_type="safety_plan", authors="",
         document_date=D(2012, 6, 1), audience="specialists", visibility="public",
         hazards=["earthquake", "fire"], phases=["prevention", "preparedness"], answers=(9, 3),
         summary=("اصفهان برنامه‌ای شهری برای سلامت و ایمنی شهروندان تدوین و اجرا کرده است که ارزیابی خطر "
                  "ساختمان‌های عمومی، آموزش محله‌ای و هماهنگی اورژانس را در بر می‌گیرد."),
         english_summary=("Isfahan's city-wide plan for citizens' health and safety: risk assessment of "
                          "public buildings, neighbourhood training and emergency coordination."),
         body="این طرح در نشست نهم به عنوان نمونه‌ای برای دیگر کلان‌شهرها معرفی شد."),
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
         body="入户燃气检查与安全培训同时进行，按风险等级分类管理。"),
    dict(kind="training", slug="tehran-safe-community-workshop-notes", organisation="tehran", language="fa",
         title="یادداشت‌های کارگاه پیوستن به جامعه ایمن", authors="", people_trained=40,
         document_date=D(2013, 5, 15), audience="specialists", visibility="members",
         hazards=["earthquake"], phases=["preparedness"], answers=(9, 7),
         summary=("جمع‌بندی کارگاه دو روزه تهران برای مدیران بحران: گام‌های ثبت‌نام در برنامه جامعه ایمن، "
                  "شاخص‌ها و تجربه محله‌های پایلوت."),
         english_summary=("Notes from Tehran's two-day workshop: the steps to join the Safe Community "
                          "programme, its indicators, and lessons from pilot neighbourhoods."),
         body="این یادداشت‌ها فقط برای اعضای شبکه است."),
]

DEMO_USERS = [
    dict(username="secretariat", password="secretariat-demo", first_name="Demo", last_name="Secretariat",
         email="secretariat@example.org", group="secretariat", organisation="network-secretariat",
         language="fa"),
    dict(username="isfahan", password="isfahan-demo", first_name="Demo", last_name="Isfahan manager",
         email="isfahan@example.org", group="city", organisation="isfahan", language="fa"),
]
