"""The sentence-by-sentence language check the e-mail tests rely on can fail."""

from portal.tests.languages import foreign_sentences, links_in


def test_a_mixed_sentence_is_found_and_isolated_words_are_not():
    assert foreign_sentences("سلام Demo، صفحه ارسال شد.", "fa") == ["سلام Demo، صفحه ارسال شد"]
    assert foreign_sentences("سلام \u2068Demo\u2069، صفحه ارسال شد.", "fa") == []
    assert foreign_sentences("<p>页面 <bdi>Flood study</bdi> 已发布。</p>", "zh-hans", is_html=True) == []
    assert foreign_sentences("<p>The page 已发布。</p>", "zh-hans", is_html=True) == ["The page 已发布"]
    assert foreign_sentences("See https://example.org/fa/x/ now.", "en") == []


def test_links_are_found_in_text_and_html():
    assert links_in('<a href="http://testserver/fa/">http://testserver/fa/</a>') == ["http://testserver/fa/"] * 2
