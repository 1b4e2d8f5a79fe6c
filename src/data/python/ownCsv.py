import csv


def csv_dataset(path, features, label, normalize, classes=None, delimiter=","):
    """Your CSV file as Layerbook read it: rows with a label, empty feature cells filled with the column's
    mean, features scaled to mean 0 and spread 1 when normalize is on, classes numbered in the given order."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f, delimiter=delimiter) if (r.get(label) or "").strip() != ""]
    columns = []
    for name in features:
        values = [float(r[name]) if r[name].strip() else math.nan for r in rows]
        known = [v for v in values if not math.isnan(v)]
        mean = sum(known) / len(known)
        std = math.sqrt(sum((v - mean) ** 2 for v in known) / len(known)) or 1
        filled = [mean if math.isnan(v) else v for v in values]
        columns.append([(v - mean) / std if normalize else v for v in filled])
    x = np.array(columns, np.float64).T.astype(np.float32)
    labels = [r[label].strip() for r in rows]
    y = np.array([classes.index(v) for v in labels] if classes else [float(v) for v in labels], np.float32)
    # Layerbook shuffles a file once with seed 7, so the test split at the end is a fair sample.
    order = shuffled_order(len(rows), 7)
    return x[order], y[order]
