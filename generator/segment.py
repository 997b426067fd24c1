"""Chinese text cut into words with jieba, set up once and safely for every stage that needs words.

Material's search segments with jieba at build time, and the role diff shows reworded duties word by
word. jieba unmarshals whatever dictionary cache it finds, so the cache goes to the user's cache folder
(``paths.cache_dir``), never the system temp folder or the repository, where a pull request could plant one.
"""

from __future__ import annotations

import logging
import re
from types import ModuleType

from .errors import HandbookError
from .paths import cache_dir

_HAN = re.compile("([\u3400-\u4dbf\u4e00-\u9fff]+)")
_ready: list[ModuleType] = []


def segmenter() -> ModuleType | None:
    """Return jieba, its cache in the user's cache folder and its chatter off; None where it is not installed."""
    if _ready:
        return _ready[0]
    try:
        import jieba
    except ImportError:
        return None
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HandbookError(f"cannot create the cache folder {folder}: {exc.strerror}; set HANDBOOK_CACHE_DIR to a folder that can be written") from None
    jieba.dt.tmp_dir = str(folder)
    jieba.setLogLevel(logging.WARNING)
    _ready.append(jieba)
    return jieba


def words(text: str) -> list[str]:
    """Return ``text`` as words: Chinese runs cut by jieba (每个字 without it), Latin words and numbers whole, every space and sign alone."""
    jieba = segmenter()
    out: list[str] = []
    for i, part in enumerate(_HAN.split(text)):
        if i % 2:
            out += list(jieba.cut(part)) if jieba is not None else list(part)
        else:
            out += re.findall(r"[A-Za-z0-9]+|\s+|.", part, re.S)
    return out
