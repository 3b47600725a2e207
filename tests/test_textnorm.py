from portal.textnorm import fold_persian, matching_key, one_line, to_latin_digits, without_pinyin_readings

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


def test_matching_key_folds_the_ezafe_and_the_indefinite_after_a_final_heh():
    assert matching_key(f"برنامه{ZWNJ}ی جامع") == matching_key("برنامۀ جامع") == "برنامه جامع"
    assert matching_key(f"خانه{ZWNJ}ي امن") == "خانه امن"  # the Arabic yeh too
    assert matching_key(f"یک زلزله{ZWNJ}ای شدید") == "یک زلزله شدید"  # "an earthquake"
    assert matching_key("آگاهی و گروهی") == "آگاهی و گروهی"  # a «ی» that is part of the word stays
    assert matching_key(f"خانه{ZWNJ}ایم") == "خانهایم"  # a verb's ending goes on


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


# --- scripts and languages -------------------------------------------------------------------

def test_scripts_are_told_apart_and_counted():
    from portal.textnorm import count_arabic_script, count_han, writes_arabic_script, writes_han, writes_latin

    assert writes_arabic_script("سیل 2020") and not writes_arabic_script("Flood 2020")
    assert writes_han("应急 2020") and writes_han("\u3400") and not writes_han("Flood")
    assert writes_latin("GIS نقشه") and not writes_latin("۱۳۹۸")
    assert count_arabic_script("\ufed9\ufe8e\ufeae") == 3  # presentation forms are Arabic script
    assert count_arabic_script("\ufeff") == 0  # the byte-order mark is not
    assert count_han("社區應急") == 4 and count_han(None) == 0


def test_the_language_is_guessed_from_the_script_most_letters_are_in():
    from portal.textnorm import guess_language

    assert guess_language("مدیریت بحران GIS") == "fa"
    assert guess_language("应急管理 2020") == "zh"
    assert guess_language("Flood 2020") == "en"
    assert guess_language("2020") == "" and guess_language(None) == ""
    assert guess_language("2020", default="en") == "en"
    assert guess_language("ab سل") == "fa"  # a tie goes to the first of `ties`
    assert guess_language("ab سل", ties=("en", "fa", "zh")) == "en"


def test_a_line_break_between_han_characters_is_layout_not_a_word_end():
    assert one_line("社区开展应\n急演练") == "社区开展应急演练"  # a PDF's line, broken inside 应急
    assert one_line("應急 \r\n 管理") == "應急管理"
    assert one_line("应急\n\n管理") == "应急 管理"  # a blank line parts paragraphs
    assert one_line("區(qū)\n應急") == "區(qū) 應急"  # not between two characters
    assert one_line("flood\nplan  of\tthe city") == "flood plan of the city"
    assert one_line("مدیریت\nبحران") == "مدیریت بحران"


def test_pinyin_readings_after_characters_go_and_other_notes_in_parentheses_stay():
    assert without_pinyin_readings("城中區(qū)應(yīng)急管理局") == "城中區應急管理局"
    assert without_pinyin_readings("现（xiàn）场处置") == "现场处置"  # full-width parentheses
    assert without_pinyin_readings("应急部(应急管理部)") == "应急部(应急管理部)"  # a note in characters
    assert without_pinyin_readings("国内生产总值(GDP)") == "国内生产总值(GDP)"  # upper case: an acronym
    assert without_pinyin_readings("a plan (draft)") == "a plan (draft)"  # not after a character
