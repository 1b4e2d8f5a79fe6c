SHAPE_CLASSES = ["circle", "square", "triangle"]


def shapes(samples, noise, seed, size=32):
    """Grey size x size images of a filled circle, square or triangle (src/data/shapes.ts), shuffled."""
    rand = Mulberry32(seed)
    x = np.zeros((samples, size, size, 1), np.float32)
    y = np.zeros(samples, np.float32)
    for i in range(samples):
        label = i % 3
        side = max(6, math.floor(rand.uniform(size * 0.3, size * 0.6) + 0.5))
        x0, y0 = rand.int(size - side + 1), rand.int(size - side + 1)
        cx, cy = x0 + side / 2, y0 + side / 2
        for py in range(size):
            for px in range(size):
                qx, qy = px + 0.5, py + 0.5
                if label == 0:
                    on = (qx - cx) ** 2 + (qy - cy) ** 2 <= (side / 2) ** 2
                elif label == 1:
                    on = x0 <= qx <= x0 + side and y0 <= qy <= y0 + side
                else:
                    on = y0 <= qy <= y0 + side and abs(qx - cx) <= (qy - y0) / side * (side / 2)
                value = (1 if on else 0) + rand.normal() * noise * 0.3
                x[i, py, px, 0] = min(1, max(0, value))
        y[i] = label
    order = shuffled_order(samples, seed)
    return x[order], y[order]
