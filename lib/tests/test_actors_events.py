"""Actors and events: the Indonesian each rule is for, texts with names no table knows, and the seed."""
import pytest

from lib import SEED_ARTICLE
from lib.actors import load_curated_actors, load_curated_mentions, tag_mentions
from lib.annotate import annotate_article
from lib.evaluate import actor_mapping, evaluate_events, evaluate_mentions
from lib.events import find_triggers, load_curated_events, tag_events
from lib.load import ArticleError, find_dateline, load_article
from lib.timexes import tag_timexes

# Three articles written for these tests, on other subjects, with people and organisations that
# are in no table of the workbook.
FLOOD = """Semarang, Kompas.com — Gubernur Jawa Tengah Rahmat Hidayat meninjau lokasi banjir di Kabupaten Demak pada Senin (6/2/2023).
Kepala Badan Penanggulangan Bencana Daerah Jawa Tengah Siti Aminah mengatakan sekitar 3.000 warga mengungsi ke balai desa.
Hidayat berjanji akan menyalurkan bantuan pangan pekan ini. “Kami bekerja sama dengan relawan dan Palang Merah Indonesia,” kata Aminah.
Relawan dari Yayasan Sahabat Sungai juga membantu warga di Desa Karangrejo."""
BUSINESS = """Jakarta (ANTARA) - Direktur Utama PT Sinar Laut Nusantara Bambang Wicaksono mengatakan perusahaannya akan membuka pabrik baru di Kendal tahun depan.
Menurut Wicaksono, investasi itu bernilai Rp2 triliun dan menyerap 1.500 pekerja.
Menteri Perindustrian Dewi Lestari menyambut rencana tersebut. Lestari menambahkan bahwa pemerintah siap membantu perizinan.
Analis Bank Mandiri Fajar Nugroho menilai langkah itu tepat."""
SPORT = """Bandung — Pelatih Persib Bandung Hendra Kurniawan menyatakan timnya siap menghadapi Arema FC pekan depan.
Kurniawan mengatakan penyerang Yusuf Maulana masih cedera. “Kami akan berlatih keras,” ujar Kurniawan.
Ketua Umum Persatuan Sepak Bola Seluruh Indonesia Agus Salim Permana meminta suporter menjaga ketertiban."""


def mentions_of(text):
    return tag_mentions(text, dateline=find_dateline(text, 0))


def pairs(frame, *columns):
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


@pytest.mark.parametrize("text, people", [
    (FLOOD, {"Rahmat Hidayat": "Gubernur Jawa Tengah",
             "Siti Aminah": "Kepala Badan Penanggulangan Bencana Daerah Jawa Tengah"}),
    (BUSINESS, {"Bambang Wicaksono": "Direktur Utama PT Sinar Laut Nusantara", "Dewi Lestari": "Menteri Perindustrian",
                "Fajar Nugroho": "Analis Bank Mandiri"}),
    (SPORT, {"Hendra Kurniawan": "Pelatih Persib Bandung",
             "Agus Salim Permana": "Ketua Umum Persatuan Sepak Bola Seluruh Indonesia"}),
])
def test_people_introduced_by_title_in_unseen_texts(text, people):
    found = mentions_of(text)
    titled = found[found.how == "title"]
    assert dict(pairs(titled, "text", "role")) == people
    assert set(titled.kind) == {"person"}


@pytest.mark.parametrize("text, surname, actor", [
    (FLOOD, "Hidayat", "rahmat-hidayat"), (FLOOD, "Aminah", "siti-aminah"),
    (BUSINESS, "Wicaksono", "bambang-wicaksono"), (BUSINESS, "Lestari", "dewi-lestari"),
    (SPORT, "Kurniawan", "hendra-kurniawan"),
])
def test_surnames_link_to_the_full_name(text, surname, actor):
    found = mentions_of(text)
    assert set(found[found.text == surname].actor) == {actor}


@pytest.mark.parametrize("text, name, kind", [
    (FLOOD, "Badan Penanggulangan Bencana Daerah Jawa Tengah", "organization"),
    (FLOOD, "Palang Merah Indonesia", "organization"),
    (FLOOD, "Yayasan Sahabat Sungai", "organization"),
    (FLOOD, "Kabupaten Demak", "location"),
    (FLOOD, "Desa Karangrejo", "location"),
    (FLOOD, "Semarang", "location"),
    (BUSINESS, "PT Sinar Laut Nusantara", "organization"),
    (BUSINESS, "Bank Mandiri", "organization"),
    (SPORT, "Arema FC", "organization"),
    (SPORT, "Persatuan Sepak Bola Seluruh Indonesia", "organization"),
])
def test_organisations_and_places_by_shape(text, name, kind):
    found = mentions_of(text)
    assert pairs(found[found.text == name], "kind") == [(kind,)]


def test_ministry_with_dan_first_name_alias_and_dateline_outlet():
    text = ("JAKARTA, KOMPAS.com - Menteri Pekerjaan Umum dan Perumahan Rakyat Basuki Hadimuljono meninjau "
            "bendungan. \"Kami selesaikan bulan depan,\" kata Basuki.")
    found = mentions_of(text)
    assert pairs(found[found.how == "title"], "text", "role") == [
        ("Basuki Hadimuljono", "Menteri Pekerjaan Umum dan Perumahan Rakyat")]
    assert found[found.text == "Basuki"].actor.tolist() == ["basuki-hadimuljono"]
    assert "KOMPAS" not in found.text.tolist() and found.text.iloc[0] == "JAKARTA"


