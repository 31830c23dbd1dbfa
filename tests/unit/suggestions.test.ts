import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { suggestStatements, type KnownActor, type StatementSuggestion } from "@/lib/suggestions/extract-statements";

const root = path.resolve(import.meta.dirname, "../..");
const readText = (relative: string) => readFileSync(path.join(root, relative), "utf8");

/** Every suggestion points at exact characters, has a speaker, and none overlaps the next. */
function expectWellFormed(text: string, suggestions: StatementSuggestion[]) {
  for (const suggestion of suggestions) {
    expect(text.slice(suggestion.startOffset, suggestion.endOffset)).toBe(suggestion.quote);
    expect(suggestion.quote.trim()).toBe(suggestion.quote);
    expect(suggestion.speakerText.trim()).not.toBe("");
    expect(suggestion.cue.trim()).not.toBe("");
  }
  for (let i = 1; i < suggestions.length; i++) {
    expect(suggestions[i]!.startOffset).toBeGreaterThanOrEqual(suggestions[i - 1]!.endOffset);
  }
}

/** The one suggestion whose quote starts with these words. */
function suggestionStarting(suggestions: StatementSuggestion[], words: string): StatementSuggestion {
  const found = suggestions.filter((suggestion) => suggestion.quote.startsWith(words));
  expect(found, `one suggestion starting “${words}”`).toHaveLength(1);
  return found[0]!;
}

