"""The knobs of the synthetic person generator, and the two profiles that set them (issue 14).

``STANDARD`` is the data set the matcher is developed and tuned on (``--profile standard``, the
default; its values are the generator's constants from before profiles existed, so its output is
byte for byte what it was). ``INDEPENDENT`` is a second Dutch test set that is never used while
tuning, only for reporting: other error rates (some up, some down), another surname curve and
order of the common surnames, another given-name era mix, more homeless people and EU citizens,
fewer BSNs, another mix of query sources, and its own random streams.

Shares are probabilities per person, record or query; weights are relative (need not sum to
anything). Each field's comment says what it controls; ``INDEPENDENT`` lists the values it changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

Weights = tuple[tuple[str, float], ...]
# Per query source: (p_dob, p_approx_age, p_address, p_bsn, p_sex, p_phone).
SourceFields = tuple[tuple[str, tuple[float, float, float, float, float, float]], ...]


@dataclass(frozen=True)
class GeneratorSettings:
    # -- identity ------------------------------------------------------------------------------
    # Prefix of the random streams' seeds ("<label>-<seed>", "<label>-aux-<seed>",
    # "<label>-dedup-<seed>"): another label gives unrelated data even for the same --seed.
    seed_label: str = "vangnet-persons"

    # -- population: origins, homelessness, BSNs -----------------------------------------------
    # Origin of a household: NL, PL (Polish), RO (Romanian/Bulgarian), EU (other EU), TR, MA, SR.
    origin_weights: Weights = (
        ("NL", 930),
        ("PL", 16),
        ("TR", 15),
        ("MA", 15),
        ("SR", 12),
        ("RO", 7),
        ("EU", 6),
    )
    # Share of people of an origin that have a BSN; origins not listed use bsn_share_other.
    bsn_share_by_origin: tuple[tuple[str, float], ...] = (("PL", 0.55), ("RO", 0.5), ("EU", 0.6))
    bsn_share_other: float = 0.95
    # Share of single-person households that are homeless, for EU citizens (PL, RO, EU) / others.
    homeless_share_eu: float = 0.18
    homeless_share_other: float = 0.05
    # Share of homeless people with a BSN that lose it in the registry (never registered it).
    homeless_bsn_loss: float = 0.2
    # Share of homeless people registered with a briefadres at a shelter (the rest: no address).
    shelter_share: float = 0.4
    # Share of homeless people whose registry row still names the town.
    registry_city_homeless: float = 0.5
    # Share of people of 14+ with a mobile number: homeless / others (landlines come first).
    mobile_share_homeless: float = 0.45
    mobile_share_other: float = 0.75

    # -- population: names ----------------------------------------------------------------------
    # Share of Dutch-origin people with a surname from the common list (the rest: the long tail).
    surname_top_share: float = 0.27
    # The common surnames' weight is count ** exponent: below 1 flattens the curve (de Jong less
    # dominant, rank 200 more common).
    surname_top_exponent: float = 1.0
    # Reordering of the common surnames: each rank is multiplied by exp(N(0, sigma)) with a fixed
    # random stream and the names re-sorted, so the counts stay but go to other names. 0 = the
    # real order (de Jong, Jansen, de Vries, ...).
    surname_top_reorder: float = 0.0
    # The long tail: weight of the i-th tail surname is 1 / (i + offset) ** exponent.
    surname_tail_offset: float = 800
    surname_tail_exponent: float = 1.0
    # Modern and foreign given names: weight of the i-th name of a list is 1 / (i + offset) ** exponent
    # (foreign surnames keep 3 and 0.6 in every profile: their lists are short).
    given_zipf_offset: float = 3
    given_zipf_exponent: float = 0.6
    # Given-name eras for Dutch people: (born before year, share with classic official names such as
    # "Johannes Cornelis", which list of modern names: 0 = 1955, 1 = 1975, 2 = 1995); the last
    # entry covers everyone later.
    given_name_eras: tuple[tuple[int, float, int], ...] = (
        (1958, 0.92, 0),
        (1978, 0.45, 0),
        (1998, 0.12, 1),
        (10_000, 0.06, 2),
    )
    # Share of people with classic names whose roepnaam comes from the second name.
    roep_from_middle_name: float = 0.06

    # -- registry rows --------------------------------------------------------------------------
    # Given names as registered: all official names / only the roepnaam (the rest: initials).
    registry_given_full: float = 0.88
    registry_given_roep: float = 0.09
    # Share of women using the partner's name whose row has "partner-own" as surname.
    registry_partner_name: float = 0.3
    # Surnames with a prefix written into the surname field: lower case / capitalised.
    registry_prefix_joined: float = 0.13
    registry_prefix_capitalised: float = 0.02
    # Missing fields: sex; date of birth (everyone / homeless people, who are often unregistered).
    registry_sex_missing: float = 0.02
    registry_dob_missing: float = 0.01
    registry_dob_missing_homeless: float = 0.15

    # -- queries: who reports and what they know ------------------------------------------------
    # Source of a query about a housed / homeless person.
    query_sources: Weights = (("politie", 25), ("huisarts", 15), ("buren", 33), ("woningcorporatie", 17), ("straat", 2))
    query_sources_homeless: Weights = (
        ("politie", 30),
        ("huisarts", 5),
        ("buren", 5),
        ("woningcorporatie", 0),
        ("straat", 60),
    )
    # What each source knows: (date of birth, estimated age instead, address, BSN, sex, phone).
    source_fields: SourceFields = (
        ("politie", (0.85, 0.08, 0.75, 0.16, 0.95, 0.15)),
        ("huisarts", (0.95, 0.03, 0.85, 0.62, 0.95, 0.25)),
        ("buren", (0.08, 0.65, 0.92, 0.01, 0.8, 0.06)),
        ("woningcorporatie", (0.45, 0.15, 0.98, 0.1, 0.7, 0.4)),
        ("straat", (0.12, 0.7, 0.05, 0.03, 0.9, 0.03)),
    )
    # How each source writes the given names: full official / first official / roepnaam /
    # another nickname / initials / none.
    given_styles: tuple[tuple[str, Weights], ...] = (
        ("politie", (("full", 40), ("first", 15), ("roep", 30), ("nick", 3), ("init", 8), ("none", 4))),
        ("huisarts", (("full", 60), ("first", 15), ("roep", 15), ("init", 10))),
        ("buren", (("full", 4), ("first", 10), ("roep", 71), ("nick", 8), ("init", 2), ("none", 5))),
        ("woningcorporatie", (("full", 15), ("first", 15), ("roep", 20), ("init", 45), ("none", 5))),
        ("straat", (("full", 3), ("first", 7), ("roep", 60), ("nick", 10), ("none", 20))),
    )
    # How the tussenvoegsel is written (van de Berg, van de berg joined, Van de Berg, Berg, van de,
    # vd Berg, Vandenberg, a wrong prefix, no prefix).
    prefix_styles: Weights = (
        ("standard", 55),
        ("joined", 20),
        ("capitalised", 5),
        ("inverted", 4),
        ("abbreviated", 5),
        ("fused", 3),
        ("wrong_prefix", 4),
        ("dropped", 4),
    )
    # Street-outreach queries with only a place description ("man, ~40, slaapt bij het station").
    description_only: float = 0.12
    # Place description added: street outreach / other sources.
    place_description_street: float = 0.8
    place_description_other: float = 0.01
    # An outreach worker knows the town where the person is seen (when there is no address).
    town_only: float = 0.85

    # -- queries: errors and missing fields -----------------------------------------------------
    # Given name written in another spelling (Jan/Jaan, Mohammed/Mohamed, ...).
    given_spelling_variant: float = 0.2
    # No surname: street outreach / other sources.
    no_surname_street: float = 0.35
    no_surname_other: float = 0.02
    # Partner's name used: women using it in the registry / other women / men.
    partner_name_user: float = 0.45
    partner_name_woman: float = 0.06
    partner_name_man: float = 0.01
    # Dutch spelling confusion in the surname: surnames with ij/ei/y / others.
    surname_spelling_ij: float = 0.15
    surname_spelling_other: float = 0.03
    # Typos: surname (and, of those, a second typo) / given name.
    surname_typo: float = 0.05
    surname_second_typo: float = 0.2
    given_typo: float = 0.04
    # Diacritics: dropped / umlaut transcribed (ö -> oe), of names that have them.
    diacritics_dropped: float = 0.5
    umlaut_transcribed: float = 0.1
    # Whole query in upper / lower case; given and surname swapped; sex wrong.
    upper_case: float = 0.03
    lower_case: float = 0.015
    names_swapped: float = 0.007
    sex_wrong: float = 0.003
    # Date-of-birth errors: day and month swapped / year / day / a wholly wrong date.
    dob_day_month_swap: float = 0.035
    dob_year_error: float = 0.015
    dob_day_error: float = 0.015
    dob_wrong: float = 0.005
    # BSN errors: one wrong digit / two digits transposed / a relative's BSN.
    bsn_digit_error: float = 0.06
    bsn_transposition: float = 0.01
    bsn_of_relative: float = 0.005
    # Address: an old (or other) address / house number given / as registered (else another
    # notation of the addition) / postcode given (housing corporation, others) / town given.
    old_address: float = 0.08
    house_number_given: float = 0.9
    house_number_as_registered: float = 0.6
    postcode_given_corporation: float = 0.95
    postcode_given_other: float = 0.5
    city_given: float = 0.9
    # Phone: a new number instead of the registered one.
    new_phone: float = 0.08

    # -- absent queries -------------------------------------------------------------------------
    # Share of absent queries about relatives of registered people; of those the share that is
    # the jr/sr son or father or a twin; share about namesakes (the rest: unrelated people).
    absent_relatives: float = 0.35
    absent_relatives_special: float = 0.25
    absent_namesakes: float = 0.2


STANDARD = GeneratorSettings()

INDEPENDENT = replace(
    STANDARD,
    seed_label="vangnet-persons-independent",
    # 11 % not Dutch instead of 7 %; EU citizens (PL, RO/BG, other EU) 6.8 % instead of 2.9 %.
    origin_weights=(("NL", 890), ("PL", 30), ("TR", 15), ("MA", 15), ("SR", 12), ("RO", 20), ("EU", 18)),
    bsn_share_by_origin=(("PL", 0.4), ("RO", 0.35), ("EU", 0.45)),
    bsn_share_other=0.9,
    homeless_share_eu=0.3,
    homeless_share_other=0.09,
    homeless_bsn_loss=0.35,
    shelter_share=0.5,
    registry_city_homeless=0.35,
    mobile_share_homeless=0.35,
    mobile_share_other=0.8,
    surname_top_share=0.22,
    surname_top_exponent=0.8,
    surname_top_reorder=0.6,
    surname_tail_offset=300,
    surname_tail_exponent=1.1,
    given_zipf_exponent=0.7,
    given_name_eras=(
        (1950, 0.88, 0),
        (1970, 0.5, 0),
        (1988, 0.2, 1),
        (2003, 0.1, 1),
        (10_000, 0.04, 2),
    ),
    roep_from_middle_name=0.1,
    registry_given_full=0.8,
    registry_given_roep=0.14,
    registry_partner_name=0.4,
    registry_prefix_joined=0.18,
    registry_prefix_capitalised=0.03,
    registry_sex_missing=0.03,
    registry_dob_missing=0.02,
    registry_dob_missing_homeless=0.25,
    query_sources=(("politie", 28), ("huisarts", 10), ("buren", 27), ("woningcorporatie", 22), ("straat", 6)),
    query_sources_homeless=(
        ("politie", 35),
        ("huisarts", 8),
        ("buren", 4),
        ("woningcorporatie", 0),
        ("straat", 53),
    ),
    source_fields=(
        ("politie", (0.8, 0.1, 0.7, 0.09, 0.95, 0.2)),
        ("huisarts", (0.92, 0.04, 0.8, 0.4, 0.97, 0.3)),
        ("buren", (0.12, 0.6, 0.9, 0.005, 0.85, 0.1)),
        ("woningcorporatie", (0.5, 0.12, 0.97, 0.05, 0.75, 0.45)),
        ("straat", (0.1, 0.72, 0.04, 0.01, 0.92, 0.05)),
    ),
    given_styles=(
        ("politie", (("full", 36), ("first", 15), ("roep", 30), ("nick", 6), ("init", 8), ("none", 5))),
        ("huisarts", (("full", 55), ("first", 18), ("roep", 17), ("nick", 1), ("init", 9))),
        ("buren", (("full", 3), ("first", 8), ("roep", 66), ("nick", 14), ("init", 2), ("none", 7))),
        ("woningcorporatie", (("full", 20), ("first", 17), ("roep", 22), ("init", 35), ("none", 6))),
        ("straat", (("full", 2), ("first", 6), ("roep", 54), ("nick", 16), ("none", 22))),
    ),
    prefix_styles=(
        ("standard", 45),
        ("joined", 25),
        ("capitalised", 4),
        ("inverted", 6),
        ("abbreviated", 7),
        ("fused", 5),
        ("wrong_prefix", 5),
        ("dropped", 3),
    ),
    description_only=0.15,
    place_description_street=0.85,
    place_description_other=0.015,
    town_only=0.75,
    given_spelling_variant=0.12,
    no_surname_street=0.4,
    no_surname_other=0.03,
    partner_name_user=0.5,
    partner_name_woman=0.08,
    surname_spelling_ij=0.22,
    surname_spelling_other=0.05,
    surname_typo=0.035,
    surname_second_typo=0.3,
    given_typo=0.06,
    diacritics_dropped=0.65,
    upper_case=0.05,
    lower_case=0.02,
    names_swapped=0.012,
    sex_wrong=0.005,
    dob_day_month_swap=0.025,
    dob_year_error=0.025,
    dob_day_error=0.02,
    dob_wrong=0.01,
    bsn_digit_error=0.08,
    bsn_transposition=0.015,
    bsn_of_relative=0.008,
    old_address=0.14,
    house_number_given=0.85,
    house_number_as_registered=0.5,
    postcode_given_corporation=0.9,
    postcode_given_other=0.4,
    city_given=0.85,
    new_phone=0.12,
    absent_relatives=0.3,
    absent_relatives_special=0.3,
    absent_namesakes=0.25,
)

PROFILES: dict[str, GeneratorSettings] = {"standard": STANDARD, "independent": INDEPENDENT}
