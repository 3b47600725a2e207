from portal.textnorm import fold_persian, matching_key, to_latin_digits

ZWNJ = "\u200c"


def test_to_latin_digits_converts_persian_and_arabic_indic_digits():
    assert to_latin_digits("۱۳۹۱/۰۷/۲۶") == "1391/07/26"
    assert to_latin_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_latin_digits("item 9") == "item 9"


def test_fold_persian_replaces_arabic_letters():
    assert fold_persian("كرمان") == "کرمان"
    assert fold_persian("مديريت") == "مدیریت"
    assert fold_persian("مصطفى") == "مصطفی"
    assert fold_persian("مدرسة") == "مدرسه"


def test_fold_persian_removes_marks_and_tatweel():
    assert fold_persian("مُدیریَت") == "مدیریت"
    assert fold_persian("بحـــران") == "بحران"
    assert fold_persian("رحمٰن") == "رحمن"


def test_fold_persian_folds_presentation_forms_and_keeps_zwnj():
    # ﻙ (U+FED9) is an isolated kaf: NFKC gives ك, then the Persian ک.
    assert fold_persian("\ufed9\ufe8e\ufeae") == "کار"
    assert fold_persian(f"کلان{ZWNJ}شهر") == f"کلان{ZWNJ}شهر"


def test_matching_key_removes_zero_width_characters():
    assert matching_key(f"کلان{ZWNJ}شهرها") == "کلانشهرها"
    assert matching_key("\u200fدبیرخانه\u200b") == "دبیرخانه"


def test_matching_key_folds_case_spacing_and_punctuation():
    assert matching_key("  Network-Secretariat (Tehran)  ") == "network secretariat tehran"
    assert matching_key("دبیرخانه،   مدیران\tبحران.") == "دبیرخانه مدیران بحران"
    assert matching_key("责任单位：秘书处、市应急局") == "责任单位 秘书处 市应急局"


def test_matching_key_makes_spelling_variants_equal():
    arabic_spelling = "دبيرخانه مديران بحران كلانشهرها ٩"
    assert matching_key(arabic_spelling) == matching_key("دبیرخانه مدیران بحران کلانشهرها ۹")
    assert matching_key("Straße") == matching_key("STRASSE")


def test_matching_key_of_blank_text_is_empty():
    assert matching_key(" \u200c ... ") == ""
