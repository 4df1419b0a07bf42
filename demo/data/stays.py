"""Places to stay: a ryokan, a temple lodging, guesthouses, a farm cottage, a hotel, a lodge."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import T, block, html, image, paragraph, ul

BATH_TAX = T(
    "入湯税（1人1泊150円）が別途かかります。",
    "The bath tax of ¥150 per person per night is charged on top.",
)


def room(
    name: T, capacity: int, beds: T, price: int, text: T, priced_per: str = "room"
) -> dict[str, Any]:
    """A room-type block; its price is for the room, or for one bed ("bed") in a shared room."""
    return block(
        "room",
        {
            "name": name,
            "capacity": capacity,
            "beds": beds,
            "price_from": price,
            "priced_per": priced_per,
            "description": text,
        },
    )


def stay(partner: str, slug: str, title: T, **spec: Any) -> dict[str, Any]:
    """A stay page spec; `spec` holds the remaining keys and fields."""
    return {
        "partner": partner,
        "slug": slug,
        "title": title,
        "image": spec.pop("image"),
        "featured": spec.pop("featured", False),
        "summary": spec["summary"],
        "search": spec.pop("search", spec.pop("summary")),
        "area": spec["area"],
        "amenities": spec.pop("amenities"),
        "languages": spec.pop("languages", ["ja"]),
        "fields": {k: v for k, v in spec.items() if k != "summary"},
    }


STAYS: list[dict[str, Any]] = [
    stay(
        "shiosai-ryokan",
        "shirahama-shiosai-ryokan",
        T("潮騒の宿 しらら", "Shiosai no Yado Shirara"),
        image="shiosai-bath",
        featured=True,
        summary=T(
            "白良浜まで徒歩3分。源泉かけ流しの露天風呂と、全室に書斎机のある温泉旅館。",
            "Three minutes from Shirarahama: an onsen ryokan with open-air baths straight from the spring and a writing desk in every room.",
        ),
        area="shirahama",
        stay_type="ryokan",
        amenities=["wifi", "onsen", "desk", "laundry", "parking", "pickup"],
        languages=["ja", "en"],
        address=T("和歌山県西牟婁郡白浜町3000-1（架空）", "3000-1 Shirahama-cho (fictional)"),
        latitude="33.681200",
        longitude="135.340800",
        check_in_from="15:00",
        check_out_until="11:00",
        room_types=[
            room(
                T("和室（海側）", "Japanese room, sea side"),
                3,
                T("布団3組", "Three futons"),
                14300,
                T(
                    "1泊朝食付き・1室の料金。",
                    "With breakfast; the price is for the room.",
                ),
            ),
            room(
                T("ワーケーション和洋室", "Workation room"),
                2,
                T("シングル2台", "Two singles"),
                12100,
                T(
                    "朝食付き。27インチモニター、オフィスチェア付き。3連泊以上。",
                    "With breakfast, a 27-inch monitor and an office chair; three nights or more.",
                ),
            ),
        ],
        facilities_note=html(
            [
                "大浴場・露天風呂（15:00〜翌10:00）、貸切風呂（予約制）、コインランドリー。",
                BATH_TAX.ja,
            ],
            [
                "Large baths and open-air baths (15:00–10:00), private bath by booking, coin laundry.",
                BATH_TAX.en,
            ],
        ),
        body=[
            paragraph(
                "長期滞在のお客様向けに、朝食のみ・清掃は3日に1回のワーケーションプランをご用意しています。近くのベイサイドオフィスと提携しており、ドロップイン料金が1割引になります。",
                "For long stays we offer a workation plan with breakfast only and room cleaning every third day. We partner with the Bayside Office nearby: 10% off its drop-in rate.",
            )
        ],
        gallery=[image("shiosai-bath", T("海を望む露天風呂", "Open-air bath above the sea"))],
    ),
    stay(
        "koyasan-unkaiin",
        "koyasan-shukubo-unkaiin",
        T("宿坊 雲海院", "Unkai-in temple lodging"),
        image="unkaiin-hall",
        featured=True,
        summary=T(
            "高野山の宿坊。精進料理の二食付き、朝のお勤めに参加でき、ワークルームも使えます。",
            "A Koyasan temple lodging: two shōjin meals, the morning service and a work room.",
        ),
        area="koyasan",
        stay_type="shukubo",
        amenities=["wifi", "quiet", "desk", "parking"],
        languages=["ja", "en", "ko"],
        address=T("和歌山県伊都郡高野町高野山600（架空）", "600 Koyasan (fictional)"),
        latitude="34.214500",
        longitude="135.582000",
        check_in_from="15:00",
        check_out_until="10:00",
        room_types=[
            room(
                T("庭園側の和室", "Japanese room by the garden"),
                4,
                T("布団", "Futons"),
                13200,
                T(
                    "1泊2食（精進料理）付き・1室の料金。",
                    "With dinner and breakfast (shōjin ryōri); the price is for the room.",
                ),
            ),
            room(
                T("一人用の和室", "Single Japanese room"),
                1,
                T("布団", "Futon"),
                15400,
                T(
                    "1泊2食付き。座卓と座椅子、デスクライト付き。",
                    "With two meals, a low desk, a floor chair and a desk lamp.",
                ),
            ),
        ],
        facilities_note=ul(
            ["門限21:00", "浴場は共同（時間制）", "館内禁煙・飲酒は客室のみ"],
            [
                "Gate closes at 21:00",
                "Shared bath with set hours",
                "No smoking; alcohol in your room only",
            ],
        ),
        body=[
            paragraph(
                "お寺の一日に合わせて過ごす宿です。朝6時のお勤めは自由参加。ワークルームは宿泊者は無料で使えます。",
                "A lodging that follows the temple's day. The 6:00 service is optional; lodging guests use the work room free of charge.",
            )
        ],
    ),
    stay(
        "katsuura-minatoyado",
        "katsuura-port-guesthouse",
        T("勝浦みなと宿", "Katsuura Minato-yado"),
        image="katsuura-onsen",
        summary=T(
            "漁港の目の前のゲストハウス。1階のワークラウンジは宿泊者無料、近くに日帰り温泉。",
            "A guesthouse on the harbour: the work lounge downstairs is free for guests, with a day onsen nearby.",
        ),
        area="nachikatsuura",
        stay_type="guesthouse",
        amenities=["wifi", "kitchen", "laundry", "onsen", "bike"],
        languages=["ja", "en", "zh"],
        address=T(
            "和歌山県東牟婁郡那智勝浦町築地7-1（架空）", "7-1 Tsukiji, Nachikatsuura (fictional)"
        ),
        latitude="33.627900",
        longitude="135.944800",
        check_in_from="16:00",
        check_out_until="10:00",
        room_types=[
            room(
                T("個室（港側）", "Private room, harbour side"),
                2,
                T("二段ベッド", "Bunk bed"),
                6600,
                T("素泊まり・1室料金。", "Room only, per room."),
            ),
            room(
                T("ドミトリー", "Dormitory"),
                6,
                T("二段ベッド3台", "Three bunk beds"),
                3300,
                T("素泊まり・1ベッドの料金（相部屋）。", "Room only; the price is for one bed."),
                priced_per="bed",
            ),
        ],
        facilities_note=html(
            "共用キッチン、コインランドリー、貸し自転車（無料）。徒歩5分の日帰り温泉の割引券付き。",
            "Shared kitchen, coin laundry, free bicycles, and a discount ticket for the day onsen five minutes away.",
        ),
        body=[
            paragraph(
                "市場の朝に合わせて、朝食は6時から用意します（要予約、770円）。",
                "Breakfast is served from 6:00 to suit the market (booking needed, ¥770).",
            )
        ],
    ),
    stay(
        "takahashi-ume-farm",
        "minabe-farm-cottage",
        T("梅林のコテージ たかはし", "Takahashi plum-grove cottage"),
        image="takahashi-cottage",
        summary=T(
            "梅農家の離れを改装した一棟貸しのコテージ。ワークスペースと梅林の眺め。",
            "A farm annex converted into a whole-house cottage, with a workspace and a view over the plum groves.",
        ),
        area="minabe",
        stay_type="cottage",
        amenities=["wifi", "desk", "kitchen", "laundry", "parking", "pickup"],
        languages=["ja"],
        address=T("和歌山県日高郡みなべ町晩稲500（架空）", "500 Osine, Minabe (fictional)"),
        latitude="33.790500",
        longitude="135.345000",
        check_in_from="15:00",
        check_out_until="10:00",
        room_types=[
            room(
                T("一棟貸し", "Whole cottage"),
                5,
                T("シングル2台・布団3組", "Two singles and three futons"),
                22000,
                T(
                    "1棟あたりの素泊まり料金。連泊割引あり。",
                    "Per night for the whole cottage, room only; discounts for longer stays.",
                ),
            )
        ],
        facilities_note=html(
            "キッチン、洗濯機、ワークデスク2台、光回線。",
            "Kitchen, washing machine, two work desks and a fibre line.",
        ),
        body=[
            paragraph(
                "収穫期（6月）は梅の収穫体験とセットの予約を優先します。",
                "During the June harvest, bookings that include the harvest experience come first.",
            )
        ],
    ),
    stay(
        "kishu-workbase",
        "wakayama-workbase-hotel",
        T("ワークベース ホテル和歌山", "Workbase Hotel Wakayama"),
        image="workbase-hotel",
        featured=True,
        summary=T(
            "和歌山駅から徒歩2分。全室にワークデスクとモニター、コワーキング利用付きの出張向けホテル。",
            "Two minutes from Wakayama Station: every room has a real desk and a monitor, and co-working is included.",
        ),
        area="wakayama-city",
        stay_type="hotel",
        amenities=["wifi", "desk", "laundry", "coffee", "bike"],
        languages=["ja", "en", "zh", "ko"],
        address=T("和歌山県和歌山市美園町9-10（架空）", "9-10 Misono-cho, Wakayama (fictional)"),
        latitude="34.232400",
        longitude="135.190200",
        check_in_from="15:00",
        check_out_until="11:00",
        room_types=[
            room(
                T("ワークシングル", "Work single"),
                1,
                T("セミダブル1台", "One small double"),
                8800,
                T(
                    "素泊まり。駅前コワーキングのフリーデスク利用付き。",
                    "Room only; includes a hot desk at the station co-working space.",
                ),
            ),
            room(
                T("ワークツイン", "Work twin"),
                2,
                T("シングル2台", "Two singles"),
                14300,
                T("素泊まり・1室料金。デスク2台。", "Room only, per room; two desks."),
            ),
        ],
        facilities_note=html(
            "コインランドリー、朝食（1,100円）、領収書は適格請求書で発行します。",
            "Coin laundry, breakfast (¥1,100); receipts are qualified invoices.",
        ),
        body=[
            paragraph(
                "法人契約のお客様は月末締めの請求書払いが可能です。",
                "Companies on a contract can pay by monthly invoice.",
            )
        ],
    ),
    stay(
        "kumano-michishirube",
        "chikatsuyu-guesthouse",
        T("近露の宿 みちしるべ", "Michishirube guesthouse, Chikatsuyu"),
        image="michishirube-guesthouse",
        summary=T(
            "熊野古道・中辺路の宿場、近露の民宿。ガイドが営む宿で、翌日の古道歩きの相談も。",
            "A guesthouse in Chikatsuyu, a post town on the Nakahechi, run by the guides — plan the next day's walk over dinner.",
        ),
        area="tanabe",
        stay_type="guesthouse",
        amenities=["wifi", "onsen", "laundry", "parking"],
        languages=["ja", "en"],
        address=T("和歌山県田辺市中辺路町近露100（架空）", "100 Chikatsuyu, Nakahechi (fictional)"),
        latitude="33.822600",
        longitude="135.575300",
        check_in_from="15:00",
        check_out_until="09:30",
        room_types=[
            room(
                T("和室", "Japanese room"),
                3,
                T("布団", "Futons"),
                11000,
                T(
                    "1泊2食付き・1室の料金。お弁当（880円）あり。",
                    "With two meals; the price is for the room. Packed lunches ¥880.",
                ),
            )
        ],
        facilities_note=html(
            ["温泉の内湯、荷物の配送受付（次の宿まで）。", BATH_TAX.ja],
            ["Indoor onsen bath; luggage forwarding to your next inn.", BATH_TAX.en],
        ),
        body=[
            paragraph(
                "Wi-Fiは共用スペースのみ。山間部のため携帯電話の電波が弱い場所があります。",
                "Wi-Fi in the shared rooms only; mobile reception is patchy in the mountains.",
            )
        ],
    ),
    stay(
        "kushimoto-marine",
        "kushimoto-divers-lodge",
        T("串本ダイバーズロッジ", "Kushimoto Divers' Lodge"),
        image="marine-lodge",
        summary=T(
            "ショップ併設のロッジ。器材の乾燥室と、海を見ながら仕事ができるデッキ。",
            "A lodge next to the dive shop, with a drying room for gear and a deck to work from above the sea.",
        ),
        area="kushimoto",
        stay_type="guesthouse",
        amenities=["wifi", "shower", "laundry", "parking"],
        languages=["ja", "en"],
        address=T("和歌山県東牟婁郡串本町串本2001（架空）", "2001 Kushimoto (fictional)"),
        latitude="33.471000",
        longitude="135.777300",
        check_in_from="15:00",
        check_out_until="10:00",
        room_types=[
            room(
                T("ツイン", "Twin"),
                2,
                T("シングル2台", "Two singles"),
                9900,
                T(
                    "素泊まり・1室料金。ダイビング利用者は1割引。",
                    "Room only, per room; 10% off for divers.",
                ),
            )
        ],
        facilities_note=html(
            "器材乾燥室、温水シャワー、共用デッキ（電源あり）。",
            "Gear drying room, hot showers, shared deck with power.",
        ),
        body=[
            paragraph(
                "チェックアウト後もシャワーと荷物預かりを無料で利用できます。",
                "Showers and luggage storage are free after check-out too.",
            )
        ],
    ),
]
