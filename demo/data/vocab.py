"""Snippet vocabularies: amenities (by icon), experience categories and languages."""

from demo.text import T

# (icon slug, kind, name); the icon slug is the amenity's stable key.
AMENITIES: list[tuple[str, str, T]] = [
    ("wifi", "work", T("高速Wi-Fi", "Fast Wi-Fi")),
    ("quiet", "work", T("静かな集中スペース", "Quiet focus area")),
    ("booth", "work", T("オンライン会議ブース", "Call booth")),
    ("desk", "work", T("固定デスク", "Dedicated desk")),
    ("meeting", "work", T("会議室", "Meeting room")),
    ("printer", "work", T("プリンター・スキャナー", "Printer and scanner")),
    ("coffee", "facility", T("コーヒー・お茶", "Coffee and tea")),
    ("locker", "facility", T("ロッカー", "Lockers")),
    ("shower", "facility", T("シャワー", "Shower")),
    ("kitchen", "facility", T("共用キッチン", "Shared kitchen")),
    ("laundry", "facility", T("ランドリー", "Laundry")),
    ("onsen", "facility", T("温泉", "Hot spring (onsen)")),
    ("parking", "access", T("駐車場", "Parking")),
    ("bike", "access", T("レンタサイクル", "Bicycle hire")),
    ("pickup", "access", T("駅・空港送迎", "Station or airport pick-up")),
]

# (slug, name)
CATEGORIES: list[tuple[str, T]] = [
    ("farm", T("農業体験", "Farm experience")),
    ("fishing", T("釣り・漁業体験", "Fishing")),
    ("trail", T("古道ウォーク", "Trail walk")),
    ("volunteer", T("地域貢献", "Volunteering")),
    ("temple", T("寺院体験", "Temple experience")),
    ("food", T("食・料理", "Food and cooking")),
    ("marine", T("マリンアクティビティ", "Marine activity")),
]

# (code, name in itself); not translatable.
LANGUAGES: list[tuple[str, str]] = [
    ("ja", "日本語"),
    ("en", "English"),
    ("zh", "中文"),
    ("ko", "한국어"),
]
