"""What combining agencies' figures gives: the shape every measure fills in its own way."""

from dataclasses import dataclass

from core.formatting import share_of


@dataclass(frozen=True)
class ValueRow:
    """The fields of an IndicatorValue that combining needs, read with `.values()`."""

    agency_code: str
    no_data: bool
    women: int | None
    men: int | None
    total: int | None
    numerator: int | None
    denominator: int | None
    yes_no: bool | None
    text: str
    approved: bool = True

    FIELDS = ("no_data", "women", "men", "total", "numerator", "denominator", "yes_no", "text")

    @classmethod
    def of(cls, value, agency_code=""):
        """The row of an IndicatorValue (or anything with its fields)."""
        return cls(agency_code=agency_code, **{name: getattr(value, name) for name in cls.FIELDS})


@dataclass(frozen=True)
class Combined:
    """An indicator's value for a year, across the agencies that reported it.

    For people counted by sex, `women` and `men` add up the agencies that gave the split and
    `unsplit` the people of those that gave only a total, so that women + men + unsplit = total:
    no figure is ever compared with a sum of a different set of agencies."""

    agencies: tuple = ()
    women: int | None = None
    men: int | None = None
    total: int | None = None
    unsplit: int = 0
    numerator: int | None = None
    denominator: int | None = None
    yes: bool | None = None
    texts: tuple = ()

    @property
    def share(self):
        return share_of(self.numerator, self.denominator)

    @property
    def split_known(self):
        """Whether every person counted is counted as a woman or a man."""
        return self.women is not None and self.men is not None and not self.unsplit
