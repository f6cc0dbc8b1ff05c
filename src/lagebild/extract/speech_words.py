"""Generic German/English vocabulary of reported speech: reporting verbs, mediating phrases and
Konjunktiv-I forms. Kept apart from the logic in quotes.py; nothing here names a person or outlet."""

from __future__ import annotations

from ..nlp.word_cache import word_cache

# Reporting verbs (finite forms as they follow or precede a quotation), German and English.
CUE_VERBS = frozenset("""
sagte sagten sagt sagen erklärte erklärten erklärt betonte betonten betont fügte fügten meinte meinten meint
warnte warnten warnt schrieb schrieben schreibt teilte teilten kritisierte kritisierten forderte forderten
bekräftigte bekräftigten ergänzte ergänzten erläuterte erläuterten unterstrich unterstrichen versicherte
versicherten behauptete behaupteten räumte räumten gab gaben sprach sprachen bezeichnete bezeichneten
zitierte zitierten berichtete berichteten erinnerte erinnerten mahnte mahnten lobte lobten verwies verwiesen
kündigte kündigten beklagte beklagten bestätigte bestätigten dementierte dementierten antwortete antworteten
fragte fragten rief riefen appellierte appellierten stellte stellten hieß heißt deutete deuteten äußerte
äußerten ausdrückte ausdrückten ausdrückt argumentierte argumentierten entgegnete entgegneten glaubt glaubte
glauben hofft hoffte
said says told added wrote stated warned argued noted insisted explained asked claimed according
glaubte glaubten dachte dachten wusste wussten wußte wußten behaupten behauptet meinen fürchtete fürchteten
erwartete erwarteten vermutete vermuteten befürchtete befürchteten hoffte hofften mitteilen mitgeteilt
believed thought feared hoped expected
bemerkte bemerkten bemerkt erwiderte erwiderten erwidert erzählte erzählten erzählt berichtet verkündete
verkündeten verkündet schrie schrien flüsterte flüsterten murmelte murmelten ergänzt fordert kritisiert fragt
antwortet entgegnet unterstreicht mahnt beteuerte beteuerten beteuert
replied answered shouted announced remarked
spricht bezeichnet zitiert lobt verweist kündigt beklagt bestätigt dementiert appelliert äußert argumentiert
bekräftigt erläutert versichert verlangte verlangten verlangt wies wiesen weist beantragte beantragten beantragt
empfahl empfahlen empfiehlt drohte drohten droht versprach versprachen verspricht widersprach widersprachen
widerspricht bestritt bestritten bestreitet begründete begründeten begründet meldete meldeten meldet bat baten
bittet dankte dankten dankt protestierte protestierten protestiert plädierte plädierten plädiert bezweifelte
bezweifelten bezweifelt erinnert ruft deutet
gesagt angekündigt gefordert gewarnt bekräftigt geschrieben gemeint gefragt geantwortet geäußert gesprochen
eingeräumt vorgeschlagen angedeutet zugesichert versprochen hingewiesen angemahnt gemahnt bekanntgegeben
festgestellt angegeben zugegeben klargestellt dargelegt gedroht beteuert betont
mitzuteilen anzukündigen
nennt nannte nannten formuliert formulierte formulierten
""".split())
# Phrases that attribute a statement without a verb: "laut X", "X zufolge", "nach Angaben von X", "so X".
ATTRIBUTION_PREFIXES = ("laut", "nach angaben", "nach ansicht", "nach auffassung", "nach einschätzung",
                        "aus sicht", "according to")
# Nouns that introduce a mediating source ("berichtete die Nachrichtenagentur X").
MEDIA_NOUNS = ("nachrichtenagentur", "nachrichtenagenturen", "agentur", "zeitung", "sender", "staatsmedien",
               "medien", "news agency", "newspaper", "broadcaster")
# Words in the name of a medium ("post" is left out: in German it is the postal company as often as a paper).
MEDIA_WORDS = ("agentur", "zeitung", "sender", "medien", "rundfunk", "fernsehen", "tv", "radio", "news", "press",
               "times", "blatt", "magazin", "nachrichten", "herald", "journal", "tribune")
