import { z } from "zod";
import { ActorKind } from "../generated/prisma/enums";
import { idSchema, requiredTextSchema, slugSchema, versionSchema } from "../validation";

export const actorSchema = z.object({
  slug: slugSchema,
  name: requiredTextSchema(200, "enter the actor’s name"),
  kind: z.enum(ActorKind),
  office: requiredTextSchema(300).nullable().default(null),
  wikidataId: z
    .string()
    .max(20, "a Wikidata id looks like Q794")
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

export const actorCreationSchema = actorSchema.extend({ speaksForId: idSchema().nullable().default(null) });
export type ActorCreation = z.infer<typeof actorCreationSchema>;

export const actorUpdateSchema = z
  .object({
    version: versionSchema,
    name: requiredTextSchema(200).optional(),
    kind: z.enum(ActorKind).optional(),
    office: requiredTextSchema(300).nullable().optional(),
    speaksForId: idSchema().nullable().optional(),
    wikidataId: actorSchema.shape.wikidataId.optional(),
    isTrackedTarget: z.boolean().optional(),
    // Other names the actor goes by ("Tehran", "the Islamic republic"): suggestions match them, search finds them.
    aliases: z.array(requiredTextSchema(200)).max(50, "at most 50 aliases").optional(),
  })
  .refine((update) => Object.keys(update).some((field) => field !== "version"), "change at least one field");
export type ActorUpdate = z.infer<typeof actorUpdateSchema>;
