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
