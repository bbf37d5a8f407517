"""Reading the text printed in an image (OCR): one port, one adapter. RapidOCR stays here.

RapidOCR's ONNX models ship inside the ``rapidocr-onnxruntime`` wheel, so reading works offline
and nothing is downloaded at run time. The guard reads words, never faces.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any, Protocol

READER = "rapidocr-onnxruntime"
_LOCK = threading.Lock()
_ENGINE: list[Any] = []  # the loaded engine, once (loading the models takes seconds)


class ImageReader(Protocol):
    def __call__(self, data: bytes) -> str:
        """The text printed in the image, line by line, in reading order."""
        ...


class ImageTextError(Exception):
    """The image could not be read."""


def _engine() -> Any:
    with _LOCK:
        if not _ENGINE:
            from rapidocr_onnxruntime import RapidOCR

            # One thread per inference: on a small shared server a pool of spinning threads
            # costs the web app and the sender more than it saves (measured in `make bench`).
            engine = RapidOCR(intra_op_num_threads=1)
            # RapidOCR logs each call at INFO to its own handler; the guard has its own log.
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
            _ENGINE.append(engine)
        return _ENGINE[0]


def read_image_text(data: bytes) -> str:
    """The text RapidOCR finds in ``data`` (a JPEG, PNG, GIF or WebP file)."""
    engine = _engine()
    try:
        with _LOCK:  # one ONNX session: calls from several threads take turns
            result, _ = engine(data)
    except Exception as exc:  # the engine raises bare errors for images it cannot decode
        raise ImageTextError(f"the image could not be read: {exc}") from None
    return lines(result or [])


def lines(boxes: Sequence[Sequence[Any]]) -> str:
    """Boxes of text ([corners, text, score]) joined as they are read: top to bottom, a line
    of boxes left to right with spaces, lines with newlines ("Follow" "@CllrAnnBaker" on one
    line of a poster is one phrase)."""
    items = []
    for corners, text, _score in boxes:
        ys = [float(p[1]) for p in corners]
        xs = [float(p[0]) for p in corners]
        items.append((min(ys), max(ys), min(xs), str(text)))
    items.sort()
    out: list[list[tuple[float, str]]] = []
    bottom = -1.0
    for top, low, left, text in items:
        middle = (top + low) / 2
        if out and middle < bottom:  # its middle is above the last line's bottom: same line
            out[-1].append((left, text))
            bottom = max(bottom, low)
        else:
            out.append([(left, text)])
            bottom = low
    return "\n".join(" ".join(t for _, t in sorted(line)) for line in out)
