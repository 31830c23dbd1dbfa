/**
 * The English of news attribution: reporting verbs and how each carries what was said, the addressees of "told",
 * the adverbials that sit between a verb and its clause, and the words that reveal the channel.
 */
import type { Span, SuggestionChannel } from "./types";

/** How a reporting verb relates to the words reported. */
export type VerbRole = {
  /** "said (that) Iran would…": the clause after the verb is the statement; "that-only" verbs need the "that". */
  clause: "optional-that" | "that-only" | "none";
  /** "Velayati dismissed the strikes as…": without a clause, the sentence from the speaker on is the statement. */
  objectForm: boolean;
  /** "…, the spokesman said.": the words before the speaker are the statement. */
  trailing: boolean;
  /** May attribute a quotation: "“…,” Velayati warned" / "Velayati warned: “…”". */
  quotes: boolean;
  /** "told reporters", "warned Washington that": who was addressed comes between verb and clause. */
  addressee: "required" | "optional" | "none";
  /** May come before its speaker: "“…,” said Velayati". */
  inverted: boolean;
};

const SAY: VerbRole = { clause: "optional-that", objectForm: false, trailing: true, quotes: true, addressee: "none", inverted: true };
const TELL: VerbRole = { clause: "optional-that", objectForm: false, trailing: true, quotes: true, addressee: "required", inverted: false };
// Verbs that take either a that-clause or an object: "warned that…" reports a clause, "warned of war" is a statement whole.
const ASSERT: VerbRole = { clause: "that-only", objectForm: true, trailing: true, quotes: true, addressee: "optional", inverted: true };
// Like ASSERT, but "noted the importance of…" is too weak to be a statement on its own.
const REMARK: VerbRole = { clause: "that-only", objectForm: false, trailing: true, quotes: true, addressee: "none", inverted: true };
// Opinions count only with an explicit clause: "Analysts anticipate that…", never "officials expected to…".
const OPINION: VerbRole = { clause: "that-only", objectForm: false, trailing: true, quotes: false, addressee: "none", inverted: false };
const DENOUNCE: VerbRole = { clause: "none", objectForm: true, trailing: false, quotes: true, addressee: "none", inverted: false };
const QUOTE_ONLY: VerbRole = { clause: "none", objectForm: false, trailing: false, quotes: true, addressee: "none", inverted: true };
// "was quoted by IRNA as saying (that)…": reported by others, and the subject precedes the passive.
export const QUOTED_AS_SAYING: VerbRole = { ...SAY, trailing: false, inverted: false };

// Present-tense forms that are more often nouns ("mixed signals", "the claims", "a vow") are left out on purpose.
const VERB_GROUPS: [VerbRole, string][] = [
  [SAY, "said says say added adds insisted insists insist argued argues argue claimed predicted predicts replied wrote writes stated"],
  [TELL, "told tells tell"],
  [
    ASSERT,
    "warned warns warn cautioned stressed emphasised emphasized underlined acknowledged acknowledges admitted admits conceded suggested suggests " +
      "signalled signaled confirmed confirms confirm denied denies deny announced announces reiterated reiterates declared asserted",
  ],
  [REMARK, "noted explained maintained observed recalled reported"],
  [OPINION, "believe believes anticipate anticipates anticipated expect expects fear fears feared"],
  [
    DENOUNCE,
    "accused accuses accuse dismissed dismisses dismiss condemned condemns condemn criticised criticized criticises criticizes criticise criticize " +
      "denounced denounces denounce rejected rejects reject welcomed welcomes welcome praised praises blamed blames blame hailed hails " +
      "urged urges urge demanded called vowed pledged promised threatened threatens defended defends expressed expresses described describes " +
      "slammed appealed thanked",
  ],
  [QUOTE_ONLY, "asked continued responded tweeted posted quipped joked complained"],
];

const VERB_ROLES = new Map<string, VerbRole>();
for (const [role, forms] of VERB_GROUPS) for (const form of forms.split(" ")) VERB_ROLES.set(form, role);
VERB_ROLES.set("ruled out", DENOUNCE);
VERB_ROLES.set("rules out", DENOUNCE);
// The register of state news agencies in English: "pointed out that…".
VERB_ROLES.set("pointed out", REMARK);
VERB_ROLES.set("points out", REMARK);

