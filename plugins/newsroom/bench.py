"""`invoke bench`: a synthetic three-language corpus, and the build timed on it.

Not part of the build. Two halves:

- `generate(folder, articles_per_language, seed)` writes a content folder in
  our layout and front-matter rules (it passes `invoke check --content`):
  stories in Arabic, English and French made from small word lists and a
  seeded random generator (same seed, same bytes), most of them in all three
  languages under one slug, plus pages, 20 partners, 12 magazine issues and
  a few generated PNG images.
- `run(articles, runs, json_path)` times, side by side in one run, plain
  Pelican 4.12 and our build (cold, warm, after a body edit, after a title
  edit, cold at twice the size), each case `runs` times, and reports the
  medians as a Markdown table and a JSON file. `profile()` runs cProfile on
  one language's Pelican run of a cold build.

Each timed build is a process of its own (`python -m newsroom.bench …` or
`python -m pelican …`), so its CPU time (every process, read with
getrusage(RUSAGE_CHILDREN)) and its memory (the process tree sampled from
/proc) are its own. docs/performance.md records the results.
"""

import contextlib
import cProfile
import datetime
import io
import json
import os
import platform
import pstats
import random
import re
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "pelicanconf.py"
LANGS = ("ar", "en", "fr")
# Pelican's default, and the setting our Markdown file names follow.
FILENAME_METADATA = r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})"

CASES = {
    "a": "plain Pelican 4.12, no plugins, notmyidea",
    "b": "ours, cold",
    "c": "ours, warm, nothing changed",
    "d": "ours, one article's body edited",
    "e": "ours, one article's title edited",
    "f": "ours, cold, 2N",
}

# ---------------------------------------------------------------------------
# Vocabulary. The lists are aligned: entry i is the same word in every
# language, so a story is drawn once as indices and written out in each of
# its languages, and translations match in structure and length.

