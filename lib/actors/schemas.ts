import { z } from "zod";
import { ActorKind } from "../generated/prisma/enums";
import { requiredTextSchema, slugSchema } from "../validation";

export const actorSchema = z.object({
  slug: slugSchema,
  name: requiredTextSchema(200),
  kind: z.enum(ActorKind),
  office: requiredTextSchema(300).nullable().default(null),
  wikidataId: z
    .string()
    .regex(/^Q[1-9]\d*$/, "a Wikidata id looks like Q794")
    .nullable()
    .default(null),
  isTrackedTarget: z.boolean().default(false),
});
export type ActorInput = z.infer<typeof actorSchema>;

export const actorKindLabels: Record<ActorKind, string> = {
  PERSON: "Person",
  GOVERNMENT: "Government",
  ORGANISATION: "Organisation",
  BLOC: "Bloc",
  GROUP: "Group",
};
