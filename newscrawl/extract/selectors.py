"""Every XPath and name list the extraction stages use, in one place."""

from __future__ import annotations

# JSON-LD
JSONLD_SCRIPTS = '//script[@type="application/ld+json" or @type="application/json+ld"]'
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "satiricalarticle",
        "posting",
    }
)
# a page's own node, which may name the page's author
PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "profilepage", "collectionpage"})
PUBLISHER_TYPES = frozenset({"organization", "newsmediaorganization", "website", "corporation"})

# <meta> names/properties, lowercased, in precedence order within the meta layer
META_TITLE = ("og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title")
META_DESCRIPTION = (
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
    "dcterms.description",
)
META_AUTHOR = (
    "article:author",
    "author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
)
CITED_AUTHORS = (
    '//meta[@itemprop="author"][ancestor::*[@itemscope][1]'
    '[@itemprop="citation" or @itemprop="review" or @itemprop="comment"]]/@content'
)
# the label of a "twitter:labelN"/"twitter:dataN" pair that names the author (casefolded)
WRITTEN_BY_LABELS = frozenset(
    {"written by", "verfasst von", "geschrieben von", "écrit par", "escrito por", "scritto da",
     "geschreven door", "author", "autor", "autorin", "auteur"}
)  # fmt: skip
META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
META_MODIFIED = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
)
META_SECTION = ("article:section", "parsely-section", "section")
META_TAGS = ("article:tag", "parsely-tags", "news_keywords", "keywords")
META_LANGUAGE = ("og:locale", "dc.language", "dcterms.language", "content-language", "language")
META_IMAGE = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
)
META_URL = ("og:url",)
META_SITE_NAME = ("og:site_name", "application-name", "publisher", "dc.publisher")

METAS = "//meta"
CANONICAL = (
    '//link[contains(concat(" ", normalize-space(translate(@rel, "CANONICAL", "canonical")), " "),'
    ' " canonical ")]/@href'
)
IMAGE_SRC = '//link[@rel="image_src"]/@href'
HTML_LANG = "/html/@lang | /html/@xml:lang"
TITLE = "//head/title"
# where the parser put a <title> that came after other markup in the head
TITLE_ANYWHERE = "//title[not(ancestor::svg)]"

