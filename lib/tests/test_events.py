"""Events: the Indonesian each trigger is for, participants, time, status, attribution, and the seed."""
import re

import pandas as pd
import pytest

from lib import SEED_ARTICLE
from lib.actors import tag_mentions
from lib.annotate import annotate
from lib.events import EVENT_COLUMNS, event_table, find_triggers, tag_events
from lib.tables import table
from lib.timexes import tag_timexes


def pairs(frame, *columns):
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]



@pytest.mark.parametrize("text, trigger, type_, mode", [
    ("Kedua menteri berbicara melalui panggilan telepon.", "panggilan telepon", "CONSULT", "phone"),
    ("Mereka mengadakan panggilan video.", "panggilan video", "CONSULT", "video"),
    ("Polisi menangkap dua tersangka.", "menangkap", "COERCE", None),
    ("Ribuan buruh menggelar unjuk rasa.", "unjuk rasa", "PROTEST", None),
    ("Pemerintah menyalurkan bantuan.", "menyalurkan", "AID", None),
    ("AS menjatuhkan sanksi baru.", "sanksi", "SANCTION", None),
    ("Rusia menolak usulan itu.", "menolak", "REJECT", None),
    ("Kedua pihak sepakat berdamai.", "sepakat", "AGREE", None),
    ("Pasukan itu menyerang kota.", "menyerang", "ASSAULT", None),
    ("Ia mengancam akan mundur.", "mengancam", "THREATEN", None),
    ("Menteri mengatakan harga turun.", "mengatakan", "STATEMENT", None),
])
def test_trigger_types(text, trigger, type_, mode):
    found = {(text[s:e], t, m) for s, e, t, m in find_triggers(text)}
    assert (trigger, type_, mode) in found


@pytest.mark.parametrize("text", [
    "Ia duduk di meja perundingan.",                # an idiom, not a consultation
    "Biden tampaknya menahan krisis.",              # menahan: contain, not detain
])
def test_trigger_near_misses(text):
    assert not [t for t in find_triggers(text) if t[2] in ("CONSULT", "COERCE")]


def events_of(text, dct="2022-01-19"):
    mentions = tag_mentions(text)
    return tag_events(text, mentions, tag_timexes(text, dct), dct)


def test_participants_time_status_and_attribution():
    events = events_of("Menteri Luar Negeri Retno Marsudi akan bertemu dengan Menteri Luar Negeri Malaysia "
                       "Saifuddin Abdullah pada Jumat, kata juru bicara Kementerian Luar Negeri Teuku Faizasyah.")
    meet = events[events.type == "CONSULT"].iloc[0]
    assert (meet.actors, meet.recipients, meet.value, meet.status) == (
        "retno-marsudi", "saifuddin-abdullah", "2022-01-21", "planned")
    assert meet.attributed_to == "teuku-faizasyah"
    said = events[events.type == "STATEMENT"].iloc[0]
    assert (said.actors, said.value, said.time_basis) == ("teuku-faizasyah", "2022-01-19", "DCT")


def test_according_to_attributes_its_own_sentence_only():
    events = events_of("Polisi menangkap dua tersangka di Bandung. Menurut Menteri Luar Negeri Retno Marsudi, "
                       "pemerintah menyalurkan bantuan kepada korban. Warga menggelar unjuk rasa.")
    attributed = dict(zip(events.type, events.attributed_to))
    assert attributed["AID"] == "retno-marsudi"
    assert pd.isna(attributed["COERCE"]) and pd.isna(attributed["PROTEST"])   # near misses: no menurut in theirs


def test_statement_is_not_dated_by_what_was_said():
    events = events_of("Menteri mengatakan pembangunan bendungan dimulai pada 2016. Putin mengatakan awal pekan ini "
                       "bahwa ia setuju.")
    said = events[events.type == "STATEMENT"]
    assert said.value.tolist() == ["2022-01-19", "2022-W03"]
    assert said.time_basis.tolist() == ["DCT", "same clause"]


@pytest.mark.parametrize("text, status", [
    ("Polisi telah menangkap pelaku.", "occurred"),
    ("Polisi akan menangkap pelaku.", "planned"),
    ("Polisi diperkirakan akan menangkap pelaku.", "expected"),
    ("Polisi tidak menangkap pelaku.", "negated"),
    ("Polisi menangkap pelaku jika bukti cukup.", "conditional"),
    ("Polisi sedang menangkap pelaku.", "ongoing"),
    ("Polisi sudah siap dan sedang bersiap menangkap pelaku.", "planned"),     # the strongest cue before it
    ("Polisi masih belum pasti, sudah menangkap pelaku.", "occurred"),          # near miss: another clause's cue
])
def test_status_cues(text, status):
    assert events_of(text).status.tolist() == [status]


def test_passive_agent_and_noun_actor():
    events = events_of("Panggilan itu diminta oleh Rusia. Invasi Rusia dikhawatirkan.")
    assert dict(pairs(events, "text", "actors"))["diminta"] == "russia"
    assert dict(pairs(events, "text", "actors"))["Invasi"] == "russia"


def test_noun_actor_only_past_titles():
    events = events_of("Kunjungan Raja Abdullah II berjalan lancar.")
    assert pairs(events, "text", "actors") == [("Kunjungan", "abdullah-ii")]
    # near miss: other words before the first mention after it, and so before every later one
    events = events_of("Kunjungan kemarin di Jakarta bersama Raja Abdullah II berjalan lancar.")
    assert pairs(events, "text", "actors") == [("Kunjungan", None)]


