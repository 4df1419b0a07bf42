"""The local businesses (all fictional) and their profile pages, under the partner index."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import T, html

PARTNER_INDEX: dict[str, Any] = {
    "slug": "partners",
    "title": T("地域のパートナー", "Local partners"),
    "image": "partners-overview",
    "summary": T(
        "コワーキング運営者、農家、漁師、宿、寺院。ワーケーションを受け入れる和歌山の事業者です。",
        "Co-working operators, farmers, fishermen, inns and a temple: the Wakayama businesses that host workations.",
    ),
    "search": T(
        "和歌山県でワーケーションを受け入れる地域事業者の一覧。",
        "The local businesses in Wakayama that host workations.",
    ),
    "fields": {
        "intro": html(
            "掲載している事業者はすべてデモ用の架空の事業者です。各事業者は自社のページと掲載内容を管理画面から編集でき、公開前に県の編集担当が確認します。",
            "Every business listed here is a fictional demo business. Each one edits its own pages in the admin, and the prefecture's editors review every change before it goes live.",
        ),
    },
}


def partner(
    slug: str,
    name: T,
    area: str,
    summary: T,
    description: T,
    address: T,
    lat: str,
    lng: str,
    phone: str,
    picture: str,
    languages: list[str],
) -> dict[str, Any]:
    """A partner profile page spec."""
    return {
        "slug": slug,
        "title": name,
        "image": picture,
        "summary": summary,
        "search": summary,
        "area": area,
        "languages": languages,
        "fields": {
            "description": description,
            "area": area,
            "address": address,
            "latitude": lat,
            "longitude": lng,
            "phone": phone,
            "website": f"https://{slug}.example.jp/",
        },
    }


# Businesses that gave no English name or address: English pages, e-mails and receipts show
# theirs in Latin letters as a machine reads them (core.romaji); the others as the business wrote.
WITHOUT_ENGLISH = frozenset({"katsuura-minatoyado", "takahashi-ume-farm"})

PARTNERS: list[dict[str, Any]] = [
    partner(
        "nanki-bayworks",
        T("南紀ベイワークス株式会社", "Nanki Bayworks Co., Ltd."),
        "shirahama",
        T(
            "白浜・串本でコワーキングとレンタルオフィスを運営。空港のワークラウンジも手がけます。",
            "Runs co-working spaces and rental offices in Shirahama and Kushimoto, including a work lounge at the airport.",
        ),
        html(
            [
                "2016年に白浜町で創業したオフィス運営会社です。空港・海辺・岬の3拠点で、ドロップインから月額契約まで、チームの規模に合わせたワークスペースを提供しています。",
                "全拠点で回線速度を毎月計測し、結果を公開しています。適格請求書（インボイス）に対応した領収書を発行します。",
            ],
            [
                "An office operator founded in Shirahama in 2016. From three sites — the airport, the beach and the cape — it offers everything from drop-in desks to monthly contracts for teams of any size.",
                "Line speeds are measured every month at each site and published. Receipts are qualified invoices with our registration number.",
            ],
        ),
        T(
            "和歌山県西牟婁郡白浜町1234-5（架空）",
            "1234-5 Shirahama-cho, Nishimuro-gun, Wakayama (fictional)",
        ),
        "33.662400",
        "135.363900",
        "0739-00-1001",
        "bayworks-airport",
        ["ja", "en"],
    ),
    partner(
        "tanabe-machinaka-works",
        T("田辺まちなかワークス合同会社", "Tanabe Machinaka Works LLC"),
        "tanabe",
        T(
            "紀伊田辺駅前の古民家を改修したコワーキング「くまのテラス」を運営。",
            "Runs Kumano Terrace, a co-working space in a restored townhouse by Kii-Tanabe Station.",
        ),
        html(
            "商店街の空き家を地元の若手建築家と改修し、2019年にコワーキングを開きました。熊野古道へ向かう前後の拠点として、国内外のリモートワーカーが利用しています。",
            "Young local architects restored an empty shop-house on the high street, and the co-working space opened in 2019. Remote workers from Japan and abroad use it before and after walking the Kumano Kodo.",
        ),
        T("和歌山県田辺市湊2-3-4（架空）", "2-3-4 Minato, Tanabe, Wakayama (fictional)"),
        "33.734000",
        "135.380800",
        "0739-00-2002",
        "tanabe-terrace",
        ["ja", "en"],
    ),
    partner(
        "kumano-michishirube",
        T("熊野みちしるべガイド組合", "Kumano Michishirube Guides"),
        "tanabe",
        T(
            "中辺路の語り部ガイドと道普請を企画する地元ガイドの組合。近露で宿も営みます。",
            "Local guides who lead walks on the Nakahechi and organise trail repair days; they also run a guesthouse in Chikatsuyu.",
        ),
        html(
            "熊野古道沿いに暮らす12人のガイドの組合です。古道の歴史や信仰、山の暮らしを伝えるウォークのほか、森林組合と協力して道普請（古道の修繕）の受け入れを行っています。英語対応ガイドも在籍しています。",
            "Twelve guides who live along the Kumano Kodo. Besides walks on the history, faith and mountain life of the route, they work with the forestry co-operative to host trail-repair days. Some guides speak English.",
        ),
        T(
            "和歌山県田辺市中辺路町近露100（架空）",
            "100 Chikatsuyu, Nakahechi-cho, Tanabe, Wakayama (fictional)",
        ),
        "33.822600",
        "135.575300",
        "0739-00-3003",
        "michishirube-walk",
        ["ja", "en"],
    ),
    partner(
        "takahashi-ume-farm",
        T("梅の里 たかはし農園", "Takahashi Ume Farm"),
        "minabe",
        T(
            "みなべ町で三代続く南高梅の農家。収穫体験、梅干しづくり、離れのコテージ貸し出し。",
            "A third-generation Nanko-ume plum farm in Minabe: harvest days, umeboshi workshops and a cottage to rent.",
        ),
        html(
            "約3ヘクタールの梅林で南高梅を育てています。6月の収穫期には毎年ワーケーション参加者を受け入れ、午前中の収穫作業と午後の仕事を両立できるよう、離れをワークスペース付きのコテージに改装しました。",
            "We grow Nanko plums on about three hectares of hillside. Every June we host workation guests for the harvest, and we turned our annex into a cottage with a workspace so that guests can pick in the morning and work in the afternoon.",
        ),
        T(
            "和歌山県日高郡みなべ町晩稲500（架空）",
            "500 Osine, Minabe-cho, Hidaka-gun, Wakayama (fictional)",
        ),
        "33.790500",
        "135.345000",
        "0739-00-4004",
        "takahashi-grove",
        ["ja"],
    ),
    partner(
        "akizu-mikan-farm",
        T("秋津みかん農園 はまだ", "Hamada Mikan Farm, Akizu"),
        "tanabe",
        T(
            "田辺市秋津のみかん農家。収穫体験、家族と一緒の郷土料理づくり、農家民泊。",
            "A mikan farm in Akizu, Tanabe: picking, cooking local dishes with the family, and farm stays.",
        ),
        html(
            "海を見下ろす段々畑で温州みかんと梅を育てる家族経営の農園です。「農家の暮らしごと体験してほしい」と、2018年から農家民泊を始めました。",
            'A family farm growing satsuma mandarins and plums on terraces above the sea. "We want guests to share the whole of farm life", so we began taking farm-stay guests in 2018.',
        ),
        T("和歌山県田辺市秋津町800（架空）", "800 Akizu-cho, Tanabe, Wakayama (fictional)"),
        "33.745200",
        "135.405600",
        "0739-00-5005",
        "hamada-orchard",
        ["ja"],
    ),
    partner(
        "kushimoto-marine",
        T("串本マリンサービス", "Kushimoto Marine Service"),
        "kushimoto",
        T(
            "串本の海を知り尽くしたダイビングショップ兼遊漁船。ダイバー向けの宿も運営。",
            "A dive shop and fishing-boat operator that knows Kushimoto's waters, with a lodge for divers.",
        ),
        html(
            "元漁師の船長とインストラクター3人の小さなショップです。体験ダイビングから講習、朝の船釣りまで。釣った魚は提携の食堂で料理してもらえます。",
            "A small shop run by a former fisherman and three instructors: try dives, courses and early-morning boat fishing. A partner diner will cook what you catch.",
        ),
        T(
            "和歌山県東牟婁郡串本町串本2000（架空）",
            "2000 Kushimoto, Higashimuro-gun, Wakayama (fictional)",
        ),
        "33.470800",
        "135.776900",
        "0735-00-6006",
        "marine-boat",
        ["ja", "en"],
    ),
    partner(
        "katsuura-minatoyado",
        T("勝浦みなと宿", "Katsuura Minato-yado"),
        "nachikatsuura",
        T(
            "勝浦漁港の目の前の小さな宿。ワークラウンジと、朝の市場ツアー。",
            "A small inn facing Katsuura fishing port, with a work lounge and morning market tours.",
        ),
        html(
            "漁師町の空き家を改装したゲストハウスです。1階は宿泊者以外も使えるワークラウンジ、2階が客室。まぐろの競りの見学は宿の主人が案内します。",
            "A guesthouse in a converted fisherman's house: a work lounge open to everyone on the ground floor, guest rooms upstairs. The owner guides the tuna-auction tours himself.",
        ),
        T(
            "和歌山県東牟婁郡那智勝浦町築地7-1（架空）",
            "7-1 Tsukiji, Nachikatsuura-cho, Higashimuro-gun, Wakayama (fictional)",
        ),
        "33.627900",
        "135.944800",
        "0735-00-7007",
        "katsuura-port",
        ["ja", "en", "zh"],
    ),
    partner(
        "koyasan-unkaiin",
        T("高野山 雲海院", "Unkai-in, Koyasan"),
        "koyasan",
        T(
            "高野山の宿坊（架空の寺院）。朝のお勤め、写経、静かなワークルーム。",
            "A temple lodging on Koyasan (a fictional temple): morning service, sutra copying and a quiet work room.",
        ),
        html(
            "江戸時代から続くとされる宿坊（デモ用の架空の寺院）です。客殿の一室を、オンライン会議のできるワークルームとして開放しています。精進料理は季節の野菜を使い、ご要望に応じてヴィーガン対応も可能です。",
            "A temple lodging said to date from the Edo period (a fictional demo temple). One hall of the guest building is open as a work room where online calls are allowed. Shōjin meals use seasonal vegetables and can be fully vegan on request.",
        ),
        T(
            "和歌山県伊都郡高野町高野山600（架空）",
            "600 Koyasan, Koya-cho, Ito-gun, Wakayama (fictional)",
        ),
        "34.214500",
        "135.582000",
        "0736-00-8008",
        "unkaiin-hall",
        ["ja", "en", "ko"],
    ),
    partner(
        "kishu-workbase",
        T("紀州ワークベース株式会社", "Kishu Workbase Inc."),
        "wakayama-city",
        T(
            "和歌山市でコワーキング2拠点とワーケーション向けホテルを運営。",
            "Runs two co-working spaces and a workation hotel in Wakayama city.",
        ),
        html(
            "和歌山駅前と和歌山城のそばでコワーキングを運営し、2021年にはデスク付き客室のホテルを開業しました。法人契約では請求書払いにも対応しています。",
            "Runs co-working spaces by Wakayama Station and near Wakayama Castle, and in 2021 opened a hotel whose rooms all have a proper desk. Companies on a contract can pay by invoice.",
        ),
        T("和歌山県和歌山市美園町9-9（架空）", "9-9 Misono-cho, Wakayama (fictional)"),
        "34.232100",
        "135.190600",
        "073-000-9009",
        "workbase-station",
        ["ja", "en", "zh", "ko"],
    ),
    partner(
        "shiosai-ryokan",
        T("潮騒の宿 しらら", "Shiosai no Yado Shirara"),
        "shirahama",
        T(
            "白良浜まで徒歩3分の温泉旅館。全室に書斎机、ワーケーションプランあり。",
            "An onsen ryokan three minutes' walk from Shirarahama, with a writing desk in every room and workation plans.",
        ),
        html(
            "源泉かけ流しの露天風呂をもつ、客室18室の旅館です。連泊のお客様向けに、朝食のみのワーケーションプランと、客室の書斎机・モニター貸し出しをご用意しています。",
            "An 18-room ryokan with open-air baths fed straight from the spring. Guests staying several nights can choose a breakfast-only workation plan and borrow a monitor for the writing desk in their room.",
        ),
        T(
            "和歌山県西牟婁郡白浜町3000-1（架空）",
            "3000-1 Shirahama-cho, Nishimuro-gun, Wakayama (fictional)",
        ),
        "33.681200",
        "135.340800",
        "0739-00-1010",
        "shiosai-bath",
        ["ja", "en"],
    ),
]
