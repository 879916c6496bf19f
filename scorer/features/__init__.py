"""Feature families, one module each; ``scorer.registry`` lists them."""
