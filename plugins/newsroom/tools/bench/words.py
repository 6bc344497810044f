"""The synthetic corpus's words: aligned lists, one entry per word in three languages.

Entry i of a list is the same word in every language, so a story is drawn
once as indices and written out in each of its languages (corpus.py), and
translations match in structure and length. Partner names and authors are
invented; nothing here is about the real organisation.
"""

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
