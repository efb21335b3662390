"""Dev-only: (re)write the project's own small English texts under assets/text/.

    python tools/make_text_corpus.py

Both files are written for the project from the templates below with a fixed seed, so re-running
the script reproduces the same bytes (see assets/README.md):

* ``corpus.txt``  - one short sentence a line. Words of one kind (animals, foods, colours,
  numbers, people, places) fill the same slots of the templates, so they share their contexts:
  the word-vector sources (skipgram, cbow) learn that "cat" is like "dog", not like "seven".
* ``reviews.tsv`` - "label<TAB>text" lines, positive and negative short reviews made of a few
  opinion words among neutral ones, for the text classification sources.
"""
from __future__ import annotations

import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "assets" / "text"

ANIMALS = ["cat", "dog", "horse", "cow", "rabbit", "mouse", "sheep", "pig"]
ANIMAL_DOES = ["sleeps", "runs", "jumps", "plays", "hides", "rests"]
ANIMAL_PLACES = ["garden", "field", "barn", "yard"]
ANIMAL_LOOKS = ["small", "old", "young", "lazy", "happy"]
PEOPLE = ["boy", "girl", "man", "woman", "teacher", "baker"]
FOODS = ["bread", "cheese", "rice", "soup", "cake", "pasta", "salad", "pie"]
COOKS = ["cooks", "eats", "buys", "makes", "shares", "wants"]
TASTES = ["warm", "fresh", "sweet", "hot"]
COLOURS = ["red", "blue", "green", "yellow", "white", "black", "pink"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
THINGS = ["balls", "cups", "hats", "books", "boxes", "flowers"]

CORPUS_TEMPLATES = [
    "the {animal} {does} in the {aplace}",
    "a {look} {animal} {does} near the {aplace}",
    "the {animal} and the {animal2} are friends",
    "my {animal} {does} all day",
    "the {person} {cooks} {taste} {food}",
    "the {person} {cooks} {food} for dinner",
    "we ate {taste} {food} and {food2} at home",
    "a {person} {cooks} the {food} in the kitchen",
    "i see {number} {colour} {things}",
    "there are {number} {things} on the table",
    "she has {number} {colour} {things}",
    "the {things} are {colour} and {colour2}",
    "he painted the door {colour}",
    "{number} plus {number2} is {number3}",
    "count to {number} and then to {number2}",
]


def _pick(rng: random.Random, words: list[str], n: int) -> list[str]:
    return rng.sample(words, n)


def corpus(rng: random.Random, count: int) -> list[str]:
    lines = []
    for i in range(count):
        template = CORPUS_TEMPLATES[i % len(CORPUS_TEMPLATES)]
        a, a2 = _pick(rng, ANIMALS, 2)
        f, f2 = _pick(rng, FOODS, 2)
        c, c2 = _pick(rng, COLOURS, 2)
        n, n2, n3 = _pick(rng, NUMBERS, 3)
        lines.append(template.format(
            animal=a, animal2=a2, does=rng.choice(ANIMAL_DOES), aplace=rng.choice(ANIMAL_PLACES),
            look=rng.choice(ANIMAL_LOOKS), person=rng.choice(PEOPLE), cooks=rng.choice(COOKS),
            taste=rng.choice(TASTES), food=f, food2=f2, number=n, number2=n2, number3=n3,
            colour=c, colour2=c2, things=rng.choice(THINGS)))
    rng.shuffle(lines)
    return lines


ITEMS = ["soup", "film", "book", "hotel", "room", "service", "music", "game", "cafe", "show"]
GOOD = ["good", "great", "wonderful", "lovely", "excellent", "friendly", "amazing", "pleasant"]
BAD = ["bad", "awful", "terrible", "boring", "rude", "dirty", "horrible", "dull"]
LIKED = ["loved", "enjoyed", "liked", "adored"]
DISLIKED = ["hated", "disliked", "regretted", "avoided"]
WHEN = ["today", "yesterday", "last week", "on sunday", "this morning", "at night"]

REVIEW_TEMPLATES = [
    "the {item} was {adj}",
    "we thought the {item} was really {adj}",
    "what a {adj} {item}",
    "i {verb} this {item} {when}",
    "a {adj} {item} and a {adj2} {item2}",
    "{when} the {item} felt {adj} to us",
    "my friends {verb} the {item}",
    "the {item} at the station was {adj} and {adj2}",
]


def reviews(rng: random.Random, count: int) -> list[str]:
    lines = []
    for i in range(count):
        positive = i % 2 == 0
        adj, adj2 = _pick(rng, GOOD if positive else BAD, 2)
        item, item2 = _pick(rng, ITEMS, 2)
        text = REVIEW_TEMPLATES[(i // 2) % len(REVIEW_TEMPLATES)].format(
            item=item, item2=item2, adj=adj, adj2=adj2, when=rng.choice(WHEN),
            verb=rng.choice(LIKED if positive else DISLIKED))
        lines.append(f"{'positive' if positive else 'negative'}\t{text}")
    rng.shuffle(lines)
    return lines


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(19)
    (OUT / "corpus.txt").write_text("\n".join(corpus(rng, 600)) + "\n", encoding="utf-8")
    (OUT / "reviews.tsv").write_text("\n".join(reviews(rng, 400)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