def test_later_mentions_take_the_events_status_and_date():
    events = events_of("Presiden Joe Biden dan Vladimir Putin akan berbicara Kamis. Pembicaraan itu penting. "
                       "Pejabat bicara tentang panggilan yang akan datang.")
    consult = events[events.type == "CONSULT"]
    assert consult.event_id.nunique() == 1
    assert consult.status.tolist() == ["planned", "planned", "planned"]
    assert set(consult.value) == {"2022-01-20"}


def test_purpose_clause_takes_the_main_subject():
    events = events_of("AS setuju untuk mengadakan pembicaraan dengan Rusia bulan depan.")
    talks = events[events.type == "CONSULT"].iloc[0]
    assert (talks.actors, talks.recipients, talks.value) == ("united-states", "russia", "2022-02")


def test_mentions_of_one_event_share_an_id():
    events = events_of("Presiden Joe Biden dan Vladimir Putin akan berbicara Kamis. "
                       "Kedua pemimpin akan membahas Ukraina. Pembicaraan itu penting.")
    assert events[events.type == "CONSULT"].event_id.nunique() == 1
    assert set(events[events.type == "CONSULT"].value) == {"2022-01-20"}


TRIGGERS = table("id", "events")["triggers"]


def _trigger_id(trigger):
    return f"{trigger['type']}/{trigger.get('mode') or '-'}/{trigger['example']}"


def test_every_trigger_has_an_example():
    assert all(t.get("example") for t in TRIGGERS), [t["type"] for t in TRIGGERS if not t.get("example")]


@pytest.mark.parametrize("trigger", [
    t for t in TRIGGERS], ids=[_trigger_id(t) for t in TRIGGERS])
def test_every_trigger_example_is_found_as_its_type(trigger):
    """``find_triggers`` finds the table's own example as that entry's type and mode, and no other type
    takes any of the words the entry's pattern matches there."""
    example = trigger["example"]
    regex = re.compile(rf"(?<![\w-])(?:{trigger['pattern']})(?![\w-])", re.IGNORECASE)
    m = regex.search(example)
    assert m, f"the pattern does not match its own example {example!r}"
    start, end = (m.start("t"), m.end("t")) if "t" in regex.groupindex and m.group("t") else m.span()
    found = [(t, mode) for s, e, t, mode in find_triggers(example) if s < end and start < e]
    assert (trigger["type"], trigger.get("mode")) in found, found
    assert {t for t, _ in found} == {trigger["type"]}, found


def test_event_table_merges_mentions_of_one_event():
    events = events_of("Presiden Joe Biden dan Vladimir Putin akan berbicara Kamis. "
                       "Kedua pemimpin akan membahas Ukraina. Pembicaraan itu penting.")
    merged = event_table(events)
    assert list(merged.columns) == EVENT_COLUMNS
    assert merged.event_id.is_unique and set(merged.event_id) == set(events.event_id)
    consult = merged[merged.type == "CONSULT"].iloc[0]
    assert consult.mentions == (events.event_id == consult.event_id).sum() >= 2
    assert consult.value == "2022-01-20" and consult.first == events[events.event_id == consult.event_id].start.min()
    assert merged["first"].is_monotonic_increasing


# --------------------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def seed():
    annotation = annotate(SEED_ARTICLE, dct="2021-12-29")
    return annotation.article, annotation.timexes, annotation.mentions, annotation.events


def test_seed_call_and_dated_events(seed):
    _, _, _, events = seed
    call = events[(events.type == "CONSULT") & (events.value == "2021-12-30")]
    assert call.event_id.nunique() == 1
    first = call.iloc[0]
    assert (first.status, set(first.actors.split(";"))) == ("planned", {"joe-biden", "vladimir-putin"})
    dated = dict(pairs(events, "text", "value"))
    assert dated["menyerahkan"] == "2021-12"                 # the draft security documents
    assert events[events.value == "2022-01-10"].text.tolist() == ["pembicaraan"]   # the talks of 10 January
    assert dated["panggilan video"] == "2021-12"             # the video call
    assert dated["merebut"] == "2014"                        # the seizure of Crimea


# ----------------------------------------------------------------------------- when a statement was made

def first(events, type_):
    return events[events.type == type_].iloc[0]


@pytest.mark.parametrize("text, day", [
    # the day after the speaker, after a comma or after ``pada`` (with a place between)
    ("\"Acara dimulai pukul sembilan,\" kata Budi Santoso di kantornya, Bogor pada Kamis, 13 November 2025.",
     "2025-11-13"),
    ("\"Kami siap,\" ujar Budi Santoso ditemui Rabu (12/11).", "2025-11-12"),
    # the day after the statement's object
    ("Kepolisian mengonfirmasi penangkapan dua tersangka pada Kamis (13/11).", "2025-11-13"),
    # a time that opens the sentence
    ("Pada 3 Maret 2024, kementerian itu mengumumkan hasil penyelidikan.", "2024-03-03"),
    ("Namun hingga hari ini, Sabtu (15/11/2025), Budi Santoso mengatakan panitia belum memberi kabar.", "2025-11-15"),
])
def test_statement_day(text, day):
    said = first(events_of(text, dct="2025-11-15"), "STATEMENT")
    assert said.value == day, said.rule


