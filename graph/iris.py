"""Local ids that become IRIs: readable, stable across runs and machines, valid for any text."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from graph.types import Article


def slug(name: str) -> str:
    """'Disney+' -> 'disney-plus', 'São Paulo' -> 'sao-paulo'; a hash when nothing readable is left."""
    text = unicodedata.normalize("NFKD", name.replace("+", " plus ").replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].strip("-")
    return text or "x" + digest(name, 10)


def digest(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def entity_id(kind: str, name: str) -> str:
    """'Organization', 'Disney+' -> 'organization/disney-plus'."""
    return f"{kind.lower()}/{slug(name)}"


def article_node_id(article: Article) -> str:
    """'article/<id>'; ids that are not already safe get a hash suffix so they stay distinct."""
    local = slug(article.id)
    return f"article/{local}" if local == article.id else f"article/{local}-{digest(article.id)}"
