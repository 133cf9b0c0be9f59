"""Evidence photos for the demo, drawn with Pillow: a coloured scene (sky, ground, a few
buildings, a banner) stamped with the organisation's code and the day, so each photo on a
timeline is told apart at a glance. Only ASCII is written on them: Pillow's built-in font
has no Chinese, and a CJK font cannot be assumed on every machine."""
from __future__ import annotations

import datetime
import io
import random

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 640, 480
SKIES = ((135, 190, 235), (170, 205, 230), (250, 200, 150), (190, 220, 245))
GROUNDS = ((110, 160, 90), (150, 135, 110), (120, 140, 150), (170, 170, 160))
BANNER = (200, 30, 40)


def photo(rng: random.Random, *, label: str, day: datetime.date) -> bytes:
    """One JPEG of 640 × 480 pixels."""
    sky, ground = rng.choice(SKIES), rng.choice(GROUNDS)
    image = Image.new("RGB", (WIDTH, HEIGHT), sky)
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(240, 300)
    draw.rectangle((0, horizon, WIDTH, HEIGHT), fill=ground)
    sun = rng.randint(60, WIDTH - 60)
    draw.ellipse((sun - 30, 30, sun + 30, 90), fill=(255, 230, 120))
    x = rng.randint(10, 60)
    while x < WIDTH - 80:
        width, height = rng.randint(60, 120), rng.randint(70, 190)
        shade = rng.randint(180, 240)
        draw.rectangle((x, horizon - height, x + width, horizon), fill=(shade, shade - 10, shade - 25))
        for wy in range(horizon - height + 15, horizon - 25, 30):
            for wx in range(x + 12, x + width - 20, 28):
                draw.rectangle((wx, wy, wx + 14, wy + 16), fill=(90, 110, 140))
        x += width + rng.randint(15, 60)
    for _n in range(rng.randint(3, 8)):  # people in front of the buildings
        px, py = rng.randint(30, WIDTH - 30), rng.randint(horizon + 40, HEIGHT - 95)
        colour = rng.choice(((200, 40, 40), (40, 70, 160), (60, 60, 60), (230, 230, 230)))
        draw.ellipse((px - 9, py - 40, px + 9, py - 22), fill=(240, 200, 170))
        draw.rectangle((px - 12, py - 22, px + 12, py + 25), fill=colour)
    draw.rectangle((0, HEIGHT - 80, WIDTH, HEIGHT), fill=BANNER)
    font = ImageFont.load_default(size=28)
    draw.text((20, HEIGHT - 72), label, fill=(255, 255, 255), font=font)
    draw.text((20, HEIGHT - 36), day.isoformat(), fill=(255, 235, 160), font=ImageFont.load_default(size=24))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()
