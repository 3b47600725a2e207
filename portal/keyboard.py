"""Words typed with the keyboard on the other layout.

A Persian reader whose keyboard was still on English types «مانور زلزله» as "lhk,v cgcgi"; an
English word typed on the Persian layout comes out as «بمخخی» ("flood"). Both are the same keys,
read through the other layout: the standard Persian layout (ISIRI 9147) on a US keyboard. Pure
Python: no Django imports.
"""

import re

# Each key's letter on the US layout, and on the Persian one (unshifted, then the shifted keys
# Persian needs for a letter: «آ» and «ژ»).
_LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,HC"
_PERSIAN_KEYS = "ضصثقفغعهخحجچشسیبلاتنمکگظطزرذدپوآژ"
_TO_PERSIAN = str.maketrans(_LATIN_KEYS, _PERSIAN_KEYS)
_TO_LATIN = str.maketrans(_PERSIAN_KEYS + "يك", _LATIN_KEYS + "d;")  # an Arabic keyboard's ي and ك too
_LATIN_LETTERS = re.compile("[a-zA-Z]")
_PERSIAN_LETTERS = re.compile(f"[{_PERSIAN_KEYS}يك]")
# What a text typed through one layout holds: that layout's keys, digits, spaces, and the
# punctuation both layouts share.
_TYPED_ON_LATIN = re.compile(r"[a-zA-Z\[\];',0-9 .?!-]+")
_TYPED_ON_PERSIAN = re.compile(f"[{_PERSIAN_KEYS}يك0-9۰-۹ .؟?!-]+")


def on_the_other_layout(text):
    """`text` as its keys would have typed it on the other layout, or "" when it is not one
    layout's keys only (a word with letters of both scripts, or of another). A capital H or C is
    the shifted key of «آ» or «ژ», any other capital its small letter's key; all in capitals, the
    text was typed with caps lock on, and H and C are «ا» and «ز»."""
    text = text.strip()
    if len(_LATIN_LETTERS.findall(text)) >= 2 and _TYPED_ON_LATIN.fullmatch(text):
        shifted = "HC" if re.search("[a-z]", text) else ""
        keys = "".join(char if char in shifted else char.lower() for char in text)
        return keys.translate(_TO_PERSIAN).replace("?", "؟")
    if len(_PERSIAN_LETTERS.findall(text)) >= 2 and _TYPED_ON_PERSIAN.fullmatch(text):
        return text.translate(_TO_LATIN).replace("؟", "?")
    return ""
