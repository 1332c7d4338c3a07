"""The synthesis layer: our pyttsx3 driver fixes the defects of pyttsx3 2.99's espeak driver."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import wave

import pytest
import pyttsx3

from accessnews.errors import AccessnewsError
from accessnews.speech.engine import (
    SAMPLE_WIDTH,
    Mark,
    SpeechEngine,
    Synthesis,
    VoiceSettings,
    _split,
    open_engine,
    pieces,
    register_driver,
    speech_problem,
)
from accessnews.speech.engines.espeak import ESPEAK
from accessnews.speech.engines.neural import NEURAL
from accessnews.speech.engines.spec import EngineSpec

from .conftest import SENTENCES

VOICE = VoiceSettings("gmw/en", 175)
DRIVER = register_driver(ESPEAK)
TEXT = " ".join(SENTENCES)  # 59 words, well over the ~110 characters pyttsx3 2.99 loses


def seconds(pcm: bytes, engine: SpeechEngine) -> float:
    return len(pcm) / SAMPLE_WIDTH / engine.sample_rate


def test_speech_is_complete_and_plausible(engine):
    engine.use(VOICE)
    pcm = engine.speak(TEXT)
    assert 59 * 60 / 175 * 0.7 < seconds(pcm, engine) < 59 * 60 / 175 * 1.5


def test_first_synthesis_of_a_new_engine_is_complete(engine):
    """pyttsx3 2.99 returned from the first runAndWait before synthesis had started."""
    fresh = SpeechEngine()
    fresh.use(VOICE)
    assert abs(seconds(fresh.speak(TEXT), fresh) - seconds(engine.speak(TEXT), engine)) < 0.5


_BREATHY_RUN = """
import ctypes, hashlib, sys
from accessnews.speech.engine import SpeechEngine, VoiceSettings
libc = ctypes.CDLL(None)
libc.srand(int(sys.argv[1]))
for _ in range(int(sys.argv[2])):
    libc.rand()
engine = SpeechEngine()
engine.use(VoiceSettings("gmw/en+f3", 175))
print(hashlib.sha256(engine.speak(sys.argv[3])).hexdigest())
"""


def test_a_breathy_voice_gives_the_same_audio_whatever_else_drew_random_numbers():
    """The quote voice's breath noise comes from a process-wide generator (libc rand() in
    espeak-ng 1.51): whatever else in the process drew from it changed the article's audio."""

    def run(seed: int, draws: int) -> str:
        command = [sys.executable, "-c", _BREATHY_RUN, str(seed), str(draws), SENTENCES[0]]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    assert run(1, 0) == run(987, 1000)


def test_several_utterances_in_one_run_are_all_kept_in_order(engine):
    engine.use(VOICE)
    tts = pyttsx3.init(DRIVER)
    results: list[dict] = []
    tts.connect("synthesized", lambda **kw: results.append(kw))
    for number, sentence in enumerate(SENTENCES):
        tts.say(sentence, f"s{number}")
    tts.runAndWait()
    assert [r["name"] for r in results] == [f"s{n}" for n in range(len(SENTENCES))]
    assert all(r["finished"] and len(r["pcm"]) > engine.sample_rate for r in results)


def test_destroyed_driver_does_not_truncate_later_audio(engine):
    """pyttsx3 2.99's destroy() left its callback registered and cut later audio short."""
    engine.use(VOICE)
    before = engine.speak(TEXT)
    pyttsx3.init(DRIVER).proxy._driver.destroy()
    assert abs(len(engine.speak(TEXT)) - len(before)) < engine.sample_rate * SAMPLE_WIDTH // 2


def test_save_to_file_writes_a_wav_at_the_native_rate(engine, tmp_path):
    engine.use(VOICE)
    tts = pyttsx3.init(DRIVER)
    target = tmp_path / "out.wav"
    tts.save_to_file(TEXT, str(target))
    tts.runAndWait()
    with wave.open(str(target)) as wav:
        assert (wav.getnchannels(), wav.getframerate()) == (1, engine.sample_rate)
        assert wav.getnframes() / wav.getframerate() > 10


