"""Language detection: Danish and English, short and hashtag-heavy; others refused."""

from __future__ import annotations

import pytest

import postcraft
from postcraft.analysis import analyze

DANISH = [
    "Tak for i dag! 🙏",
    "Kæmpe tak til hele holdet 💪 #Teamwork #Stolt",
    "Jeg har lige afsluttet min første uge som sygeplejerske på Aarhus Universitetshospital.",
    "Hvad synes I? Skal vi prøve det igen næste år?",
    "Vi søger en ny kollega til vores team i Odense 🚀 #Job #Ledigstilling",
    "Stolt af mit team i dag ❤️",
    "God weekend til jer alle",
    "Så er der release! 🎉 Det har været en lang rejse, men nu er vi i mål. #DevOps #Agile",
    "Virksomhedens strategi for 2027 bygger på bæredygtighed, digitalisering og vækst.",
    "Mødet med borgerne i går gav mig meget at tænke over.",
    "Jeg er så glad for mine kolleger ❤️❤️❤️ #Hospital #Sygepleje #Sundhed",
    "Nyt kontor, nye muligheder. Vi glæder os til at byde jer velkommen.",
    "Super fed dag på kontoret med workshop om AI og machine learning – tak for input alle sammen!",
    "Efter 12 år i kommunen siger jeg farvel. Det har været en fornøjelse.",
    "Hvorfor er det så svært at sige nej?",
    "✨ NYHEDER I BUTIKKEN ✨ Forårets kjoler er landet 🌸 Kom forbi og find din favorit #forår",
    "Vi har gjort det! Tak til Kjeld Kjær og hele holdet, der gjorde det muligt.",
]
ENGLISH = [
    "Thank you all! 🙏",
    "So proud of this team 💪 #Teamwork #Proud",
    "I just finished my first week as a nurse at St Mary's and I am exhausted but happy.",
    "What do you think? Should we try it again next year?",
    "We're hiring! Join our team in Manchester 🚀 #Hiring #Jobs",
    "Great day at the office ❤️",
    "Have a lovely weekend everyone",
    "Release day! 🎉 It has been a long road but we made it. #DevOps #Agile",
    "Our strategy for 2027 is built on sustainability, digitalisation and growth.",
    "The meeting with residents yesterday gave me a lot to think about.",
    "Congrats to Mette and the whole crew on the launch",
    "New office, new opportunities. We look forward to welcoming you.",
    "Why is it so hard to say no?",
    "After 12 years at the council I am saying goodbye. It has been a pleasure.",
    "Huge thanks to everyone who came by our stand at Web Summit",
]
REFUSED = {
    "de": [
        "Wir freuen uns sehr, heute unser neues Team in Hamburg vorzustellen!",
        "Ich bin so stolz auf mein Team 💪 #Teamwork",
        "Vielen Dank an alle für die tolle Zusammenarbeit in diesem Jahr.",
    ],
    "sv": [
        "Jag är så stolt över mitt team idag ❤️",
        "Vi söker en ny kollega till vårt kontor i Göteborg. Är det du?",
        "Tack för en fantastisk vecka! Det har varit väldigt roligt att jobba med er.",
    ],
    "nb": [
        "Jeg er så stolt av teamet mitt i dag ❤️",
        "Vi søker en ny kollega til kontoret vårt i Bergen. Er det deg?",
        "Takk for en fantastisk uke! Det har vært veldig gøy å jobbe med dere.",
        "Etter tolv år i kommunen sier jeg takk for meg. Det har vært en glede å gjøre denne jobben.",
    ],
    "fr": ["Nous sommes très fiers de notre équipe et de cette nouvelle étape pour nous."],
    "es": ["Estoy muy orgulloso de mi equipo y de todo el trabajo de este año."],
    "nl": ["Ik ben heel trots op mijn team en op wat we dit jaar samen hebben gedaan."],
}


@pytest.mark.parametrize("text", DANISH)
def test_danish_detected(text: str) -> None:
    assert analyze(text).lang == "da", analyze(text).lang_scores


@pytest.mark.parametrize("text", ENGLISH)
def test_english_detected(text: str) -> None:
    assert analyze(text).lang == "en", analyze(text).lang_scores


@pytest.mark.parametrize(("lang", "text"), [(k, t) for k, v in REFUSED.items() for t in v])
def test_other_languages_refused_and_named(lang: str, text: str) -> None:
    with pytest.raises(postcraft.UnsupportedLanguageError) as info:
        analyze(text)
    assert info.value.lang == lang
    assert isinstance(info.value, postcraft.PostcraftError)


def test_explicit_lang_overrides_detection() -> None:
    assert analyze("Thank you all", lang="da").lang == "da"
    assert analyze("Tak for i dag", lang="EN").lang == "en"
    assert analyze("Tak", lang="da-DK").lang == "da"


def test_explicit_unsupported_lang_is_refused() -> None:
    with pytest.raises(postcraft.UnsupportedLanguageError):
        analyze("Hallo", lang="de")


def test_other_scripts_refused() -> None:
    with pytest.raises(postcraft.UnsupportedLanguageError) as info:
        analyze("Мы рады представить нашу новую команду")
    assert info.value.lang == "cyrillic"


def test_mixed_danish_with_english_phrases_is_danish() -> None:
    text = (
        "Super spændende kick-off i dag med fokus på customer experience og growth mindset. Jeg glæder mig!"
    )
    assert analyze(text).lang == "da"