def test_dan_between_people_is_not_part_of_a_title():
    found = tag_mentions("Presiden Joe Biden dan Vladimir Putin akan berbicara.", gazetteer=False)
    assert pairs(found, "text", "role", "how")[0] == ("Joe Biden", "Presiden", "title")
    assert "Presiden Joe Biden dan" not in set(found.role.dropna())


def test_acronym_in_brackets_is_an_alias():
    text = "Dana Moneter Internasional (IMF) memperkirakan ekonomi tumbuh. Menurut IMF, inflasi turun."
    found = tag_mentions(text, gazetteer=False)
    imf = found[found.text == "IMF"]
    assert len(imf) == 2 and set(imf.actor) == {"dana-moneter-internasional"}


@pytest.mark.parametrize("text, description, actor", [
    ("Presiden Joe Biden dan Vladimir Putin akan berbicara saat pemimpin Rusia itu menuntut jaminan.",
     "pemimpin Rusia itu", "vladimir-putin"),
    ("Hal itu disampaikan seorang pejabat senior pemerintah kepada wartawan. Pejabat itu berbicara dengan syarat anonim.",
     "Pejabat itu", "anonymous-pejabat-senior-pemerintah"),
    ("Menteri Luar Negeri Retno Marsudi bertemu dengan Menteri Luar Negeri Malaysia Saifuddin Abdullah. "
     "Keduanya membahas perbatasan.", "Keduanya", "retno-marsudi;saifuddin-abdullah"),
])
def test_descriptions_point_back(text, description, actor):
    found = tag_mentions(text)
    assert found[found.text == description].actor.tolist() == [actor]


@pytest.mark.parametrize("text", [
    "Pada hari Senin harga naik.",                 # sentence-initial words are not names
    "Juru bicara itu tidak hadir.",
    "Mereka bertemu di Jakarta pekan lalu.",
])
def test_no_person_from_ordinary_capitals(text):
    found = tag_mentions(text)
    assert not (found.kind == "person").any(), found[["text", "how"]].values.tolist()


def test_metonyms_name_what_they_stand_for():
    found = tag_mentions("Moskow dan Washington berselisih; Kremlin membantah dan Gedung Putih diam.")
    assert dict(pairs(found, "text", "refers_to")) == {"Moskow": "russia", "Washington": "united-states",
                                                       "Kremlin": "russia", "Gedung Putih": "united-states"}


# --------------------------------------------------------------------------- events

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
    "Ia duduk di meja perundingan.",               # an idiom, not a consultation
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
])
def test_status_cues(text, status):
    assert events_of(text).status.tolist() == [status]


def test_passive_agent_and_noun_actor():
    events = events_of("Panggilan itu diminta oleh Rusia. Invasi Rusia dikhawatirkan.")
    assert dict(pairs(events, "text", "actors"))["diminta"] == "russia"
    assert dict(pairs(events, "text", "actors"))["Invasi"] == "russia"


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


# --------------------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def seed():
    article = load_article(SEED_ARTICLE)
    timexes, mentions, events = annotate_article(article, "2021-12-29")
    return article, timexes, mentions, events


def test_seed_people_found_and_surnames_linked(seed):
    article, _, mentions, _ = seed
    curated = load_curated_mentions(article)
    people = curated[curated.kind == "person"]
    found = mentions.set_index(["start", "end"])
    for row in people.itertuples():
        assert (row.start, row.end) in found.index, row.text
        assert found.loc[(row.start, row.end), "kind"] == "person"
    for surname, actor in [("Blinken", "antony-blinken"), ("Price", "ned-price"), ("Sullivan", "jake-sullivan"),
                           ("Putin", "vladimir-putin"), ("Biden", "joe-biden")]:
        assert set(mentions[mentions.text == surname].actor) == {actor}


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


def test_seed_evaluation_is_computed(seed):
    article, _, mentions, events = seed
    curated_mentions = load_curated_mentions(article)
    scores = evaluate_mentions(mentions, curated_mentions).set_index("measure")
    assert scores.loc["span and kind", "recall"] >= 0.9
    event_scores = evaluate_events(events, load_curated_events(article), actor_mapping(mentions, curated_mentions))
    assert 0 < event_scores.set_index("measure").loc["type and date", "f1"] <= 1


def test_curated_actor_files_validate(seed):
    article = seed[0]
    actors = load_curated_actors(article)
    assert actors.loc[actors.id == "vladimir-putin", "wikidata"].item() == "Q7747"
    assert len(load_curated_mentions(article)) == 92


def test_curated_errors_name_line_and_column(tmp_path):
    text = "Presiden Joe Biden berbicara."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.actors.csv").write_text("id,name,kind,aliases,wikidata,refers_to\njoe-biden,Joe Biden,person,,Q6279,\n",
                                           encoding="utf-8")
    article = load_article(tmp_path / "a.txt")
    head = "id,start,end,text,actor,kind,role,refers_to\n"
    for body, message in [
        ("m1,9,18,Joe Biden,joe-bidn,person,,\n", "line 2, column 'actor': unknown actor 'joe-bidn'"),
        ("m1,9,18,Joe Biden,joe-biden,human,,\n", "line 2, column 'kind'"),
        ("m1,9,17,Joe Biden,joe-biden,person,,\n", "line 2, column 'text'"),
    ]:
        (tmp_path / "a.mentions.csv").write_text(head + body, encoding="utf-8")
        with pytest.raises(ArticleError, match="a.mentions.csv") as err:
            load_curated_mentions(article)
        assert message in str(err.value)
    (tmp_path / "a.events.csv").write_text(
        "id,event_id,start,end,text,type,mode,actors,recipients,status\n"
        "v1,e1,19,28,berbicara,TALK,,joe-biden,,planned\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="line 2, column 'type'"):
        load_curated_events(article)