def test_long_text_is_cut_at_sentence_ends_and_nothing_is_lost():
    text = " ".join(SENTENCES * 100)
    cut = list(pieces(text, limit=500))
    assert all(len(p) <= 500 for p in cut)
    assert " ".join(cut) == text
    assert all(p.endswith(".") for p in cut)
    unbroken = "x" * 1200
    assert "".join(pieces(unbroken, limit=500)) == unbroken


@pytest.mark.parametrize(
    ("pcm_seconds", "consumed", "finished", "problem"),
    [
        (4.0, 27, True, None),
        (4.0, 3, False, "did not finish"),
        (0.0, 27, True, "no audio"),
        (0.3, 27, True, "of audio for"),
        (4.0, 13, True, "stops before the last word"),
        (4.0, 24, True, "stops before the last word"),
        (4.0, 26, True, "stops before the last word"),  # its last letter not reached
    ],
)
def test_speech_checks(pcm_seconds, consumed, finished, problem):
    text = "One two three four five six"  # 6 words, the last one at 24
    pcm = bytes(int(pcm_seconds * 22050) * SAMPLE_WIDTH)
    found = speech_problem(text, Synthesis(pcm, (), consumed, finished), 22050, 175)
    assert found is None if problem is None else problem in found


def test_a_mark_over_words_without_audio_is_a_problem():
    """The neural engine marks sentences: one whose audio is empty was dropped."""
    text = "One two three. Four five six."
    pcm = bytes(3 * 22050 * SAMPLE_WIDTH)
    whole = (Mark(0, 14, 0), Mark(15, 29, 22050))
    assert speech_problem(text, Synthesis(pcm, whole, 29, True), 22050, 175) is None
    dropped = (Mark(0, 14, 0), Mark(15, 29, 3 * 22050))
    found = speech_problem(text, Synthesis(pcm, dropped, 29, True), 22050, 175)
    assert found is not None and "no audio for 'Four five six.'" in found


def test_espeak_marks_words_in_order_within_the_audio(engine):
    engine.use(VOICE)
    result = engine.synthesize("One two three. Four five six.")
    assert [m.start for m in result.marks] == [0, 4, 8, 15, 20, 25]
    samples = [m.sample for m in result.marks]
    assert samples == sorted(samples) and samples[-1] < len(result.pcm) // SAMPLE_WIDTH


def _check(engine: SpeechEngine, spoken: str, expected: str) -> str | None:
    """The self-check's verdict on the real synthesis of `spoken`, judged as `expected`."""
    return speech_problem(expected, engine.synthesize(spoken), engine.sample_rate, 175)


ENDINGS = [
    "They sat in a row.",  # espeak-ng speaks "in a row" as one dictionary entry
    "The council voted in favour of the.",
    "It was a victory for the",
    "Tickets are on sale for a",
    "She said it was “all in a day's work”.",
    "Nobody knew at all, as a rule, in a way.",
]


@pytest.mark.parametrize("text", ENDINGS)
def test_real_endings_pass_the_check(engine, text):
    engine.use(VOICE)
    assert _check(engine, text, text) is None
    warnings: list[str] = []
    assert engine.speak(text, warnings) and warnings == []


def test_a_really_truncated_piece_is_still_caught(engine):
    """Audio that really stops early (the text cut before its last words) fails the check."""
    engine.use(VOICE)
    found = _check(engine, "They sat in a", "They sat in a row and waited.")
    assert found is not None and "stops before the last word" in found


@pytest.mark.parametrize(
    "text",
    ["مرحبا بالعالم، هذا نص عربي.", "שלום עולם, זה טקסט בעברית.", "今日は晴れです。北京欢迎你。"],
    ids=["arabic", "hebrew", "cjk"],
)
def test_other_scripts_never_refuse_the_text(engine, text):
    """An English voice may spell these out; the audio is kept and doubts become warnings."""
    engine.use(VOICE)
    warnings: list[str] = []
    assert len(engine.speak(f"The report said: {text} Then it ended.", warnings)) > 0
    assert all("audio kept" in warning for warning in warnings)


