"""The extractor's rules on sentences written for these tests, and its precision and recall
against gold under the convention: the three articles in ../shared/news and the rounds written
for the tests (each scored once before any rule was changed for it; docs/news.md has those
scores)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from thaw.news.evaluate import score_gold
from thaw.news.extract import extract, sentences

PUB = dt.date(2025, 11, 1)
HERE = Path(__file__).resolve().parent


def measures(text: str) -> list[dict[str, object]]:
    return [i.fields for i in extract(text, PUB) if i.kind == "measure"]


def test_a_decision_a_proposal_and_a_negation_are_told_apart() -> None:
    (done,) = measures("Ottawa imposed a 10% surtax on Chinese steel on Monday.")
    assert (done["imposing"], done["targeted"], done["direction"], done["status"]) == (
        "CAN",
        "CHN",
        "imposed",
        "decided",
    )
    assert done["rates"] == [10.0] and done["hs"] == ["72"]  # steel: chapter 72 (convention)
    (asked,) = measures("Exporters urged Beijing to lift its tariffs on Canadian pork.")
    assert (asked["direction"], asked["status"], asked["imposing"], asked["targeted"]) == (
        "lifted",
        "proposed",
        "CHN",
        "CAN",
    )
    (dodged,) = measures("The minister did not say whether Canada would drop the levies.")
    assert (dodged["direction"], dodged["status"]) == ("lifted", "undecided")


def test_a_participle_describes_the_measure_and_a_list_inherits_its_introduction() -> None:
    text = (
        "He left the door open to two steps:\n"
        "Lifting the 100% tariff imposed on Chinese electric vehicles last year.\n"
    )
    (item,) = measures(text)
    assert (item["direction"], item["status"], item["rates"]) == ("lifted", "proposed", [100.0])


def test_two_measures_in_one_sentence() -> None:
    found = measures(
        "Canadian farmers face Chinese tariffs imposed in retaliation for Canada's 100% "
        "levies on Chinese electric vehicles."
    )
    assert {(m["imposing"], m["targeted"]) for m in found} == {("CHN", "CAN"), ("CAN", "CHN")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # verb classes beyond impose/raise/lower/lift (docs/news.md, annotation rules)
        ("Ottawa will waive the 6% duty on Chilean wine until June.", {("suspended", "announced")}),
        ("Seoul halved its 8% tariff on Canadian beef last year.", {("lowered", "decided")}),
        # a move from one rate to another: the change and the measure as it stood (convention)
        (
            "Tokyo trimmed the tariff on pork to 4% from 9%.",
            {("lowered", "decided"), ("in_force", "decided")},
        ),
        ("Brussels approved tariffs of up to 30% on Russian fertiliser.", {("imposed", "decided")}),
        # a participle or relative clause describing the measure is not a change
        (
            "The 15% levy, introduced in 2023, still applies to frozen fries.",
            {("in_force", "decided")},
        ),
        ("Fries still pay a 12% tariff that Manila introduced in 2022.", {("in_force", "decided")}),
        # two predicates, one subject and one modal
        (
            "Tokyo will trim its tariff on pork and extend the suspension of its duties on canola.",
            {("lowered", "announced"), ("suspended", "announced")},
        ),
        # a pronoun takes the measure of the clause before
        (
            "Brussels reinstated a 10% tariff on maple syrup in June, then let it lapse in July.",
            {("imposed", "decided"), ("lifted", "decided")},
        ),
        (
            "Canada keeps a surtax on Chinese steel, which Beijing wants removed.",
            {("in_force", "decided"), ("lifted", "proposed")},
        ),
        # a subordinate clause keeps the modality of its main clause
        (
            "Beijing would cut its duty on canola only after Ottawa removes its surtax on steel.",
            {("lowered", "proposed"), ("lifted", "proposed")},
        ),
        # a negated condition is not a negated change; the month May is not a modal
        ("If Ottawa does not act, the 30% levy will return in June.", {("imposed", "proposed")}),
        (
            "The government imposed a 20% duty on Turkish steel in May 2024.",
            {("imposed", "decided")},
        ),
        # "remaining" describes; the verb is "scrap"
        (
            "The council urged Ottawa to scrap the remaining duty on pears.",
            {("lifted", "proposed")},
        ),
        # reported speech: "would" is the future, said; a level reached is a lowering
        ("Ottawa said it would impose a 25% tariff on wire.", {("imposed", "announced")}),
        (
            "The quota on Turkish steel will drop to 60% of 2024 volumes.",
            {("lowered", "announced")},
        ),
        ("The ministry set the duty at 7.5% for all exporters.", {("imposed", "decided")}),
        # a relative clause says what the measure is; a definite mention is a measure in force
        (
            "Seoul filed a complaint over a 10% surtax that Ottawa charges.",
            {("in_force", "decided")},
        ),
        ("The EU collected about €1 billion from the duties.", {("in_force", "decided")}),
        # the present tense states what is in force; "to zero" is a lifting
        ("Japan charges a 5% tariff on canola oil.", {("in_force", "decided")}),
        ("Japan will cut its tariff on beef to zero in April.", {("lifted", "announced")}),
        # idioms and other objects: brought up with someone; the plant's crush is cut
        ("Ottawa had raised the tariffs with Chinese officials.", {("in_force", "decided")}),
        (
            "The plant will cut its crush by a third, blaming China's tariffs on canola meal.",
            {("in_force", "decided")},
        ),
        # an open question ("whether") leaves the change undecided; calls are proposals
        ("Asked whether the surtax could be lifted, she smiled.", {("lifted", "undecided")}),
        ("The premier called again for Ottawa to drop the surtax.", {("lifted", "proposed")}),
        (
            "Critics say Ottawa should keep the quota at 49,000 vehicles.",
            {("in_force", "proposed")},
        ),
        # an official's quoted statement of the measure
        ('"The surtax will stay at 25% for a year," she said.', {("in_force", "announced")}),
        # the verb's object is the case, not the duties
        (
            "Australia agreed to suspend its WTO case against China's duties on wine.",
            {("in_force", "decided")},
        ),
        # substitution lifts one measure and imposes another, with the same status
        (
            "Seoul swapped its 8% tariff on Chilean grapes for a quota of 20,000 tonnes.",
            {("lifted", "decided"), ("imposed", "decided")},
        ),
        (
            "Brussels is expected to replace the levy on solar glass with a minimum price.",
            {("lifted", "proposed")},
        ),
        # an elided subject: the second predicate changes the same measure
        (
            "The duties on barley were imposed in 2019 and lifted in 2022.",
            {("imposed", "decided"), ("lifted", "decided")},
        ),
        # "by" + gerund: the means clause holds its own measure; the first is the one answered
        (
            "Mexico answered Peru's 15% surtax on cement by raising its tariff on Peruvian grapes.",
            {("in_force", "decided"), ("raised", "decided")},
        ),
        # a condition after the clause makes it a proposal; "until" and "in exchange for" are
        # clauses of their own that keep the main clause's modality
        (
            "Seoul will lower the beef tariff if Canberra lifts its duty on steel.",
            {("lowered", "proposed"), ("lifted", "proposed")},
        ),
        (
            "Critics say Tokyo should keep the rice quota until Hanoi drops its fruit tariff.",
            {("in_force", "proposed"), ("lifted", "proposed")},
        ),
        (
            "A farmer suggested Ottawa scrap the surtax in exchange for a lower tariff on pork.",
            {("lifted", "proposed"), ("lowered", "proposed")},
        ),
        # a relative clause saying what a measure already named is, or when it ends
        (
            "Growers want Seoul to drop the 9% duty on pears, which has applied since 2023.",
            {("lifted", "proposed")},
        ),
        (
            "Peru has extended its exemption from the tariff on wheat, which expires in May.",
            {("suspended", "decided")},
        ),
        # more verbs of each class: "bring back" imposes, "has fallen to" lowers
        ("Nor should Lima bring back the 10% levy on cement.", {("imposed", "proposed")}),
        ("Those tariffs on pears could come back in May.", {("imposed", "proposed")}),
        ("Hanoi's tariff on canola has fallen to 5% this year.", {("lowered", "decided")}),
        (
            "Lima has never had to decide whether to put a levy on cement.",
            {("imposed", "undecided")},
        ),
        # a suspension of a measure is a suspension, whoever speaks of it
        ("The worry is the suspension of Peru's duty on wheat.", {("suspended", "decided")}),
        # "is to": an option or a plan, not a decision
        ("The second option is to keep the quota on rice.", {("in_force", "proposed")}),
        # a concessive clause and a second reported clause have their own modality
        (
            "Hanoi had proposed duties of 12% on steel, though it did not collect deposits.",
            {("imposed", "proposed")},
        ),
        (
            "Lawyers said the levy on cement is set to expire in 2030, and that exporters could "
            "ask for it to be lifted sooner.",
            {("lifted", "announced"), ("lifted", "proposed")},
        ),
        # an apposition restating the measure is a mention of its own
        (
            "Peru imposed a 20% tariff on garlic in 2024, a duty that remains in force.",
            {("imposed", "decided"), ("in_force", "decided")},
        ),
        # what describes the measure: a reduced relative clause, an in-force phrase in commas
        (
            "Talks stalled, and the tariffs each side imposed in 2024 are being cut.",
            {("lowered", "decided")},
        ),
        (
            "The 9% duty on pears, in place since 2023, is the one growers want Seoul to remove.",
            {("lifted", "proposed")},
        ),
        # deposits are anti-dumping measures; "set" and "require ... to post" impose them
        (
            "Hanoi will require importers of Peruvian garlic to post a 30% deposit from Monday.",
            {("imposed", "announced")},
        ),
        ("The ministry set provisional deposits of 12% on Thai sugar.", {("imposed", "decided")}),
        # an exemption with an end is a suspension; so is a tariff not being collected
        (
            "Pears are free of Seoul's 9% duty until at least June.",
            {("suspended", "decided")},
        ),
        ("Until May, Lima is not collecting its levy on cement.", {("suspended", "decided")}),
        # a snapback reimposes; "unchanged" is in force; "the rate charged on" describes it
        (
            "The plan pairs a cut in the levy on cement with a snapback if talks fail.",
            {("lowered", "proposed")},
        ),
        ("Hanoi's 5% tariff on canola oil is unchanged.", {("in_force", "decided")}),
        (
            "Cars now enter at the 6% tariff, the same rate charged on cars from most countries.",
            {("in_force", "decided")},
        ),
        # a quoted sentence states a measure even without a verb of saying in it
        ('"The deposit of 30% is basically a wall.', {("in_force", "decided")}),
        # a leading condition is a clause of its own; what it conditions is a proposal
        (
            "If Seoul does not extend the pause, its tariffs on pears would return in May.",
            {("imposed", "proposed")},
        ),
        (
            "If Lima drops its levy on cement, Quito will cut its tariff on bananas.",
            {("lifted", "proposed"), ("lowered", "proposed")},
        ),
        # "until the end of 2027" is a time, not a clause; "replaced it with": "it" is lifted
        (
            "Seoul will extend the suspension of its duty on pears until the end of 2027.",
            {("suspended", "announced")},
        ),
        (
            "Lima scrapped its 20% levy on cement and replaced it with a quota.",
            {("lifted", "decided"), ("imposed", "decided")},
        ),
        # "..., and it removed ...": a second subject with its own tense
        (
            "Seoul will cut its tariff on beef next year, and it removed its duty on pork in 2021.",
            {("lowered", "announced"), ("lifted", "decided")},
        ),
    ],
)
def test_general_patterns_of_change_and_modality(
    sentence: str, expected: set[tuple[str, str]]
) -> None:
    got = {(m["direction"], m["status"]) for m in measures(sentence)}
    assert got == expected


def test_a_title_line_gives_no_measures_or_events_and_close_negations_deny_events() -> None:
    text = "Seoul to cut beef tariff after talks\n\nSeoul will cut its 8% tariff on beef."
    assert [(m["direction"], m["status"]) for m in measures(text)] == [("lowered", "announced")]

    def events(t: str) -> list[str]:
        return [i.fields["type"] for i in extract(t, PUB) if i.kind == "event"]

    assert events(text) == []
    assert events("Goods that meet the rules of origin are exempt from the tariff.") == []
    assert events("That probe has not concluded, the ministry said.") == []
    assert events("Farmers sold their crop while waiting for a deal.") == []
    assert measures("Growers had problems that had nothing to do with tariffs.") == []
    assert events("A court struck down the tariff in February.") == ["ruling"]
    assert events("Three Canadians remain in custody in Shenyang.") == ["detention"]
    # "Aug." does not end the sentence; "due in" a capital is a visit
    assert events("Do you expect a deal soon?") == []  # a question asserts nothing
    assert events("In January, the prime minister went to Beijing.") == ["visit"]
    assert events("In its final determination, the ministry found dumping.") == ["ruling"]
    assert sorted(events("The minister is due in Beijing on Aug. 27 for talks with Wang.")) == [
        "meeting",
        "visit",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a press release, a statement released: documents, not the freeing of a person
        ("The ministry's release said exports would grow.", []),
        ("A report released on Monday shows pork sales fell.", []),
        ("Their release came after 1,000 days in custody.", ["detention", "release"]),
        ("Mourners thanked Seoul for the release of the two fishermen.", ["release"]),
        # asked about, denied or unconfirmed: not asserted
        ("Asked whether a trade deal was discussed, the official said no.", []),
        ("Lima would not confirm whether the president will visit Hanoi.", []),
        ("An aide denied a report that a visit had been scheduled for May.", []),
        ("Growers had hoped for a deal in June; none materialised.", []),
        ("The test is whether Friday's handshake leads to lower tariffs.", ["meeting"]),
        # what is signed is an agreement; a name in quotation marks after a verb of agreeing
        ("The ministers signed a cooperation roadmap covering eight areas.", ["agreement"]),
        ('The two sides reached a "preliminary joint arrangement" on wheat.', ["agreement"]),
        ("Exporters signed a petition against the levy.", []),
        # a journalist's call is not a meeting; a delegation and a return are visits
        ("He spoke with us by phone from Regina.", []),
        ("Lima will send a delegation of 12 executives to Seoul.", ["visit"]),
        ("When the premier returned from Tokyo, she praised the talks.", ["meeting", "visit"]),
    ],
)
def test_events_are_asserted_happenings(sentence: str, expected: list[str]) -> None:
    found = [i.fields["type"] for i in extract(sentence, PUB) if i.kind == "event"]
    assert sorted(found) == sorted(expected)


def test_quotes_keep_their_speaker_across_sentences_and_headlines_are_not_events() -> None:
    text = (
        "Trade Talks Resume In Ottawa\n"
        "Prime Minister Mark Carney spoke to reporters. “We are making progress. "
        "There is more to do,” Carney said.\n"
        "“It will take time,” he added."
    )
    items = extract(text, PUB)
    quotes = [i.fields for i in items if i.kind == "quote"]
    assert [q["speaker"] for q in quotes] == ["Carney", "Carney"]  # keyed by surname
    assert quotes[0]["text"].startswith("We are making progress. There is more")
    assert not [i for i in items if i.kind == "event" and i.sentence.startswith("Trade Talks")]
    assert len(sentences(text)) == 4


def test_figures_have_units_and_skip_years() -> None:
    figs = [
        i.fields
        for i in extract("In 2024, 3,500 tourists spent C$2.5 billion, up 12%.", PUB)
        if i.kind == "figure"
    ]
    assert [(f["value"], f["unit"]) for f in figs] == [
        (3500.0, "tourists"),
        (2.5e9, "money C$ billion"),
        (12.0, "%"),
    ]


def test_precision_and_recall_on_the_shared_articles(shared: Path) -> None:
    """The three real articles in ../shared/news, gold under thaw-news-gold/2 (span overlap,
    register units); floors a little under the level reached, to catch regressions."""
    r = score_gold(shared / "news", HERE / "real" / "shared-gold")
    assert r.views["measure"].precision >= 0.95 and r.views["measure"].recall >= 0.8
    assert r.views["event"].precision >= 0.8 and r.views["event"].recall >= 0.7
    assert r.views["quote"].recall >= 0.85 and r.views["figure"].recall >= 0.9


@pytest.mark.parametrize(
    ("articles", "annotations", "measure_floor", "event_floor"),
    [
        # (precision, recall) floors: the level reached under the convention, less 0.05
        ("articles", "dev2", (0.95, 0.95), (0.8, 0.95)),
        ("articles2", "dev3", (0.8, 0.5), (0.65, 0.8)),
        ("articles3", "dev4", (0.9, 0.7), (0.65, 0.75)),
        ("articles4", "dev5", (0.9, 0.75), (0.75, 0.75)),
        ("articles5", "dev6", (0.85, 0.7), (0.7, 0.7)),
        ("articles6", "dev7", (0.85, 0.85), (0.85, 0.75)),
        ("articles7", "dev8", (0.9, 0.7), (0.7, 0.75)),
        ("articles8", "dev9", (0.85, 0.75), (0.6, 0.7)),
        ("articles9", "dev10", (0.9, 0.7), (0.5, 0.6)),
        ("articles10", "dev11", (0.85, 0.75), (0.6, 0.6)),
    ],
)
def test_precision_and_recall_on_articles_written_for_the_tests(
    articles: str,
    annotations: str,
    measure_floor: tuple[float, float],
    event_floor: tuple[float, float],
) -> None:
    """The synthetic rounds, their gold converted to thaw-news-gold/2 (span overlap, register
    units): development sets now, so the floors guard against regressions rather than measure
    generalisation (docs/news.md has the scores of each round before it was tuned on)."""
    r = score_gold(HERE / articles, HERE / annotations)
    m, e = r.views["measure"], r.views["event"]
    assert m.precision >= measure_floor[0] and m.recall >= measure_floor[1]
    assert e.precision >= event_floor[0] and e.recall >= event_floor[1]
    assert r.views["quote"].recall >= 0.9 and r.views["figure"].recall >= 0.55


def test_hyphenated_rates_percentage_points_and_counts_of_cars_are_figures() -> None:
    text = "The 100-per-cent surtax rose 10 percentage points; 49,000 Chinese EVs may enter."
    got = [
        (i.fields["text"], i.fields["value"], i.fields["unit"])
        for i in extract(text, PUB)
        if i.kind == "figure"
    ]
    assert got == [  # the 100% is the measure's rate, not a figure of its own
        ("10 percentage points", 10.0, "percentage points"),
        ("49,000 Chinese EVs", 49000.0, "chinese evs"),
    ]
    (m,) = measures(text)
    assert m["rates"] == [100.0]
    # a hyphenated duration is one figure, not two
    days = [i for i in extract("A three-day visit.", PUB) if i.kind == "figure"]
    assert [(d.fields["value"], d.fields["unit"]) for d in days] == [(3.0, "days")]


def test_money_without_a_scale_word_and_counts_of_people_are_figures() -> None:
    text = (
        "A permit costs 150 yuan and a car €28,400; "
        "60 Chinese business executives came for one year."
    )
    figs = [(i.fields["value"], i.fields["unit"]) for i in extract(text, PUB) if i.kind == "figure"]
    assert figs == [
        (150.0, "yuan"),
        (28400.0, "money €"),
        (60.0, "chinese business executives"),
        (1.0, "year"),
    ]
    bare = "There were 12 of them in 2024."
    assert [i for i in extract(bare, PUB) if i.kind == "figure"] == []
