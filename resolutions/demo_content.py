"""The demo meetings, resolutions and reports, written by the team in its own words (facts from
public minutes)."""

import datetime

D = datetime.date

MEETINGS = [
    dict(number=7, slug="7th-meeting-kerman", title="هفتمین نشست مدیران بحران کلان‌شهرها (کرمان)",
         host_city="کرمان", starts_on=D(2011, 5, 18), ends_on=D(2011, 5, 19), host="kerman",
         summary="<p>نشست هفتم در کرمان برگزار شد.</p><p>The seventh meeting was held in Kerman.</p>"),
    dict(number=8, slug="8th-meeting-tehran", title="هشتمین نشست مدیران بحران کلان‌شهرها (تهران)",
         host_city="تهران", starts_on=D(2012, 1, 25), ends_on=D(2012, 1, 26), host="tehran",
         summary="<p>نشست هشتم در تهران برگزار شد.</p><p>The eighth meeting was held in Tehran.</p>"),
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

# Follow-up reports: (resolution number, organisation slug, status, date, text, author's username or
# None when the demo has no login for that organisation). Each line's latest report sets its status,
# and each report that says something was sent has the item it sent (knowledge/demo.py).
REPORTS = [
    (1, "network-secretariat", "done", D(2013, 2, 2),
     "Letters went to the central secretariat; its answer was circulated to every metropolis.", "secretariat"),
    (2, "qazvin", "done", D(2019, 10, 1), "Sent our new comprehensive crisis-management master plan.", None),
    (2, "isfahan", "done", D(2013, 1, 12), "Sent the earthquake and flood risk studies of Isfahan.", "isfahan"),
    (2, "tehran", "in_progress", D(2013, 2, 14),
     "Seismic microzonation report is being translated into a shareable summary.", None),
    (3, "isfahan", "done", D(2013, 1, 12),
     "طرح جامع سلامت و ایمنی شهروندان برای دبیرخانه ارسال شد.", "isfahan"),
    (6, "central-secretariat", "done", D(2013, 4, 30), "Joint session held alongside the mayors' meeting.", None),
    (7, "network-secretariat", "done", D(2013, 5, 15), "Two-day workshop held in Tehran for 40 participants.",
     "secretariat"),
    (8, "network-secretariat", "in_progress", D(2013, 3, 1),
     "Six cities have sent material; the compilation is being edited.", "secretariat"),
    (9, "network-secretariat", "done", D(2013, 6, 1), "The tenth meeting was held in Isfahan.", "secretariat"),
]

# The 9th meeting's resolutions summarised in Simplified Chinese (Traditional readers get them converted);
# the English summaries are the last column above, the Persian text is the original.
CHINESE_SUMMARIES = {
    1: "秘书处通过中央秘书处跟进第七次（克尔曼）和第八次（德黑兰）会议决议的落实情况，并将结果通报各特大城市。",
    2: "每个特大城市把针对本市地理位置所面临灾害的研究报告提交秘书处，供其他特大城市借鉴。",
    3: "伊斯法罕将其编制并实施的市民健康与安全总体规划提交秘书处；经审阅后转交其他特大城市参照实施。",
    4: "在吸引私营部门投资应急管理项目方面有经验的特大城市，书面介绍做法和项目实例，并通过秘书处与大家分享。",
    5: "把特大城市市政府中应急管理的机构层级由“小组”提升为直属市长的“管理局”，并与国家灾害管理机构共同推进。",
    6: "中央秘书处筹划并协调一次特大城市应急管理负责人与市长的联席会议。",
    7: "由秘书处协调，在德黑兰为管理人员和专家举办一次关于如何加入“安全社区”计划的研讨会，借鉴德黑兰的经验。",
    8: "各特大城市把面向市民的公众教育经验提交秘书处，由秘书处汇编后提供给新加入的特大城市。",
    9: "应与会者提议，下一次会议在伊斯法罕举行，以便学习该市的经验。",
}
