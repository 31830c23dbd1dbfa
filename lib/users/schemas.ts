import { z } from "zod";
import { Role } from "../generated/prisma/enums";
import { requiredTextSchema, versionSchema } from "../validation";

export const roleLabels: Record<Role, string> = { VIEWER: "Viewer", ANALYST: "Analyst", ADMIN: "Administrator" };

export const minimumPasswordLength = 12;
export const maximumPasswordLength = 1024;

export const passwordSchema = z
  .string()
  .min(minimumPasswordLength, `use at least ${minimumPasswordLength} characters; a passphrase of several words is best`)
  .max(maximumPasswordLength, `use at most ${maximumPasswordLength} characters`);

export const userSchema = z.object({
  email: z
    .email("use a valid e-mail address")
    .max(320, "must be at most 320 characters")
    .transform((email) => email.toLowerCase()),
  name: requiredTextSchema(200),
  role: z.enum(Role),
});
export type UserInput = z.infer<typeof userSchema>;

export const signInSchema = z.object({
  email: z.string().trim().min(1, "enter your e-mail address").max(320),
  // No minimum here: the rules apply when a password is set, not when it is typed.
  password: z.string().min(1, "enter your password").max(maximumPasswordLength),
});

export const userCreationSchema = userSchema;

export const userUpdateSchema = z
  .object({
    version: versionSchema,
    name: requiredTextSchema(200).optional(),
    role: z.enum(Role).optional(),
    disabled: z.boolean().optional(),
    isAdjudicator: z.boolean().optional(),
  })
  .refine(
    (update) =>
      update.name !== undefined || update.role !== undefined || update.disabled !== undefined || update.isAdjudicator !== undefined,
    "change at least one of name, role, disabled or isAdjudicator",
  );
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, "enter your current password").max(maximumPasswordLength),
  newPassword: passwordSchema,
});
