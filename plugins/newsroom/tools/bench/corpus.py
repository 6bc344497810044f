"""`invoke bench`, the corpus: a synthetic three-language site in our layout.

`generate(folder, articles_per_language, seed)` writes a content folder that
follows our layout and front-matter rules (it passes `invoke check
--content`): stories in Arabic, English and French made from the word lists
(words.py) and a seeded random generator (same seed, same bytes), most of
them in all three languages under one slug, plus pages, 20 partners, 12
magazine issues and a few generated PNG images.
"""

import datetime
import random
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from .words import (
    ADJECTIVES,
    AUTHORS,
    COUNTRIES,
    NOUNS,
    OPENERS,
    PAGES,
    PARTNER_NAMES,
    PARTNER_STYLES,
    PREPOSITIONS,
    VERBS,
    WORDS,
)

ROOT = Path(__file__).resolve().parents[4]
SETTINGS = ROOT / "pelicanconf.py"
LANGS = ("ar", "en", "fr")

CATEGORY_WEIGHTS = (6, 3, 2)  # news, press releases, events, in CATEGORIES order
YEARS = (2019, 2025)  # stories are dated within these years
TAGS_PER_LANGUAGE = 50
PHOTOS = 8  # images/photo-<n>.png, used as Image: and inline
LOGOS = 6  # partners with a Logo:
COVERS = 6  # magazine issues with a Cover:
PARTNERS = len(PARTNER_NAMES)
ISSUES = 12


def _index(lang):
    return {"en": 0, "fr": 1, "ar": 2}[lang]


def _cap(text):
    return text[:1].upper() + text[1:]


def _fr_de(noun):
    """'de' + a French noun with its article: du réseau, de la région, de l'accès."""
    if noun.startswith("le "):
        return "du " + noun[3:]
    return "de " + noun


def _fr_after(preposition, noun):
    if preposition.endswith(" de"):
        return f"{preposition[:-3]} {_fr_de(noun)}"
    return f"{preposition} {noun}"


def noun_phrase(lang, noun, adjective=None, article=True):
    """'the digital platform', 'la plateforme numérique', 'المنصة الرقمية'."""
    en, fr, gender, ar = NOUNS[noun]
    if lang == "en":
        words = ([ADJECTIVES[adjective][0]] if adjective is not None else []) + [en]
        return ("the " if article else "") + " ".join(words)
    if lang == "fr":
        if not article:
            fr = re.sub(r"^(l'|le |la )", "", fr)
        if adjective is not None:
            fr += " " + ADJECTIVES[adjective][2 if gender == "f" else 1]
        return fr
    if adjective is None:
        return ar
    feminine = ar.split()[-1].endswith(("ة", "ات"))
    return f"{ar} {ADJECTIVES[adjective][3] + ('ة' if feminine else '')}"


def _verb(lang, verb, subject):
    en, fr, ar = VERBS[verb]
    if lang == "ar":
        return ar + ("ت" if NOUNS[subject][3].split()[0].endswith("ة") else "")
    return {"en": en, "fr": fr}[lang]


# ---------------------------------------------------------------------------
# Sentences are drawn once, as dicts of indices, and written in each language.


def _draw_sentence(rng):
    nouns, adjectives = len(NOUNS), len(ADJECTIVES)
    kind = rng.choices(("plain", "said", "future", "grew"), weights=(20, 1, 1, 1))[0]
    return {
        "kind": kind,
        "opener": rng.randrange(len(OPENERS)) if rng.random() < 0.3 else None,
        "subject": rng.randrange(nouns),
        "subject_adj": rng.randrange(adjectives),
        "verb": rng.randrange(len(VERBS)),
        "object": rng.randrange(nouns),
        "object_adj": rng.randrange(adjectives) if rng.random() < 0.7 else None,
        "preposition": rng.randrange(len(PREPOSITIONS)),
        "place": rng.randrange(nouns),
        "place_adj": rng.randrange(adjectives) if rng.random() < 0.4 else None,
        "which": (rng.randrange(len(VERBS)), rng.randrange(nouns)) if rng.random() < 0.3 else None,
        "people": rng.randrange(20, 900) if rng.random() < 0.1 else None,
        "number": rng.randrange(3, 60),
        "year": rng.randrange(*YEARS),
        "mark": rng.choices(("", "strong", "em", "link"), weights=(12, 1, 1, 2))[0],
        "link": rng.randrange(1000),
    }