describe("suggestStatements on the seed article (FT, 28 October 2024)", () => {
  const text = readText("seeds/ft-2024-10-28-iran-open-to-western-ties.txt");
  const actors: KnownActor[] = [
    { id: "velayati", name: "Ali Akbar Velayati", kind: "PERSON", office: "Adviser to the Supreme Leader; former foreign minister" },
    { id: "khamenei", name: "Ali Khamenei", kind: "PERSON", office: "Supreme Leader of Iran" },
    { id: "pezeshkian", name: "Masoud Pezeshkian", kind: "PERSON", office: "President of Iran" },
    { id: "baghaei", name: "Esmaeil Baghaei", kind: "PERSON", office: "Foreign ministry spokesman" },
    { id: "arab-governments", name: "Arab governments", kind: "GROUP" },
    { id: "diplomat", name: "Senior western diplomat in Tehran", kind: "PERSON", aliases: ["a senior western diplomat in Tehran"] },
    { id: "israel", name: "Israel", kind: "GOVERNMENT" },
    { id: "united-states", name: "United States", kind: "GOVERNMENT" },
    { id: "iran", name: "Iran", kind: "GOVERNMENT" },
  ];
  const suggestions = suggestStatements(text, actors);

  it("returns well-formed suggestions in text order", () => {
    expectWellFormed(text, suggestions);
  });

  it("attributes “…,” Velayati said and “…,” said Velayati", () => {
    expect(suggestionStarting(suggestions, "The Islamic Republic is open to co-operation with any western state")).toMatchObject({
      form: "DIRECT_QUOTE",
      speakerText: "Velayati",
      speakerId: "velayati",
      cue: "said",
      quote:
        "The Islamic Republic is open to co-operation with any western state that seeks genuine interaction with Iran, provided it respects Iran’s sovereignty and treats us as an equal",
    });
    expect(suggestionStarting(suggestions, "What [US President Joe] Biden says quietly")).toMatchObject({
      form: "DIRECT_QUOTE",
      speakerId: "velayati",
      cue: "said",
    });
  });

  it("reads the channel from “…” Esmaeil Baghaei told a weekly press conference", () => {
    expect(suggestionStarting(suggestions, "Contacts are constantly being made")).toMatchObject({
      form: "DIRECT_QUOTE",
      speakerText: "Esmaeil Baghaei",
      speakerId: "baghaei",
      channel: "PRESS_CONFERENCE",
      cue: "told a weekly press conference",
    });
  });

  it("resolves “…,” he said to the person named just before", () => {
    expect(suggestionStarting(suggestions, "In its role as a warmongering entity")).toMatchObject({
      form: "DIRECT_QUOTE",
      speakerText: "he",
      speakerId: "velayati",
    });
  });

  it("matches an unnamed source to the known actor it describes", () => {
    expect(suggestionStarting(suggestions, "Iranian officials tell us that Europe left Iran no choice")).toMatchObject({
      form: "DIRECT_QUOTE",
      speakerText: "a senior western diplomat in Tehran",
      speakerId: "diplomat",
    });
  });

  it("carries a speaker over to the quotation that continues their remarks", () => {
    expect(suggestionStarting(suggestions, "We are actively redefining a new balance")).toMatchObject({
      form: "DIRECT_QUOTE",
      speakerId: "velayati",
    });
    expect(suggestionStarting(suggestions, "But Iran’s relations with Europe can improve")).toMatchObject({
      form: "DIRECT_QUOTE",
      speakerId: "diplomat",
    });
    expect(suggestionStarting(suggestions, "We don’t believe in US goodwill.")).toMatchObject({
      form: "DIRECT_QUOTE",
      speakerId: "velayati",
    });
  });

  it("finds every direct quotation in the article, and no quoted fragment on its own", () => {
    const quotationsInArticle = [
      "The Islamic Republic is open",
      "We are actively redefining",
      "Contacts are constantly being made",
      "In its role as a warmongering entity",
      "We have never started any wars",
      "Iranian officials tell us",
      "But Iran’s relations with Europe",
      "What [US President Joe] Biden",
      "We don’t believe in US goodwill",
    ];
    const direct = suggestions.filter((suggestion) => suggestion.form === "DIRECT_QUOTE");
    expect(direct.map((suggestion) => quotationsInArticle.find((start) => suggestion.quote.startsWith(start)))).toEqual(
      quotationsInArticle,
    );
    // “open”, “unconditional” and “much ado about nothing” sit inside reported speech, which is the statement.
    expect(suggestions.filter((suggestion) => ["open", "unconditional", "much ado about nothing"].includes(suggestion.quote))).toEqual([]);
  });

  it("reads reported speech: the clause after said/told, or the sentence from the subject for condemned/dismissed/signalled", () => {
    expect(suggestionStarting(suggestions, "Arab governments condemned Israel’s actions")).toMatchObject({
      form: "PARAPHRASE",
      speakerText: "Arab governments",
      speakerId: "arab-governments",
      cue: "condemned",
      quote:
        "Arab governments condemned Israel’s actions, warning that sustained confrontation between Iran and Israel risked destabilising the region further",
    });
    expect(suggestionStarting(suggestions, "the Islamic republic was reassessing its foreign policy")).toMatchObject({
      form: "PARAPHRASE",
      speakerText: "Ali Akbar Velayati",
      speakerId: "velayati",
      channel: "INTERVIEW",
      cue: "told the Financial Times",
    });
    expect(suggestionStarting(suggestions, "the country reserved the right to respond")).toMatchObject({
      form: "PARAPHRASE",
      speakerText: "Iran’s leadership",
      speakerId: "iran",
      quote: "the country reserved the right to respond and will do so at an appropriate time",
    });
    expect(suggestionStarting(suggestions, "Khamenei signalled a measured response")).toMatchObject({
      form: "PARAPHRASE",
      speakerId: "khamenei",
      cue: "signalled",
    });
    expect(suggestionStarting(suggestions, "Velayati dismissed the Israeli strikes")).toMatchObject({
      form: "PARAPHRASE",
      speakerId: "velayati",
      quote: "Velayati dismissed the Israeli strikes as “much ado about nothing” and accused Israel of fuelling regional instability",
    });
  });

  it("matches “Iran’s foreign ministry spokesman” to the one actor holding that office", () => {
    expect(suggestionStarting(suggestions, "Tehran would continue its diplomatic efforts")).toMatchObject({
      form: "PARAPHRASE",
      speakerText: "Iran’s foreign ministry spokesman",
      speakerId: "baghaei",
      cue: "said",
    });
  });

  it("does not take a name inside a description for the speaker (an adviser to Khamenei is not Khamenei)", () => {
    expect(suggestionStarting(suggestions, "Iran is “open” to co-operation with western states")).toMatchObject({
      form: "PARAPHRASE",
      speakerText: "A senior adviser to Iran’s supreme leader Ayatollah Ali Khamenei",
      speakerId: null,
    });
  });

  it("works with the seed's own actor list, whose names carry bracketed notes", () => {
    const seedActors = (
      JSON.parse(readText("seeds/actors.json")) as { slug: string; name: string; kind: KnownActor["kind"]; office: string | null }[]
    ).map((actor) => ({ id: actor.slug, name: actor.name, kind: actor.kind, office: actor.office }));
    const withSeedActors = suggestStatements(text, seedActors);
    expect(suggestionStarting(withSeedActors, "Iranian officials tell us").speakerId).toBe("senior-western-diplomat-tehran");
    expect(suggestionStarting(withSeedActors, "the country reserved the right").speakerId).toBe("iranian-leadership");
    expect(suggestionStarting(withSeedActors, "Western diplomats in Tehran confirm").speakerId).toBe("western-diplomats-tehran");
  });
});