# (English, French with its article and gender, Arabic with its article)
NOUNS = [
    ("organization", "l'organisation", "f", "المنظمة"),
    ("cooperation", "la coopération", "f", "التعاون"),
    ("network", "le réseau", "m", "الشبكة"),
    ("platform", "la plateforme", "f", "المنصة"),
    ("strategy", "la stratégie", "f", "الاستراتيجية"),
    ("program", "le programme", "m", "البرنامج"),
    ("workshop", "l'atelier", "m", "الورشة"),
    ("conference", "la conférence", "f", "المؤتمر"),
    ("agreement", "l'accord", "m", "الاتفاقية"),
    ("partnership", "le partenariat", "m", "الشراكة"),
    ("innovation", "l'innovation", "f", "الابتكار"),
    ("infrastructure", "l'infrastructure", "f", "البنية التحتية"),
    ("connectivity", "la connectivité", "f", "الربط"),
    ("security", "la sécurité", "f", "الأمن"),
    ("service", "le service", "m", "الخدمة"),
    ("region", "la région", "f", "المنطقة"),
    ("ministry", "le ministère", "m", "الوزارة"),
    ("university", "l'université", "f", "الجامعة"),
    ("community", "la communauté", "f", "المجتمع"),
    ("policy", "la politique", "f", "السياسة"),
    ("project", "le projet", "m", "المشروع"),
    ("initiative", "l'initiative", "f", "المبادرة"),
    ("training", "la formation", "f", "التدريب"),
    ("economy", "l'économie", "f", "الاقتصاد"),
    ("government", "le gouvernement", "m", "الحكومة"),
    ("standard", "la norme", "f", "المواصفة"),
    ("satellite", "le satellite", "m", "القمر الصناعي"),
    ("broadband", "le haut débit", "m", "النطاق العريض"),
    ("center", "le centre", "m", "المركز"),
    ("report", "le rapport", "m", "التقرير"),
    ("forum", "le forum", "m", "المنتدى"),
    ("delegation", "la délégation", "f", "الوفد"),
    ("summit", "le sommet", "m", "القمة"),
    ("framework", "le cadre", "m", "الإطار"),
    ("investment", "l'investissement", "m", "الاستثمار"),
    ("access", "l'accès", "m", "النفاذ"),
    ("inclusion", "l'inclusion", "f", "الإدماج"),
    ("transformation", "la transformation", "f", "التحول"),
    ("research", "la recherche", "f", "البحث"),
    ("laboratory", "le laboratoire", "m", "المختبر"),
    ("market", "le marché", "m", "السوق"),
    ("operator", "l'opérateur", "m", "المشغل"),
    ("youth", "la jeunesse", "f", "الشباب"),
    ("challenge", "le défi", "m", "التحدي"),
    ("solution", "la solution", "f", "الحل"),
    ("application", "l'application", "f", "التطبيق"),
    ("system", "le système", "m", "النظام"),
    ("indicator", "l'indicateur", "m", "المؤشر"),
    ("survey", "l'enquête", "f", "الاستبيان"),
    ("committee", "le comité", "m", "اللجنة"),
    ("session", "la séance", "f", "الجلسة"),
    ("education", "l'éducation", "f", "التعليم"),
    ("health", "la santé", "f", "الصحة"),
    ("energy", "l'énergie", "f", "الطاقة"),
    ("spectrum", "le spectre", "m", "الطيف الترددي"),
    ("startup", "la jeune pousse", "f", "المؤسسة الناشئة"),
]
# (English, French masculine, French feminine, Arabic masculine; + "ة" for feminine)
ADJECTIVES = [
    ("digital", "numérique", "numérique", "الرقمي"),
    ("regional", "régional", "régionale", "الإقليمي"),
    ("national", "national", "nationale", "الوطني"),
    ("Arab", "arabe", "arabe", "العربي"),
    ("strategic", "stratégique", "stratégique", "الاستراتيجي"),
    ("secure", "sécurisé", "sécurisée", "الآمن"),
    ("open", "ouvert", "ouverte", "المفتوح"),
    ("smart", "intelligent", "intelligente", "الذكي"),
    ("sustainable", "durable", "durable", "المستدام"),
    ("innovative", "innovant", "innovante", "المبتكر"),
    ("technical", "technique", "technique", "التقني"),
    ("annual", "annuel", "annuelle", "السنوي"),
    ("joint", "conjoint", "conjointe", "المشترك"),
    ("global", "mondial", "mondiale", "العالمي"),
    ("local", "local", "locale", "المحلي"),
    ("advanced", "avancé", "avancée", "المتقدم"),
    ("inclusive", "inclusif", "inclusive", "الشامل"),
    ("practical", "pratique", "pratique", "العملي"),
    ("efficient", "efficace", "efficace", "الفعال"),
    ("scientific", "scientifique", "scientifique", "العلمي"),
]
# (English past, French passé composé, Arabic past masculine; + "ت" for feminine)
VERBS = [
    ("launched", "a lancé", "أطلق"),
    ("signed", "a signé", "وقع"),
    ("hosted", "a accueilli", "استضاف"),
    ("announced", "a annoncé", "أعلن"),
    ("presented", "a présenté", "قدم"),
    ("discussed", "a étudié", "ناقش"),
    ("reviewed", "a passé en revue", "راجع"),
    ("organized", "a organisé", "نظم"),
    ("supported", "a soutenu", "دعم"),
    ("strengthened", "a renforcé", "عزز"),
    ("examined", "a examiné", "بحث"),
    ("adopted", "a adopté", "اعتمد"),
    ("highlighted", "a souligné", "أبرز"),
    ("completed", "a achevé", "أنجز"),
    ("opened", "a inauguré", "افتتح"),
    ("published", "a publié", "نشر"),
    ("evaluated", "a évalué", "قيم"),
    ("coordinated", "a coordonné", "نسق"),
    ("prepared", "a préparé", "أعد"),
    ("brought together", "a réuni", "جمع"),
]
PREPOSITIONS = [
    ("in", "dans", "في"),
    ("with", "avec", "مع"),
    ("for", "pour", "من أجل"),
    ("during", "pendant", "خلال"),
    ("through", "à travers", "عبر"),
    ("toward", "vers", "نحو"),
    ("within", "au sein de", "ضمن"),
    ("about", "sur", "حول"),
    ("across", "dans l'ensemble de", "على مستوى"),
    ("alongside", "aux côtés de", "إلى جانب"),
]
OPENERS = [
    ("In this context,", "Dans ce cadre,", "وفي هذا السياق،"),
    ("Meanwhile,", "Par ailleurs,", "ومن جهة أخرى،"),
    ("Moreover,", "En outre,", "وعلاوة على ذلك،"),
    ("During the meeting,", "Au cours de la réunion,", "وخلال الاجتماع،"),
    ("At the same time,", "Dans le même temps,", "وفي الوقت نفسه،"),
    ("According to the organizers,", "Selon les organisateurs,", "ووفقًا للمنظمين،"),
    ("For the first time,", "Pour la première fois,", "ولأول مرة،"),
    ("As planned,", "Comme prévu,", "وكما كان مقررًا،"),
]
AUTHORS = [
    ("Amal Ben Salah", "أمل بن صالح"),
    ("Karim Haddad", "كريم حداد"),
    ("Salma Mansour", "سلمى منصور"),
    ("Youssef Khalil", "يوسف خليل"),
    ("Leila Nasser", "ليلى ناصر"),
    ("Omar Farouk", "عمر فاروق"),
    ("Rania Saleh", "رانيا صالح"),
    ("Hana Jaber", "هناء جابر"),
]
# Invented partner names, Latin and Arabic script.
PARTNER_NAMES = [
    ("Qamar", "قمر"), ("Nakhla", "نخلة"), ("Sahel", "ساحل"), ("Atlas", "أطلس"),
    ("Zaytun", "زيتون"), ("Murjan", "مرجان"), ("Yasmin", "ياسمين"), ("Rimal", "رمال"),
    ("Nour", "نور"), ("Sidra", "سدرة"), ("Anbar", "عنبر"), ("Fajr", "فجر"),
    ("Bayan", "بيان"), ("Hilal", "هلال"), ("Kawkab", "كوكب"), ("Wadi", "وادي"),
    ("Jisr", "جسر"), ("Najm", "نجم"), ("Tamr", "تمر"), ("Rawda", "روضة"),
]  # fmt: skip
# How a partner of each kind is named: slug suffix, then en, fr, ar with {x} for the name.
PARTNER_STYLES = {
    "government": ("authority", "{x} Telecommunications Authority",
                   "Autorité des télécommunications {x}", "هيئة {x} للاتصالات"),
    "international-organization": ("union", "{x} Union for Development",
                                   "Union {x} pour le développement", "اتحاد {x} للتنمية"),
    "industry": ("telecom", "{x} Telecom", "{x} Télécom", "{x} للاتصالات"),
    "academia": ("university", "{x} University", "Université {x}", "جامعة {x}"),
}  # fmt: skip
COUNTRIES = [
    ("Tunisia", "Tunisie", "تونس"), ("Egypt", "Égypte", "مصر"), ("Morocco", "Maroc", "المغرب"),
    ("Jordan", "Jordanie", "الأردن"), ("Iraq", "Irak", "العراق"), ("Algeria", "Algérie", "الجزائر"),
    ("Lebanon", "Liban", "لبنان"), ("Sudan", "Soudan", "السودان"), ("Qatar", "Qatar", "قطر"),
    ("Oman", "Oman", "عمان"),
]  # fmt: skip
PAGES = {  # slug: titles en, fr, ar
    "about": ("About the newsroom", "À propos de la salle de presse", "عن غرفة الأخبار"),
    "contact": ("Contact the editors", "Contacter la rédaction", "الاتصال بهيئة التحرير"),
    "editorial-charter": ("Editorial charter", "Charte éditoriale", "الميثاق التحريري"),
}
WORDS = {  # fixed phrases: en, fr, ar
    "said": ("The head of the delegation said:", "Le chef de la délégation a déclaré :",
             "وقال رئيس الوفد:"),
    "future": ("What does the future hold for the {np}?", "Quel avenir pour {np} ?",
               "فما هو مستقبل {np}؟"),
    "grew": ("The {np} grew by {n}% in {year}.", "{Np} a progressé de {n} % en {year}.",
             "وسجل {np} نموًا بنسبة {n}% في عام {year}."),
    "people": (" with more than {n} participants", " avec plus de {n} participants",
               " بمشاركة أكثر من {n} مشارك"),
    "which": (", which {verb} the {np}", ", ce qui {verb} {np}", "، مما {verb} {np}"),
    "contents": ("In this issue", "Dans ce numéro", "في هذا العدد"),
    "photo": ("Participants at the {np}", "Des participants lors {np}", "مشاركون في {np}"),
    "read": ("Read also:", "À lire aussi :", "اقرأ أيضًا:"),
}  # fmt: skip
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


