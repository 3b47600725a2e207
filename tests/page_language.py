"""What a page in one interface language may show: the checks of tests/test_every_page_language.py.

A page's own words are in its language; a text in another script is marked (an element with
`lang` or `dir` around it, or a <bdi>); the Persian comma stays in Persian text; the Persian
interface writes its numbers in Persian digits. `problems(html, language)` lists what breaks these
rules, one line each, so a failing test says where to look.
"""

import re

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Latin words, but not the few letters a unit or an acronym is written with in every language.
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ABBREVIATIONS = {"PDF", "DOCX", "XLSX", "PPTX", "ODT", "CSV", "JPG", "PNG", "KB", "MB", "GB", "API", "RSS",
                 "ISO", "URL", "JSON", "HTML", "ID", "OK", "Excel", "Word", "PowerPoint", "OpenDocument"}
LATIN_DIGIT = re.compile(r"[0-9]")
# Addresses, e-mail and file names keep their Latin digits in every language.
MACHINE_WORDS = re.compile(r"(https?://\S+|/[\w\-./?=&%]+|[\w.+-]+@[\w.-]+|[\w\-]+\.[A-Za-z0-9]{2,4}\b)")
PERSIAN_COMMA = "،"
# Text set apart with Unicode isolates (LRI, RLI or FSI … PDI): the plain-text <bdi>.
ISOLATED = re.compile("[\u2066-\u2068][^\u2069]*\u2069")
SCRIPT_OF_PAGE = {"fa": ARABIC, "en": None, "zh": HAN}
SKIPPED = {"script", "style", "code", "pre", "kbd", "samp", "template", "noscript"}
CHECKED_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")


def page_script(language):
    return language.split("-")[0].lower()


def foreign_scripts(text, language):
    """The scripts of `text` that are not the page's: {"fa", "zh", "en"}."""
    own = page_script(language)
    found = set()
    if own != "fa" and ARABIC.search(text):
        found.add("fa")
    if own != "zh" and HAN.search(text):
        found.add("zh")
    if own != "en" and any(word not in ABBREVIATIONS for word in LATIN_WORD.findall(MACHINE_WORDS.sub(" ", text))):
        found.add("en")
    return found


def marked(element):
    """The nearest element (below <html>) that says its text's language or direction, or None."""
    while element is not None and element.name not in (None, "html", "[document]"):
        if element.name == "bdi" or element.has_attr("lang") or element.has_attr("dir"):
            return element
        element = element.parent
    return None


def content_or_isolated(element):
    """Inside content (an element with its own lang), a <bdi> or a left-to-right run (an address)."""
    while element is not None and element.name not in (None, "html", "[document]"):
        if element.name == "bdi" or element.has_attr("lang") or element.get("dir") == "ltr":
            return True
        element = element.parent
    return False


def declared_lang(element):
    while element is not None and element.name not in (None, "[document]"):
        if element.has_attr("lang"):
            return element["lang"].lower()
        element = element.parent
    return ""


def skipped(element):
    while element is not None and element.name not in (None, "[document]"):
        if element.name in SKIPPED or element.has_attr("translate") and element["translate"] == "no":
            return True
        element = element.parent
    return False


def where(element, text):
    path = []
    while element is not None and element.name not in (None, "html", "[document]") and len(path) < 4:
        label = element.name + (f".{element['class'][0]}" if element.get("class") else "")
        path.append(label)
        element = element.parent
    return f"{' < '.join(path)}: {' '.join(text.split())[:90]!r}"


def texts(soup):
    """(element, text) for every visible text and every read-out attribute of the body."""
    body = soup.body or soup
    for node in body.descendants:
        if isinstance(node, NavigableString):
            if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if node.strip() and not skipped(node.parent):
                yield node.parent, str(node)
        elif node.name and not skipped(node):
            for attribute in CHECKED_ATTRIBUTES:
                if node.get(attribute, "").strip():
                    yield node, node[attribute]


def title_problems(soup, language):
    title = soup.title.get_text() if soup.title else ""
    # A <title> holds no elements: text in another script is isolated instead.
    outside = ISOLATED.sub(" ", title)
    problems = []
    persian_comma = page_script(language) != "fa" and PERSIAN_COMMA in outside
    if foreign_scripts(outside, language) & {"fa", "zh"} or persian_comma:
        problems.append(f"<title> not in the page's language: {title!r}")
    if page_script(language) == "fa" and LATIN_DIGIT.search(MACHINE_WORDS.sub(" ", outside)):
        problems.append(f"<title> has Latin digits: {title!r}")
    return problems


def problems(html, language):
    soup = BeautifulSoup(html, "html.parser")
    found = title_problems(soup, language)
    persian_page = page_script(language) == "fa"
    for element, text in texts(soup):
        text = ISOLATED.sub(" ", text)
        mark = marked(element)
        in_persian = declared_lang(element).startswith("fa")
        scripts = foreign_scripts(text, language)
        if scripts and mark is None:
            found.append(f"unmarked {'/'.join(sorted(scripts))} text: {where(element, text)}")
        if PERSIAN_COMMA in text and not in_persian:
            found.append(f"Persian comma outside Persian text: {where(element, text)}")
        if persian_page and not content_or_isolated(element) and LATIN_DIGIT.search(MACHINE_WORDS.sub(" ", text)):
            found.append(f"Latin digits in the Persian interface: {where(element, text)}")
        if element.name in ("h1", "h2", "h3") and "fa" in scripts and not in_persian:
            found.append(f"Persian heading not marked lang=fa: {where(element, text)}")
    return found
