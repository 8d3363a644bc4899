"""Candidates: which sentences may hold a measure or an event (a cheap prefilter each), the
verb classes of change, and the clauses a sentence is cut into.

Pure functions.
"""

from __future__ import annotations

import re

from thaw.news._scan import lower_same_length, lowered, prefiltered

# words that name a trade measure, with the rate, back-reference and owner forms that stand
# for one
_MEASURE_PATTERN = (
    r"\b(tariffs?(?!\s+(?:calendar|wars?|fights?|disputes?|talks|negotiations?|polic(?:y|ies)|"
    r"schedules?|revenues?|income|code|items?|lines?|classifications?|engineering)\b)|"
    r"surtax(?:es)?|levy|levies|dut(?:y|ies)|countervailing|quotas?|"
    r"anti-dumping(?!\s+(?:investigation|probe|case|inquiry|complaint|petition|review|ruling|"
    r"determination|rules?|law)\b)|"
    r"trade barriers?|import bans?|export bans?|counter-tariffs?|trade actions?(?!\s+plans?\b)|"
    r"(?<=% )deposits?|(?<=cent )deposits?|deposits?(?=\s+(?:of|applies|apply|rate)\s)|"
    # a rate paid or charged with no measure word: "pork pays 25 per cent", "face the same rate"
    r"(?:pays?|paying|faces?|facing|charg(?:e|es|ed|ing))\s+(?:a\s+|an\s+)?"
    r"\d+(?:\.\d+)?[ -]?(?:%|per[ -]?cent|percent)|"
    # a back-reference closing its clause: "if Ottawa drops its own"
    r"(?:its|their)\s+own(?=\s*(?:[.,;”]|$))|"
    # a measure or a rate named by its owner or kind: "its measures", "the final rate"
    r"(?<=steel )measures?|(?<=retaliatory )measures?|restrictive\s+measures?|"
    # a choice of verbs of change on a rate: "could raise, lower or confirm the rate"
    r"(?:raise|lower|cut|increase|reduce|confirm|keep|maintain)\s*,\s*(?:[a-z]+\s*,?\s+)?or\s+"
    r"(?:raise|lower|cut|increase|reduce|confirm|keep|maintain)\s+(?:the|its|their)\s+rates?|"
    # a nominalised change of a measure named before: "announced its termination"
    r"(?<=its )(?:termination|removal|repeal|elimination|withdrawal)|"
    # "the one on cars" after a verb of change: a measure named before, by its product
    r"(?:lift|lifts|lifted|lifting|drop|drops|dropped|dropping|remove|removes|removed|removing|"
    r"scrap|scraps|scrapped|end|ends|ended|ease|eases|eased|cut|cuts|cutting)\s+the\s+one"
    r"(?=\s+(?:on|against)\s)|"
    # a deposit on a product, goods kept out of a measure: "a deposit on seed", "stay exempt"
    r"deposits?(?=\s+on\s)|(?:stay|stays|stayed|remain|remains|remained)\s+exempt|"
    r"(?:trade|import|further|new)\s+restrictions|remissions?|"
    r"(?:tax|taxes|taxed|taxing)\s+(?:[\w’'-]+\s+){0,3}?at\s+\d+(?:\.\d+)?[ -]?(?:%|per[ -]?cent)|"
    r"countermeasures?|(?<=final )rates?|(?<=same )rates?|(?<=cent )rates?|(?<=% )rates?|"
    r"(?<=provisional )rates?|"
    r"(?:provisional|cash|security|anti-dumping|dumping|duty|canola|seed)\s+deposits?|"
    r"(?:suspension|reprieve|exemption|waiver|moratorium)(?=\s+(?:of|on|into|until|beyond|past)\s)|"
    r"measures?(?=[^.]{0,40}\b(?:took effect|takes? effect|came into force|comes? into force)))\b"
)
MEASURE_WORD = prefiltered(_MEASURE_PATTERN, re.I)
# the same, for lowercased text: a fast gate per sentence
MEASURE_GATE = lowered(_MEASURE_PATTERN)
RATE = prefiltered(r"(\d+(?:\.\d+)?)(?:\s*|-)(?:%|per[ -]?cent\b|percent\b)", re.I)
# verb classes of change (docs/news.md, annotation rules); the one nearest the measure word wins
_RELIEF = r"(?:suspension|exemption|reprieve|pause|waiver|moratorium|relief)"
DIRECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (  # a new, lower level: "will drop to 75%", "fell to 12.5%", "came down"
        "lowered",
        prefiltered(
            r"\b(?:drop\w*|f[ae]ll(?:s|ing|en)?)\s+to\s+(?=\d)|\bfallen\s+to\b|"
            r"\b(?:come|comes|came|coming|bring|brings|bringing|brought)\s+(?:\w+\s+)?down\b",
            re.I,
        ),
    ),
    (
        "suspended",
        prefiltered(
            r"\b(suspend\w*|paus\w*|waiv\w*|(?:stop(?:s|ped|ping)?|not|cease\w*)\s+(?:collecting|levying|charging)|"
            r"(?:free|exempt)\s+(?:of|from)\b(?=[^.;]*\b(?:until|for another|through)\b)|"
            rf"extend\w*\s+(?:\w+\s+){{0,3}}?{_RELIEF}|"
            r"(?:suspension|reprieve|moratorium|waiver|pause)\s+(?:of|on)\s+(?=\S))\b",
            re.I,
        ),
    ),
    (
        "lifted",
        prefiltered(
            r"\b(lift\w*|drop\w*|remov\w*|scrap\w*|axe[sd]?|axing|(?<!the )end(?:s|ed|ing)?|"
            r"eliminat\w*|repeal\w*|abolish\w*|phas\w*\s+(?:\w+\s+){0,3}?out|"
            r"struck down|strik\w* down|overturn\w*|expir\w*|lapse[sd]?|replac\w*|swap\w*|"
            r"reconsider\w*|withdr[ae]w\w*|terminat\w*|removal|elimination|no longer appl\w*)\b",
            re.I,
        ),
    ),
    (
        "lowered",
        prefiltered(
            r"\b(lower\w*|cut|cuts|cutting|reduc\w*|down from|halv\w*|trim\w*|soften\w*|"
            r"revisit\w*|remission|"
            r"eas(?:e|es|ed|ing)|roll\w*\s+(?:\w+\s+){0,3}?back|scal\w*\s+back|"
            r"f[ae]ll(?:s|ing|en)?\s+to\s+(?=\d))\b",
            re.I,
        ),
    ),
    (
        "raised",
        prefiltered(
            r"\b(rais\w*|increas\w*|hik\w*|doubl\w*|up from|tighten\w*|"
            r"(?:rise|rises|rising|rose|grow|grows|growing|grew)\s+(?:to|by)\s+"
            r"(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+)?(?=\d))\b",
            re.I,
        ),
    ),
    (
        "imposed",
        prefiltered(
            r"\b((?:re)?impos(?:e|ed|ing|ition)|(?:re)?introduc\w*|slap\w*|levied|placed|"
            r"respond\w* with|retaliat(?:e|es|ed|ing)|announc\w*|threaten\w*|reinstat\w*|"
            r"charg(?:e|ed|ing)|snap\w*\s*back|requir\w*\s+(?:[\w-]+\s+){0,6}?to\s+(?:post|pay)|"
            r"approv\w*|(?:bring|brings|bringing|brought|put|puts|putting)\s+back|"
            r"(?:come|comes|came|coming)\s+back|"
            r"(?:put|puts|putting|set|sets|setting)\s+(?=(?:[\w%.-]+\s+){0,5}?(?:tariffs?|surtax\w*|"
            r"dut(?:y|ies)|levy|levies|quotas?|deposits?)\b)|"
            r"propos(?:e|es|ed|ing)|float(?:s|ed|ing)|"
            r"phas\w*\s+in|extend\w*|will return|would return|consider\w*|weigh\w*|mull\w*|"
            r"set\s+(?=(?:[\w’']+\s+){0,3}?at\s+\d)|took effect|takes? effect|taking effect|"
            r"(?:come|comes|came|coming|go|goes|went|going)\s+into\s+(?:force|effect)|"
            r"start(?:s|ed|ing)?|begin(?:s|ning)?|began|kick\w*\s+in|answer\w*\s+with|"
            r"hit\w*\s+back\s+with|will\s+be\s+subject\s+to|(?:is|are)\s+due\s+(?:on|from|in)|"
            r"due\s+to\s+take\s+effect|follows?\s+(?:\w+\s+){0,2}(?:later|after)|"
            r"(?:come|comes|came)\s+on\s+top\s+of|allow(?:s|ed|ing)?\s+up\s+to)\b",
            re.I,
        ),
    ),
    (
        "in_force",
        prefiltered(
            r"\b(face[sd]?|facing|continue to|remain(?:s|ed)?|stay(?:s|ed)?|still appl\w*|exempt|"
            r"charges|imposes|appl(?:y|ies)|runs?\s+(?:for|until|through)|"
            r"pay|paying|(?<!will be )subject to|changes? to|keep\w*|maintain\w*|"
            r"leav(?:e|es|ing)|"
            r"in place|in force|in effect|unchanged)\b",
            re.I,
        ),
    ),
)
# the verb classes for lowercased text (they hold no case-sensitive part): much faster
DIRECTIONS_LOW: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, lowered(pat.pattern)) for name, pat in DIRECTIONS
)
CLAUSE = re.compile(
    r"\s—\s|;\s|:\s|,?\s+(?=as\s+well\s+as\s)|"
    # a second measure joined by "alongside": "the levy, announced alongside the 100% surtax"
    r"\s+(?=(?:alongside|along\s+with|together\s+with)\s+(?:the\s+|an?\s+|its\s+|their\s+)?"
    r"(?:[\w%.-]+\s+){0,4}?(?:tariffs?|surtax\w*|dut(?:y|ies)|levy|levies|quotas?)\b)|"
    # ", and" before a new subject: "..., and Canadian officials have said", "..., and it will"
    r",\s+(?=and\s+(?:the\s+)?(?:[A-Z]\w+(?:[’']s)?\s+)?(?:officials?|government|ministers?|team|"
    r"administration|it|they|he|she|we|Ottawa|Beijing|Washington)\s)|"
    # ", and" before a new subject paying a rate: "peas face the same rate, and pork pays 25%"
    r",\s+(?=and\s+(?:[\w-]+\s+){1,4}?(?:pay|pays|paid|face|faces|faced)\s)|"
    # a participial clause of response after a comma: ", hitting back at the levies ...",
    # ", retaliating against ...": a clause of its own, naming the measure it answers
    r",\s+(?=(?:hitting|striking|lashing|firing|retaliating|responding)\s+(?:back\s+)?"
    r"(?:at|against|to)\s)|"
    # the comma, when there is one, ends the clause before
    r",?\s+(?=(?:but|while|whereas|then|which|though|although|even though|and that|"
    r"in (?:exchange|return) for)\s)|"
    # the comma stays with the clause before
    r"\s(?=[“\"]?(?:if|in (?:retaliation|response) (?:for|to)|(?:only\s+)?(?:after|once|unless)|"
    r"by\s+\w+ing|until\s+(?:[A-Z][\w.]*|it|they|he|she|we|the\s+(?!end\b)[\w.]+)\s+\w+)\s)|"
    # an apposition restating the measure: ", a duty that remains in force"
    r",\s+(?=(?:a|an|the)\s+(?:[\w%.-]+\s+){0,2}?(?:tariffs?|dut(?:y|ies)|levy|levies|surtax\w*|"
    r"quotas?)\s+(?:that|which)\s)"
)
# clauses that depend on the one before for their modality: "would cut ... only after Canada
# removes", "will drop ..., while keeping those", "tariffs, which Beijing wants removed"
SUBORDINATE = re.compile(
    r"(?:only\s+)?(?:after|once|unless|while|whereas|which|until)\b|by\s+\w+ing\b|"
    r"in (?:exchange|return) for\b",
    re.I,
)
# "... will halve its tariff and extend the suspension of ...": a second verb of change with
# the same subject; its clause keeps the first one's modal and negation cues
COORDINATION = re.compile(r"(?:,\s+|\s)(?=(?:and|then)\s)")
# what may stand between "and" and the verb of a coordinated predicate: modals, adverbs and
# "a year later" (not a new subject: "tariff on lobster and crab will return" is one clause)
LEAD_IN = re.compile(
    r"(?:and|then)\s+(?:(?:it|they)\s+)?(?:(?:will|would|could|can|may|might|should|must|to|be|been|also|then|later|"
    r"soon|now|\w+ly|(?:a|an|one|two|three|\w+)\s+(?:days?|weeks?|months?|years?)\s+later),?\s+)"
    r"{0,3}",
    re.I,
)
NOUN_AFTER = re.compile(r"\s+(?:that|which|of)\b")
OWN_SUBJECT = re.compile(r"(?:and|then)\s+(?:it|they)\s", re.I)


def coordinated(text: str, a: int, b: int, dependent: bool) -> list[tuple[int, int, bool]]:
    """Split ``text[a:b]`` before "and"/"then" when a verb of change follows within four
    words: ``halve its tariff | and extend the suspension``."""
    out: list[tuple[int, int, bool]] = []
    start, coordinated = a, dependent
    for m in COORDINATION.finditer(text, a, b):
        window = text[m.end() : min(b, m.end() + 60)]
        low = lower_same_length(window)
        verb = any(
            (v := pat.search(low if low is not None else window)) is not None
            and LEAD_IN.fullmatch(window[: v.start()])
            and not NOUN_AFTER.match(window, v.end())  # "offal and cuts that": a noun
            for name, pat in (DIRECTIONS_LOW if low is not None else DIRECTIONS)
            if name != "in_force"
        )
        if verb and text[start : m.start()].strip():
            out.append((start, m.start(), coordinated))
            # "..., and it removed ...": a subject of its own, a modality of its own
            start, coordinated = m.end(), OWN_SUBJECT.match(text, m.end()) is None
    out.append((start, b, coordinated))
    return out