def _sentence(lang, s, *, opener=True):
    """One sentence in `lang`, ending with its full stop."""
    i = _index(lang)
    if s["kind"] == "future":
        np = noun_phrase(lang, s["object"], s["subject_adj"], article=lang != "en")
        return WORDS["future"][i].format(np=np)
    if s["kind"] == "grew":
        np = noun_phrase(lang, s["object"], s["object_adj"], lang != "en")
        return WORDS["grew"][i].format(np=np, Np=_cap(np), n=s["number"], year=s["year"])
    subject = noun_phrase(lang, s["subject"], s["subject_adj"])
    obj = noun_phrase(lang, s["object"], s["object_adj"])
    if s["mark"] == "strong":
        obj = f"**{obj}**"
    elif s["mark"] == "em":
        obj = f"*{obj}*"
    elif s["mark"] == "link":
        obj = f"[{obj}](https://example.org/{lang}/{NOUNS[s['object']][0]}-{s['link']})"
    place = noun_phrase(lang, s["place"], s["place_adj"])
    preposition = PREPOSITIONS[s["preposition"]][i]
    where = _fr_after(preposition, place) if lang == "fr" else f"{preposition} {place}"
    verb = _verb(lang, s["verb"], s["subject"])
    text = f"{verb} {subject} {obj} {where}" if lang == "ar" else f"{subject} {verb} {obj} {where}"
    if s["people"]:
        text += WORDS["people"][i].format(n=s["people"])
    if s["which"]:
        other_verb, other = s["which"]
        verb = VERBS[other_verb][i]
        np = noun_phrase(lang, other, article=lang != "en")
        text += WORDS["which"][i].format(verb=verb, np=np.removeprefix("the "))
    if opener and s["opener"] is not None:
        text = f"{OPENERS[s['opener']][i]} {text}"
    text = _cap(text) + "."
    if s["kind"] == "said":
        quote = f"« {text} »" if lang == "fr" else f'"{text}"'
        text = f"{WORDS['said'][i]} {quote}"
    return text


def _sentences(lang, drawn):
    return " ".join(_sentence(lang, s) for s in drawn)


def _heading(lang, noun, adjective):
    np = noun_phrase(lang, noun, adjective, article=False)
    if lang == "en":
        return " ".join(_cap(word) for word in np.split())
    return _cap(np)


def _short(lang, drawn, limit=190):
    """A one-sentence summary that fits the content check's limit."""
    for s in drawn:
        text = _sentence(lang, {**s, "mark": "", "kind": "plain"}, opener=False)
        if len(text) <= limit:
            return text
    return _sentence(lang, {**drawn[0], "mark": "", "kind": "plain", "which": None})[:limit]


def _title(lang, s):
    s = {**s, "kind": "plain", "mark": "", "opener": None, "people": None, "which": None}
    return _sentence(lang, s).rstrip(".")


# ---------------------------------------------------------------------------
# Files


def _png(rng, width, height):
    """A small PNG: a two-colour gradient with stripes (stdlib only)."""
    start = [rng.randrange(40, 216) for _ in range(3)]
    end = [rng.randrange(40, 216) for _ in range(3)]
    stripe = rng.randrange(6, 16)
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter: none
        for x in range(width):
            shade = 24 if (x + y) // stripe % 2 else 0
            row += bytes(
                min(255, start[c] + (end[c] - start[c]) * x // width + shade) for c in range(3)
            )
        rows.append(bytes(row))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(b"".join(rows), 9)),
            chunk(b"IEND", b""),
        ]
    )


def _front_matter(fields, body):
    lines = [f"{key}: {value}" for key, value in fields.items() if value not in (None, "")]
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"


@dataclass
class Story:
    number: int
    slug: str
    langs: tuple
    date: datetime.datetime
    with_time: bool
    rng_seed: str


