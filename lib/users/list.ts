// The users list's filters and sorts as URL parameters (lib/lists/parameters.ts). Pure.
import { z } from "zod";
import { Role } from "../generated/prisma/enums";
import type { ListDefinition } from "../lists/parameters";

export const userStatuses = ["active", "disabled"] as const;
export type UserStatus = (typeof userStatuses)[number];

export type UserListFilters = { role: Role; status: UserStatus };

export const userListDefinition: ListDefinition<UserListFilters> = {
  sorts: {
    name: { field: "name", type: "string", label: "Name", defaultDirection: "asc" },
    email: { field: "email", type: "string", label: "Email", defaultDirection: "asc" },
    created: { field: "createdAt", type: "date", label: "Date created", defaultDirection: "desc" },
  },
  defaultSort: "name",
  filters: {
    role: { parameter: "role", schema: z.enum(Role, { error: "use VIEWER, ANALYST or ADMIN" }) },
    status: { parameter: "status", schema: z.enum(userStatuses, { error: "use active or disabled" }) },
  },
};