# page heuristics
ARTICLE_SCOPE = "//article | //*[@itemtype and contains(@itemtype, 'Article')] | //main"
H1 = ".//h1"
TIME = ".//time[@datetime]"
# a <time> that says it is the publication's, not an update's
TIME_PUBLISHED = (
    './/time[@datetime][@itemprop="datePublished" or @pubdate'
    ' or contains(translate(@class, "PUBLISHED", "published"), "publish")'
    ' or contains(@class, "pubdate")'
    ' or ancestor::*[contains(translate(@class, "PUBLISHED", "published"), "publish")]]'
)
_CLASS = 'translate(@class, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")'
# bylines: rel/itemprop author, and elements whose class names an author or a byline,
# but not a comment's author, a widget's, an avatar or an author's biography. What an
# element is on its own is one condition (one pass over the tree; ``BYLINE_SELF`` tests a
# single element); a name inside an author element needs that element too.
# schema.org Person microdata ("<span itemscope itemtype=https://schema.org/Person>"), but
# not a person a paragraph of the text mentions
PERSON_TYPE = "schema.org/Person"
_PERSON = f'contains(@itemtype, "{PERSON_TYPE}") and not(ancestor::p)'
_BYLINE_ITSELF = (
    '@rel="author"'
    f' or (@itemprop="author" or {_PERSON}) and not(.//*[@itemprop="name"])'
    f' or @class and (contains({_CLASS}, "byline")'
    f' or (contains({_CLASS}, "author") or contains({_CLASS}, "autor")'
    f' or contains({_CLASS}, "auteur")) and not(self::img or self::figure or self::body'
    " or self::article or self::main or self::section)"
    f' and not(contains({_CLASS}, "avatar") or contains({_CLASS}, "bio")'
    f' or contains({_CLASS}, "image") or contains({_CLASS}, "img")'
    f' or contains({_CLASS}, "photo") or contains({_CLASS}, "desc")))'
)
# one element below the root is a byline (an ancestor below the root element counts); the
# elements to test are those BYLINE_CANDIDATES finds and whose class, if that is what
# they have, matches BYLINE_CLASS_HINT (case-insensitive): a cheap pass over the page
BYLINE = (
    f"self::*[{_BYLINE_ITSELF}"
    f' or @itemprop="name" and ancestor::*[parent::*][@itemprop="author" or ({_PERSON})]'
    f' or @class and contains({_CLASS}, "username")'
    f' and ancestor::*[parent::*][contains({_CLASS}, "submitted")]]'
)
BYLINE_CANDIDATES = (
    '/*//*[@class or @rel="author" or @itemprop="author" or @itemprop="name" or @itemtype]'
)
# links to an author's page ("/author/ana-ruiz/", "/autoren/ana-ruiz"): WordPress and
# many other systems give every writer one
AUTHOR_LINKS = '//a[contains(@href, "/aut")]'
AUTHOR_PAGE = r"/(?:author|autor|authors|autoren|auteur|autores)/"
# an element that is only a byline's label ("Autor:", "Author", "Von:"), the name after it
_LABELS = " autor autorin autoren author authors auteur auteurs writtenby verfasstvon von by text "
BYLINE_LABELS = (
    ".//*[not(*)][string-length(normalize-space()) < 16][contains("
    f'"{_LABELS}", concat(" ", translate(normalize-space(),'
    ' "ABCDEFGHIJKLMNOPQRSTUVWXYZ:() ", "abcdefghijklmnopqrstuvwxyz"), " "))]'
)
BYLINE_CLASS_HINT = r"byline|auth?or|auteur|username"
BYLINE_SELF = f"self::*[{_BYLINE_ITSELF}]"
# where a byline is not the article's (``bylines.outside_article``): an element, or
# one around it (not <body>/<html>), whose class (ASCII letters lowercased) starts a
# class name with one of NOT_BYLINE_CLASS_STARTS or holds one of NOT_BYLINE_CLASS_PARTS;
# or an <aside>, a <nav>, a <footer> outside any <article> around it
NOT_BYLINE_CLASS_STARTS = (" comment", " sidebar", " related", " respond")
NOT_BYLINE_CLASS_PARTS = ("-comment", "_comment", "comment-respond", "leserbrief", "leserkommentar")
NOT_BYLINE_CONTAINERS = frozenset({"aside", "nav"})

# main content: figures to restore around images trafilatura kept bare
FIGURES = "//figure[.//img and .//figcaption]"
# images that may belong to the article: not in the page's header, navigation or footer
CONTENT_IMAGES = (
    "//img[not(ancestor::header or ancestor::nav or ancestor::footer or ancestor::aside"
    " or ancestor::form)]"
)
# tables used for page layout: a cell holds a heading or several paragraphs
LAYOUT_TABLES = "//table[.//td[.//h1 or .//h2 or count(.//p) >= 3]][not(ancestor::table)]"

