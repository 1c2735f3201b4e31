"""How indicators are measured: one definition per measure (registry.py), the figure that
stands for a value (figures.py), and an indicator's measure with what its target counts
(bound.py)."""
