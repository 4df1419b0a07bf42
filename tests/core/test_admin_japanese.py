"""The admin in Japanese is Japanese all through on our screens: an editor and a partner member
who read the admin in Japanese find our blocks, fields, snippets, workflow step, reports and
partner screens named in Japanese, and in English when they read it in English. (Wagtail's own
words come from Wagtail's catalogue and are not checked here.)"""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from wagtail.models import GroupApprovalTask, Workflow

from booking.services.jst import today
from tests.booking.admin_screens import fetch, make_screens
from workation.services.partners import TASK_NAME, WORKFLOW_NAME, ensure_editor_workflow

pytestmark = pytest.mark.django_db

# The words of a StreamField's definition that an editor reads.
BLOCK_WORDS = ("label", "description", "helpText", "groupName")

BODY_BLOCKS = [
    ("Heading", "見出し"),
    ("Level", "見出しレベル"),
    ("Paragraph", "段落"),
    ("Image", "画像"),
    ("Caption", "キャプション"),
    ("Alt text", "代替テキスト"),
    ("Quote", "引用"),
    ("Attribution", "発言者・出典"),
    ("Call to action", "ボタン付きの呼びかけ"),
    ("Url", "URL"),
    ("Label", "項目名"),
    ("Faq", "よくある質問"),
    ("Items", "質問"),
    ("Question", "質問"),
    ("Answer", "回答"),
    ("Facts", "情報リスト"),
    ("Value", "内容"),
    ("Gallery", "ギャラリー"),
    ("Images", "画像"),
    ("Body", "本文"),
]
# Per screen: (what it said in English, what it says in Japanese).
SCREENS = {
    "booking": [
        ("Offer", "販売プラン"),
        ("Created at", "予約日時"),
        ("Confirmed at", "確定日時"),
        ("Cancelled at", "キャンセル日時"),
        ("ja", "日本語"),
        ("None", "-"),
    ],
    "bookings": [("Offer", "販売プラン")],
    "offers": [("Organisation", "事業者"), ("True", "はい")],
    "offer": [("Organisation", "事業者"), ("Sort order", "表示順")],
    "consultation": [("Page", "フォーム")],
    "navigation": [("Page", "ページ")],
    "home page": [
        *BODY_BLOCKS,
        ("Hero image", "ヒーロー画像"),
        ("Pitch", "和歌山に来る理由"),
        ("Reason", "和歌山に来る理由"),
        ("Icon", "アイコン"),
        ("Title", "タイトル"),
        ("Text", "本文"),
    ],
    "area page": [
        *BODY_BLOCKS,
        ("Hero image", "ヒーロー画像"),
        ("Climate", "気候"),
        ("Highlights", "見どころ"),
        ("Highlight", "見どころ"),
        ("Latitude", "緯度"),
        ("Longitude", "経度"),
        ("Route", "アクセス経路"),
        ("Mode", "交通手段"),
        ("Minutes", "所要時間（分）"),
        ("Note", "備考"),
    ],
    "office page": [
        ("Opening hours", "営業時間"),
        ("Hours", "営業時間"),
        ("Opens", "開始時刻"),
        ("Closes", "終了時刻"),
        ("Closed", "休業"),
        ("Desk types", "デスクの種類"),
        ("Desk", "座席の種類"),
        ("Seats", "席数"),
        ("Name", "名称"),
        ("Description", "説明"),
        ("Meeting rooms", "会議室"),
        ("Room", "会議室"),
        ("Capacity", "定員"),
    ],
    "stay page": [("Room", "客室タイプ"), ("Beds", "寝具"), ("Name", "名称")],
    "plan page": [
        ("Day", "1日分の行程"),
        ("Title", "タイトル"),
        ("Summary", "概要"),
        ("Office", "オフィス"),
        ("Stay", "宿泊"),
        ("Experience", "体験"),
    ],
    "story page": [("Body", "本文")],
    "info page": [("Body", "本文")],
}
PARTNER_SCREENS = {name: SCREENS[name] for name in ("booking", "bookings", "offers", "offer")}


