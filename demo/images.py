"""Photo-like demo scenes drawn with Pillow: deterministic per name, no downloads.

Each scene is painted in layers (sky, far hills, sea or ground, subject, foreground) with a
random generator seeded from the image's name, so the same name always gives the same picture.
"""

import hashlib
import random
from collections.abc import Callable
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
Painter = Callable[[Image.Image, ImageDraw.ImageDraw, random.Random], None]

SKIES: list[tuple[RGB, RGB]] = [
    ((88, 150, 220), (200, 226, 245)),  # clear noon
    ((120, 170, 225), (236, 214, 186)),  # soft morning
    ((70, 96, 160), (246, 176, 120)),  # dusk
    ((150, 185, 215), (225, 235, 240)),  # hazy
]


def seeded(name: str) -> random.Random:
    """A random generator that depends only on `name`."""
    return random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:16], 16))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Blend two colours; t=0 gives a, t=1 gives b."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def jitter(colour: RGB, rng: random.Random, amount: int = 12) -> RGB:
    """A colour nudged at random, for natural variation."""
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)  # type: ignore[return-value]


def gradient(
    draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], top: RGB, bottom: RGB
) -> None:
    """Fill a box with a vertical gradient."""
    x0, y0, x1, y1 = box
    height = max(1, y1 - y0)
    for y in range(y0, y1):
        draw.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / height))


def ridge(
    width: int, base: int, amplitude: float, rng: random.Random, steps: int = 14
) -> list[tuple[float, float]]:
    """A mountain ridge line from left to right, as points."""
    points = []
    level = base - rng.uniform(0, amplitude)
    for i in range(steps + 1):
        level += rng.uniform(-amplitude, amplitude) * 0.6
        level = min(base, max(base - amplitude * 1.8, level))
        points.append((width * i / steps, level))
    return points


def mountains(
    img: Image.Image,
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    horizon: int,
    far: RGB,
    near: RGB,
) -> None:
    """Three to four layered mountain silhouettes fading into the haze."""
    w, _h = img.size
    layers = rng.randint(3, 4)
    for i in range(layers):
        t = i / max(1, layers - 1)
        base = horizon - (layers - 1 - i) * horizon * 0.05
        line = ridge(w, base, horizon * (0.25 - 0.04 * i), rng, steps=rng.randint(8, 18))
        draw.polygon([(0, horizon + 2), *line, (w, horizon + 2)], fill=mix(far, near, t))


def sky(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int) -> RGB:
    """Sky gradient, a sun and a few soft clouds; returns the horizon colour."""
    w, _h = img.size
    top, bottom = rng.choice(SKIES)
    gradient(draw, (0, 0, w, horizon), top, bottom)
    r = int(w * rng.uniform(0.03, 0.05))
    sx, sy = rng.uniform(0.1, 0.9) * w, rng.uniform(0.15, 0.5) * horizon
    draw.ellipse(
        [sx - r * 2, sy - r * 2, sx + r * 2, sy + r * 2], fill=mix(bottom, (255, 245, 220), 0.4)
    )
    draw.ellipse([sx - r, sy - r, sx + r, sy + r], fill=(255, 246, 222))
    for _ in range(rng.randint(2, 5)):
        cx, cy = rng.uniform(0, w), rng.uniform(0.08, 0.6) * horizon
        for _ in range(5):
            dx, dy = rng.uniform(-w * 0.06, w * 0.06), rng.uniform(-horizon * 0.02, horizon * 0.02)
            rx, ry = w * rng.uniform(0.03, 0.07), horizon * rng.uniform(0.02, 0.05)
            draw.ellipse(
                [cx + dx - rx, cy + dy - ry, cx + dx + rx, cy + dy + ry],
                fill=mix(top, (255, 255, 255), 0.75),
            )
    return bottom


def sea(
    img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random, top: int, bottom: int
) -> None:
    """A sea from `top` to `bottom` with wave highlights that widen towards the viewer."""
    w, _h = img.size
    deep = jitter((28, 92, 150), rng)
    shallow = jitter((70, 160, 190), rng)
    gradient(draw, (0, top, w, bottom), deep, shallow)
    rows = 26
    for i in range(rows):
        t = (i + 1) / rows
        y = top + (bottom - top) * t * t
        for _ in range(int(6 + 20 * t)):
            x = rng.uniform(0, w)
            length = w * rng.uniform(0.01, 0.05) * (0.3 + t)
            draw.line(
                [(x, y), (x + length, y)],
                fill=mix(shallow, (245, 250, 255), 0.55),
                width=max(1, int(3 * t)),
            )


