import math

import numpy as np


class Mulberry32:
    """Layerbook's seeded generator (src/data/random.ts): the same seed gives the same numbers as in the browser."""

    def __init__(self, seed):
        self.a = seed & 0xFFFFFFFF

    def next(self):
        self.a = (self.a + 0x6D2B79F5) & 0xFFFFFFFF
        t = self.a
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def normal(self):
        # Box-Muller, drawing in the same order as the browser.
        r = math.sqrt(-2 * math.log(1 - self.next()))
        return r * math.cos(2 * math.pi * self.next())

    def int(self, n):
        return math.floor(self.next() * n)


def shuffled_order(count, seed):
    """The order Layerbook shuffles a generated set into, so the test split at its end is a fair sample."""
    rand = Mulberry32(seed ^ 0x5EED)
    order = list(range(count))
    for i in range(count - 1, 0, -1):
        j = rand.int(i + 1)
        order[i], order[j] = order[j], order[i]
    return np.array(order)


def test_count_of(count):
    """Examples held out at the end for the test split: a fifth, as in the browser."""
    return max(1, math.floor(count * 0.2 + 0.5))
