"""What every feature family shares: feature declarations, evidence spans and results.

A family is one module exposing ``FAMILY``: its name, its declared features and a pure
``extract(doc) -> FamilyResult``. Everything downstream (CLI columns, model inputs, docs,
range checks) is derived from these declarations.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from scorer.document import Document, Span
from scorer.techniques import technique_of

Worse = Literal["higher", "lower", "neither"]


@dataclass(frozen=True)
class FeatureSpec:
    """One feature: its short name, inclusive range, meaning, which direction is worse, and
    a plain-English label for readers (``title``)."""

    name: str
    low: float
    high: float
    meaning: str
    worse: Worse = "neither"
    label: str = ""

    @property
    def title(self) -> str:
        """The label, or one read off the name: "appeal_to_fear_density" is "Appeal to fear"
        (generated features, such as one per persuasion lexicon, have no label of their own;
        the meaning gives the unit)."""
        if self.label:
            return self.label
        words = self.name.split("_")
        if len(words) > 1 and words[-1] in ("density", "share"):
            words = words[:-1]
        text = " ".join(words)
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Evidence:
    """A passage of ``Article.text`` that a family counted; ``text == article.text[start:end]``."""

    family: str
    kind: str
    start: int
    end: int
    text: str
    # The PTC technique this passage is an instance of (scorer.techniques), or None.
    technique: str | None = None

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "family": self.family,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "technique": self.technique,
        }


@dataclass
class FamilyResult:
    """A family's output: values keyed by short feature name, evidence and warnings."""

    values: dict[str, float]
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Family:
    name: str
    description: str
    features: tuple[FeatureSpec, ...]
    extract: Callable[[Document], FamilyResult]
    # Families read prose: the pipeline hands them the Document without scraper junk lines.
    # The family that finds the junk reads everything.
    reads_junk: bool = False

    def run(self, doc: Document) -> FamilyResult:
        """Extract, then guarantee the declared contract: every value finite and in range.

        A value outside its range is a bug in the family; in production it is clipped and
        reported as a warning rather than allowed to corrupt a model's input.
        """
        result = self.extract(doc)
        declared = {spec.name for spec in self.features}
        if set(result.values) != declared:
            missing = sorted(declared - set(result.values))
            extra = sorted(set(result.values) - declared)
            raise RuntimeError(f"family {self.name}: missing {missing}, undeclared {extra}")
        for spec in self.features:
            value = result.values[spec.name]
            if not math.isfinite(value) or not spec.low <= value <= spec.high:
                clipped = (
                    spec.low if not math.isfinite(value) else min(max(value, spec.low), spec.high)
                )
                result.warnings.append(
                    f"{self.name}.{spec.name}={value!r} outside [{spec.low}, {spec.high}]; "
                    f"clipped to {clipped}"
                )
                result.values[spec.name] = clipped
        return result


def evidence(doc: Document, family: str, kind: str, span: Span) -> Evidence:
    """Evidence for ``span`` of the document, with its text sliced from the article."""
    start, end = span
    text = doc.text[start:end]
    return Evidence(family, kind, start, end, text, technique_of(family, kind, text))


def word_span(doc: Document, first: int, last: int) -> Span:
    """Character span covering words ``first`` .. ``last - 1``."""
    return (doc.words[first][0], doc.words[last - 1][1])


def per_100_words(count: float, doc: Document) -> float:
    """A count as a density per 100 words (0 for an empty document)."""
    return 100.0 * count / doc.n_words if doc.n_words else 0.0


def share(part: float, whole: float) -> float:
    """``part / whole`` in [0, 1], 0 when ``whole`` is 0."""
    return min(max(part / whole, 0.0), 1.0) if whole else 0.0


def bounded(values: Mapping[str, float], specs: tuple[FeatureSpec, ...]) -> dict[str, float]:
    """Clip computed values into their declared ranges (for saturating densities)."""
    ranges = {s.name: (s.low, s.high) for s in specs}
    return {k: min(max(v, ranges[k][0]), ranges[k][1]) for k, v in values.items()}
