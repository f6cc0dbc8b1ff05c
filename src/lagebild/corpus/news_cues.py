"""Word lists that tell news from background and speculation in German and English news sentences
(generic vocabulary, kept apart from the scoring in summary.py). The patterns are lower case and
searched in lower-cased text: three times faster than case-blind matching."""

from __future__ import annotations

import re

# A sentence that places its content before the event: earlier visits, last year's figures, the war's
# start. News writing marks such background with these adverbs and phrases.
BACKGROUND = re.compile(
    r"\b(zuletzt|damals|seinerzeit|einst|früher|bislang|bisher|schon\s+(?:einmal|lange|seit)|"
    r"im\s+(?:vergangenen|letzten|vorigen|vorletzten)\s+(?:jahr|monat|herbst|winter|frühjahr|sommer|"
    r"januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)|"
    r"(?:vergangenen|letzten|vorigen)\s+jahres|vor\s+(?:\w+\s+)?(?:jahren|jahrzehnten|monaten)|"
    r"in\s+der\s+vergangenheit|in\s+den\s+(?:letzten|vergangenen)\s+(?:jahren|monaten|jahrzehnten)|im\s+jahr(?:e)?\s+(?:19|20)\d\d|seit\s+(?:dem\s+)?(?:jahr\s+)?(?:19|20)\d\d|"
    r"last\s+(?:year|month|spring|summer|autumn|fall|winter)|years?\s+ago|decades?\s+ago|previously|"
    r"in\s+the\s+past|earlier\s+this\s+year|back\s+in\s+(?:19|20)\d\d|since\s+(?:19|20)\d\d)\b",

)
# A main clause in the pluperfect tells what had happened before the news ("Der Konzern hatte schon länger
# angeboten, …", "The firm had offered …"): background too.
_PARTICIPLE = (r"(?:[a-zäöüß]*ge[a-zäöüß]{2,}(?:t|en)|(?:be|er|ver|zer|ent|emp|miss)[a-zäöüß]{2,}(?:t|en)|"
               r"[a-zäöüß]{3,}iert)")
PLUPERFECT = re.compile(r"\b(?:hatte|hatten|war|waren)\b[^,;:.!?]{0,80}?\b" + _PARTICIPLE + r"\s*(?:[,;:.!?]|$)"
                        r"|\bhad\s+(?:\w+\s+)?\w+(?:ed|en)\b")
# Hedged or expected content: what analysts assume, what may happen. Not the event itself.
SPECULATION = re.compile(
    r"\b(vermutlich|wahrscheinlich|voraussichtlich|möglicherweise|offenbar|könnte|könnten|dürfte|dürften|"
    r"würde|würden|man\s+geht\s+davon\s+aus|es\s+wird\s+(?:vermutet|erwartet)|gilt\s+als|"
    r"likely|probably|expected\s+to|could|might|may|would)\b",

)
# A noun that names an event (German nominalisation): "die Unterzeichnung", "die Eröffnung".
EVENT_NOUN = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]{4,}ung\b")
# A sentence that gives someone's view ("..., sagte X", "X meint, ...") rather than what happened.
OPINION = re.compile(
    r"\b(sagte|sagten|sagt|meint|meinte|glaubt|glaubte|findet|fand|betonte|warnte|kritisierte|zeigt\s+sich|"
    r"said|says|believes|argued|warned|thinks)\b")
# A sentence opening with one leans on the sentence before it ("Demnach hat ...", "Dies verstärkt ..."):
# out of its place in a summary, it dangles.
ANAPHORIC_START = re.compile(
    r"(?:demnach|dies|diese[rsmn]?|jene[rsmn]?|genau|damit|dabei|daher|deshalb|dazu|zudem|außerdem|ebenso|auch|"
    r"trotzdem|dennoch|doch|jedoch|allerdings|aber|zum\s+vergleich|im\s+vergleich|"
    r"er|sie|es|ihr|ihre|sein|seine|this|these|that|those|he|she|it|they|also|however|but)\b")
# Events that happen once in a story, by the verbs and nouns that report them (stems, lower case): two
# articles that date such an event for the same actor give two dates of one fact, in whatever words
# ("bei seiner Ankunft am Mittwochmorgen" / "war am Dienstagabend eingetroffen").
ONE_OFF_EVENTS = {
    "arrival": re.compile(r"\b(ankunft|eintreffen|eingetroffen|trifft\s+\w+\s+ein|traf\s+\w+\s+ein|ankommen|"
                          r"angekommen|ankam|landete|gelandet|landung|arriv\w*|landed)\b"),
    "departure": re.compile(r"\b(abreise|abgereist|reiste\s+\w+\s+ab|abflug|abgeflogen|verließ|verlassen|"
                            r"depart\w*|left)\b"),
    "signing": re.compile(r"\b(unterzeichn\w*|unterschrieben|unterschrieb|signed|signing)\b"),
    "death": re.compile(r"\b(starb|gestorben|verstorben|tod|ums\s+leben|died|death)\b"),
}
