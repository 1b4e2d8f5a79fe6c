import re

SUBJECTS = "the movie|this film|the plot|the acting|the ending|the music|the story|this book|the service|the food|the game|the show"
POSITIVE = "great wonderful brilliant delightful excellent moving fun beautiful clever charming good lovely".split()
NEGATIVE = "boring awful terrible dull weak messy painful bad slow disappointing poor bland".split()
INTENSIFIERS = ["", "really ", "very ", "truly ", "quite ", "so "]
TEMPLATES = [
    "{s} was {i}{a}",
    "i found {s} {i}{a}",
    "{s} is {i}{a} and {a2}",
    "honestly {s} felt {i}{a}",
    "what a {a} experience , {s} was {i}{a2}",
]


def tokenize(text):
    return re.findall(r"[a-z']+|[.,!?]", text.lower())


def sentiment(samples, seed, max_length=16):
    """Short reviews as word ids (src/data/sentiment.ts): 0 pads, 1 is an unknown word; label 1 is positive. Shuffled."""
    rand = Mulberry32(seed)
    pick = lambda items: items[rand.int(len(items))]
    texts, y = [], np.zeros(samples, np.float32)
    for i in range(samples):
        positive = i % 2 == 0
        negated = rand.next() < 0.17
        words = POSITIVE if positive != negated else NEGATIVE
        template = "{s} was not {a}" if negated else pick(TEMPLATES)
        # Every word is drawn, in this order, whether the template uses it or not: the browser does too.
        s, intensity, a, a2 = pick(SUBJECTS.split("|")), pick(INTENSIFIERS), pick(words), pick(words)
        texts.append(template.replace("{s}", s, 1).replace("{i}", intensity, 1).replace("{a}", a, 1).replace("{a2}", a2, 1))
        y[i] = 1 if positive else 0
    vocabulary = {}
    for text in texts:
        for word in tokenize(text):
            vocabulary.setdefault(word, len(vocabulary) + 2)
    x = np.zeros((samples, max_length), np.float32)
    for i, text in enumerate(texts):
        ids = [vocabulary.get(w, 1) for w in tokenize(text)[:max_length]]
        x[i, : len(ids)] = ids
    order = shuffled_order(samples, seed)
    return x[order], y[order]
