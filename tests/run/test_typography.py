"""Typography per language: English typogrify, French spacing, Arabic guillemets."""

import re

import markdown
import pytest
from typogrify.filters import typogrify

from newsroom.run.typography import plain_text, typeset, typeset_title

NNBSP = "\u202f"
NBSP = "\u00a0"
LANGS = ("ar", "en", "fr")
CAPS = '<span class="caps">'


def md(text):
    """Render Markdown the way pelicanconf.py's MARKDOWN setting does."""
    return markdown.markdown(text, extensions=["extra"], output_format="html5")


# A story with every construct Python-Markdown produces for our authors.
STORY = md(
    """\
L'AICTO et HUAWEI : "une coopération" qui dure ? Oui !

- *Premier* point ; [le site](http://example.org/a?b=1&c=2 "Titre : « x » ?") à 10:30.
- La commande `ls -l "x" : y?` liste ; ratio 3:1.

> Une citation ?! « fin »

| Question | Réponse |
|---|---|
| Pourquoi ? | Parce que : voilà |

```
x = "a" ; y = 'b' ? AICTO : 10 : 30
```

Une note[^1] et ![une "image"](i.png).

[^1]: La note ?
"""
)


# Code, pre and attributes: never touched, in any language.

PROTECTED = [
    '<code>"q" : x? l\'a AICTO &amp; b</code>',
    '<pre><code class="language-py">s = "a" ; t = \'b\' ? AICTO : 10 : 30\n</code></pre>',
    '<kbd>Ctrl + A : "x" AICTO</kbd>',
    '<samp>Erreur : "x" ? AICTO</samp>',
    "<script>if (a ? \"b\" : 'c') { x = 'AICTO'; }</script>",
    '<style>a::before { content: "« x »"; }</style>',
    "<math><mi>a</mi><mo>:</mo><mi>b</mi></math>",
]


@pytest.mark.parametrize("lang", [*LANGS, "de"])
@pytest.mark.parametrize("snippet", PROTECTED)
def test_code_and_pre_are_untouched(lang, snippet):
    html = f'<p>Avant : "x" AICTO {snippet} après ? "y"</p>'
    out = typeset(html, lang)
    assert snippet in out
    assert (out != html) == (lang != "de")  # the text around it was typeset


@pytest.mark.parametrize("lang", LANGS)
def test_fenced_and_inline_code_from_markdown_are_untouched(lang):
    code = re.findall(r"<pre>.*?</pre>|<code>.*?</code>", STORY, re.S)
    assert len(code) == 2  # the sample really has inline and fenced code
    out = typeset(STORY, lang)
    for snippet in code:
        assert snippet in out


