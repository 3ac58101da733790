"""A synthetic news corpus for speed and memory benchmarks: many distinct articles of realistic
length (about 370 words), each real event reported by one to three outlets in their own words
(the URL path names the real event, ``/e17/...``: a gold grouping for linking).

    .venv/bin/python bench/corpus.py --articles 10000 -o out/corpus-10000.jsonl

Every article names its actors, their roles and countries, a date expression and a place, and
surrounds the event sentences with background sentences, so parsing, coding, resolution and
linking all do realistic work. The same seed gives the same corpus.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

# name, adjective, capital (facts)
COUNTRIES = [
    ("Norway", "Norwegian", "Oslo"),
    ("Vietnam", "Vietnamese", "Hanoi"),
    ("Chile", "Chilean", "Santiago"),
    ("Argentina", "Argentine", "Buenos Aires"),
    ("Georgia", "Georgian", "Tbilisi"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("Poland", "Polish", "Warsaw"),
    ("Turkey", "Turkish", "Ankara"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Indonesia", "Indonesian", "Jakarta"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Nigeria", "Nigerian", "Abuja"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Japan", "Japanese", "Tokyo"),
    ("Canada", "Canadian", "Ottawa"),
    ("Sweden", "Swedish", "Stockholm"),
    ("Peru", "Peruvian", "Lima"),
    ("Ghana", "Ghanaian", "Accra"),
    ("Morocco", "Moroccan", "Rabat"),
    ("Thailand", "Thai", "Bangkok"),
    ("Hungary", "Hungarian", "Budapest"),
    ("Colombia", "Colombian", "Bogota"),
]
ROLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "Trade Minister", "President"]
FIRST = ["Ana", "Lars", "Minh", "Omar", "Kofi", "Irina", "Tomas", "Leila", "Diego", "Yuki"]
LAST_SYLLABLES = ["dar", "vel", "son", "ko", "ria", "ten", "mar", "lin", "sho", "bek", "ran"]
OUTLETS = [
    "Northline Daily",
    "Continental Wire",
    "Harbor Times",
    "Meridian Post",
    "Radio Altamira",
    "Baltic Observer",
    "Eastgate News",
    "Summit Herald",
]
# event sentence templates by kind: {a} source actor phrase, {b} target, {p} place, {d} date
EVENTS = {
    "visit": [
        "{a} visited {p} {d} for talks with {b}.",
        "{a} arrived in {p} {d} and held talks with {b}.",
        "{b} hosted {a} in {p} {d}.",
    ],
    "agree": [
        "{a} signed an agreement with {b} in {p} {d}.",
        "{a} and {b} agreed {d} to expand cooperation, officials in {p} said.",
    ],
    "accuse": [
        "{a} accused {b} {d} of violating the border accord.",
        "{a} {d} blamed {b} for the collapse of the talks in {p}.",
    ],
    "sanction": [
        "{a} imposed sanctions on {b} {d}, officials in {p} said.",
        "{a} {d} announced new sanctions against {b}.",
    ],
    "aid": [
        "{a} pledged humanitarian aid to {b} {d} during a meeting in {p}.",
        "{a} {d} sent emergency aid to {b}, officials in {p} said.",
    ],
    "threaten": [
        "{a} threatened {b} {d} with retaliation over the dispute.",
        "{a} {d} warned {b} of consequences, speaking in {p}.",
    ],
    "request": [
        "{a} urged {b} {d} to return to negotiations in {p}.",
        "{a} called on {b} {d} to release the detained sailors.",
    ],
    "reject": [
        "{a} rejected the proposal from {b} {d}, diplomats in {p} said.",
        "{a} {d} refused a request by {b} to reopen the consulate in {p}.",
    ],
}
BACKGROUND = [
    "Trade between the two countries reached {n} billion dollars last year.",
    "Analysts said the {topic} would shape regional policy for years.",
    "The two governments have disagreed over {topic} since {year}.",
    "Officials declined to say whether the {topic} was discussed in detail.",
    "Opposition lawmakers criticised the government's handling of the {topic}.",
    "A joint statement is expected later in the week, according to a spokesperson.",
    "Markets reacted calmly, with the currency closing slightly higher.",
    "Diplomats described the atmosphere of the meeting as frank but constructive.",
    "The ministry said further details would be published on its website.",
    "Local newspapers gave the story prominent coverage on their front pages.",
    "Economists expect growth of about {n} percent this year despite high prices.",
    "Several business leaders travelled with the delegation, officials said.",
    "The {topic} has been a recurring theme in parliamentary debates.",
    "Security was tight around the venue, and several streets were closed.",
    "Previous rounds of talks in {year} ended without a formal agreement.",
]
TOPICS = [
    "energy transition",
    "fishing rights",
    "port expansion",
    "visa regime",
    "grain exports",
    "pipeline project",
    "border demarcation",
    "student exchange programme",
    "debt restructuring",
    "rail corridor",
]
DATE_PHRASES = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "today"]


def person(rng: random.Random) -> str:
    last = "".join(rng.choice(LAST_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return f"{rng.choice(FIRST)} {last.capitalize()}"


def background(rng: random.Random, count: int) -> list[str]:
    return [
        rng.choice(BACKGROUND).format(
            n=rng.randint(2, 90), topic=rng.choice(TOPICS), year=rng.randint(2005, 2023)
        )
        for _ in range(count)
    ]


def articles(n: int, *, seed: int = 7, start: date = date(2025, 1, 6)) -> Iterator[dict[str, str]]:
    """``n`` article records (JSONL fields), real events reported by one to three outlets."""
    rng = random.Random(seed)
    made = 0
    event = 0
    while made < n:
        event += 1
        (na, adj_a, _), (nb, adj_b, cap_b) = rng.sample(COUNTRIES, 2)
        role = rng.choice(ROLES)
        name = person(rng)
        kind = rng.choice(sorted(EVENTS))
        day = start + timedelta(days=made // 40)
        reports = min(rng.choice([1, 1, 2, 2, 3]), n - made)
        for outlet in rng.sample(OUTLETS, reports):
            published = day + timedelta(days=rng.choice([0, 0, 1]))
            phrase = rng.choice(DATE_PHRASES) if published == day else "yesterday"
            actor = f"{adj_a} {role} {name}"
            target = rng.choice([nb, f"the {adj_b} government", f"{adj_b} officials"])
            lead = rng.choice(EVENTS[kind]).format(a=actor, b=target, p=cap_b, d=phrase)
            follow = rng.choice(EVENTS[kind]).format(
                a=f"{name.split()[-1]}", b=nb, p=cap_b, d=phrase
            )
            body = [lead, *background(rng, rng.randint(12, 16)), follow]
            body += background(rng, rng.randint(14, 20))
            paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
            made += 1
            yield {
                "title": f"{na} and {nb}: {kind} ({made})",
                "outlet": outlet,
                "published": published.isoformat(),
                "url": f"https://{outlet.lower().replace(' ', '')}.example/e{event}/{made}",
                "text": f"{cap_b.upper()} ({outlet}) - " + "\n\n".join(paragraphs),
            }


def write(path: Path, n: int, *, seed: int = 7) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in articles(n, seed=seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    write(args.output, args.articles, seed=args.seed)


if __name__ == "__main__":
    main()