def _language_sets(n):
    """Language sets for the stories, so that each language has exactly `n`:
    about 80 % in all three, the rest in two languages or in one."""
    everywhere = round(n * 0.8)
    rest = n - everywhere
    pairs = rest // 4  # stories per pair of languages
    alone = rest - 2 * pairs  # stories in one language only, per language
    sets = [LANGS] * everywhere
    for pair in (("ar", "en"), ("en", "fr"), ("ar", "fr")):
        sets += [pair] * pairs
    for lang in LANGS:
        sets += [(lang,)] * alone
    return sets


def _settings():
    from pelican.settings import read_settings

    return read_settings(str(SETTINGS))


def generate(folder, articles_per_language=1000, seed=0):
    """Write a synthetic content folder; return what it holds (counts).

    `folder` must be missing or empty. The same seed gives the same bytes.
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise ValueError(f"{folder} is not empty")
    settings = _settings()
    categories = list(settings["CATEGORIES"])
    kinds = list(settings["PARTNER_KINDS"])
    n = articles_per_language
    written = {"articles": dict.fromkeys(LANGS, 0), "images": 0}

    def write(relative, text):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def write_image(relative, rng, width, height):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_png(rng, width, height))
        written["images"] += 1

    # Images: photos for stories, partner logos, magazine covers.
    rng = random.Random(f"{seed}:images")
    photos = [f"images/photo-{k + 1}.png" for k in range(PHOTOS)]
    for path in photos:
        write_image(path, rng, 160, 90)
    photo_subjects = [(rng.randrange(len(NOUNS)), rng.randrange(len(ADJECTIVES))) for _ in photos]

    # Partners.
    rng = random.Random(f"{seed}:partners")
    partners = []
    for number, (latin, arabic) in enumerate(PARTNER_NAMES):
        kind = kinds[number % len(kinds)]
        suffix, *names = PARTNER_STYLES.get(kind, ("partner", "{x}", "{x}", "{x}"))
        slug = f"{latin.lower()}-{suffix}"
        partners.append(slug)
        logo = f"images/partners/{slug}.png" if number < LOGOS else None
        if logo:
            write_image(logo, rng, 64, 64)
        country = rng.randrange(len(COUNTRIES))
        since = rng.randrange(2005, 2021)
        drawn = [_draw_sentence(rng) for _ in range(rng.randrange(6, 14))]
        listed = [(rng.randrange(len(NOUNS)), rng.randrange(len(ADJECTIVES))) for _ in range(4)]
        for lang in LANGS:
            i = _index(lang)
            name = names[i].format(x=arabic if lang == "ar" else latin)
            middle = len(drawn) // 2
            body = "\n\n".join(
                [
                    _sentences(lang, drawn[:middle]),
                    "\n".join(f"- {_heading(lang, *item)}" for item in listed),
                    _sentences(lang, drawn[middle:]),
                ]
            )
            fields = {
                "Name": name,
                "Kind": kind,
                "Country": COUNTRIES[country][i],
                "Since": since,
                "Website": f"https://example.org/partners/{slug}",
                "Logo": logo,
                "Summary": _short(lang, drawn),
            }
            write(f"partners/{slug}.{lang}.md", _front_matter(fields, body))

    # Magazine issues.
    rng = random.Random(f"{seed}:magazine")
    for number in range(1, ISSUES + 1):
        year = YEARS[0] + (number - 1) * (YEARS[1] - YEARS[0] + 1) // ISSUES
        month = 6 if number % 2 else 12
        date = [f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-15"][number % 3]
        cover = f"images/magazine/issue-{number}.png" if number <= COVERS else None
        if cover:
            write_image(cover, rng, 90, 120)
        contributors = rng.sample(partners, rng.randrange(1, 4))
        theme = (rng.randrange(len(NOUNS)), rng.randrange(len(ADJECTIVES)))
        drawn = [_draw_sentence(rng) for _ in range(rng.randrange(4, 9))]
        contents = [_draw_sentence(rng) for _ in range(rng.randrange(4, 9))]
        pdf = f"https://example.org/magazine/issue-{number}.pdf" if number % 4 == 0 else None
        for lang in LANGS:
            i = _index(lang)
            body = "\n\n".join(
                [
                    _sentences(lang, drawn),
                    f"## {WORDS['contents'][i]}",
                    "\n".join(f"1. {_title(lang, s)}" for s in contents),
                ]
            )
            fields = {
                "Issue": number,
                "Date": date,
                "Title": _heading(lang, *theme) if number % 3 else None,
                "Cover": cover,
                "Pdf": pdf,
                "Contributors": ", ".join(contributors),
                "Summary": _short(lang, drawn),
            }
            write(f"magazine/issue-{number}.{lang}.md", _front_matter(fields, body))

    # Pages.
    rng = random.Random(f"{seed}:pages")
    for slug, titles in PAGES.items():
        sections = [
            (rng.randrange(len(NOUNS)), rng.randrange(len(ADJECTIVES)),
             [_draw_sentence(rng) for _ in range(rng.randrange(3, 8))])
            for _ in range(3)
        ]  # fmt: skip
        for lang in LANGS:
            i = _index(lang)
            body = "\n\n".join(
                f"## {_heading(lang, noun, adjective)}\n\n{_sentences(lang, drawn)}"
                for noun, adjective, drawn in sections
            )
            fields = {"Title": titles[i], "Summary": _short(lang, sections[0][2])}
            write(f"pages/{slug}.{lang}.md", _front_matter(fields, body))

    # Stories.
    tags = {lang: [] for lang in LANGS}
    for t in range(TAGS_PER_LANGUAGE):
        noun, adjective = t % len(NOUNS), t * 3 % len(ADJECTIVES)
        for lang in LANGS:
            tags[lang].append(_heading(lang, noun, adjective))
    sets = _language_sets(n)
    random.Random(f"{seed}:layout").shuffle(sets)
    stories = []
    rng = random.Random(f"{seed}:dates")
    first, last = datetime.date(YEARS[0], 1, 1), datetime.date(YEARS[1], 12, 31)
    for number, langs in enumerate(sets):
        day = first + datetime.timedelta(days=rng.randrange((last - first).days + 1))
        with_time = rng.random() < 0.2
        date = datetime.datetime(
            day.year, day.month, day.day, rng.randrange(8, 19), 5 * rng.randrange(12)
        )
        slug_rng = random.Random(f"{seed}:slug:{number}")
        adjective, noun, verb = (
            ADJECTIVES[slug_rng.randrange(len(ADJECTIVES))][0].lower(),
            NOUNS[slug_rng.randrange(len(NOUNS))][0],
            VERBS[slug_rng.randrange(len(VERBS))][0].split()[0],
        )
        slug = f"{adjective}-{noun}-{verb}-{number + 1}"
        stories.append(Story(number, slug, langs, date, with_time, f"{seed}:story:{number}"))
    everywhere = [story for story in stories if story.langs == LANGS]
    for story in stories:
        _write_story(story, write, written, categories, partners, tags, photo_subjects, everywhere)
    return {
        "articles": written["articles"],
        "stories": len(stories),
        "pages": len(PAGES) * len(LANGS),
        "partners": PARTNERS * len(LANGS),
        "issues": ISSUES * len(LANGS),
        "images": written["images"],
        "files": sum(1 for path in folder.rglob("*") if path.is_file()),
    }


def _photo_alt(lang, subject):
    np = noun_phrase(lang, *subject)
    if lang == "fr":
        return f"Des participants lors {_fr_de(np)}"
    return WORDS["photo"][_index(lang)].format(np=np.removeprefix("the "))


def _draw_story(story, categories, partners, everywhere):
    """Everything about a story that its languages share, drawn from its own seed."""
    rng = random.Random(story.rng_seed)
    number = story.number
    drawn = {
        "title": _draw_sentence(rng),  # first, so that links to the story can redraw it
        "summary": [_draw_sentence(rng) for _ in range(3)],
        "category": rng.choices(categories, weights=CATEGORY_WEIGHTS[: len(categories)])[0],
        "tags": rng.sample(range(TAGS_PER_LANGUAGE), rng.randrange(1, 6)),
        "author": rng.randrange(len(AUTHORS)) if number % 2 == 0 else None,
        "partners": rng.sample(partners, rng.randrange(1, 3)) if number % 5 in (0, 2) else [],
        "magazine": rng.randrange(1, ISSUES + 1) if number % 10 == 3 else None,
        "image": rng.randrange(PHOTOS) if number % 3 == 0 else None,
        "caption": _draw_sentence(rng) if number % 6 == 0 else None,
        "modified": rng.randrange(1, 60) if number % 9 == 4 else None,
    }
    # The body: 17 to 70 sentences, about 220 to 970 words in English (docs/performance.md).
    sentences = rng.randrange(300, 1201) // 17
    paragraphs = []
    while sentences > 0:
        size = min(sentences, rng.randrange(2, 7))
        paragraphs.append(("p", [_draw_sentence(rng) for _ in range(size)]))
        sentences -= size
    blocks = [paragraphs[0]]
    headings = set(
        rng.sample(range(1, len(paragraphs)), min(len(paragraphs) - 1, rng.randrange(2, 5)))
    )
    lists = set(
        rng.sample(range(1, len(paragraphs) + 1), min(len(paragraphs), rng.randrange(1, 3)))
    )
    for position, paragraph in enumerate(paragraphs[1:], start=1):
        if position in headings:
            blocks.append(("h", rng.randrange(len(NOUNS)), rng.randrange(len(ADJECTIVES))))
        blocks.append(paragraph)
        if position in lists:
            items = [
                (rng.randrange(len(NOUNS)), rng.randrange(len(ADJECTIVES)))
                for _ in range(rng.randrange(3, 7))
            ]
            blocks.append(("ol" if rng.random() < 0.3 else "ul", items))
        if rng.random() < 0.05:
            blocks.append(("quote", _draw_sentence(rng)))
    if number % 7 == 1:
        blocks.insert(min(2, len(blocks)), ("img", rng.randrange(PHOTOS)))
    if number % 8 == 5 and len(everywhere) > 1:
        target = rng.choice([other for other in everywhere if other.number != number])
        blocks.append(("see", target))
    drawn["blocks"] = blocks
    return drawn


def _story_title(story, lang):
    return _title(lang, _draw_sentence(random.Random(story.rng_seed)))


def _story_path(story, lang):
    return f"articles/{story.date.year}/{story.slug}.{lang}.md"


def _render_block(lang, block, photo_subjects):
    kind = block[0]
    if kind == "p":
        return _sentences(lang, block[1])
    if kind == "h":
        return f"## {_heading(lang, block[1], block[2])}"
    if kind in ("ul", "ol"):
        marker = "-" if kind == "ul" else "1."
        return "\n".join(f"{marker} {_heading(lang, *item)}" for item in block[1])
    if kind == "quote":
        return f"> {_sentence(lang, block[1])}"
    if kind == "img":
        alt = _photo_alt(lang, photo_subjects[block[1]])
        return f"![{alt}]({{static}}/images/photo-{block[1] + 1}.png)"
    story = block[1]  # "see": a link to another story in the same language
    label = WORDS["read"][_index(lang)]
    return f"{label} [{_story_title(story, lang)}]({{filename}}/{_story_path(story, lang)})"


def _write_story(story, write, written, categories, partners, tags, photo_subjects, everywhere):
    drawn = _draw_story(story, categories, partners, everywhere)
    date_format = "%Y-%m-%d %H:%M" if story.with_time else "%Y-%m-%d"
    modified = None
    if drawn["modified"]:
        modified = (story.date + datetime.timedelta(days=drawn["modified"])).strftime("%Y-%m-%d")
    for lang in story.langs:
        image = drawn["image"]
        fields = {
            "Title": _title(lang, drawn["title"]),
            "Date": story.date.strftime(date_format),
            "Modified": modified,
            "Category": drawn["category"],
            "Tags": ", ".join(tags[lang][t] for t in drawn["tags"]),
            "Author": None if drawn["author"] is None else AUTHORS[drawn["author"]][lang == "ar"],
            "Partners": ", ".join(drawn["partners"]),
            "Magazine": drawn["magazine"],
            "Image": None if image is None else f"images/photo-{image + 1}.png",
            "Image_alt": None if image is None else _photo_alt(lang, photo_subjects[image]),
            "Image_caption": drawn["caption"] and _sentence(lang, drawn["caption"], opener=False),
            "Summary": _short(lang, drawn["summary"]),
        }
        body = "\n\n".join(_render_block(lang, block, photo_subjects) for block in drawn["blocks"])
        write(_story_path(story, lang), _front_matter(fields, body))
        written["articles"][lang] += 1