def beach(draw: ImageDraw.ImageDraw, w: int, h: int, top: int, rng: random.Random) -> None:
    """A curving white-sand beach in the foreground."""
    sand = jitter((238, 228, 204), rng, 6)
    points = [
        (0, h),
        (0, top + rng.uniform(0, 40)),
        (w * 0.35, top - 10),
        (w * 0.7, top + 30),
        (w, top + 60),
        (w, h),
    ]
    draw.polygon(points, fill=sand)
    draw.line(points[1:5], fill=(250, 250, 250), width=max(2, w // 300))


def tree(
    draw: ImageDraw.ImageDraw, x: float, y: float, size: float, leaf: RGB, rng: random.Random
) -> None:
    """A rounded broadleaf tree standing on (x, y)."""
    draw.rectangle([x - size * 0.06, y - size * 0.5, x + size * 0.06, y], fill=(84, 60, 40))
    for _ in range(6):
        dx, dy = rng.uniform(-0.3, 0.3) * size, rng.uniform(-0.9, -0.45) * size
        r = size * rng.uniform(0.22, 0.32)
        draw.ellipse([x + dx - r, y + dy - r, x + dx + r, y + dy + r], fill=jitter(leaf, rng, 10))


def cedar(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, colour: RGB) -> None:
    """A tall conical cedar, as on the Kumano Kodo and Koyasan."""
    draw.rectangle([x - size * 0.03, y - size * 0.2, x + size * 0.03, y], fill=(70, 50, 36))
    for i in range(4):
        top = y - size * (1.0 - i * 0.18)
        half = size * (0.12 + i * 0.05)
        draw.polygon(
            [(x, top), (x - half, top + size * 0.35), (x + half, top + size * 0.35)], fill=colour
        )


def blossom_tree(
    draw: ImageDraw.ImageDraw, x: float, y: float, size: float, rng: random.Random
) -> None:
    """An ume (plum) tree: dark crooked branches covered in white and pink flowers."""
    trunk = (74, 52, 44)
    for _ in range(5):
        angle_x = rng.uniform(-0.6, 0.6) * size
        draw.line(
            [
                (x, y),
                (x + angle_x * 0.5, y - size * 0.5),
                (x + angle_x, y - size * rng.uniform(0.7, 1.0)),
            ],
            fill=trunk,
            width=max(2, int(size * 0.04)),
        )
    for _ in range(int(size * 0.9)):
        fx, fy = x + rng.uniform(-0.7, 0.7) * size, y - rng.uniform(0.35, 1.05) * size
        r = size * rng.uniform(0.012, 0.025)
        colour = rng.choice([(255, 255, 255), (250, 214, 224), (240, 170, 190)])
        draw.ellipse([fx - r, fy - r, fx + r, fy + r], fill=colour)


def _coast(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * rng.uniform(0.42, 0.52))
    haze = sky(img, draw, rng, horizon)
    mountains(img, draw, rng, horizon, mix(haze, (90, 120, 140), 0.4), (60, 100, 80))
    sea(img, draw, rng, horizon, h)
    beach(draw, w, h, int(h * rng.uniform(0.78, 0.88)), rng)


def _mountains(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * 0.62)
    haze = sky(img, draw, rng, horizon)
    mountains(img, draw, rng, horizon, mix(haze, (110, 140, 150), 0.5), (40, 80, 55))
    gradient(draw, (0, horizon, w, h), (52, 92, 58), (34, 64, 40))
    for _ in range(rng.randint(14, 22)):
        x = rng.uniform(0, w)
        cedar(
            draw,
            x,
            h * rng.uniform(0.7, 1.05),
            h * rng.uniform(0.25, 0.45),
            jitter((30, 70, 45), rng),
        )


def _trail(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    _mountains(img, draw, rng)
    stone = (128, 122, 110)
    for i in range(14):
        t = i / 13
        y = h * (0.7 + 0.3 * t)
        cx = w * 0.5 + (t - 0.5) * w * 0.15 + rng.uniform(-8, 8)
        half = w * (0.03 + 0.09 * t)
        draw.rounded_rectangle(
            [cx - half, y - h * 0.015, cx + half, y + h * 0.012],
            radius=6,
            fill=jitter(stone, rng, 14),
        )
    for side in (0.08, 0.9):
        cedar(draw, w * side, h * 1.05, h * 0.95, (24, 56, 36))


def _ume(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * 0.5)
    haze = sky(img, draw, rng, horizon)
    mountains(img, draw, rng, horizon, mix(haze, (130, 150, 150), 0.5), (86, 120, 80))
    gradient(draw, (0, horizon, w, h), (120, 150, 80), (86, 120, 60))
    for row in range(3):
        y = horizon + (h - horizon) * (0.3 + row * 0.3)
        for i in range(4 + row):
            x = w * (i + rng.uniform(0.2, 0.8)) / (4 + row)
            blossom_tree(draw, x, y, h * (0.18 + row * 0.12), rng)


def _mikan(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * 0.38)
    sky(img, draw, rng, horizon)
    sea(img, draw, rng, horizon, int(h * 0.5))
    slope = [(0, h), (0, h * 0.52), (w * 0.5, h * 0.45), (w, h * 0.55), (w, h)]
    draw.polygon(slope, fill=(96, 130, 64))
    for row in range(7):
        y = h * (0.52 + row * 0.075)
        draw.line([(0, y + 6), (w, y + 6)], fill=(150, 140, 120), width=3)
        for i in range(10 + row):
            x = (i + rng.uniform(0.1, 0.9)) * w / (10 + row)
            size = h * (0.05 + row * 0.012)
            tree(draw, x, y, size, (44, 100, 46), rng)
            for _ in range(5):
                fx, fy = x + rng.uniform(-0.3, 0.3) * size, y - rng.uniform(0.4, 1.0) * size
                r = size * 0.06
                draw.ellipse([fx - r, fy - r, fx + r, fy + r], fill=(246, 150, 30))


def _terraces(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * 0.4)
    haze = sky(img, draw, rng, horizon)
    mountains(img, draw, rng, horizon, mix(haze, (110, 140, 130), 0.5), (60, 96, 60))
    green = jitter((120, 170, 70), rng)
    for i in range(9):
        y = horizon + (h - horizon) * i / 9
        band = [(0, y + 30 * ((i % 2) - 0.5))]
        band += [(w * k / 8, y + rng.uniform(-18, 18)) for k in range(1, 8)]
        band += [(w, y + 10), (w, h), (0, h)]
        draw.polygon(band, fill=mix(green, (70, 120, 50), i / 9))
        draw.line(band[:9], fill=(200, 220, 160), width=max(2, w // 400))


def _office(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    wall = jitter((232, 226, 214), rng, 8)
    draw.rectangle([0, 0, w, h], fill=wall)
    floor_y = int(h * 0.68)
    gradient(draw, (0, floor_y, w, h), (176, 140, 100), (140, 104, 70))
    panes = rng.randint(2, 3)
    for i in range(panes):
        x0 = w * (0.06 + i * 0.9 / panes)
        x1 = x0 + w * 0.9 / panes - w * 0.03
        window = Image.new("RGB", (int(x1 - x0), int(floor_y * 0.7)))
        view = ImageDraw.Draw(window)
        _coast(window, view, seeded(f"{rng.random()}-view"))
        img.paste(window, (int(x0), int(floor_y * 0.1)))
        draw.rectangle(
            [x0, floor_y * 0.1, x1, floor_y * 0.8], outline=(90, 80, 70), width=max(3, w // 250)
        )
    for i in range(3):
        x = w * (0.12 + i * 0.3)
        top = floor_y + h * 0.05
        draw.rectangle([x, top, x + w * 0.22, top + h * 0.025], fill=(214, 190, 150))
        draw.rectangle([x + w * 0.02, top + h * 0.025, x + w * 0.03, h * 0.97], fill=(90, 90, 90))
        draw.rectangle([x + w * 0.19, top + h * 0.025, x + w * 0.2, h * 0.97], fill=(90, 90, 90))
        draw.rectangle(
            [x + w * 0.07, top - h * 0.09, x + w * 0.15, top - h * 0.01], fill=(40, 44, 52)
        )
        draw.rectangle([x + w * 0.105, top - h * 0.01, x + w * 0.115, top], fill=(60, 60, 60))
        chair = jitter((60, 90, 120), rng, 20)
        draw.rounded_rectangle(
            [x + w * 0.07, top + h * 0.06, x + w * 0.15, top + h * 0.2], radius=10, fill=chair
        )
    for _ in range(2):
        x = rng.uniform(0.02, 0.95) * w
        draw.rectangle(
            [x - w * 0.02, floor_y - h * 0.06, x + w * 0.02, floor_y + h * 0.02],
            fill=(180, 110, 80),
        )
        tree(draw, x, floor_y - h * 0.06, h * 0.18, (50, 120, 60), rng)


def _onsen(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * 0.45)
    sky(img, draw, rng, horizon)
    sea(img, draw, rng, horizon, int(h * 0.55))
    draw.rectangle([0, h * 0.55, w, h], fill=(92, 86, 80))
    pool = [w * 0.08, h * 0.62, w * 0.92, h * 0.98]
    draw.ellipse(pool, fill=(150, 196, 190))
    for _ in range(40):
        x, y = rng.uniform(0, w), rng.uniform(0.55, 1.0) * h
        if pool[0] < x < pool[2] and pool[1] < y < pool[3]:
            continue
        r = rng.uniform(0.02, 0.06) * h
        draw.ellipse([x - r * 1.4, y - r, x + r * 1.4, y + r], fill=jitter((110, 104, 96), rng, 20))
    steam = Image.new("L", img.size, 0)
    sd = ImageDraw.Draw(steam)
    for _ in range(30):
        x, y = rng.uniform(0.15, 0.85) * w, rng.uniform(0.35, 0.8) * h
        r = rng.uniform(0.04, 0.1) * h
        sd.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(60, 120))
    steam = steam.filter(ImageFilter.GaussianBlur(h * 0.03))
    img.paste((255, 255, 255), mask=steam)


def _temple(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * 0.7)
    haze = sky(img, draw, rng, horizon)
    mountains(img, draw, rng, horizon, mix(haze, (120, 130, 140), 0.5), (50, 70, 60))
    gradient(draw, (0, horizon, w, h), (150, 146, 136), (120, 116, 108))
    cx, base = w * rng.uniform(0.4, 0.6), h * 0.78
    half = w * 0.28
    draw.rectangle([cx - half * 0.7, base - h * 0.22, cx + half * 0.7, base], fill=(150, 52, 40))
    for i in range(5):
        x = cx - half * 0.6 + i * half * 0.3
        draw.rectangle([x - 6, base - h * 0.22, x + 6, base], fill=(90, 34, 28))
    roof = [
        (cx - half * 1.1, base - h * 0.2),
        (cx - half * 0.85, base - h * 0.26),
        (cx - half * 0.5, base - h * 0.38),
        (cx + half * 0.5, base - h * 0.38),
        (cx + half * 0.85, base - h * 0.26),
        (cx + half * 1.1, base - h * 0.2),
        (cx + half * 0.7, base - h * 0.23),
        (cx - half * 0.7, base - h * 0.23),
    ]
    draw.polygon(roof, fill=(54, 56, 60))
    draw.rectangle([cx - half * 0.9, base, cx + half * 0.9, base + h * 0.03], fill=(200, 196, 186))
    for side in (0.06, 0.94):
        cedar(draw, w * side, h * 1.02, h * 0.9, (26, 58, 38))


def _boat(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * 0.5)
    haze = sky(img, draw, rng, horizon)
    mountains(img, draw, rng, horizon, mix(haze, (100, 130, 150), 0.5), (70, 100, 90))
    sea(img, draw, rng, horizon, h)
    bx, by, bl = w * rng.uniform(0.3, 0.55), h * 0.72, w * 0.36
    hull = [
        (bx, by),
        (bx + bl, by - h * 0.03),
        (bx + bl * 0.92, by + h * 0.08),
        (bx + bl * 0.08, by + h * 0.08),
    ]
    draw.polygon(hull, fill=(240, 240, 236))
    draw.line(
        [(bx + bl * 0.05, by + h * 0.05), (bx + bl * 0.95, by + h * 0.04)],
        fill=(30, 80, 150),
        width=max(3, h // 120),
    )
    draw.rectangle([bx + bl * 0.55, by - h * 0.12, bx + bl * 0.78, by], fill=(230, 232, 230))
    draw.rectangle(
        [bx + bl * 0.58, by - h * 0.1, bx + bl * 0.75, by - h * 0.06], fill=(60, 90, 120)
    )
    draw.line(
        [(bx + bl * 0.66, by - h * 0.12), (bx + bl * 0.66, by - h * 0.26)],
        fill=(80, 80, 80),
        width=4,
    )
    for i in range(5):
        draw.ellipse(
            [
                bx + bl * (0.1 + i * 0.08),
                by - h * 0.025,
                bx + bl * (0.14 + i * 0.08),
                by + h * 0.005,
            ],
            fill=(230, 60, 40),
        )


def _underwater(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    gradient(draw, (0, 0, w, h), (60, 170, 200), (8, 40, 90))
    light = Image.new("L", img.size, 0)
    ld = ImageDraw.Draw(light)
    for _ in range(6):
        x = rng.uniform(0, w)
        ld.polygon([(x, 0), (x + w * 0.04, 0), (x + w * 0.2, h), (x + w * 0.1, h)], fill=50)
    img.paste((220, 245, 255), mask=light.filter(ImageFilter.GaussianBlur(h * 0.02)))
    for _ in range(24):
        x, y = rng.uniform(0, w), rng.uniform(0.75, 1.0) * h
        r = rng.uniform(0.03, 0.08) * h
        draw.ellipse(
            [x - r, y - r, x + r, y + r * 0.4],
            fill=rng.choice([(230, 120, 110), (240, 180, 90), (150, 90, 160), (90, 150, 110)]),
        )
    for _ in range(rng.randint(10, 18)):
        x, y, s = rng.uniform(0, w), rng.uniform(0.2, 0.75) * h, rng.uniform(0.015, 0.04) * w
        colour = rng.choice([(250, 200, 60), (250, 140, 60), (200, 220, 240), (60, 120, 220)])
        draw.ellipse([x - s, y - s * 0.45, x + s, y + s * 0.45], fill=colour)
        draw.polygon(
            [(x + s * 0.8, y), (x + s * 1.5, y - s * 0.4), (x + s * 1.5, y + s * 0.4)], fill=colour
        )


def _falls(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    sky(img, draw, rng, int(h * 0.3))
    cliff = [
        (w * 0.2, h),
        (w * 0.25, h * 0.2),
        (w * 0.45, h * 0.1),
        (w * 0.7, h * 0.15),
        (w * 0.8, h),
    ]
    draw.rectangle([0, h * 0.25, w, h], fill=(40, 80, 50))
    draw.polygon(cliff, fill=(84, 80, 74))
    fx = w * 0.48
    draw.rectangle([fx - w * 0.025, h * 0.12, fx + w * 0.025, h * 0.9], fill=(236, 242, 246))
    for _ in range(40):
        x, y = fx + rng.uniform(-0.025, 0.025) * w, rng.uniform(0.12, 0.9) * h
        draw.line([(x, y), (x, y + h * 0.05)], fill=(190, 210, 220), width=2)
    mist = Image.new("L", img.size, 0)
    ImageDraw.Draw(mist).ellipse([fx - w * 0.15, h * 0.82, fx + w * 0.15, h * 1.05], fill=150)
    img.paste((240, 245, 248), mask=mist.filter(ImageFilter.GaussianBlur(h * 0.04)))
    for _ in range(16):
        side = rng.choice([rng.uniform(0, 0.3), rng.uniform(0.7, 1.0)])
        cedar(
            draw,
            w * side,
            h * rng.uniform(0.5, 1.05),
            h * rng.uniform(0.3, 0.6),
            jitter((28, 64, 40), rng),
        )
    tx = w * 0.72
    draw.rectangle([tx, h * 0.45, tx + w * 0.1, h * 0.6], fill=(200, 70, 50))
    draw.polygon(
        [(tx - w * 0.02, h * 0.45), (tx + w * 0.05, h * 0.38), (tx + w * 0.12, h * 0.45)],
        fill=(70, 60, 58),
    )


def _city(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * 0.62)
    haze = sky(img, draw, rng, horizon)
    mountains(img, draw, rng, horizon, mix(haze, (120, 140, 150), 0.5), (80, 110, 90))
    cx, cy = w * rng.uniform(0.35, 0.65), h * 0.42
    for i, (width, height) in enumerate([(0.16, 0.07), (0.12, 0.06), (0.08, 0.05)]):
        y = cy - i * h * 0.07
        draw.rectangle(
            [cx - w * width / 2, y, cx + w * width / 2, y + h * height], fill=(244, 244, 240)
        )
        draw.polygon(
            [(cx - w * width * 0.62, y + 4), (cx, y - h * 0.03), (cx + w * width * 0.62, y + 4)],
            fill=(70, 80, 84),
        )
    draw.polygon(
        [
            (cx - w * 0.14, cy + h * 0.07),
            (cx + w * 0.14, cy + h * 0.07),
            (cx + w * 0.18, horizon),
            (cx - w * 0.18, horizon),
        ],
        fill=(150, 146, 136),
    )
    for _ in range(28):
        x = rng.uniform(0, w)
        bw, bh = rng.uniform(0.03, 0.08) * w, rng.uniform(0.05, 0.2) * h
        draw.rectangle([x, h * 0.8 - bh, x + bw, h], fill=jitter((170, 176, 186), rng, 30))
        for wy in range(int(h * 0.8 - bh + 8), int(h * 0.95), 18):
            draw.line([(x + 4, wy), (x + bw - 4, wy)], fill=(220, 226, 236), width=3)
    gradient(draw, (0, int(h * 0.94), w, h), (110, 110, 110), (80, 80, 80))


def _airport(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    horizon = int(h * 0.55)
    haze = sky(img, draw, rng, horizon)
    mountains(img, draw, rng, horizon, mix(haze, (110, 140, 150), 0.5), (70, 110, 80))
    gradient(draw, (0, horizon, w, h), (120, 150, 90), (90, 120, 70))
    draw.polygon(
        [(w * 0.3, horizon), (w * 0.7, horizon), (w, h * 0.8), (0, h * 0.8)], fill=(90, 92, 96)
    )
    for i in range(10):
        x = w * (0.1 + i * 0.085)
        draw.rectangle([x, h * 0.7, x + w * 0.04, h * 0.71], fill=(240, 240, 240))
    draw.rectangle([w * 0.05, h * 0.8, w * 0.6, h], fill=(220, 224, 228))
    for i in range(8):
        draw.rectangle(
            [w * (0.07 + i * 0.066), h * 0.83, w * (0.12 + i * 0.066), h * 0.95],
            fill=(120, 170, 210),
        )
    px, py = w * rng.uniform(0.55, 0.75), h * rng.uniform(0.2, 0.3)
    draw.polygon(
        [
            (px, py),
            (px + w * 0.18, py - h * 0.04),
            (px + w * 0.19, py - h * 0.02),
            (px + w * 0.01, py + h * 0.02),
        ],
        fill=(245, 245, 248),
    )
    draw.polygon(
        [
            (px + w * 0.07, py - h * 0.01),
            (px + w * 0.1, py + h * 0.06),
            (px + w * 0.12, py - h * 0.02),
        ],
        fill=(210, 215, 222),
    )


def _kitchen(img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = img.size
    draw.rectangle([0, 0, w, h], fill=(222, 206, 178))
    for x in range(0, w, max(8, w // 16)):
        draw.line([(x, 0), (x, h * 0.45)], fill=(200, 180, 150), width=3)
    draw.rectangle([w * 0.55, h * 0.06, w * 0.95, h * 0.4], fill=(140, 120, 90))
    window = Image.new("RGB", (int(w * 0.38), int(h * 0.32)))
    _mikan(window, ImageDraw.Draw(window), rng)
    img.paste(window, (int(w * 0.56), int(h * 0.07)))
    gradient(draw, (0, int(h * 0.45), w, h), (150, 100, 60), (110, 70, 40))
    for _ in range(rng.randint(5, 8)):
        x, y = rng.uniform(0.1, 0.9) * w, rng.uniform(0.55, 0.92) * h
        r = rng.uniform(0.05, 0.09) * h
        draw.ellipse(
            [x - r * 1.5, y - r * 0.7, x + r * 1.5, y + r * 0.7],
            fill=rng.choice([(240, 240, 236), (40, 40, 44), (190, 80, 60)]),
        )
        draw.ellipse(
            [x - r * 1.2, y - r * 0.5, x + r * 1.2, y + r * 0.45],
            fill=rng.choice([(250, 250, 245), (230, 160, 60), (120, 160, 80), (220, 90, 80)]),
        )


SCENES: dict[str, Painter] = {
    "coast": _coast,
    "mountains": _mountains,
    "trail": _trail,
    "ume": _ume,
    "mikan": _mikan,
    "terraces": _terraces,
    "office": _office,
    "onsen": _onsen,
    "temple": _temple,
    "boat": _boat,
    "underwater": _underwater,
    "falls": _falls,
    "city": _city,
    "airport": _airport,
    "kitchen": _kitchen,
}


def paint(scene: str, name: str, size: tuple[int, int]) -> Image.Image:
    """Paint `scene` at `size`; the details are fixed by `name`."""
    img = Image.new("RGB", size, (255, 255, 255))
    SCENES[scene](img, ImageDraw.Draw(img), seeded(name))
    return img.filter(ImageFilter.SMOOTH)


def jpeg_bytes(scene: str, name: str, size: tuple[int, int], quality: int = 82) -> BytesIO:
    """The painted scene as a JPEG file in memory."""
    buffer = BytesIO()
    paint(scene, name, size).save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    buffer.seek(0)
    return buffer
