"""Mechanisms behind wrong hashtags found when the four judged real-post sets were re-scored
(branch tags15): each class has a Danish and an English case written for these tests, and a
control where the suggestion is right, so a test cannot pass by suggesting nothing."""

from __future__ import annotations

import pytest

from postcraft.tags import suggest_tags


def hashtags(text: str, lang: str) -> list[str]:
    return [x.target for x in suggest_tags(text, lang=lang).hashtags]


# -- 1. a sports club's or a scout group's training, school and recruitment ---------------------

CLUB_SENSE = [
    (
        "Our football club is recruiting for next season. The recruitment of young players starts "
        "in May, and the club's recruiter will visit local schools.",
        "en",
        "#Hiring",
    ),
    (
        "Our football club now runs a school for its young players. Education matters to us: every "
        "student at the club gets homework help, and teachers from the local school join twice a "
        "week.",
        "en",
        "#Education",
    ),
    (
        "Fodboldklubben har fået nye trænere til ungdomsholdene. Klubben betaler deres uddannelse, "
        "og uddannelsen af trænerne er vigtig for os.",
        "da",
        "#Uddannelse",
    ),
    (
        "Spejdergruppen sender fem spejdere på kursus i påsken. Kurset er en del af spejdernes "
        "efteruddannelse som patruljeledere, og troppen betaler deltagelsen.",
        "da",
        "#Læring",
    ),
]


@pytest.mark.parametrize(("text", "lang", "wrong"), CLUB_SENSE)
def test_a_clubs_training_and_recruitment_are_not_the_work_topic(text: str, lang: str, wrong: str) -> None:
    assert wrong not in hashtags(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "right"),
    [
        (
            "Our teachers have started a new education programme for the school's pupils. Education "
            "is what we do, and the programme gives every teacher a week of training.",
            "en",
            "#Education",
        ),
        (
            "Vores ingeniører starter et nyt efteruddannelsesforløb i maj. Efteruddannelsen handler "
            "om kompetenceudvikling i projektledelse.",
            "da",
            "#Læring",
        ),
    ],
)
def test_training_at_work_is_still_the_topic(text: str, lang: str, right: str) -> None:
    assert right in hashtags(text, lang)


# -- 2. a meetup notice that raffles a conference ticket is not about conferences ---------------

MEETUP_NOTICES = [
    (
        "The next JavaScript meetup is on Thursday at 18:30, hosted by Acme in Aarhus. Call for "
        "speakers: we still need one more talk.\n\n"
        "Talks: a tour of web components, and testing with Playwright.\n\n"
        "Win a ticket! The organisers of a big web conference have given us two tickets for their "
        "conference in May. We draw the winners at the end of the meetup.",
        "en",
        "#Meetup",
        "#Conference",
    ),
    (
        "Næste meetup i vores JavaScript-brugergruppe er torsdag kl. 18.30 hos Acme i Aarhus. Vi "
        "mangler stadig en taler.\n\n"
        "Program: web components og test med Playwright.\n\n"
        "Vind en billet! Arrangørerne af en stor webkonference har givet os to billetter til deres "
        "konference i maj. Vi trækker lod om dem til sidst på vores meetup.",
        "da",
        "#Meetup",
        "#Konference",
    ),
]


@pytest.mark.parametrize(("text", "lang", "right", "wrong"), MEETUP_NOTICES)
def test_a_conference_named_later_in_a_meetup_notice_is_not_its_topic(
    text: str, lang: str, right: str, wrong: str
) -> None:
    got = hashtags(text, lang)
    assert right in got
    assert wrong not in got


# -- 3. people named by their trade are not the trade's topic ----------------------------------
# (English only: the Danish "iværksætter" names the topic in most Danish posts that use it;
# judged good in 3 of 4 on the re-scored sets, so it stays a term.)

PEOPLE_NOUNS = [
    ("I spent the week talking to designers and recruiters about portfolios.", "en", "#Hiring"),
    ("Great evening listening to founders and entrepreneurs pitch their ideas.", "en", "#Entrepreneurship"),
    (
        "Vi har haft håndværkere i lejligheden hele ugen. Håndværkerne larmer fra morgen til aften.",
        "da",
        "#Byggeri",
    ),
    (
        "Ministeren: Bedre velfærd kræver penge i kassen. Aftalen giver flere penge til skatten.",
        "da",
        "#OffentligSektor",
    ),
]