# Trailing boilerplate that trafilatura lets through at the end of a body, by how the block
# starts (casefolded). A section starter cuts itself and everything after it; a credit line
# is removed on its own. Checked on the 990-page dev set (see quality/).
TAIL_SECTION_STARTERS = (
    # English
    "related", "read more", "read also", "also read", "more from", "more on this",
    "more stories", "more news", "you may also like", "you might also like", "recommended",
    "further reading", "see also", "sign up for", "subscribe to", "newsletter", "share this",
    "share:", "comments", "leave a comment", "leave a reply", "tags:", "filed under",
    "we want to hear what you think", "if you enjoyed reading", "while you are here",
    # German
    "auch interessant", "das könnte sie auch interessieren", "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren", "diese artikel könnten dich",
    "mehr zum thema", "weitere themen", "weitere artikel", "weitere tourentipps", "weiterlesen",
    "lesen sie auch", "lesen sie mehr", "empfohlene beiträge", "ähnliche beiträge",
    "ähnliche artikel", "kommentare", "keine kommentare", "schlagworte", "mehr lesen",
    "verraten sie gerne in den kommentaren", "vorschau auf den nächsten artikel",
    # French, Spanish, Italian, Polish, Portuguese
    "lire aussi", "à lire aussi", "a lire aussi", "sur le même sujet", "voir aussi",
    "commentaires", "abonnez-vous", "leer más", "lee también", "te puede interesar",
    "también te puede interesar", "noticias relacionadas", "comentarios", "leggi anche",
    "potrebbe interessarti", "commenti", "zobacz też", "zobacz także", "czytaj też",
    "czytaj także", "polecamy", "komentarze", "leia também", "veja também",
    "lesen sie hier", "mehr dazu", "teilen mit", "teilen sie dies mit", "gefällt mir",
    "dowiedz się więcej", "czytaj więcej", "[czytaj więcej]", "pour lire la suite",
    "pour accéder", "continue reading", "sign up to", "get our", "click here to",
    "other headlines", "more headlines", "top stories", "most read", "most popular",
    "latest news", "trending", "meistgelesen", "neueste artikel", "top-artikel",
)  # fmt: skip
# Interface words that are a whole block on their own (casefolded), anywhere in the body.
UI_LINES = frozenset(
    {
        "previous", "next", "prev", "advertisement", "anzeige", "werbung", "publicité",
        "publicidad", "reklama", "load more", "show more", "mehr anzeigen", "weiter",
        "zurück", "close", "schließen", "fermer", "share", "teilen", "partager", "compartir",
        "print", "drucken", "imprimer", "email", "e-mail", "tweet", "pin it", "whatsapp",
    }
)  # fmt: skip
TAIL_CREDIT_LINES = (
    "photo:", "photos:", "image:", "images:", "top image:", "picture:", "foto:", "fotos:",
    "titelbild:", "beitragsbild:", "bildquelle:", "bild:", "quelle:", "copyright", "©",
    "(c)", "all rights reserved", "crédits photo", "crédit photo", "our standards:",
    "back to top", "zurück nach oben", "nach oben", "advertisement", "anzeige",
)  # fmt: skip
# Lines at the start of a body that are page furniture, by how they start (casefolded).
HEAD_LINES = (
    "kategorie:", "category:", "categories:", "rubrik:", "published", "updated", "posted",
    "veröffentlicht", "veröffentlichung:", "aktualisiert", "stand:", "publié", "mis à jour",
    "publicado", "actualizado", "zurück", "back to", "anzeige", "werbung", "*werbung",
    "advertisement", "sponsored", "this post contains", "this article contains",
    "this page contains", "we recommend the best products", "disclosure:", "lesezeit",
    "reading time", "min read", "dołącz do dyskusji", "join the discussion",
)  # fmt: skip
# A photo credit inside a short block marks it as a caption.
CREDIT = (
    r"(?:©|\((?:c|C)\)|\b(?:Foto|Fotos|Photo|Photos|Bild|Image|Credit|Crédit|Crédits|Fot\.)\s*:)"
)
# a line holding only a date or time ("23.10.2018", "12:30 Uhr")
DATE_ONLY = r"[\d\s./:,-]*\d[\d\s./:,-]*(?:uhr|am|pm|h)?"
# a gallery's slide counter ("3 / 14", "3 of 14")
COUNTER = r"\d{1,3}\s*(?:/|of|von|de|sur|z)\s*\d{1,3}"
# how a byline starts
BYLINE_START = r"^\s*(by|von|par|por|di|door|av|af)\s"
# short lines after the first <h1> that may hold a byline in plain text
AFTER_H1_LINES = (
    "(//h1)[1]/following::*[self::p or self::div or self::span or self::address]"
    "[not(*[self::p or self::div])]"
)
# "Written by Ana Ruiz | Published: 3 March" -> "Ana Ruiz"
BYLINE_TEXT = (
    r"^\s*(?:(?:written by|posted by|reported by|words by|by):?|(?:(?:ein\s+(?:artikel|beitrag)"
    r"|text|gastbeitrag)\s+)?von|text:|autor(?:in)?:|author:|par|por)\s+(.+)"
)
BYLINE_END = (
    r"\s*(?:[|·•,/]|\s[-–—]\s|\S+@\S+|\d"
    r"|\b(?:published|updated|posted|on|last|at|am|um|le|el|veröffentlicht|aktualisiert"
    r"|lesezeit|reading|kategorien?|categories|publicado|publié"
    r"|jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|juni"
    r"|july|juli|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?|dez(?:ember)?)\b)"
)

