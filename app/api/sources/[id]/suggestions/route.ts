import { listStatementSuggestions } from "@/lib/data/suggestions";
import { route } from "@/lib/http/route";

type Context = { params: Promise<{ id: string }> };

/**
 * The statement suggestions the source page shows, for scripts and other tools: each with its quote and offsets into
 * the source text, the speaker's words and matched actor, form, channel and attribution cue.
 */
export const GET = route<Context>(async (_request, { params }, user) => {
  const { id } = await params;
  const suggestions = await listStatementSuggestions(user, id);
  return {
    sourceId: id,
    suggestions: suggestions.map((suggestion) => ({
      quote: suggestion.quote,
      startOffset: suggestion.startOffset,
      endOffset: suggestion.endOffset,
      form: suggestion.form,
      speakerText: suggestion.speakerText,
      speaker: suggestion.speakerId ? { id: suggestion.speakerId, name: suggestion.speakerName } : null,
      channel: suggestion.channel ?? null,
      cue: suggestion.cue,
    })),
  };
});
