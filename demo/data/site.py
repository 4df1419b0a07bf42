"""The home page, the section indexes, the consultation form, site settings and navigation."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import T, block, cta, facts, heading, html, paragraph, quote

SITE_NAME = "わかやまワーケーション"


def pitch(icon: str, title: T, text: T) -> dict[str, Any]:
    """A pitch block: one reason to come."""
    return block("reason", {"icon": icon, "title": title, "text": text})


HOME: dict[str, Any] = {
    "slug": "wakayama",
    "title": T("わかやまワーケーション", "Wakayama Workation"),
    "image": "home-hero",
    "summary": T(
        "ワーケーション発祥の地・和歌山。オフィス、宿、地域の体験を探して予約できます。",
        "Wakayama, where workation began in Japan: find and book offices, stays and local experiences.",
    ),
    "search": T(
        "和歌山県のワーケーション公式サイト（デモ）。白浜・熊野古道・高野山などのコワーキング、宿泊、地域体験の予約と企業向け相談。",
        "Wakayama Prefecture's workation site (demo): co-working, stays and local experiences in Shirahama, on the Kumano Kodo, on Koyasan and more, with help for companies.",
    ),
    "fields": {
        "hero_title": T(
            "仕事はいつもどおり。景色と時間の流れが変わる。",
            "Work as usual. Only the view changes.",
        ),
        "hero_lead": T(
            "羽田から約1時間。海と山と温泉の和歌山で、チームのワーケーションを。2017年度から続く県の取り組みが、企業の滞在を支えます。",
            "An hour from Haneda: bring your team to Wakayama's sea, mountains and hot springs, with a prefecture that has supported company workations since FY2017.",
        ),
        "hero_image": "home-hero",
        "hero_cta_page": "consultation",
        "hero_cta_label": T("企業向けの相談はこちら", "Plan a company workation"),
        "pitch": [
            pitch(
                "access",
                T("羽田から約1時間", "About an hour from Haneda"),
                T(
                    "南紀白浜空港まで飛行機で約1時間。空港の展望広場にはコワーキングがあり、着いたその日から働けます。大阪からは特急で1〜2時間。",
                    "Nanki-Shirahama is about an hour's flight from Haneda, and there is co-working right on the airport's observation plaza. From Osaka it is one to two hours by limited express.",
                ),
            ),
            pitch(
                "network",
                T("企業と地域がつながる", "Companies and communities connected"),
                T(
                    "2017〜2019年度に104社・910人が参加。白浜のITビジネスオフィスには多くの企業が拠点を構え、地域の事業者との協業も生まれています。",
                    "104 companies and 910 people took part from FY2017 to FY2019. Many firms keep offices at Shirahama's IT business office, and work with local businesses has followed.",
                ),
            ),
            pitch(
                "nature",
                T("海・山・温泉・世界遺産", "Sea, mountains, onsen, World Heritage"),
                T(
                    "白浜の海と温泉、熊野古道、高野山。仕事の前後に、その土地でしかできない時間を過ごせます。",
                    "Shirahama's beaches and onsen, the Kumano Kodo, Koyasan: before and after work, time you can spend nowhere else.",
                ),
            ),
            pitch(
                "support",
                T("県が滞在を支援", "Support from the prefecture"),
                T(
                    "コーディネーターが宿・食事・移動・体験を手配。お試し期間のコワーキング無料利用や、1泊3,000〜5,000円の宿泊補助がある年度もあります。",
                    "Coordinators arrange lodging, meals, transport and experiences; in some years there is free co-working on trial stays and a lodging subsidy of ¥3,000–5,000 a night.",
                ),
            ),
        ],
        "body": [
            heading("ワーケーション発祥の地から", "From the birthplace of workation"),
            paragraph(
                [
                    "和歌山県は2017年度からワーケーションに取り組み、2019年には長野県とともにワーケーション・アライアンス・ジャパンを設立しました。県のプログラムは企業のためのものです。出張型のワーケーションや目的に合わせたプログラムを、コーディネーターが一緒に組み立てます。",
                ],
                [
                    "Wakayama has worked on workation since FY2017 and co-founded the Workation Alliance Japan with Nagano in 2019. Its programme is built for companies: coordinators help design business-trip workations and programmes made to measure.",
                ],
            ),
            facts(
                T("和歌山のワーケーション", "Workation in Wakayama"),
                [
                    (T("開始", "Since"), T("2017年度", "FY2017")),
                    (
                        T("参加企業・人数（2017〜2019年度）", "Companies and people (FY2017–2019)"),
                        T("104社・910人", "104 companies, 910 people"),
                    ),
                    (
                        T("羽田→南紀白浜", "Haneda → Nanki-Shirahama"),
                        T("飛行機で約1時間", "About 1 hour by air"),
                    ),
                    (
                        T("宿泊補助（実施年度）", "Lodging subsidy (when offered)"),
                        T("1泊3,000〜5,000円", "¥3,000–5,000 a night"),
                    ),
                ],
            ),
            quote(
                T(
                    "海の見えるオフィスで、チームの会話が増えました。",
                    "In an office with a sea view, our team started talking more.",
                ),
                T("参加企業（白浜・デモ）", "A participating company (Shirahama, demo)"),
            ),
            cta(
                T(
                    "チームの人数と時期が決まっていなくても大丈夫です。まずはご相談ください。",
                    "No need to know your dates or numbers yet — just ask.",
                ),
                "consultation",
                T("相談する", "Ask us"),
            ),
        ],
    },
}

LISTING_INDEXES: list[dict[str, Any]] = [
    {
        "slug": "offices",
        "title": T("オフィス・コワーキング", "Offices and co-working"),
        "image": "offices-index",
        "menu": True,
        "summary": T(
            "回線速度を実測したコワーキングとレンタルオフィス。防音ブース、会議室、営業時間で選べます。",
            "Co-working spaces and offices with measured line speeds; choose by call booths, meeting rooms and hours.",
        ),
        "search": T(
            "和歌山県のコワーキングスペース一覧。Wi-Fi速度（上り・下り・遅延）、防音ブース、会議室、料金。",
            "Co-working in Wakayama: measured Wi-Fi (download, upload, latency), call booths, meeting rooms and prices.",
        ),
        "fields": {
            "kind": "office",
            "intro": html(
                "掲載しているWi-Fi速度は、各施設で計測した実測値（計測日を併記）です。料金はすべて税込です。",
                "Wi-Fi speeds are measured at each site, with the date of the measurement. All prices include tax.",
            ),
        },
    },
    {
        "slug": "experiences",
        "title": T("地域の体験", "Local experiences"),
        "image": "experiences-index",
        "menu": True,
        "summary": T(
            "梅・みかんの収穫、古道ウォーク、道普請、宿坊の朝、船釣り、ダイビング。",
            "Plum and mikan picking, trail walks and repair, temple mornings, fishing and diving.",
        ),
        "search": T(
            "和歌山県の地域体験。農業体験、熊野古道ガイドウォーク、道普請、宿坊、釣り、ダイビング、郷土料理。",
            "Local experiences in Wakayama: farm work, guided Kumano Kodo walks, trail repair, temple stays, fishing, diving and cooking.",
        ),
        "fields": {
            "kind": "experience",
            "intro": html(
                "仕事の前後に参加できる、短時間の体験を中心に紹介しています。料金は1人あたりの税込価格です。",
                "Mostly short experiences you can fit around work. Prices are per person, tax included.",
            ),
        },
    },
    {
        "slug": "stays",
        "title": T("宿泊", "Stays"),
        "image": "stays-index",
        "menu": True,
        "summary": T(
            "温泉旅館、宿坊、港のゲストハウス、農家のコテージ、デスク付きのホテル。",
            "Onsen ryokan, temple lodgings, harbour guesthouses, a farm cottage and hotels with proper desks.",
        ),
        "search": T(
            "和歌山県のワーケーション向け宿泊施設。旅館、宿坊、ゲストハウス、コテージ、ホテル。",
            "Workation-friendly stays in Wakayama: ryokan, temple lodgings, guesthouses, cottages and hotels.",
        ),
        "fields": {
            "kind": "stay",
            "intro": html(
                "料金は税込です。温泉地の宿泊施設では、別途入湯税（通常1人1泊150円）がかかります。",
                "Prices include tax. Onsen lodgings add the bath tax, usually ¥150 per person per night.",
            ),
        },
    },
]

AREAS_OF_INTEREST = T(
    "白浜\n田辺・熊野古道\n高野山\n和歌山市\n那智勝浦\n串本\nみなべ\nまだ決めていない",
    "Shirahama\nTanabe and the Kumano Kodo\nKoyasan\nWakayama city\nNachikatsuura\nKushimoto\nMinabe\nNot decided yet",
)


def field(
    name: str,
    label: T,
    field_type: str,
    required: bool = True,
    help_text: T | None = None,
    choices: T | None = None,
) -> dict[str, Any]:
    """A consultation form field; `name` is its stable key in submissions, in every language."""
    return {
        "clean_name": name,
        "label": label,
        "field_type": field_type,
        "required": required,
        "help_text": help_text or T("", ""),
        "choices": choices or T("", ""),
    }


CONSULTATION: dict[str, Any] = {
    "slug": "consultation",
    "title": T("ワーケーションの相談", "Plan a workation"),
    "image": "consultation",
    "menu": True,
    "summary": T(
        "企業・団体のワーケーションを、県のコーディネーターが無料でお手伝いします。",
        "The prefecture's coordinators help companies and organisations plan a workation, free of charge.",
    ),
    "search": T(
        "和歌山県のワーケーション相談窓口。企業・団体向け、宿泊・オフィス・体験の手配、補助制度の案内。",
        "Wakayama's workation desk for companies: lodging, offices, experiences and subsidies.",
    ),
    "form_fields": [
        field("company", T("会社・団体名", "Company or organisation"), "singleline"),
        field("name", T("お名前", "Your name"), "singleline"),
        field("email", T("メールアドレス", "E-mail"), "email"),
        field(
            "phone",
            T("電話番号", "Phone"),
            "singleline",
            required=False,
            help_text=T("日中に連絡のつく番号", "A number we can reach during the day"),
        ),
        field(
            "team_size",
            T("参加予定人数", "Team size"),
            "number",
            help_text=T("おおよその人数で構いません", "An estimate is fine"),
        ),
        field("start_date", T("希望開始日", "Preferred start date"), "date", required=False),
        field("end_date", T("希望終了日", "Preferred end date"), "date", required=False),
        field(
            "areas",
            T("関心のあるエリア", "Areas of interest"),
            "checkboxes",
            required=False,
            choices=AREAS_OF_INTEREST,
        ),
        field(
            "message",
            T("ご相談内容", "Message"),
            "multiline",
            help_text=T(
                "目的、予算、必要な設備などをご記入ください",
                "Tell us your aims, budget and what you need",
            ),
        ),
        field(
            "consent",
            T("個人情報の取り扱いに同意します", "I agree to the privacy policy"),
            "checkbox",
            help_text=T("プライバシーポリシーをご確認ください", "Please read the privacy policy"),
        ),
    ],
    "fields": {
        "intro": html(
            [
                "人数や時期、目的が決まっていなくても構いません。県のコーディネーターが、オフィス・宿・移動・地域の体験の組み合わせと、利用できる支援制度をご案内します。",
                "通常、3営業日以内にご連絡します。",
            ],
            [
                "You don't need dates, numbers or a firm aim yet. The prefecture's coordinators will suggest offices, stays, transport and local experiences, and tell you which support you can use.",
                "We usually reply within three working days.",
            ],
        ),
        "thank_you_text": html(
            "ご相談ありがとうございました。担当のコーディネーターから3営業日以内にご連絡します。お急ぎの場合はお電話（073-000-0000、平日9:00〜17:45）でお問い合わせください。",
            "Thank you. A coordinator will contact you within three working days. If it is urgent, call us on +81 73-000-0000 (weekdays 9:00–17:45).",
        ),
    },
}

SITE_SETTINGS: dict[str, Any] = {
    "organisation_name": "和歌山県 ワーケーション推進室（デモ）",
    "organisation_name_en": "Wakayama Prefecture Workation Office (demo)",
    "tagline": "ワーケーション発祥の地、和歌山へ。",
    "tagline_en": "Wakayama, where workation began in Japan.",
    "email": "workation@example.jp",
    "phone": "073-000-0000",
    "address": "〒640-0000 和歌山県和歌山市小松原通1-1（架空）",
    "address_en": "1-1 Komatsubara-dori, Wakayama 640-0000, Japan (fictional)",
    "opening_hours": "平日 9:00〜17:45（土日祝・年末年始を除く） / Weekdays 9:00–17:45",
    "seller_name": "一般社団法人わかやまワーケーション推進機構（架空）",
    "seller_representative": "代表理事 紀ノ川 一郎（架空）",
    "seller_address": "〒640-0000 和歌山県和歌山市小松原通1-1 県庁南別館2階（架空）",
    "seller_phone": "073-000-0001",
    "seller_email": "booking@example.jp",
    "invoice_registration_number": "T9234567890123",
    "price_notes": "各プラン・施設のページに税込価格で表示しています。消費税10%（軽減税率対象の飲食料品は8%）を含みます。",
    "extra_charges": "現地までの交通費、入湯税（温泉地の宿泊施設で1人1泊150円が一般的）、各施設が定めるオプション料金。",
    "service_timing": "予約した日時に、各施設・事業者が提供します。予約確定後、確認メールと領収書（適格請求書）をお送りします。",
    "x_url": "https://x.com/example",
    "instagram_url": "https://www.instagram.com/example/",
    "facebook_url": "",
}

HEADER_LINKS = ["areas", "offices", "experiences", "stays", "stories", "plans", "consultation"]
FOOTER_LINKS = ["privacy", "terms", "commerce", "accessibility", "partners"]