describe("suggestStatements on an article it was not written for", () => {
  // An invented Reuters-style report: fictional officials, straight and curly quotes.
  const text = readText("tests/fixtures/test-article-gulf-talks.txt");
  const actors: KnownActor[] = [
    { id: "rashed", name: "Khalid al-Rashed", kind: "PERSON", office: "Deputy foreign minister of Saudi Arabia" },
    { id: "tavakoli", name: "Maryam Tavakoli", kind: "PERSON", office: "Foreign ministry spokeswoman" },
    { id: "saudi-arabia", name: "Saudi Arabia", kind: "GOVERNMENT", aliases: ["the kingdom", "Riyadh"] },
    { id: "iran", name: "Iran", kind: "GOVERNMENT", aliases: ["Tehran"] },
    { id: "united-states", name: "United States", kind: "GOVERNMENT", aliases: ["Washington", "the US"] },
    { id: "oman", name: "Oman", kind: "GOVERNMENT" },
  ];
  const suggestions = suggestStatements(text, actors);

  it("returns well-formed suggestions", () => {
    expectWellFormed(text, suggestions);
  });

  it("suggests the expected statements, in order", () => {
    expect(
      suggestions.map(({ form, quote, speakerText, speakerId, channel, cue }) => ({ form, quote, speakerText, speakerId, channel, cue })),
    ).toEqual([
      {
        form: "PARAPHRASE",
        quote: "Saudi Arabia and Iran will resume talks on maritime security next month",
        speakerText: "officials from both countries",
        speakerId: null,
        channel: undefined,
        cue: "said",
      },
      {
        form: "DIRECT_QUOTE",
        quote: "We have agreed to meet in Muscat in April and to keep the channels open at every level",
        speakerText: "Saudi deputy foreign minister Khalid al-Rashed",
        speakerId: "rashed",
        channel: undefined, // "told reporters" says nothing about the setting
        cue: "told reporters",
      },
      {
        form: "DIRECT_QUOTE",
        quote: "Nobody in this region benefits from another war.",
        speakerText: "Saudi deputy foreign minister Khalid al-Rashed",
        speakerId: "rashed",
        channel: undefined,
        cue: "told reporters",
      },
      {
        form: "PARAPHRASE",
        quote: "the kingdom expected the talks to cover shipping lanes, the exchange of detainees and a hotline between the two navies",
        speakerText: "Al-Rashed",
        speakerId: "rashed",
        channel: undefined,
        cue: "said",
      },
      {
        form: "PARAPHRASE",
        quote: 'foreign ministry spokeswoman Maryam Tavakoli welcomed what she called "a sincere step" by the kingdom',
        speakerText: "foreign ministry spokeswoman Maryam Tavakoli",
        speakerId: "tavakoli",
        channel: undefined,
        cue: "welcomed",
      },
      {
        form: "PARAPHRASE",
        quote: "Iran would send a delegation led by a deputy foreign minister",
        speakerText: "she",
        speakerId: "tavakoli",
        channel: "PRESS_CONFERENCE",
        cue: "told a weekly press conference",
      },
      {
        form: "DIRECT_QUOTE",
        quote: "Security in the Gulf must be provided by the countries of the Gulf, not by foreign fleets",
        speakerText: "she",
        speakerId: "tavakoli",
        channel: undefined,
        cue: "said",
      },
      {
        form: "DIRECT_QUOTE",
        quote: "Our neighbours know that we are ready.",
        speakerText: "she",
        speakerId: "tavakoli",
        channel: undefined,
        cue: "said",
      },
      {
        form: "PARAPHRASE",
        quote: "Oman will host the first round at a government guest house outside the capital",
        speakerText: "two Gulf diplomats briefed on the preparations",
        speakerId: null,
        channel: undefined,
        cue: "According to",
      },
      {
        form: "PARAPHRASE",
        quote: "his country was “honoured to help two brothers talk to each other”",
        speakerText: "Salim al-Harthy", // the name, not its apposition "Oman’s foreign minister"
        speakerId: null,
        channel: undefined,
        cue: "said",
      },
      {
        form: "DIRECT_QUOTE",
        quote: "It is a good start, but only a start",
        speakerText: "Hassan Karimi",
        speakerId: null, // named but unknown: the analyst may create the actor
        channel: undefined,
        cue: "said",
      },
      {
        form: "PARAPHRASE",
        quote: "hardliners in both capitals would watch the talks closely",
        speakerText: "Hassan Karimi", // "He", referring to an unknown person, takes that person's name
        speakerId: null,
        channel: undefined,
        cue: "said",
      },
      {
        form: "PARAPHRASE",
        quote: "Washington accused Tehran of using the talks to ease pressure over its nuclear programme",
        speakerText: "Washington",
        speakerId: "united-states",
        channel: undefined,
        cue: "accused",
      },
      {
        form: "PARAPHRASE",
        quote: 'A senior Saudi official dismissed that view as "a misreading of the region"',
        speakerText: "A senior Saudi official",
        speakerId: null,
        channel: undefined,
        cue: "dismissed",
      },
      {
        form: "DIRECT_QUOTE",
        quote: "We will judge Iran by its actions, not its words",
        speakerText: "A senior Saudi official", // "the official" refers back to the one just described
        speakerId: null,
        channel: "INTERVIEW",
        cue: "told the Financial Times",
      },
      {
        form: "PARAPHRASE",
        quote: "the talks would not cover the country’s nuclear programme",
        speakerText: "Iran’s foreign ministry spokeswoman",
        speakerId: "tavakoli",
        channel: undefined,
        cue: "said",
      },
      {
        form: "PARAPHRASE",
        quote: 'it "fully supports" the dialogue and stood ready to help',
        speakerText: "Qatar’s foreign ministry",
        speakerId: null,
        channel: "OFFICIAL_STATEMENT",
        cue: "said in a statement",
      },
    ]);
  });

  it("suggests nothing for a quotation nobody is said to have said", () => {
    expect(text).toContain("“A new chapter.”");
    expect(suggestions.some((suggestion) => suggestion.quote.includes("A new chapter"))).toBe(false);
  });
});