# ---------------------------------------------------------------------------
# Measuring


class BenchError(Exception):
    """A timed build failed; the message ends with the tail of its log."""


@dataclass
class Measure:
    wall: float  # seconds
    cpu: float  # seconds, user + system, every process of the case
    peak_mib: float  # the process tree's peak, sum of PSS (RSS shared pages split)
    peak_rss_mib: float  # the same, sum of RSS (counts pages shared after fork again)
    pages: int  # .html files in the output
    size: int  # bytes in the output


class _TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants from /proc."""

    INTERVAL = 0.25  # seconds; reading smaps_rollup costs about 2 ms per 200 MB process

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_pss = self.peak_rss = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            self.sample()
            self.done.wait(self.INTERVAL)

    def sample(self):
        pss = rss = 0
        for pid in self._tree():
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue  # it just ended
            for line in rollup.splitlines():
                key, _, value = line.partition(":")
                if key == "Pss":
                    pss += int(value.split()[0])
                elif key == "Rss":
                    rss += int(value.split()[0])
        self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)

    def _tree(self):
        pids, queue = [], [self.pid]
        while queue:
            pid = queue.pop()
            pids.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                with contextlib.suppress(OSError):  # it just ended
                    queue += [int(child) for child in task.read_text().split()]
        return pids

    def stop(self):
        self.done.set()
        self.join()


def _cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _timed(command, log, env=None):
    """Run `command`; return (wall, CPU of it and its descendants, sampler)."""
    cpu = _cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(map(str, command))}\n")
        out.flush()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
        sampler = _TreeSampler(process.pid)
        sampler.sample()
        sampler.start()
        code = process.wait()
    wall = time.perf_counter() - started
    sampler.stop()
    cpu = _cpu(resource.RUSAGE_CHILDREN) - cpu
    if code:
        tail = "\n".join(Path(log).read_text(encoding="utf-8").splitlines()[-20:])
        raise BenchError(f"{command[2:4]} exited with status {code}:\n{tail}")
    return wall, cpu, sampler


def _output_stats(folder):
    pages = size = 0
    for path in Path(folder).rglob("*"):
        if path.is_file():
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, size


def _measure(command, output, log, env=None, inside=None):
    """Time one build. `inside`: a JSON file where the build process wrote its
    own wall and CPU seconds (save-to-done), which then replace the outer ones."""
    wall, cpu, sampler = _timed(command, log, env)
    if inside:
        timing = json.loads(Path(inside).read_text())
        wall, cpu = timing["wall"], timing["cpu"]
    pages, size = _output_stats(output)
    return Measure(wall, cpu, sampler.peak_pss / 1024, sampler.peak_rss / 1024, pages, size)


PLAIN_SETTINGS = """\
# Plain Pelican for `invoke bench`: its defaults, its built-in theme, no plugins,
# no typogrify, no cache; our file names, so it reads the same files.
SITENAME = "Bench"
SITEURL = "http://127.0.0.1:8000"
TIMEZONE = "Africa/Tunis"
DEFAULT_LANG = "en"
PLUGINS = []
THEME = "notmyidea"
TYPOGRIFY = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
FILENAME_METADATA = {filename_metadata!r}
"""


class _Cases:
    """The commands of the six cases, on one working folder."""

    def __init__(self, work, corpus, corpus_2n, edited):
        self.work, self.corpus, self.corpus_2n = work, corpus, corpus_2n
        self.edited = edited  # the article the edit cases change
        self.log = work / "bench.log"
        self.env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
        self.plain_settings = work / "plain" / "settings.py"
        self.plain_settings.parent.mkdir()
        self.plain_settings.write_text(PLAIN_SETTINGS.format(filename_metadata=FILENAME_METADATA))

    def plain(self):
        output = self.work / "plain" / "output"
        shutil.rmtree(output, ignore_errors=True)
        command = [sys.executable, "-m", "pelican", str(self.corpus), "-o", str(output)]
        command += ["-s", str(self.plain_settings)]
        return _measure(command, output, self.log, self.env)

    def ours(self, folder, corpus, cold=False, edit=None):
        output = self.work / folder / "output"
        if cold:  # no output, no cache (<output's parent>/.cache)
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(output.parent / ".cache", ignore_errors=True)
        inside = self.work / "timing.json" if edit else None
        spec = {"settings": str(SETTINGS), "output": str(output), "content": str(corpus)}
        if edit:
            spec.update(edit=edit, timing=str(inside))
        command = [sys.executable, "-m", "newsroom.bench", "build", json.dumps(spec)]
        return _measure(command, output, self.log, self.env, inside)

    def run(self, case, round_):
        if case == "a":
            return self.plain()
        if case in ("b", "c"):
            return self.ours("ours", self.corpus, cold=case == "b")
        if case == "d":
            edit = {"path": str(self.edited), "body": f"An editor added this sentence ({round_})."}
            return self.ours("ours", self.corpus, edit=edit)
        if case == "e":
            edit = {"path": str(self.edited), "title": f"A new headline, version {round_}"}
            return self.ours("ours", self.corpus, edit=edit)
        return self.ours("ours-2n", self.corpus_2n, cold=True)


def _child_build(spec):
    """In the timed process: build, after an edit when asked. With an edit the
    process first builds with a live.Session, as `invoke serve` does when it
    starts (not timed); then the clock runs from the save to the end of
    `Session.update()`, which rewrites the story or builds in full."""
    from newsroom.build import build
    from newsroom.live import Session

    edit = spec.get("edit")
    overrides = {"PATH": spec["content"]}
    if not edit:
        build(spec["settings"], output=spec["output"], overrides=overrides)
        return
    session = Session(spec["settings"], spec["output"], overrides)
    session.build()
    session.settle()
    started, cpu = time.perf_counter(), _session_cpu(session)
    path = Path(edit["path"])
    text = path.read_text(encoding="utf-8")
    if "body" in edit:
        text = text.rstrip("\n") + f"\n\n{edit['body']}\n"
    else:
        text = re.sub(r"(?m)^Title: .*$", f"Title: {edit['title']}", text, count=1)
    path.write_text(text, encoding="utf-8")
    how = session.update()
    timing = {"wall": time.perf_counter() - started, "cpu": _session_cpu(session) - cpu, "how": how}
    session.settle()  # not in the figure: the page has reloaded
    timing["search_refreshed"] = time.perf_counter() - started
    session.stop()
    Path(spec["timing"]).write_text(json.dumps(timing))


def _session_cpu(session):
    """CPU seconds of this process, its ended children and the session's
    runs that are still alive (getrusage counts a child once it has ended)."""
    ticks = os.sysconf("SC_CLK_TCK")
    alive = 0
    for process, _ in session.workers.values():
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        alive += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) + alive


def machine():
    """What the numbers were measured on."""
    memory = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
    versions = {name: metadata.version(name) for name in ("pelican", "markdown", "pagefind")}
    return {
        "nproc": os.cpu_count(),
        "ram_gib": round(int(memory) / 1024**2, 1),
        "python": platform.python_version(),
        **versions,
        "system": platform.platform(),
    }


def run(articles=1000, runs=3, json_path=None, seed=0, workdir=None, progress=print):
    """Generate the corpora, time every case `runs` times, write `json_path`;
    return the results (see `table`)."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    work = Path(workdir or tempfile.mkdtemp(prefix="newsroom-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        started = datetime.datetime.now(datetime.UTC)
        load = os.getloadavg()[0]
        corpora = {}
        for name, size in (("corpus", articles), ("corpus-2n", 2 * articles)):
            progress(f"Generating {size} articles per language into {work / name} …")
            corpora[name] = generate(work / name, size, seed=seed)
        edited = _edited_article(work / "corpus")
        cases = _Cases(work, work / "corpus", work / "corpus-2n", edited)
        measures = {case: [] for case in CASES}
        for round_ in range(1, runs + 1):
            for case, label in CASES.items():
                measure = cases.run(case, round_)
                measures[case].append(measure)
                progress(
                    f"[{round_}/{runs}] ({case}) {label}: {measure.wall:.2f} s, "
                    f"CPU {measure.cpu:.2f} s, {measure.peak_mib:.0f} MiB, {measure.pages} pages"
                )
        results = _results(measures, articles, runs, seed, corpora, edited, work, started)
        results["load_average"] = {"start": load, "end": os.getloadavg()[0]}
    finally:
        if not workdir:
            shutil.rmtree(work, ignore_errors=True)
    if json_path:
        json_path = Path(json_path)
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return results


