def mnist_digits(samples):
    """The digits Layerbook ships (scripts/make-mnist.mjs picks them from MNIST by a seeded shuffle):
    the first `samples` of its 20,000 training digits, then its 2,000 test digits, pixels 0-1."""
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()

    def picked(count, seed, keep):
        rand, order = Mulberry32(seed), list(range(count))
        for i in range(count - 1, 0, -1):
            j = math.floor(rand.next() * (i + 1))
            order[i], order[j] = order[j], order[i]
        return order[:keep]

    train = picked(len(x_train), 20260121, 20000)[: max(1, min(samples, 20000))]
    test = picked(len(x_test), 20260122, 2000)
    x = np.concatenate([x_train[train], x_test[test]]).astype(np.float32)[..., None] / 255
    y = np.concatenate([y_train[train], y_test[test]]).astype(np.float32)
    return x, y


def mnist_digits_5_9(samples):
    """Layerbook's digits 5-9, for transfer learning from its digits 0-4 backbone: the shipped training
    digits 5-9 taken in turns (a 5, a 6, ... a 9, then a 5 again, while each lasts), so the first `samples`
    hold as many of each digit; then the shipped test digits 5-9. Labels 0-4 stand for the digits 5-9."""
    x, y = mnist_digits(20000)
    train_end = len(x) - 2000

    def in_turns(start, end):
        by_digit = [[i for i in range(start, end) if y[i] == digit] for digit in range(5, 10)]
        order = []
        for turn in range(max(len(d) for d in by_digit)):
            order += [d[turn] for d in by_digit if turn < len(d)]
        return order

    train = in_turns(0, train_end)
    train = train[: max(1, min(samples, len(train)))]
    test = sorted(in_turns(train_end, len(x)))
    keep = train + test
    return x[keep], y[keep] - 5
