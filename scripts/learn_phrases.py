"""Write the learned phrase lists, ``scorer/lexicons/learned_<kind>.txt``, and the list of
rule cues that are not instances of their technique, ``scorer/lexicons/unmarked_cues.txt``,
from the PTC.

Reads the PTC training split (``../shared/data/ptc_train.jsonl``: one article a line,
``{"id", "text", "spans": [[technique, start, end], ...]}``), parses each article as the
scorer does (its prose: scraper junk lines left out) and applies the rules of
``scorer.phrases.learn_phrases`` and ``scorer.phrases.unmarked_cues``. Each list's header
names the source, the rule and the counts; entries are grouped under comment lines (a list
line cannot carry a trailing comment). Rerun after changing the rules, a lexicon, the
Document's tokenizer or the data:

    python scripts/learn_phrases.py [ptc_train.jsonl]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from scorer.article import Article
from scorer.phrases import (
    KINDS,
    MAX_WORDS,
    MIN_ARTICLES,
    MIN_MARKED_SHARE,
    MIN_SHARE,
    labelled_spans,
    learn_phrases,
    lexicon_name,
    unmarked_cues,
)
from scorer.pipeline import analyze, documents
from scorer.techniques import UNMARKED_LEXICON

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


def unmarked_header(articles: int, cues: int) -> str:
    return (
        "# Rule cues that are not, as the Propaganda Techniques Corpus (Da San Martino et al.,\n"
        "# EMNLP 2019) marks them, instances of the technique their evidence kind names: they\n"
        "# stay evidence of their family and carry no technique (scorer.techniques).\n"
        f"# Learned by scripts/learn_phrases.py from the PTC training split ({articles}\n"
        f"# articles), not curated: a cue (family.kind, then its lower-cased words) is listed\n"
        f"# when it occurs in at least {MIN_ARTICLES} distinct articles and fewer than "
        f"{MIN_MARKED_SHARE:.0%} of its\n"
        "# occurrences overlap a span of that technique (scorer.phrases.unmarked_cues).\n"
        f"# {cues} cues; after each group line, the cues whose occurrences overlap in that\n"
        "# share (rounded down to a percent). Regenerate, do not edit: rerun the script;\n"
        "# scorer.evaluation.spans relearns it per article fold.\n"
    )


def write_unmarked(
    records: list[dict[str, object]], spans: list[list[tuple[str, int, int]]]
) -> None:
    found = [analyze(Article(text=str(r["text"]), title=_title(r))).evidence for r in records]
    cues = unmarked_cues(zip(found, spans, strict=True))
    lines = [unmarked_header(len(records), len(cues))]
    group = None
    for cue, c in sorted(cues.items(), key=lambda kv: (kv[1].inside * 100 // kv[1].total, kv[0])):
        share = c.inside * 100 // c.total
        if share != group:
            group = share
            lines.append(f"#\n# -- {group}% of occurrences overlap\n")
        lines.append(f"{cue}\n")
    out = ROOT / "scorer" / "lexicons" / f"{UNMARKED_LEXICON}.txt"
    out.write_text("".join(lines), encoding="utf-8")
    print(f"{out.relative_to(ROOT)}: {len(cues)} cues")


def _title(record: dict[str, Any]) -> str | None:
    return str(record["title"]) if record.get("title") else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    records = [json.loads(line) for line in args.path.open(encoding="utf-8") if line.strip()]
    spans = [labelled_spans(r) for r in records]
    prose = [documents(Article(text=str(r["text"]), title=_title(r)))[1] for r in records]
    learned = learn_phrases(zip(prose, spans, strict=True))
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
    write_unmarked(records, spans)


if __name__ == "__main__":
    main()
