"""Co-working offices: hours, desks, rooms, booths and measured Wi-Fi (prices in yen, tax incl.)."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import T, block, image, paragraph

# Days of the week as digits, Monday = 0. The page names them; desks are sold on them
# (demo.booking makes each office's desk schedules from its hours).
WEEKDAYS = "01234"
WEEKENDS = "56"
EVERY_DAY = "0123456"


def hours(days: str, opens: str | None, closes: str | None) -> dict[str, Any]:
    """An opening-hours block for the days in `days`; no times means closed."""
    closed = opens is None
    return block(
        "hours",
        {"weekdays": list(days), "opens": opens, "closes": closes, "closed": closed, "note": ""},
    )


def desk(name: T, seats: int, day: int, half: int | None, text: T) -> dict[str, Any]:
    """A desk-type block."""
    return block(
        "desk",
        {
            "name": name,
            "seats": seats,
            "price_day": day,
            "price_half_day": half,
            "description": text,
        },
    )


def room(name: T, capacity: int, price_hour: int | None) -> dict[str, Any]:
    """A meeting-room block."""
    return block("room", {"name": name, "capacity": capacity, "price_hour": price_hour})


HOT_DESK = T("フリーデスク", "Hot desk")
FOCUS = T("集中席（窓側）", "Focus seat (by the window)")
FIXED = T("固定デスク（月額利用者優先）", "Dedicated desk (monthly members first)")


def office(partner: str, slug: str, title: T, **spec: Any) -> dict[str, Any]:
    """An office page spec; `spec` holds the remaining keys and fields."""
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


OFFICES: list[dict[str, Any]] = [
    office(
        "nanki-bayworks",
        "shirahama-sky-desk",
        T("白浜スカイデスク（空港ワークラウンジ）", "Shirahama Sky Desk (airport work lounge)"),
        image="bayworks-airport",
        featured=True,
        summary=T(
            "南紀白浜空港の展望広場に直結。時間・日単位のシェアスペース、1〜4人用の防音ブース、会議室。",
            "On the observation plaza of Nanki-Shirahama Airport: a shared space by the hour or day, soundproof booths for one to four, and meeting rooms.",
        ),
        search=T(
            "南紀白浜空港直結のコワーキング。1時間単位、防音ブース、会議室、フライトに合わせた送迎。",
            "Co-working at Nanki-Shirahama Airport: hourly use, soundproof booths, meeting rooms and pick-ups timed to flights.",
        ),
        area="shirahama",
        address=T(
            "和歌山県西牟婁郡白浜町 南紀白浜空港 展望広場（架空の区画）",
            "Observation plaza, Nanki-Shirahama Airport, Shirahama (fictional unit)",
        ),
        latitude="33.662500",
        longitude="135.364200",
        amenities=[
            "wifi",
            "booth",
            "meeting",
            "quiet",
            "printer",
            "coffee",
            "locker",
            "parking",
            "pickup",
        ],
        languages=["ja", "en"],
        opening_hours=[hours(EVERY_DAY, "08:00", "20:00")],
        desk_types=[
            desk(
                HOT_DESK,
                30,
                2200,
                1300,
                T(
                    "電源・モニター貸出あり。1時間550円からの時間利用も可能です。",
                    "Power at every seat, monitors on loan; also ¥550 an hour.",
                ),
            ),
            desk(
                FOCUS,
                10,
                2750,
                1650,
                T(
                    "滑走路を望むカウンター席。会話は控えめにお願いします。",
                    "A counter facing the runway; please keep conversations short.",
                ),
            ),
            desk(
                T("チーム席（4名）", "Team table (4 people)"),
                8,
                9900,
                5500,
                T(
                    "4名までのチーム用テーブル。1卓あたりの料金です。",
                    "A table for a team of up to four; the price is per table.",
                ),
            ),
        ],
        meeting_rooms=[
            room(T("会議室「あまくさ」", "Meeting room Amakusa"), 8, 3300),
            room(T("会議室「しらら」", "Meeting room Shirara"), 4, 2200),
        ],
        call_booths=6,
        wifi_down_mbps=480,
        wifi_up_mbps=420,
        wifi_latency_ms=9,
        wifi_measured_on="2026-10-01",
        body=[
            paragraph(
                [
                    "飛行機を降りて、そのまま仕事へ。2022年に空港の展望広場に開業したオフィス棟の一角で、シェアスペース、会議室、1〜4人用の防音ブースを提供しています。",
                    "町内の宿泊施設とオフィスを結ぶ送迎は、フライトの到着・出発時刻に合わせて運行します（要予約、無料）。",
                ],
                [
                    "Step off the plane and straight into work. In the office building that opened on the airport's observation plaza in 2022 we offer a shared space, meeting rooms and soundproof booths for one to four people.",
                    "A free shuttle (booking needed) links the lounge with inns in town, timed to arrivals and departures.",
                ],
            ),
            image(
                "bayworks-booth",
                T("1〜4人用の防音ブース", "Soundproof booths for one to four people"),
            ),
        ],
        gallery=[
            image("bayworks-booth", T("防音ブース", "A call booth")),
            image("bayworks-airport", T("滑走路側のカウンター席", "The counter facing the runway")),
        ],
    ),
    office(
        "nanki-bayworks",
        "shirahama-bayside-office",
        T("白浜ベイサイドオフィス", "Shirahama Bayside Office"),
        image="bayworks-bayside",
        featured=True,
        summary=T(
            "白良浜を見下ろすビルの3階。月額のチーム個室と、ドロップインのラウンジ。",
            "On the third floor above Shirarahama beach: private team rooms by the month and a drop-in lounge.",
        ),
        area="shirahama",
        address=T(
            "和歌山県西牟婁郡白浜町864-1 ベイサイドビル3階（架空）",
            "3F Bayside Building, 864-1 Shirahama-cho (fictional)",
        ),
        latitude="33.679900",
        longitude="135.342500",
        amenities=[
            "wifi",
            "quiet",
            "booth",
            "desk",
            "meeting",
            "coffee",
            "shower",
            "locker",
            "bike",
        ],
        languages=["ja", "en"],
        opening_hours=[hours(WEEKDAYS, "09:00", "21:00"), hours(WEEKENDS, "10:00", "18:00")],
        desk_types=[
            desk(
                HOT_DESK,
                20,
                1980,
                1100,
                T(
                    "海側のラウンジ席。ドリンク付き。",
                    "Lounge seats on the sea side, drinks included.",
                ),
            ),
            desk(
                FIXED,
                12,
                2640,
                None,
                T(
                    "モニター・鍵付きワゴン付き。1日から利用できます。",
                    "With a monitor and a lockable drawer unit; from one day.",
                ),
            ),
            desk(
                T("チーム個室（6名）", "Team room (6 people)"),
                6,
                13200,
                None,
                T(
                    "1室あたりの料金。ホワイトボード、会議用スピーカー付き。",
                    "Per room, with a whiteboard and a conference speaker.",
                ),
            ),
        ],
        meeting_rooms=[room(T("会議室（10名）", "Meeting room (10 people)"), 10, 4400)],
        call_booths=3,
        wifi_down_mbps=320,
        wifi_up_mbps=280,
        wifi_latency_ms=12,
        wifi_measured_on="2026-10-03",
        body=[
            paragraph(
                "窓の外は白良浜。朝は海沿いを散歩してから仕事を始め、夕方はそのままビーチへ。シャワーとロッカーがあるので、泳いだあとも快適に戻ってこられます。",
                "Shirarahama is right outside the window: start with a walk along the shore and head to the beach after work. With showers and lockers you can come back comfortably after a swim.",
            )
        ],
        gallery=[image("bayworks-bayside", T("海側のラウンジ", "The lounge on the sea side"))],
    ),
    office(
        "nanki-bayworks",
        "kushimoto-cape-office",
        T("串本ケープオフィス", "Kushimoto Cape Office"),
        image="bayworks-cape",
        summary=T(
            "潮岬近くの小さなオフィス。ダイビング前後に使える、海の見える12席。",
            "A small office near Cape Shionomisaki: twelve seats with a sea view, handy before and after a dive.",
        ),
        area="kushimoto",
        address=T(
            "和歌山県東牟婁郡串本町潮岬300（架空）", "300 Shionomisaki, Kushimoto (fictional)"
        ),
        latitude="33.440200",
        longitude="135.757800",
        amenities=["wifi", "booth", "coffee", "shower", "parking"],
        languages=["ja"],
        opening_hours=[
            hours("123456", "09:00", "18:00"),
            hours("0", None, None),
        ],
        desk_types=[desk(HOT_DESK, 12, 1650, 990, T("全席電源付き。", "Power at every seat."))],
        meeting_rooms=[],
        call_booths=1,
        wifi_down_mbps=210,
        wifi_up_mbps=95,
        wifi_latency_ms=18,
        wifi_measured_on="2026-09-28",
        body=[
            paragraph(
                "本州最南端の岬のそばで働けるオフィスです。光回線を2系統引いており、台風シーズンでも安定して使えます。",
                "An office by Honshu's southernmost cape, with two separate fibre lines so it stays online through the typhoon season.",
            )
        ],
    ),
    office(
        "tanabe-machinaka-works",
        "tanabe-kumano-terrace",
        T("くまのテラス（紀伊田辺駅前）", "Kumano Terrace (by Kii-Tanabe Station)"),
        image="tanabe-terrace",
        featured=True,
        summary=T(
            "駅から徒歩3分、古民家を改修したコワーキング。古道歩きの前後の拠点に。",
            "A restored townhouse three minutes from the station: a base before and after the Kumano Kodo.",
        ),
        area="tanabe",
        address=T("和歌山県田辺市湊2-3-4（架空）", "2-3-4 Minato, Tanabe (fictional)"),
        latitude="33.734000",
        longitude="135.380800",
        amenities=["wifi", "quiet", "booth", "meeting", "kitchen", "coffee", "locker", "bike"],
        languages=["ja", "en"],
        opening_hours=[hours(WEEKDAYS, "09:00", "20:00"), hours(WEEKENDS, "10:00", "17:00")],
        desk_types=[
            desk(
                HOT_DESK,
                16,
                1500,
                900,
                T("土間と縁側のフリー席。", "Open seats in the earthen hall and on the veranda."),
            ),
            desk(
                T("座敷の集中席", "Tatami focus room"),
                6,
                1800,
                1100,
                T(
                    "会話禁止の座敷。座椅子と座卓、腰痛対策の椅子も用意。",
                    "A silent tatami room with low desks — and ordinary chairs for anyone's back.",
                ),
            ),
        ],
        meeting_rooms=[room(T("蔵の会議室", "Meeting room in the storehouse"), 6, 1650)],
        call_booths=2,
        wifi_down_mbps=260,
        wifi_up_mbps=230,
        wifi_latency_ms=11,
        wifi_measured_on="2026-10-05",
        body=[
            paragraph(
                "明治期の商家を改修したコワーキングです。熊野古道を歩く人のために、大きな荷物の一時預かり（1日500円）と、バスの時刻表に合わせた営業時間を設けています。",
                "Co-working in a restored Meiji-era merchant's house. For walkers on the Kumano Kodo we keep luggage for the day (¥500) and open to suit the bus timetable.",
            )
        ],
    ),
    office(
        "katsuura-minatoyado",
        "katsuura-port-lounge",
        T("勝浦みなとワークラウンジ", "Katsuura Harbour Work Lounge"),
        image="katsuura-lounge",
        summary=T(
            "漁港を望む宿の1階。宿泊者以外もドロップインで利用できる10席のラウンジ。",
            "The ground floor of a harbour inn: a ten-seat lounge open to drop-in visitors, not only guests.",
        ),
        area="nachikatsuura",
        address=T(
            "和歌山県東牟婁郡那智勝浦町築地7-1（架空）", "7-1 Tsukiji, Nachikatsuura (fictional)"
        ),
        latitude="33.627900",
        longitude="135.944800",
        amenities=["wifi", "booth", "coffee", "onsen", "laundry"],
        languages=["ja", "en", "zh"],
        opening_hours=[hours(EVERY_DAY, "07:00", "22:00")],
        desk_types=[
            desk(
                HOT_DESK, 10, 1100, 700, T("宿泊者は無料。", "Free for guests staying at the inn.")
            )
        ],
        meeting_rooms=[],
        call_booths=1,
        wifi_down_mbps=150,
        wifi_up_mbps=60,
        wifi_latency_ms=21,
        wifi_measured_on="2026-09-20",
        body=[
            paragraph(
                "朝は競りの見学、日中は港を眺めながら仕事。ブースは1つなので、会議の多い日は予約をおすすめします。",
                "The auction in the morning, work with a view of the harbour during the day. There is one booth, so book it on days with many calls.",
            )
        ],
    ),
    office(
        "koyasan-unkaiin",
        "koyasan-temple-workroom",
        T("雲海院 ワークルーム", "Unkai-in work room"),
        image="unkaiin-room",
        summary=T(
            "宿坊の客殿をワークルームに。静けさの中で集中できる8席。",
            "A guest hall of the temple lodging turned into a work room: eight seats in deep quiet.",
        ),
        area="koyasan",
        address=T("和歌山県伊都郡高野町高野山600（架空）", "600 Koyasan, Koya-cho (fictional)"),
        latitude="34.214500",
        longitude="135.582000",
        amenities=["wifi", "quiet", "booth", "coffee", "parking"],
        languages=["ja", "en", "ko"],
        opening_hours=[hours(EVERY_DAY, "08:30", "17:00")],
        desk_types=[
            desk(
                T("座卓席・椅子席", "Low desks and chairs"),
                8,
                1000,
                600,
                T(
                    "宿泊者は無料。お勤めの時間帯は休室。",
                    "Free for lodging guests; closed during services.",
                ),
            )
        ],
        meeting_rooms=[
            room(T("書院（オンライン会議可）", "Study room (online calls allowed)"), 4, 1100)
        ],
        call_booths=1,
        wifi_down_mbps=120,
        wifi_up_mbps=80,
        wifi_latency_ms=16,
        wifi_measured_on="2026-09-15",
        body=[
            paragraph(
                "ワークルームでは会話を控えてください。オンライン会議は書院またはブースで。冬は暖房がありますが、足元が冷えるので靴下を1枚多めにお持ちください。",
                "Please keep the work room silent; online calls go in the study or the booth. It is heated in winter, but floors are cold — bring an extra pair of socks.",
            )
        ],
    ),
    office(
        "kishu-workbase",
        "wakayama-station-workbase",
        T("紀州ワークベース 和歌山駅前", "Kishu Workbase, Wakayama Station"),
        image="workbase-station",
        featured=True,
        summary=T(
            "和歌山駅東口から徒歩1分。60席、会議室3室、防音ブース8台の県内最大級のコワーキング。",
            "One minute from Wakayama Station's east exit: 60 seats, three meeting rooms and eight soundproof booths.",
        ),
        area="wakayama-city",
        address=T(
            "和歌山県和歌山市美園町9-9 4階（架空）", "4F, 9-9 Misono-cho, Wakayama (fictional)"
        ),
        latitude="34.232100",
        longitude="135.190600",
        amenities=[
            "wifi",
            "quiet",
            "booth",
            "desk",
            "meeting",
            "printer",
            "coffee",
            "locker",
            "shower",
        ],
        languages=["ja", "en", "zh", "ko"],
        opening_hours=[hours(WEEKDAYS, "08:00", "22:00"), hours(WEEKENDS, "09:00", "19:00")],
        desk_types=[
            desk(
                HOT_DESK,
                40,
                1650,
                990,
                T(
                    "ドリンク付き。法人契約は月末締めの請求書払い。",
                    "Drinks included; companies on a contract are invoiced monthly.",
                ),
            ),
            desk(FIXED, 12, 2200, None, T("27インチモニター付き。", "With a 27-inch monitor.")),
            desk(
                T("プロジェクトルーム（8名）", "Project room (8 people)"),
                8,
                16500,
                9900,
                T("1室あたりの料金。チームの合宿に。", "Per room — for a team off-site."),
            ),
        ],
        meeting_rooms=[
            room(T("会議室A", "Meeting room A"), 12, 4400),
            room(T("会議室B", "Meeting room B"), 6, 2750),
            room(T("会議室C", "Meeting room C"), 4, 1650),
        ],
        call_booths=8,
        wifi_down_mbps=850,
        wifi_up_mbps=780,
        wifi_latency_ms=6,
        wifi_measured_on="2026-10-10",
        body=[
            paragraph(
                "大阪・関西空港から1時間圏内。出張の前後に立ち寄って仕事を片づけたり、チームで合宿をしたりするのに向いています。",
                "Within an hour of Osaka and Kansai Airport: drop in to catch up around a business trip, or bring the whole team for an off-site.",
            )
        ],
    ),
    office(
        "kishu-workbase",
        "wakayama-castle-cowork",
        T("紀州ワークベース 城下", "Kishu Workbase, Castle Side"),
        image="workbase-castle",
        summary=T(
            "和歌山城の堀に面した静かな24席。昼休みは城の公園を散歩。",
            "Twenty-four quiet seats facing the castle moat; spend lunch in the castle park.",
        ),
        area="wakayama-city",
        address=T("和歌山県和歌山市一番丁1-1（架空）", "1-1 Ichiban-cho, Wakayama (fictional)"),
        latitude="34.227300",
        longitude="135.171200",
        amenities=["wifi", "quiet", "booth", "meeting", "coffee", "bike"],
        languages=["ja", "en"],
        opening_hours=[hours(WEEKDAYS, "09:00", "19:00"), hours(WEEKENDS, None, None)],
        desk_types=[
            desk(
                HOT_DESK,
                20,
                1430,
                880,
                T("堀側の窓席から埋まります。", "The window seats over the moat go first."),
            ),
            desk(
                FOCUS,
                4,
                1980,
                1210,
                T("パーティションで仕切った個人席。", "Screened single desks."),
            ),
        ],
        meeting_rooms=[room(T("会議室（6名）", "Meeting room (6 people)"), 6, 2200)],
        call_booths=2,
        wifi_down_mbps=540,
        wifi_up_mbps=500,
        wifi_latency_ms=8,
        wifi_measured_on="2026-10-10",
        body=[
            paragraph(
                "駅前拠点より静かな環境を求める方に。平日のみの営業で、土日は会議室の貸切予約のみ受け付けます。",
                "For anyone who wants somewhere quieter than the station. Open on weekdays; at weekends only whole-room bookings of the meeting room are taken.",
            )
        ],
    ),
]