# Groups that speak without a name ("Experten", "Kritiker", "die Behörden").
GROUP_WORDS = ("experten", "kritiker", "beobachter", "analysten", "behörden", "vertreter", "ärzte", "forscher",
               "anwohner", "ermittler", "politiker", "experts", "critics", "officials", "analysts")
# Nouns for a statement, or where it came from, that news cites in a speaker's place ("nach Angaben",
# "laut Berichten", "einer Erklärung zufolge", "seiner Meinung nach", "aus dem Umfeld der Regierung").
SOURCE_NOUNS = frozenset("""angaben bericht berichte berichten meldung meldungen mitteilung pressemitteilung erklärung
    stellungnahme aussage aussagen ermittlungen untersuchung untersuchungen studie umfrage analyse schätzung
    schätzungen einschätzung meinung ansicht schreiben brief beschluss entscheidung ergebnis appell warnung website
    umfeld kreisen""".split())
# Offices and bodies that speak, named or not ("das Verteidigungsministerium", "die Staatsanwaltschaft").
INSTITUTION_NOUNS = ("ministerium", "behörde", "amt", "agentur", "regierung", "gericht", "kommission", "verband",
                     "verwaltung", "stiftung", "gewerkschaft", "vereinigung", "organisation", "union", "direktion",
                     "gesellschaft", "botschaft", "fraktion", "redaktion", "führung", "leitung", "vertretung",
                     "konzern", "partei", "polizei", "staatsanwaltschaft", "ministry", "agency", "department")


def is_institution(word: str) -> bool:
    """"Verteidigungsministerium", "Staatsanwaltschaft": an institution that speaks, named or not."""
    return word.casefold().endswith(INSTITUTION_NOUNS)


# Konjunktiv-I (and frequent Konjunktiv-II replacement) forms that mark reported speech.
SUBJUNCTIVE = frozenset("""
sei seien seiest habe hätten hätte werde würden würde könne könnten müsse müssten solle sollten wolle wollten
dürfe dürften möge gebe gäbe stehe stünde gehe ginge liege läge komme käme bleibe bliebe brauche handle handele
gelte gälte fehle zeige diene bestehe spiegele spiegle wisse sehe finde führe trage lasse nehme halte bringe
arbeite plane erwarte unterstütze verfüge bedeute entspreche gehöre reiche lebe wachse drohe richte sorge
""".split())
# Konjunktiv I proper (not the Konjunktiv II forms above, which also mark wishes and conditions): a
# sentence in it reports what someone said even without a reporting verb in sight.
KONJUNKTIV_I = frozenset("""
sei seien seiest werde könne müsse solle wolle dürfe möge gebe stehe gehe liege komme bleibe brauche handle
handele gelte fehle zeige diene bestehe wisse sehe finde führe trage lasse nehme halte bringe arbeite plane
erwarte bedeute entspreche gehöre reiche lebe wachse drohe richte sorge
""".split())
# Words that make a Konjunktiv a condition or a comparison, not a report ("als ob es sei").
NOT_REPORT = frozenset("wenn falls ob".split())
PRONOUNS = {"er": "m", "sie": "f", "he": "m", "she": "f"}
FIRST_PERSON = frozenset({"ich", "wir", "i", "we"})
# Every pronoun that can stand as a speaker: it names someone only once resolved.
PRONOUN_SPEAKERS = frozenset(PRONOUNS) | FIRST_PERSON | {"es", "man"}

