"""The `kg extract` interface: one JSON object per document (see docs/interfaces.md; keep it stable).

    {"id": "...", "entities": [{"id": "e0", "text", "name", "type", "start", "end", "refers_to"?}, ...],
     "relations": [{"head": "e0", "tail": "e3", "type", "confidence", "evidence", "start", "end"}, ...]}
"""

from __future__ import annotations

import json

from graph.types import ENTITY_TYPES, Extraction, Mention


def mention_ids(extraction: Extraction, threshold: float = 0.0) -> dict[Mention, str]:
    """The record's id of each mention it lists: named things, and the ends of kept relations."""
    used = {m for r in extraction.relations if r.confidence >= threshold for m in (r.head, r.tail)}
    mentions = [m for m in extraction.mentions if m.type in ENTITY_TYPES or m in used]
    return {m: f"e{i}" for i, m in enumerate(mentions)}


def record(extraction: Extraction, threshold: float = 0.0) -> dict:
    """The interface object of one extraction; relations below `threshold` are left out."""
    relations = [r for r in extraction.relations if r.confidence >= threshold]
    ids = mention_ids(extraction, threshold)
    mentions = list(ids)
    by_id = {m.id: m for m in mentions}
    entities = []
    for m in mentions:
        entity = {"id": ids[m], "text": m.text, "name": m.name, "type": m.type, "start": m.start, "end": m.end}
        if m.refers_to in by_id:
            entity["refers_to"] = ids[by_id[m.refers_to]]
        entities.append(entity)
    rows = []
    for r in relations:
        row = {
            "head": ids[r.head],
            "tail": ids[r.tail],
            "type": r.type,
            "confidence": round(r.confidence, 3),
            "evidence": r.provenance.sentence,
            "start": r.provenance.start,
            "end": r.provenance.end,
            "extractor": r.extractor,
        }
        if r.role:
            row["role"] = r.role
        if r.label:
            row["label"] = r.label
        if r.former:
            row["former"] = True
        rows.append(row)
    return {"id": extraction.article.id, "entities": entities, "relations": rows}


def dumps(extraction: Extraction, threshold: float = 0.0) -> str:
    return json.dumps(record(extraction, threshold), ensure_ascii=False, sort_keys=False)
