"""The information pages: privacy policy, terms of use, commerce disclosure, accessibility."""
# ruff: noqa: E501  (prose: long Japanese and English sentences stay on one line)

from typing import Any

from demo.text import T, bullets, heading, paragraph

UPDATED = "2026-11-01"


def info(
    slug: str, title: T, summary: T, body: list[dict[str, Any]], disclosure: str = ""
) -> dict[str, Any]:
    """An information page spec."""
    return {
        "slug": slug,
        "title": title,
        "image": "info",
        "summary": summary,
        "search": summary,
        "fields": {"body": body, "disclosure": disclosure, "last_updated": UPDATED},
    }


PRIVACY = info(
    "privacy",
    T("プライバシーポリシー", "Privacy policy"),
    T(
        "本サイトにおける個人情報の取り扱いについて定めています。",
        "How this site handles personal information.",
    ),
    [
        paragraph(
            "一般社団法人わかやまワーケーション推進機構（以下「当機構」）は、本サイト「わかやまワーケーション」（デモ）における利用者の個人情報を、個人情報の保護に関する法律その他の関係法令に従い、以下のとおり取り扱います。",
            'The Wakayama Workation Promotion Association ("we") handles the personal information of users of this site, Wakayama Workation (demo), in accordance with Japan\'s Act on the Protection of Personal Information and related laws, as follows.',
        ),
        heading("1. 取得する情報", "1. What we collect"),
        bullets(
            [
                "相談フォーム・予約時に入力された氏名、フリガナ、会社名、メールアドレス、電話番号、住所、人数、日程、ご相談内容",
                "宿泊予約の際に旅館業法に基づき必要となる宿泊者名簿の事項（氏名、住所、連絡先、外国籍の方は国籍・旅券番号）",
                "決済に関する情報（カード番号は当機構では保持せず、決済代行事業者が管理します）",
                "アクセスログ、Cookie等の端末情報",
            ],
            [
                "Name, name in kana, company, e-mail, phone, address, party size, dates and message entered in the consultation form or when booking",
                "The guest-register details required by the Hotel Business Act when you book a stay (name, address, contact details; for foreign nationals, nationality and passport number)",
                "Payment information (we never hold card numbers; our payment provider does)",
                "Access logs, cookies and similar device information",
            ],
        ),
        heading("2. 利用目的", "2. Why we use it"),
        bullets(
            [
                "ご相談への回答、ワーケーションの企画・手配",
                "予約の受付、確認・変更・取消の連絡、領収書の発行",
                "予約先の施設・事業者への必要な情報の提供",
                "サービスの改善と統計の作成（個人を特定しない形に加工します）",
                "法令に基づく対応",
            ],
            [
                "To answer enquiries and plan or arrange workations",
                "To take bookings, confirm, change or cancel them, and issue receipts",
                "To give the booked business the information it needs",
                "To improve the service and compile statistics (in a form that identifies no one)",
                "To meet legal obligations",
            ],
        ),
        heading("3. 第三者への提供", "3. Sharing with third parties"),
        paragraph(
            "法令に基づく場合を除き、本人の同意なく個人情報を第三者に提供しません。ただし、予約の履行に必要な範囲で予約先の施設・事業者に、決済に必要な範囲で決済代行事業者（Stripe, Inc.）に提供します。決済代行事業者は外国にある第三者にあたるため、同社の個人情報保護の措置は同社のプライバシーポリシーをご確認ください。",
            "We share personal information with third parties only with your consent or where the law requires, except that we give the booked business what it needs to provide the service and our payment provider (Stripe, Inc.) what it needs to take payment. Stripe is a third party located abroad; see its privacy policy for how it protects your information.",
        ),
        heading("4. 安全管理と保存期間", "4. Security and retention"),
        paragraph(
            "個人情報への不正アクセス、漏えい、滅失を防ぐため、アクセス制限、通信の暗号化、委託先の監督などの措置を講じます。宿泊者名簿は法令に基づき3年間、その他の情報は利用目的の達成に必要な期間保存し、その後削除します。",
            "We protect personal information against unauthorised access, leaks and loss through access control, encrypted connections and supervision of our contractors. Guest registers are kept for three years as the law requires; other information only as long as needed for its purpose, and is then deleted.",
        ),
        heading("5. Cookieについて", "5. Cookies"),
        paragraph(
            "本サイトは、ログイン状態の維持とフォームの保護のためにCookieを使用します。広告目的のCookieや外部のアクセス解析は使用していません。",
            "This site uses cookies to keep you signed in and to protect forms. We use no advertising cookies and no third-party analytics.",
        ),
        heading("6. 開示等の請求とお問い合わせ", "6. Access requests and contact"),
        paragraph(
            "ご本人からの個人情報の開示、訂正、利用停止、削除の請求には、本人確認のうえ遅滞なく対応します。窓口：わかやまワーケーション推進室（デモ） workation@example.jp / 073-000-0000（平日9:00〜17:45）",
            "We respond without delay to requests to see, correct, stop using or delete your personal information, once we have confirmed your identity. Contact: Wakayama Workation Office (demo), workation@example.jp, +81 73-000-0000 (weekdays 9:00–17:45).",
        ),
    ],
)

