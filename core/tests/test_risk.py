"""Whether a search signals risk of suicide or self-harm.

These phrasings were written before the matcher, from the ways people type when they are in
trouble (lower case, no apostrophes, misspelt, abbreviated), and none of them is copied from its
word lists: the matcher must generalise, not recognise.
"""

import pytest

from core.risk import signals_risk

RISKY = [
    "kill myself",
    "i want to kill my self",
    "how to kil myself",
    "ways to end my life",
    "I'm going to end it tonight",
    "want to end it all",
    "i wanna die",
    "i just want to die",
    "want 2 die",
    "wish i was dead",
    "i wish i were dead",
    "better off dead",
    "everyone would be better off without me",
    "suicide",
    "Suicidal",
    "sucidal thoughts",
    "suiside",
    "suicde hotline",
    "feeling suicidal again",
    "thinking about suicide",
    "commit suicide",
    "comitting sucide",
    "overdose",
    "how many pills to overdose",
    "od on tylenol",
    "overdosing on ketamine",
    "lethal dose of ketamine",
    "how much ketamine is fatal",
    "self harm",
    "self-harm",
    "selfharm",
    "cutting myself",
    "i keep hurting myself",
    "harm myself",
    "hang myself",
    "jump off a bridge",
    "dont want to live anymore",
    "don't want to be alive",
    "i dont want to wake up",
    "no reason to live",
    "no point living",
    "tired of living",
    "take my own life",
    "taking my life",
    "unalive myself",
    "kms",
    "end myself",
    "I am going to shoot myself",
    "i want to disappear forever and never come back",
    "how to die painlessly",
    "quickest way to die",
    "plan to kill myself",
    "SUICIDE PREVENTION",
    "suicidal ideation ketamine",
    "i cant go on",
    "ready to die",
    "would anyone notice if i disappeared",
    "nobody would miss me if i were gone",
    "im scared i might hurt somebody",
]

ORDINARY = [
    "ketamine",
    "ketamine cost",
    "esketamine side effects",
    "spravato insurance",
    "depression",
    "treatment resistant depression",
    "anxiety",
    "ptsd therapy",
    "tms near me",
    "ect memory loss",
    "chronic pain",
    "painkiller",
    "pain killers and ketamine",
    "killer whale",
    "does ketamine kill brain cells",
    "dying my hair",
    "diet",
    "diabetes",
    "died",
    "how does ketamine work",
    "ketamine vs ssri",
    "infusion price",
    "oral ketamine",
    "bipolar depression",
    "ocd",
    "sleep",
    "ketamine dose for depression",
    "iv ketamine dosage",
    "self pay",
    "self-pay ketamine clinic",
    "cut costs",
    "hangover",
    "end of treatment",
    "how long does it last",
    "side effects",
    "recreational ketamine",
    "what if i miss a dose",
    "if i am on ssris can i have ketamine",
    "proud of myself for starting therapy",
    "",
]


@pytest.mark.parametrize("query", RISKY)
def test_a_search_that_signals_risk_is_recognised(query):
    assert signals_risk(query), query


@pytest.mark.parametrize("query", ORDINARY)
def test_an_ordinary_search_is_not(query):
    assert not signals_risk(query), query
