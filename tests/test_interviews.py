"""Interviews whose questions carry no label (extract/interviews.py)."""

from __future__ import annotations

from lagebild.extract.quotes import direct_quotations

UNLABELLED = (
    "Die Zeitung sprach mit Anna Velden, Ärztin am Klinikum Nordhafen, und Jan Weber, Apotheker.\n\n"
    "Warum haben so viele Menschen Angst vor der Behandlung?\n\n"
    "Velden: Viele fürchten die Nebenwirkungen. Die Beschwerden kommen oft erst mit der Therapie.\n\n"
    "Weber: Ehrlichkeit hilft. Ich hätte auch Angst.\n\n"
    "Wie gehen Sie mit diesen Ängsten um?\n\n"
    "Velden: Zuhören ist das Wichtigste. Das ist schön und herausfordernd.\n\n"
    "Was kostet das?\n\n"
    "Weber: Das hängt von der Kasse ab, sagen die Kollegen. Manche zahlen alles, andere nur einen Teil, und wer "
    "privat versichert ist, muss oft erst einen Antrag stellen.\n\n"
    "Velden: Bei uns in Nordhafen bekommt jeder Patient vorher ein Gespräch, in dem wir die Kosten und die "
    "Möglichkeiten der Behandlung in Ruhe besprechen.\n"
)


def test_the_unlabelled_questions_of_an_interview_are_turns_of_the_interviewer() -> None:
    turns = [(q.text, q.speaker_text) for q in direct_quotations(UNLABELLED) if q.cue == "interview"]
    assert turns[0] == ("Warum haben so viele Menschen Angst vor der Behandlung?", None)
    assert ("Wie gehen Sie mit diesen Ängsten um?", None) in turns
    assert ("Was kostet das?", None) in turns  # three words
    assert [s for _, s in turns].count("Anna Velden") == 3 and len(turns) == 8


def test_a_question_that_is_no_interview_turn_stays_prose() -> None:
    # not right before a turn; and where a label asks the questions, no line without one is a question
    text = UNLABELLED.replace("Was kostet das?\n\n", "Was kostet das?\n\nDas fragen sich viele.\n\n")
    assert ("Was kostet das?", None) not in [(q.text, q.speaker_text) for q in direct_quotations(text)]
    labelled = ("NORDBOTE: Wann ist die Brücke fertig?\nVelden: Im Sommer, wenn das Wetter hält.\n"
                "Und was sagt der Rat dazu?\nNORDBOTE: Was kostet sie denn?\nVelden: Das darf ich nicht sagen.\n")
    turns = [q.text for q in direct_quotations(labelled) if q.cue == "interview"]
    assert "Und was sagt der Rat dazu?" not in turns and len(turns) == 4


def test_an_unnamed_question_is_the_outlets_and_does_not_continue_the_answer_before(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from lagebild import analyze

    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "Angst vor der Behandlung", "outlet": "Nordbote",
                                                  "text": UNLABELLED}) + "\n", encoding="utf-8")
    quotes = [q for q in analyze([str(tmp_path)]).quotes if q["cue"] == "interview"]
    asked = {q["text"]: q["speaker_text"] for q in quotes if q["text"].endswith("?")}
    assert asked == {"Warum haben so viele Menschen Angst vor der Behandlung?": "Nordbote",
                     "Wie gehen Sie mit diesen Ängsten um?": "Nordbote", "Was kostet das?": "Nordbote"}