TERMS = info(
    "terms",
    T("利用規約", "Terms of use"),
    T(
        "本サイトと予約サービスの利用条件です。",
        "The conditions for using this site and its booking service.",
    ),
    [
        paragraph(
            "この利用規約（以下「本規約」）は、一般社団法人わかやまワーケーション推進機構（以下「当機構」）が運営する本サイト（デモ）と、本サイトを通じた予約サービスの利用条件を定めるものです。利用者は本規約に同意のうえ、本サイトを利用するものとします。",
            'These terms set the conditions for using this site (demo), run by the Wakayama Workation Promotion Association ("we"), and the bookings made through it. By using the site you agree to them.',
        ),
        heading("第1条 予約の成立", "Article 1. When a booking is made"),
        paragraph(
            "予約は、利用者が所定の手続きで申し込み、決済が完了し、当機構が確認メールを送信した時点で成立します。宿泊・体験・オフィス利用の契約は、利用者と各施設・事業者との間で成立し、当機構はその予約の取次ぎと決済の受領を行います。",
            "A booking is made when you apply through the site, payment is complete and we send the confirmation e-mail. The contract for the stay, experience or office use is between you and the business; we pass on the booking and receive the payment.",
        ),
        heading("第2条 料金と支払い", "Article 2. Prices and payment"),
        paragraph(
            "料金は税込で表示します。入湯税など、施設が別途定める料金は現地でお支払いください。決済はクレジットカードで行います。",
            "Prices are shown including tax. Charges set separately by a business, such as the bath tax, are paid on the spot. Payment is by card.",
        ),
        heading("第3条 取消と返金", "Article 3. Cancellations and refunds"),
        paragraph(
            "利用者による取消には、特定商取引法に基づく表記に定めるキャンセル料がかかります。天候、災害、施設の事情により事業者が中止した場合は、全額を返金します。",
            "Cancellations by you incur the fees set out in the commerce disclosure. If a business cancels because of the weather, a disaster or its own circumstances, you are refunded in full.",
        ),
        heading("第4条 禁止事項", "Article 4. What is not allowed"),
        bullets(
            [
                "虚偽の情報による予約",
                "転売を目的とした予約",
                "本サイトの運営を妨げる行為、不正アクセス",
                "施設・事業者・他の利用者への迷惑行為",
                "法令または公序良俗に反する行為",
            ],
            [
                "Booking with false information",
                "Booking in order to resell",
                "Interfering with the site or accessing it without authorisation",
                "Disturbing businesses or other guests",
                "Anything unlawful or against public order",
            ],
        ),
        heading("第5条 免責", "Article 5. Liability"),
        paragraph(
            "当機構は、本サイトの情報の正確性に努めますが、施設の設備や回線速度など、各事業者が提供する情報の内容を保証するものではありません。当機構の故意または重過失による場合を除き、利用者に生じた損害について責任を負いません。",
            "We take care that information on the site is accurate, but we do not guarantee what businesses say about their own facilities or line speeds. We are not liable for loss you suffer unless it is caused by our wilful misconduct or gross negligence.",
        ),
        heading("第6条 準拠法と管轄", "Article 6. Governing law and jurisdiction"),
        paragraph(
            "本規約は日本法に準拠し、本サイトに関する紛争は和歌山地方裁判所を第一審の専属的合意管轄裁判所とします。",
            "These terms are governed by Japanese law; the Wakayama District Court has exclusive jurisdiction at first instance over disputes about the site.",
        ),
    ],
)