def _edited_article(corpus):
    """The English version of the first story (by path) that is in every language."""
    for path in sorted((corpus / "articles").rglob("*.en.md")):
        if all(path.with_name(path.name.replace(".en.", f".{lang}.")).exists() for lang in LANGS):
            return path
    return min((corpus / "articles").rglob("*.md"))


def _results(measures, articles, runs, seed, corpora, edited, work, started):
    cases = {}
    for case, label in CASES.items():
        median = {
            key: statistics.median(getattr(m, key) for m in measures[case])
            for key in Measure.__dataclass_fields__
        }
        walls = [m.wall for m in measures[case]]
        cases[case] = {
            "label": label,
            "median": median,
            "wall_range": [min(walls), max(walls)],
            "runs": [asdict(m) for m in measures[case]],
        }
    reference = cases["a"]["median"]
    for case in cases.values():
        case["wall_vs_a"] = case["median"]["wall"] / reference["wall"]
        case["cpu_vs_a"] = case["median"]["cpu"] / reference["cpu"]
    cases["f"]["wall_vs_b"] = cases["f"]["median"]["wall"] / cases["b"]["median"]["wall"]
    cases["f"]["cpu_vs_b"] = cases["f"]["median"]["cpu"] / cases["b"]["median"]["cpu"]
    return {
        "date": started.isoformat(timespec="seconds"),
        "articles_per_language": articles,
        "runs": runs,
        "seed": seed,
        "machine": machine(),
        "corpus": corpora["corpus"],
        "corpus_2n": corpora["corpus-2n"],
        "edited": str(edited.relative_to(work)),
        "cases": cases,
    }


