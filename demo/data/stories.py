"""Stories: case studies of fictional companies, programme news, and events (past and coming)."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import T, bullets, cta, facts, heading, html, image, paragraph, quote

STORY_INDEX: dict[str, Any] = {
    "slug": "stories",
    "title": T("ストーリー", "Stories"),
    "image": "stories-index",
    "menu": True,
    "summary": T(
        "参加企業の事例、お知らせ、イベント情報。", "Company case studies, news and events."
    ),
    "search": T(
        "和歌山ワーケーションの企業事例、ニュース、イベント。",
        "Case studies, news and events from Wakayama's workation programme.",
    ),
    "fields": {
        "intro": html(
            "和歌山でワーケーションを実施した企業の事例と、県の取り組みのお知らせ、イベント情報です。掲載企業はデモ用の架空の企業です。",
            "Case studies of companies that worked from Wakayama, news of the prefecture's programme, and events. The companies are fictional demo companies.",
        ),
    },
}


def story(slug: str, kind: str, date: str, title: T, **spec: Any) -> dict[str, Any]:
    """A story page spec."""
    return {
        "slug": slug,
        "title": title,
        "image": spec.pop("image"),
        "summary": spec["summary"],
        "search": spec.pop("summary"),
        "tags": spec.pop("tags"),
        "fields": {"kind": kind, "date": date, **spec},
    }


STORIES: list[dict[str, Any]] = [
    story(
        "bluecode-shirahama-two-weeks",
        "case_study",
        "2026-03-12",
        T(
            "開発チーム8人が白浜で2週間。リリース前の集中期間をワーケーションに",
            "Eight developers, two weeks in Shirahama: a release crunch as a workation",
        ),
        image="story-team",
        company=T("株式会社ブルーコード（架空）", "BlueCode Inc. (fictional)"),
        summary=T(
            "東京のSaaS企業が、リリース前の2週間を白浜で過ごしました。会議は午前に集中、午後は各自の開発に。",
            "A Tokyo SaaS company spent the two weeks before a release in Shirahama: meetings in the morning, heads-down development after lunch.",
        ),
        tags=[T("事例", "case study"), T("白浜", "Shirahama"), T("チーム", "teams")],
        body=[
            paragraph(
                "株式会社ブルーコード（東京都、社員45名・デモ用の架空企業）は、2026年2月、開発チーム8人で白浜町に2週間滞在しました。拠点は空港直結のコワーキングと、白良浜近くの旅館です。",
                "In February 2026 BlueCode Inc. (Tokyo, 45 staff — a fictional demo company) sent its eight-person development team to Shirahama for two weeks, working from the airport co-working space and staying at a ryokan near Shirarahama.",
            ),
            facts(
                T("概要", "At a glance"),
                [
                    (
                        T("人数", "People"),
                        T(
                            "8人（エンジニア6人、デザイナー、PM）",
                            "8 (six engineers, a designer, a PM)",
                        ),
                    ),
                    (T("期間", "Length"), T("13泊14日", "14 days, 13 nights")),
                    (
                        T("費用（1人あたり）", "Cost per person"),
                        T(
                            "約19万円（交通・宿泊・オフィス）",
                            "About ¥190,000 (travel, lodging, office)",
                        ),
                    ),
                    (
                        T("利用した支援", "Support used"),
                        T("宿泊補助 1泊3,000円", "Lodging subsidy of ¥3,000 a night"),
                    ),
                ],
            ),
            quote(
                T(
                    "毎朝、海沿いを歩いてからスタンドアップをするようになって、議論が短くなりました。リリースは予定どおりでした。",
                    "We started walking along the beach before each stand-up, and the discussions got shorter. We shipped on schedule.",
                ),
                T("開発マネージャー", "Engineering manager"),
            ),
            heading("うまくいったこと", "What worked"),
            bullets(
                [
                    "会議は10〜12時に集中、午後は会議なし",
                    "防音ブースを予約制にして、顧客との打ち合わせを確保",
                    "週末は熊野古道の道普請に全員で参加",
                ],
                [
                    "Meetings only between 10 and 12, none in the afternoon",
                    "Soundproof booths booked ahead for client calls",
                    "Everyone joined a trail-repair day on the Kumano Kodo at the weekend",
                ],
            ),
        ],
    ),
    story(
        "mirai-sekkei-koyasan-offsite",
        "case_study",
        "2026-06-20",
        T(
            "宿坊で3日間のオフサイト。設計事務所が中期計画を練る",
            "A three-day off-site in a temple lodging: an architects' office plans its next three years",
        ),
        image="koyasan-temple",
        company=T("合同会社ミライ設計（架空）", "Mirai Sekkei LLC (fictional)"),
        summary=T(
            "大阪の設計事務所12人が、高野山の宿坊で中期計画をまとめました。朝のお勤めが議論の質を変えたといいます。",
            "Twelve architects from Osaka wrote their three-year plan in a Koyasan temple lodging — and say the morning service changed how they talked.",
        ),
        tags=[T("事例", "case study"), T("高野山", "Koyasan"), T("合宿", "off-site")],
        body=[
            paragraph(
                "なんばから1時間40分。合同会社ミライ設計（大阪市・デモ用の架空企業）は、所員12人で高野山の宿坊に2泊し、中期計画のワークショップを行いました。",
                "An hour and forty minutes from Namba, Mirai Sekkei LLC (Osaka — a fictional demo company) took all twelve staff to a Koyasan temple lodging for two nights to work on its three-year plan.",
            ),
            quote(
                T(
                    "6時のお勤めに全員で座ってから始めると、誰も結論を急がなくなりました。",
                    "Starting after sitting through the 6 a.m. service together, nobody rushed to conclusions.",
                ),
                T("代表社員", "Managing partner"),
            ),
        ],
    ),
    story(
        "naminori-lab-minabe-harvest",
        "case_study",
        "2025-07-08",
        T(
            "梅の収穫を手伝いながら働く。マーケティング会社の1週間",
            "Picking plums and working: a marketing firm's week in Minabe",
        ),
        image="minabe-ume",
        company=T("株式会社ナミノリ・ラボ（架空）", "Naminori Lab Inc. (fictional)"),
        summary=T(
            "午前は梅農家の収穫、午後はリモートワーク。社員5人が農家の人手不足と自社の働き方を同時に考えました。",
            "Harvest in the morning, remote work in the afternoon: five staff thought about farm labour shortages and their own way of working.",
        ),
        tags=[T("事例", "case study"), T("みなべ", "Minabe"), T("農業", "farming")],
        body=[
            paragraph(
                "みなべ町の収穫ワーケーションには、3年間で977人が参加しました。株式会社ナミノリ・ラボ（京都市・デモ用の架空企業）もその一社です。",
                "977 people joined Minabe's harvest workations over three years; Naminori Lab Inc. (Kyoto — a fictional demo company) was among them.",
            ),
            paragraph(
                "「農家さんの課題を聞くうちに、新しい販路の企画が生まれました」。滞在後、同社は農園の通販サイトの改善を受託しています。",
                '"Listening to the farmers, we came up with a new way to sell their plums." After the stay the company was hired to rework the farm\'s online shop.',
            ),
        ],
    ),
    story(
        "wakayama-workation-since-2017",
        "news",
        "2026-04-01",
        T(
            "和歌山県のワーケーション：2017年度からのあゆみ",
            "Wakayama's workation programme since FY2017",
        ),
        image="shirahama-coast",
        summary=T(
            "「ワーケーション発祥の地」を掲げる和歌山県の取り組みを、数字とともに振り返ります。",
            "A look back, with figures, at the programme of the prefecture that calls itself the birthplace of workation in Japan.",
        ),
        tags=[T("お知らせ", "news"), T("県の取り組み", "programme")],
        body=[
            paragraph(
                [
                    "和歌山県は2017年度からワーケーションの推進に取り組み、2019年には長野県とともに「ワーケーション・アライアンス・ジャパン」を設立しました。",
                    "2017年度から2019年度までの3年間で、104社・910人がワーケーションに参加しています。",
                ],
                [
                    "Wakayama has promoted workation since FY2017, and in 2019 it co-founded the Workation Alliance Japan with Nagano.",
                    "Between FY2017 and FY2019, 104 companies and 910 people took part.",
                ],
            ),
            facts(
                T("数字で見る和歌山のワーケーション", "Wakayama's workation in figures"),
                [
                    (T("開始", "Started"), T("2017年度", "FY2017")),
                    (T("参加企業（2017〜2019年度）", "Companies (FY2017–2019)"), T("104社", "104")),
                    (T("参加者（2017〜2019年度）", "People (FY2017–2019)"), T("910人", "910")),
                    (
                        T("ワーケーション・アライアンス・ジャパン", "Workation Alliance Japan"),
                        T("2019年、長野県と設立", "Founded with Nagano in 2019"),
                    ),
                ],
            ),
            paragraph(
                "県のプログラムは企業を中心に設計されています。出張型のワーケーションや、目的に合わせたオーダーメイドのプログラムを、コーディネーターが宿泊・食事・移動・体験まで含めて手配します。",
                "The programme puts companies first: business-trip workations and made-to-measure programmes, with coordinators who arrange lodging, meals, transport and experiences.",
            ),
        ],
    ),
    story(
        "trial-programme-2026",
        "news",
        "2026-05-15",
        T(
            "2026年度 お試しワーケーション・モニター企業を募集します",
            "Trial workations and monitor companies wanted for FY2026",
        ),
        image="story-team",
        summary=T(
            "コワーキング無料、宿泊補助1泊3,000〜5,000円。レポートを公開するモニター企業には謝礼もあります。",
            "Free co-working and a lodging subsidy of ¥3,000–5,000 a night; monitor companies that publish a report are paid.",
        ),
        tags=[T("お知らせ", "news"), T("補助", "support")],
        body=[
            paragraph(
                "和歌山県内でワーケーションを試してみたい企業を募集します（デモ用のお知らせです）。",
                "We are looking for companies that want to try a workation in Wakayama (a demo announcement).",
            ),
            bullets(
                [
                    "対象：県外に本社のある企業・団体（2名以上）",
                    "内容：県内の提携コワーキングの無料利用（最大5日）、宿泊補助（1人1泊3,000〜5,000円、最大4泊）",
                    "モニター企業：滞在レポートを公開いただける企業には謝礼をお支払いします",
                    "募集期間：2026年6月1日〜2027年1月31日（予算がなくなり次第終了）",
                ],
                [
                    "Who: companies and organisations based outside Wakayama (two people or more)",
                    "What: free use of partner co-working spaces (up to 5 days) and a lodging subsidy of ¥3,000–5,000 per person per night (up to 4 nights)",
                    "Monitor companies: we pay companies that publish a report of their stay",
                    "When: 1 June 2026 to 31 January 2027, or until the budget runs out",
                ],
            ),
            cta(
                T(
                    "まずは相談フォームからお問い合わせください。",
                    "Start with the consultation form.",
                ),
                "consultation",
                T("相談する", "Ask us"),
            ),
        ],
    ),
    story(
        "workation-forum-shirahama-2027",
        "event",
        "2026-11-10",
        T("ワーケーション・フォーラム in 白浜 2027", "Workation Forum in Shirahama 2027"),
        image="story-forum",
        summary=T(
            "ワーケーションを導入した企業と受け入れ地域が集まるフォーラム。空港のワークラウンジで開催します。",
            "Companies that use workations and the areas that host them meet at the airport work lounge.",
        ),
        tags=[T("イベント", "events"), T("白浜", "Shirahama")],
        event_start="2027-01-28T13:00:00+09:00",
        event_end="2027-01-28T17:30:00+09:00",
        event_location=T(
            "白浜スカイデスク（南紀白浜空港）", "Shirahama Sky Desk, Nanki-Shirahama Airport"
        ),
        body=[
            paragraph(
                "参加無料・定員80名（先着順）。企業の人事・総務担当者と、県内の受け入れ事業者による事例発表とパネルディスカッションを行います。終了後は交流会（会費3,000円）。",
                "Free, 80 places (first come, first served). Case studies and a panel with HR and general-affairs managers and Wakayama's host businesses, followed by a networking reception (¥3,000).",
            ),
            bullets(
                [
                    "13:00 開会・県の取り組み紹介",
                    "13:30 企業事例（3社）",
                    "15:00 パネルディスカッション",
                    "16:30 交流会",
                ],
                [
                    "13:00 Opening: the prefecture's programme",
                    "13:30 Case studies (three companies)",
                    "15:00 Panel discussion",
                    "16:30 Networking",
                ],
            ),
            cta(
                T(
                    "参加のお申し込みは相談フォームから。",
                    "Register through the consultation form.",
                ),
                "consultation",
                T("申し込む", "Register"),
            ),
        ],
    ),
    story(
        "michibushin-day-2026",
        "event",
        "2026-09-20",
        T(
            "企業で参加する道普請デー 2026（終了しました）",
            "Company trail-repair day 2026 (past event)",
        ),
        image="story-repair",
        summary=T(
            "7社42人が熊野古道・中辺路の修繕に参加しました。",
            "42 people from seven companies repaired part of the Kumano Kodo Nakahechi route.",
        ),
        tags=[T("イベント", "events"), T("熊野古道", "Kumano Kodo"), T("地域貢献", "volunteering")],
        event_start="2026-10-17T09:00:00+09:00",
        event_end="2026-10-17T15:00:00+09:00",
        event_location=T("熊野古道 中辺路 近露王子周辺", "Around Chikatsuyu-oji on the Nakahechi"),
        body=[
            paragraph(
                "10月17日、県内外の7社から42人が参加し、台風で崩れた約200mの区間に土を入れ、排水路を整えました。ご参加ありがとうございました。",
                "On 17 October, 42 people from seven companies filled and drained about 200 metres of trail damaged by a typhoon. Thank you to everyone who came.",
            ),
            image("story-repair", T("修繕を終えた古道", "The trail after the repair")),
        ],
    ),
    story(
        "ume-blossom-workation-2027",
        "event",
        "2026-11-20",
        T("梅の花ワーケーション体験会 2027", "Plum-blossom workation weekend 2027"),
        image="minabe-ume",
        summary=T(
            "満開の梅林を歩き、農家の離れで働く1泊2日の体験会。",
            "A weekend of walking through blossoming groves and working from a farm annex.",
        ),
        tags=[T("イベント", "events"), T("みなべ", "Minabe")],
        event_start="2027-02-20T10:00:00+09:00",
        event_end="2027-02-21T15:00:00+09:00",
        event_location=T(
            "みなべ町 たかはし農園ほか", "Takahashi Ume Farm and other venues, Minabe"
        ),
        body=[
            paragraph(
                "参加費12,000円（1泊2食・体験料込み、交通費別）。定員20名。",
                "¥12,000 including one night, two meals and the activities (travel not included). 20 places.",
            ),
        ],
    ),
]
