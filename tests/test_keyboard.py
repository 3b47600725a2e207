from portal.keyboard import on_the_other_layout


def test_persian_typed_with_the_keyboard_on_english_reads_as_persian():
    assert on_the_other_layout("lhk,v cgcgi") == "مانور زلزله"
    assert on_the_other_layout("Hl,ca aiv,knhk") == "آموزش شهروندان"  # shift+h is «آ»
    assert on_the_other_layout("lhk,v?") == "مانور؟"
    assert on_the_other_layout("LHK,V") == "مانور"  # caps lock on


def test_english_typed_on_the_persian_layout_reads_as_english():
    assert on_the_other_layout("بمخخی") == "flood"
    assert on_the_other_layout("بمخخي") == "flood"  # an Arabic keyboard's yeh
    assert on_the_other_layout("یقهمم 2024") == "drill 2024"


def test_text_of_neither_layout_alone_is_left_alone():
    assert on_the_other_layout("x") == ""  # one letter says nothing
    assert on_the_other_layout("flood 地震") == ""
    assert on_the_other_layout("flood مانور") == ""
    assert on_the_other_layout("") == ""