describe("suggestStatements on short texts", () => {
  const actors: KnownActor[] = [
    { id: "velayati", name: "Ali Akbar Velayati", kind: "PERSON" },
    { id: "khamenei", name: "Ali Khamenei", kind: "PERSON" },
    { id: "iran", name: "Iran", kind: "GOVERNMENT" },
    { id: "israel", name: "Israel", kind: "GOVERNMENT" },
  ];
  const suggest = (text: string) => suggestStatements(text, actors);
  const only = (text: string) => {
    const suggestions = suggest(text);
    expectWellFormed(text, suggestions);
    expect(suggestions).toHaveLength(1);
    return suggestions[0]!;
  };

  it("returns nothing for empty text or text without quotations or reporting verbs", () => {
    expect(suggest("")).toEqual([]);
    expect(suggest("  \n\n ")).toEqual([]);
    expect(
      suggest("Israel launched a retaliatory air assault early on Saturday morning.\n\nThe strikes targeted military installations."),
    ).toEqual([]);
  });

  it("handles a quotation introduced after its speaker, with straight or curly marks", () => {
    expect(only('Velayati said: "We are ready for anything."')).toMatchObject({
      form: "DIRECT_QUOTE",
      quote: "We are ready for anything.",
      speakerId: "velayati",
      cue: "said",
    });
    expect(only("Velayati said that “the region is on fire.”")).toMatchObject({
      form: "DIRECT_QUOTE",
      quote: "the region is on fire.",
      speakerId: "velayati",
    });
    expect(only("According to Velayati, “the US cannot be trusted.”")).toMatchObject({
      form: "DIRECT_QUOTE",
      speakerId: "velayati",
      cue: "According to",
    });
  });

  it("attributes both halves of a quotation split by its attribution", () => {
    const suggestions = suggest("“We are open,” Velayati said, “but only to those who respect us.”");
    expect(suggestions.map((suggestion) => [suggestion.quote, suggestion.speakerId])).toEqual([
      ["We are open", "velayati"],
      ["but only to those who respect us.", "velayati"],
    ]);
  });

  it("reads according to X at either end of a sentence, and a statement as the channel", () => {
    expect(only("According to Iran, the talks will resume next week.")).toMatchObject({
      form: "PARAPHRASE",
      quote: "the talks will resume next week",
      speakerId: "iran",
    });
    expect(only("The talks will resume next week, according to a statement from the Saudi foreign ministry.")).toMatchObject({
      quote: "The talks will resume next week",
      speakerText: "the Saudi foreign ministry",
      speakerId: null,
      channel: "OFFICIAL_STATEMENT",
    });
  });

  it("reads reported speech after warned that / said on Monday / was quoted as saying", () => {
    expect(only("Khamenei warned that Israel would regret the attack.")).toMatchObject({
      form: "PARAPHRASE",
      quote: "Israel would regret the attack",
      speakerId: "khamenei",
      cue: "warned",
    });
    expect(only("Velayati said on Monday in a statement that Iran sought peace with its neighbours.")).toMatchObject({
      quote: "Iran sought peace with its neighbours",
      channel: "OFFICIAL_STATEMENT",
    });
    expect(only("Velayati was quoted by IRNA as saying that Iran would not negotiate under pressure.")).toMatchObject({
      quote: "Iran would not negotiate under pressure",
      speakerId: "velayati",
      channel: "REPORTED_BY_OTHERS",
    });
    expect(only("Iran would respond at a time of its choosing, Velayati said.")).toMatchObject({
      quote: "Iran would respond at a time of its choosing",
      speakerId: "velayati",
    });
  });

  it("tells interviews from remarks to reporters", () => {
    expect(only("“We will respond,” Velayati told Reuters.").channel).toBe("INTERVIEW");
    expect(only("“We will respond,” Velayati told reporters.").channel).toBeUndefined();
  });

  it("does not read denials, refusals or passives as statements", () => {
    expect(
      suggest(
        "Israel did not say whether it would respond. The statement was condemned by Iran. Velayati declined to comment on the report.",
      ),
    ).toEqual([]);
  });

  it("drops a pronoun with nobody to refer to, and looks back no further than the previous paragraph", () => {
    expect(suggest("“We are ready,” he said.")).toEqual([]);
    expect(suggest("Velayati spoke first.\n\nThe meeting lasted an hour.\n\nNothing was agreed.\n\n“We are ready,” he said.")).toEqual([]);
    expect(only("Velayati spoke first.\n\n“We are ready,” he said.")).toMatchObject({ speakerText: "he", speakerId: "velayati" });
  });

  it("does not guess between two people sharing a surname, nor between two holders of an office", () => {
    const twoKhameneis: KnownActor[] = [...actors, { id: "mojtaba", name: "Mojtaba Khamenei", kind: "PERSON" }];
    expect(suggestStatements("“We are ready,” Khamenei said.", twoKhameneis)[0]).toMatchObject({
      speakerText: "Khamenei",
      speakerId: null,
    });
    const twoSpokesmen: KnownActor[] = [
      { id: "a", name: "Esmaeil Baghaei", kind: "PERSON", office: "Foreign ministry spokesman" },
      { id: "b", name: "Oren Marmorstein", kind: "PERSON", office: "Foreign ministry spokesman" },
    ];
    expect(suggestStatements("The foreign ministry spokesman said the talks had failed.", twoSpokesmen)[0]).toMatchObject({
      speakerId: null,
    });
    expect(suggestStatements("The foreign ministry spokesman said the talks had failed.", twoSpokesmen.slice(0, 1))[0]).toMatchObject({
      speakerId: "a",
    });
  });
});