ATTRIBUTES = [
    'href="http://example.org/a?b=1&amp;c=2"',
    'title="Titre : « x » ?"',
    'alt="une &quot;image&quot;"',
    'href="#fnref:1"',
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_attributes_are_untouched(lang, attribute):
    assert attribute in STORY  # the sample really has it
    assert attribute in typeset(STORY, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_raw_attributes_with_quotes_and_marks_are_untouched(lang):
    tag = """<img alt='He said "yes" : AICTO ?' title="l'AICTO ; « x » !" data-x="a>b">"""
    out = typeset(f"<p>Voici {tag} l'image ?</p>", lang)
    assert tag in out


@pytest.mark.parametrize("lang", LANGS)
def test_comments_are_untouched(lang):
    comment = '<!-- a "note" : AICTO ? l\'x -->'
    assert comment in typeset(f"<p>Texte {comment} suite ?</p>", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_is_idempotent(lang):
    once = typeset(STORY, lang)
    assert once != STORY  # it did something
    assert typeset(once, lang) == once


@pytest.mark.parametrize("lang", LANGS)
def test_title_is_idempotent(lang):
    once = typeset_title('L\'AICTO et HUAWEI : "une coopération" qui dure ?', lang)
    assert typeset_title(once, lang) == once


@pytest.mark.parametrize("lang", [*LANGS, "de"])
def test_empty_input(lang):
    assert typeset("", lang) == ""
    assert typeset_title("", lang) == ""


@pytest.mark.parametrize("lang", ["de", "es", "", "zz"])
def test_other_languages_are_untouched(lang):
    assert typeset(STORY, lang) == STORY


def test_a_regional_variant_gets_its_language_rules():
    assert typeset("<p>Oui ?</p>", "fr-CA") == typeset("<p>Oui ?</p>", "fr")
    assert typeset("<p>Oui ?</p>", "FR") == f"<p>Oui{NNBSP}?</p>"


# English: typogrify as it is.


def test_english_gets_curly_quotes_and_apostrophes():
    out = typeset('<p>He said "yes" and it isn\'t over yet.</p>', "en")
    assert "&#8220;yes&#8221;" in out
    assert "isn&#8217;t" in out


def test_english_gets_caps_and_amp_spans():
    out = typeset("<p>AICTO & HUAWEI work together</p>", "en")
    assert '<span class="caps">AICTO</span>' in out
    assert '<span class="caps">HUAWEI</span>' in out
    assert '<span class="amp">&amp;</span>' in out


def test_english_gets_widont_and_initial_quotes():
    out = typeset('<p>"Quoted" at the very start of a paragraph</p>', "en")
    assert out.startswith('<p><span class="dquo">&#8220;</span>Quoted&#8221;')
    assert out.endswith("a&nbsp;paragraph</p>")


@pytest.mark.parametrize(
    "html",
    [
        '<h2>"Jayhawks" & KU fans act extremely obnoxiously</h2>',
        "<p>In a couple of paragraphs</p><p>paragraph two</p>",
        '<p>A message from KU, "the D.O.T." -- and <a href="/x">a link</a> here...</p>',
    ],
)
def test_english_is_typogrify(html):
    assert typeset(html, "en") == typogrify(html)


def test_english_widont_does_not_glue_twice():
    html = "<p>A very simple test</p>"
    assert typeset(html, "en") == "<p>A very simple&nbsp;test</p>"
    assert typeset("<p>A very simple&nbsp;test</p>", "en") == "<p>A very simple&nbsp;test</p>"


def test_english_caps_spans_are_not_nested_on_a_second_run():
    once = typeset("<p>The AICTO met HUAWEI</p>", "en")
    assert typeset(once, "en").count(CAPS) == 2


# French: spacing, guillemets, apostrophes.


@pytest.mark.parametrize("mark", [";", ":", "!", "?"])
@pytest.mark.parametrize(
    "space",
    ["", " ", NBSP, NNBSP, "&nbsp;", "&#160;", "&#8239;", "&#x202F;", "  "],
    ids=["none", "space", "nbsp", "nnbsp", "&nbsp;", "&#160;", "&#8239;", "&#x202F;", "two"],
)
def test_french_narrow_space_before_marks(mark, space):
    out = typeset(f"<p>Le mot{space}{mark} la suite</p>", "fr")
    assert f"mot{NNBSP}{mark} la" in out


@pytest.mark.parametrize(
    "quoted",
    ["« oui »", "«oui»", f"«{NBSP}oui{NBSP}»", f"«{NNBSP}oui{NNBSP}»", "«&nbsp;oui&nbsp;»"],
)
def test_french_guillemets_get_narrow_spaces_inside(quoted):
    out = typeset(f"<p>Il a dit {quoted} hier soir</p>", "fr")
    assert f"dit «{NNBSP}oui{NNBSP}» hier" in out


def test_french_straight_quotes_become_guillemets():
    out = typeset('<p>Il a dit "oui" puis "<em>non</em>", hier soir</p>', "fr")
    assert f"dit «{NNBSP}oui{NNBSP}» puis «{NNBSP}<em>non</em>{NNBSP}», hier" in out
    assert '"' not in out


def test_french_quotes_at_the_start_of_a_paragraph_open():
    out = typeset('<p>"Oui", dit-il</p>', "fr")
    assert out.startswith(f"<p>«{NNBSP}Oui{NNBSP}»,")


def test_french_apostrophes_are_curly():
    out = typeset("<p>L'AICTO et l'industrie d'aujourd'hui, voilà</p>", "fr")
    assert "L’AICTO et l’industrie d’aujourd’hui," in out
    assert "'" not in out


def test_french_gets_no_caps_spans_and_no_english_quotes():
    out = typeset(STORY, "fr")
    assert CAPS not in out
    assert not re.search("&#822[01];|[“”]", out)


def test_french_story_from_markdown():
    out = typeset(STORY, "fr")
    assert f"L’AICTO et HUAWEI{NNBSP}: «{NNBSP}une coopération{NNBSP}» qui dure{NNBSP}?" in out
    assert f"Oui{NNBSP}!</p>" in out
    assert f"<em>Premier</em> point{NNBSP};" in out
    assert f"Une citation{NNBSP}?! «{NNBSP}fin{NNBSP}»" in out
    assert f"<td>Pourquoi{NNBSP}?</td>" in out
    assert f"<td>Parce que{NNBSP}: voilà</td>" in out
    assert f"La note{NNBSP}?&#160;<a" in out  # the footnote's back link


def test_french_spacing_across_inline_tags():
    out = typeset('<p>Vraiment <em>sûr</em>? Voir <a href="/x">ceci</a>: la fin</p>', "fr")
    assert f"<em>sûr</em>{NNBSP}?" in out
    assert f'<a href="/x">ceci</a>{NNBSP}: la' in out


@pytest.mark.parametrize(
    "text",
    [
        "Voir http://example.org/page?id=3&amp;x=1 et https://aicto.org/fr/.",
        "Rendez-vous à 10:30 ou 14:00:15.",
        "Un ratio de 3:1 et 16:9.",
        "Le lien mailto:presse@aicto.org suffit.",
    ],
)
def test_french_leaves_urls_times_and_ratios_alone(text):
    out = typeset(f"<p>{text}</p>", "fr")
    assert NNBSP not in out
    assert out.replace("&nbsp;", " ") == f"<p>{text}</p>"  # widont aside, unchanged


def test_french_autolinked_url_keeps_its_text():
    out = typeset(md("Voir <http://example.org/a?b=1:2> maintenant"), "fr")
    assert ">http://example.org/a?b=1:2</a>" in out


def test_french_double_marks_get_one_space_before_the_first():
    out = typeset("<p>Quoi?! Vraiment ?? Non !!! Si ? ! Fin.</p>", "fr")
    assert f"Quoi{NNBSP}?!" in out
    assert f"Vraiment{NNBSP}??" in out
    assert f"Non{NNBSP}!!!" in out
    assert f"Si{NNBSP}? !" in out


def test_french_does_not_insert_a_second_space_the_author_typed():
    html = f"<p>Il dit{NNBSP}: «{NNBSP}oui{NNBSP}» ; vraiment{NBSP}?</p>"
    out = typeset(html, "fr")
    assert out == f"<p>Il dit{NNBSP}: «{NNBSP}oui{NNBSP}»{NNBSP}; vraiment{NNBSP}?</p>"
    assert f"{NNBSP}{NNBSP}" not in out


def test_french_entity_semicolons_are_not_punctuation():
    out = typeset("<p>R &amp; D &lt;b&gt; &#8217; fin</p>", "fr")
    assert "&amp; D &lt;b&gt; &#8217;" in out
    assert NNBSP not in out


def test_french_leaves_a_mark_that_starts_a_block():
    out = typeset("<p>? un inconnu</p><li>: rien du tout</li>", "fr")
    assert out == "<p>? un&nbsp;inconnu</p><li>: rien du&nbsp;tout</li>"


def test_french_gets_widont_without_touching_its_narrow_spaces():
    assert (
        typeset("<p>Une coopération qui dure</p>", "fr") == "<p>Une coopération qui&nbsp;dure</p>"
    )
    assert typeset("<p>Une coopération ?</p>", "fr") == f"<p>Une coopération{NNBSP}?</p>"


# Arabic: guillemets, and nothing that could break the text.


def test_arabic_keeps_a_latin_name_and_gets_no_caps():
    html = "<p>شراكة بين AICTO و«هواوي Huawei» في إطار برنامج Tech4ALL</p>"
    out = typeset(html, "ar")
    assert out == html
    assert CAPS not in out


def test_arabic_punctuation_is_untouched():
    html = "<p>هل توافق؟ نعم، بالتأكيد؛ قال: حسنًا! وماذا بعد?</p>"
    assert typeset(html, "ar") == html


def test_arabic_straight_quotes_become_guillemets_without_spaces():
    out = typeset('<p>قال "نعم" للمشروع و"<em>هواوي</em>"</p>', "ar")
    assert out == "<p>قال «نعم» للمشروع و«<em>هواوي</em>»</p>"


def test_arabic_gets_no_english_quotes_no_widont_and_no_no_break_spaces():
    html = "<p>عقد اجتماع 'خاص' بين المنظمة و Huawei &amp; AICTO سنة 2020 2021</p>"
    out = typeset(html, "ar")
    assert out == html
    assert NBSP not in out and "&nbsp;" not in out and NNBSP not in out


def test_arabic_story_from_markdown():
    html = md(
        'في إطار "التعاون" مع «هواوي Huawei»، قال: `"code"` و[رابط](http://x.org/?a=1 "عنوان")'
    )
    out = typeset(html, "ar")
    assert "«التعاون»" in out
    assert "«هواوي Huawei»،" in out
    assert '<code>"code"</code>' in out
    assert 'href="http://x.org/?a=1" title="عنوان"' in out


# Titles and plain text.

TITLES = {
    "en": 'AICTO and HUAWEI strengthen their "cooperation" & more',
    "fr": 'L\'AICTO et HUAWEI : "une coopération" qui dure ?',
    "ar": 'المنظمة و"هواوي Huawei" تعززان تعاونهما؟',
}


@pytest.mark.parametrize("lang", LANGS)
def test_title_plain_text_has_no_tags_and_no_entities(lang):
    text = plain_text(typeset_title(TITLES[lang], lang))
    assert "<" not in text and ">" not in text
    assert not re.search(r"&#?\w+;", text)


def test_english_title():
    title = typeset_title(TITLES["en"], "en")
    assert '<span class="caps">AICTO</span>' in title
    assert plain_text(title) == f"AICTO and HUAWEI strengthen their “cooperation” &{NBSP}more"


def test_french_title():
    title = typeset_title(TITLES["fr"], "fr")
    assert (
        plain_text(title)
        == f"L’AICTO et HUAWEI{NNBSP}: «{NNBSP}une coopération{NNBSP}» qui dure{NNBSP}?"
    )


def test_arabic_title():
    title = typeset_title(TITLES["ar"], "ar")
    assert title == "المنظمة و«هواوي Huawei» تعززان تعاونهما؟"
    assert plain_text(title) == title


def test_title_line_breaks_become_one_space():
    assert typeset_title("  Une\n    longue   histoire ?  ", "fr") == f"Une longue histoire{NNBSP}?"


def test_plain_text_decodes_entities_and_keeps_no_break_spaces():
    html = "<p>a&nbsp;b&#8239;c &amp; &lt;d&gt; &#8220;e&#8221;</p>"
    assert plain_text(html) == f"a{NBSP}b{NNBSP}c & <d> “e”"


def test_plain_text_separates_blocks_and_joins_inline_tags():
    html = '<p>Un <em>mot</em>-clé</p>\n<p>deux<br>trois</p><ul><li><a href="/">x</a></li></ul>'
    assert plain_text(html) == "Un mot-clé deux trois x"


def test_plain_text_collapses_whitespace_and_drops_comments_and_scripts():
    html = "  <p>a \n\t b</p><!-- note --><script>var x = '<p>';</script>  "
    assert plain_text(html) == "a b"