def test_text_without_words_needs_no_audio(engine):
    engine.use(VOICE)
    assert speech_problem(" ", Synthesis(b""), 22050, 175) is None
    assert len(engine.speak(" ")) < engine.sample_rate * SAMPLE_WIDTH // 10


def test_unknown_engine_voice_is_a_user_error(engine):
    with pytest.raises(AccessnewsError, match="no voice"):
        engine.use(VoiceSettings("no-such-voice", 175))
    engine.use(VOICE)
    assert engine.speak("Still working.")


def _speak_in_child(engine: SpeechEngine | None, results: multiprocessing.Queue) -> None:
    engine = engine or SpeechEngine()
    engine.use(VOICE)
    results.put(len(engine.speak(TEXT)))


@pytest.mark.parametrize("inherited", [True, False], ids=["inherited-engine", "new-engine"])
def test_forked_worker_synthesises_without_hanging(engine, inherited):
    """pyttsx3 2.99's espeak driver hangs in a forked child; ours has no thread to lose."""
    engine.use(VOICE)
    expected = len(engine.speak(TEXT))
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_speak_in_child, args=(engine if inherited else None, results))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert abs(results.get(timeout=1) - expected) < engine.sample_rate * SAMPLE_WIDTH // 2


@pytest.mark.parametrize(
    "text", ["Order RX7749201-3318", "4417123456789113", "___", "1000000", "Call 0800 555 0199."]
)
def test_numbers_codes_and_rules_pass_the_check(engine, text):
    """Found by the corpus sweep: long digit runs are read digit by digit (longer than a word),
    a big round number as two words (shorter than its digits), underscores not at all."""
    engine.use(VOICE)
    warnings: list[str] = []
    engine.speak(text, warnings)
    assert warnings == []


def test_pieces_and_retry_parts_never_cut_inside_numbers_or_addresses():
    text = "It rose 3.5 per cent to 3,000. Then example.com said so."
    assert list(pieces(text, limit=32)) == [
        "It rose 3.5 per cent to 3,000.",
        "Then example.com said so.",
    ]
    assert _split("It rose 3.5 per cent, to 3,000 people") == [
        "It rose 3.5 per cent,",
        "to 3,000 people",
    ]
    assert _split("今日は晴れ。明日も。") == ["今日は晴れ。", "明日も。"]


@pytest.fixture
def absent_engine(monkeypatch) -> str:
    """An engine whose driver needs a module no machine has, registered beside the real ones."""
    from accessnews.speech import engines

    spec = EngineSpec("absent", "absent", "no.such.driver", range(80, 451), 400,
                      requires=("no_such_module_here",), extra="absent")  # fmt: skip
    monkeypatch.setitem(engines.ENGINES, spec.name, spec)
    return spec.name


def test_a_missing_engine_is_one_line_naming_its_install_command(absent_engine):
    with pytest.raises(AccessnewsError) as error:
        open_engine((absent_engine,))
    assert str(error.value) == (
        "the absent speech engine needs no_such_module_here: pip install accessnews[absent]"
    )


def test_espeak_reads_only_when_asked_as_the_fallback(absent_engine):
    assert open_engine((absent_engine, "espeak")).spec.name == "espeak"


@pytest.mark.skipif(NEURAL.missing() is None, reason="the neural extra is installed here")
def test_neural_without_its_extra_says_how_to_install_it(tmp_path, capsys):
    from accessnews.cli import main

    story = tmp_path / "story.txt"
    story.write_text("A headline\n\nThe council met on Tuesday.\n")
    assert main(["render", str(story), "-o", str(tmp_path), "--engine", "neural"]) != 0
    assert "pip install accessnews[neural]" in capsys.readouterr().err