describe("datelines", () => {
  it("attributes a story's first quotation after a dateline such as “TEHRAN —” or “RIYADH (Reuters) -”", () => {
    const actors = [{ id: "velayati", name: "Ali Akbar Velayati", kind: "PERSON" as const }];
    for (const dateline of ["Tehran — ", "RIYADH (Reuters) - "]) {
      const text = `${dateline}“We are ready to talk to Europe as equals,” Velayati said on Tuesday, adding that sanctions must end first.`;
      const [suggestion] = suggestStatements(text, actors);
      expect(suggestion).toMatchObject({ quote: "We are ready to talk to Europe as equals", speakerId: "velayati", form: "DIRECT_QUOTE" });
      expect(text.slice(suggestion!.startOffset, suggestion!.endOffset)).toBe(suggestion!.quote);
    }
  });
});

describe("a quotation, its reporting clause and a second quotation (issue #13: they were merged into one paraphrase)", () => {
  const actors: KnownActor[] = [{ id: "araghchi", name: "Abbas Araghchi", kind: "PERSON", office: "Foreign minister of Iran" }];
  const suggest = (text: string) => {
    const suggestions = suggestStatements(text, actors);
    expectWellFormed(text, suggestions);
    return suggestions.map(({ form, quote, speakerText, speakerId }) => ({ form, quote, speakerText, speakerId }));
  };

  it("keeps reported speech before a quotation apart from the quotation and its attribution", () => {
    for (const [open, close] of [
      ['"', '"'],
      ["“", "”"],
    ]) {
      const text = `Araghchi warned the West against new sanctions, ${open}We are ready to talk,${close} the minister said. ${open}But not under threats.${close}`;
      expect(suggest(text)).toEqual([
        { form: "PARAPHRASE", quote: "Araghchi warned the West against new sanctions", speakerText: "Araghchi", speakerId: "araghchi" },
        // "the minister" refers back to the one foreign minister named before
        { form: "DIRECT_QUOTE", quote: "We are ready to talk", speakerText: "the minister", speakerId: "araghchi" },
        { form: "DIRECT_QUOTE", quote: "But not under threats.", speakerText: "the minister", speakerId: "araghchi" },
      ]);
    }
  });

  it("does not let a clause after “said” run on into a quotation with its own attribution", () => {
    const text = `Araghchi said Iran was ready, "We are ready to talk," the minister said. "But not under threats."`;
    expect(suggest(text)).toEqual([
      { form: "PARAPHRASE", quote: "Iran was ready", speakerText: "Araghchi", speakerId: "araghchi" },
      { form: "DIRECT_QUOTE", quote: "We are ready to talk", speakerText: "the minister", speakerId: "araghchi" },
      { form: "DIRECT_QUOTE", quote: "But not under threats.", speakerText: "the minister", speakerId: "araghchi" },
    ]);
  });

  it("splits a quotation interrupted by its attribution into two statements of one speaker, in every quotation style", () => {
    for (const [open, close] of [
      ['"', '"'],
      ["“", "”"],
      ["«", "»"],
    ]) {
      const text = `Tehran — ${open}We are ready to talk,${close} the minister said. ${open}But not under threats.${close}\n\nAraghchi spoke after meeting his Omani counterpart.`;
      expect(suggest(text), `${open}…${close}`).toEqual([
        { form: "DIRECT_QUOTE", quote: "We are ready to talk", speakerText: "the minister", speakerId: null },
        { form: "DIRECT_QUOTE", quote: "But not under threats.", speakerText: "the minister", speakerId: null },
      ]);
    }
  });

  it("never suggests a span that holds a whole attributed quotation and the words around it", () => {
    const text =
      "Iran’s top diplomat said the region needed calm, adding that Tehran would not be the first to escalate. " +
      "“We are ready to talk,” Abbas Araghchi said on Sunday. “But not under threats.”\n\n" +
      "Diplomats said the remarks, “We are ready to talk,” Araghchi said, were aimed at Washington.";
    for (const suggestion of suggestStatements(text, actors)) {
      if (suggestion.form === "PARAPHRASE") expect(suggestion.quote, suggestion.quote).not.toMatch(/[“”"].*(?:said|told).*[“”"]/u);
    }
  });
});

