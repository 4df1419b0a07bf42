"""Model plans: suggested itineraries whose days point to seeded offices, stays and experiences."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import PageRef, T, block, html

PLAN_INDEX: dict[str, Any] = {
    "slug": "plans",
    "title": T("モデルプラン", "Model plans"),
    "image": "plans-index",
    "menu": True,
    "summary": T(
        "チームの人数と目的に合わせた、ワーケーションの行程例。",
        "Sample itineraries for teams of different sizes and aims.",
    ),
    "search": T(
        "和歌山ワーケーションのモデルプラン。2泊3日、3泊4日、1泊2日の行程例と予算。",
        "Model workation itineraries in Wakayama, with budgets.",
    ),
    "fields": {
        "intro": html(
            "オフィス・宿・体験を組み合わせた行程例です。費用は1人あたりの目安（税込、往復交通費を除く）です。",
            "Itineraries combining an office, a stay and experiences. Budgets are per person, tax included, excluding the journey there and back.",
        ),
    },
}


def day(
    title: T,
    summary: T,
    office: str | None = None,
    stay: str | None = None,
    experience: str | None = None,
) -> dict[str, Any]:
    """One day of a plan."""
    ref = lambda slug: PageRef(slug) if slug else None  # noqa: E731
    return block(
        "day",
        {
            "title": title,
            "summary": summary,
            "office": ref(office),
            "stay": ref(stay),
            "experience": ref(experience),
        },
    )


PLANS: list[dict[str, Any]] = [
    {
        "slug": "shirahama-team-3-days",
        "title": T(
            "白浜 2泊3日 チームで集中する開発合宿",
            "Shirahama, 3 days / 2 nights: a focused team sprint",
        ),
        "image": "shirahama-coast",
        "summary": T(
            "羽田から1時間。空港のコワーキングで働き、温泉旅館に泊まる、5人チームの集中合宿。",
            "An hour from Haneda: a team of five works at the airport co-working space and stays in an onsen ryokan.",
        ),
        "fields": {
            "audience": T("5人前後の開発チーム", "A development team of about five"),
            "nights": 2,
            "budget_per_person": 52000,
            "intro": html(
                "初日の午後から働き始め、最終日は夕方の便で帰る、移動の負担が少ない行程です。",
                "Start work on the first afternoon and fly home on the last evening, with little time lost to travel.",
            ),
            "days": [
                day(
                    T("1日目：到着してそのまま仕事へ", "Day 1: land and start work"),
                    T(
                        "午前の便で南紀白浜へ。空港のワークラウンジでキックオフ。夜は旅館で温泉と夕食。",
                        "Morning flight to Nanki-Shirahama, kick-off in the airport work lounge, then an onsen and dinner at the ryokan.",
                    ),
                    office="shirahama-sky-desk",
                    stay="shirahama-shiosai-ryokan",
                ),
                day(
                    T("2日目：海辺のオフィスで集中", "Day 2: heads down by the sea"),
                    T(
                        "チーム個室で終日開発。夕方はみなべ・田辺方面へ足を延ばし、郷土料理づくり。",
                        "A day of development in a team room, then an evening cooking local dishes with a farming family.",
                    ),
                    office="shirahama-bayside-office",
                    stay="shirahama-shiosai-ryokan",
                    experience="cooking-with-local-family",
                ),
                day(
                    T("3日目：振り返りと帰路", "Day 3: retrospective and home"),
                    T(
                        "午前に振り返り。午後は空港のラウンジで仕事をして、夕方の便で羽田へ。",
                        "A retrospective in the morning, work at the airport lounge in the afternoon and the evening flight to Haneda.",
                    ),
                    office="shirahama-sky-desk",
                ),
            ],
        },
    },
    {
        "slug": "kumano-kodo-4-days",
        "title": T(
            "熊野古道 3泊4日 歩いて、直して、働く",
            "Kumano Kodo, 4 days / 3 nights: walk, repair, work",
        ),
        "image": "tanabe-trail",
        "summary": T(
            "田辺のコワーキングを拠点に、語り部ウォークと道普請に参加する、チームビルディング向けの行程。",
            "Based at a co-working space in Tanabe, with a guided walk and a trail-repair day — built for team building.",
        ),
        "fields": {
            "audience": T(
                "チームビルディングをしたい10人までの部署",
                "A department of up to ten that wants to build its team",
            ),
            "nights": 3,
            "budget_per_person": 68000,
            "intro": html(
                "仕事の時間を確保しながら、地域の人と一緒に汗をかく4日間です。",
                "Four days that keep proper working time and add a day of hard work alongside local people.",
            ),
            "days": [
                day(
                    T("1日目：田辺へ", "Day 1: to Tanabe"),
                    T(
                        "紀伊田辺駅前のコワーキングで午後から仕事。夕方のバスで近露の宿へ。",
                        "Work from the co-working space by Kii-Tanabe Station in the afternoon, then the evening bus up to Chikatsuyu.",
                    ),
                    office="tanabe-kumano-terrace",
                    stay="chikatsuyu-guesthouse",
                ),
                day(
                    T("2日目：語り部と古道を歩く", "Day 2: walk with a guide"),
                    T(
                        "午前は滝尻王子から古道ウォーク。午後は近露の宿で仕事。",
                        "A guided walk from Takijiri-oji in the morning, work at the Chikatsuyu guesthouse in the afternoon.",
                    ),
                    stay="chikatsuyu-guesthouse",
                    experience="kumano-kodo-guided-walk",
                ),
                day(
                    T("3日目：道普請に参加", "Day 3: repair the trail"),
                    T(
                        "午前は地域の人と道普請。午後はコワーキングで仕事。",
                        "Trail repair with local people in the morning, work in the afternoon.",
                    ),
                    office="tanabe-kumano-terrace",
                    stay="chikatsuyu-guesthouse",
                    experience="michibushin-trail-repair",
                ),
                day(
                    T("4日目：みかん畑と帰路", "Day 4: an orchard and home"),
                    T(
                        "秋津でみかん狩りをして、特急で大阪方面へ。",
                        "Mikan picking in Akizu, then the limited express towards Osaka.",
                    ),
                    experience="mikan-picking",
                ),
            ],
        },
    },
    {
        "slug": "koyasan-offsite-2-days",
        "title": T("高野山 1泊2日 宿坊オフサイト", "Koyasan, 2 days / 1 night: a temple off-site"),
        "image": "koyasan-temple",
        "summary": T(
            "なんばから1時間40分。宿坊に泊まり、朝のお勤めと写経で頭を整えてから議論する、経営合宿向けの行程。",
            "An hour and forty minutes from Namba: stay at a temple, clear your head with the morning service and sutra copying, then talk strategy.",
        ),
        "fields": {
            "audience": T(
                "経営陣・管理職の合宿（4〜12人）", "A leadership off-site (4 to 12 people)"
            ),
            "nights": 1,
            "budget_per_person": 29000,
            "intro": html(
                "静かな環境で、中長期の議論に向き合う2日間です。",
                "Two quiet days for long-term questions.",
            ),
            "days": [
                day(
                    T("1日目：山上へ", "Day 1: up the mountain"),
                    T(
                        "昼に高野山へ。午後は宿坊のワークルームで議論、夕方に奥之院を歩き、精進料理の夕食。",
                        "Arrive at noon, discuss in the temple work room, walk Okunoin at dusk and eat a shōjin dinner.",
                    ),
                    office="koyasan-temple-workroom",
                    stay="koyasan-shukubo-unkaiin",
                    experience="sutra-copying",
                ),
                day(
                    T("2日目：朝のお勤めから", "Day 2: from the morning service"),
                    T(
                        "6時のお勤めと阿字観瞑想のあと、朝食。午前中に結論をまとめて下山。",
                        "The 6:00 service and Ajikan meditation, breakfast, a morning to settle conclusions, then down the mountain.",
                    ),
                    office="koyasan-temple-workroom",
                    experience="temple-morning-prayers",
                ),
            ],
        },
    },
]
