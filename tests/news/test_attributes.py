"""Economies through names, capitals, persons and offices; hedges and actions."""

from __future__ import annotations

from thaw.news.attributes import (
    action_of,
    basis_of,
    economy_mentions,
    hedge_of,
    office_holders,
    product_mentions,
)


def test_persons_offices_and_capitals_stand_for_their_economy() -> None:
    got = [(c, f) for _, c, f in economy_mentions("Carney told Xi that Washington and MOFCOM")]
    assert got == [("CAN", "Carney"), ("CHN", "Xi"), ("USA", "Washington"), ("CHN", "MOFCOM")]
    assert basis_of("Carney") == "person:Carney"
    assert basis_of("Ottawa") == "capital"
    assert basis_of("Chinese") == "adjective"


def test_every_office_holder_has_a_source_and_an_economy() -> None:
    rows = office_holders()
    assert len(rows) >= 15
    assert all(r.source_url and r.economy in {"CAN", "CHN", "USA"} for r in rows)
    assert {r.surname for r in rows} >= {"Carney", "Trudeau", "Xi", "Trump", "Lutnick"}


def test_canola_names_all_three_products() -> None:
    (hit,) = product_mentions("duties on canola")
    assert hit[2] == ("120510", "1514", "230641")


def test_hedges_and_actions() -> None:
    assert action_of("imposed", "decided", "Ottawa imposed a duty") == ("imposed", False, None)
    assert action_of("lifted", "proposed", "calls for Ottawa to lift it")[:2] == ("lifted", True)
    assert action_of("imposed", "proposed", "Ottawa is considering a levy")[0] == "considered"
    assert action_of("imposed", "decided", "Trump threatened a tariff")[0] == "threatened"
    assert action_of("in_force", "decided", "the tariff")[0] == "in_force_mentioned"
    assert hedge_of("efforts to cut the duties") == "efforts to"
    assert hedge_of("the talks on lowering the levy") == "talks on"


def test_a_modifier_carries_over_to_the_bare_words_of_its_coordination() -> None:
    got = [(p, h) for _, p, h in product_mentions("levies on rapeseed oil, meal and pork")]
    assert got == [
        ("canola oil", ("1514",)),
        ("canola meal", ("230641",)),
        ("pork", ("0203",)),
    ]
    # a bare word that is no product with the modifier ends the ellipsis
    got = [p for _, p, _ in product_mentions("canola seed and farmers")]
    assert got == ["canola seed"]


def test_the_product_scanner_finds_what_one_term_at_a_time_finds() -> None:
    import re

    from thaw.news.attributes import _product_scanner_low, product_vocabulary

    # the scanner as one alternation with a word boundary per term (slower, same matches)
    slow = re.compile(
        "|".join(
            f"(?P<p{i}>{pat.pattern.lower()})" for i, (pat, _, _) in enumerate(product_vocabulary())
        )
    )
    for text in (
        "tariffs on evs, electric cars, softwood lumber, dried peas, oil cake and scallops.",
        "rapeseed oil and rapeseed, battery-electric vehicles; steelworkers, aluminium-clad",
        "seafood: fish and seafood, aquatic products, sea cucumbers and passenger cars",
    ):
        fast = [(m.span(), m.lastgroup) for m in _product_scanner_low().finditer(text)]
        assert fast == [(m.span(), m.lastgroup) for m in slow.finditer(text)]
        assert fast  # the texts name products
