"""Posters with text drawn on them, made with Pillow for the OCR tests and the benchmark."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont


def poster(*lines: str, size: tuple[int, int] = (900, 500), fmt: str = "PNG") -> bytes:
    """An image with ``lines`` printed on it in dark type on a light background."""
    image = Image.new("RGB", size, (250, 246, 235))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=46)  # Pillow's own font: no system fonts needed
    y = 50
    for line in lines:
        draw.text((50, y), line, fill=(20, 30, 60), font=font)
        y += 90
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()
