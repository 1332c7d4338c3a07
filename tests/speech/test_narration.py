"""The narration: one synthesis, a sample-exact timeline of blocks and sentences (espeak-ng)."""

from __future__ import annotations

import array
from pathlib import Path

import pytest

from accessnews.model import Heading
from accessnews.speech.chapters import plan_chapters
from accessnews.speech.language import language_for
from accessnews.speech.narrate import META, Narrator, Spoken
from accessnews.speech.narration import Narration
from accessnews.speech.spoken import SpokenForm
from accessnews.speech.voices import load_profiles, select_profile

from .conftest import feature_article, paragraph


def _narrate(engine, article, tmp_path: Path) -> Spoken:
    profile = select_profile(load_profiles(), None, article.language)
    utterances = SpokenForm(language_for(article.language), profile.lexicon, True).article(article)
    pcm_path = tmp_path / "narration.pcm"
    with pcm_path.open("wb") as pcm:
        narrator = Narrator(engine, profile, profile.rate, [pcm.write])
        return narrator.narrate(
            article, utterances, plan_chapters(utterances, profile.rate), pcm_path
        )


@pytest.fixture(scope="module")
def narrated(engine, tmp_path_factory) -> Narration:
    return _narrate(engine, feature_article(), tmp_path_factory.mktemp("narration")).narration


def _samples(narration: Narration) -> array.array:
    samples = array.array("h")
    samples.frombytes(narration.pcm_path.read_bytes())
    return samples


def _peak(samples: array.array, start: int, end: int) -> int:
    return max((abs(v) for v in samples[start:end]), default=0)


def test_the_pcm_holds_the_whole_timeline(narrated):
    assert narrated.pcm_path.stat().st_size == 2 * narrated.total
    assert narrated.sample_rate == 22050 and narrated.language == "en-GB"
    assert narrated.seconds(narrated.total) == narrated.total / 22050


def test_blocks_in_reading_order_never_overlap_and_every_model_block_is_there(narrated):
    article = feature_article()
    ids = [b.block_id for b in narrated.blocks]
    assert ids == [
        "meta-headline",
        "meta-byline",
        "meta-standfirst",
        *(b.id for b in article.blocks),
    ]
    for before, after in zip(narrated.blocks, narrated.blocks[1:], strict=False):
        assert before.start < before.end <= after.start
    assert narrated.blocks[-1].end <= narrated.total
    kinds = {b.block_id: (b.kind, b.level) for b in narrated.blocks}
    heading = next(b for b in article.blocks if isinstance(b, Heading))
    assert kinds[heading.id] == ("heading", 2) and kinds["meta-headline"] == (META, 0)
    assert kinds[article.blocks[1].id] == ("figure", 0)


def test_sentences_cover_each_block_in_order_with_audio_and_silence_between(narrated):
    """Each sentence's samples hold speech; the gaps between sentences are the pauses."""
    samples = _samples(narrated)
    article = feature_article()
    texts = {b.id: b.text for b in article.blocks}
    seen: set[str] = set()
    for block in narrated.blocks:
        assert block.start == block.sentences[0].start and block.end == block.sentences[-1].end
        for number, sentence in enumerate(block.sentences, start=1):
            assert sentence.sentence_id == f"{block.block_id}-s{number}"
            assert sentence.sentence_id not in seen
            seen.add(sentence.sentence_id)
            assert sentence.start < sentence.end and _peak(samples, sentence.start, sentence.end)
        for before, after in zip(block.sentences, block.sentences[1:], strict=False):
            assert before.end < after.start and _peak(samples, before.end, after.start) == 0
        if block.block_id in texts:  # the display text is the model's, sentence by sentence
            joined = " ".join(s.text for s in block.sentences)
            assert joined.split() == texts[block.block_id].split()


def test_a_paragraph_is_timed_sentence_by_sentence(engine, tmp_path):
    from accessnews.model import Article

    text = "The river rose all night. By morning it had reached 3.5 metres! Nobody left."
    article = Article("Flood", (paragraph(text),), language="en-GB")
    narration = _narrate(engine, article, tmp_path).narration
    block = narration.blocks[-1]
    assert [s.text for s in block.sentences] == [
        "The river rose all night.",
        "By morning it had reached 3.5 metres!",
        "Nobody left.",
    ]
    lengths = [s.end - s.start for s in block.sentences]
    assert lengths[1] > lengths[0] > lengths[2]  # the longest sentence takes longest to say


def test_chapters_start_where_their_first_block_starts(narrated):
    starts = {b.block_id: b.start for b in narrated.blocks}
    assert narrated.chapters[0].start_ms == 0
    for chapter in narrated.chapters:
        assert chapter.start_ms == round(starts[chapter.block_id] * 1000 / narrated.sample_rate)
    assert narrated.chapters[-1].end_ms == round(narrated.seconds(narrated.total) * 1000)
