"""Files kept as evidence: a name safe in any archive or file system, and the type the bytes
show (never the one a name or an uploader claims)."""

from __future__ import annotations

import re
import unicodedata

LONGEST_NAME = 120
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Names Windows refuses whatever their extension.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)

SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"BM", "image/bmp"),
    (0, b"II*\x00", "image/tiff"),
    (0, b"MM\x00*", "image/tiff"),
    (4, b"ftypheic", "image/heic"),
    (4, b"ftypmif1", "image/heif"),
    (4, b"ftypisom", "video/mp4"),
    (4, b"ftypmp42", "video/mp4"),
    (4, b"ftypqt  ", "video/quicktime"),
    (0, b"PK\x03\x04", "application/zip"),
)


def safe_name(name: str) -> str:
    """``name`` cut to its last part (after / or \\), in letters, digits, '.', '_' and '-'.

    A name already safe is kept as it is: cutting a long name to length can leave an end that
    a second pass would strip, so the pass is repeated until nothing changes (each repeat only
    shortens the name, or adds the ``file_`` prefix, which is never added twice)."""
    safe = _one_pass(name)
    while (again := _one_pass(safe)) != safe:
        safe = again
    return safe


def _one_pass(name: str) -> str:
    base = re.split(r"[\\/]", name)[-1]
    ascii_only = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("_", ascii_only).strip("._-")
    stem, dot, extension = cleaned.rpartition(".")
    if not dot:
        stem, extension = cleaned, ""
    if stem.lower() in _RESERVED or not stem:
        stem = f"file_{stem}" if stem else "file"
    extension = extension[:10]
    stem = stem[: LONGEST_NAME - len(extension) - 1]
    return f"{stem}.{extension}" if extension else stem


def sniff_type(data: bytes) -> str:
    """The content type the bytes show; plain text if they read as UTF-8, else octet-stream."""
    for offset, magic, content_type in SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            return content_type
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:4096]
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3:  # a character cut at the end of the sample
                return "text/plain"
    return "application/octet-stream"
