import { z } from "zod";
import { Role } from "../generated/prisma/enums";
import { requiredTextSchema } from "../validation";

export const minimumPasswordLength = 12;
export const maximumPasswordLength = 1024;

export const passwordSchema = z
  .string()
  .min(minimumPasswordLength, `use at least ${minimumPasswordLength} characters; a passphrase of several words is best`)
  .max(maximumPasswordLength, `use at most ${maximumPasswordLength} characters`);

export const userSchema = z.object({
  email: z.email("use a valid e-mail address").transform((email) => email.toLowerCase()),
  name: requiredTextSchema(200),
  role: z.enum(Role),
});
export type UserInput = z.infer<typeof userSchema>;
