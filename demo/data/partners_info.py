"""The "list your business" page: the demo operator's terms for businesses that want to list (the
one place the site states them: there is no fee setting), who can list and what they need. The
page itself adds the approval steps and the button to the application form."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import T, bullets, facts, faq, heading, paragraph

LIST_YOUR_BUSINESS: dict[str, Any] = {
    "slug": "list-your-business",
    "title": T("掲載をご希望の事業者様へ", "List your business"),
    "image": "partners-overview",
    "summary": T(
        "和歌山県内で体験・宿泊・ワークスペースを提供する事業者様は、このサイトに無料で掲載し、オンラインで予約を受け付けられます。",
        "Businesses in Wakayama that offer experiences, stays or workspaces can list them here free of charge and take bookings online.",
    ),
    "search": T(
        "わかやまワーケーションへの掲載方法。掲載料金、掲載できる事業者、申請に必要なもの、審査の流れ。",
        "How to list your business on Wakayama Workation: what it costs, who can list, what you need and how approval works.",
    ),
    "fields": {
        "body": [
            heading("掲載にかかる費用", "What it costs"),
            facts(
                T("料金（デモの運営者の条件）", "Fees (the demo operator's terms)"),
                [
                    (T("掲載料・登録料", "Listing and sign-up"), T("無料", "Free")),
                    (T("月額料金", "Monthly fee"), T("なし", "None")),
                    (
                        T("販売手数料", "Commission"),
                        T(
                            "予約代金（税込）の10％（予約が成立した分のみ）",
                            "10% of each booking's price, tax incl. (bookings made only)",
                        ),
                    ),
                    (
                        T("カード決済手数料", "Card payment fees"),
                        T("販売手数料に含む", "Included in the commission"),
                    ),
                ],
            ),
            paragraph(
                "上記は、このデモサイトの運営者（架空）の条件です。お客様はサイト上でカード決済し、販売者はお客様の事業者様です（領収書にも事業者名と登録番号が記載されます）。売上の受け取り方法（振込先の登録）は準備中です。",
                "These are the terms of this demo site's (fictional) operator. Guests pay by card on the site, and your business is the seller (its name and registration number are on the receipts). How sales are paid out to you (registering a bank account) is coming soon.",
            ),
            heading("掲載できる事業者", "Who can list"),
            bullets(
                [
                    "和歌山県内で、ワーケーションで訪れる方に向けたサービスを提供する事業者・団体（個人事業主を含む）",
                    "ワークスペース：コワーキングスペース、レンタルオフィス、仕事のできる席や個室のある施設",
                    "宿泊：旅館業法の許可（旅館・ホテル営業、簡易宿所営業）または住宅宿泊事業の届出のある宿",
                    "体験：農業・漁業の体験、ガイドウォーク、文化・食の体験など、地域の事業者が催行するもの",
                ],
                [
                    "Businesses and organisations in Wakayama Prefecture (sole traders included) that serve people on a workation",
                    "Workspaces: co-working spaces, rental offices, places with desks or private rooms to work in",
                    "Stays: inns with a licence under the Hotel Business Act (ryokan/hotel or simple lodging) or a private-lodging (minpaku) notification",
                    "Experiences: farm and fishing experiences, guided walks, culture and food, run by a local business",
                ],
            ),
            heading("申請に必要なもの", "What you need"),
            bullets(
                [
                    "事業者名（英語名があれば併せて）、所在地、電話番号、ウェブサイト",
                    "事業の紹介（どんな体験・宿泊・ワークスペースを提供するか）",
                    "適格請求書発行事業者の登録番号（T＋13桁、登録している場合）：お客様の領収書に記載します",
                    "宿泊施設の場合：旅館業の許可番号（または住宅宿泊事業の届出番号）。審査の際に編集担当からお尋ねします",
                    "ご担当者のお名前とメールアドレス：承認後、このアドレスに管理画面への招待が届きます",
                ],
                [
                    "Your business's name (and its English name, if it has one), address, phone number and website",
                    "A description of what you offer: the experience, stay or workspace",
                    "Your qualified-invoice registration number (T and 13 digits, if you are registered): it is printed on guests' receipts",
                    "For stays: your licence number under the Hotel Business Act (or your minpaku notification number); the editors ask for it during the review",
                    "The contact person's name and e-mail address: the invitation to the partner area is sent there once you are approved",
                ],
            ),
            faq(
                T("よくある質問", "Questions"),
                [
                    (
                        T("審査ではどんな点を確認しますか？", "What does the review check?"),
                        T(
                            "県内の事業者であること、ワーケーションで訪れる方に提供できる内容であること、宿泊施設は必要な許可や届出があることを確認します。",
                            "That the business is in the prefecture, that what it offers suits people on a workation, and that stays hold the licence or notification they need.",
                        ),
                    ),
                    (
                        T("ページの内容は自分で編集できますか？", "Can I edit my pages myself?"),
                        T(
                            "はい。管理画面から事業者ページと掲載ページを編集し、料金や日程を登録できます。公開の前に、編集担当が内容を確認します。",
                            "Yes. In the partner area you edit your profile and listing pages and set prices and dates. The editors check each page before it goes live.",
                        ),
                    ),
                    (
                        T("掲載をやめたいときは？", "What if I want to stop listing?"),
                        T(
                            "編集担当にご連絡ください。すでに受け付けた予約は、ご案内どおりに提供していただきます。",
                            "Tell the editors. Bookings already made are to be honoured as described.",
                        ),
                    ),
                ],
            ),
        ],
    },
}