# Authors. What may stand before a name in a byline ("Posted by", "Veröffentlicht von",
# "View all posts by", "Autorin:"), case-insensitive; a word that ends in a preposition
# may run into the name ("Veröffentlicht vonChris Jung").
AUTHOR_PREFIX = (
    r"^(?:(?:(?:view|see|show)\s+all\s+(?:posts|articles|stories)|(?:all|more)\s+(?:posts|"
    r"articles|stories)|posted|written|reported|words|story|text|published|eingestellt|zeige\s+alle"
    r"\s+beiträge|alle\s+beiträge|alles|mehr|(?:ein\s+)?(?:blog\s*|gast)?beitrag|(?:ein\s+)?artikel|"
    r"pressemitteilung|"
    r"veröffentlicht|geschrieben|verfasst|erstellt|publié|écrit|publicado|escrito|scritto|"
    r"pubblicato)\s+(?:by|von|vom|par|por|da|di)(?:\s+|(?=(?-i:[A-ZÀ-Þ])))"
    r"|(?:by|von|vom|par|por|door|av|af)(?:\s+(?=\S)|(?=(?-i:[A-ZÀ-Þ])))"
    r"|(?:autor(?:in)?|author|authors)(?:\s+|(?=(?-i:[A-ZÀ-Þ])))(?=(?-i:[A-ZÀ-Þ]))"
    r"|(?:autor(?:in|/in)?|author|authors|redaktion|redakteur(?:in)?|text|texte|interview|"
    r"reporter|reporting|auteur|autore)\s*:\s*)"
)
# Where a name ends in a byline: a separator, a date, "Published"/"Updated", a list link.
AUTHOR_END = (
    r"\s*(?:[|·•]|\s[-–—]\s|\s[-–—]$|\s/\s|,\s*(?:\d|updated|published|aktualisiert)"
    r"|\b(?:published|updated|posted|veröffentlicht|aktualisiert|alle\s+artikel|all\s+articles"
    r"|all\s+posts|tags|shares|follow|folgen|mehr\s+von|more\s+from|lesezeit|reading\s+time"
    r"|weitere\s+beiträge|alle\s+beiträge|more\s+posts)\b"
    r"|\b(?:foto|fotos|photo|photos|bild|bilder|image|images|illustration)\s*:"
    r"|\s(?:for|für|pour|para|per)\s"
    r"|\b(?:am|on|le|el|um)\s+\d)"
)
# a word that makes a name a desk or a team ("Redaktion Haus.de", "Online-Redaktion")
DESK_WORDS = frozenset(
    {"redaktion", "onlineredaktion", "newsdesk", "webteam", "staff", "editorial", "editors",
     "desk", "newsroom", "agencies", "agenturen", "marketing", "communications", "redakcja",
     "redacción", "rédaction", "redazione",
     "kommunikation", "öffentlichkeitsarbeit", "pressestelle", "pressesprecher"}
)  # fmt: skip
# small words that may stand lowercase inside a name ("Ursula von der Leyen")
NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "dos",
     "das", "zu", "zum", "bin", "al", "el", "y", "e", "ten", "ter", "af", "av"}
)  # fmt: skip
# Names that are a desk, a role or interface text, never a person (compared casefolded,
# letters and digits only).
NOT_AUTHORS = frozenset(
    {
        "redaktion", "dieredaktion", "onlineredaktion", "redaktiononline", "editorial",
        "editorialteam", "editorialstaff", "theeditors", "editors", "editor", "staff",
        "staffwriter", "staffreport", "newsdesk", "webdesk", "desk", "newsroom", "agencies",
        "agency", "agenturen", "admin", "administrator", "webmaster", "wordpressadmin",
        "noauthor", "unknown", "anonymous", "guest", "gast", "sponsoredcontent",
        "sponsored", "gesponserteinhalte", "anzeige", "advertisement", "werbung",
        "partnercontent", "brandedcontent", "viewarchive", "archivanzeigen", "readmore",
        "weiterlesen", "profile", "profil", "author", "autor", "autorin", "authors",
        "by", "von", "vom", "par", "por", "über", "about", "mehr", "more", "und", "and",
        "weiterebeiträge", "moreposts", "community", "follow", "folgen", "contact",
        "allebeiträge", "text", "datum", "date", "quelle", "source", "foto", "fotos",
        # social networks: the links beside an author's name
        "twitter", "facebook", "instagram", "linkedin", "xing", "youtube", "tiktok",
        "mastodon", "threads", "bluesky", "rss", "mail", "seguir", "suivre", "segui",
        "obserwuj", "abonnieren", "subscribe",
    }
)  # fmt: skip

