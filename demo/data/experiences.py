"""Local experiences: farm work, fishing, trail walks and repair, temple mornings, cooking, diving."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import T, bullets, image, paragraph


def experience(partner: str, slug: str, title: T, **spec: Any) -> dict[str, Any]:
    """An experience page spec; `spec` holds the remaining keys and fields."""
    included: T = spec.pop("included")
    return {
        "partner": partner,
        "slug": slug,
        "title": title,
        "image": spec.pop("image"),
        "featured": spec.pop("featured", False),
        "summary": spec["summary"],
        "search": spec.pop("search", spec.pop("summary")),
        "area": spec["area"],
        "category": spec.pop("category"),
        "amenities": spec.pop("amenities", []),
        "languages": spec.pop("languages", ["ja"]),
        "fields": {**{k: v for k, v in spec.items() if k != "summary"}, "included": included},
    }


EXPERIENCES: list[dict[str, Any]] = [
    experience(
        "kumano-michishirube",
        "kumano-kodo-guided-walk",
        T(
            "語り部と歩く熊野古道 中辺路（滝尻〜高原）",
            "Kumano Kodo Nakahechi with a guide (Takijiri to Takahara)",
        ),
        image="michishirube-walk",
        featured=True,
        summary=T(
            "世界遺産の参詣道を、地元の語り部と約4時間。古道の信仰と山の暮らしの話を聞きながら歩きます。",
            "Four hours on the World Heritage pilgrimage route with a local guide, hearing about its faith and mountain life.",
        ),
        area="tanabe",
        category="trail",
        languages=["ja", "en"],
        address=T(
            "滝尻王子バス停（田辺市中辺路町栗栖川）",
            "Takijiri-oji bus stop, Kurisugawa, Nakahechi (Tanabe)",
        ),
        latitude="33.795700",
        longitude="135.495700",
        duration_minutes=240,
        meeting_point=T(
            "滝尻王子 熊野古道館前 9:30集合",
            "In front of the Kumano Kodo-kan at Takijiri-oji, 9:30",
        ),
        included=T(
            "ガイド料\n保険\n高原熊野神社までの行程表\n高原からのタクシー代（4名まで）",
            "Guide fee\nInsurance\nRoute notes to Takahara Kumano Shrine\nTaxi back from Takahara (up to 4 people)",
        ),
        season_start_month=3,
        season_end_month=12,
        minimum_age=10,
        group_size_max=12,
        price_from=8800,
        body=[
            paragraph(
                "滝尻王子から高原熊野神社まで、標高差約400mの山道を歩きます。急な上りがあるため、歩きやすい靴と雨具をお持ちください。",
                "The walk climbs some 400 metres from Takijiri-oji to Takahara Kumano Shrine. Some stretches are steep: bring good walking shoes and rain gear.",
            ),
            bullets(
                [
                    "9:30 集合、古道館で解説",
                    "10:00 滝尻王子を出発、胎内くぐり",
                    "12:00 高原で昼食（各自）",
                    "13:30 解散（タクシーで滝尻へ）",
                ],
                [
                    "9:30 meet and introduction at the Kodo-kan",
                    "10:00 leave Takijiri-oji; the Tainai-kuguri rock",
                    "12:00 lunch at Takahara (bring your own)",
                    "13:30 finish; taxi back to Takijiri",
                ],
            ),
        ],
        gallery=[image("michishirube-walk", T("杉木立の石畳", "Stone paving under the cedars"))],
    ),
    experience(
        "kumano-michishirube",
        "michibushin-trail-repair",
        T("道普請：熊野古道の修繕ボランティア", "Michibushin: help repair the Kumano Kodo"),
        image="michishirube-repair",
        featured=True,
        summary=T(
            "大雨で傷んだ古道に土を入れ、排水路を整えます。チームビルディングや企業研修にも。",
            "Fill ruts and clear drainage on storm-damaged stretches of the trail — a team-building day for companies.",
        ),
        area="tanabe",
        category="volunteer",
        languages=["ja", "en"],
        address=T("近露王子（田辺市中辺路町近露）", "Chikatsuyu-oji, Nakahechi (Tanabe)"),
        latitude="33.822600",
        longitude="135.575300",
        duration_minutes=180,
        meeting_point=T("近露王子前 9:00集合", "In front of Chikatsuyu-oji, 9:00"),
        included=T(
            "軍手・道具の貸し出し\n保険\n作業後のお茶とお菓子\n活動証明書（企業のCSR報告用）",
            "Gloves and tools\nInsurance\nTea and sweets afterwards\nA certificate of participation for CSR reports",
        ),
        season_start_month=4,
        season_end_month=11,
        minimum_age=12,
        group_size_max=20,
        price_from=3300,
        body=[
            paragraph(
                "道普請は、古道を守るために昔から地域で行われてきた共同作業です。和歌山県のワーケーションでは、企業が地域と関わる代表的な活動として続けられてきました。参加費は道具と保険の実費で、残りは古道の保全に使われます。",
                "Michibushin is the communal work that has kept the old roads open for centuries, and it has become one of the main ways companies on Wakayama workations get involved locally. The fee covers tools and insurance; the rest goes to trail upkeep.",
            )
        ],
    ),
    experience(
        "kumano-michishirube",
        "daimonzaka-walk",
        T(
            "大門坂から那智大社へ 早朝参拝ウォーク",
            "Daimonzaka to Nachi Taisha: an early-morning walk",
        ),
        image="michishirube-daimonzaka",
        summary=T(
            "夫婦杉から始まる石段を上り、那智大社と那智の滝へ。人の少ない朝の参道を歩きます。",
            "Climb the stone steps from the twin cedars to Nachi Taisha and the falls while the path is still quiet.",
        ),
        area="nachikatsuura",
        category="trail",
        languages=["ja", "en"],
        address=T(
            "大門坂駐車場（那智勝浦町那智山）", "Daimonzaka car park, Nachisan (Nachikatsuura)"
        ),
        latitude="33.666300",
        longitude="135.898400",
        duration_minutes=150,
        meeting_point=T("大門坂駐車場 7:00集合", "Daimonzaka car park, 7:00"),
        included=T(
            "ガイド料\n保険\n那智の滝 お瀧拝所の拝観料",
            "Guide fee\nInsurance\nEntry to the falls viewing platform",
        ),
        season_start_month=1,
        season_end_month=12,
        minimum_age=8,
        group_size_max=10,
        price_from=5500,
        body=[
            paragraph(
                "約600mの石段を、ゆっくり1時間ほどかけて上ります。出勤前に歩き終えられるよう、7時に出発します。",
                "About 600 metres of stone steps, climbed slowly in an hour. We start at 7:00 so you are done before work.",
            )
        ],
    ),
    experience(
        "takahashi-ume-farm",
        "ume-picking",
        T("南高梅の収穫体験（半日）", "Nanko plum harvest (half day)"),
        image="takahashi-grove",
        featured=True,
        summary=T(
            "6月の梅林で、完熟して落ちた実を拾い、選別します。午後は仕事に戻れる半日プラン。",
            "Gather and sort fully ripe plums in the June groves — a half-day plan that leaves the afternoon for work.",
        ),
        area="minabe",
        category="farm",
        amenities=["parking", "pickup"],
        languages=["ja"],
        address=T("和歌山県日高郡みなべ町晩稲500（架空）", "500 Osine, Minabe (fictional)"),
        latitude="33.790500",
        longitude="135.345000",
        duration_minutes=180,
        meeting_point=T(
            "たかはし農園 作業小屋 7:30集合（南部駅から送迎あり）",
            "The farm's work shed, 7:30 (pick-up from Minabe Station)",
        ),
        included=T(
            "作業着・長靴・手袋の貸し出し\n収穫した梅1kgのお土産\n農園の朝ごはん（梅おにぎり）",
            "Overalls, boots and gloves\n1 kg of plums to take home\nA farm breakfast of ume rice balls",
        ),
        season_start_month=6,
        season_end_month=7,
        minimum_age=10,
        group_size_max=15,
        price_from=4400,
        body=[
            paragraph(
                "みなべ町の収穫ワーケーションには、3年間で977人が参加しました。朝の涼しい時間に作業し、昼には終わります。",
                "Minabe's harvest workations drew 977 people over three years. The work is done in the cool of the morning and finishes by noon.",
            )
        ],
    ),
    experience(
        "takahashi-ume-farm",
        "umeboshi-workshop",
        T("梅干しづくりワークショップ", "Umeboshi workshop"),
        image="takahashi-kitchen",
        summary=T(
            "農家のお母さんと、塩漬けから土用干しまでの梅干しづくりを学びます。自分で漬けた梅は秋に発送。",
            "Learn to salt and sun-dry plums with the farmer; the jar you make is sent to you in autumn.",
        ),
        area="minabe",
        category="food",
        languages=["ja"],
        address=T("和歌山県日高郡みなべ町晩稲500（架空）", "500 Osine, Minabe (fictional)"),
        latitude="33.790500",
        longitude="135.345000",
        duration_minutes=90,
        meeting_point=T("たかはし農園 母屋", "The farmhouse"),
        included=T(
            "材料一式（梅1kg、塩）\n保存瓶\n完成品の発送料",
            "Ingredients (1 kg of plums, salt)\nA storage jar\nPostage for the finished umeboshi",
        ),
        season_start_month=6,
        season_end_month=8,
        minimum_age=6,
        group_size_max=10,
        price_from=3850,
        body=[
            paragraph(
                "塩分20%の昔ながらの梅干しを漬けます。",
                "You will make traditional umeboshi with 20% salt.",
            )
        ],
    ),
    experience(
        "akizu-mikan-farm",
        "mikan-picking",
        T("段々畑のみかん狩り", "Mikan picking on the terraces"),
        image="hamada-orchard",
        summary=T(
            "海を見下ろす段々畑で、温州みかんを収穫。食べ放題と2kgのお土産付き。",
            "Pick satsuma mandarins on terraces above the sea: eat as many as you like and take 2 kg home.",
        ),
        area="tanabe",
        category="farm",
        amenities=["parking"],
        languages=["ja"],
        address=T("和歌山県田辺市秋津町800（架空）", "800 Akizu-cho, Tanabe (fictional)"),
        latitude="33.745200",
        longitude="135.405600",
        duration_minutes=90,
        meeting_point=T("はまだ農園 選果場前", "In front of the farm's packing shed"),
        included=T(
            "はさみ・かごの貸し出し\n畑での食べ放題\nお土産2kg",
            "Clippers and baskets\nAll you can eat in the orchard\n2 kg to take home",
        ),
        season_start_month=10,
        season_end_month=12,
        minimum_age=0,
        group_size_max=20,
        price_from=2200,
        body=[
            paragraph(
                "早生みかんは10月、普通みかんは11〜12月が旬です。",
                "Early mandarins ripen in October, the main crop in November and December.",
            )
        ],
    ),
    experience(
        "akizu-mikan-farm",
        "cooking-with-local-family",
        T("農家のお母さんと郷土料理づくり", "Cooking local dishes with a farming family"),
        image="hamada-kitchen",
        featured=True,
        summary=T(
            "めはり寿司、茶がゆ、さんま寿司。紀州の家庭料理を一緒に作り、家族の食卓を囲みます。",
            "Mehari-zushi, chagayu and saury sushi: cook Kishū home dishes with the family, then eat together.",
        ),
        area="tanabe",
        category="food",
        languages=["ja"],
        address=T("和歌山県田辺市秋津町800（架空）", "800 Akizu-cho, Tanabe (fictional)"),
        latitude="33.745200",
        longitude="135.405600",
        duration_minutes=150,
        meeting_point=T("はまだ農園 母屋 16:30集合", "The farmhouse, 16:30"),
        included=T(
            "材料費\n夕食\nレシピカード（日本語・英語）",
            "Ingredients\nDinner\nRecipe cards in Japanese and English",
        ),
        season_start_month=None,
        season_end_month=None,
        minimum_age=0,
        group_size_max=8,
        price_from=5500,
        body=[
            paragraph(
                "アレルギーや食事制限は予約時にお知らせください。",
                "Tell us about allergies or dietary needs when you book.",
            )
        ],
    ),
    experience(
        "akizu-mikan-farm",
        "farm-stay",
        T("農家民泊 1泊2日（夕朝食付き）", "Farm stay, one night with dinner and breakfast"),
        image="hamada-terraces",
        summary=T(
            "みかん農家の母屋に泊まり、夕方の農作業と家族との食事を体験。Wi-Fiあり。",
            "Stay in the farmhouse, help with the evening farm work and eat with the family. Wi-Fi available.",
        ),
        area="tanabe",
        category="farm",
        amenities=["wifi", "parking", "pickup"],
        languages=["ja"],
        address=T("和歌山県田辺市秋津町800（架空）", "800 Akizu-cho, Tanabe (fictional)"),
        latitude="33.745200",
        longitude="135.405600",
        duration_minutes=1200,
        meeting_point=T("紀伊田辺駅 15:00（送迎）", "Kii-Tanabe Station, 15:00 (pick-up)"),
        included=T(
            "1泊2食\n農作業体験\n駅からの送迎",
            "One night, dinner and breakfast\nFarm work\nStation pick-up",
        ),
        season_start_month=None,
        season_end_month=None,
        minimum_age=0,
        group_size_max=5,
        price_from=12100,
        body=[
            paragraph(
                "1日1組限定。仕事用の机と電源を客間に用意しています。",
                "One group a day. The guest room has a desk and power for work.",
            )
        ],
    ),
    experience(
        "kushimoto-marine",
        "kushimoto-diving",
        T("串本 体験ダイビング（ボート1本）", "Try diving in Kushimoto (one boat dive)"),
        image="marine-underwater",
        featured=True,
        summary=T(
            "テーブルサンゴの群生するポイントで、インストラクターとマンツーマンの体験ダイビング。",
            "A one-to-one try dive with an instructor over fields of table coral.",
        ),
        area="kushimoto",
        category="marine",
        amenities=["shower", "parking", "locker"],
        languages=["ja", "en"],
        address=T("和歌山県東牟婁郡串本町串本2000（架空）", "2000 Kushimoto (fictional)"),
        latitude="33.470800",
        longitude="135.776900",
        duration_minutes=180,
        meeting_point=T("串本マリンサービス ショップ 8:30集合", "At the shop, 8:30"),
        included=T(
            "器材一式のレンタル\nインストラクター料\n保険\n水中写真データ",
            "All equipment\nInstructor\nInsurance\nUnderwater photos",
        ),
        season_start_month=1,
        season_end_month=12,
        minimum_age=10,
        group_size_max=4,
        price_from=16500,
        body=[
            paragraph(
                "潜水後18時間以内は飛行機に乗れません。帰りの便の前日午前までにお申し込みください。",
                "You cannot fly within 18 hours of diving: book for the morning of the day before your flight at the latest.",
            )
        ],
    ),
    experience(
        "kushimoto-marine",
        "fishing-trip",
        T("早朝の船釣り（2時間）", "Early-morning boat fishing (2 hours)"),
        image="marine-boat",
        summary=T(
            "元漁師の船長と、出勤前の2時間の船釣り。釣った魚は提携食堂で朝ごはんに。",
            "Two hours' fishing with a former fisherman before work; a partner diner cooks your catch for breakfast.",
        ),
        area="kushimoto",
        category="fishing",
        languages=["ja", "en"],
        address=T("串本漁港（東牟婁郡串本町）", "Kushimoto fishing port"),
        latitude="33.472000",
        longitude="135.783500",
        duration_minutes=120,
        meeting_point=T("串本漁港 第2岸壁 5:30集合", "Kushimoto port, quay 2, 5:30"),
        included=T(
            "竿・仕掛け・餌\nライフジャケット\n保険\n釣った魚の調理（朝食）",
            "Rod, tackle and bait\nLife jacket\nInsurance\nYour catch cooked for breakfast",
        ),
        season_start_month=3,
        season_end_month=11,
        minimum_age=6,
        group_size_max=6,
        price_from=7700,
        body=[
            paragraph(
                "波が高い日は前日17時までに中止をご連絡し、全額返金します。",
                "If the sea is too rough we cancel by 17:00 the day before and refund in full.",
            )
        ],
    ),
    experience(
        "katsuura-minatoyado",
        "tuna-market-tour",
        T("勝浦漁港 生まぐろの競り見学", "Katsuura fresh-tuna auction tour"),
        image="katsuura-port",
        summary=T(
            "宿の主人の案内で、早朝の生まぐろの競りを見学。終了後はまぐろ丼の朝ごはん。",
            "The innkeeper takes you to the early-morning fresh-tuna auction, followed by a tuna-bowl breakfast.",
        ),
        area="nachikatsuura",
        category="fishing",
        languages=["ja", "en", "zh"],
        address=T(
            "勝浦漁港 市場（那智勝浦町築地）", "Katsuura fish market, Tsukiji (Nachikatsuura)"
        ),
        latitude="33.628700",
        longitude="135.946300",
        duration_minutes=90,
        meeting_point=T("勝浦みなと宿 玄関 6:45集合", "The inn's entrance, 6:45"),
        included=T(
            "案内料\n見学用の長靴\nまぐろ丼の朝食",
            "Guide\nBoots for the market floor\nTuna-bowl breakfast",
        ),
        season_start_month=1,
        season_end_month=12,
        minimum_age=6,
        group_size_max=10,
        price_from=3300,
        body=[
            paragraph(
                "市場の休市日（主に日曜・水曜）はお休みです。",
                "No tours on market holidays (usually Sundays and Wednesdays).",
            )
        ],
    ),
    experience(
        "koyasan-unkaiin",
        "temple-morning-prayers",
        T("宿坊の朝のお勤めと阿字観瞑想", "Temple morning service and Ajikan meditation"),
        image="unkaiin-hall",
        featured=True,
        summary=T(
            "本堂での読経に参加し、真言密教の瞑想法・阿字観を僧侶から学びます。",
            "Join the sutra chanting in the main hall and learn Ajikan, Shingon Buddhism's meditation, from a monk.",
        ),
        area="koyasan",
        category="temple",
        languages=["ja", "en", "ko"],
        address=T("和歌山県伊都郡高野町高野山600（架空）", "600 Koyasan (fictional)"),
        latitude="34.214500",
        longitude="135.582000",
        duration_minutes=90,
        meeting_point=T("雲海院 本堂 6:00", "Unkai-in main hall, 6:00"),
        included=T(
            "お勤めへの参加\n阿字観の指導\n抹茶", "The morning service\nAjikan instruction\nMatcha"
        ),
        season_start_month=1,
        season_end_month=12,
        minimum_age=12,
        group_size_max=15,
        price_from=2000,
        body=[
            paragraph(
                "宿泊者以外も参加できます。冬は本堂が冷えるため、厚手の上着をお持ちください。",
                "Open to people not staying at the temple. The hall is cold in winter: bring a warm jacket.",
            )
        ],
    ),
    experience(
        "koyasan-unkaiin",
        "sutra-copying",
        T("写経体験", "Sutra copying (shakyō)"),
        image="unkaiin-room",
        summary=T(
            "般若心経を筆で一字ずつ書き写す、約1時間の静かな時間。",
            "An hour of quiet, copying the Heart Sutra character by character with a brush.",
        ),
        area="koyasan",
        category="temple",
        languages=["ja", "en"],
        address=T("和歌山県伊都郡高野町高野山600（架空）", "600 Koyasan (fictional)"),
        latitude="34.214500",
        longitude="135.582000",
        duration_minutes=60,
        meeting_point=T("雲海院 写経道場", "Unkai-in, the copying hall"),
        included=T("筆・墨・用紙\n奉納料", "Brush, ink and paper\nThe dedication fee"),
        season_start_month=1,
        season_end_month=12,
        minimum_age=8,
        group_size_max=20,
        price_from=1500,
        body=[
            paragraph(
                "なぞり書きなので、書道の経験は不要です。",
                "You trace the characters, so no calligraphy experience is needed.",
            )
        ],
    ),
]
