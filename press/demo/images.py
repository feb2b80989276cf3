"""Stand-in photos for the demo: no real photos come with the project, so we draw them.

Each image is a quiet composition (a sky gradient, a low sun, a city skyline) in the muted
palette of its photo, labelled with the place and date and marked as a demo image. The same
key always draws the same picture.
"""

import io
import random
from functools import cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = (1600, 1067)
MARGIN = 88


@cache
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans when it is installed (Pillow looks in the system font folders)."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _sky(top, bottom) -> Image.Image:
    mask = Image.linear_gradient("L").resize(SIZE)
    return Image.composite(Image.new("RGB", SIZE, bottom), Image.new("RGB", SIZE, top), mask)


def _skyline(draw: ImageDraw.ImageDraw, rng: random.Random, colour, *, base: int, height: int):
    """A row of buildings of random widths and heights, with a few lit windows."""
    width, _ = SIZE
    x = -rng.randint(0, 60)
    window = (*_mix(colour[:3], (255, 244, 214), 0.35), 255)
    while x < width:
        w = rng.randint(60, 170)
        h = rng.randint(height // 3, height)
        top = base - h
        draw.rectangle((x, top, x + w, base), fill=colour)
        if rng.random() < 0.3:  # a spire or a mast
            mid = x + w // 2
            draw.rectangle((mid - 3, top - rng.randint(30, 90), mid + 3, top), fill=colour)
        for wy in range(top + 18, base - 20, 26):
            for wx in range(x + 12, x + w - 14, 22):
                if rng.random() < 0.18:
                    draw.rectangle((wx, wy, wx + 9, wy + 12), fill=window)
        x += w + rng.randint(4, 26)


def render(*, key: str, title: str, subtitle: str, palette: tuple[str, str, str]) -> bytes:
    """A 1600 x 1067 JPEG for the photo ``key``, labelled ``title`` and ``subtitle``."""
    rng = random.Random(key)  # a str seed is hashed with SHA-512: the same on every run
    top, bottom, accent = (_rgb(c) for c in palette)
    width, height = SIZE
    image = _sky(top, _mix(top, bottom, 0.55))

    # A low, soft sun and a few translucent bands of haze.
    glow = Image.new("RGBA", SIZE, (*accent, 0))  # transparent accent: no dark fringe when blurred
    draw = ImageDraw.Draw(glow)
    cx, cy, r = rng.randint(300, 1300), rng.randint(260, 420), rng.randint(110, 170)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*accent, 150))
    for _ in range(3):
        y = rng.randint(150, 620)
        draw.rectangle((0, y, width, y + rng.randint(16, 48)), fill=(*accent, 38))
    image.paste(
        glow.filter(ImageFilter.GaussianBlur(6)), (0, 0), glow.filter(ImageFilter.GaussianBlur(6))
    )

    # Two skylines, the far one paler, then the ground.
    city = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(city)
    far, near = _mix(bottom, top, 0.45), _mix(bottom, (20, 24, 30), 0.25)
    _skyline(draw, rng, (*far, 255), base=820, height=330)
    _skyline(draw, rng, (*near, 255), base=900, height=260)
    draw.rectangle((0, 900, width, height), fill=(*_mix(near, (20, 24, 30), 0.3), 255))
    image.paste(city, (0, 0), city)

    # A dark veil at the bottom so the label reads well.
    veil = Image.linear_gradient("L").resize((width, 380)).point(lambda v: int(v * 0.62))
    image.paste((18, 20, 24), (0, height - 380, width, height), veil)

    draw = ImageDraw.Draw(image)
    draw.text(
        (MARGIN, MARGIN - 20),
        "SEOUL METROPOLITAN GOVERNMENT",
        fill=(250, 250, 247),
        font=font(24, bold=True),
    )
    draw.text(
        (MARGIN, MARGIN + 14), "Demo image, not a photograph", fill=(240, 240, 236), font=font(22)
    )
    size = 64  # shrink long titles to fit the width
    while draw.textlength(title, font=font(size, bold=True)) > width - 2 * MARGIN and size > 36:
        size -= 4
    draw.text(
        (MARGIN, height - MARGIN - 120), title, fill=(255, 255, 255), font=font(size, bold=True)
    )
    draw.text((MARGIN, height - MARGIN - 36), subtitle, fill=(226, 228, 230), font=font(34))
    draw.rectangle((MARGIN, height - MARGIN - 150, MARGIN + 90, height - MARGIN - 144), fill=accent)

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=86, optimize=True, progressive=True)
    return buffer.getvalue()