describe("attribution on unseen news shapes (issue #14)", () => {
  const actors: KnownActor[] = [
    { id: "saadi", name: "Ahmed al-Saadi", kind: "PERSON", office: "Water resources minister of Iraq" },
    { id: "turkey", name: "Turkey", kind: "GOVERNMENT", aliases: ["Ankara"] },
  ];
  const suggest = (text: string) => {
    const suggestions = suggestStatements(text, actors);
    expectWellFormed(text, suggestions);
    return suggestions.map(({ form, quote, speakerText, speakerId, cue }) => ({ form, quote, speakerText, speakerId, cue }));
  };

  it("hands the words after “, adding that” and “, saying” to the same speaker as a statement of their own", () => {
    expect(
      suggest("Al-Saadi said Iraq had sent a formal request for talks, adding that Baghdad was prepared to go to arbitration."),
    ).toEqual([
      { form: "PARAPHRASE", quote: "Iraq had sent a formal request for talks", speakerText: "Al-Saadi", speakerId: "saadi", cue: "said" },
      {
        form: "PARAPHRASE",
        quote: "Baghdad was prepared to go to arbitration",
        speakerText: "Al-Saadi",
        speakerId: "saadi",
        cue: "adding",
      },
    ]);
    expect(suggest("“We are not asking for charity,” al-Saadi said, adding: “We are asking for our share.”")).toEqual([
      { form: "DIRECT_QUOTE", quote: "We are not asking for charity", speakerText: "al-Saadi", speakerId: "saadi", cue: "said" },
      { form: "DIRECT_QUOTE", quote: "We are asking for our share.", speakerText: "al-Saadi", speakerId: "saadi", cue: "adding" },
    ]);
    expect(suggest("In a statement, Turkey rejected the accusation, saying the drought was the result of climate change.")).toEqual([
      { form: "PARAPHRASE", quote: "Turkey rejected the accusation", speakerText: "Turkey", speakerId: "turkey", cue: "rejected" },
      {
        form: "PARAPHRASE",
        quote: "the drought was the result of climate change",
        speakerText: "Turkey",
        speakerId: "turkey",
        cue: "saying",
      },
    ]);
  });

  it("reads according to X with an apposition, and leaves a second source's “according to” out of a paraphrase", () => {
    expect(suggest("According to Layla Hamdan, a hydrologist at the University of Baghdad, Iraq loses half its irrigation water.")).toEqual(
      [
        {
          form: "PARAPHRASE",
          quote: "Iraq loses half its irrigation water",
          speakerText: "Layla Hamdan",
          speakerId: null,
          cue: "According to",
        },
      ],
    );
    expect(
      suggest("Ines Vermeulen said the bloc would increase its funding by 50 million euros, according to a statement from the Commission."),
    ).toEqual([
      {
        form: "PARAPHRASE",
        quote: "the bloc would increase its funding by 50 million euros",
        speakerText: "Ines Vermeulen",
        speakerId: null,
        cue: "said",
      },
    ]);
  });

  it("resolves “she” to the woman named before, not to the man named last", () => {
    const text =
      "Rana Haddad, who heads the survey team, met the engineer Georges Nassar on Monday. " +
      "“Some of these buildings will kill someone,” she said.";
    expect(suggest(text)).toEqual([
      {
        form: "DIRECT_QUOTE",
        quote: "Some of these buildings will kill someone",
        speakerText: "Rana Haddad",
        speakerId: null,
        cue: "said",
      },
    ]);
    // The gender a pronoun taught carries over to the surname alone.
    const chained =
      "Samira Khoury keeps a folder of photographs. “I go through it every night,” Khoury said.\n\n" +
      "Her son, Elie Khoury, clears rubble for a living. Asked whether she would go back, she did not hesitate. “Tomorrow,” she said.";
    expect(suggest(chained).map((suggestion) => suggestion.speakerText)).toEqual(["Khoury", "Samira Khoury"]);
  });

  it("resolves “he” past a woman, and leaves a pronoun unresolved rather than guess between two people", () => {
    expect(
      suggest("Layla Hamdan disagreed. Her former student, Omar Jassim, was more hopeful. “The technology exists,” he said.")[0],
    ).toMatchObject({ speakerText: "Omar Jassim" });
    // The nearer person is a known actor of unknown gender ("Kim"), the farther a man: "he" could be either.
    const withKim: KnownActor[] = [...actors, { id: "sorensen", name: "Kim Sorensen", kind: "PERSON" }];
    expect(
      suggestStatements("Omar Jassim spoke after Kim Sorensen. “The technology exists,” he said.", withKim).map(
        ({ speakerText, speakerId }) => ({
          speakerText,
          speakerId,
        }),
      ),
    ).toEqual([{ speakerText: "he", speakerId: null }]);
    expect(suggestStatements("Kim Sorensen spoke first. “The technology exists,” he said.", withKim)[0]).toMatchObject({
      speakerId: "sorensen",
    });
  });

  it("resolves “it” to the organisation or government quoted just before", () => {
    expect(
      suggest(
        "Turkey's foreign ministry rejected the accusation. In a statement, it said Turkey had released more water than in any year.",
      ),
    ).toEqual([
      {
        form: "PARAPHRASE",
        quote: "Turkey's foreign ministry rejected the accusation",
        speakerText: "Turkey's foreign ministry",
        speakerId: "turkey",
        cue: "rejected",
      },
      { form: "PARAPHRASE", quote: "Turkey had released more water than in any year", speakerText: "it", speakerId: "turkey", cue: "said" },
    ]);
    expect(suggest("“We will respond,” it said.")).toEqual([]);
  });

  it("reads the English of state news agencies: stated, pointed out, “adding, …”, a speaker before a headline's colon", () => {
    const text =
      "Iraqi minister: Baghdad will not be a base against its neighbours\n\n" +
      "Ahmed al-Saadi stated on Monday that Iraq would never accept pressure. " +
      "He pointed out that Ankara had failed to keep its promises. " +
      "“Turkey has broken its word,” he stated, adding, “The rivers belong to everyone.”\n\nAnalysis: why the rivers are drying";
    expect(suggest(text).map(({ quote, speakerId, cue }) => ({ quote, speakerId, cue }))).toEqual([
      { quote: "Baghdad will not be a base against its neighbours", speakerId: null, cue: ":" },
      { quote: "Iraq would never accept pressure", speakerId: "saadi", cue: "stated" },
      { quote: "Ankara had failed to keep its promises", speakerId: "saadi", cue: "pointed out" },
      { quote: "Turkey has broken its word", speakerId: "saadi", cue: "stated" },
      { quote: "The rivers belong to everyone.", speakerId: "saadi", cue: "adding" },
    ]);
  });

  it("pairs British single quotation marks without mistaking apostrophes for them", () => {
    const text =
      "‘The ministers’ decision is final,’ Ahmed al-Saadi said. ‘But Iraq’s door stays open.’ He called Turkey’s offer ‘a start’.";
    expect(suggest(text).map(({ form, quote, speakerId }) => ({ form, quote, speakerId }))).toEqual([
      { form: "DIRECT_QUOTE", quote: "The ministers’ decision is final", speakerId: "saadi" },
      { form: "DIRECT_QUOTE", quote: "But Iraq’s door stays open.", speakerId: "saadi" },
    ]);
  });

  it("reads a list of names as one speaker, and a dateline as no part of a statement", () => {
    expect(
      suggest("France, Germany and Britain said in a joint statement that they were deeply concerned by the report.")[0],
    ).toMatchObject({
      speakerText: "France, Germany and Britain",
      quote: "they were deeply concerned by the report",
    });
    expect(
      suggest("JERUSALEM (Reuters) - A convoy of 40 trucks reached northern Gaza on Friday, the United Nations said.")[0],
    ).toMatchObject({
      quote: "A convoy of 40 trucks reached northern Gaza on Friday",
      speakerText: "the United Nations",
    });
  });
});

describe("hostile text", () => {
  it("stays well-formed on unbalanced marks, storms of quotations and clauses that never end", () => {
    const texts = [
      "‘".repeat(2000) + "’".repeat(2000),
      "“Yes,” he said. ".repeat(500),
      "Omar Jassim said the talks failed, adding that Iran, and said that, but that it was over. ".repeat(100),
      "said Velayati and told reporters that ".repeat(300),
      '«a» ‘b’ “c” "d" ’e‘ »f« '.repeat(300),
      "Velayati said: “".repeat(200),
    ];
    for (const text of texts) {
      const suggestions = suggestStatements(text, [{ id: "velayati", name: "Ali Akbar Velayati", kind: "PERSON" }]);
      expectWellFormed(text, suggestions);
    }
    // The one real statement among the clause storm is still found, once (the repeats are the same words, same speaker).
    const storm = suggestStatements(texts[2]!, []);
    expect(storm.map((suggestion) => suggestion.quote)).toContain("the talks failed");
  });
});