# A block that is only a related-links lead-in ("Auch interessant:", "NOTAS RELACIONADAS",
# "Schon gelesen?", "Top-Themen bei Site"), case-insensitive, the whole block: one of the
# first phrases alone, or one of the others and at most four words (a site's name, "aus
# der Kolumne"); punctuation after it.
_LEADIN_ALONE = (
    r"related(?:\s+(?:stories|articles|posts|news|content|coverage|reading|links))?"
    r"|recommended(?:\s+(?:for\s+you|stories|articles|reading))?|see\s+also"
    r"|further\s+reading|don'?t\s+miss|most\s+(?:read|popular)|top\s+stories|trending"
    r"|weiterlesen|meistgelesen|polecamy|saiba\s+mais"
)
_LEADIN_THEN_WORDS = (
    r"read\s+(?:more|also|next)|also\s+read|more\s+(?:stories|news|articles|from)"
    r"|you\s+(?:may|might)\s+also\s+like"
    r"|auch\s+interessant|auch\s+auf|auch\s+lesen|das\s+könnte\s+(?:sie|dich)\s+auch"
    r"|lesen\s+sie\s+(?:auch|mehr|hier)|schon\s+gelesen|zum\s+weiterlesen"
    r"|mehr\s+(?:zum\s+thema|themen|dazu|lesen)"
    r"|weitere\s+(?:aktuelle\s+)?(?:themen|artikel|beiträge|meldungen|nachrichten|news)"
    r"|ähnliche\s+(?:artikel|beiträge|themen)|top-themen|empfohlene\s+artikel"
    r"|vorschau\s+auf\s+den\s+nächsten\s+artikel"
    r"|(?:notas|noticias|artículos|articulos|contenidos?|temas)\s+relacionad[oa]s"
    r"|contenido\s+relacionado|lea\s+(?:también|tambien|más|mas)|lee\s+también"
    r"|(?:también\s+)?te\s+puede\s+interesar|le\s+puede\s+interesar"
    r"|más\s+noticias|más\s+sobre|lo\s+más\s+leído|vea\s+también|mira\s+también"
    r"|(?:à|a)\s+lire\s+(?:aussi|également)|lire\s+aussi|sur\s+le\s+même\s+sujet|voir\s+aussi"
    r"|leggi\s+anche|potrebbe\s+interessarti|articoli\s+correlati"
    r"|czytaj\s+(?:też|także|również)|zobacz\s+(?:też|także|również)"
    r"|leia\s+também|veja\s+também"
)
RELATED_LEADIN = (
    rf"^(?:(?:{_LEADIN_ALONE})|(?:{_LEADIN_THEN_WORDS})(?:\s+\S+){{0,4}}?)\s*[:?!.»›>]*$"
)
# An element of the page whose class or id (lowercased) marks a box that is not the
# article's text: a newsletter sign-up, related links, sharing buttons, a paywall, an
# advertising disclosure or disclaimer, a picture credit. ``BOILERPLATE_STEMS`` finds the
# candidates among the page's class and id values (plain substring search, cheap),
# ``BOILERPLATE_CLASS`` tests each as a whole part of a class or id name.
CLASS_AND_ID_VALUES = "//@class | //@id"
BOILERPLATE_STEMS = ("newsletter", "related", "shar", "paywall", "disclosure", "cta", "subscri",
                     "signup", "social", "author", "disclaimer", "credit")  # fmt: skip