@pytest.mark.parametrize("text, not_day", [
    # what was said is about that day: a verb or an auxiliary stands between
    ("Menteri Budi Santoso menyebut pameran akan dibuka pada Sabtu, 15 November 2025.", "2025-11-15"),
    ("Kepolisian mengatakan tersangka ditangkap pada Kamis (13/11).", "2025-11-13"),
    ("Budi Santoso menyatakan bahwa aksi pada Kamis (13/11) berjalan damai.", "2025-11-13"),
    # a fronted time that is the topic of a forecast, not when it was said
    ("Untuk pekan depan, analis Budi Santoso memproyeksi harga beras turun.", "2025-W47"),
])
def test_statement_not_dated_by_what_was_said(text, not_day):
    said = first(events_of(text, dct="2025-11-14"), "STATEMENT")
    assert said.value != not_day, said.rule


def test_a_speakers_statements_share_the_day_one_names():
    events = events_of("Pada Jumat (14/11), Budi Santoso mengatakan banjir surut. \"Warga sudah pulang,\" "
                       "katanya.", dct="2025-11-15")
    assert events[events.type == "STATEMENT"].value.tolist() == ["2025-11-14", "2025-11-14"]


def test_a_spoken_act_in_a_quotation_takes_its_day():
    events = events_of("\"Kami meminta para pedagang tetap berjualan,\" kata Kapolda Budi Santoso, Rabu (12/11).",
                       dct="2025-11-12")
    assert (first(events, "REQUEST").value, first(events, "REQUEST").time_basis) == ("2025-11-12", "when said")


@pytest.mark.parametrize("text", [
    "\"Petugas sudah menyita dua truk itu,\" kata Kapolda Budi Santoso, Rabu (12/11).",   # perfect: before he spoke
    "Budi Santoso mengatakan banjir surut. Polisi menyita dokumen. Ia mengatakan, Rabu (12/11), penyelidikan "
    "berlanjut.",                                                        # neither quoted nor the lead
])
def test_other_acts_keep_no_day(text):
    events = events_of(text, dct="2025-11-12")
    assert first(events, "COERCE").value is None or pd.isna(first(events, "COERCE").value)


def test_the_finer_of_two_nested_times_side_by_side():
    events = events_of("Polisi menangkap pelaku pada Senin (26/8) pekan lalu.", dct="2024-09-05")
    assert first(events, "COERCE").value == "2024-08-26"


# ----------------------------------------------------------------------------- who did it

@pytest.mark.parametrize("text, type_, actors", [
    ("Kuasa hukum terdakwa, Rina Marlina, meminta penundaan sidang.", "REQUEST", "rina-marlina"),
    ("Bambang Sutejo ditetapkan KPK sebagai tersangka.", "COERCE", "kpk"),
    ("Dedi Kurniawan dari bagian humas Serikat Petani Nasional (SPN) mengatakan, belum ada jawaban.",
     "STATEMENT", "dedi-kurniawan"),
])
def test_doers(text, type_, actors):
    assert first(events_of(text), type_).actors == actors


def test_a_dateline_place_is_no_doer():
    events = events_of("Jakarta, CNN Indonesia -- Menggelar demo di depan istana, para pengemudi menuntut tarif baru.")
    assert "jakarta" not in set(events.actors.dropna())


def test_a_pronoun_is_the_person_quoted_last_not_one_named_after_a_preposition():
    events = events_of("\"Saya siap bertarung,\" kata Yusuf Hamdani. Ketika ditawari jabatan oleh Hendra Wijaya, "
                       "ia pun menolak.")
    assert first(events, "REJECT").actors == "yusuf-hamdani"


def test_a_verb_of_the_lead_that_happened_takes_the_dct():
    events = events_of("Pengadilan menunda sidang gugatan warga. Sidang dilanjutkan pekan depan.",
                       dct="2025-01-21")
    row = events[events.text == "menunda"].iloc[0]
    assert (row.value, row.time_basis) == ("2025-01-21", "when said")


@pytest.mark.parametrize("text", [
    "Sidang dugaan suap itu tanpa terdakwa. Hakim membacakan putusan pekan depan.",  # nouns in the lead: no day
    "Budi Santoso mengatakan banjir surut. Polisi kemudian menyita dokumen.",   # not the lead sentence
])
def test_no_day_outside_the_leads_verbs(text):
    events = events_of(text, dct="2025-01-21")
    dated = events[(events.type != "STATEMENT") & events.value.notna()]
    assert dated.empty or "when said" not in set(dated.time_basis)


def test_a_state_still_going_on_is_dated_when_reported():
    events = events_of("Budi Santoso mengatakan banjir surut. Tim gabungan masih melakukan pencarian korban.",
                       dct="2025-11-15")
    assert first(events, "AID").value == "2025-11-15"
    events = events_of("Budi Santoso mengatakan banjir surut. Pasukan itu sedang bersiap untuk menyerang kota.",
                       dct="2025-11-15")
    assert pd.isna(first(events, "ASSAULT").value)        # intended, not going on