@pytest.mark.parametrize(("text", "lang", "wrong"), PEOPLE_NOUNS)
def test_an_everyday_word_for_people_or_welfare_is_weak(text: str, lang: str, wrong: str) -> None:
    assert wrong not in hashtags(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "right"),
    [
        (
            "We are hiring! Our recruitment team is looking for a recruiter to join us in Aarhus.",
            "en",
            "#Hiring",
        ),
        (
            "Entrepreneurship is hard. Ten founders share what they learned when they started a company.",
            "en",
            "#Entrepreneurship",
        ),
        ("Tømrerne og murerne er i gang på byggepladsen i Vejle.", "da", "#Byggeri"),
        (
            "Vores kommune har samlet forvaltningerne i ét hus. Den offentlige sektor skal være tæt på "
            "borgerne.",
            "da",
            "#OffentligSektor",
        ),
    ],
)
def test_the_trade_with_its_topic_words_still_counts(text: str, lang: str, right: str) -> None:
    assert right in hashtags(text, lang)


# -- 4. a term inside a code identifier, and a fixed expression ---------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "wrong"),
    [
        (
            "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY before you run the script. Then run npm "
            "start and open the page.",
            "en",
            "#CloudComputing",
        ),
        (
            "Sæt AWS_ACCESS_KEY_ID og AWS_SECRET_ACCESS_KEY, før du kører scriptet. Kør derefter npm "
            "start og åbn siden.",
            "da",
            "#Cloud",
        ),
        (
            "This will be no typical sales pitch: we look at the limits of the database and what the "
            "marketing slides leave out.",
            "en",
            "#Sales",
        ),
    ],
)
def test_an_identifier_or_a_sales_pitch_is_not_the_topic(text: str, lang: str, wrong: str) -> None:
    assert wrong not in hashtags(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "right"),
    [
        (
            "We moved our servers to AWS this year. The AWS migration took three months.",
            "en",
            "#CloudComputing",
        ),
        ("Vi flyttede vores servere til AWS i år. Migreringen til AWS tog tre måneder.", "da", "#Cloud"),
        ("Our sales team closed a record quarter. Sales grew by 20 %.", "en", "#Sales"),
        ("Tag _cloud_ og _AWS_ med i planen: vi flytter til AWS i år.", "da", "#Cloud"),
    ],
)
def test_the_same_terms_written_as_words_still_count(text: str, lang: str, right: str) -> None:
    assert right in hashtags(text, lang)


# -- 5. fresh3 (held-out, judged 2026-12-06): other senses of a topic's word ----------------------

OTHER_SENSE_EN = [
    (
        "Rainy morning, grey clouds and no sun at all. Perfect weather for a long breakfast.",
        "#CloudComputing",
    ),
    (
        "We booked the big conference room for the sprint demo, and the conference call had 40 people.",
        "#Conference",
    ),
    ("Spent two hours in the hospital waiting room today with my laptop, answering emails.", "#Healthcare"),
    (
        "New bike helmet arrived today, bright orange. My daughter says it looks like a pumpkin.",
        "#HealthAndSafety",
    ),
]


@pytest.mark.parametrize(("text", "wrong"), OTHER_SENSE_EN)
def test_weather_clouds_meeting_rooms_waiting_rooms_and_helmets_are_not_the_topic(
    text: str, wrong: str
) -> None:
    assert wrong not in hashtags(text, "en")


@pytest.mark.parametrize(
    ("text", "right"),
    [
        (
            "Our cloud migration is done: every service now runs on AWS, and the cloud bill fell by a third.",
            "#CloudComputing",
        ),
        (
            "Back from the conference in Aarhus. The conference had 900 people and great talks on accessibility.",
            "#Conference",
        ),
        (
            "Our hospital opens a new ward for elderly patients. The hospital team worked a year on it.",
            "#Healthcare",
        ),
    ],
)
def test_the_same_topics_are_still_found_where_they_are_the_topic(text: str, right: str) -> None:
    assert right in hashtags(text, "en")
