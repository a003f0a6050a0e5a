"""Generate a large synthetic archive in the real content format (for benchmarks).

Text is drawn from a Zipf distribution over a few thousand Vietnamese syllables: the
syllables of the sample archive (real words, most frequent first) followed by other
well-formed syllables (onset + rhyme + tone), so that posting lists have realistic lengths.
Registries: the sample's topics (with their synonyms), many agencies and places.

    .venv/bin/python scripts/synthetic_archive.py --sessions 1000 --items 20 --out /tmp/big --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"
ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu",
          "r", "s", "t", "th", "tr", "v", "x"]
RHYMES = ["a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "ăm", "ăn", "ăng", "âm", "ân", "âu",
          "ây", "e", "em", "en", "eo", "ê", "ên", "ênh", "i", "im", "in", "inh", "iêm", "iên", "iêu",
          "o", "oa", "oai", "oan", "oang", "oanh", "oi", "om", "on", "ong", "ô", "ôi", "ôm", "ôn", "ông",
          "ơ", "ơi", "ơm", "ơn", "u", "ui", "um", "un", "ung", "uôi", "uôn", "uông", "uy", "uyên", "ư",
          "ưa", "ưng", "ươi", "ươn", "ương"]
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
WORD = re.compile(r"[^\W\d_]+")
KEY = re.compile(r"^\s*(?:- )?[a-z_]+:\s*")
ID_VALUE = re.compile(r"^\[?[a-z0-9-]+(?:, [a-z0-9-]+)*\]?\s*$")
VOWELS = set("aeiouy")


def fold_marks(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))

ITEM_TYPES = ["question", "opinion", "proposal", "complaint"]
STATUSES = ["pending", "in_progress", "done", "escalated", "dropped"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Real syllables of the sample (by frequency), then generated ones, `size` in all."""
    counts: Counter[str] = Counter()
    for path in SAMPLE.rglob("*"):
        if path.suffix in {".md", ".yaml"}:
            for line in path.read_text(encoding="utf-8").splitlines():
                value = KEY.sub("", line)  # YAML keys and ids are not Vietnamese words
                if not ID_VALUE.match(value):
                    counts.update(w.lower() for w in WORD.findall(value)
                                  if len(w) < 8 and any(c in VOWELS for c in fold_marks(w.lower())))
    words = [w for w, _ in counts.most_common()]
    seen = set(words)
    while len(words) < size:
        onset, rhyme, tone = rng.choice(ONSETS), rng.choice(RHYMES), rng.choice(TONES)
        vowel = next(i for i, c in enumerate(rhyme) if c in "aăâeêioôơuưy")
        syllable = unicodedata.normalize("NFC", onset + rhyme[: vowel + 1] + tone + rhyme[vowel + 1:])
        if syllable not in seen:
            seen.add(syllable)
            words.append(syllable)
    return words[:size]


class Text:
    """Sentences of Zipf-distributed syllables."""

    def __init__(self, words: list[str], rng: random.Random, exponent: float = 1.07):
        self.words, self.rng = words, rng
        self.weights = [1 / (rank ** exponent) for rank in range(1, len(words) + 1)]

    def sentence(self, low: int = 8, high: int = 22) -> str:
        chosen = self.rng.choices(self.words, self.weights, k=self.rng.randint(low, high))
        return " ".join(chosen).capitalize() + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def name(self, words: int = 3) -> str:
        return " ".join(w.capitalize() for w in self.rng.choices(self.words[:600], k=words))


def generate(out: Path, sessions: int, items: int = 20, seed: int = 1, agencies: int = 150,
             places: int = 200, vocabulary_size: int = 4000) -> Path:
    """Write a content folder at `out` (replaced if it exists) and return it."""
    rng = random.Random(seed)
    text = Text(vocabulary(vocabulary_size, rng), rng)
    if out.exists():
        shutil.rmtree(out)
    (out / "registry").mkdir(parents=True)
    shutil.copy(SAMPLE / "registry" / "topics.yaml", out / "registry" / "topics.yaml")
    topics = re.findall(r"^- id: (\S+)", (out / "registry" / "topics.yaml").read_text(encoding="utf-8"), re.M)
    agency_ids = [f"co-quan-{n:03d}" for n in range(1, agencies + 1)]
    (out / "registry" / "agencies.yaml").write_text("".join(
        f"- id: {a}\n  name: Phòng {text.name()} {n}\n" for n, a in enumerate(agency_ids, 1)),
        encoding="utf-8")
    place_ids = ["thanh-pho"] + [f"phuong-{n:03d}" for n in range(1, places)]
    (out / "registry" / "places.yaml").write_text(
        "- id: thanh-pho\n  name: Thành phố Thử Nghiệm\n  kind: province\n" + "".join(
            f"- id: {p}\n  name: Phường {text.name(2)} {n}\n  kind: ward\n  parent: thanh-pho\n"
            for n, p in enumerate(place_ids[1:], 1)), encoding="utf-8")
    (out / "index.md").write_text("# Kho lưu trữ thử nghiệm\n\nDữ liệu tổng hợp để đo hiệu năng.\n",
                                  encoding="utf-8")
    start = dt.date(2015, 1, 5)
    for number in range(sessions):
        date = start + dt.timedelta(days=number * 3650 // max(sessions, 1))
        session_id = f"{date.isoformat()}-phien-{number:05d}"
        folder = out / "sessions" / str(date.year) / session_id
        folder.mkdir(parents=True)
        place = rng.choice(place_ids)
        organizer = rng.choice(agency_ids)
        (folder / "index.md").write_text(
            f"---\ntitle: {text.sentence(6, 12)[:-1]}\ndate: {date.isoformat()}\n"
            f"organizer: {organizer}\nplace: {place}\nsummary: {text.sentence()}\n---\n\n"
            + "\n\n".join(text.paragraph(4) for _ in range(4)) + "\n", encoding="utf-8")
        lines = ["items:"]
        for item in range(items):
            lines += [f"  - id: muc-{item:02d}", f"    type: {rng.choice(ITEM_TYPES)}",
                      f"    asker: {{label: Công dân {text.name(2)}, place: {rng.choice(place_ids)}}}",
                      f"    topics: [{', '.join(rng.sample(topics, rng.randint(1, 2)))}]",
                      "    text: |", f"      {text.paragraph(rng.randint(2, 4))}"]
            if rng.random() < 0.9:
                lines.append("    answers:")
                for _ in range(rng.randint(1, 2)):
                    lines += [f"      - by: {rng.choice(agency_ids)}", "        text: |",
                              f"          {text.paragraph(rng.randint(2, 5))}"]
            if rng.random() < 0.2:
                due = date + dt.timedelta(days=rng.randint(30, 400))
                lines += ["    commitments:", f"      - id: cam-ket-{item:02d}",
                          f"        by: {rng.choice(agency_ids)}", f"        text: {text.sentence()}",
                          f"        due: {due.isoformat()}", f"        status: {rng.choice(STATUSES)}"]
        (folder / "answers.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.sessions, args.items, args.seed)
    print(f"{args.sessions} sessions x {args.items} items written to {args.out}")


if __name__ == "__main__":
    main()