def table(results):
    """The results as a Markdown table (medians)."""
    lines = [
        "| case | wall s | wall min–max | CPU s | peak MiB | pages | output MB "
        "| wall × (a) | CPU × (a) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for case, data in results["cases"].items():
        m = data["median"]
        ratio = f"{data['wall_vs_a']:.2f}"
        if "wall_vs_b" in data:
            ratio += f" ({data['wall_vs_b']:.2f} × (b))"
        lines.append(
            f"| ({case}) {data['label']} | {m['wall']:.2f} | "
            f"{data['wall_range'][0]:.1f}–{data['wall_range'][1]:.1f} | {m['cpu']:.2f} | "
            f"{m['peak_mib']:.0f} | {m['pages']:.0f} | {m['size'] / 1e6:.1f} | "
            f"{ratio} | {data['cpu_vs_a']:.2f} |"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Profile


def profile(articles=1000, lang="en", top=15, seed=0, workdir=None, progress=print):
    """cProfile one language's Pelican run in a cold build of the corpus (the
    other languages run beside it, as usual); return pstats' top entries by
    cumulative time."""
    work = Path(workdir or tempfile.mkdtemp(prefix="newsroom-profile-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        progress(f"Generating {articles} articles per language into {work / 'corpus'} …")
        generate(work / "corpus", articles, seed=seed)
        stats = work / f"{lang}.prof"
        spec = {
            "settings": str(SETTINGS),
            "output": str(work / "output"),
            "content": str(work / "corpus"),
            "lang": lang,
            "stats": str(stats),
        }
        env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
        command = [sys.executable, "-m", "newsroom.bench", "profile", json.dumps(spec)]
        wall, cpu, _ = _timed(command, work / "bench.log", env)
        progress(f"Cold build under the profiler: {wall:.1f} s, CPU {cpu:.1f} s")
        text = io.StringIO()
        pstats.Stats(str(stats), stream=text).sort_stats("cumulative").print_stats(top)
        return text.getvalue()
    finally:
        if not workdir:
            shutil.rmtree(work, ignore_errors=True)


def _child_profile(spec):
    """Build, with `lang`'s forked run under cProfile (stats dumped in the child)."""
    from newsroom import build as builder

    run_language = builder._run_language

    def profiled(settings_file, overrides, *args):
        if overrides.get("DEFAULT_LANG") != spec["lang"]:
            return run_language(settings_file, overrides, *args)
        profiler = cProfile.Profile()
        try:
            return profiler.runcall(run_language, settings_file, overrides, *args)
        finally:
            profiler.dump_stats(spec["stats"])

    builder._run_language = profiled
    builder.build(spec["settings"], output=spec["output"], overrides={"PATH": spec["content"]})


if __name__ == "__main__":  # the timed processes: python -m newsroom.bench build|profile SPEC
    {"build": _child_build, "profile": _child_profile}[sys.argv[1]](json.loads(sys.argv[2]))