def test_a_coordinate_clause_shares_the_time_of_the_clause_before():
    events = events_of("Budi Santoso mengatakan banjir surut. Tersangka Joko diperiksa pada Rabu (15/1) lalu, "
                       "tetapi tidak ditahan.", dct="2025-01-21")
    assert events[events.text == "ditahan"].iloc[0].value == "2025-01-15"


def test_first_person_in_a_quotation_is_its_speaker():
    events = events_of("\"Saya sudah menolak tawaran itu,\" kata Agus Salim.")
    assert first(events, "REJECT").actors == "agus-salim"
    events = events_of("Saya sudah menolak tawaran itu, kata warga.")          # not in quotation marks
    assert first(events, "REJECT").actors != "agus-salim"


def test_a_modal_between_subject_and_speech_verb():
    events = events_of("Pemerintah Jepang kemungkinan bakal mengumumkan paket stimulus.")
    assert first(events, "STATEMENT").actors == "pemerintah-jepang"


def test_a_relative_clause_on_an_event_shares_its_doer():
    events = events_of("Ribuan buruh menggelar demo yang menuntut kenaikan upah.")
    assert first(events, "PROTEST").actors == first(events, "REQUEST").actors == "buruh"


@pytest.mark.parametrize("text, speaker", [
    ("Hasil audit dari Inspektorat Kabupaten Sukamaju kemudian mengonfirmasi selisih anggaran.",
     "inspektorat-kabupaten-sukamaju"),           # no head named: the organisation after dari
    ("Budi Santoso dari Inspektorat Kabupaten Sukamaju mengonfirmasi selisih anggaran.", "budi-santoso"),
])
def test_speaker_before_and_after_a_preposition(text, speaker):
    assert first(events_of(text), "STATEMENT").actors == speaker


# ----------------------------------------------------------------------------- which time belongs to which event

LEAD = "Budi Santoso mengatakan banjir surut. "     # a first sentence, so that the lead's rule stays out of the way


def test_a_vague_reference_dates_a_statement_only():
    events = events_of("Ke depannya, pemerintah kemungkinan bakal mengumumkan aturan baru.", dct="2018-12-13")
    assert first(events, "STATEMENT").value == "FUTURE_REF"
    events = events_of(LEAD + "Tim gabungan nanti menyalurkan bantuan ke desa itu.", dct="2018-12-13")
    assert pd.isna(first(events, "AID").value)


@pytest.mark.parametrize("text, trigger, value", [
    # a verb between the trigger and the time: the time is that verb's
    ("Mereka membahas usulan sebelum masa gencatan senjata berakhir pada 9 Mei 2021.", "gencatan", None),
    # the day right after another event noun is that event's (serangan 7 Oktober)
    ("Polisi menuduh Anwar sebagai dalang serangan 3 Mei 2022.", "menuduh", None),
    # ... unless that noun is the trigger's own object
    ("Pihak tergugat tidak menghadiri persidangan hari ini.", "menghadiri", "2025-01-21"),
    # another trigger between a time before and the event: the time is that one's
    ("Para menteri berkumpul pada 4 Juli 2023 untuk membahas keluhan para petani.", "keluhan", None),
    # an auxiliary between is no verb
    ("Penyidik pada Kamis (9/1) telah menggeledah kantor perusahaan itu.", "menggeledah", "2025-01-09"),
    # a time preposition introduces the event's own time, not a year qualifying a noun
    ("Keduanya dilantik sebagai bupati periode 2021-2026 pada 26 Februari 2021.", "dilantik", "2021-02-26"),
])
def test_times_that_belong_to_another_word(text, trigger, value):
    events = events_of(LEAD + text, dct="2025-01-21")
    found = events[events.text == trigger]
    assert not found.empty, events[["text", "type"]]
    got = found.iloc[0].value
    assert (None if pd.isna(got) else got) == value, found.iloc[0].rule


def test_a_bound_in_another_clause_does_not_date():
    events = events_of(LEAD + "Polres menyelidiki perkara itu sejak April 2024, usai menerima laporan pengaduan "
                       "warga.", dct="2025-10-20")
    assert pd.isna(events[events.text == "pengaduan"].iloc[0].value)


def test_a_noun_trigger_takes_the_actor_after_a_title():
    events = events_of("Warga menyambut kunjungan Perdana Menteri Anwar Ibrahim ke Medan.")
    assert events[events.text == "kunjungan"].iloc[0].actors == "anwar-ibrahim"
    events = events_of("Warga menyambut kunjungan keluarga Anwar Ibrahim ke Medan.")   # not a title: not his visit
    assert events[events.text == "kunjungan"].iloc[0].actors != "anwar-ibrahim"


def test_a_fronted_phrase_with_a_time_dates_the_statement_after_it():
    said = first(events_of("Adapun pada rapat tahunan 2017, dewan itu mengumumkan rencana baru.", dct="2018-12-13"),
                 "STATEMENT")
    assert said.value == "2017"
    said = first(events_of("Adapun setelah bertemu pada 2017, dewan itu mengumumkan rencana baru.", dct="2018-12-13"),
                 "STATEMENT")
    assert said.value != "2017"                          # a verb in the phrase: its time is that verb's


def test_still_reaches_over_a_phrase():
    events = events_of(LEAD + "Tim gabungan masih dalam tahap pencarian korban.", dct="2025-11-15")
    assert first(events, "AID").value == "2025-11-15"