BOILERPLATE_CLASS = (
    r"(?:^|[\s_-])(?:newsletter|related|sharedaddy|share|sharing|paywall|disclosure|cta"
    r"|subscribe|subscription|signup|social|author-?bio|about-?(?:the-?)?author"
    r"|disclaimer|credits?)"
    r"(?:$|[\s_-])"
)
# A short block near the end of the body that asks the reader to subscribe, sign up,
# follow the site or support it, or states the site's copyright (searched, casefolded):
# the imperative or the fixed formula addressed to the reader, never the bare word
# ("subscribers" is news, "residents can sign up for alerts" is content); a copyright
# formula only where the block starts with it (an article may explain "all rights
# reserved").
CALL_TO_ACTION = "|".join(
    (
        # English
        r"please\s+subscribe|subscribe\s+(?:now|today|here)|already\s+a\s+subscriber",
        r"subscribe\s+to\s+(?:our|my)\s|sign(?:ing)?\s+up\s+(?:for|to)\s+(?:our|my)\s",
        r"sign\s+up\s+(?:here|now|today)|follow\s+us\s+on\s|follow\s+\w+(?:\s+\w+)?\s+on\s+twitter",
        r"download\s+(?:the|our)\s+.{0,40}\bapps?\b|support(?:ing)?\s+our\s+(?:work|journalism)",
        # German
        r"jetzt\s+abonnieren|newsletter\s+abonnieren|abonnieren\s+sie|folgen\s+sie\s+uns\s+auf",
        r"folge\s+uns\s+auf|mit\s+unserem\s+newsletter|in\s+deinen\s+posteingang",
        r"unterstütze[n]?\s+(?:sie\s+)?uns\b|jetzt\s+unterstützen",
        # Spanish, French, Italian, Polish
        r"s[ií]guenos|suscr[ií]bete|[uú]nete\s+(?:a\s+nuestr|desde|al\s+canal|gratis)",
        r"hazte\s+(?:miembro|socio)|nuestro\s+canal\s+de\s+(?:youtube|telegram|whatsapp)",
        r"abonnez-vous|suivez-nous|inscrivez-vous|pour\s+lire\s+la\s+suite",
        r"iscriviti|seguici\s+su|abbonati\s+(?:ora|a)\s",
        r"obserwuj\s+nas|wesprzyj\s+nas|zapraszamy\s+(?:też\s+)?do\s+subskrypcji",
        # copyright, at the block's start
        r"^(?:©|\(c\)\s|copyright\b|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten"
        r"|todos\s+los\s+derechos\s+reservados|tous\s+droits\s+réservés"
        r"|tutti\s+i\s+diritti\s+riservati|materiał\s+chroniony\s+prawem\s+autorskim)",
    )
)
# The few prompts that are never an article's words, wherever they stand in the body: a
# paywall's "please subscribe" / "to view the full story", a newsletter sign-up in the
# first person plural, a donation appeal.
READER_PROMPT = (
    r"please\s+subscribe|already\s+a\s+subscriber|to\s+(?:view|read)\s+the\s+(?:full|whole)"
    r"\s+(?:story|article)|sign(?:ing)?\s+up\s+(?:for|to)\s+our\s+(?:\w+\s+)?newsletter"
    r"|abonnieren\s+sie\s+(?:jetzt\s+)?(?:unseren|den|unser)\s|pour\s+lire\s+la\s+suite"
    r"|wesprzyj\s+nas"
)
# The standfirst (lede, teaser, "chapo") under an article's headline, by the class or id
# the page gives it (searched in the lowercased class and id values, joined by NUL): one of
# the names as a whole part of a name ("article-lead", "ts-intro", "teaser-text",
# "field--summary"), or written on to a word before it ("documentDescription", "cssIntro").
# "sapo", "kicker" and "subhead" are left out: a portal's name, the label above a headline,
# a heading inside the text.
LEDE_CLASS = (
    r"(?:^|[\0\s_-]|[a-z](?=description|teaser|intro|lead))"
    r"(?:lead|lede|intro|teaser|excerpt|chapo|chapeau|standfirst|summary|abstract|deck|dek"
    r"|subtitle|subheadline|sub-headline|preface|description|perex|entradilla|bajada)"
    r"(?=$|[\0\s_-]|text|copy)"
)
# ... but not one whose own class or id names a caption, a picture's or video's text, a
# credit, an author's box, metadata or a card (another article's teaser)
NOT_LEDE_CLASS = (
    r"im(?:a?ge?)|photo|foto|bild|caption|legend|credit|video|galler|media|thumb|author"
    r"|meta|card"
)
