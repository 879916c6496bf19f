"""Write the learned phrase lists, ``scorer/lexicons/learned_<kind>.txt``, from the PTC.

Reads the PTC training split (``../shared/data/ptc_train.jsonl``: one article a line,
``{"id", "text", "spans": [[technique, start, end], ...]}``), parses each article as the
scorer does (its prose: scraper junk lines left out) and applies the rule of
``scorer.phrases.learn_phrases``. Each list's header names the source, the rule and the
counts; phrases are grouped under comment lines by the number of articles whose spans hold
them (a list line cannot carry a trailing comment). Rerun after changing the
rule, the Document's tokenizer or the data:

    python scripts/learn_phrases.py [ptc_train.jsonl]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scorer.article import Article
from scorer.phrases import KINDS, MAX_WORDS, MIN_ARTICLES, MIN_SHARE, learn_phrases, lexicon_name
from scorer.pipeline import documents

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "ptc_train.jsonl"


def header(technique: str, articles: int, phrases: int) -> str:
    return (
        f"# Learned {technique} cues: words and phrases that the Propaganda Techniques Corpus\n"
        f"# (Da San Martino et al., EMNLP 2019; SemEval-2020 Task 11) marks as {technique}.\n"
        f"# Learned by scripts/learn_phrases.py from the PTC training split ({articles}\n"
        f"# articles), not curated: a phrase of 1-{MAX_WORDS} lower-cased words (within a\n"
        f"# sentence) is listed when its occurrences lie wholly inside {technique} spans in at\n"
        f"# least {MIN_ARTICLES} distinct articles and more than {MIN_SHARE:.0%} of all its "
        f"occurrences do.\n"
        f"# {phrases} phrases, grouped by the number of articles whose spans hold them.\n"
        "# Regenerate, do not edit: rerun the script. Matched as evidence only\n"
        "# (scorer.phrases), no feature reads it; scorer.evaluation.spans relearns it per\n"
        "# article fold.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    records = [json.loads(line) for line in args.path.open(encoding="utf-8") if line.strip()]
    articles = [
        (
            documents(Article(text=str(r["text"]), title=r.get("title") or None))[1],
            [(str(t), int(s), int(e)) for t, s, e in r["spans"]],
        )
        for r in records
    ]
    learned = learn_phrases(articles)
    for kind, technique in KINDS:
        phrases = learned[technique]
        lines = [header(technique, len(records), len(phrases))]
        group = None
        for phrase, c in sorted(phrases.items(), key=lambda kv: (-kv[1].articles, kv[0])):
            if c.articles != group:
                group = c.articles
                lines.append(f"#\n# -- inside {technique} spans in {group} articles\n")
            lines.append(f"{phrase}\n")
        out = ROOT / "scorer" / "lexicons" / f"{lexicon_name(kind)}.txt"
        out.write_text("".join(lines), encoding="utf-8")
        print(f"{out.relative_to(ROOT)}: {len(phrases)} phrases")


if __name__ == "__main__":
    main()
