"""Japanese in Latin letters: partners' names and addresses for English readers, and slugs."""

import threading

import pytest

from core.romaji import has_japanese, romanise, slugify_ja


@pytest.mark.parametrize(
    ("japanese", "latin"),
    [
        ("株式会社紀州みかん農園", "Kabushiki Gaisha Kishu Mikan Noen"),
        ("和歌山県西牟婁郡白浜町1234", "Wakayama-ken Nishimuro-gun Shirahama-cho 1234"),
        ("南紀白浜ワーケーションオフィス", "Nanki Shirahama Wakeshon'ofisu"),
        ("那智勝浦町の漁師体験", "Nachikatsuura-cho no Ryoshi Taiken"),
        ("串本町潮岬２８７７", "Kushimoto-cho Shionomisaki 2877"),
        ("熊野古道は世界遺産", "Kumano Kodo wa Sekai Isan"),
        (
            "〒640-0000 和歌山市小松原通1-1（架空）",
            "640-0000 Wakayama-shi Komatsubaradori 1-1 (Kaku)",
        ),
        ("キッチン付き", "Kitchin-tsuki"),
        ("秋津みかん農園 はまだ", "Akitsu Mikan Noen Hamada"),  # は here starts a name
    ],
)
def test_names_and_addresses_read_as_hepburn_words(japanese, latin):
    assert romanise(japanese) == latin


def test_latin_text_is_left_as_it_is():
    assert romanise("Kishu Mikan Farm Co., Ltd.") == "Kishu Mikan Farm Co., Ltd."
    assert romanise("") == ""


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("南紀白浜ワーケーションオフィス", "nanki-shirahama-wakeshon-ofisu"),
        ("株式会社紀州みかん農園", "kabushiki-gaisha-kishu-mikan-noen"),
        ("ワーケーション 2026年 夏", "wakeshon-2026-nen-natsu"),
        ("Café & Bar 白浜", "cafe-bar-shirahama"),
        ("Shirahama Office", "shirahama-office"),
        ("！？", ""),
    ],
)
def test_slugs_are_lower_case_ascii_words_joined_by_hyphens(title, slug):
    assert slugify_ja(title) == slug


def test_a_long_title_is_cut_at_a_word():
    slug = slugify_ja("和歌山県西牟婁郡白浜町の温泉と海と森のワーケーションオフィス")
    assert slug == "wakayama-ken-nishimuro-gun-shirahama-cho-no-onsen-to-umi-to-mori-no-wakeshon"


def test_japanese_is_told_from_latin():
    assert has_japanese("白浜") and has_japanese("カフェ") and has_japanese("みかん")
    assert not has_japanese("Shirahama 1-1") and not has_japanese("")


def test_threads_romanise_at_the_same_time():
    """Each thread gets its own tokenizer: a shared one fails under concurrent use."""
    results: list[str] = []
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                results.append(romanise(f"白浜町{n}丁目{i}番地の宿"))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 200 and all(r.startswith("Shirahama-cho") for r in results)
