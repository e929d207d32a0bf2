"""Order statistics of counted values: the median and quartiles of a multiset given as {value: how often}, equal
to `statistics.median` and `statistics.quantiles(n=4, method="inclusive")` of the values written out, without
writing them out (a cohort of 100,000 learners has a few dozen distinct scores per cluster)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from itertools import accumulate


class Counted:
    """A multiset of numbers, sorted once."""

    def __init__(self, counts: Mapping[float, int]):
        items = sorted((value, n) for value, n in counts.items() if n > 0)
        self.values = [value for value, _n in items]
        self.counts = [n for _value, n in items]
        self.ends = list(accumulate(self.counts))  # the rank after the last copy of each value

    @classmethod
    def of(cls, values: Iterable[float]) -> Counted:
        counts: dict[float, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        return cls(counts)

    def __len__(self) -> int:
        return self.ends[-1] if self.ends else 0

    def at(self, rank: int) -> float:
        """The value at 0-based `rank` of the sorted values."""
        return self.values[bisect_right(self.ends, rank)]

    def median(self) -> float:
        """As `statistics.median`: the middle value, or the mean of the two middle values."""
        n = len(self)
        if n % 2:
            return self.at(n // 2)
        return (self.at(n // 2 - 1) + self.at(n // 2)) / 2

    def quartiles(self) -> tuple[float, float]:
        """The first and third of `statistics.quantiles(values, n=4, method="inclusive")`; both the value itself
        when there is one."""
        n = len(self)
        if n == 1:
            return self.values[0], self.values[0]
        cuts = []
        for i in (1, 3):
            j, delta = divmod(i * (n - 1), 4)
            cuts.append((self.at(j) * (4 - delta) + self.at(j + 1) * delta) / 4)
        return cuts[0], cuts[1]

    def below(self, bound: float) -> int:
        """How many values are smaller than `bound`."""
        return sum(n for value, n in zip(self.values, self.counts, strict=True) if value < bound)

    def above(self, bound: float) -> int:
        """How many values are larger than `bound`."""
        return sum(n for value, n in zip(self.values, self.counts, strict=True) if value > bound)
