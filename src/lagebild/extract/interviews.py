"""Interview turns: paragraphs that open with the speaker's name or label and a colon.

    NORDBOTE: Frau Velden, wann ist die Brücke fertig?
    Velden: Im Sommer.

A text is taken for an interview (or a transcript) when at least two labels each open two or more
turns and turns open lines: questions and answers alternate. A text that lost its line breaks has the
next label after the end of a sentence ("... fertig? Velden: Im Sommer."). A line without a closing
punctuation mark ("Nordhafen: Neue Fähre im Hafen") is a subheading. A single "Fazit:", credits
("Foto: ...") or a list of "Ort: ... / Zeit: ..." lines are left alone, and so is "Frage: ... Antwort: ..."
that addresses no one (the paper's own explainer). Each turn runs to the end of its paragraph or to
the next label."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .speech_words import FUNCTION_WORDS

INTERVIEW = "interview"  # the cue of an interview turn

# a paragraph's opening label: one to four capitalised words or an abbreviation ("NB", "NORDPOST ONLINE",
# "Anna Velden", "Frage"), name particles allowed inside ("Ulrich von Velden"), then a colon
# (texts that lost their line breaks have the label after the end of the previous turn's sentence)
LABEL = re.compile(r"(?:^[ \t]*|(?<=[.?!…“\"][ \t]))"
                   r"(?P<label>[A-ZÄÖÜ][\w.'’-]*(?:[ \t]+(?:[A-ZÄÖÜ][\w.'’-]*|von|van|de|zu|al)){0,3})"
                   r"[ \t]*:[ \t]+(?=\S)", re.M)
MIN_TURNS_PER_LABEL = 2
MIN_LABELS = 2
MIN_TURN_WORDS = 3  # "Foto: dpa", "Quelle: Amt" are credits, not turns
# page furniture that opens lines with a colon, repeatedly: no one speaks there
NOT_SPEAKERS = frozenset("""
update updates hinweis anmerkung korrektur fazit quelle quellen foto fotos bild bilder video videos audio grafik
karte mehr anzeige stand ort orte datum zeit zeitraum preis preise tipp tipps info infos achtung wichtig ergebnis
ergebnisse termin termine kontakt adresse telefon tel fax e-mail email web internet autor autorin autoren text
titel thema themen schlagworte tags kategorie kategorien kommentar kommentare lesetipp hintergrund zitat
zusammenfassung beispiel beispiele tabelle übersicht programm eintritt öffnungszeiten veranstalter spielort
note source sources photo photos image images read related editor correction summary
""".split())
# labels that stand for the interviewer or the interviewee without naming anyone
ANONYMOUS_LABELS = frozenset({"frage", "f", "antwort", "a", "interviewer", "interviewerin", "q", "question",
                              "answer"})


# an interviewer speaking to someone: "Herr Velden, ...", "Frau Berg", or "Sie"/"Ihnen" inside a sentence
ADDRESS = re.compile(r"\b(?:Herr|Frau)[ \t]+[A-ZÄÖÜ]|(?<=[a-zäöüß,][ \t])(?:Sie|Ihnen|Ihr|Ihre[mnrs]?)\b")


@dataclass(frozen=True, slots=True)
class Turn:
    start: int  # the first character after the label and colon
    end: int  # the end of the paragraph
    label: str
    label_start: int

    @property
    def speaker(self) -> str | None:
        return None if self.label.lower() in ANONYMOUS_LABELS else self.label


def interview_turns(text: str) -> list[Turn]:
    """The turns of an interview or transcript, in text order; none if the text is no interview."""
    found = [(m, m.group("label")) for m in LABEL.finditer(text)
             if m.group("label").lower() not in NOT_SPEAKERS and m.group("label").split()[0].lower() not in
             FUNCTION_WORDS and _words_after(text, m.end()) >= MIN_TURN_WORDS and _ends_sentence(text, m.end())]
    uses = Counter(label for _, label in found)
    labels = {label for label, n in uses.items() if n >= MIN_TURNS_PER_LABEL}
    at_line_start = sum(1 for m, label in found if label in labels and _opens_line(text, m.start()))
    if len(labels) < MIN_LABELS or at_line_start < MIN_TURNS_PER_LABEL:
        return []
    found = [(m, label) for m, label in found if label in labels]
    if all(label.lower() in ANONYMOUS_LABELS for label in labels) and not ADDRESS.search(text):
        return []  # "Frage: ... Antwort: ..." addressing no one: the paper's own explainer, no one's speech
    turns = []
    for k, (m, label) in enumerate(found):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if k + 1 < len(found):
            end = min(end, found[k + 1][0].start("label"))  # the next speaker's label on the same line
        end = m.end() + len(text[m.end() : end].rstrip())
        turns.append(Turn(m.end(), end, label, m.start("label")))
    return sorted(turns + _unlabelled_questions(text, turns), key=lambda t: t.start)


# a whole line that asks: the interviewer's question where the page set it apart (in bold) without a label
QUESTION_LINE = re.compile(r"^[ \t]*([A-ZÄÖÜ„\"»«][^\n]*\?[“\"«»]?)[ \t]*$", re.M)
MIN_QUESTION_WORDS = 3


def _unlabelled_questions(text: str, turns: list[Turn]) -> list[Turn]:
    """The questions of an interview whose answers carry the interviewee's label and whose questions none
    ("Wie geht es weiter?" / "Velden: Im Sommer ..."): a line that asks, right before a turn, is a turn of
    the interviewer (label "Frage": no one named). Not where a label already asks the questions (most of its
    turns end with a question mark)."""
    asking = Counter(t.label for t in turns if text[t.start : t.end].rstrip("“\"«» ").endswith("?"))
    total = Counter(t.label for t in turns)
    if any(2 * asking[label] >= n for label, n in total.items()):
        return []
    opens = {t.label_start for t in turns}
    out = []
    for m in QUESTION_LINE.finditer(text):
        after = len(text) - len(text[m.end() :].lstrip())  # the next line's first character
        if after in opens and len(m.group(1).split()) >= MIN_QUESTION_WORDS and \
                not any(t.label_start <= m.start(1) < t.end for t in turns):
            out.append(Turn(m.start(1), m.end(1), "Frage", m.start(1)))
    return out


def _opens_line(text: str, at: int) -> bool:
    return not text[text.rfind("\n", 0, at) + 1 : at].strip()


def _ends_sentence(text: str, at: int) -> bool:
    """A turn is said in sentences; a line without a closing punctuation mark ("Nordland: Spekulationen über
    den Präsidenten") is a subheading or a headline with its topic in front."""
    end = text.find("\n", at)
    return text[at : end if end >= 0 else len(text)].rstrip()[-1:] in SENTENCE_ENDS


SENTENCE_ENDS = frozenset(".!?…\"“”»«)'’")


def _words_after(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text[at : end if end >= 0 else len(text)].split())
