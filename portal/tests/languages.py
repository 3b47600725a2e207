"""Which language a text is written in, sentence by sentence: for e-mails that must be whole.

Words set apart as another language's (Unicode isolates in plain text, <bdi> in HTML) and links are
left out; every other sentence must be written in the script of the reader's language.
"""

import re
from html.parser import HTMLParser

SCRIPTS = {
    "arabic": re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]"),
    "han": re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]"),
    "latin": re.compile(r"[A-Za-z\u00C0-\u024F]"),
}
SCRIPT_OF = {"fa": "arabic", "zh-hans": "han", "zh-hant": "han", "en": "latin"}

ISOLATED_TEXT = re.compile(r"[\u2066\u2067\u2068][^\u2069]*\u2069")
ISOLATED_HTML = re.compile(r"<bdi\b[^>]*>.*?</bdi>", re.S)
LINK = re.compile(r"(https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+)")
SENTENCE_END = re.compile(r"[.!?:;。！？：；؟؛\n]+|\s[-–—·]\s")


class _TextOf(HTMLParser):
    SKIPPED = {"script", "style", "title", "template", "noscript", "svg"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = None  # [tag, depth] of a hidden element being left out

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            if tag == self.skipping[0] and tag not in self.VOID:
                self.skipping[1] += 1
            return
        if (tag in self.SKIPPED or "hidden" in dict(attrs)) and tag not in self.VOID:
            self.skipping = [tag, 1]
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping[1] -= 1
                if not self.skipping[1]:
                    self.skipping = None
            return
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
          "section", "header", "footer", "nav", "aside", "main", "form", "label", "button", "option",
          "select", "dt", "dd", "blockquote", "legend", "fieldset", "summary", "details"}


def visible_text(page):
    """The text a reader sees in an HTML document: no tags, scripts, styles or attributes."""
    parser = _TextOf()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def own_sentences(text, *, is_html=False):
    """The text's sentences, without isolated words and links."""
    if is_html:
        text = visible_text(ISOLATED_HTML.sub(" ", text))
    text = LINK.sub(" ", ISOLATED_TEXT.sub(" ", text))
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def scripts_in(sentence):
    return {name for name, pattern in SCRIPTS.items() if pattern.search(sentence)}


def foreign_sentences(text, language, *, is_html=False, allowed=()):
    """Sentences written (partly) in another script than `language`'s; `allowed` words are left out."""
    wanted = SCRIPT_OF[language]
    found = []
    for sentence in own_sentences(text, is_html=is_html):
        for word in allowed:
            sentence = re.sub(rf"\b{re.escape(word)}\b", " ", sentence)
        if scripts_in(sentence) - {wanted}:
            found.append(sentence)
    return found


def links_in(text):
    return [url.rstrip(".,)»”") for url in re.findall(r"https?://[^\s\"'<>]+", text)]
