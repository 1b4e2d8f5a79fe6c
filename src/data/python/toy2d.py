def toy2d(kind, samples, noise, seed):
    """TensorFlow Playground's 2-D sets (src/data/toy2d.ts): points scaled to [-1, 1], labels 0 or 1, shuffled."""
    rand = Mulberry32(seed)
    radius = 5
    x = np.zeros((samples, 2), np.float32)
    y = np.zeros(samples, np.float32)
    for i in range(samples):
        label = i % 2
        if kind == "spiral":
            k, n = i // 2, math.ceil(samples / 2)
            r = k / n * radius
            t = 1.75 * k * 2 * math.pi / n + label * math.pi
            px = r * math.sin(t) + rand.uniform(-1, 1) * noise
            py = r * math.cos(t) + rand.uniform(-1, 1) * noise
        elif kind == "circles":
            r = rand.uniform(0, radius * 0.5) if label == 1 else rand.uniform(radius * 0.7, radius)
            angle = rand.uniform(0, 2 * math.pi)
            px = r * math.sin(angle) + rand.uniform(-radius, radius) * noise * 0.5
            py = r * math.cos(angle) + rand.uniform(-radius, radius) * noise * 0.5
        elif kind == "xor":
            px, py = rand.uniform(-radius, radius), rand.uniform(-radius, radius)
            px += 0.3 if px > 0 else -0.3
            py += 0.3 if py > 0 else -0.3
            label = 1 if px * py >= 0 else 0
            px, py = px + rand.uniform(-radius, radius) * noise * 0.5, py + rand.uniform(-radius, radius) * noise * 0.5
        else:  # gaussian
            centre, spread = (2 if label == 1 else -2), 0.5 + noise * 3
            px = centre + rand.normal() * spread
            py = centre + rand.normal() * spread
        x[i] = (px / radius, py / radius)
        y[i] = label
    order = shuffled_order(samples, seed)
    return x[order], y[order]