# Endings of role nouns that stand before a name ("Regierungssprecher Jan Weber", "Präsident X").
ROLE_ENDINGS = (
    "präsident", "präsidenten", "präsidentin", "kanzler", "kanzlerin", "minister", "ministerin", "sprecher",
    "sprecherin", "chef", "chefin", "experte", "expertin", "experten", "machthaber", "herrscher", "herrscherin",
    "führer", "führerin", "professor", "professorin", "botschafter", "botschafterin", "berater", "beraterin",
    "direktor", "direktorin", "leiter", "leiterin", "general", "bürgermeister", "bürgermeisterin", "abgeordnete",
    "abgeordneter",
    "vorsitzende", "vorsitzender", "analyst", "analystin", "korrespondent", "diktator", "staatschef", "oberhaupt",
    "oberhäupter",
    "redner", "rednerin", "berichterstatter", "berichterstatterin", "vertreter", "vertreterin",
    "meister", "meisterin", "kommandant", "kommandantin", "kommissar", "kommissarin", "inspektor", "inspektorin",
    "richter", "richterin", "anwalt", "anwältin", "trainer", "trainerin", "manager", "managerin", "gründer",
    "gründerin", "redakteur", "redakteurin", "sekretär", "sekretärin", "senator", "senatorin", "gouverneur",
    "gouverneurin", "bischof", "pfarrer", "pfarrerin", "arzt", "ärztin", "ökonom", "ökonomin", "forscher",
    "forscherin", "wissenschaftler", "wissenschaftlerin", "politologe", "politologin", "historiker", "historikerin",
    "ingenieur", "ingenieurin", "architekt", "architektin", "autor", "autorin", "reporter", "reporterin",
    "journalist", "journalistin", "moderator", "moderatorin", "virologe", "virologin", "soziologe", "soziologin",
    "philosoph", "philosophin", "regisseur", "regisseurin", "schauspieler", "schauspielerin", "unternehmer",
    "unternehmerin", "aktivist", "aktivistin", "polizist", "polizistin",
    "president", "minister", "spokesman", "spokeswoman", "chancellor", "leader", "expert", "adviser", "advisor",
    "inspector", "detective", "superintendent", "sergeant", "constable", "organiser", "organizer", "director",
    "executive", "chairman", "chairwoman", "mayor", "governor", "secretary", "officer", "commissioner", "campaigner",
    "chief",
)
_ROLE_STEMS = tuple(e.rstrip("ns") for e in ROLE_ENDINGS)
# Role nouns that are also frequent surnames count only inside a compound ("Schiedsrichter",
# "Kreisbrandmeister"), not alone ("sagte Richter").
SURNAME_ROLES = frozenset({"richter", "meister", "bischof", "pfarrer"})


@word_cache(50_000)  # asked for every word of every candidate mention, by the rules and the models
def is_role_noun(word: str) -> bool:
    """"Sprecher", "Sprechers", "Ministerin", "Experten", "Ingenieure": a role noun, also in the genitive or
    plural."""
    w = word.casefold().rstrip("ns")
    if w.endswith("e") and not w.endswith(_ROLE_STEMS):
        w = w[:-1]  # the plural in -e ("Ingenieure")
    return w.endswith(_ROLE_STEMS) and w not in SURNAME_ROLES

# Function words that can start a sentence with a capital letter but never a name. (Frequency-based
# stoplists contain first names and cities, so they are no use here.)
FUNCTION_WORDS = frozenset("""
der die das des dem den ein eine einer eines einem einen und oder aber doch denn sondern als wie wenn weil dass
ob im in am an auf aus bei mit nach seit von vor zu zum zur über unter für gegen ohne um durch bis es er sie wir
ihr ich du man sich nicht auch noch nur schon so da dort hier dann damit dabei dazu darauf jetzt heute dieser
diese dieses diesem diesen jene jeder jede jedes alle viele einige mehrere kein keine seine ihre sein unser
während nachdem bevor obwohl falls sofern zudem zugleich zwar dennoch trotzdem außerdem demnach laut zufolge
the a an and or but of on at to for with by from as is was were he she they we it this that these those
""".split())


def is_speaking_noun(word: str) -> bool:
    """A noun that names who speaks without a name: a role ("Sprecherin"), an institution ("Ministerium"), a
    group ("Beobachter") or a medium ("Staatsmedien")."""
    return is_role_noun(word) or is_institution(word) or word.casefold().endswith(GROUP_WORDS + MEDIA_WORDS)