def words(html: str) -> set[str]:
    """What a person reads on an admin page: each piece of text, each label of a field, and the
    words of the StreamField definitions (kept as JSON in the page)."""
    page = BeautifulSoup(html, "html.parser")
    found: set[str] = set()
    for tag in page.find_all(True):
        for value in tag.attrs.values():
            if isinstance(value, str) and value.lstrip().startswith(("{", "[")):
                _block_words(_json(value), found)
    for script in page.find_all("script", type="application/json"):
        _block_words(_json(script.string or ""), found)
    for tag in page(["script", "style", "template", "svg"]):
        tag.decompose()
    found.update(" ".join(text.split()) for text in page.find_all(string=True))
    return found - {""}


def _json(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


def _block_words(data, found: set[str], key: str | None = None) -> None:
    if isinstance(data, dict):
        for name, value in data.items():
            _block_words(value, found, name)
    elif isinstance(data, list):
        for value in data:
            _block_words(value, found, key)
    elif isinstance(data, str) and key in BLOCK_WORDS:
        found.add(" ".join(data.split()))


def in_english(pairs):
    return {english for english, _japanese in pairs}


def in_japanese(pairs):
    return {japanese for _english, japanese in pairs}


@pytest.fixture
def screens(home, django_user_model):
    return make_screens(home, django_user_model)


def test_an_editor_reads_our_screens_in_japanese(client, screens):
    screens.read_in("ja")
    client.force_login(screens.editor)
    wrong = {}
    for name, pairs in SCREENS.items():
        seen = words(fetch(client, screens.urls[name]))
        english, missing = in_english(pairs) & seen, in_japanese(pairs) - seen
        if english or missing:
            wrong[name] = {"English": sorted(english), "no Japanese": sorted(missing)}
    assert wrong == {}


def test_a_partner_reads_its_screens_in_japanese(client, screens):
    screens.read_in("ja")
    client.force_login(screens.partner)
    wrong = {}
    for name, pairs in PARTNER_SCREENS.items():
        seen = words(fetch(client, screens.partner_urls[name]))
        english, missing = in_english(pairs) & seen, in_japanese(pairs) - seen
        if english or missing:
            wrong[name] = {"English": sorted(english), "no Japanese": sorted(missing)}
    assert wrong == {}


def test_an_editor_who_reads_english_finds_the_same_labels_in_english(client, screens):
    screens.read_in("en")
    client.force_login(screens.editor)
    expected = {
        "booking": {"Offer", "Booked at", "Confirmed at", "Cancelled at", "日本語"},
        "offers": {"Organisation", "On sale", "Yes"},
        "home page": {"Caption", "Alt text", "Call to action", "FAQ", "Reason to come"},
        "office page": {"Opening hours", "Opens", "Desk type", "Meeting room"},
        "plan page": {"Day", "Summary"},
    }
    for name, labels in expected.items():
        assert labels <= words(fetch(client, screens.urls[name])), name


def test_the_report_and_its_export_are_in_japanese(client, screens):
    screens.read_in("ja")
    client.force_login(screens.editor)
    # The period holding the screens' booking (ten days ahead), whatever day the suite runs on.
    ahead = today() + timedelta(days=10)
    period = f"date_from={ahead.replace(day=1).isoformat()}&date_to={ahead.isoformat()}"
    seen = words(fetch(client, f"{screens.urls['reports']}?{period}"))
    assert {"予約レポート", "月", "売上（円・税込）"} <= seen
    assert not {"Bookings report", "Month", "Revenue (yen, tax incl.)"} & seen
    headings = fetch(client, f"{screens.urls['reports']}?{period}&format=csv").lstrip("\ufeff")
    assert headings.splitlines()[0].startswith("月,エリア,種類,予約数")


def test_the_editors_workflow_step_is_named_in_both_languages(client, screens):
    screens.read_in("ja")
    client.force_login(screens.editor)
    page = fetch(client, screens.urls["story page"])
    assert f"{WORKFLOW_NAME}に提出する" in words(page)
    assert "Editor approvalに提出する" not in words(page)
    assert Workflow.objects.get(name=WORKFLOW_NAME).tasks.get().name == TASK_NAME


def test_an_english_only_workflow_from_before_is_renamed_not_doubled(db):
    old = Workflow.objects.create(name="Editor approval", active=True)
    GroupApprovalTask.objects.create(name="Editors review")
    workflow = ensure_editor_workflow()
    assert workflow.pk == old.pk
    assert workflow.name == WORKFLOW_NAME
    ours = GroupApprovalTask.objects.filter(name__in=[TASK_NAME, "Editors review"])
    assert list(ours.values_list("name", flat=True)) == [TASK_NAME]
