"""Counted order statistics equal the statistics module's on the values written out."""

import random
import statistics

import pytest

from digicomp_xblock.core.counted import Counted


@pytest.mark.parametrize("seed", range(40))
def test_the_median_quartiles_and_tails_of_counts_are_those_of_the_values_written_out(seed):
    rng = random.Random(seed)
    pool = [rng.choice([0, 1, 2, 3, 4]) for _ in range(6)] + [round(rng.uniform(-100, 100), 3) for _ in range(6)]
    values = [rng.choice(pool) for _ in range(rng.randint(1, 60))]
    counted = Counted.of(values)
    assert len(counted) == len(values)
    assert counted.median() == statistics.median(values)
    assert type(counted.median()) is type(statistics.median(values))  # 2 stays an int, (2 + 3) / 2 is 2.5
    if len(values) > 1:
        q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
        assert counted.quartiles() == (q1, q3)
    else:
        assert counted.quartiles() == (values[0], values[0])
    bound = rng.choice(pool)
    assert counted.below(bound) == sum(v < bound for v in values)
    assert counted.above(bound) == sum(v > bound for v in values)


def test_values_counted_zero_times_are_not_there():
    assert len(Counted({1.0: 0, 2.0: 3})) == 3 and Counted({1.0: 0, 2.0: 3}).median() == 2.0
