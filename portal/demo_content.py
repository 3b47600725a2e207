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
         name_zh="伊朗国家危机管理组织",
         aliases="سازمان محترم مدیریت بحران کشور"),
    dict(slug="hamedan", kind="city_office", city="Hamedan", country="Iran", joined_on=D(2008, 5, 1),
         name_fa="مدیریت بحران شهرداری همدان", name_en="Hamedan Municipality Crisis Management",
         name_zh="哈马丹市政府危机管理处",
         aliases="شهرداری همدان"),
    dict(slug="isfahan", kind="city_office", city="Isfahan", country="Iran", joined_on=D(2007, 11, 1),
         name_fa="مدیریت بحران شهرداری اصفهان", name_en="Isfahan Municipality Crisis Management",
         name_zh="伊斯法罕市政府危机管理处",
         aliases="شهرداری اصفهان"),
    dict(slug="tehran", kind="city_office", city="Tehran", country="Iran", joined_on=D(2007, 11, 1),
         name_fa="سازمان پیشگیری و مدیریت بحران شهر تهران",
         name_en="Tehran Disaster Mitigation and Management Organisation", name_zh="德黑兰市灾害防治与管理组织",
         aliases="سازمان پیشگیری و مدیریت بحران تهران"),
    dict(slug="kerman", kind="city_office", city="Kerman", country="Iran", joined_on=D(2009, 3, 1),
         name_fa="مدیریت بحران شهرداری کرمان", name_en="Kerman Municipality Crisis Management",
         name_zh="克尔曼市政府危机管理处"),
    dict(slug="qazvin", kind="city_office", city="Qazvin", country="Iran", joined_on=D(2019, 1, 15),
         name_fa="اداره مدیریت بحران شهرداری قزوین", name_en="Qazvin Municipality Crisis Management Office",
         name_zh="加兹温市政府危机管理办公室",
         aliases="مدیریت بحران شهرداری قزوین"),
    dict(slug="mashhad", kind="city_office", city="Mashhad", country="Iran", joined_on=D(2007, 11, 1),
         name_fa="سازمان مدیریت بحران شهرداری مشهد", name_en="Mashhad Municipality Crisis Management",
         name_zh="马什哈德市政府危机管理组织"),
    dict(slug="tabriz", kind="city_office", city="Tabriz", country="Iran", joined_on=D(2008, 2, 1),
         name_fa="سازمان مدیریت بحران شهرداری تبریز", name_en="Tabriz Municipality Crisis Management",
         name_zh="大不里士市政府危机管理组织"),
    dict(slug="shiraz", kind="city_office", city="Shiraz", country="Iran", joined_on=D(2008, 2, 1),
         name_fa="سازمان مدیریت بحران شهرداری شیراز", name_en="Shiraz Municipality Crisis Management",
         name_zh="设拉子市政府危机管理组织"),
    dict(slug="liuzhou-chengzhong", kind="city_office", city="Liuzhou", country="China",
         joined_on=D(2021, 6, 1), name_zh="柳州市城中区应急管理局", name_fa="اداره مدیریت اضطراری بخش چنگ‌ژونگ لیوجو",
         name_en="Chengzhong District Emergency Management Bureau, Liuzhou",
         aliases="城中區應急管理局\n城中区应急管理局"),
    dict(slug="longfengyuan", kind="other", city="Xi'an", country="China", joined_on=D(2022, 3, 1),
         name_zh="长庆龙凤园社区物业服务处", name_en="Longfengyuan Community Services Office (Changqing)",
         name_fa="دفتر خدمات محله لونگ‌فنگ‌یوان (چانگ‌چینگ)",
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

DEMO_USERS = [
    dict(username="secretariat", password="secretariat-demo", first_name="Demo", last_name="Secretariat",
         email="secretariat@example.org", group="secretariat", organisation="network-secretariat",
         language="fa"),
    dict(username="isfahan", password="isfahan-demo", first_name="Demo", last_name="Isfahan manager",
         email="isfahan@example.org", group="city", organisation="isfahan", language="fa"),
]
