"""Japanese in Latin letters (Hepburn, without macrons): names and addresses for English pages
and readable ASCII slugs for page URLs.

SudachiPy (with its core dictionary, shipped as a package: nothing is fetched) splits the text
into words and gives each its reading in katakana; a small table turns the readings into Hepburn.
Long vowels are written once (Kishū → Kishu), as on passports and most English signs. Latin
letters and digits are kept as written; a character with no known reading is left out.
"""

import re
import threading
import unicodedata
from functools import cache, lru_cache

from django.utils.text import slugify
from sudachipy import Dictionary, SplitMode, Tokenizer

# Hiragana, katakana (with the long-vowel mark), CJK ideographs and the iteration marks.
JAPANESE = re.compile(
    r"[\u3005\u3006\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
# Words written after their place name with a hyphen: Wakayama-ken, Shirahama-cho.
ADMINISTRATIVE = frozenset("都道府県郡市区町村")
# Particles read otherwise than written.
PARTICLES = {"は": "wa", "へ": "e", "を": "o"}
# Japanese punctuation as its Latin counterpart; NFKC handles full-width forms.
PUNCTUATION = str.maketrans(
    {"「": '"', "」": '"', "『": '"', "』": '"', "、": ",", "。": ".", "〜": "~"}
)
# Punctuation that sticks to the word before it, to the word after it, or to both.
GLUE_LEFT = frozenset(",.!?:;)]}%")
GLUE_RIGHT = frozenset("([{#$")
GLUE_BOTH = frozenset("-/&'+=_~@")
SLUG_LENGTH = 80
JAPANESE_LANGUAGE = "ja"

DIGRAPHS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "シャ": "sha", "シュ": "shu", "ショ": "sho", "シェ": "she", "ジャ": "ja", "ジュ": "ju",
    "ジョ": "jo", "ジェ": "je", "チャ": "cha", "チュ": "chu", "チョ": "cho", "チェ": "che",
    "ヂャ": "ja", "ヂュ": "ju", "ヂョ": "jo", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo",
    "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ファ": "fa", "フィ": "fi", "フェ": "fe",
    "フォ": "fo", "フュ": "fyu", "ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du",
    "テュ": "tyu", "デュ": "dyu", "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ヴァ": "va",
    "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo", "ツァ": "tsa", "ツィ": "tsi", "ツェ": "tse",
    "ツォ": "tso", "イェ": "ye", "クァ": "kwa", "グァ": "gwa",
}  # fmt: skip
SYLLABLES = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロ"
        "ワヰヱヲンガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴァィゥェォャュョヮヵヶ",
        "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho "
        "ma mi mu me mo ya yu yo ra ri ru re ro wa i e o n ga gi gu ge go za ji zu ze zo da ji zu "
        "de do ba bi bu be bo pa pi pu pe po vu a i u e o ya yu yo wa ka ke".split(),
        strict=True,
    )
)
VOWELS = frozenset("aeiouy")

_local = threading.local()


def in_language(japanese: str, english: str, language: str) -> str:
    """Text for a reader of `language`: Japanese readers get the Japanese; others its English
    form when one is given, else the Japanese romanised."""
    if (language or JAPANESE_LANGUAGE).split("-")[0] == JAPANESE_LANGUAGE:
        return japanese
    return english or romanise(japanese)


def romanise(text: str) -> str:
    """`text` in Latin letters, each word capitalised ("和歌山県白浜町" → "Wakayama-ken
    Shirahama-cho"); text without Japanese in it is returned as it is."""
    if not has_japanese(text):
        return text
    return _romanise(text)


def slugify_ja(text: str) -> str:
    """A readable ASCII slug of `text`: romanised, lower case, words (and what punctuation
    separated) joined by hyphens, cut at a word to at most 80 characters; empty when nothing in
    it can be read."""
    slug = slugify(re.sub(r"[^\w\s-]", " ", romanise(text)))
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0].strip("-")
    return slug


def has_japanese(text: str) -> bool:
    """Whether `text` has kana or kanji in it (so needs romanising for English readers)."""
    return bool(JAPANESE.search(text or ""))


