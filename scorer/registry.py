"""The registry of feature families: everything else is derived from ``FAMILIES``."""

from __future__ import annotations

from scorer.features import (
    headline,
    hedging,
    hygiene,
    persuasion,
    readability,
    repetition,
    sensationalism,
    sentiment,
    sourcing,
)
from scorer.features.base import Family, FeatureSpec

FAMILIES: tuple[Family, ...] = (
    readability.FAMILY,
    sentiment.FAMILY,
    hedging.FAMILY,
    sensationalism.FAMILY,
    persuasion.FAMILY,
    headline.FAMILY,
    repetition.FAMILY,
    hygiene.FAMILY,
    sourcing.FAMILY,
)


def feature_specs() -> dict[str, FeatureSpec]:
    """Every declared feature by its qualified name ``family.feature``, in registry order."""
    return {f"{family.name}.{spec.name}": spec for family in FAMILIES for spec in family.features}