/** Whether a word is a reporting verb form; a speaker phrase containing one has swallowed a clause. */
export function isSpeechVerb(word: string): boolean {
  return VERB_ROLES.has(word);
}

/** How a reporting verb form carries what was said, or undefined for a word that is none. */
export function verbRoleOf(word: string): VerbRole | undefined {
  return VERB_ROLES.get(word);
}

// Lower case only: a capitalised "Said" is a sentence-initial oddity or a name, and is not worth the false matches.
const LOWERCASE_WORD = /(?<![\p{L}\p{N}’'-])\p{Ll}+(?![\p{L}\p{N}-])/gu;
const PASSIVE_BEFORE_QUOTED = /(?:was|were|has\s+been|had\s+been)\s+$/u;
const AS_SAYING_AFTER_QUOTED = /^\s+(?:by\s+[^,.;:“”"]{1,60}?\s+)?as\s+saying(?![\p{L}])/u;

export type VerbMatch = Span & { role: VerbRole; form: string };

/** The reporting verbs in [from, to): word by word, since one regex alternating over every form is slow on long texts. */
export function findSpeechVerbs(text: string, from: number, to: number): VerbMatch[] {
  const found: VerbMatch[] = [];
  const slice = text.slice(from, to);
  for (const match of slice.matchAll(LOWERCASE_WORD)) {
    const word = match[0];
    const start = from + match.index;
    let end = start + word.length;
    let role = VERB_ROLES.get(word);
    if (word === "quoted") {
      // "was quoted by IRNA as saying": the whole phrase is the cue, from the auxiliary on.
      const auxiliary = PASSIVE_BEFORE_QUOTED.exec(slice.slice(Math.max(0, match.index - 12), match.index));
      const asSaying = AS_SAYING_AFTER_QUOTED.exec(slice.slice(match.index + word.length, match.index + word.length + 80));
      if (!auxiliary || !asSaying) continue;
      found.push({ start: start - auxiliary[0].length, end: end + asSaying[0].length, role: QUOTED_AS_SAYING, form: "quoted as saying" });
      continue;
    }
    if (
      (word === "ruled" || word === "rules" || word === "pointed" || word === "points") &&
      /^\s+out(?![\p{L}])/u.test(slice.slice(match.index + word.length, match.index + word.length + 8))
    ) {
      end = text.indexOf("out", end) + "out".length;
      role = VERB_ROLES.get(`${word} out`);
    }
    // "a group called Hamas" names; "Iran called the strikes a violation" / "called for restraint" speaks.
    if (word === "called" && /^\s+\p{Lu}/u.test(slice.slice(match.index + word.length, match.index + word.length + 3))) continue;
    if (role) found.push({ start, end, role, form: text.slice(start, end) });
  }
  return found;
}

/** How far a phrase after a verb (addressee, adverbials) can reach; bounds the work on text without punctuation. */
const PHRASE_REACH = 300;

const DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const CAPITALISED_WORD = String.raw`\p{Lu}(?:[\p{L}\p{M}’'.&-]*[\p{L}\p{M}])?`;
const NAME_PARTICLE = String.raw`(?:(?:of|de|bin|bint|ibn|van|von|der)\s+)?(?:al-|el-)?`;
/** A run of capitalised words such as "the Financial Times", "Salim al-Harthy", "UN Security Council". */
export const NAME_SEQUENCE = String.raw`${CAPITALISED_WORD}(?:\s+${NAME_PARTICLE}${CAPITALISED_WORD})*`;

const MEDIA_OUTLETS = [
  "the Associated Press",
  "Agence France-Presse",
  "the Financial Times",
  "the New York Times",
  "the Washington Post",
  "the Wall Street Journal",
  "Asharq Al-Awsat",
  "Al Jazeera",
  "Al Arabiya",
  "Al-Monitor",
  "Sky News",
  "Fox News",
  "Le Monde",
  "Der Spiegel",
  "The National",
  "the Guardian",
  "the Telegraph",
  "the Economist",
  "the Times",
  "the BBC",
  "the FT",
  "Reuters",
  "Bloomberg",
  "Politico",
  "Haaretz",
  "Tasnim",
  "Xinhua",
  "Axios",
  "IRNA",
  "ISNA",
  "TASS",
  "AFP",
  "CNN",
  "BBC",
  "NPR",
  "NBC",
  "CBS",
  "ABC",
  "AP",
];
const MEDIA = [
  ...MEDIA_OUTLETS.map((outlet) => outlet.replace(/ /g, String.raw`\s+`)),
  String.raw`the\s+(?:\p{Lu}[\p{L}-]*\s+){0,3}(?:Times|Post|Journal|Guardian|Telegraph|Economist|News|Herald|Tribune|Gazette|Observer|Monitor|Review|Agency)`,
  String.raw`state\s+(?:television|TV|media|radio|news\s+agency)`,
  String.raw`(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,3}?(?:newspaper|broadcaster|television\s+channel|news\s+agency|news\s+channel|radio\s+station|podcast|magazine)`,
].join("|");

const ADDRESSEE = new RegExp(
  String.raw`\s+(?:${MEDIA}|` +
    String.raw`(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,3}?(?:press\s+conference|news\s+conference|briefing|conference|summit|meeting|audience|gathering|rally|session|forum|parliament|assembly|committee|council)|` +
    String.raw`reporters|journalists|the\s+press|lawmakers|legislators|parliament|MPs|students|supporters|diplomats|officials|him|her|them|us|me|` +
    String.raw`(?:the\s+)?${NAME_SEQUENCE})(?![\p{L}\p{N}])` +
    // "told the BBC’s Lyse Doucet"
    String.raw`(?:['’]s\s+${NAME_SEQUENCE})?`,
  "uy",
);

/** Who "told" or "warned" addressed, directly after the verb: "reporters", "a weekly press conference", "the Financial Times". */
export function matchAddressee(text: string, position: number, limit: number): Span | null {
  // Matched within the clause only, so that a run of capitalised words cannot continue past it.
  ADDRESSEE.lastIndex = 0;
  const match = ADDRESSEE.exec(text.slice(position, Math.min(limit, position + PHRASE_REACH)));
  if (!match) return null;
  return { start: position + (match[0].length - match[0].trimStart().length), end: position + match[0].length };
}

const ADVERBIAL = new RegExp(
  String.raw`\s*,?\s*(?:` +
    [
      String.raw`(?:late\s+|early\s+)?on\s+(?:${DAYS})(?:\s+(?:morning|afternoon|evening|night))?`,
      String.raw`(?:last|this|next)\s+(?:week|month|year|weekend|${DAYS})`,
      String.raw`(?:earlier|later|again|also|yesterday|today|tonight|recently|previously|publicly|privately|separately|repeatedly|once\s+again)`,
      String.raw`in\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,3}?(?:statement|interview|speech|address|post|message|letter|briefing|broadcast|communiqu[eé]|report|document|filing|note|memo|video)(?:\s+(?:with|to|on)\s+(?:the\s+)?${NAME_SEQUENCE})?(?:\s+(?:seen|obtained|reviewed)\s+by\s+(?:[\p{L}-]+\s+){0,2}?(?:journalists|reporters|Reuters|the\s+Associated\s+Press|AFP|${NAME_SEQUENCE}))?`,
      String.raw`in\s+(?:response|reply)\s+to\s+(?:a\s+)?(?:questions?|requests?\s+for\s+comment)(?:\s+from\s+(?:the\s+)?${NAME_SEQUENCE})?`,
      String.raw`(?:after|before|during)\s+the\s+(?:meeting|talks|session|call|visit)`,
      String.raw`at\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,3}?(?:press\s+conference|news\s+conference|conference|briefing|summit|meeting|rally|forum|session|ceremony|event|gathering)`,
      String.raw`on\s+(?:X|Twitter|Telegram|Instagram|Facebook|social\s+media|state\s+(?:television|TV|media|radio)|television|TV|radio)`,
      String.raw`on\s+condition\s+of\s+anonymity`,
      String.raw`in\s+${NAME_SEQUENCE}`,
    ].join("|") +
    String.raw`)(?![\p{L}\p{N}])`,
  "uy",
);

/** Skips time, place and channel phrases after a verb ("said on Monday in a statement"), returning where they end. */
export function skipAdverbials(text: string, position: number, limit: number): number {
  const clause = text.slice(position, Math.min(limit, position + PHRASE_REACH));
  let end = 0;
  for (;;) {
    ADVERBIAL.lastIndex = end;
    const match = ADVERBIAL.exec(clause);
    if (!match || match[0].length === 0) return position + end;
    end += match[0].length;
  }
}

const TRAILING_ADVERBIALS = [
  new RegExp(String.raw`\s+(?:late\s+|early\s+)?on\s+(?:${DAYS})(?:\s+(?:morning|afternoon|evening|night))?$`, "u"),
  /\s+(?:last|this)\s+(?:week|month|year|weekend)$/u,
  /\s+(?:earlier|later|yesterday|today|recently|on condition of anonymity)$/u,
  /\s+in\s+(?:a|an|the)\s+(?:\S+\s+){0,3}?(?:statement|interview|speech|briefing|post|message)(?:\s+(?:with|to|on)\s+.+)?$/u,
  /\s+at\s+(?:a|an|the)\s+(?:\S+\s+){0,3}?(?:conference|briefing|summit|meeting|rally|forum|session)$/u,
];

/** Removes time and channel phrases from the end of a speaker phrase ("Velayati on Monday" → "Velayati"). */
export function stripTrailingAdverbials(phrase: string): string {
  let stripped = phrase;
  for (let changed = true; changed;) {
    changed = false;
    for (const pattern of TRAILING_ADVERBIALS) {
      const match = pattern.exec(stripped);
      if (match) {
        stripped = stripped.slice(0, match.index);
        changed = true;
      }
    }
  }
  return stripped;
}

const TOLD_MEDIA = new RegExp(String.raw`\b(?:told|speaking\s+to|in\s+remarks\s+to)\s+(?:${MEDIA})(?![\p{L}\p{N}])`, "iu");
const ACCORDING_TO_MEDIA = new RegExp(String.raw`according\s+to\s+(?:${MEDIA}|media\s+reports)(?![\p{L}\p{N}])`, "u");

/** The channel the attribution words reveal, if any; "told reporters" alone says nothing about the setting. */
export function channelOf(attribution: string): SuggestionChannel | undefined {
  if (/\b(?:press|news)\s+(?:conference|briefing)|\bbriefing\b|\bpress\s+availability\b/i.test(attribution)) return "PRESS_CONFERENCE";
  if (/\binterview/i.test(attribution) || TOLD_MEDIA.test(attribution)) return "INTERVIEW";
  if (/\bstatement\b|\bcommuniqu[eé]|\breadout\b|\btelevised\s+(?:address|speech)|\baddress\s+to\s+the\s+nation/i.test(attribution))
    return "OFFICIAL_STATEMENT";
  if (/\bquoted\s+by\b/i.test(attribution) || ACCORDING_TO_MEDIA.test(attribution)) return "REPORTED_BY_OTHERS";
  return undefined;
}

/** Opening words of a comma-separated chunk that is scene-setting, not a speaker ("On Monday,", "In Tehran,"). */
export const ADVERBIAL_OPENER =
  /^(?:on|in|at|during|after|before|since|when|while|whilst|although|though|despite|however|meanwhile|earlier|later|last|this|yesterday|today|separately|speaking|asked|also|still|instead|indeed|moreover|nevertheless|overnight|late|early|for|following|amid|as|under|over|within|by|through|if|once|until|unlike|like|with|without|from|according|january|february|march|april|may|june|july|august|september|october|november|december)(?![\p{L}\p{N}])/iu;

/** Nouns that head a speaker phrase: "Iran’s foreign ministry spokesman", "two Gulf diplomats", "Arab governments". */
export const SPEAKER_NOUNS = new Set(
  (
    "spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople minister ministers ministry ministries official officials " +
    "diplomat diplomats government governments leader leaders leadership president presidency adviser advisers advisor advisors " +
    "envoy envoys ambassador ambassadors source sources analyst analysts expert experts observer observers commander commanders " +
    "chief chiefs secretary secretary-general negotiator negotiators military army office agency administration cabinet parliament lawmaker lawmakers " +
    "legislator legislators mp mps regime authorities authority media newspaper broadcaster embassy council mission delegation " +
    "representative representatives aide aides people critics residents witnesses activists group movement party forces guards " +
    "king prince emir sheikh monarch premier chancellor general researcher researchers professor director head officer officers ally allies insiders daily " +
    "department committee commission organisation organization union alliance coalition bloc command " +
    // People who speak in news as a group: "three brokers said", "Displaced families in Jabalia said".
    "traders trader brokers broker shipbrokers underwriters insurers bankers banker investors economists economist engineers engineer " +
    "executives executive doctors doctor medics nurses teachers students workers villagers refugees survivors relatives neighbours " +
    "families farmers protesters demonstrators voters citizens journalists lawyers lawyer judges judge prosecutors prosecutor " +
    "investigators inspectors monitors scientists scholars clerics founder politicians politician " +
    // Institutions that publish figures and statements: "according to the central bank".
    "bank fund programme program institute court company firm consultancy watchdog regulator operator manufacturer manufacturers " +
    "producer producers exporter exporters agencies organisations organizations groups companies banks"
  ).split(" "),
);

/** Words that name an institution, never one person: "the European Commission" is not a "she". */
export const INSTITUTION_WORDS = new Set(
  (
    "commission ministry agency council programme program organisation organization authority bank fund forces army office department " +
    "committee union court parliament assembly government party movement group institute university company corporation mission " +
    "embassy administration navy police guard guards service services network station newspaper agency's ministry's"
  ).split(" "),
);

/** The subset of speaker nouns that name one person, so that "he" or "she" can refer back to them. */
export const PERSON_NOUNS = new Set(
  (
    "spokesman spokeswoman spokesperson minister official diplomat leader president adviser advisor envoy ambassador analyst expert " +
    "observer commander chief secretary secretary-general negotiator lawmaker legislator mp representative aide king prince emir sheikh monarch premier " +
    "chancellor general researcher professor director head officer source mother father wife husband son daughter sister brother " +
    "widow woman man cleric pharmacist teacher engineer doctor lawyer"
  ).split(" "),
);

/** Words that cannot sit inside a speaker phrase: verbs, relative pronouns, subordinators. */
export const NON_SPEAKER_WORDS = new Set(
  (
    "is are was were will would has have had can could may might must should do does did not never say says said told tell tells " +
    "who whom which whose what that when if because while although than there it they we i you he she this these those " +
    // "…, an allegation Israel denies": the reporter's aside, not a speaker.
    "allegation allegations accusation accusations claim claims charge charges"
  ).split(" "),
);

/** Words that are capitalised at the start of a sentence yet never name a speaker. */
export const FUNCTION_WORDS = new Set("some many others most all both each several few one none such another any".split(" "));

export const PREPOSITIONS = new Set(
  "to of for at in on with from by under near inside within about against among between over across".split(" "),
);

export type Gender = "FEMALE" | "MALE";

// Given names common in the news this tool reads (English, European, Arabic, Persian, Hebrew, Turkish), by the
// gender they usually signal. Names used for both (Nour is mostly female, Deniz and Jean are not listed for that
// reason) stay out: a pronoun is better left unresolved than resolved by a guess.
const FEMALE_NAMES =
  "mary maryam mariam maria marie marta martha anna ana anne ann hannah sarah sara rachel rebecca leah esther ruth naomi tamar yael noa michal " +
  "shira ayelet orly tzipi golda miri fatima fatemeh zahra zainab zeinab zaynab aisha ayesha khadija amina amira yasmin yasmine jasmine leila " +
  "layla laila nour noor rana rania reem rima huda hoda hanan hana hala dina dalia lina lama maha mona muna nadia nadine nawal samira sawsan " +
  "suha salma sana sanaa iman eman asma abeer basma ghada hiba heba jumana lubna manal nisreen nesrine rasha rawan ruba safa samar shirin " +
  "shireen tahani wafa widad yara zeina lamia nahid nasrin parisa parvin roya shahla simin soraya mahsa narges neda azadeh afsaneh elham " +
  "farah faezeh golnaz ladan mahnaz marzieh masoumeh minoo mojgan nazanin niloufar sepideh sima taraneh ziba elif ayse ayşe fatma emine " +
  "zeynep hatice merve esra özlem ozlem aylin helga karen linda claire claudia catherine katherine kate kathryn elizabeth margaret susan " +
  "jennifer jessica emily emma olivia sophie sophia julia julie laura lauren lisa angela angelika ursula annalena christine christina " +
  "kristina nicola nicole caroline charlotte victoria alice helen helena ellen eleanor jane janet joan judith kamala hillary condoleezza " +
  "madeleine samantha nikki nancy barbara patricia ines inès isabel isabelle ingrid agnes kaja federica giorgia marine valérie sylvie " +
  "nathalie amélie marianne maja eva irina olga natalia natalya tatiana svetlana lyse penny priti yvette diane diana " +
  "carol carole sharon deborah donna michelle melissa amy anna-lena kirsten birgit heike sabine parvaneh";
const MALE_NAMES =
  "john james robert michael william david richard joseph thomas charles daniel matthew mark paul peter george steven stephen kevin brian " +
  "edward ronald anthony donald joe jake antony tony tom ben benjamin jonathan lloyd keir rishi boris emmanuel olaf friedrich josep pierre " +
  "françois francois nicolas vladimir sergei sergey dmitry mikhail nikolai ivan recep mevlüt mevlut hakan ahmet mehmet mustafa ali hassan " +
  "hasan hussein husayn hossein hussam mohammad mohammed muhammad mohamed mahmoud mahmud ahmad ahmed omar umar khalid khaled abdullah " +
  "abdel abdul abdulaziz abdulrahman abdulkhaleq faisal fahd salman sultan saud turki nasser naser jassim jasem hamad hamid hamed majid " +
  "majed javad jawad reza mohammad-reza hamid-reza ali-akbar abbas ebrahim ibrahim ismail esmaeil esmail yousef yusuf youssef yahya zakaria " +
  "saeed saleh salim salem sami samir tarek tariq walid waleed ayman amr amir ammar anwar bashar bassam fadi fouad fuad ghassan habib hadi " +
  "haidar haider hamza hani hisham imad issa jamal jamil kamal karim kareem khalil mahdi mehdi marwan mazen michel mohsen mojtaba morteza " +
  "mostafa nabil najib nabih nawaf nizar osama qasem qassem rafik rafic raed ramzi riad riyad sadegh sadiq saad shadi tamim wael yasser " +
  "yasir younes yunus ziad ziyad masoud massoud kazem kamran behrouz bijan dariush davoud farhad fereydoun gholam hamidreza iraj jafar " +
  "kaveh kourosh mehran mehrdad nader parviz payam ramin rostam shahram siamak vahid benny bezalel itamar yair yoav gideon moshe avi " +
  "avigdor naftali isaac yitzhak ehud ariel amos elie georges nikos vasilis abdulkarim abdelfattah";
const FEMALE_WORDS =
  "woman spokeswoman chairwoman congresswoman businesswoman mother grandmother wife widow daughter sister aunt niece girl queen princess " +
  "actress mrs mrs. ms ms. miss madam lady dame sheikha";
const MALE_WORDS =
  "man spokesman chairman congressman businessman father grandfather husband son brother uncle nephew boy king prince emir sheikh sir lord " +
  "mr mr. ayatollah sayyid";

const GENDER_OF_WORD = new Map<string, Gender>();
const GIVEN_NAMES = new Set<string>();
for (const [gender, names, words] of [
  ["FEMALE", FEMALE_NAMES, FEMALE_WORDS],
  ["MALE", MALE_NAMES, MALE_WORDS],
] as const) {
  for (const name of names.split(" ")) {
    GENDER_OF_WORD.set(name, gender);
    GIVEN_NAMES.add(name);
  }
  for (const word of words.split(" ")) GENDER_OF_WORD.set(word, gender);
}

/** Whether a capitalised word is a given name this module knows (so that "Omar Jassim" is a person). */
export function isGivenName(word: string): boolean {
  return GIVEN_NAMES.has(word.toLowerCase());
}

/** The gender the words signal (a given name, a title, a gendered noun), or null when they signal none or both. */
export function genderOfWords(words: string): Gender | null {
  let found: Gender | null = null;
  for (const word of words.toLowerCase().split(/[^\p{L}.-]+/u)) {
    const gender = GENDER_OF_WORD.get(word) ?? GENDER_OF_WORD.get(word.replace(/\.$/, ""));
    if (!gender) continue;
    if (found && found !== gender) return null;
    found = gender;
  }
  return found;
}
