"""The area index and the area guides: access from the hubs, climate, highlights, location."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import T, block, bullets, cta, facts, faq, heading, html, image, paragraph

TOKYO = T("東京（羽田空港）", "Tokyo (Haneda Airport)")
SHIN_OSAKA = T("大阪（新大阪駅）", "Osaka (Shin-Osaka Station)")
NAMBA = T("大阪（なんば駅）", "Osaka (Namba Station)")
KIX = T("関西国際空港", "Kansai International Airport")


def route(origin: T, mode: str, minutes: int, ja: str, en: str) -> dict[str, Any]:
    """An access route block."""
    return block("route", {"origin": origin, "mode": mode, "minutes": minutes, "note": T(ja, en)})


def highlight(
    ja: str, en: str, text_ja: str, text_en: str, picture: str | None = None
) -> dict[str, Any]:
    """A highlight block, with an optional image key."""
    from demo.text import ImageRef

    return block(
        "highlight",
        {
            "title": T(ja, en),
            "text": T(text_ja, text_en),
            "image": ImageRef(picture) if picture else None,
        },
    )


def climate(mean: T, rain: T, winter: T, summer: T, best: T) -> list[dict[str, Any]]:
    """The climate facts block."""
    return [
        facts(
            T("気候", "Climate"),
            [
                (T("年平均気温", "Mean annual temperature"), mean),
                (T("年間降水量", "Annual rainfall"), rain),
                (T("冬（1月）", "Winter (January)"), winter),
                (T("夏（8月）", "Summer (August)"), summer),
                (T("おすすめの時期", "Best time to come"), best),
            ],
        )
    ]


AREA_INDEX: dict[str, Any] = {
    "slug": "areas",
    "title": T("エリアガイド", "Areas"),
    "image": "areas-overview",
    "menu": True,
    "summary": T(
        "海辺の温泉地から山上の宗教都市まで。和歌山県内7つのワーケーションエリアを紹介します。",
        "From seaside onsen towns to a mountain-top temple town: seven workation areas in Wakayama.",
    ),
    "search": T(
        "和歌山県のワーケーションエリア一覧。白浜、田辺・熊野古道、高野山、和歌山市、那智勝浦、串本、みなべのアクセスと特徴。",
        "Workation areas in Wakayama: Shirahama, Tanabe and the Kumano Kodo, Koyasan, Wakayama city, Nachikatsuura, Kushimoto and Minabe.",
    ),
    "fields": {
        "intro": html(
            "紀伊半島の西側から南端までを占める和歌山県は、海・山・温泉・世界遺産がコンパクトにまとまった土地です。羽田から南紀白浜空港まで約1時間、大阪から特急で約1〜2時間。仕事の環境と、その土地ならではの時間の過ごし方でエリアを選んでください。",
            "Wakayama covers the west and south of the Kii Peninsula: sea, mountains, hot springs and World Heritage sites within a short drive of each other. Nanki-Shirahama is about an hour's flight from Haneda, and Osaka is one to two hours away by limited express. Choose an area by how you want to work and what you want to do after work.",
        ),
    },
}

AREAS: list[dict[str, Any]] = [
    {
        "slug": "shirahama",
        "title": T("白浜町", "Shirahama"),
        "image": "shirahama-coast",
        "summary": T(
            "羽田から飛行機で約1時間。白い砂浜と温泉の町に、ITオフィスと空港直結のコワーキングがそろう、ワーケーションの先進地です。",
            "An hour's flight from Haneda: a beach and onsen town with IT offices and a co-working building at the airport — where Japanese workation began.",
        ),
        "search": T(
            "白浜町のワーケーション情報。南紀白浜空港のコワーキング、ITビジネスオフィス、温泉宿、アクセスと気候。",
            "Workation in Shirahama: co-working at Nanki-Shirahama Airport, the IT business office, onsen inns, access and climate.",
        ),
        "fields": {
            "lead": T(
                "空港から10分で海の見えるデスクへ。仕事のあとは1300年の歴史をもつ温泉へ。",
                "Ten minutes from the airport to a desk with a sea view, and a 1,300-year-old onsen after work.",
            ),
            "hero_image": "shirahama-coast",
            "latitude": "33.678100",
            "longitude": "135.348100",
            "access": [
                route(
                    TOKYO,
                    "air",
                    75,
                    "羽田→南紀白浜空港 約70分、空港から市街地まで車で約10分",
                    "About 70 minutes' flight from Haneda to Nanki-Shirahama, then 10 minutes by car",
                ),
                route(
                    SHIN_OSAKA,
                    "rail",
                    150,
                    "JR特急くろしお で白浜駅まで約2時間30分",
                    "Limited express Kuroshio to Shirahama Station, about 2½ hours",
                ),
                route(
                    KIX,
                    "car",
                    100,
                    "阪和道・紀勢道経由で約1時間40分",
                    "About 1 h 40 min via the Hanwa and Kisei expressways",
                ),
                route(
                    NAMBA,
                    "bus",
                    180,
                    "高速バス（明光バス等）で約3時間",
                    "About 3 hours by express bus",
                ),
            ],
            "climate": climate(
                T("約17℃", "About 17 °C"),
                T("約1,900mm", "About 1,900 mm"),
                T("平均8℃前後、雪はほとんど降らない", "Around 8 °C on average; snow is rare"),
                T("平均27℃前後、海風で過ごしやすい", "Around 27 °C, cooled by the sea breeze"),
                T("通年（海水浴は7〜8月）", "All year (swimming in July and August)"),
            ),
            "highlights": [
                highlight(
                    "白良浜",
                    "Shirarahama beach",
                    "石英砂の白い砂浜が約600m続く町のシンボル。朝の散歩やオンライン会議前の気分転換に。",
                    "Some 600 metres of white quartz sand, the town's symbol — a morning walk before your first call.",
                    "shirahama-coast",
                ),
                highlight(
                    "崎の湯と温泉街",
                    "Sakinoyu and the onsen town",
                    "万葉集にも詠まれた古湯。共同浴場や足湯が点在し、仕事終わりに立ち寄れます。",
                    "An ancient bath mentioned in the Man'yōshū; public baths and foot baths are scattered around the town for after work.",
                    "shirahama-onsen",
                ),
                highlight(
                    "ITビジネスオフィス",
                    "The IT business office",
                    "町が企業の保養所を改修した貸しオフィス。2015年のテレワーク実証以降IT企業が集まり、2018年には第2オフィスも開設されました。",
                    "A former company recreation facility turned into offices by the town. IT firms moved in after a 2015 telework pilot, and a second office opened in 2018.",
                ),
            ],
            "body": [
                heading("白浜でのワーケーション", "Working in Shirahama"),
                paragraph(
                    [
                        "白浜町は、和歌山県がワーケーションの取り組みを始めた2017年度より前から、企業の誘致を進めてきた町です。町が企業の保養所を改修した「ITビジネスオフィス」には、2015年のテレワーク実証をきっかけにIT企業が入居し、2018年には第2オフィスも開設されました。",
                        "2022年には南紀白浜空港の展望広場に、コワーキングとオフィスの複合施設が開業。時間単位・日単位で使えるシェアスペース、会議室、1〜4人用の防音ブースがあり、フライトの時刻に合わせた送迎もあります。",
                    ],
                    [
                        'Shirahama was attracting companies well before Wakayama launched its workation programme in FY2017. The town turned a company recreation facility into the "IT business office", which filled with IT firms after a 2015 telework pilot; a second office opened in 2018.',
                        "In 2022 a co-working and office building opened on the observation plaza of Nanki-Shirahama Airport, with a shared space bookable by the hour or the day, meeting rooms, soundproof booths for one to four people, and pick-ups timed to the flights.",
                    ],
                ),
                image("shirahama-onsen", T("海を望む露天風呂", "An open-air bath above the sea")),
                faq(
                    T("白浜のよくある質問", "Shirahama: frequently asked questions"),
                    [
                        (
                            T(
                                "空港からオフィスまではどう移動しますか？",
                                "How do I get from the airport to the office?",
                            ),
                            T(
                                "空港内のコワーキングならそのまま徒歩で。町内のオフィスへは車で10分ほどで、多くの施設がフライトに合わせた送迎を行っています。",
                                "The airport co-working space is a walk from the gate. Offices in town are about ten minutes by car, and most offer pick-ups timed to the flights.",
                            ),
                        ),
                        (
                            T("入湯税はかかりますか？", "Is there a bath tax?"),
                            T(
                                "温泉地の宿泊施設では、宿泊料金とは別に入湯税（通常1人1泊150円）がかかります。",
                                "Yes. Onsen inns and hotels charge the bath tax (nyūtō-zei) on top of the room rate, usually ¥150 per person per night.",
                            ),
                        ),
                        (
                            T("車がなくても滞在できますか？", "Can I stay without a car?"),
                            T(
                                "町内は路線バスとレンタサイクルで回れます。白良浜周辺のオフィスと宿は徒歩圏内です。",
                                "Yes: local buses and hire bicycles cover the town, and the offices and inns around Shirarahama are within walking distance.",
                            ),
                        ),
                        (
                            T(
                                "滞在費の補助はありますか？",
                                "Is there any help with the cost of staying?",
                            ),
                            T(
                                "県のお試しワーケーション事業では、コワーキングの無料利用や1泊3,000〜5,000円の宿泊補助が用意される年度があります。最新の募集は相談窓口にお問い合わせください。",
                                "In some years the prefecture's trial programme offers free co-working and a lodging subsidy of ¥3,000–5,000 a night. Ask the consultation desk about the current call.",
                            ),
                        ),
                    ],
                ),
                cta(
                    T("白浜でのチーム滞在を相談する", "Plan a team stay in Shirahama"),
                    "consultation",
                    T("相談する", "Ask us"),
                ),
            ],
        },
    },
    {
        "slug": "tanabe",
        "title": T("田辺市・熊野古道", "Tanabe and the Kumano Kodo"),
        "image": "tanabe-trail",
        "summary": T(
            "世界遺産・熊野古道の玄関口。城下町のコワーキングを拠点に、語り部と歩く古道や、道普請（道の修繕）に参加できます。",
            "Gateway to the Kumano Kodo World Heritage routes: work from a castle-town co-working space and walk the old paths with a guide, or help repair them.",
        ),
        "search": T(
            "田辺市と熊野古道のワーケーション。紀伊田辺駅前のコワーキング、熊野古道ガイドウォーク、道普請ボランティア。",
            "Workation in Tanabe and on the Kumano Kodo: co-working by Kii-Tanabe Station, guided walks and trail-repair volunteering.",
        ),
        "fields": {
            "lead": T(
                "千年続く巡礼の道を、歩き、守り、仕事の合間に考える。",
                "Walk, repair and think along a pilgrimage route a thousand years old.",
            ),
            "hero_image": "tanabe-trail",
            "latitude": "33.730600",
            "longitude": "135.378300",
            "access": [
                route(
                    TOKYO,
                    "air",
                    95,
                    "羽田→南紀白浜空港、空港から車で約20分",
                    "Fly Haneda to Nanki-Shirahama, then about 20 minutes by car",
                ),
                route(
                    SHIN_OSAKA,
                    "rail",
                    130,
                    "JR特急くろしお で紀伊田辺駅まで約2時間10分",
                    "Limited express Kuroshio to Kii-Tanabe, about 2 h 10 min",
                ),
                route(
                    KIX,
                    "car",
                    90,
                    "阪和道・紀勢道経由で約1時間30分",
                    "About 1½ hours via the Hanwa and Kisei expressways",
                ),
                route(
                    T("紀伊田辺駅", "Kii-Tanabe Station"),
                    "bus",
                    40,
                    "中辺路・滝尻王子までバスで約40分",
                    "About 40 minutes by bus to Takijiri-oji, the start of the Nakahechi route",
                ),
            ],
            "climate": climate(
                T("約16.5℃", "About 16.5 °C"),
                T("約1,900mm（山間部はさらに多い）", "About 1,900 mm (more in the mountains)"),
                T("平均7℃前後、山間部は氷点下も", "Around 7 °C; below freezing in the hills"),
                T("平均27℃前後", "Around 27 °C"),
                T("古道歩きは3〜5月、10〜12月", "March–May and October–December for walking"),
            ),
            "highlights": [
                highlight(
                    "熊野古道 中辺路",
                    "The Nakahechi route",
                    "滝尻王子から熊野本宮大社へ続く参詣道。杉木立の石畳を、語り部の解説とともに歩けます。",
                    "The pilgrimage path from Takijiri-oji to Kumano Hongu Taisha: stone paving under cedars, with a local guide's stories.",
                    "tanabe-trail",
                ),
                highlight(
                    "道普請",
                    "Michibushin: trail repair",
                    "大雨で傷んだ古道を地域の人と一緒に直すボランティア。企業研修として参加するチームも増えています。",
                    "Volunteers repair storm-damaged stretches of the trail with local people — more and more companies join as team training.",
                ),
                highlight(
                    "城下町と秋津のみかん畑",
                    "The castle town and Akizu's orchards",
                    "駅前の飲み屋街「味光路」と、郊外に広がるみかん畑。週末は収穫体験も。",
                    "The Ajikōji bar streets by the station, and mikan orchards on the edge of town with picking at weekends.",
                ),
            ],
            "body": [
                heading("古道のそばで働く", "Working next to the old road"),
                paragraph(
                    "田辺市は、熊野古道の主要ルートである中辺路の起点です。紀伊田辺駅前のコワーキングで午前中に仕事を片づけ、午後は語り部と古道を歩く――そんな組み合わせが人気です。道普請（古道の修繕）は、和歌山県のワーケーションで企業が参加してきた代表的な地域活動のひとつです。",
                    "Tanabe is where the Nakahechi, the main Kumano Kodo route, begins. A popular pattern is to clear your work in the morning at a co-working space by Kii-Tanabe Station and walk the trail with a guide in the afternoon. Trail repair (michibushin) is one of the local activities companies on Wakayama workations have joined most often.",
                ),
                cta(
                    T("古道ウォークと道普請を見る", "See the trail walks and repair days"),
                    "experiences",
                    T("体験一覧へ", "Experiences"),
                ),
            ],
        },
    },
    {
        "slug": "koyasan",
        "title": T("高野山", "Koyasan"),
        "image": "koyasan-temple",
        "summary": T(
            "標高約800mの山上に117の寺院が集まる宗教都市。宿坊に泊まり、朝のお勤めから一日を始めます。",
            "A temple town of 117 temples on a plateau 800 metres up: stay in a temple lodging and start the day with the morning service.",
        ),
        "search": T(
            "高野山でのワーケーション。宿坊（お寺の宿）、朝のお勤め、写経、なんばからのアクセス。",
            "Workation on Koyasan: temple lodgings (shukubo), morning prayers, sutra copying, and access from Namba.",
        ),
        "fields": {
            "lead": T(
                "静けさが仕事道具になる場所。夏でも涼しい山上の宗教都市。",
                "A place where quiet is a work tool: a temple town that stays cool in summer.",
            ),
            "hero_image": "koyasan-temple",
            "latitude": "34.213000",
            "longitude": "135.585700",
            "access": [
                route(
                    NAMBA,
                    "rail",
                    100,
                    "南海高野線・ケーブルカー・バスで約1時間40分",
                    "Nankai Koya Line, cable car and bus, about 1 h 40 min",
                ),
                route(
                    KIX,
                    "rail",
                    140,
                    "南海線でなんば方面へ、天下茶屋で高野線に乗り換え",
                    "Nankai Line towards Namba, change at Tengachaya for the Koya Line",
                ),
                route(
                    TOKYO,
                    "air",
                    240,
                    "羽田→関西空港、鉄道とケーブルカーで約4時間",
                    "Fly Haneda to Kansai, then rail and cable car, about 4 hours in all",
                ),
            ],
            "climate": climate(
                T("約11℃", "About 11 °C"),
                T("約1,800mm", "About 1,800 mm"),
                T("平均-1℃前後、積雪あり", "Around −1 °C, with snow"),
                T("平均22℃前後、避暑に最適", "Around 22 °C — a summer retreat"),
                T("5〜11月（冬は防寒必須）", "May to November (dress warmly in winter)"),
            ),
            "highlights": [
                highlight(
                    "奥之院",
                    "Okunoin",
                    "約2kmの参道に20万基を超える墓碑や供養塔が並ぶ杉林。早朝や夜の参拝がおすすめです。",
                    "Two kilometres of path through cedars and over 200,000 memorials; best walked early in the morning or at night.",
                    "koyasan-temple",
                ),
                highlight(
                    "宿坊",
                    "Temple lodgings",
                    "寺院に泊まり、精進料理をいただき、朝のお勤めに参加します。Wi-Fiのある宿坊も増えています。",
                    "Sleep in a temple, eat shōjin ryōri and join the morning service. More and more temple lodgings have Wi-Fi.",
                ),
                highlight(
                    "壇上伽藍",
                    "Danjo Garan",
                    "朱色の根本大塔が立つ、高野山の中心となる聖域。",
                    "The sacred centre of Koyasan, with the vermilion Konpon Daitō pagoda.",
                ),
            ],
            "body": [
                heading("宿坊ワーケーションの一日", "A day at a temple lodging"),
                bullets(
                    [
                        "6:00 朝のお勤め（読経）に参加",
                        "7:00 精進料理の朝食",
                        "9:00〜16:00 宿坊のワークルームで仕事",
                        "16:30 奥之院を散策",
                        "18:00 夕食、21:00 消灯",
                    ],
                    [
                        "6:00 join the morning service (sutra chanting)",
                        "7:00 a shōjin ryōri breakfast",
                        "9:00–16:00 work in the lodging's work room",
                        "16:30 a walk through Okunoin",
                        "18:00 dinner; lights out at 21:00",
                    ],
                ),
                paragraph(
                    "宿坊は寺院の一部です。門限や消灯時間、朝のお勤めの時間は寺院ごとに異なります。オンライン会議は指定の部屋で行い、境内では静かに過ごしましょう。",
                    "A temple lodging is part of a working temple. Curfews, lights-out and the time of the morning service vary; take online calls in the room set aside for them and keep the precincts quiet.",
                ),
            ],
        },
    },
    {
        "slug": "wakayama-city",
        "title": T("和歌山市", "Wakayama city"),
        "image": "wakayama-city",
        "summary": T(
            "大阪・関西空港から1時間以内の県都。駅前のコワーキングとビジネスホテルで、出張型ワーケーションの拠点に。",
            "The prefectural capital, under an hour from Osaka and Kansai Airport: station-front co-working and hotels for business-trip workations.",
        ),
        "search": T(
            "和歌山市のワーケーション。和歌山駅前のコワーキング、和歌山城周辺のオフィス、大阪・関空からのアクセス。",
            "Workation in Wakayama city: co-working by Wakayama Station, offices near Wakayama Castle, access from Osaka and Kansai Airport.",
        ),
        "fields": {
            "lead": T(
                "都市の便利さと、城と海の近さ。関西の取引先にもすぐ会いに行けます。",
                "City convenience, a castle and the sea nearby — and your clients in Osaka within the hour.",
            ),
            "hero_image": "wakayama-city",
            "latitude": "34.230600",
            "longitude": "135.170800",
            "access": [
                route(
                    SHIN_OSAKA,
                    "rail",
                    60,
                    "JR特急くろしお で和歌山駅まで約1時間",
                    "Limited express Kuroshio to Wakayama Station, about an hour",
                ),
                route(
                    NAMBA,
                    "rail",
                    60,
                    "南海本線特急サザンで和歌山市駅まで約1時間",
                    "Nankai limited express Southern to Wakayamashi Station, about an hour",
                ),
                route(
                    KIX,
                    "bus",
                    40,
                    "リムジンバスで和歌山駅まで約40分",
                    "Airport limousine bus to Wakayama Station, about 40 minutes",
                ),
                route(
                    TOKYO,
                    "air",
                    150,
                    "羽田→関西空港、バスで約2時間30分",
                    "Fly Haneda to Kansai, then the bus; about 2½ hours in all",
                ),
            ],
            "climate": climate(
                T("約17℃", "About 17 °C"),
                T("約1,400mm（県内では少なめ）", "About 1,400 mm (dry for Wakayama)"),
                T("平均6℃前後", "Around 6 °C"),
                T("平均29℃前後", "Around 29 °C"),
                T("通年", "All year"),
            ),
            "highlights": [
                highlight(
                    "和歌山城",
                    "Wakayama Castle",
                    "徳川御三家・紀州藩の居城。天守からは市街と紀ノ川、和歌浦を一望できます。",
                    "Seat of the Kishū branch of the Tokugawa; the keep looks over the city, the Kinokawa river and Wakanoura bay.",
                    "wakayama-city",
                ),
                highlight(
                    "和歌浦・雑賀崎",
                    "Wakanoura and Saikazaki",
                    "万葉の歌枕として知られる入り江と、夕日の美しい漁村。",
                    "A bay sung in the Man'yōshū, and a fishing village famous for its sunsets.",
                ),
                highlight(
                    "中華そばと地元の市場",
                    "Chūka soba and the markets",
                    "醤油豚骨の和歌山ラーメンと、早寿司。仕事帰りの夕食に。",
                    "Wakayama's soy-and-pork ramen with hayazushi on the side — dinner after work.",
                ),
            ],
            "body": [
                paragraph(
                    "和歌山市は、出張と組み合わせたワーケーションに向いています。関西の取引先訪問や研修のあとに数日滞在し、駅前のコワーキングで通常業務を続けるチームが増えています。",
                    "Wakayama city suits workations combined with business trips: teams visit clients or train in the Kansai region, then stay on for a few days and keep working from the co-working spaces by the station.",
                ),
            ],
        },
    },
    {
        "slug": "nachikatsuura",
        "title": T("那智勝浦町", "Nachikatsuura"),
        "image": "nachi-falls",
        "summary": T(
            "落差133mの那智の滝と、生まぐろの水揚げ日本有数の勝浦漁港。港の宿に泊まり、朝は市場から。",
            "The 133-metre Nachi waterfall and one of Japan's great fresh-tuna ports: stay by the harbour and start the day at the market.",
        ),
        "search": T(
            "那智勝浦町のワーケーション。那智の滝、熊野那智大社、勝浦漁港のまぐろ、港の宿とワークラウンジ。",
            "Workation in Nachikatsuura: Nachi Falls, Kumano Nachi Taisha, the tuna port, harbour inns and a work lounge.",
        ),
        "fields": {
            "lead": T(
                "滝と港と温泉。熊野三山のひとつ、那智大社のふもとの町。",
                "Falls, a fishing port and onsen at the foot of Kumano Nachi Taisha.",
            ),
            "hero_image": "nachi-falls",
            "latitude": "33.626400",
            "longitude": "135.940200",
            "access": [
                route(
                    TOKYO,
                    "air",
                    190,
                    "羽田→南紀白浜空港、車で約1時間40分",
                    "Fly Haneda to Nanki-Shirahama, then about 1 h 40 min by car",
                ),
                route(
                    SHIN_OSAKA,
                    "rail",
                    240,
                    "JR特急くろしお で紀伊勝浦駅まで約4時間",
                    "Limited express Kuroshio to Kii-Katsuura, about 4 hours",
                ),
                route(
                    KIX,
                    "car",
                    210,
                    "紀勢道経由で約3時間30分",
                    "About 3½ hours via the Kisei Expressway",
                ),
            ],
            "climate": climate(
                T("約17℃", "About 17 °C"),
                T("約2,700mm（雨の多い地域）", "About 2,700 mm (a wet region)"),
                T("平均8℃前後", "Around 8 °C"),
                T("平均27℃前後", "Around 27 °C"),
                T("10〜5月（生まぐろは冬が旬）", "October to May (tuna is best in winter)"),
            ),
            "highlights": [
                highlight(
                    "那智の滝",
                    "Nachi Falls",
                    "一段の滝としては日本一の落差133m。飛瀧神社の御神体です。",
                    "At 133 metres, Japan's tallest single-drop waterfall, itself worshipped at Hiro Shrine.",
                    "nachi-falls",
                ),
                highlight(
                    "勝浦漁港の競り",
                    "The Katsuura tuna auction",
                    "早朝、はえ縄漁の生まぐろが並ぶ競りを見学できます。",
                    "Watch the early-morning auction of fresh, long-line-caught tuna.",
                ),
                highlight(
                    "大門坂",
                    "Daimonzaka",
                    "樹齢800年の夫婦杉から続く石段の参道。",
                    "A stone-stepped approach that starts between two 800-year-old cedars.",
                ),
            ],
            "body": [
                paragraph(
                    "那智勝浦町は、仕事と自然の切り替えがはっきりした町です。港のラウンジで午前の仕事を終えたら、午後は大門坂から那智大社へ。夜は温泉と、まぐろ料理で一日を締めくくれます。",
                    "Nachikatsuura makes switching off easy: work the morning in a harbour-side lounge, walk Daimonzaka up to Nachi Taisha in the afternoon, and end the day with an onsen and a tuna dinner.",
                ),
            ],
        },
    },
    {
        "slug": "kushimoto",
        "title": T("串本町", "Kushimoto"),
        "image": "kushimoto-sea",
        "summary": T(
            "本州最南端の町。黒潮が育てたサンゴの海でのダイビングと、潮岬の灯台、満天の星空。",
            "The southernmost town on Honshu: diving among corals fed by the Kuroshio current, the Shionomisaki lighthouse and starry nights.",
        ),
        "search": T(
            "串本町のワーケーション。本州最南端、ダイビング、釣り、海の見えるワークスペース。",
            "Workation in Kushimoto: Honshu's southern tip, diving, fishing and a workspace with a sea view.",
        ),
        "fields": {
            "lead": T(
                "朝はサンゴの海へ潜り、午後は岬のオフィスで仕事を。",
                "Dive among corals in the morning, work from the cape in the afternoon.",
            ),
            "hero_image": "kushimoto-sea",
            "latitude": "33.472900",
            "longitude": "135.781800",
            "access": [
                route(
                    TOKYO,
                    "air",
                    160,
                    "羽田→南紀白浜空港、車で約1時間20分",
                    "Fly Haneda to Nanki-Shirahama, then about 1 h 20 min by car",
                ),
                route(
                    SHIN_OSAKA,
                    "rail",
                    210,
                    "JR特急くろしお で串本駅まで約3時間30分",
                    "Limited express Kuroshio to Kushimoto, about 3½ hours",
                ),
                route(
                    KIX, "car", 180, "紀勢道経由で約3時間", "About 3 hours via the Kisei Expressway"
                ),
            ],
            "climate": climate(
                T("約18℃", "About 18 °C"),
                T("約2,500mm", "About 2,500 mm"),
                T(
                    "平均9℃前後、本州で最も温暖な地域のひとつ",
                    "Around 9 °C, among the mildest on Honshu",
                ),
                T("平均27℃前後", "Around 27 °C"),
                T(
                    "ダイビングは通年（水温は冬でも15℃前後）",
                    "Diving all year (the water stays around 15 °C in winter)",
                ),
            ),
            "highlights": [
                highlight(
                    "サンゴの海",
                    "Coral reefs",
                    "黒潮の影響で、温帯としては珍しいテーブルサンゴの群生が見られます。",
                    "Thanks to the Kuroshio current, table corals grow here — rare in temperate waters.",
                    "kushimoto-sea",
                ),
                highlight(
                    "潮岬",
                    "Cape Shionomisaki",
                    "本州最南端の岬。灯台と芝生の広場から太平洋を望めます。",
                    "Honshu's southern tip, with a lighthouse and a lawn above the Pacific.",
                ),
                highlight(
                    "橋杭岩",
                    "Hashikui-iwa",
                    "約850mにわたり大小40の岩柱が並ぶ奇岩群。朝日の名所です。",
                    "Forty rock pillars in a line 850 metres long — a famous place to watch the sunrise.",
                ),
            ],
            "body": [
                paragraph(
                    "串本町は、海の体験とリモートワークを組み合わせたい人に向いています。ダイビングは午前中に2本、午後は仕事、という滞在が一般的です。潜水後の飛行機搭乗には18時間以上の間隔を空けてください。",
                    "Kushimoto suits people who want to combine the sea with remote work; two dives in the morning and work in the afternoon is a common rhythm. Leave at least 18 hours between your last dive and your flight home.",
                ),
            ],
        },
    },
    {
        "slug": "minabe",
        "title": T("みなべ町", "Minabe"),
        "image": "minabe-ume",
        "summary": T(
            "日本一の梅の産地。収穫期の梅農家を手伝うワーケーションには、3年間で977人が参加しました。",
            "Japan's leading ume plum town: 977 people joined harvest workations on its plum farms over three years.",
        ),
        "search": T(
            "みなべ町のワーケーション。南高梅の収穫体験、梅干しづくり、農家のコテージ、白浜からのアクセス。",
            "Workation in Minabe: ume plum harvest, umeboshi making, a farm cottage, and access from Shirahama.",
        ),
        "fields": {
            "lead": T(
                "2月は梅の花、6月は収穫。農家の季節に合わせて働く町。",
                "Blossom in February, harvest in June: work to the rhythm of the plum farms.",
            ),
            "hero_image": "minabe-ume",
            "latitude": "33.772900",
            "longitude": "135.321100",
            "access": [
                route(
                    TOKYO,
                    "air",
                    100,
                    "羽田→南紀白浜空港、車で約30分",
                    "Fly Haneda to Nanki-Shirahama, then about 30 minutes by car",
                ),
                route(
                    SHIN_OSAKA,
                    "rail",
                    120,
                    "JR特急くろしお で南部駅まで約2時間",
                    "Limited express Kuroshio to Minabe, about 2 hours",
                ),
                route(
                    KIX,
                    "car",
                    80,
                    "阪和道みなべICまで約1時間20分",
                    "About 1 h 20 min to the Minabe exit of the Hanwa Expressway",
                ),
            ],
            "climate": climate(
                T("約16.5℃", "About 16.5 °C"),
                T("約2,000mm", "About 2,000 mm"),
                T("平均7℃前後", "Around 7 °C"),
                T("平均27℃前後", "Around 27 °C"),
                T("梅の花は2月、収穫は6月", "Blossom in February, harvest in June"),
            ),
            "highlights": [
                highlight(
                    "南部梅林",
                    "Minabe plum grove",
                    "一目百万、香り十里とうたわれる梅林。2月の開花期は山一面が白く染まります。",
                    '"A million blossoms at a glance": in February the hills turn white with flowers.',
                    "minabe-ume",
                ),
                highlight(
                    "梅の収穫ワーケーション",
                    "Plum-harvest workations",
                    "人手が必要な6月の収穫期に、午前は農作業、午後はリモートワークという働き方。3年間で977人が参加しました。",
                    "Farm work in the mornings of the busy June harvest, remote work in the afternoons; 977 people took part over three years.",
                ),
                highlight(
                    "千里の浜",
                    "Senri beach",
                    "ウミガメが産卵に訪れる、本州有数の砂浜。",
                    "One of Honshu's main nesting beaches for loggerhead turtles.",
                ),
            ],
            "body": [
                paragraph(
                    "みなべ町の梅農家では、収穫期の6月に多くの人手を必要とします。町とJAが進めてきた収穫ワーケーションでは、参加者が午前中に梅の実を拾い、午後は農家の離れや町内のスペースで仕事をします。",
                    "Minabe's plum farms need many hands in June. On the harvest workations run by the town and the farmers' co-operative, participants gather fallen fruit in the morning and work in the afternoon from a farm's annex or a space in town.",
                ),
                cta(
                    T("梅の収穫体験を見る", "See the plum-picking experience"),
                    "ume-picking",
                    T("詳しく見る", "Details"),
                ),
            ],
        },
    },
]