COMMERCE = info(
    "commerce",
    T("特定商取引法に基づく表記", "Commerce disclosure (Act on Specified Commercial Transactions)"),
    T(
        "特定商取引法に基づく販売事業者の表示です。",
        "The seller's details required by the Act on Specified Commercial Transactions.",
    ),
    [
        paragraph(
            "本サイトで提供する予約サービスについて、特定商取引に関する法律第11条に基づき、以下のとおり表示します。各プランは、それぞれの地域事業者が販売事業者として販売し、当機構が予約の取次ぎと代金の受領を行います。運営事業者と販売事業者ごとの所在地、連絡先、適格請求書発行事業者の登録番号、支払方法、キャンセルの条件は、下の表をご覧ください（お支払い前の最終確認画面と同じ内容です）。",
            "For the booking service on this site we disclose the following under Article 11 of the Act on Specified Commercial Transactions. Each offer is sold by its local business as the seller; we pass on the booking and receive the payment. The operator's and each seller's address, contact details, qualified-invoice registration number, payment and cancellation terms are in the tables below (the same as on the last screen before payment).",
        ),
        paragraph(
            "各施設・体験の個別の条件（最少催行人数、持ち物、年齢制限など）は、それぞれのページに記載しています。",
            "Conditions specific to each stay or experience (minimum numbers, what to bring, age limits) are given on its own page.",
        ),
    ],
    disclosure="commerce",
)

ACCESSIBILITY = info(
    "accessibility",
    T("ウェブアクセシビリティ方針", "Accessibility policy"),
    T(
        "本サイトのアクセシビリティへの取り組みと目標です。",
        "How we make this site accessible, and our targets.",
    ),
    [
        paragraph(
            "当機構は、年齢や障害の有無、利用する機器にかかわらず、誰もが本サイトの情報を得て予約できるよう、ウェブアクセシビリティの確保と向上に取り組みます。",
            "We work to make sure that everyone can find information and book on this site, whatever their age, disability or device.",
        ),
        heading("目標とする適合レベル", "Target"),
        paragraph(
            "JIS X 8341-3:2016 の適合レベルAAに準拠することを目標とします（WCAG 2.1 レベルAA相当）。",
            "Conformance with JIS X 8341-3:2016 level AA (equivalent to WCAG 2.1 level AA).",
        ),
        heading("主な取り組み", "What we do"),
        bullets(
            [
                "すべての画像に代替テキストを設定",
                "キーボードだけで予約まで完了できる操作",
                "十分なコントラストと、200%まで拡大しても崩れないレイアウト",
                "見出し構造とランドマークの適切な設定",
                "フォームの入力エラーをわかりやすく表示",
            ],
            [
                "Alternative text on every image",
                "Booking can be completed with a keyboard alone",
                "Sufficient contrast, and layouts that work at 200% zoom",
                "Proper headings and landmarks",
                "Clear messages for form errors",
            ],
        ),
        heading("対象外とするもの", "Exceptions"),
        paragraph(
            "各事業者が提供するPDF資料や外部サイトは、本方針の対象外です。順次、対応を依頼していきます。",
            "PDFs provided by businesses and external sites are outside this policy; we are asking their owners to improve them.",
        ),
        heading("お問い合わせ", "Contact"),
        paragraph(
            "利用しにくい箇所がありましたら、わかやまワーケーション推進室（デモ） workation@example.jp までお知らせください。",
            "If anything is hard to use, please tell the Wakayama Workation Office (demo) at workation@example.jp.",
        ),
    ],
)

INFO_PAGES: list[dict[str, Any]] = [PRIVACY, TERMS, COMMERCE, ACCESSIBILITY]
