def sine_windows(samples, noise, seed, window=30):
    """Windows of a noisy sum of two sines (src/data/timeSeries.ts); each target is the next value. Shuffled."""
    rand = Mulberry32(seed)
    series = np.zeros(samples + window, np.float32)
    for t in range(samples + window):
        series[t] = math.sin(t * 0.2) + 0.5 * math.sin(t * 0.05 + 1) + rand.normal() * noise * 0.2
    x = np.stack([series[i : i + window] for i in range(samples)])[..., None]
    y = series[window : window + samples].copy()
    order = shuffled_order(samples, seed)
    return x[order], y[order]