# The article's words are tokenised once and read by bisection; what they give must be what scanning
# the text gives, also where lowercasing or case-insensitive matching is not letter by letter.
ODD_TEXTS = [
    "Menteri tidak akan datang, kata Budi; namun rapat tetap digelar Senin (12/12).",
    "JAKARTA - Presiden, yang juga ketua partai, berkata bahwa kerja-sama akan dilanjutkan pada 2024-an.",
    "Polisi \u0130stanbul menahan tersangka, tak lama setelah SANKSI dijatuhkan.",       # İ lowers to two letters
    "Warga \u017eelo bilang \u017fudah pernah ada jika ia tidak hadir.",                  # ſ matches s in any case
    "Kapal \u0131lham berlabuh; \u03a3\u039f\u03a3 kata mereka, tetapi belum pasti.",    # ı, a final sigma
    "\u201cKami siap,\u201d kata Ketua\u00a0RT \u2014 Senin (12/12) \u2060pukul 10.00.",   # no word character outside ASCII
    "Kafe milik Andr\u00e9 \u201cditutup\u201d sejak Rabu, kata warga-2\u00b2.",       # é and ² are word characters
    "",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_the_words_between_two_offsets_are_those_of_the_slice(text):
    from lib.events import _Words, _words_between

    words = _Words(text)
    for a in range(-1, len(text) + 2):
        for b in range(-1, len(text) + 2):
            assert words.between(a, b) == _words_between(text, a, b), (a, b)
            for n in (1, 2, 3):             # the last words, found back from the end
                assert words.tail(a, b, n) == _words_between(text, a, b)[-n:], (a, b, n)


@pytest.mark.parametrize("text", ODD_TEXTS + ["Ia datang; kata Budi, lalu: pulang,,", ":;,", "\n\nBaris dua\n"])
def test_the_places_of_marks_are_those_a_character_class_finds(text):
    from lib.events import _PUNCTUATION_BREAKS
    from lib.text import places as _places

    for marks in (_PUNCTUATION_BREAKS, "\n", ","):
        pattern = re.compile(f"[{re.escape(marks)}]")
        assert _places(text, marks) == [m.start() for m in pattern.finditer(text)]
        for a in range(0, len(text) + 2, 3):
            for b in range(a, len(text) + 2, 2):
                assert _places(text, marks, a, b) == [m.start() for m in pattern.finditer(text, a, b)], (marks, a, b)


@pytest.mark.parametrize("text", ODD_TEXTS + ["kata-kata", "-", "\u201c", "a\u201d", "\u00a0b_2 ", "\u00e9 x"])
def test_the_words_are_split_as_by_the_word_pattern(text):
    from itertools import accumulate

    from lib.events import _TOKENS, _split_words

    parts = _TOKENS.split(text)
    bounds = list(accumulate(map(len, parts)))
    assert _split_words(text) == (parts[1::2], bounds[0:-1:2], bounds[1::2])


@pytest.mark.parametrize("text", ODD_TEXTS + ["Mereka sudah siap, akan tetapi masih diperkirakan sedang menunggu."])
def test_the_strongest_cue_is_the_first_table_that_has_one(text):
    from lib.events import _cue_rank, _rules, _Words

    rules = _rules("id")
    tables = [rules["status"][status] for status in rules["cue_order"]]
    rank = _cue_rank(tables)
    words = _Words(text)
    for a in range(0, len(text) + 1):
        for b in range(a, len(text) + 1):
            begun = words.begun(a, b)
            first = next((n for n, t in enumerate(tables) if t.found(words, a, b, begun)), None)
            hits = rank.keys() & begun
            assert (min(map(rank.__getitem__, hits)) if hits else None) == first or not words.plain, (a, b)


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_table_words_are_found_where_their_pattern_finds_them(text):
    from lib.events import _TableWords, _Words

    words = _Words(text)
    for cues in (_TableWords(["akan", "tidak", "tak", "bahwa", "kata"]), _TableWords(["sudah", "Jika"]),
                 _TableWords(["kerja sama"]), _TableWords([])):
        for a in range(-1, len(text) + 2):
            for b in range(a - 1, len(text) + 2):
                assert cues.spans(words, a, b) == [m.span() for m in cues.pattern.finditer(text, a, b)], (a, b)
                assert cues.spans(words, a, b, first=True) == [m.span() for m in cues.pattern.finditer(text, a, b)][:1]
                assert cues.found(words, a, b) == bool(cues.pattern.search(text, a, b)), (a, b)
                if a >= 0 and b >= 0:
                    assert cues.found(words, a, b, words.begun(a, b)) == bool(cues.pattern.search(text, a, b)), (a, b)


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_trigger_patterns_tried_at_their_words_match_as_over_the_whole_text(text):
    from lib.events import _rules, _trigger_matches, _Words

    rules = _rules("id")
    found = _trigger_matches(rules, _Words(text))
    assert [[m.span() for m in ms] for ms in found] == \
        [[m.span() for m in regex.finditer(text)] for _, _, regex, _ in rules["triggers"]]


def test_a_pattern_behind_a_look_behind_is_tried_at_its_first_word():
    from lib.events import _first_letters

    assert _first_letters(r"(?<!meja\s)perundingan|dialog") == {"perundingan", "dialog"}
    assert _first_letters(r"(?:a|b)?dialog") is None        # no letters every match begins with


@pytest.mark.parametrize("text", ODD_TEXTS + ["Covid-19 dan pasca-2020, a_b serta 3-an: x--y -kata- R\u00e9sum\u00e9\u00b2.",
                                  "Pada 2024 ada 12 ribu, \u0662\u0660\u0662\u0664 dan 5\u00b2 serta \u00b2 \u00bd 7."])
def test_the_letter_words_are_those_the_word_pattern_finds(text):
    from lib.events import _WORD, _Words

    found = list(_WORD.finditer(text))
    assert _Words(text).letter_words() == ([m.group().lower() for m in found], [m.start() for m in found],
                                           [m.end() for m in found])


LETTER_TEXTS = ODD_TEXTS + [
    "Konferensi pers 2024-an digelar; polisi menangkap-nangkap 3 orang, ditangkap\u00b2 pula, kata Tim-A.",
    "Unjuk rasa ke-2 berlanjut: massa ber-demonstrasi, \u201cpenangkapan\u201d 12 warga, KATA mereka; "
    "\u017ferangan \u0130nvasi tidak terjadi, KERJA SAMA akan dibahas.",
]


@pytest.mark.parametrize("text", LETTER_TEXTS)
def test_the_letter_words_read_off_the_word_records_are_the_plain_ones(text):
    from lib.events import _can_trigger, _letter_hits, _lexicon, _Words

    words = _Words(text)
    letters = words.letter_words()
    found = _letter_hits("id", words)
    assert found[:3] == letters
    lex = _lexicon("id")
    assert found[3] == [i for i, word in enumerate(letters[0]) if _can_trigger(lex, word)]


@pytest.mark.parametrize("text", LETTER_TEXTS)
def test_the_table_words_placed_by_the_word_records_are_where_they_stand(text):
    from lib.events import _marks, _rules, _Words

    rules = _rules("id")
    words = _Words(text, rules["table_words"])
    if words.aligned:
        _marks(rules, words)
    assert words.where(rules["table_words"]) == [k for k, w in enumerate(words.words) if w in rules["table_words"]]


@pytest.mark.parametrize("text", LETTER_TEXTS)
def test_the_triggers_of_odd_texts_are_those_of_the_whole_text_search(text):
    from lib.events import _rules, _trigger_matches, _Words

    rules = _rules("id")
    assert [[m.span() for m in ms] for ms in _trigger_matches(rules, _Words(text))] == \
        [[m.span() for m in regex.finditer(text)] for _, _, regex, _ in rules["triggers"]]


def test_a_clause_break_inside_a_time_expression_is_none():
    from lib.events import _breaks_in, _Context

    text = "Polisi menangkap pelaku pada Jumat, 14 November 2025, kata juru bicara, sementara warga lega."
    day = {"id": "t1", "type": "DATE", "value": "2025-11-14", "start": text.index("Jumat"),
           "end": text.index("2025") + 4, "range_start": "2025-11-14", "range_end": "2025-11-15"}
    commas = [i for i, ch in enumerate(text) if ch == ","]
    word = text.index("sementara")
    with_day = _breaks_in(_Context(text, [(0, len(text))], [], [day], "id"), 0, len(text))
    assert with_day == ([commas[1], commas[2], word], [commas[1] + 1, commas[2] + 1, word + len("sementara")])
    without = _breaks_in(_Context(text, [(0, len(text))], [], [], "id"), 0, len(text))   # near miss: no time
    assert without == (commas[:1] + with_day[0], [commas[0] + 1] + with_day[1])
    later = dict(day, start=len(text) - 5, end=len(text) - 1, value="2025-11-15")          # a time after them
    assert _breaks_in(_Context(text, [(0, len(text))], [], [later], "id"), 0, len(text)) == without


CLAUSE_TEXT = ("Warga berkumpul pada Senin, 3 Maret, namun polisi datang saat hujan; mereka bubar. Menteri yang "
               "baru tiba berkata bahwa rapat ditunda, sementara itu warga menunggu. Budi: kami sementarakan dulu.")


def _plain_clause(text, sentence, times, start, end):
    """The clause of ``[start, end)`` as the definition reads: the sentence cut at its last break before the
    words and its first after them (punctuation, or a word of ``clause_breaks`` as its pattern finds it in
    the sentence), breaks inside a time expression left out."""
    from lib.events import _PUNCTUATION_BREAKS, _rules

    s, e = sentence
    breaks = [m.span() for m in re.compile(f"[{_PUNCTUATION_BREAKS}]").finditer(text, s, e)] \
        + [m.span() for m in _rules("id")["break_words"].pattern.finditer(text, s, e)]
    breaks = [(a, b) for a, b in breaks if not any(t["start"] <= a < t["end"] for t in times)]
    return (max([b for a, b in breaks if b <= start], default=s), min([a for a, b in breaks if a >= end], default=e))


@pytest.mark.parametrize("cut", [False, True])
def test_the_clauses_from_the_articles_breaks_are_those_of_each_sentence(cut):
    import re as re_

    from lib.events import _Context

    text = CLAUSE_TEXT
    first, second = text.index(". ") + 1, text.index(". ", text.index(". ") + 1) + 1
    # a sentence whose end cuts a word: the word's first letters are a break word there (sementara|kan)
    third = text.index("sementarakan") + len("sementara") if cut else second
    sentences = [(0, first), (first + 1, second)] + ([(second + 1, third), (third, len(text))] if cut else
                                                       [(second + 1, len(text))])
    times = [{"id": "t1", "type": "DATE", "value": "2025-03-03", "start": text.index("Senin"),
              "end": text.index("Maret") + 5, "range_start": "2025-03-03", "range_end": "2025-03-04"}]
    ctx = _Context(text, sentences, [], times, "id")
    for sentence in sentences:
        for m in re_.finditer(r"[\w-]+", text[sentence[0]:sentence[1]]):
            start, end = sentence[0] + m.start(), sentence[0] + m.end()
            assert ctx.clause(sentence, start, end) == _plain_clause(text, sentence, times, start, end), (start, end)


QUOTED_TEXT = ("\u201cKami siap,\u201d kata Budi. \"Rapat ditunda.\u201d\n"
               "\u201dTidak benar,\u201c ujar Ani, \u201cnanti kami jelaskan\n"
               "\n"
               "Polisi \"menahan\" dua orang, kata juru bicara \u201cPolda\u201d.")


@pytest.mark.parametrize("text", ODD_TEXTS + [QUOTED_TEXT, QUOTED_TEXT + "\n", "\n" + QUOTED_TEXT, "\"a\"\n\"b"])
def test_a_position_is_quoted_as_the_articles_quotations_say(text):
    from lib.events import _Context, _quote_depth
    from lib.text import quotations

    ctx = _Context(text, [(0, len(text))], [], [], "id")
    quotes = quotations(text)
    for pos in range(len(text) + 1):
        assert _quote_depth(ctx, pos) == any(a <= pos < b for a, b in quotes), pos


def _plain_event_table_rows(mention_rows):
    """The event table's rows as their definition reads, group by group and column by column."""
    from lib.events import BASIS_RANK, _missing

    grouped = {}
    for row in mention_rows:
        if not _missing(row["event_id"]):
            grouped.setdefault(row["event_id"], []).append(row)
    rows = []
    for event_id, group in grouped.items():
        def union(column):
            ids = [i for row in group if isinstance(row[column], str) for i in row[column].split(";")]
            return ";".join(dict.fromkeys(ids)) or None
        dated = sorted((row for row in group if not _missing(row["value"])),
                       key=lambda row: BASIS_RANK.get(row["time_basis"], 4))
        source = dated[0] if dated else None
        actors = union("actors")
        recipients = [r for r in (union("recipients") or "").split(";") if r and r not in (actors or "").split(";")]
        attributed = [row["attributed_to"] for row in group if not _missing(row["attributed_to"])]
        rows.append({"event_id": event_id, "type": group[0]["type"],
                     "mode": next((row["mode"] for row in group if isinstance(row["mode"], str)), None),
                     "actors": actors, "recipients": ";".join(recipients) or None,
                     "value": source["value"] if source else None,
                     "range_start": source["range_start"] if source else None,
                     "range_end": source["range_end"] if source else None,
                     "time_basis": source["time_basis"] if source else None,
                     "status": group[0]["status"], "attributed_to": attributed[0] if attributed else None,
                     "mentions": len(group), "first": int(min(row["start"] for row in group)),
                     "triggers": ", ".join(row["text"] for row in group)})
    rows.sort(key=lambda row: row["first"])
    return rows


def test_the_event_table_rows_are_those_of_their_definition():
    from lib.events import event_table_rows

    text = ("Presiden Joko Widodo bertemu Perdana Menteri Anwar Ibrahim di Jakarta pada Senin (8/1). Pertemuan itu "
            "membahas perbatasan, kata juru bicara Istana. Keduanya juga menandatangani nota kesepahaman. \u201cKami "
            "akan bertemu lagi tahun depan,\u201d ujar Anwar. Pembicaraan tersebut berlangsung dua jam.")
    rows = tag_events(text, tag_mentions(text), tag_timexes(text, "2024-01-09"), "2024-01-09").to_dict("records")
    assert len({row["event_id"] for row in rows}) < len(rows)          # mentions of one event merged
    assert event_table_rows(rows) == _plain_event_table_rows(rows)
    nan = float("nan")
    odd = [dict(rows[0], event_id="e9", start=50, mode=None, actors="a;b;a", recipients="b;c", value=nan,
                attributed_to=pd.NA, time_basis=None),
           dict(rows[0], event_id="e9", start=40, mode="phone", actors=nan, recipients="c;d", value="2024-01-02",
                range_start="2024-01-02", range_end="2024-01-03", time_basis="DCT", attributed_to=None),
           dict(rows[0], event_id="e9", start=60, mode="video", actors="e", recipients=None, value="2024-01-03",
                range_start="2024-01-03", range_end="2024-01-04", time_basis="same sentence", attributed_to="x"),
           dict(rows[0], event_id="e9", start=70, value="2024-01-04", time_basis="same sentence"),
           dict(rows[0], event_id=nan), dict(rows[0], event_id=None, start=1)]
    assert event_table_rows(odd + rows) == _plain_event_table_rows(odd + rows)


def test_the_breaks_inside_time_expressions_are_those_of_the_plain_rule():
    import itertools

    from lib.events import _PUNCTUATION_BREAKS, _breaks_in, _Context, _rules

    text = CLAUSE_TEXT
    every = sorted([m.span() for m in re.compile(f"[{_PUNCTUATION_BREAKS}]").finditer(text)]
                   + [m.span() for m in _rules("id")["break_words"].pattern.finditer(text)])
    spans = [(0, 5), (20, 40), (20, 30), (35, 60), (36, 37), (80, 120), (119, 200), (200, 201), (230, len(text))]
    for chosen in itertools.combinations(spans, 3):          # nested, side by side, with the same start
        times = [{"id": f"t{i}", "type": "DATE", "value": "2025-03-03", "start": s, "end": e,
                  "range_start": "2025-03-03", "range_end": "2025-03-04"} for i, (s, e) in enumerate(sorted(chosen))]
        starts = [t["start"] for t in times]
        # the plain rule: a break is inside the time expression that starts last at or before it, if it reaches past it
        kept = [(s, e) for s, e in every
                if not (sum(x <= s for x in starts) and s < times[sum(x <= s for x in starts) - 1]["end"])]
        ctx = _Context(text, [(0, len(text))], [], times, "id")
        assert _breaks_in(ctx, 0, len(text)) == ([s for s, _ in kept], [e for _, e in kept]), chosen


def test_the_verbs_between_two_offsets_are_those_the_word_rules_find():
    from lib.events import _Context, _rules
    from lib.morphology import candidate_roots
    from lib.text import QUOTE_MARK, text_sentences

    def plain(ctx, a, b, auxiliaries):
        if QUOTE_MARK.search(ctx.text, a, b):
            return True
        for word in re.findall(r"[\w-]+", ctx.text[a:b]):
            lower = word.lower()
            if lower in ctx.rules["manner"] or word[0].isupper():
                continue
            if (auxiliaries and lower in ctx.rules["auxiliaries"]) or lower in ctx.rules["complementisers"]:
                return True
            if ctx.rules["clause_verb_prefix"].match(lower) and len(candidate_roots(lower, "id")) > 1:
                return True
        return False

    from lib.events import _verb_between

    text = ("Rapat itu akan digelar Senin secara tertutup, kata Ketua Dewan, bahwa warga sudah menunggu "
            "sejak pagi dan Menolak \u201cusulan\u201d pada 3 Maret yang Akan datang.")
    ctx = _Context(text, text_sentences(text, "id"), [], [], "id")
    _rules("id")["verb_words"].clear()
    for a in range(0, len(text) + 1, 3):
        for b in range(a, len(text) + 2, 4):
            for auxiliaries in (True, False):
                assert _verb_between(ctx, a, b, auxiliaries) == plain(ctx, a, b, auxiliaries), (a, b, auxiliaries)


def test_the_mentions_and_times_inside_a_stretch_are_those_a_plain_filter_keeps():
    from lib.events import _Context

    text = "Menteri Budi dan Wakil Ketua DPR Ani bertemu Senin (12/12) pukul 10.00 di Jakarta, kata Tim."
    def span(words, kind="person", how="name"):
        start = text.index(words)
        return {"start": start, "end": start + len(words), "actor": words.lower(), "kind": kind, "how": how}
    mentions = [span("Menteri Budi dan Wakil Ketua DPR Ani"), span("Budi"), span("DPR", "organization"),
                span("Ani"), span("Jakarta", "location"), span("Tim")]
    times = [dict(span("Senin (12/12) pukul 10.00"), id="t1", type="TIME", value="2025-12-12T10:00",
                  range_start="2025-12-12", range_end="2025-12-13"),
             dict(span("Senin (12/12)"), id="t2", type="DATE", value="2025-12-12",
                  range_start="2025-12-12", range_end="2025-12-13"),
             dict(span("10.00"), id="t3", type="TIME", value="T10:00", range_start=None, range_end=None)]
    ctx = _Context(text, [(0, len(text))], mentions, times, "id")
    for a in range(-1, len(text) + 2):
        for b in range(-1, len(text) + 2):
            assert ctx.mentions_in(a, b) == [m for m in ctx.mentions if a <= m["start"] and m["end"] <= b], (a, b)
            assert ctx.timexes_in(a, b) == [t for t in ctx.timexes if a <= t["start"] and t["end"] <= b], (a, b)


@pytest.mark.parametrize("text", ODD_TEXTS + ["\n", "\n\nSatu.\n", "Kata Budi,\r\n\u201cYa.\u201d\n\u2028Dua\n"])
def test_the_line_ends_are_the_line_breaks_of_the_text(text):
    from lib.text import places

    assert places(text, "\n") == [i for i, ch in enumerate(text) if ch == "\n"]


@pytest.mark.parametrize("spans", [
    [(0, 4), (5, 9), (12, 20)],                 # the ends in order: they are the reach
    [(0, 10), (2, 4), (5, 9), (12, 20)],        # a row that holds the next ones
    [(3, 8), (3, 5), (6, 7), (9, 9)],
    [],
])
def test_the_rows_inside_a_stretch_are_those_a_scan_finds(spans):
    from lib.events import _Spans

    rows = [{"start": s, "end": e, "n": i} for i, (s, e) in enumerate(spans)]
    found = _Spans(rows)
    for a in range(-1, 23):
        for b in range(-1, 23):
            expected = sorted((r for r in rows if a <= r["start"] < b and r["end"] <= b), key=lambda r: r["start"])
            assert found.inside(a, b) == expected, (a, b)
