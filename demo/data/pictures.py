"""The picture catalogue: every generated image by key, with its scene, alt text and owner.

An owner is a partner's slug: that image goes in the partner's collection. The Japanese alt
text becomes the image's description; image blocks on English pages carry the English one.
"""

from demo.text import T

# key: (scene, alt text, owner partner slug or None)
PICTURES: dict[str, tuple[str, T, str | None]] = {
    "home-hero": (
        "coast",
        T(
            "白い砂浜と青い海、遠くに緑の山並み",
            "White sand, a blue sea and green hills in the distance",
        ),
        None,
    ),
    "areas-overview": (
        "mountains",
        T("幾重にも重なる紀伊山地の山並み", "Layer upon layer of the Kii mountains"),
        None,
    ),
    "shirahama-coast": (
        "coast",
        T("白良浜の白い砂浜と穏やかな海", "The white sand and calm sea of Shirarahama"),
        None,
    ),
    "shirahama-onsen": (
        "onsen",
        T("海を望む露天風呂から立ちのぼる湯気", "Steam rising from an open-air bath above the sea"),
        None,
    ),
    "tanabe-trail": (
        "trail",
        T("杉木立の中を続く熊野古道の石畳", "The stone-paved Kumano Kodo winding through cedars"),
        None,
    ),
    "koyasan-temple": (
        "temple",
        T("杉林に囲まれた高野山の寺院", "A Koyasan temple among tall cedars"),
        None,
    ),
    "wakayama-city": (
        "city",
        T("和歌山城の天守と市街地", "Wakayama Castle's keep above the city"),
        None,
    ),
    "nachi-falls": (
        "falls",
        T(
            "深い森の中を落ちる那智の滝と朱色の社殿",
            "Nachi Falls dropping through the forest beside a vermilion shrine",
        ),
        None,
    ),
    "kushimoto-sea": (
        "underwater",
        T("串本の海中に広がるサンゴと魚の群れ", "Corals and fish in the sea off Kushimoto"),
        None,
    ),
    "minabe-ume": (
        "ume",
        T("白と薄紅の花が咲く南部の梅林", "Minabe's plum groves in white and pink blossom"),
        None,
    ),
    "partners-overview": (
        "kitchen",
        T("地元の食材が並ぶ農家の食卓", "A farmhouse table laid with local food"),
        None,
    ),
    "offices-index": (
        "office",
        T("海の見える窓辺に並ぶデスク", "Desks by windows looking out to sea"),
        None,
    ),
    "experiences-index": (
        "mikan",
        T("海を見下ろす段々畑のみかん", "Mikan trees on terraces above the sea"),
        None,
    ),
    "stays-index": ("onsen", T("夕暮れの温泉", "An onsen at dusk"), None),
    "stories-index": ("terraces", T("山あいの棚田", "Terraced fields in the hills"), None),
    "plans-index": (
        "airport",
        T("山あいの空港に着陸する飛行機", "A plane landing at an airport in the hills"),
        None,
    ),
    "consultation": (
        "office",
        T("打ち合わせ用のテーブルがあるオフィス", "An office with tables for meetings"),
        None,
    ),
    "info": ("coast", T("穏やかな入り江", "A calm bay"), None),
    "story-team": (
        "office",
        T("チームで働くオフィスの窓から見える海", "The sea seen from a team's office window"),
        None,
    ),
    "story-forum": (
        "airport",
        T("南紀白浜空港の滑走路と丘陵", "The runway at Nanki-Shirahama and the hills around it"),
        None,
    ),
    "story-repair": (
        "trail",
        T("修繕された古道の石段", "Stone steps on a repaired stretch of the old road"),
        None,
    ),
    "story-boat": ("boat", T("港を出る漁船", "A fishing boat leaving port"), None),
    # Partner collections
    "bayworks-airport": (
        "airport",
        T("空港の展望広場から見た滑走路", "The runway from the airport's observation plaza"),
        "nanki-bayworks",
    ),
    "bayworks-booth": (
        "office",
        T("防音ブースと窓際のデスク", "Call booths and desks by the window"),
        "nanki-bayworks",
    ),
    "bayworks-bayside": (
        "office",
        T("海に面したラウンジ席", "Lounge seats facing the sea"),
        "nanki-bayworks",
    ),
    "bayworks-cape": (
        "coast",
        T("岬のオフィスから見える太平洋", "The Pacific from the office on the cape"),
        "nanki-bayworks",
    ),
    "tanabe-terrace": (
        "office",
        T(
            "古民家を改修したコワーキングの室内",
            "Inside a co-working space in a restored townhouse",
        ),
        "tanabe-machinaka-works",
    ),
    "michishirube-walk": (
        "trail",
        T("語り部と歩く中辺路の石畳", "Walking the Nakahechi's stone paving with a guide"),
        "kumano-michishirube",
    ),
    "michishirube-repair": (
        "trail",
        T("道普請で整えた古道", "A stretch of trail after a repair day"),
        "kumano-michishirube",
    ),
    "michishirube-daimonzaka": (
        "falls",
        T("大門坂の先に見える那智の滝", "Nachi Falls beyond the Daimonzaka steps"),
        "kumano-michishirube",
    ),
    "michishirube-guesthouse": (
        "mountains",
        T("近露の里を囲む山並み", "The hills around Chikatsuyu"),
        "kumano-michishirube",
    ),
    "takahashi-grove": (
        "ume",
        T("実をつけた南高梅の木々", "Nanko plum trees heavy with fruit"),
        "takahashi-ume-farm",
    ),
    "takahashi-kitchen": (
        "kitchen",
        T("梅干しを漬ける台所", "A farm kitchen set for pickling plums"),
        "takahashi-ume-farm",
    ),
    "takahashi-cottage": (
        "terraces",
        T("梅林を見下ろすコテージからの眺め", "The view over the groves from the cottage"),
        "takahashi-ume-farm",
    ),
    "hamada-orchard": (
        "mikan",
        T("海に面したみかんの段々畑", "Mikan terraces facing the sea"),
        "akizu-mikan-farm",
    ),
    "hamada-kitchen": (
        "kitchen",
        T("郷土料理が並ぶ農家の食卓", "Local dishes on the family's table"),
        "akizu-mikan-farm",
    ),
    "hamada-terraces": (
        "terraces",
        T("農家民泊の宿から見た段々畑", "Terraced fields seen from the farm stay"),
        "akizu-mikan-farm",
    ),
    "marine-underwater": (
        "underwater",
        T("サンゴの上を泳ぐ魚たち", "Fish swimming over the coral"),
        "kushimoto-marine",
    ),
    "marine-boat": (
        "boat",
        T("朝の海に出る釣り船", "A fishing boat heading out in the morning"),
        "kushimoto-marine",
    ),
    "marine-lodge": (
        "coast",
        T("ロッジのデッキから見える海", "The sea from the lodge's deck"),
        "kushimoto-marine",
    ),
    "katsuura-port": (
        "boat",
        T("勝浦漁港に停泊するまぐろ漁船", "A tuna boat moored in Katsuura port"),
        "katsuura-minatoyado",
    ),
    "katsuura-lounge": (
        "office",
        T("港を望むワークラウンジ", "The work lounge overlooking the harbour"),
        "katsuura-minatoyado",
    ),
    "katsuura-onsen": (
        "onsen",
        T("港町の温泉", "An onsen in the port town"),
        "katsuura-minatoyado",
    ),
    "unkaiin-hall": (
        "temple",
        T("宿坊の本堂と杉木立", "The temple lodging's main hall among cedars"),
        "koyasan-unkaiin",
    ),
    "unkaiin-room": (
        "mountains",
        T("ワークルームの窓から見える山並み", "The hills from the work room's window"),
        "koyasan-unkaiin",
    ),
    "workbase-station": (
        "office",
        T("駅前コワーキングのデスク", "Desks at the station co-working space"),
        "kishu-workbase",
    ),
    "workbase-castle": (
        "city",
        T("コワーキングの窓から見える和歌山城", "Wakayama Castle from the co-working space"),
        "kishu-workbase",
    ),
    "workbase-hotel": (
        "office",
        T("ワークデスクのある客室", "A hotel room with a work desk"),
        "kishu-workbase",
    ),
    "shiosai-bath": (
        "onsen",
        T("旅館の露天風呂と海", "The ryokan's open-air bath and the sea"),
        "shiosai-ryokan",
    ),
}

CREDIT = T(
    "わかやまワーケーション（デモ用の生成画像）", "Wakayama Workation (generated demo image)"
)