@lru_cache(maxsize=2048)
def _romanise(text: str) -> str:
    """The work of `romanise`, remembered: the same names and addresses come back often."""
    pieces: list[tuple[str, str]] = []  # (text, how it joins: word, left, right, both, space)
    previous_proper = False
    prefix = ""  # a "particle" that starts a group of words begins a name (はまだ: Hamada)
    for token in _tokenizer().tokenize(unicodedata.normalize("NFKC", text)):
        surface = token.surface()
        pos = token.part_of_speech()
        if not has_japanese(surface):
            if prefix:
                pieces.append((_capitalise(prefix), "word"))
                prefix = ""
            pieces.extend(_latin_pieces(surface))
            previous_proper = False
            continue
        word = _hepburn(token.reading_form(), long_vowels=pos[0] not in ("動詞", "形容詞"))
        starts_group = not pieces or pieces[-1][1] in ("space", "right")
        if pos[0] == "助詞" and starts_group and not prefix:
            prefix = word
        elif prefix:
            pieces.append((_capitalise(prefix + word), "word"))
            prefix = ""
        elif pos[0] == "助詞":
            pieces.append((PARTICLES.get(surface, word), "word"))
        elif not starts_group and (
            pos[0] == "接尾辞" or (surface in ADMINISTRATIVE and previous_proper)
        ):
            pieces.append(("-" + word, "left"))
        elif word:
            pieces.append((_capitalise(word), "word"))
        previous_proper = pos[1] == "固有名詞"
    if prefix:
        pieces.append((_capitalise(prefix), "word"))
    return _join(pieces)


def _latin_pieces(surface: str) -> list[tuple[str, str]]:
    """Latin letters, digits, spaces and punctuation, as pieces of the result."""
    text = surface.translate(PUNCTUATION)
    if not text.strip():
        return [(" ", "space")] if text else []
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if not ascii_text.strip():
        return []
    if ascii_text in GLUE_LEFT:
        return [(ascii_text, "left")]
    if ascii_text in GLUE_RIGHT:
        return [(ascii_text, "right")]
    if ascii_text in GLUE_BOTH:
        return [(ascii_text, "both")]
    if ascii_text == '"':
        return [(ascii_text, "quote")]
    return [(ascii_text.strip(), "word")]


def _join(pieces: list[tuple[str, str]]) -> str:
    """The pieces as one line: a space between words, none where punctuation sticks."""
    out = ""
    glue_next = True
    open_quote = False
    for text, kind in pieces:
        if kind == "quote":
            kind = "left" if open_quote else "right"
            open_quote = not open_quote
        if kind == "space":
            out += " "
        elif kind in ("left", "both"):
            out = out.rstrip(" ") + text
        else:
            out += text if glue_next else " " + text
        glue_next = kind in ("right", "both")
    return re.sub(" {2,}", " ", out).strip()


def _hepburn(reading: str, *, long_vowels: bool = True) -> str:
    """A katakana (or hiragana) reading in Hepburn; long vowels written once when asked."""
    kana = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in reading)
    syllables: list[str] = []
    double_next = False
    i = 0
    while i < len(kana):
        pair = kana[i : i + 2]
        if pair in DIGRAPHS:
            syllable, i = DIGRAPHS[pair], i + 2
        elif kana[i] == "ッ":
            double_next, i = True, i + 1
            continue
        elif kana[i] == "ー":
            i += 1
            continue
        else:
            syllable, i = SYLLABLES.get(kana[i], ""), i + 1
        if not syllable:
            continue
        if double_next and syllable[0] not in VOWELS:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double_next = False
        if syllables and syllables[-1] == "n" and syllable[0] in VOWELS:
            syllables[-1] = "n'"
        syllables.append(syllable)
    word = "".join(syllables)
    if long_vowels:
        word = re.sub(r"o[ou]", "o", word)
        word = re.sub(r"(?<!ts)uu", "u", word)
    return word


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _tokenizer() -> Tokenizer:
    """This thread's tokenizer (a tokenizer is not thread-safe; the dictionary is shared)."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        tokenizer = _dictionary().tokenizer(SplitMode.A, fields={"pos", "reading_form"})
        _local.tokenizer = tokenizer
    return tokenizer


@cache
def _dictionary() -> Dictionary:
    """Sudachi's core dictionary, loaded (memory-mapped) once per process."""
    return Dictionary(dict="core")
